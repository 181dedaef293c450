"""Reads for the Aanvullende-zorg pages, the API, the portal and reports. Every function that takes
a user starts from what that user may see (the authorisation module); the rest take objects a
caller already fetched through one of them."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.choices import UserKind
from boks.accounts.models import Membership, User
from boks.audit import log as access_log
from boks.dossiers.models import Traject
from boks.gezinsplan import selectors as plan_selectors
from boks.gezinsplan.models import Gezinsplan, PlanDoel, PlanVersie

from .choices import OPEN, AanvraagStatus, Routering
from .models import Aanvraag, AanvraagSoort, AanvraagStap, Bijlage, Vervanging, Verwijzing

# Types every organisation starts with; functioneel beheer changes them in beheer.
DEFAULT_SOORTEN = [
    {
        "code": "maatwerk",
        "naam": "Maatwerk",
        "toelichting": "Een oplossing op maat, buiten het ingekochte aanbod (de maatwerkroute).",
        "volgorde": 1,
    },
    {
        "code": "pgb",
        "naam": "PGB (persoonsgebonden budget)",
        "toelichting": "Een budget waarmee het gezin zelf de zorg inkoopt. Sluit aan op een huidig PGB.",
        "met_budget": True,
        "periode_verplicht": True,
        "norm_werkdagen": 10,
        "volgorde": 2,
    },
    {
        "code": "hbh",
        "naam": "Hulp bij het huishouden",
        "toelichting": "Hulp bij het huishouden (Wmo).",
        "periode_verplicht": True,
        "volgorde": 3,
    },
]


@transaction.atomic
def _ensure_default_soorten(organisatie_id: int) -> None:
    for values in DEFAULT_SOORTEN:
        AanvraagSoort.objects.get_or_create(
            organisatie_id=organisatie_id,
            code=values["code"],
            defaults={k: v for k, v in values.items() if k != "code"},
        )


def soorten_voor(organisatie_id: int) -> QuerySet[AanvraagSoort]:
    """The organisation's active types; an organisation that never made a request gets the defaults."""
    if not AanvraagSoort.objects.filter(organisatie_id=organisatie_id).exists():
        _ensure_default_soorten(organisatie_id)
    return AanvraagSoort.objects.filter(organisatie_id=organisatie_id, actief=True).order_by("volgorde", "naam")


# One request ----------------------------------------------------------------------------------


def visible_aanvragen(user, scope: authorization.BeoordelaarScope | None = None) -> QuerySet[Aanvraag]:
    return authorization.visible_aanvragen(user, Aanvraag.objects.all(), scope)


def aanvraag_for(user, aanvraag_id: int, scope: authorization.BeoordelaarScope | None = None) -> Aanvraag:
    """One request with everything its page shows, in a constant number of queries; 404 otherwise."""
    queryset = (
        visible_aanvragen(user, scope)
        .select_related(
            "traject__huishouden",
            "traject__team__organisatie",
            "traject__regisseur",
            "soort",
            "beoordelingsgroep",
            "aangemaakt_door",
            "ingediend_door",
            "in_behandeling_door",
            "besluit_door",
        )
        .prefetch_related(
            "doelen",
            "traject__betrokkenen",
            Prefetch("stappen", queryset=AanvraagStap.objects.select_related("door").order_by("op", "pk")),
            Prefetch("bijlagen", queryset=Bijlage.objects.select_related("toegevoegd_door").order_by("toegevoegd_op")),
        )
    )
    try:
        found = queryset.get(pk=aanvraag_id)
    except Aanvraag.DoesNotExist as missing:
        raise Http404 from missing
    # An assessor outside the team reads the request (and its plan) because it was routed to them.
    routed = not authorization.can_view_traject(user, found.traject)
    access_log.read(
        traject=found.traject,
        obj=found,
        omschrijving=f"Aanvraag {found.soort.naam}",
        reden=_("Beoordelaar van de aanvraag") if routed else "",
        namens=authorization.assessing_for(user, found) if routed else None,
    )
    return found


def bijlage_for(user, bijlage_id: int) -> Bijlage:
    found = (
        Bijlage.objects.filter(pk=bijlage_id, aanvraag__in=visible_aanvragen(user)).select_related("aanvraag").first()
    )
    if found is None:
        raise Http404
    return found


def goal_wording(doel_ids) -> dict[int, str]:
    """A goal's latest wording (the PlanDoel of its newest version)."""
    wording: dict[int, str] = {}
    for doel_id, omschrijving in (
        PlanDoel.objects.filter(doel_id__in=list(doel_ids))
        .order_by("doel_id", "-versie__nummer")
        .values_list("doel_id", "omschrijving")
    ):
        wording.setdefault(doel_id, omschrijving)
    return wording


# The traject's tab ------------------------------------------------------------------------------


@dataclass
class AanvraagRij:
    aanvraag: Aanvraag
    doelen: list[str]


