"""Drill-down: the trajecten behind a figure, from the same population functions the figure is
computed with, so the list and the number always agree.

A drill-down is an indicator name, the period (or peildatum) and at most one detail, for example
`afgesloten` with `afsluitreden=volgens_plan`. `parse` checks a request's parameters and raises
OngeldigeDoorklik with a Dutch message for anything else."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boks.dossiers.choices import Afsluitreden, Melder, ZelfstandigVerder
from boks.dossiers.models import Traject

from . import kpi
from .periods import Periode


class OngeldigeDoorklik(ValueError):
    pass


INDICATOREN = {
    "actief": gettext_lazy("Actief op de peildatum"),
    "lopend": gettext_lazy("Lopend in de periode"),
    "aangemeld": gettext_lazy("Aangemeld in de periode"),
    "afgesloten": gettext_lazy("Afgesloten in de periode"),
    "kennismaking": gettext_lazy("Kennismaking in de periode"),
    "wachtend": gettext_lazy("Wachtend op de peildatum"),
    "evaluatie_te_laat": gettext_lazy("Evaluatie van het plan te laat"),
    **{f"datakwaliteit.{code}": label for code, (label, _condition) in kpi.DATAKWALITEIT.items()},
}

DETAILS = {
    "melder": dict(Melder.choices),
    "afsluitreden": dict(Afsluitreden.choices),
    "zelfstandig_verder": {**dict(ZelfstandigVerder.choices), "": gettext_lazy("niet ingevuld")},
    "duur": {code: label for code, label, *_rest in kpi.DUUR_KLASSEN},
    "norm": {"binnen": gettext_lazy("binnen de norm"), "buiten": gettext_lazy("buiten de norm")},
    "cijfer": {"onvoldoende": gettext_lazy("rapportcijfer onder de 6")},
    "maand": None,
}
DETAILS_PER_INDICATOR = {
    "aangemeld": {"melder", "maand"},
    "afgesloten": {"afsluitreden", "zelfstandig_verder", "duur", "cijfer", "maand"},
    "kennismaking": {"norm", "maand"},
    "actief": {"duur"},
}


@dataclass(frozen=True)
class Doorklik:
    indicator: str
    periode: Periode
    peildatum: datetime.date
    detail: str = ""
    waarde: str = ""

    @property
    def titel(self) -> str:
        title = str(INDICATOREN[self.indicator])
        if self.detail == "maand":
            return f"{title}, {self.waarde}"
        if self.detail:
            return f"{title}: {DETAILS[self.detail][self.waarde]}"
        return title

    def query(self, scope_code: str) -> str:
        params = {"indicator": self.indicator, "scope": scope_code, "van": self.periode.van, "tot": self.periode.tot}
        params["peildatum"] = self.peildatum
        if self.detail:
            params[self.detail] = self.waarde
        return urlencode(params)


def parse(params, periode: Periode, peildatum: datetime.date) -> Doorklik:
    indicator = params.get("indicator", "")
    if indicator not in INDICATOREN:
        raise OngeldigeDoorklik(_("Onbekend cijfer om naar door te klikken."))
    allowed = DETAILS_PER_INDICATOR.get(indicator, set())
    given = [name for name in DETAILS if name in params]
    if len(given) > 1 or (given and given[0] not in allowed):
        raise OngeldigeDoorklik(_("Deze uitsplitsing past niet bij dit cijfer."))
    if not given:
        return Doorklik(indicator, periode, peildatum)
    detail, waarde = given[0], params.get(given[0], "")
    if detail == "maand":
        try:
            datetime.date.fromisoformat(f"{waarde}-01")
        except ValueError as wrong:
            raise OngeldigeDoorklik(_("Geef de maand als jjjj-mm.")) from wrong
    elif waarde not in DETAILS[detail]:
        raise OngeldigeDoorklik(_("Onbekende waarde voor deze uitsplitsing."))
    return Doorklik(indicator, periode, peildatum, detail, waarde)


def _maand(waarde: str) -> Periode:
    from .periods import maand

    year, month = (int(part) for part in waarde.split("-"))
    return maand(year, month)


def trajecten(scope: kpi.Scope, doorklik: Doorklik) -> QuerySet[Traject]:
    """The trajecten behind the figure; the caller restricts them to what the viewer may read."""
    base = kpi.trajecten(scope)
    periode, peildatum = doorklik.periode, doorklik.peildatum
    if doorklik.detail == "maand":
        month = _maand(doorklik.waarde)
        periode = Periode(max(month.van, periode.van), min(month.tot, periode.tot))
    name = doorklik.indicator
    if name == "actief":
        queryset = kpi.actief_op(base, peildatum)
    elif name == "lopend":
        queryset = kpi.lopend_in(base, periode)
    elif name == "aangemeld":
        queryset = kpi.aangemeld_in(base, periode)
    elif name == "afgesloten":
        queryset = kpi.afgesloten_in(base, periode)
    elif name == "kennismaking":
        queryset = kpi.kennismaking_in(base, periode)
    elif name == "wachtend":
        queryset = kpi.wachtend_op(base, peildatum)
    elif name == "evaluatie_te_laat":
        queryset = kpi.evaluatie_te_laat(base, peildatum)
    else:
        queryset = kpi.datakwaliteit_trajecten(scope, periode, name.removeprefix("datakwaliteit."))
    return _detail(queryset, doorklik)


def _detail(queryset: QuerySet[Traject], doorklik: Doorklik) -> QuerySet[Traject]:
    detail, waarde = doorklik.detail, doorklik.waarde
    if detail == "melder":
        return queryset.filter(melder=waarde)
    if detail == "afsluitreden":
        return queryset.filter(afsluitreden=waarde)
    if detail == "zelfstandig_verder":
        values = [waarde, ""] if waarde == ZelfstandigVerder.ONBEKEND else [waarde]
        return queryset.filter(zelfstandig_verder__in=values)
    if detail == "duur":
        einde = "afgesloten_op" if doorklik.indicator == "afgesloten" else doorklik.peildatum
        return kpi.duur_klasse(queryset, waarde, einde)
    if detail == "norm":
        return queryset.filter(kpi.binnen_norm()) if waarde == "binnen" else queryset.exclude(kpi.binnen_norm())
    if detail == "cijfer":
        return queryset.filter(rapportcijfer__lt=kpi.ONVOLDOENDE_ONDER)
    return queryset
