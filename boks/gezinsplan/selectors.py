"""Reads for the gezinsplan pages, the API and other apps. Every function that takes a user starts
from what that user may see; the rest take objects a caller already fetched through one of them."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.dossiers.models import Traject

from .choices import AfspraakStatus, DoelStatus, VersieStatus, VoorstelStatus
from .models import (
    Afspraak,
    Doel,
    DoelVoorstel,
    Evaluatie,
    Gezinsplan,
    Instellingen,
    PlanAfspraak,
    PlanDoel,
    PlanSjabloon,
    PlanVersie,
    Schaalvraag,
    Score,
)


def instellingen_for(organisatie_id: int) -> Instellingen:
    instellingen, _created = Instellingen.objects.get_or_create(organisatie_id=organisatie_id)
    return instellingen


def active_templates(organisatie_id: int) -> QuerySet[PlanSjabloon]:
    return PlanSjabloon.objects.filter(organisatie_id=organisatie_id, actief=True).order_by("-standaard", "naam")


def _readable_trajecten(user) -> QuerySet[Traject]:
    return authorization.visible_trajecten(user, Traject.objects.all(), authorization.Onderwerp.GEZINSPLAN)


def require_editor(user, traject: Traject) -> None:
    """Writes refuse before reading any input, so who may only read the plan learns nothing more."""
    if not authorization.can_edit_plan(user, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject; je kunt het plan alleen lezen."))


def plan_of(traject: Traject) -> Gezinsplan | None:
    return Gezinsplan.objects.filter(traject=traject).first()


def visible_plans(user) -> QuerySet[Gezinsplan]:
    return Gezinsplan.objects.filter(traject__in=_readable_trajecten(user))


def plan_for(user, plan_id: int) -> Gezinsplan:
    plan = (
        visible_plans(user)
        .select_related("traject__team__organisatie", "traject__huishouden")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def _content_prefetches() -> list:
    scores = Prefetch("scores", queryset=Score.objects.select_related("persoon").order_by("datum", "pk"))
    schaalvragen = Prefetch(
        "doel__schaalvragen", queryset=Schaalvraag.objects.order_by("volgorde", "pk").prefetch_related(scores)
    )
    return [
        Prefetch(
            "doelen",
            queryset=PlanDoel.objects.select_related("doel__voorstel__persoon")
            .prefetch_related("eigenaren", schaalvragen)
            .order_by("prioriteit", "pk"),
        ),
        Prefetch(
            "afspraken",
            queryset=PlanAfspraak.objects.select_related("afspraak", "wie_persoon", "doel").order_by(
                "uiterlijk_op", "pk"
            ),
        ),
        "netwerk",
        "afwegingen",
    ]


def visible_versions(user) -> QuerySet[PlanVersie]:
    return PlanVersie.objects.filter(plan__traject__in=_readable_trajecten(user)).select_related(
        "plan__traject__team__organisatie",
        "plan__traject__huishouden",
        "sjabloon_versie__sjabloon",
        "aangemaakt_door",
        "gewijzigd_door",
        "vastgesteld_door",
        "instemming_van",
    )


def versie_for(user, versie_id: int) -> PlanVersie:
    """One version with its whole content (goals with their scores, agreements, network, weighings),
    in a constant number of queries; 404 when the user may not see it."""
    try:
        versie = visible_versions(user).prefetch_related(*_content_prefetches()).get(pk=versie_id)
    except PlanVersie.DoesNotExist as missing:
        raise Http404 from missing
    access_log.read(traject=versie.plan.traject, obj=versie, omschrijving=f"Gezinsplan versie {versie.nummer}")
    return versie


def _with_content() -> QuerySet[PlanVersie]:
    return PlanVersie.objects.select_related(
        "sjabloon_versie__sjabloon", "vastgesteld_door", "instemming_van"
    ).prefetch_related(*_content_prefetches())


def with_content(versie: PlanVersie | None) -> PlanVersie | None:
    if versie is None:
        return None
    return _with_content().get(pk=versie.pk)


def vastgestelde_versie_met_inhoud(plan: Gezinsplan) -> PlanVersie | None:
    """The vastgestelde version with its content, in the query that finds it."""
    return _with_content().filter(plan=plan, status=VersieStatus.VASTGESTELD).first()


def versions_of(plan: Gezinsplan) -> QuerySet[PlanVersie]:
    return plan.versies.select_related("aangemaakt_door", "vastgesteld_door", "instemming_van").order_by("-nummer")


def versies_en_huidige(plan: Gezinsplan) -> tuple[list[PlanVersie], PlanVersie | None, PlanVersie | None]:
    """All versions, newest first, with the vastgestelde version and the concept among them: one
    query for what the plan page would otherwise ask three times."""
    versies = list(versions_of(plan))
    vastgesteld = next((v for v in versies if v.status == VersieStatus.VASTGESTELD), None)
    concept = next((v for v in versies if v.status == VersieStatus.CONCEPT), None)
    return versies, vastgesteld, concept


def vastgestelde_versie(plan: Gezinsplan) -> PlanVersie | None:
    return plan.versies.filter(status=VersieStatus.VASTGESTELD).first()


def concept_of(plan: Gezinsplan) -> PlanVersie | None:
    return plan.versies.filter(status=VersieStatus.CONCEPT).first()


def previous_of(versie: PlanVersie) -> PlanVersie | None:
    return versie.plan.versies.filter(nummer__lt=versie.nummer).order_by("-nummer").first()


def evaluaties_of(plan: Gezinsplan) -> QuerySet[Evaluatie]:
    return plan.evaluaties.select_related("gehouden_door", "versie").prefetch_related("doelen").order_by("-datum")


def open_voorstellen(plan: Gezinsplan) -> QuerySet[DoelVoorstel]:
    return plan.voorstellen.filter(status=VoorstelStatus.INGEDIEND).select_related("persoon", "ingediend_door")


def voorstel_for(user, voorstel_id: int) -> DoelVoorstel:
    voorstel = (
        DoelVoorstel.objects.select_related("plan__traject__team", "persoon")
        .filter(plan__traject__in=_readable_trajecten(user))
        .filter(pk=voorstel_id)
        .first()
    )
    if voorstel is None:
        raise Http404
    return voorstel


def plan_doel_for(user, plan_doel_id: int) -> PlanDoel:
    found = PlanDoel.objects.filter(pk=plan_doel_id, versie__in=visible_versions(user)).select_related("versie").first()
    if found is None:
        raise Http404
    return found


def plan_afspraak_for(user, plan_afspraak_id: int) -> PlanAfspraak:
    found = (
        PlanAfspraak.objects.filter(pk=plan_afspraak_id, versie__in=visible_versions(user))
        .select_related("versie")
        .first()
    )
    if found is None:
        raise Http404
    return found


def afspraak_for(user, afspraak_id: int) -> Afspraak:
    found = (
        Afspraak.objects.filter(pk=afspraak_id, plan__traject__in=_readable_trajecten(user))
        .select_related("plan__traject__team")
        .first()
    )
    if found is None:
        raise Http404
    return found


def schaalvraag_for(user, schaalvraag_id: int) -> Schaalvraag:
    found = (
        Schaalvraag.objects.filter(pk=schaalvraag_id, doel__plan__traject__in=_readable_trajecten(user))
        .select_related("doel__plan__traject__team__organisatie")
        .first()
    )
    if found is None:
        raise Http404
    return found


def doel_for(user, doel_id: int) -> Doel:
    found = (
        Doel.objects.filter(pk=doel_id, plan__traject__in=_readable_trajecten(user))
        .select_related("plan__traject__team__organisatie")
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass
class ScoreSeries:
    """The scores on one scale question, as chart data and as rows for the table beside it."""

    schaalvraag: Schaalvraag
    dates: list[str] = field(default_factory=list)
    lines: dict[str, list[int | None]] = field(default_factory=dict)

    @property
    def scores(self) -> list[Score]:
        return list(self.schaalvraag.scores.all())

    @property
    def chart_id(self) -> str:
        return f"scores-{self.schaalvraag.pk}"

    @property
    def raters(self) -> list[str]:
        return list(self.lines)

    @property
    def rows(self) -> list[tuple[str, list[int | None]]]:
        """One row per date with each rater's score, for the table beside the chart."""
        return [(date, [self.lines[rater][index] for rater in self.lines]) for index, date in enumerate(self.dates)]

    def chart(self, schaal_min: int, schaal_max: int) -> dict:
        return {
            "labels": self.dates,
            "datasets": [{"label": label, "data": values} for label, values in self.lines.items()],
            "min": schaal_min,
            "max": schaal_max,
            "yLabel": "Score",
        }


