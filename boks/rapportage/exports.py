"""The report pack as CSV, XLSX and a printable PDF, with the viewer's suppression applied.

CSV follows Dutch spreadsheet habits: semicolons, a decimal comma and a byte-order mark, so Excel
opens it as intended; every table is a block with its title. XLSX has a sheet per appendix with
numbers as numbers (shares formatted as percentages). The PDF is rendered with WeasyPrint, as the
gezinsplan's; without the Pango library it is unavailable and the page says so."""

import csv
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .tabellen import AANDEEL, Cel, Tabel


class PdfOnbeschikbaar(Exception):
    pass


def _csv_value(cel: Cel) -> str:
    if cel.onderdrukt:
        return cel.tekst
    if cel.waarde is None:
        return ""
    value = cel.waarde * 100 if cel.soort == AANDEEL else cel.waarde
    if isinstance(value, float):
        return f"{round(value, 1):.1f}".replace(".", ",")
    return str(value)


def _kop(tabel: Tabel) -> list[str]:
    return [tabel.rij_kop or ""] + [
        f"{kolom} (%)" if any(row.cellen[i].soort == AANDEEL for row in tabel.rijen) else kolom
        for i, kolom in enumerate(tabel.kolommen)
    ]


def csv_bytes(titel: str, bijlagen: list[tuple[str, list[Tabel]]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([titel])
    for bijlage, tabellen in bijlagen:
        for tabel in tabellen:
            writer.writerow([])
            writer.writerow([f"{bijlage}: {tabel.titel}"])
            writer.writerow(_kop(tabel))
            for row in tabel.rijen:
                writer.writerow([row.label, *(_csv_value(cel) for cel in row.cellen)])
            if tabel.toelichting:
                writer.writerow([tabel.toelichting])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(titel: str, bijlagen: list[tuple[str, list[Tabel]]], onderschrift: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for bijlage, tabellen in bijlagen:
        bijlage = str(bijlage)
        sheet = workbook.create_sheet(bijlage.split("–")[-1].strip()[:31])
        sheet.append([titel])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([bijlage])
        sheet.append([onderschrift])
        for tabel in tabellen:
            sheet.append([])
            sheet.append([str(tabel.titel)])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            sheet.append([str(tabel.rij_kop or ""), *(str(kolom) for kolom in tabel.kolommen)])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in tabel.rijen:
                sheet.append(
                    [str(row.label), *(cel.tekst if cel.onderdrukt else cel.export_waarde for cel in row.cellen)]
                )
                for index, cel in enumerate(row.cellen, start=2):
                    target = sheet.cell(row=sheet.max_row, column=index)
                    if cel.onderdrukt:
                        continue
                    if cel.soort == AANDEEL:
                        target.number_format = "0%"
                    elif isinstance(cel.waarde, float):
                        target.number_format = "0.0"
                if row.totaal:
                    sheet.cell(row=sheet.max_row, column=1).font = bold
            if tabel.toelichting:
                sheet.append([str(tabel.toelichting)])
        sheet.column_dimensions["A"].width = 42
        for letter in "BCDEFGHIJ":
            sheet.column_dimensions[letter].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(context: dict) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as missing_library:
        raise PdfOnbeschikbaar(
            _("De PDF kan op deze server niet worden gemaakt: de systeembibliotheek Pango ontbreekt.")
        ) from missing_library
    return HTML(string=render_to_string("rapportage/rapport_pdf.html", context)).write_pdf()
