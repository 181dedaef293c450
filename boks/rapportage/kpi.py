"""The indicators: one function per figure, over a period (or a peildatum) and a scope.

Every figure is computed by database aggregates over the workflow data; no traject row is loaded
into Python. Each function answers per group (`per`): None for one total, or "team", "cluster",
"wijk", "melder", "maand" or "kwartaal" (of the date the indicator counts by). It returns a dict
from the group key (None for the total) to a dict of numbers.

The populations (which trajecten an indicator counts) are separate functions, so the drill-down
lists exactly the trajecten behind a figure. docs/rapportage.md defines every indicator: numerator,
denominator, period rule, exclusions and how Onbekend and Niet van toepassing count.

Rules every indicator shares:
- Only trajecten of soort 'buurtteam' count; trajecten of another service without the buurtteam
  (TrajectSoort.ZONDER_BUURTTEAM) stay out.
- Heropenen undoes a closing: a reopened traject is one traject, active without interruption, and
  counts as closed only on its last afsluitdatum (figures of a frozen quarter keep what was
  published; recomputing shows the difference).
- A traject belongs to the team that holds it now, and to the wijk where its household lives (or,
  when that is not recorded, the wijk of its team).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear, TruncMonth, TruncQuarter
from django.utils.translation import gettext_lazy as _

from boks.accounts.models import Cluster, Organisatie, Team, Wijk
from boks.dossiers.choices import Afsluitreden, Leefgebied, Melder, Status, TrajectSoort, ZelfstandigVerder
from boks.dossiers.models import Traject, Werkafspraken
from boks.gezinsplan.choices import VersieStatus
from boks.gezinsplan.models import PlanVersie
from boks.maatwerk.choices import BESLUITEN, OPEN, AanvraagStatus
from boks.maatwerk.models import Aanvraag, Verwijzing
from boks.wattelt.choices import Beoordelaar, Variant
from boks.wattelt.figures import STANDAARD_SCHAAL
from boks.wattelt.models import Meting, Score

from .periods import Periode

NORM_STANDAARD = Werkafspraken._meta.get_field("kennismaking_norm_werkdagen").default
ONVOLDOENDE_ONDER = 6
LANG_WACHTEND_DAGEN = 100
DUUR_KLASSEN = [
    ("korter_dan_12", _("korter dan 12 maanden"), 0, 12),
    ("12_tot_24", _("12 tot 24 maanden"), 12, 24),
    ("24_of_langer", _("24 maanden of langer"), 24, None),
]
VOLGENS_PLAN_OF_OVERLEG = (Afsluitreden.VOLGENS_PLAN, Afsluitreden.IN_OVERLEG_VOORTIJDIG)


# Scope ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What the figures are about: an organisation, or one of its clusters, teams or wijken."""

    organisatie: Organisatie
    soort: str = "organisatie"
    """'organisatie', 'cluster', 'team' or 'wijk'."""
    object: Cluster | Team | Wijk | None = None

    @property
    def code(self) -> str:
        return "organisatie" if self.object is None else f"{self.soort}:{self.object.pk}"

    @property
    def label(self) -> str:
        if self.object is None:
            return str(self.organisatie)
        names = {"cluster": _("Cluster"), "team": _("Team"), "wijk": _("Wijk")}
        return f"{names[self.soort]} {self.object.naam}"

    def q(self, prefix: str = "") -> Q:
        """A filter on trajecten (or, with prefix 'traject__', on their objects)."""
        condition = Q(**{f"{prefix}team__organisatie_id": self.organisatie.pk})
        if self.soort == "cluster":
            condition &= Q(**{f"{prefix}team__cluster_id": self.object.pk})
        elif self.soort == "team":
            condition &= Q(**{f"{prefix}team_id": self.object.pk})
        elif self.soort == "wijk":
            condition &= Q(**{f"{prefix}huishouden__wijk_id": self.object.pk}) | Q(
                **{f"{prefix}huishouden__wijk__isnull": True, f"{prefix}team__wijk_id": self.object.pk}
            )
        return condition

    @property
    def team_ids(self) -> set[int] | None:
        """The one team a team scope is about; None for wider scopes."""
        return {self.object.pk} if self.soort == "team" else None