def rater_label(score: Score) -> str:
    if score.persoon_id:
        return score.persoon.voornaam
    return score.beoordelaar_naam or score.get_beoordelaar_display()


def series(schaalvraag: Schaalvraag) -> ScoreSeries:
    """One line per rater over the dates anyone scored (uses prefetched scores)."""
    scores = list(schaalvraag.scores.all())
    dates = sorted({score.datum for score in scores})
    lines: dict[str, list[int | None]] = defaultdict(lambda: [None] * len(dates))
    for score in scores:
        lines[rater_label(score)][dates.index(score.datum)] = score.waarde
    return ScoreSeries(schaalvraag, [date.strftime("%d-%m-%Y") for date in dates], dict(lines))


def open_afspraken_of(versie: PlanVersie) -> list[PlanAfspraak]:
    return [item for item in versie.afspraken.all() if item.afspraak.status == AfspraakStatus.OPEN]


def doelen_per_leefgebied(traject: Traject) -> dict[str, list[PlanDoel]]:
    """The goals of the traject's current plan (the vastgestelde version, else the concept) per
    leefgebied code, for showing them beside a leefgebied's Wat Telt chart."""
    plan = plan_of(traject)
    if plan is None:
        return {}
    versie = vastgestelde_versie(plan) or concept_of(plan)
    if versie is None:
        return {}
    grouped: dict[str, list[PlanDoel]] = defaultdict(list)
    for plan_doel in versie.doelen.select_related("doel").order_by("prioriteit", "pk"):
        if plan_doel.leefgebied:
            grouped[plan_doel.leefgebied].append(plan_doel)
    return dict(grouped)


