"""A client's Wat Telt history as chart data and as the table beside each chart.

Per leefgebied: the client's, the worker's and a third party's scores side by side over the
rounds, and the client's overall score as its own line. When the organisation changed its scale,
older rounds are drawn on the newest scale (the table keeps the numbers as given)."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import Beoordelaar
from .models import Meting
from .services import op_schaal


@dataclass
class Rij:
    meting: Meting
    klant: str = "—"
    medewerker: str = "—"
    derde: str = "—"
    algemeen: str = "—"


@dataclass
class Grafiek:
    id: str
    code: str
    titel: str
    data: dict
    rijen: list[Rij]
    doelen: list = field(default_factory=list)


@dataclass
class Historie:
    persoon: object
    metingen: list[Meting]
    grafieken: list[Grafiek]


def _shown(waarde: int | None, meting: Meting, scale: tuple[int, int]) -> str:
    if waarde is None:
        return "—"
    if (meting.schaal_min, meting.schaal_max) == scale:
        return str(waarde)
    return _("%(waarde)s (schaal %(min)s–%(max)s)") % {
        "waarde": waarde,
        "min": meting.schaal_min,
        "max": meting.schaal_max,
    }


def _point(waarde: int | None, meting: Meting, scale: tuple[int, int]) -> float | None:
    if waarde is None:
        return None
    value = op_schaal(waarde, (meting.schaal_min, meting.schaal_max), scale)
    return int(value) if value == int(value) else round(value, 1)


def _label(meting: Meting) -> str:
    return _("%(datum)s (ronde %(ronde)s)") % {"datum": date_format(meting.datum, "j M Y"), "ronde": meting.ronde}


def grafieken(metingen: list[Meting]) -> list[Grafiek]:
    """One chart per leefgebied the client ever chose, in catalogue order, from metingen whose
    scores and leefgebieden are prefetched (oldest first)."""
    if not metingen:
        return []
    scale = (metingen[-1].schaal_min, metingen[-1].schaal_max)
    leefgebieden = {}
    for meting in metingen:
        for leefgebied in meting.leefgebieden.all():
            leefgebieden.setdefault(leefgebied.code, leefgebied)
    charts = []
    for code, leefgebied in sorted(leefgebieden.items(), key=lambda item: (item[1].volgorde, item[1].naam)):
        rounds = [m for m in metingen if any(lg.code == code for lg in m.leefgebieden.all())]
        scores = {
            (meting.pk, score.beoordelaar): score.waarde
            for meting in rounds
            for score in meting.scores.all()
            if score.leefgebied.code == code
        }
        series = {
            rater: [_point(scores.get((meting.pk, rater)), meting, scale) for meting in rounds]
            for rater in Beoordelaar.values
        }
        datasets = [
            {"label": str(Beoordelaar.KLANT.label), "data": series[Beoordelaar.KLANT], "emphasis": True},
            {"label": str(Beoordelaar.MEDEWERKER.label), "data": series[Beoordelaar.MEDEWERKER]},
        ]
        if any(value is not None for value in series[Beoordelaar.DERDE]):
            datasets.append({"label": str(Beoordelaar.DERDE.label), "data": series[Beoordelaar.DERDE]})
        overall = [_point(meting.algemene_score, meting, scale) for meting in rounds]
        if any(value is not None for value in overall):
            datasets.append({"label": _("Algemene score (cliënt)"), "data": overall})
        rows = [
            Rij(
                meting=meting,
                klant=_shown(scores.get((meting.pk, Beoordelaar.KLANT)), meting, scale),
                medewerker=_shown(scores.get((meting.pk, Beoordelaar.MEDEWERKER)), meting, scale),
                derde=_shown(scores.get((meting.pk, Beoordelaar.DERDE)), meting, scale),
                algemeen=_shown(meting.algemene_score, meting, scale),
            )
            for meting in rounds
        ]
        charts.append(
            Grafiek(
                id=f"wattelt-{metingen[0].persoon_id}-{code}",
                code=code,
                titel=leefgebied.naam,
                data={
                    "labels": [_label(meting) for meting in rounds],
                    "datasets": datasets,
                    "min": scale[0],
                    "max": scale[1],
                    "yLabel": _("Score"),
                },
                rijen=rows,
            )
        )
    return charts


def historie(metingen: list[Meting], doelen: dict[str, list] | None = None) -> list[Historie]:
    """The metingen grouped per client (in the order of their first meting), each with its charts;
    `doelen` (leefgebied code → goals) are put beside the chart of their leefgebied."""
    per_persoon: dict[int, list[Meting]] = {}
    for meting in metingen:
        per_persoon.setdefault(meting.persoon_id, []).append(meting)
    result = []
    for rounds in per_persoon.values():
        charts = grafieken(rounds)
        for chart in charts:
            chart.doelen = (doelen or {}).get(chart.code, [])
        result.append(Historie(persoon=rounds[0].persoon, metingen=rounds, grafieken=charts))
    return result