def trajecten(scope: Scope) -> QuerySet[Traject]:
    """The buurtteam trajecten in a scope: the base of every indicator."""
    return Traject.objects.filter(scope.q(), soort=TrajectSoort.BUURTTEAM)


# Grouping ------------------------------------------------------------------------------------

WIJK = Coalesce(F("huishouden__wijk_id"), F("team__wijk_id"))


def _groep(per: str, datumveld: str | None):
    if per == "team":
        return F("team_id")
    if per == "cluster":
        return F("team__cluster_id")
    if per == "wijk":
        return WIJK
    if per == "melder":
        return F("melder")
    if per in {"maand", "kwartaal"}:
        if datumveld is None:
            raise ValueError(f"indicator has no date to group by {per}")
        return (TruncMonth if per == "maand" else TruncQuarter)(datumveld, output_field=DateField())
    raise ValueError(f"unknown grouping {per!r}")


def _aggregate(queryset: QuerySet, per: str | None, aggregates: dict, datumveld: str | None = None) -> dict:
    if per is None:
        return {None: queryset.aggregate(**aggregates)}
    rows = queryset.annotate(groep=_groep(per, datumveld)).values("groep").annotate(**aggregates).order_by("groep")
    return {row.pop("groep"): row for row in rows}


def _share(numerator: int | None, denominator: int | None) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _round(value, digits: int = 1):
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds() / 86400
    return round(float(value), digits)


def _median(histogram: Iterable[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how often) pairs: the middle value, or the mean of the
    two middle values when the count is even (as PostgreSQL's percentile_cont(0.5))."""
    pairs = sorted((value, count) for value, count in histogram if value is not None and count)
    total = sum(count for _value, count in pairs)
    if not total:
        return None
    lower_rank, upper_rank = (total - 1) // 2, total // 2
    seen, lower = 0, None
    for value, count in pairs:
        if lower is None and seen + count > lower_rank:
            lower = value
        if seen + count > upper_rank:
            return (lower + value) / 2
        seen += count
    return None


def _medians(queryset: QuerySet, per: str | None, value, datumveld: str | None = None) -> dict:
    """Per group, the median of an integer expression, from a histogram the database counts (one
    row per group and distinct value: a few hundred at most, whatever the number of trajecten)."""
    queryset = queryset.annotate(waarde=value)
    if per is None:
        rows = queryset.values("waarde").annotate(n=Count("pk")).order_by()
        return {None: _median((row["waarde"], row["n"]) for row in rows)}
    rows = queryset.annotate(groep=_groep(per, datumveld)).values("groep", "waarde").annotate(n=Count("pk")).order_by()
    histograms: dict = {}
    for row in rows:
        histograms.setdefault(row["groep"], []).append((row["waarde"], row["n"]))
    return {key: _median(pairs) for key, pairs in histograms.items()}


def _days(later, earlier) -> ExpressionWrapper:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


def _date(day: datetime.date) -> Value:
    return Value(day, output_field=DateField())


# Populations -----------------------------------------------------------------------------------


def actief_op(queryset: QuerySet[Traject], peildatum: datetime.date) -> QuerySet[Traject]:
    """Registered on or before the peildatum and not closed by the end of it."""
    return queryset.filter(aanmelddatum__lte=peildatum).filter(
        Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gt=peildatum)
    )


def lopend_in(queryset: QuerySet[Traject], periode: Periode) -> QuerySet[Traject]:
    """Active on at least one day of the period: registered by its end, not closed before its start."""
    return queryset.filter(aanmelddatum__lte=periode.tot).filter(
        Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=periode.van)
    )


def aangemeld_in(queryset: QuerySet[Traject], periode: Periode) -> QuerySet[Traject]:
    return queryset.filter(aanmelddatum__range=(periode.van, periode.tot))


def afgesloten_in(queryset: QuerySet[Traject], periode: Periode) -> QuerySet[Traject]:
    return queryset.filter(afgesloten_op__range=(periode.van, periode.tot))


def kennismaking_in(queryset: QuerySet[Traject], periode: Periode) -> QuerySet[Traject]:
    """Trajecten whose kennismaking was held in the period (with its werkdagen recorded)."""
    return queryset.filter(kennismaking_op__range=(periode.van, periode.tot), werkdagen_tot_kennismaking__isnull=False)