@dataclass
class GoalView:
    """A goal on the plan page: its wording, its agreements and a chart per scale question."""

    plan_doel: PlanDoel
    afspraken: list[PlanAfspraak]
    charts: list[tuple[ScoreSeries, dict]]


def goal_views(versie: PlanVersie, instellingen: Instellingen) -> list[GoalView]:
    """Uses the content prefetched by ``with_content``/``versie_for``."""
    agreements: dict[int, list[PlanAfspraak]] = defaultdict(list)
    for item in versie.afspraken.all():
        if item.doel_id:
            agreements[item.doel_id].append(item)
    views = []
    for plan_doel in versie.doelen.all():
        charts = []
        for schaalvraag in plan_doel.doel.schaalvragen.all():
            line = series(schaalvraag)
            charts.append((line, line.chart(instellingen.schaal_min, instellingen.schaal_max)))
        views.append(GoalView(plan_doel, agreements[plan_doel.doel_id], charts))
    return views


def schaalvragen_of(versie: PlanVersie | None) -> list[Schaalvraag]:
    """The scale questions of the goals in a version that are still being worked on, in plan order."""
    if versie is None:
        return []
    priority = PlanDoel.objects.filter(versie=versie, doel=OuterRef("doel")).values("prioriteit")[:1]
    return list(
        Schaalvraag.objects.filter(doel__in=versie.doelen.values("doel"), doel__status=DoelStatus.ACTIEF)
        .annotate(prioriteit=Subquery(priority))
        .order_by("prioriteit", "volgorde", "pk")
    )


def goal_choices(traject: Traject) -> list[tuple[int, str]]:
    """The goals a journal entry can be about: those of the current plan (agreed, else the concept)."""
    versions = list(PlanVersie.objects.filter(plan__traject=traject).exclude(status=VersieStatus.VERVANGEN))
    agreed = [v for v in versions if v.status == VersieStatus.VASTGESTELD]
    versie = (agreed or versions or [None])[0]
    if versie is None:
        return []
    return [(plan_doel.doel_id, plan_doel.omschrijving) for plan_doel in versie.doelen.order_by("prioriteit", "pk")]


def goal_labels_for(entries: list) -> dict[int, list[str]]:
    """Journal entry id -> the wording (latest version) of the goals it was about."""
    links = list(
        Doel.contactmomenten.through.objects.filter(contactmoment_id__in=[entry.pk for entry in entries]).values_list(
            "contactmoment_id", "doel_id"
        )
    )
    if not links:
        return {}
    wording: dict[int, str] = {}
    for plan_doel in PlanDoel.objects.filter(doel_id__in={doel for _entry, doel in links}).order_by("-versie__nummer"):
        wording.setdefault(plan_doel.doel_id, plan_doel.omschrijving)
    labels: dict[int, list[str]] = defaultdict(list)
    for entry_id, doel_id in links:
        labels[entry_id].append(wording.get(doel_id, ""))
    return dict(labels)


@dataclass
class ClientPlan:
    """The agreed plan as one client may see it: goals about people they may read about, and the
    agreements of those goals (or about them, or about nobody in particular)."""

    versie: PlanVersie
    goals: list[GoalView]
    loose_afspraken: list[PlanAfspraak]
    eigen_afspraak_ids: set[int]


def client_plan(scope: authorization.ClientScope, traject: Traject) -> ClientPlan | None:
    plan = plan_of(traject)
    versie = vastgestelde_versie_met_inhoud(plan) if plan is not None else None
    if versie is None or traject.huishouden_id != scope.huishouden_id:
        return None
    access_log.read(traject=traject, obj=versie, omschrijving="Gezinsplan in het portaal")
    instellingen = instellingen_for(traject.team.organisatie_id)

    def visible(person_ids) -> bool:
        return scope.may_see(zichtbaar=True, betreft_ids=person_ids)

    goals = [
        goal for goal in goal_views(versie, instellingen) if visible([p.pk for p in goal.plan_doel.eigenaren.all()])
    ]
    for goal in goals:
        goal.afspraken = [
            item for item in goal.afspraken if visible([item.wie_persoon_id] if item.wie_persoon_id else [])
        ]
    loose = [
        item
        for item in versie.afspraken.all()
        if item.doel_id is None and visible([item.wie_persoon_id] if item.wie_persoon_id else [])
    ]
    own = {item.afspraak_id for item in versie.afspraken.all() if item.wie_persoon_id == scope.viewer.pk}
    return ClientPlan(versie=versie, goals=goals, loose_afspraken=loose, eigen_afspraak_ids=own)


def client_voorstellen(scope: authorization.ClientScope) -> QuerySet[DoelVoorstel]:
    return DoelVoorstel.objects.filter(persoon=scope.viewer).order_by("-ingediend_op")