def aanvragen_van(traject: Traject) -> list[AanvraagRij]:
    """The traject's requests, newest first, each with the wording of its goals (three queries)."""
    aanvragen = list(
        traject.aanvragen.select_related("soort", "aangemaakt_door", "besluit_door")
        .prefetch_related("doelen")
        .order_by("-aangemaakt_op", "-pk")
    )
    wording = goal_wording({doel.pk for aanvraag in aanvragen for doel in aanvraag.doelen.all()})
    return [
        AanvraagRij(aanvraag, [wording.get(doel.pk, "") for doel in aanvraag.doelen.all()]) for aanvraag in aanvragen
    ]


def verwijzingen_van(traject: Traject) -> QuerySet[Verwijzing]:
    return traject.verwijzingen.select_related("geregistreerd_door").order_by("-startdatum", "-pk")


def verwijzing_for(user, verwijzing_id: int) -> Verwijzing:
    found = (
        Verwijzing.objects.filter(
            pk=verwijzing_id,
            traject__in=authorization.visible_trajecten(
                user, Traject.objects.all(), authorization.Onderwerp.AANVULLENDE_ZORG
            ),
        )
        .select_related("traject__huishouden", "traject__team__organisatie", "traject__regisseur")
        .prefetch_related("doelen", "traject__betrokkenen")
        .first()
    )
    if found is None:
        raise Http404
    access_log.read(traject=found.traject, obj=found, omschrijving=f"Verwijzing naar {found.aanbieder}")
    return found


# The queue ------------------------------------------------------------------------------------


def _queue_select(queryset: QuerySet[Aanvraag]) -> QuerySet[Aanvraag]:
    return queryset.select_related(
        "traject__huishouden", "traject__team", "soort", "aangemaakt_door", "ingediend_door", "in_behandeling_door"
    )


