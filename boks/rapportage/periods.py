"""Reporting periods: a month, a quarter, a year or any range of days, with their parts.

A period is a closed range of dates (`van` up to and including `tot`). Quarters and years have a
code that appears in URLs and in frozen reports: "2026-K1" is the first quarter of 2026, "2026" the
whole year. A quarter's parts are its months; a year's parts are its quarters."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
MAANDEN_KORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


class OngeldigePeriode(ValueError):
    """A period code or range that does not describe a period; the message is Dutch."""


@dataclass(frozen=True)
class Periode:
    van: datetime.date
    tot: datetime.date
    code: str = ""
    soort: str = "bereik"
    """'maand', 'kwartaal', 'jaar' or 'bereik' (any range of days)."""

    def __post_init__(self):
        if self.tot < self.van:
            raise OngeldigePeriode(_("De einddatum ligt vóór de begindatum."))

    @property
    def label(self) -> str:
        if self.soort == "maand":
            return f"{MAANDEN[self.van.month - 1]} {self.van.year}"
        if self.soort == "kwartaal":
            return _("%(kwartaal)se kwartaal %(jaar)s") % {"kwartaal": kwartaal_van(self.van), "jaar": self.van.year}
        if self.soort == "jaar":
            return str(self.van.year)
        return f"{date_format(self.van, 'j M Y')} – {date_format(self.tot, 'j M Y')}"

    @property
    def kort(self) -> str:
        """A short column heading: 'jan', 'K1', '2026' or the range."""
        if self.soort == "maand":
            return MAANDEN_KORT[self.van.month - 1]
        if self.soort == "kwartaal":
            return f"K{kwartaal_van(self.van)}"
        return self.label

    def delen(self) -> list["Periode"]:
        """The months of a quarter or a range, or the quarters of a year."""
        if self.soort == "jaar":
            return [kwartaal(self.van.year, k) for k in range(1, 5)]
        months = []
        day = self.van.replace(day=1)
        while day <= self.tot:
            month = maand(day.year, day.month)
            months.append(Periode(max(month.van, self.van), min(month.tot, self.tot), month.code, "maand"))
            day = month.tot + datetime.timedelta(days=1)
        return months

    def vorige(self) -> "Periode":
        """The period of the same kind just before this one (for a range: as many days)."""
        if self.soort == "kwartaal":
            k = kwartaal_van(self.van)
            return kwartaal(self.van.year - 1, 4) if k == 1 else kwartaal(self.van.year, k - 1)
        if self.soort == "jaar":
            return jaar(self.van.year - 1)
        if self.soort == "maand":
            day = self.van - datetime.timedelta(days=1)
            return maand(day.year, day.month)
        length = self.tot - self.van
        end = self.van - datetime.timedelta(days=1)
        return Periode(end - length, end)

    @property
    def afgelopen(self) -> bool:
        return self.tot < timezone.localdate()


def kwartaal_van(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def _last_day(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def maand(year: int, month: int) -> Periode:
    return Periode(datetime.date(year, month, 1), _last_day(year, month), f"{year}-{month:02d}", "maand")


def kwartaal(year: int, quarter: int) -> Periode:
    if quarter not in (1, 2, 3, 4):
        raise OngeldigePeriode(_("Een kwartaal is 1, 2, 3 of 4."))
    first = 3 * quarter - 2
    return Periode(datetime.date(year, first, 1), _last_day(year, first + 2), f"{year}-K{quarter}", "kwartaal")


def jaar(year: int) -> Periode:
    return Periode(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year), "jaar")


CODE = re.compile(r"^(?P<jaar>\d{4})(?:-K(?P<kwartaal>[1-4])|-(?P<maand>0[1-9]|1[0-2]))?$")


def uit_code(code: str) -> Periode:
    """'2026-K1', '2026-03' or '2026' as a period; OngeldigePeriode otherwise."""
    match = CODE.match(code or "")
    if not match or not 2000 <= int(match["jaar"]) <= 2100:
        raise OngeldigePeriode(
            _("Onbekende periode '%(code)s'. Gebruik bijvoorbeeld 2026-K1 (kwartaal), 2026-03 (maand) of 2026.")
            % {"code": code}
        )
    year = int(match["jaar"])
    if match["kwartaal"]:
        return kwartaal(year, int(match["kwartaal"]))
    if match["maand"]:
        return maand(year, int(match["maand"]))
    return jaar(year)


def huidig_kwartaal(today: datetime.date | None = None) -> Periode:
    today = today or timezone.localdate()
    return kwartaal(today.year, kwartaal_van(today))


def laatste_afgelopen_kwartaal(today: datetime.date | None = None) -> Periode:
    return huidig_kwartaal(today).vorige()
