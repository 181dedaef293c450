"""Reading the CSV files as Dutch spreadsheets write them: UTF-8 with or without BOM or
Windows-1252, comma or semicolon, dates as dd-mm-jjjj or ISO. Nothing here raises on bad input:
every problem becomes a Fout with its place and a Dutch reason."""

import codecs
import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Fout:
    bestand: str
    regel: int | None
    kolom: str
    reden: str
    legacy_id: str = ""

    def as_dict(self) -> dict:
        return {
            "bestand": self.bestand,
            "regel": self.regel,
            "kolom": self.kolom,
            "reden": self.reden,
            "legacy_id": self.legacy_id,
        }


@dataclass
class Tabel:
    """A file as read: its header and its rows, each with the line it starts on."""

    bestand: str
    kolommen: list[str] = field(default_factory=list)
    rijen: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    fouten: list[Fout] = field(default_factory=list)
    bestandsfout: bool = False


def decodeer(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: that is what Excel on Dutch Windows writes,
    and a UTF-8 reading that fails is almost always that."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def scheidingsteken(kopregel: str) -> str:
    return ";" if kopregel.count(";") > kopregel.count(",") else ","


def lees(bestand: str, data: bytes) -> Tabel:
    tabel = Tabel(bestand)
    tekst = decodeer(data)
    if not tekst.strip():
        tabel.fouten.append(Fout(bestand, None, "", _("Het bestand is leeg.")))
        tabel.bestandsfout = True
        return tabel
    kopregel = tekst.splitlines()[0]
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken(kopregel), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        kop = next(reader)
        begin = reader.line_num + 1
        for velden in reader:
            records.append((begin, velden))
            begin = reader.line_num + 1
    except csv.Error:
        tabel.fouten.append(
            Fout(
                bestand,
                reader.line_num,
                "",
                _("Het bestand is afgebroken of beschadigd: een veld tussen aanhalingstekens sluit niet af."),
            )
        )
        tabel.bestandsfout = True
        return tabel
    tabel.kolommen = [naam.strip().lower() for naam in kop]
    afgebroken = not tekst.endswith(("\n", "\r"))
    for index, (regel, velden) in enumerate(records):
        if not any(veld.strip() for veld in velden):
            continue
        if len(velden) != len(tabel.kolommen):
            reden = _("De regel heeft %(n)s velden, de kopregel %(m)s.") % {"n": len(velden), "m": len(tabel.kolommen)}
            if afgebroken and index == len(records) - 1:
                # A file cut off in the middle of its last line: the whole file is suspect.
                reden = _("Het bestand is afgebroken: de laatste regel is niet compleet. %(reden)s") % {"reden": reden}
                tabel.bestandsfout = True
            tabel.fouten.append(Fout(bestand, regel, "", reden))
            continue
        tabel.rijen.append((regel, {naam: veld.strip() for naam, veld in zip(tabel.kolommen, velden, strict=True)}))
    return tabel


_DATUM_NL = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")
_DATUM_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIJD = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$")


class OngeldigeWaarde(ValueError):
    pass


def datum(waarde: str) -> datetime.date:
    """dd-mm-jjjj (also with /) or jjjj-mm-dd."""
    if match := _DATUM_NL.match(waarde):
        dag, maand, jaar = (int(deel) for deel in match.groups())
    elif match := _DATUM_ISO.match(waarde):
        jaar, maand, dag = (int(deel) for deel in match.groups())
    else:
        raise OngeldigeWaarde(_("'%(waarde)s' is geen datum. Schrijf dd-mm-jjjj of jjjj-mm-dd.") % {"waarde": waarde})
    try:
        return datetime.date(jaar, maand, dag)
    except ValueError as fout:
        raise OngeldigeWaarde(_("De datum %(waarde)s bestaat niet.") % {"waarde": waarde}) from fout


def datumtijd(waarde: str) -> tuple[datetime.date, datetime.time]:
    """A date, optionally followed by a time (hh:mm, hh:mm:ss or with fractions of a second, as the
    export writes them), separated by a space or a T."""
    deel_datum, _sep, deel_tijd = waarde.replace("T", " ", 1).partition(" ")
    dag = datum(deel_datum.strip())
    deel_tijd = deel_tijd.strip()
    if not deel_tijd:
        return dag, datetime.time(0, 0)
    match = _TIJD.match(deel_tijd)
    if not match:
        raise OngeldigeWaarde(_("'%(waarde)s' is geen tijd. Schrijf uu:mm.") % {"waarde": deel_tijd})
    try:
        microseconden = int((match[4] or "0").ljust(6, "0"))
        return dag, datetime.time(int(match[1]), int(match[2]), int(match[3] or 0), microseconden)
    except ValueError as fout:
        raise OngeldigeWaarde(_("De tijd %(waarde)s bestaat niet.") % {"waarde": deel_tijd}) from fout


JA = {"ja", "j", "1", "true", "waar", "yes", "y"}
NEE = {"nee", "n", "0", "false", "onwaar", "no"}


def janee(waarde: str) -> bool:
    gewoon = waarde.strip().lower()
    if gewoon in JA:
        return True
    if gewoon in NEE:
        return False
    raise OngeldigeWaarde(_("'%(waarde)s' is geen ja of nee.") % {"waarde": waarde})


def getal(waarde: str) -> int:
    try:
        return int(waarde)
    except ValueError as fout:
        raise OngeldigeWaarde(_("'%(waarde)s' is geen geheel getal.") % {"waarde": waarde}) from fout


_BEDRAG = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$|^-?\d+([.,]\d{1,2})?$")


def bedrag(waarde: str) -> Decimal:
    """Euros with a decimal comma and optional thousands dots (1.250,50) as a Dutch spreadsheet writes
    them, or a decimal point (1250.50) as the export does."""
    schoon = waarde.replace("€", "").replace(" ", "")
    if not _BEDRAG.match(schoon):
        raise OngeldigeWaarde(_("'%(waarde)s' is geen bedrag. Schrijf bijvoorbeeld 1250,00.") % {"waarde": waarde})
    if "," in schoon:
        schoon = schoon.replace(".", "").replace(",", ".")
    elif schoon.count(".") > 1 or re.search(r"\.\d{3}$", schoon):
        schoon = schoon.replace(".", "")
    return Decimal(schoon).quantize(Decimal("0.01"))