def wachtrij(user, scope: authorization.BeoordelaarScope | None = None) -> QuerySet[Aanvraag]:
    """The open requests in the user's scope, earliest deadline first; those waiting for information
    (their deadline paused) after the rest."""
    open_requests = authorization.assessable_aanvragen(user, Aanvraag.objects.filter(status__in=OPEN), scope)
    paused = Case(
        When(status=AanvraagStatus.INFO_GEVRAAGD, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return _queue_select(open_requests).annotate(gepauzeerd=paused).order_by("gepauzeerd", F("termijn").asc(), "pk")


def mijn_aanvragen(user) -> QuerySet[Aanvraag]:
    """Requests the user made, or of trajecten they are regisseur of or betrokken in; newest first."""
    mine = Q(aangemaakt_door=user) | Q(traject__regisseur=user) | Q(traject__betrokkenen=user)
    ids = Aanvraag.objects.filter(mine).values("pk")
    return _queue_select(visible_aanvragen(user).filter(pk__in=ids)).order_by("-aangemaakt_op", "-pk")


# The decision page: the plan beside the request ------------------------------------------------


@dataclass
class PlanContext:
    plan: Gezinsplan | None = None
    versie: PlanVersie | None = None
    gekoppeld: list = field(default_factory=list)
    """GoalViews of the linked goals in the shown version (wording, scores, agreements)."""
    elders: list[str] = field(default_factory=list)
    """Linked goals no longer in the shown version, by their latest wording."""
    overige_doelen: list[PlanDoel] = field(default_factory=list)

    @property
    def vastgesteld(self) -> bool:
        return self.versie is not None and not self.versie.is_concept


def plan_context(aanvraag: Aanvraag) -> PlanContext:
    """The plan as agreed (else the concept), with the request's goals first and their scores."""
    linked = [doel.pk for doel in aanvraag.doelen.all()]
    plan = plan_selectors.plan_of(aanvraag.traject)
    if plan is None:
        return PlanContext(elders=list(goal_wording(linked).values()))
    versie = plan_selectors.with_content(plan_selectors.vastgestelde_versie(plan) or plan_selectors.concept_of(plan))
    if versie is None:
        return PlanContext(plan=plan, elders=list(goal_wording(linked).values()))
    access_log.read(
        traject=aanvraag.traject, obj=versie, omschrijving=f"Gezinsplan versie {versie.nummer} bij een aanvraag"
    )
    instellingen = plan_selectors.instellingen_for(aanvraag.traject.team.organisatie_id)
    views = {view.plan_doel.doel_id: view for view in plan_selectors.goal_views(versie, instellingen)}
    missing = [doel_id for doel_id in linked if doel_id not in views]
    return PlanContext(
        plan=plan,
        versie=versie,
        gekoppeld=[views[doel_id] for doel_id in linked if doel_id in views],
        elders=list(goal_wording(missing).values()) if missing else [],
        overige_doelen=[view.plan_doel for doel_id, view in views.items() if doel_id not in linked],
    )


def aansluiting(aanvraag: Aanvraag) -> str:
    """How a new budget period follows the current one, for the assessor."""
    if aanvraag.huidig_pgb_tot is None or aanvraag.periode_van is None:
        return ""
    gap = (aanvraag.periode_van - aanvraag.huidig_pgb_tot).days - 1
    if gap == 0:
        return _("Sluit naadloos aan op het huidige PGB (tot en met %(datum)s).") % {
            "datum": aanvraag.huidig_pgb_tot.strftime("%d-%m-%Y")
        }
    if gap > 0:
        return _("Let op: %(dagen)s dagen zonder PGB tussen het huidige en het nieuwe budget.") % {"dagen": gap}
    return _("Let op: de nieuwe periode overlapt %(dagen)s dagen met het huidige PGB.") % {"dagen": -gap}


# Stand-ins --------------------------------------------------------------------------------------


def vervangingen_van(user) -> QuerySet[Vervanging]:
    """The user's own stand-ins and those where they stand in, newest first."""
    return (
        Vervanging.objects.filter(Q(afwezige=user) | Q(vervanger=user))
        .select_related("afwezige", "vervanger")
        .order_by("-van", "-pk")
    )


def vervanger_choices(user) -> QuerySet[User]:
    """Colleagues who can stand in: active staff with a membership in force in the user's organisations."""
    organisaties = {m.team.organisatie_id for m in authorization.current_memberships(user)}
    members = Membership.objects.current().filter(team__organisatie_id__in=organisaties).values("user_id")
    return (
        User.objects.filter(pk__in=members, kind=UserKind.STAFF, is_active=True)
        .exclude(pk=user.pk)
        .order_by("last_name", "first_name", "email")
    )


# The client's view ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientStap:
    status: str
    status_label: str
    datum: datetime.date


@dataclass(frozen=True)
class ClientAanvraag:
    """A request as the client may see it: no motivation, assessment notes, reasons or names of staff."""

    id: int
    soort: str
    status: str
    status_label: str
    gevraagde_oplossing: str
    aanbieder: str
    bedrag: Decimal | None
    periode_van: datetime.date | None
    periode_tot: datetime.date | None
    ingediend_op: datetime.date | None
    besluit_op: datetime.date | None
    besluit_motivering: str
    toegekend_bedrag: Decimal | None
    stappen: tuple[ClientStap, ...]


@dataclass(frozen=True)
class ClientVerwijzing:
    id: int
    zorgvorm: str
    zorgvorm_label: str
    wettelijk_kader: str
    wettelijk_kader_label: str
    aanbieder: str
    startdatum: datetime.date
    einddatum: datetime.date | None


@dataclass(frozen=True)
class ClientOverzicht:
    aanvragen: tuple[ClientAanvraag, ...]
    verwijzingen: tuple[ClientVerwijzing, ...]


def client_view(traject: Traject) -> ClientOverzicht:
    """For the portal: the traject's submitted requests (never concepts) and its referrals, with only
    the fields in Aanvraag.CLIENT_VELDEN and Verwijzing.CLIENT_VELDEN. Three queries. The caller has
    already checked that the client may see this traject."""
    stappen = Prefetch("stappen", queryset=AanvraagStap.objects.order_by("op", "pk"))
    aanvragen = (
        traject.aanvragen.exclude(status=AanvraagStatus.CONCEPT)
        .exclude(eerst_ingediend_op__isnull=True)
        .select_related("soort")
        .prefetch_related(stappen)
        .order_by("-eerst_ingediend_op", "-pk")
    )
    return ClientOverzicht(
        aanvragen=tuple(
            ClientAanvraag(
                id=aanvraag.pk,
                soort=aanvraag.soort.naam,
                status=aanvraag.status,
                status_label=aanvraag.get_status_display(),
                gevraagde_oplossing=aanvraag.gevraagde_oplossing,
                aanbieder=aanvraag.aanbieder,
                bedrag=aanvraag.bedrag,
                periode_van=aanvraag.periode_van,
                periode_tot=aanvraag.periode_tot,
                ingediend_op=aanvraag.eerst_ingediend_op,
                besluit_op=aanvraag.besluit_op,
                besluit_motivering=aanvraag.besluit_motivering,
                toegekend_bedrag=aanvraag.toegekend_bedrag,
                stappen=tuple(
                    ClientStap(stap.naar_status, stap.get_naar_status_display(), timezone.localtime(stap.op).date())
                    for stap in aanvraag.stappen.all()
                ),
            )
            for aanvraag in aanvragen
        ),
        verwijzingen=tuple(
            ClientVerwijzing(
                id=verwijzing.pk,
                zorgvorm=verwijzing.zorgvorm,
                zorgvorm_label=verwijzing.get_zorgvorm_display(),
                wettelijk_kader=verwijzing.wettelijk_kader,
                wettelijk_kader_label=verwijzing.get_wettelijk_kader_display(),
                aanbieder=verwijzing.aanbieder,
                startdatum=verwijzing.startdatum,
                einddatum=verwijzing.einddatum,
            )
            for verwijzing in traject.verwijzingen.order_by("-startdatum", "-pk")
        ),
    )


def routering_label(soort: AanvraagSoort) -> str:
    if soort.routering == Routering.BEOORDELINGSGROEP and soort.beoordelingsgroep_id:
        return soort.beoordelingsgroep.naam
    return str(Routering(soort.routering).label)