def wachtend_op(queryset: QuerySet[Traject], peildatum: datetime.date) -> QuerySet[Traject]:
    """Kennismaking held by the peildatum, begeleiding not started and not closed by the end of it."""
    return (
        actief_op(queryset, peildatum)
        .filter(kennismaking_op__lte=peildatum)
        .filter(Q(begeleiding_gestart_op__isnull=True) | Q(begeleiding_gestart_op__gt=peildatum))
    )


def begeleiding_gestart_in(queryset: QuerySet[Traject], periode: Periode) -> QuerySet[Traject]:
    return queryset.filter(begeleiding_gestart_op__range=(periode.van, periode.tot), kennismaking_op__isnull=False)


def in_uitvoering_op(queryset: QuerySet[Traject], peildatum: datetime.date) -> QuerySet[Traject]:
    return actief_op(queryset, peildatum).filter(uitvoering_gestart_op__lte=peildatum)


def norm():
    """A traject's kennismaking norm in werkdagen: its organisation's, or the default of 5."""
    return Coalesce(F("team__organisatie__werkafspraken__kennismaking_norm_werkdagen"), NORM_STANDAARD)


def binnen_norm() -> Q:
    return Q(werkdagen_tot_kennismaking__lte=norm())


def vastgesteld_plan_op(peildatum: datetime.date) -> Exists:
    """Whether the traject's plan had a vastgestelde version by the end of the peildatum."""
    return Exists(
        PlanVersie.objects.filter(
            plan__traject=OuterRef("pk"),
            status__in=[VersieStatus.VASTGESTELD, VersieStatus.VERVANGEN],
            instemming_op__lte=peildatum,
        )
    )


def maanden_tussen(start: str, end: datetime.date | str):
    """Whole months from the date field `start` to `end` (a date or a date field): 31 January to
    28 February is 0 months, to 1 March is 1 month."""
    start_months = ExtractYear(start) * 12 + ExtractMonth(start)
    if isinstance(end, datetime.date):
        end_months = Value(end.year * 12 + end.month)
        day_back = Case(When(**{f"{start}__day__gt": end.day}, then=Value(1)), default=Value(0))
    else:
        end_months = ExtractYear(end) * 12 + ExtractMonth(end)
        day_back = Case(When(**{f"{start}__day__gt": F(f"{end}__day")}, then=Value(1)), default=Value(0))
    return ExpressionWrapper(end_months - start_months - day_back, output_field=IntegerField())


def duur_klasse(queryset: QuerySet[Traject], klasse: str, einde: datetime.date | str) -> QuerySet[Traject]:
    _code, _label, low, high = next(k for k in DUUR_KLASSEN if k[0] == klasse)
    queryset = queryset.annotate(maanden=maanden_tussen("aanmelddatum", einde)).filter(maanden__gte=low)
    return queryset.filter(maanden__lt=high) if high is not None else queryset


# Indicators ------------------------------------------------------------------------------------


def caseload(scope: Scope, peildatum: datetime.date, per: str | None = None) -> dict:
    """Active caseload at a peildatum: trajecten, of which in begeleiding; unique households and
    unique clients (every person of those households)."""
    return _aggregate(
        actief_op(trajecten(scope), peildatum),
        per,
        {
            "trajecten": Count("pk", distinct=True),
            "in_begeleiding": Count("pk", distinct=True, filter=Q(begeleiding_gestart_op__lte=peildatum)),
            "huishoudens": Count("huishouden_id", distinct=True),
            "clienten": Count("huishouden__personen", distinct=True),
        },
    )


