"""The validation report: every rejected row with file, line, column and reason, and the counts per
file, as CSV (to sort and filter in a spreadsheet) and as a readable HTML page."""

import csv
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import formaat

KOLOMMEN = ["bestand", "regel", "kolom", "legacy_id", "reden"]
# The report keeps this many rejections; the count says how many there were in all.
MAX_FOUTEN = 20000


def aantallen_rijen(aantallen: dict) -> list[dict]:
    """The counts per file, in the order of the format, for the report and the beheer page."""
    return [{"bestand": b.bestandsnaam, **aantallen[b.soort]} for b in formaat.BESTANDEN if b.soort in aantallen]


def _cel(waarde) -> str:
    """A cell Excel will not run as a formula: the files come from outside."""
    tekst = "" if waarde is None else str(waarde)
    return f"'{tekst}" if tekst.startswith(("=", "+", "-", "@")) else tekst


def als_csv(*, aantallen: dict, fouten: list[dict], inlezen: bool) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    geschreven = _("ingelezen") if inlezen else _("zou worden ingelezen")
    schrijver.writerow(
        [
            _("bestand"),
            _("gelezen"),
            _("geldig"),
            _("afgekeurd"),
            f"{_('nieuw')} ({geschreven})",
            _("gewijzigd"),
            _("ongewijzigd"),
        ]
    )
    for rij in aantallen_rijen(aantallen):
        schrijver.writerow(
            [
                rij["bestand"],
                rij["gelezen"],
                rij["geldig"],
                rij["afgekeurd"],
                rij["nieuw"],
                rij["gewijzigd"],
                rij["ongewijzigd"],
            ]
        )
    schrijver.writerow([])
    schrijver.writerow([_(kolom) for kolom in KOLOMMEN])
    for fout in fouten:
        schrijver.writerow(
            [
                _cel(fout["bestand"]),
                fout["regel"] or "",
                _cel(fout["kolom"]),
                _cel(fout["legacy_id"]),
                _cel(fout["reden"]),
            ]
        )
    return "\ufeff" + uit.getvalue()


def als_html(
    *, titel: str, aantallen: dict, fouten: list[dict], aantal_fouten: int, inlezen: bool, melding: str = ""
) -> str:
    return render_to_string(
        "conversie/rapport.html",
        {
            "titel": titel,
            "aantallen": aantallen_rijen(aantallen),
            "fouten": fouten,
            "aantal_fouten": aantal_fouten,
            "ingekort": aantal_fouten > len(fouten),
            "inlezen": inlezen,
            "melding": melding,
        },
    )