def aantallen(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Aantal (Bijlage 1): trajecten aangemeld in, lopend in and afgesloten in the period, and the
    unique households and clients of the lopende trajecten."""
    base = trajecten(scope)
    lopend = _aggregate(
        lopend_in(base, periode),
        per,
        {
            "lopend": Count("pk", distinct=True),
            "huishoudens": Count("huishouden_id", distinct=True),
            "clienten": Count("huishouden__personen", distinct=True),
        },
    )
    gestart = _aggregate(aangemeld_in(base, periode), per, {"gestart": Count("pk")})
    afgesloten = _aggregate(afgesloten_in(base, periode), per, {"afgesloten": Count("pk")})
    keys = set(lopend) | set(gestart) | set(afgesloten)
    empty = {"gestart": 0, "lopend": 0, "afgesloten": 0, "huishoudens": 0, "clienten": 0}
    return {
        key: {**empty, **lopend.get(key, {}), **gestart.get(key, {}), **afgesloten.get(key, {})}
        for key in sorted(keys, key=_sort_key)
    }


def _sort_key(key):
    return (key is None, str(key))


def instroom(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Instroom: trajecten aangemeld in the period."""
    return _aggregate(aangemeld_in(trajecten(scope), periode), per, {"aangemeld": Count("pk")}, "aanmelddatum")


def instroom_per_melder(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Instroom per melder category: {melder: {group: count}}; melder 'onbekend' included."""
    queryset = aangemeld_in(trajecten(scope), periode)
    if per is None:
        rows = queryset.values("melder").annotate(n=Count("pk")).order_by()
        return {row["melder"]: {None: row["n"]} for row in rows}
    rows = (
        queryset.annotate(groep=_groep(per, "aanmelddatum"))
        .values("melder", "groep")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict = {}
    for row in rows:
        result.setdefault(row["melder"], {})[row["groep"]] = row["n"]
    return result


def snelheid(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Werkdagen from aanmelding to kennismaking over trajecten whose kennismaking was held in the
    period: n, average, median, how many within the norm (werkdagen ≤ the organisation's norm) and
    that share; also the average in calendar days."""
    queryset = kennismaking_in(trajecten(scope), periode)
    result = _aggregate(
        queryset,
        per,
        {
            "n": Count("pk"),
            "gemiddeld": Avg("werkdagen_tot_kennismaking"),
            "gemiddeld_kalenderdagen": Avg("kalenderdagen_tot_kennismaking"),
            "binnen_norm": Count("pk", filter=binnen_norm()),
            "norm": Max(norm()),
        },
        "kennismaking_op",
    )
    medians = _medians(queryset, per, F("werkdagen_tot_kennismaking"), "kennismaking_op")
    for key, row in result.items():
        row["gemiddeld"] = _round(row["gemiddeld"])
        row["gemiddeld_kalenderdagen"] = _round(row["gemiddeld_kalenderdagen"])
        row["mediaan"] = medians.get(key)
        row["aandeel_binnen_norm"] = _share(row["binnen_norm"], row["n"])
    return result


def wachtenden(scope: Scope, peildatum: datetime.date, per: str | None = None) -> dict:
    """Wachtenden at a peildatum (kennismaking held, begeleiding not started, not closed): how many,
    the average and longest wait in calendar days since the kennismaking, and how many wait longer
    than 100 days."""
    lang = peildatum - datetime.timedelta(days=LANG_WACHTEND_DAGEN)
    result = _aggregate(
        wachtend_op(trajecten(scope), peildatum),
        per,
        {
            "wachtend": Count("pk"),
            "gemiddeld_dagen": Avg(_days(_date(peildatum), F("kennismaking_op"))),
            "langste_dagen": Max(_days(_date(peildatum), F("kennismaking_op"))),
            "langer_dan_100_dagen": Count("pk", filter=Q(kennismaking_op__lt=lang)),
        },
    )
    for row in result.values():
        row["gemiddeld_dagen"] = _round(row["gemiddeld_dagen"])
        row["langste_dagen"] = _round(row["langste_dagen"], 0)
    return result


def wachttijd_tot_begeleiding(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Calendar days from kennismaking to the start of begeleiding, over trajecten whose begeleiding
    started in the period: n, average, median, and how many started on the day of the kennismaking."""
    queryset = begeleiding_gestart_in(trajecten(scope), periode)
    result = _aggregate(
        queryset,
        per,
        {
            "n": Count("pk"),
            "gemiddeld_dagen": Avg(_days(F("begeleiding_gestart_op"), F("kennismaking_op"))),
            "direct": Count("pk", filter=Q(begeleiding_gestart_op=F("kennismaking_op"))),
        },
        "begeleiding_gestart_op",
    )
    medians = _medians(
        queryset,
        per,
        Cast(_days(F("begeleiding_gestart_op"), F("kennismaking_op")), output_field=DurationField()),
        "begeleiding_gestart_op",
    )
    for key, row in result.items():
        row["gemiddeld_dagen"] = _round(row["gemiddeld_dagen"])
        median = medians.get(key)
        row["mediaan_dagen"] = _round(median) if median is not None else None
    return result


def _duur(queryset: QuerySet[Traject], einde, per: str | None, datumveld: str | None) -> dict:
    queryset = queryset.annotate(maanden=maanden_tussen("aanmelddatum", einde))
    aggregates = {"n": Count("pk")}
    for code, _label, low, high in DUUR_KLASSEN:
        condition = Q(maanden__gte=low) & (Q(maanden__lt=high) if high is not None else Q())
        aggregates[code] = Count("pk", filter=condition)
    result = _aggregate(queryset, per, aggregates, datumveld)
    for row in result.values():
        for code, *_rest in DUUR_KLASSEN:
            row[f"aandeel_{code}"] = _share(row[code], row["n"])
    return result


def duur_afgesloten(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Duration in whole months from aanmelding to afsluiten of trajecten closed in the period, in
    three classes: < 12, 12 to 24, 24 months or longer."""
    return _duur(afgesloten_in(trajecten(scope), periode), "afgesloten_op", per, "afgesloten_op")


def duur_lopend(scope: Scope, peildatum: datetime.date, per: str | None = None) -> dict:
    """Duration so far, in whole months from aanmelding to the peildatum, of trajecten active on it."""
    return _duur(actief_op(trajecten(scope), peildatum), peildatum, per, None)


def afsluitredenen(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Trajecten closed in the period, per afsluitreden, and the share closed volgens plan or in
    overeenstemming voortijdig."""
    aggregates = {"afgesloten": Count("pk")}
    for reden in Afsluitreden:
        aggregates[reden.value] = Count("pk", filter=Q(afsluitreden=reden))
    aggregates["zonder_reden"] = Count("pk", filter=Q(afsluitreden=""))
    result = _aggregate(afgesloten_in(trajecten(scope), periode), per, aggregates, "afgesloten_op")
    for row in result.values():
        row["volgens_plan_of_overleg"] = sum(row[reden] for reden in VOLGENS_PLAN_OF_OVERLEG)
        row["aandeel_volgens_plan_of_overleg"] = _share(row["volgens_plan_of_overleg"], row["afgesloten"])
    return result


def zelfstandig_verder(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """'Kan zelfstandig verder' over trajecten closed in the period. The share is Ja ÷ (Ja + Nee +
    Onbekend): Niet van toepassing is left out of the denominator, Onbekend (and a blank from
    conversion) stays in it, because an unknown outcome is not a success. The uncorrected share
    Ja ÷ all closed is given too."""
    result = _aggregate(
        afgesloten_in(trajecten(scope), periode),
        per,
        {
            "afgesloten": Count("pk"),
            "ja": Count("pk", filter=Q(zelfstandig_verder=ZelfstandigVerder.JA)),
            "nee": Count("pk", filter=Q(zelfstandig_verder=ZelfstandigVerder.NEE)),
            "onbekend": Count("pk", filter=Q(zelfstandig_verder__in=[ZelfstandigVerder.ONBEKEND, ""])),
            "nvt": Count("pk", filter=Q(zelfstandig_verder=ZelfstandigVerder.NIET_VAN_TOEPASSING)),
        },
        "afgesloten_op",
    )
    for row in result.values():
        row["noemer"] = row["ja"] + row["nee"] + row["onbekend"]
        row["aandeel"] = _share(row["ja"], row["noemer"])
        row["aandeel_van_alle"] = _share(row["ja"], row["afgesloten"])
    return result


def rapportcijfer(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """The client's rapportcijfer over trajecten closed in the period that have one: n, average,
    how many below 6 and that share; and the response (n ÷ closed)."""
    result = _aggregate(
        afgesloten_in(trajecten(scope), periode),
        per,
        {
            "afgesloten": Count("pk"),
            "n": Count("rapportcijfer"),
            "gemiddeld": Avg("rapportcijfer"),
            "onvoldoende": Count("pk", filter=Q(rapportcijfer__lt=ONVOLDOENDE_ONDER)),
        },
        "afgesloten_op",
    )
    for row in result.values():
        row["gemiddeld"] = _round(row["gemiddeld"])
        row["aandeel_onvoldoende"] = _share(row["onvoldoende"], row["n"])
        row["respons"] = _share(row["n"], row["afgesloten"])
    return result


def _verwijzingen(scope: Scope, periode: Periode) -> QuerySet[Verwijzing]:
    return Verwijzing.objects.filter(
        traject__in=trajecten(scope).values("pk"), startdatum__range=(periode.van, periode.tot)
    )


def verwijzingen(scope: Scope, periode: Periode, per: str = "zorgvorm") -> list[dict]:
    """Referrals whose care started in the period, per zorgvorm (with its wettelijk kader) or per
    aanbieder, with the average calendar days from the traject's aanmelding to the start of care."""
    fields = ["zorgvorm", "wettelijk_kader"] if per == "zorgvorm" else ["aanbieder"]
    rows = (
        _verwijzingen(scope, periode)
        .values(*fields)
        .annotate(n=Count("pk"), dagen=Avg(_days(F("startdatum"), F("traject__aanmelddatum"))))
        .order_by("-n", *fields)
    )
    return [{**row, "dagen": _round(row["dagen"])} for row in rows]


def verwijzingen_per_team(scope: Scope, periode: Periode, per: str | None = "team") -> dict:
    """Referrals whose care started in the period, per team (or month of the start)."""
    queryset = _verwijzingen(scope, periode)
    if per is None:
        return {None: queryset.aggregate(n=Count("pk"))}
    groep = F("traject__team_id") if per == "team" else TruncMonth("startdatum", output_field=DateField())
    rows = queryset.annotate(groep=groep).values("groep").annotate(n=Count("pk")).order_by("groep")
    return {row["groep"]: {"n": row["n"]} for row in rows}


def aanvullende_zorg_betrokken(scope: Scope, peildatum: datetime.date) -> dict:
    """Of the households with an active traject at the peildatum, how many have aanvullende zorg
    running on it (a referral started by then and not ended before it)."""
    running = Verwijzing.objects.filter(
        traject__huishouden_id=OuterRef("huishouden_id"), startdatum__lte=peildatum
    ).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=peildatum))
    row = actief_op(trajecten(scope), peildatum).aggregate(
        huishoudens=Count("huishouden_id", distinct=True),
        met_zorg=Count("huishouden_id", distinct=True, filter=Q(Exists(running))),
    )
    row["aandeel"] = _share(row["met_zorg"], row["huishoudens"])
    return row


def aanvragen(scope: Scope, periode: Periode) -> list[dict]:
    """Requests per type: submitted in the period; decided in the period per outcome (granted,
    partly granted, refused) with the average lead time in werkdagen (days waiting for information
    excluded) and the share decided within the norm; and open at the end of the period."""
    base = Aanvraag.objects.filter(traject__in=trajecten(scope).values("pk"))
    decided = Q(besluit_op__range=(periode.van, periode.tot), status__in=BESLUITEN)
    rows = (
        base.values(soort_naam=F("soort__naam"))
        .annotate(
            ingediend=Count("pk", filter=Q(eerst_ingediend_op__range=(periode.van, periode.tot))),
            besloten=Count("pk", filter=decided),
            toegekend=Count("pk", filter=decided & Q(status=AanvraagStatus.TOEGEKEND)),
            gedeeltelijk=Count("pk", filter=decided & Q(status=AanvraagStatus.GEDEELTELIJK_TOEGEKEND)),
            afgewezen=Count("pk", filter=decided & Q(status=AanvraagStatus.AFGEWEZEN)),
            doorlooptijd=Avg("doorlooptijd_werkdagen", filter=decided),
            binnen_norm=Count("pk", filter=decided & Q(binnen_norm=True)),
            open=Count("pk", filter=Q(status__in=OPEN)),
        )
        .order_by("soort_naam")
    )
    return [
        {
            **row,
            "doorlooptijd": _round(row["doorlooptijd"]),
            "aandeel_binnen_norm": _share(row["binnen_norm"], row["besloten"]),
        }
        for row in rows
        if row["ingediend"] or row["besloten"] or row["open"]
    ]


def wat_telt_metingen(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Wat Telt metingen held in the period: digital, on paper, and the clients measured."""
    queryset = Meting.objects.filter(traject__in=trajecten(scope).values("pk"), datum__range=(periode.van, periode.tot))
    aggregates = {
        "metingen": Count("pk"),
        "digitaal": Count("pk", filter=Q(variant=Variant.DIGITAAL)),
        "papier": Count("pk", filter=Q(variant=Variant.PAPIER)),
        "clienten": Count("persoon_id", distinct=True),
    }
    if per is None:
        return {None: queryset.aggregate(**aggregates)}
    groep = F("traject__team_id") if per == "team" else TruncMonth("datum", output_field=DateField())
    rows = queryset.annotate(groep=groep).values("groep").annotate(**aggregates).order_by("groep")
    return {row.pop("groep"): row for row in rows}


def _relatief(prefix: str = ""):
    return Cast(F(f"{prefix}waarde") - F(f"{prefix}meting__schaal_min"), FloatField()) / Cast(
        F(f"{prefix}meting__schaal_max") - F(f"{prefix}meting__schaal_min"), FloatField()
    )


def wat_telt_verandering(scope: Scope, periode: Periode) -> list[dict]:
    """Per leefgebied, the average change of the client's own score between the client's first and
    latest meting on it, over clients whose latest meting falls in the period, in points on the
    default scale (the definition of boks.wattelt.figures, over the scope's trajecten). Clients
    measured once do not count."""
    klant = Score.objects.filter(beoordelaar=Beoordelaar.KLANT)
    same = klant.filter(
        meting__persoon_id=OuterRef("meting__persoon_id"), leefgebied__code=OuterRef("leefgebied__code")
    )
    later = same.filter(
        Q(meting__datum__gt=OuterRef("meting__datum"))
        | Q(meting__datum=OuterRef("meting__datum"), meting__pk__gt=OuterRef("meting_id"))
    )
    earlier = same.filter(
        Q(meting__datum__lt=OuterRef("meting__datum"))
        | Q(meting__datum=OuterRef("meting__datum"), meting__pk__lt=OuterRef("meting_id"))
    )
    first = earlier.order_by("meting__datum", "meting__pk").annotate(relatief=_relatief()).values("relatief")[:1]
    span = STANDAARD_SCHAAL[1] - STANDAARD_SCHAAL[0]
    rows = (
        klant.filter(meting__traject__in=trajecten(scope).values("pk"), meting__datum__range=(periode.van, periode.tot))
        .filter(~Exists(later), Exists(earlier))
        .annotate(eerste=Subquery(first, output_field=FloatField()), laatste=_relatief())
        .values("leefgebied__code")
        .annotate(clienten=Count("pk"), verandering=Avg(F("laatste") - F("eerste")))
        .order_by("leefgebied__code")
    )
    labels = dict(Leefgebied.choices)
    return [
        {
            "leefgebied": row["leefgebied__code"],
            "naam": str(labels.get(row["leefgebied__code"], row["leefgebied__code"])),
            "clienten": row["clienten"],
            "gemiddelde_verandering": round(row["verandering"] * span, 2),
        }
        for row in rows
    ]


def plan_vastgesteld(scope: Scope, peildatum: datetime.date, per: str | None = None) -> dict:
    """Of the trajecten in uitvoering at the peildatum, how many had a vastgesteld plan by then."""
    result = _aggregate(
        in_uitvoering_op(trajecten(scope), peildatum).annotate(heeft_plan=vastgesteld_plan_op(peildatum)),
        per,
        {"in_uitvoering": Count("pk"), "met_plan": Count("pk", filter=Q(heeft_plan=True))},
    )
    for row in result.values():
        row["aandeel"] = _share(row["met_plan"], row["in_uitvoering"])
    return result


def evaluatie_te_laat(queryset: QuerySet[Traject], peildatum: datetime.date) -> QuerySet[Traject]:
    return queryset.filter(status=Status.UITVOERING, gezinsplan__volgende_evaluatie_op__lt=peildatum)


def evaluaties_te_laat(scope: Scope, peildatum: datetime.date, per: str | None = None) -> dict:
    """Trajecten in uitvoering now whose plan evaluation was due before the peildatum, and how many
    days late on average. The due date is the plan's current one, so this figure is about today
    (a frozen report keeps the value of the day it was frozen)."""
    base = trajecten(scope).filter(status=Status.UITVOERING)
    result = _aggregate(
        base,
        per,
        {
            "in_uitvoering": Count("pk"),
            "te_laat": Count("pk", filter=Q(gezinsplan__volgende_evaluatie_op__lt=peildatum)),
            "gemiddeld_dagen_te_laat": Avg(
                _days(_date(peildatum), F("gezinsplan__volgende_evaluatie_op")),
                filter=Q(gezinsplan__volgende_evaluatie_op__lt=peildatum),
            ),
        },
    )
    for row in result.values():
        row["gemiddeld_dagen_te_laat"] = _round(row["gemiddeld_dagen_te_laat"])
        row["aandeel"] = _share(row["te_laat"], row["in_uitvoering"])
    return result


# Data quality ----------------------------------------------------------------------------------

NA_KENNISMAKING = [Status.WACHTEND, Status.PLAN, Status.UITVOERING]
NA_START = [Status.PLAN, Status.UITVOERING]


def _was_of_is(statuses) -> Q:
    return Q(status__in=statuses) | Q(status=Status.AFGESLOTEN, status_voor_afsluiten__in=statuses)


DATAKWALITEIT = {
    "zonder_melder": (
        _("Zonder melder (onbekend of leeg)"),
        lambda: Q(melder__in=["", Melder.ONBEKEND]),
    ),
    "zonder_kennismaking": (
        _("Verder dan de kennismaking, maar zonder kennismakingsdatum"),
        lambda: _was_of_is(NA_KENNISMAKING) & Q(kennismaking_op__isnull=True),
    ),
    "zonder_start_begeleiding": (
        _("In plan of uitvoering, maar zonder startdatum begeleiding"),
        lambda: _was_of_is(NA_START) & Q(begeleiding_gestart_op__isnull=True),
    ),
    "zonder_plan": (
        _("In uitvoering zonder vastgesteld plan"),
        lambda: (
            _was_of_is([Status.UITVOERING])
            & ~Exists(
                PlanVersie.objects.filter(
                    plan__traject=OuterRef("pk"), status__in=[VersieStatus.VASTGESTELD, VersieStatus.VERVANGEN]
                )
            )
        ),
    ),
    "zonder_afsluitreden": (
        _("Afgesloten zonder afsluitreden"),
        lambda: (Q(status=Status.AFGESLOTEN) | Q(afgesloten_op__isnull=False)) & Q(afsluitreden=""),
    ),
    "zonder_zelfstandig_verder": (
        _("Afgesloten zonder antwoord op 'kan zelfstandig verder' (onbekend of leeg)"),
        lambda: Q(afgesloten_op__isnull=False) & Q(zelfstandig_verder__in=["", ZelfstandigVerder.ONBEKEND]),
    ),
}


def datakwaliteit_trajecten(scope: Scope, periode: Periode, controle: str) -> QuerySet[Traject]:
    """The trajecten active in the period that fail one check."""
    return lopend_in(trajecten(scope), periode).filter(DATAKWALITEIT[controle][1]())


def datakwaliteit(scope: Scope, periode: Periode, per: str | None = None) -> dict:
    """Per check, how many trajecten active in the period fail it, out of how many."""
    aggregates = {"lopend": Count("pk")}
    for code, (_label, condition) in DATAKWALITEIT.items():
        aggregates[code] = Count("pk", filter=condition())
    return _aggregate(lopend_in(trajecten(scope), periode), per, aggregates)


def buiten_buurtteamcijfers(scope: Scope, periode: Periode) -> int:
    """Trajecten of another service without the buurtteam, active in the period: left out of every
    figure above, counted here so the exclusion is visible."""
    return lopend_in(Traject.objects.filter(scope.q(), soort=TrajectSoort.ZONDER_BUURTTEAM), periode).count()
