"""Who may see and do what. Every view, API view, task and export asks this module.

The rules are one table, MATRIX: for each subject (Onderwerp) and action (Handeling), which roles
may act and in which relation to the data (Relatie): as regisseur or betrokken medewerker of the
traject, in its team, in another team with noodtoegang, as assigned assessor, in the organisation,
or as a client in their own household. The functions below compute a user's relations to an object
and look them up in MATRIX, so changing a cell changes every screen, API endpoint, export and task
at once. Beheer shows the table (/beheer/autorisatie/), docs/authorisation.md prints it, and
tests/accounts/test_authorization_matrix.py calls every URL as every role to prove it.

Each function answers for one user; none of them trusts request data. The rules read domain
objects by attribute (team_id, regisseur_id, betrokkenen) and reach domain tables only through
reverse relations, so accounts imports no domain app.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import TeamRole, UserKind
from .models import Membership, Organisatie, Team, User

CLIENT = UserKind.CLIENT.value


class Onderwerp(models.TextChoices):
    DOSSIER = "dossier", _("Dossier: huishouden, gezinsleden, traject, contactjournaal, tijdlijn")
    AANMELDING = "aanmelding", _("Aanmeldingen en wachtenden van een team")
    GEZINSPLAN = "gezinsplan", _("Gezinsplan")
    WAT_TELT = "wat_telt", _("Wat Telt")
    AANVULLENDE_ZORG = "aanvullende_zorg", _("Verwijzingen en aanvragen")
    DOCUMENT = "document", _("Documenten, vragenlijsten en links")
    PORTAALTOEGANG = "portaaltoegang", _("Portaaltoegang en afscherming")
    WIJZIGINGSHISTORIE = "wijzigingshistorie", _("Wijzigingshistorie van een dossier")
    NOODTOEGANG = "noodtoegang", _("Noodtoegang tot dossiers van het team")
    TEAM = "team", _("Team en teamleden")
    TEAMCIJFERS = "teamcijfers", _("Cijfers van een team (zonder cliëntgegevens)")
    ORGANISATIECIJFERS = (
        "organisatiecijfers",
        _("Cijfers van de organisatie, haar clusters, teams en wijken, en het kwartaalrapport (zonder cliëntgegevens)"),
    )
    TOEGANGSLOG = "toegangslog", _("Toegangslog")
    BEHEER = "beheer", _("Beheer: organisatie, teams, medewerkers en instellingen")
    EXTERN_VERZOEK = "extern_verzoek", _("Externe verzoeken om gegevens (handhaving, politie) en verstrekkingen")
    AVG_VERZOEK = "avg_verzoek", _("AVG-verzoeken: inzage, verbetering en vroegtijdige vernietiging")
    BEWAARTERMIJN = "bewaartermijn", _("Bewaartermijnen en vernietiging van dossiers")


class Handeling(models.TextChoices):
    LEZEN = "lezen", _("inzien")
    VASTLEGGEN = "vastleggen", _("vastleggen en wijzigen")
    HEROPENEN = "heropenen", _("heropenen")
    VERDELEN = "verdelen", _("verdelen")
    BEOORDELEN = "beoordelen", _("beoordelen en besluiten")
    BEHEREN = "beheren", _("beheren")
    EXPORTEREN = "exporteren", _("exporteren en verstrekken")


class Relatie(models.TextChoices):
    REGISSEUR = "regisseur", _("regisseur")
    BETROKKEN = "betrokken", _("betrokken medewerker")
    EIGEN_TEAM = "eigen_team", _("eigen team")
    NOODTOEGANG = "noodtoegang", _("noodtoegang (ander team)")
    TOEGEWEZEN = "toegewezen", _("aan hem of haar voorgelegd")
    EIGEN_ORGANISATIE = "eigen_organisatie", _("eigen organisatie")
    EIGEN_HUISHOUDEN = "eigen_huishouden", _("eigen huishouden")


@dataclass(frozen=True)
class Regel:
    onderwerp: str
    handeling: str
    rol: str
    relaties: frozenset[str]
    voorwaarde: str = ""


def _regels(onderwerp, handeling, relaties_per_rol: dict, voorwaarde: str = "") -> list[Regel]:
    return [
        Regel(onderwerp, handeling, rol, frozenset(relaties), voorwaarde) for rol, relaties in relaties_per_rol.items()
    ]


CASELOAD = {Relatie.REGISSEUR, Relatie.BETROKKEN}
TRAJECT_LEZEN = {
    TeamRole.GEZINSWERKER: {*CASELOAD, Relatie.EIGEN_TEAM, Relatie.NOODTOEGANG},
    TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM, Relatie.NOODTOEGANG},
    TeamRole.KWALITEITSMEDEWERKER: {Relatie.EIGEN_TEAM},
}
TRAJECT_WERKEN = {TeamRole.GEZINSWERKER: CASELOAD, TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}}
JEUGDWET = _(
    "noodtoegang: alleen lezen, binnen de eigen organisatie, met een reden en voor beperkte tijd; cliënten: "
    "wat over henzelf gaat en wat de Jeugdwet hen laat lezen over hun kinderen"
)

MATRIX: list[Regel] = [
    *_regels(Onderwerp.DOSSIER, Handeling.LEZEN, {**TRAJECT_LEZEN, CLIENT: {Relatie.EIGEN_HUISHOUDEN}}, JEUGDWET),
    *_regels(
        Onderwerp.DOSSIER, Handeling.VASTLEGGEN, TRAJECT_WERKEN, _("verbeteren van een verslag: alleen de auteur")
    ),
    *_regels(
        Onderwerp.DOSSIER,
        Handeling.HEROPENEN,
        {TeamRole.GEZINSWERKER: {Relatie.REGISSEUR}, TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}},
    ),
    *_regels(Onderwerp.AANMELDING, Handeling.LEZEN, {role: {Relatie.EIGEN_TEAM} for role in TRAJECT_LEZEN}),
    *_regels(
        Onderwerp.AANMELDING,
        Handeling.VASTLEGGEN,
        {TeamRole.GEZINSWERKER: {Relatie.EIGEN_TEAM}, TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}},
    ),
    *_regels(
        Onderwerp.AANMELDING,
        Handeling.VERDELEN,
        {TeamRole.GEZINSWERKER: {Relatie.EIGEN_TEAM}, TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}},
    ),
    *_regels(Onderwerp.GEZINSPLAN, Handeling.LEZEN, {**TRAJECT_LEZEN, CLIENT: {Relatie.EIGEN_HUISHOUDEN}}, JEUGDWET),
    *_regels(
        Onderwerp.GEZINSPLAN,
        Handeling.VASTLEGGEN,
        {**TRAJECT_WERKEN, CLIENT: {Relatie.EIGEN_HUISHOUDEN}},
        _("cliënten: eigen doelen voorstellen en eigen afspraken afvinken"),
    ),
    *_regels(Onderwerp.WAT_TELT, Handeling.LEZEN, {**TRAJECT_LEZEN, CLIENT: {Relatie.EIGEN_HUISHOUDEN}}, JEUGDWET),
    *_regels(
        Onderwerp.WAT_TELT,
        Handeling.VASTLEGGEN,
        {**TRAJECT_WERKEN, CLIENT: {Relatie.EIGEN_HUISHOUDEN}},
        _("cliënten: hun eigen scores"),
    ),
    *_regels(
        Onderwerp.AANVULLENDE_ZORG,
        Handeling.LEZEN,
        {
            **{role: {*relaties, Relatie.TOEGEWEZEN} for role, relaties in TRAJECT_LEZEN.items()},
            TeamRole.PGB_BEOORDELAAR: {Relatie.TOEGEWEZEN},
            CLIENT: {Relatie.EIGEN_HUISHOUDEN},
        },
        _("cliënten: status en besluit, nooit de beoordeling"),
    ),
    *_regels(Onderwerp.AANVULLENDE_ZORG, Handeling.VASTLEGGEN, TRAJECT_WERKEN),
    *_regels(
        Onderwerp.AANVULLENDE_ZORG,
        Handeling.BEOORDELEN,
        {
            role: {Relatie.TOEGEWEZEN}
            for role in (
                TeamRole.GEZINSWERKER,
                TeamRole.TEAMMANAGER,
                TeamRole.KWALITEITSMEDEWERKER,
                TeamRole.PGB_BEOORDELAAR,
            )
        },
        _(
            "voorgelegd volgens de routering (teammanagers van het team, een beoordelingsgroep of de "
            "contactpersonen maatwerk) of als vervanger; nooit een eigen aanvraag (vier ogen)"
        ),
    ),
    *_regels(Onderwerp.DOCUMENT, Handeling.LEZEN, {**TRAJECT_LEZEN, CLIENT: {Relatie.EIGEN_HUISHOUDEN}}, JEUGDWET),
    *_regels(
        Onderwerp.DOCUMENT,
        Handeling.VASTLEGGEN,
        {**TRAJECT_WERKEN, CLIENT: {Relatie.EIGEN_HUISHOUDEN}},
        _("cliënten: eigen documenten en vragenlijsten"),
    ),
    *_regels(Onderwerp.PORTAALTOEGANG, Handeling.BEHEREN, TRAJECT_WERKEN, _("uitnodigen vanaf 12 jaar")),
    *_regels(
        Onderwerp.NOODTOEGANG,
        Handeling.LEZEN,
        {TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}, TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE}},
        _("wie, wanneer, met welke reden een dossier van het team opende"),
    ),
    *_regels(
        Onderwerp.NOODTOEGANG,
        Handeling.BEOORDELEN,
        {TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}},
        _("niet de eigen noodtoegang"),
    ),
    *_regels(
        Onderwerp.WIJZIGINGSHISTORIE,
        Handeling.LEZEN,
        {TeamRole.GEZINSWERKER: CASELOAD, TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}},
    ),
    *_regels(
        Onderwerp.TEAM,
        Handeling.LEZEN,
        {
            **{role: {Relatie.EIGEN_TEAM} for role in TeamRole.values if role != TeamRole.FUNCTIONEEL_BEHEERDER},
            TeamRole.FUNCTIONEEL_BEHEERDER: {Relatie.EIGEN_ORGANISATIE},
        },
    ),
    *_regels(
        Onderwerp.TEAMCIJFERS,
        Handeling.LEZEN,
        {TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}, TeamRole.KWALITEITSMEDEWERKER: {Relatie.EIGEN_TEAM}},
    ),
    *_regels(
        Onderwerp.ORGANISATIECIJFERS,
        Handeling.LEZEN,
        {
            TeamRole.TEAMMANAGER: {Relatie.EIGEN_ORGANISATIE},
            TeamRole.KWALITEITSMEDEWERKER: {Relatie.EIGEN_ORGANISATIE},
        },
        _("buiten de eigen teams: kleine aantallen onderdrukt; doorklikken naar trajecten alleen in de eigen teams"),
    ),
    *_regels(
        Onderwerp.ORGANISATIECIJFERS,
        Handeling.VASTLEGGEN,
        {TeamRole.KWALITEITSMEDEWERKER: {Relatie.EIGEN_ORGANISATIE}},
        _("een kwartaal of jaar vaststellen: de cijfers worden bevroren zoals ze gepubliceerd zijn"),
    ),
    *_regels(
        Onderwerp.TOEGANGSLOG,
        Handeling.LEZEN,
        {TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE}, CLIENT: {Relatie.EIGEN_HUISHOUDEN}},
        _("privacyfunctionaris: alleen na inloggen met tweestapsverificatie; cliënten: wie hun dossier bekeek"),
    ),
    *_regels(
        Onderwerp.BEHEER,
        Handeling.BEHEREN,
        {TeamRole.FUNCTIONEEL_BEHEERDER: {Relatie.EIGEN_ORGANISATIE}},
        _("landelijke instellingen en taken: alleen de superuser"),
    ),
    *_regels(
        Onderwerp.EXTERN_VERZOEK,
        Handeling.LEZEN,
        {
            TeamRole.GEZINSWERKER: CASELOAD,
            TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM},
            TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE},
        },
    ),
    *_regels(
        Onderwerp.EXTERN_VERZOEK,
        Handeling.VASTLEGGEN,
        TRAJECT_WERKEN,
        _("registreren, de gegevens in BOKS samenstellen, voorleggen, intrekken en de uitkomst vastleggen"),
    ),
    *_regels(
        Onderwerp.EXTERN_VERZOEK,
        Handeling.BEOORDELEN,
        {TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM}, TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE}},
        _("vier ogen: niet wie het verzoek registreerde of voorlegde"),
    ),
    *_regels(
        Onderwerp.EXTERN_VERZOEK,
        Handeling.EXPORTEREN,
        {**TRAJECT_WERKEN, TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE}},
        _("pas na goedkeuring; elke export staat in het toegangslog met grondslag handhaving"),
    ),
    *_regels(
        Onderwerp.AVG_VERZOEK,
        Handeling.LEZEN,
        {
            TeamRole.GEZINSWERKER: CASELOAD,
            TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM},
            TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE},
            CLIENT: {Relatie.EIGEN_HUISHOUDEN},
        },
        _("cliënten: de verzoeken die zij deden en die over henzelf gaan"),
    ),
    *_regels(
        Onderwerp.AVG_VERZOEK,
        Handeling.VASTLEGGEN,
        {
            TeamRole.GEZINSWERKER: CASELOAD,
            TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM},
            TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE},
            CLIENT: {Relatie.EIGEN_HUISHOUDEN},
        },
        _(
            "cliënten: over zichzelf (vanaf 12 jaar) en als ouder met gezag over een kind van wie zij het "
            "dossier mogen lezen"
        ),
    ),
    *_regels(
        Onderwerp.AVG_VERZOEK,
        Handeling.BEOORDELEN,
        {
            TeamRole.GEZINSWERKER: CASELOAD,
            TeamRole.TEAMMANAGER: {Relatie.EIGEN_TEAM},
            TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE},
        },
        _(
            "verbeterverzoeken; over inzage beslist wie mag exporteren, over vernietiging wie bewaartermijnen "
            "beoordeelt"
        ),
    ),
    *_regels(
        Onderwerp.AVG_VERZOEK,
        Handeling.EXPORTEREN,
        {TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE}, CLIENT: {Relatie.EIGEN_HUISHOUDEN}},
        _(
            "privacyfunctionaris: alle gegevens van een persoon, op een geregistreerd inzageverzoek; cliënten: wat "
            "zij in het portaal mogen zien"
        ),
    ),
    *_regels(Onderwerp.BEWAARTERMIJN, Handeling.LEZEN, {TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE}}),
    *_regels(
        Onderwerp.BEWAARTERMIJN,
        Handeling.BEOORDELEN,
        {TeamRole.PRIVACYFUNCTIONARIS: {Relatie.EIGEN_ORGANISATIE}},
        _("vernietigen, langer bewaren met een reden, en beslissen over verzoeken om vroegtijdige vernietiging"),
    ),
]

_INDEX: dict[tuple[str, str, str], frozenset[str]] = {
    (regel.onderwerp, regel.handeling, regel.rol): regel.relaties for regel in MATRIX
}


def relaties_voor(onderwerp: str, handeling: str, rol: str) -> frozenset[str]:
    """The relations in which `rol` may do `handeling` on `onderwerp`; empty when it may not."""
    return _INDEX.get((onderwerp, handeling, rol), frozenset())


def rollen_met(onderwerp: str, handeling: str, relatie: str) -> set[str]:
    return {
        rol for (o, h, rol), relaties in _INDEX.items() if o == onderwerp and h == handeling and relatie in relaties
    }


def is_staff_member(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == UserKind.STAFF)


def is_client(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == UserKind.CLIENT)


def current_memberships(user: User) -> list[Membership]:
    """The user's memberships in force today, loaded once per request."""
    if not is_staff_member(user):
        return []
    if not hasattr(user, "_boks_current_memberships"):
        user._boks_current_memberships = list(
            Membership.objects.current().filter(user=user).select_related("team__organisatie", "team__wijk")
        )
    return user._boks_current_memberships


def roles_in_team(user: User, team: Team) -> set[str]:
    return {m.role for m in current_memberships(user) if m.team_id == team.pk}


def team_ids_for(user, onderwerp: str, handeling: str) -> set[int]:
    """Teams in which the user may do `handeling` on `onderwerp` for the whole team."""
    return {
        m.team_id
        for m in current_memberships(user)
        if Relatie.EIGEN_TEAM in relaties_voor(onderwerp, handeling, m.role)
    }


def organisation_ids_for(user, onderwerp: str, handeling: str) -> set[int]:
    """Organisations in which the user may do `handeling` on `onderwerp` everywhere."""
    return {
        m.team.organisatie_id
        for m in current_memberships(user)
        if Relatie.EIGEN_ORGANISATIE in relaties_voor(onderwerp, handeling, m.role)
    }


def managed_organisation_ids(user: User) -> set[int]:
    return organisation_ids_for(user, Onderwerp.BEHEER, Handeling.BEHEREN)


def visible_teams(user: User) -> QuerySet[Team]:
    """Teams whose members the user may see: their own teams, and for functioneel beheer every team
    of their organisation."""
    if not is_staff_member(user):
        return Team.objects.none()
    own = team_ids_for(user, Onderwerp.TEAM, Handeling.LEZEN)
    organisations = organisation_ids_for(user, Onderwerp.TEAM, Handeling.LEZEN)
    return Team.objects.filter(pk__in=own) | Team.objects.filter(organisatie_id__in=organisations)


def can_view_team(user: User, team: Team) -> bool:
    if not is_staff_member(user):
        return False
    return team.pk in team_ids_for(
        user, Onderwerp.TEAM, Handeling.LEZEN
    ) or team.organisatie_id in organisation_ids_for(user, Onderwerp.TEAM, Handeling.LEZEN)


def can_access_beheer(user: User) -> bool:
    """Functioneel beheer maintains organisations, teams, users and memberships."""
    if not is_staff_member(user):
        return False
    return user.is_superuser or bool(managed_organisation_ids(user))


def can_manage_organisation(user: User, organisatie: Organisatie) -> bool:
    if not is_staff_member(user):
        return False
    return user.is_superuser or organisatie.pk in managed_organisation_ids(user)


# Trajecten and everything that belongs to one (plan, Wat Telt, requests, documents). A staff
# member's relation to a traject comes from each current membership: in the traject's team they are
# its regisseur, a betrokken medewerker, or simply in the team; elsewhere they reach it only with
# noodtoegang (break-the-glass).


def is_involved_in(user, traject) -> bool:
    """Regisseur or betrokken medewerker (uses prefetched betrokkenen when the selector loaded them)."""
    return traject.regisseur_id == user.pk or any(b.pk == user.pk for b in traject.betrokkenen.all())


def _relations_in_team(user, traject) -> list[tuple[str, set[str]]]:
    pairs = []
    for membership in current_memberships(user):
        if membership.team_id != traject.team_id:
            continue
        relations = {Relatie.EIGEN_TEAM}
        if traject.regisseur_id == user.pk:
            relations |= {Relatie.REGISSEUR}
        elif is_involved_in(user, traject):
            relations |= {Relatie.BETROKKEN}
        pairs.append((membership.role, relations))
    return pairs


@dataclass(frozen=True)
class ActieveNoodtoegang:
    reden: str
    geldig_tot: datetime.datetime


def active_noodtoegang(user) -> dict[int, ActieveNoodtoegang]:
    """Per traject the user opened with noodtoegang that has not yet expired, the reason given and
    until when; loaded once per request."""
    if not is_staff_member(user):
        return {}
    if not hasattr(user, "_boks_noodtoegang"):
        user._boks_noodtoegang = {
            traject_id: ActieveNoodtoegang(reden, geldig_tot)
            for traject_id, reden, geldig_tot in user.noodtoegangen.filter(geldig_tot__gt=timezone.now())
            .order_by("geopend_op")
            .values_list("traject_id", "reden", "geldig_tot")
        }
    return user._boks_noodtoegang


def noodtoegang_in_use(user, traject) -> ActieveNoodtoegang | None:
    """The noodtoegang through which the user reads this traject, when that is their only way in."""
    if traject.team_id in dossier_team_ids(user):
        return None
    return active_noodtoegang(user).get(traject.pk)


def may_use_noodtoegang(user, onderwerp: str = Onderwerp.DOSSIER, handeling: str = Handeling.LEZEN) -> bool:
    return any(Relatie.NOODTOEGANG in relaties_voor(onderwerp, handeling, m.role) for m in current_memberships(user))


def can_open_with_noodtoegang(user, traject) -> bool:
    """Break-the-glass is for staff of the same organisation who have no access otherwise."""
    if not may_use_noodtoegang(user) or traject_relation(user, traject, Onderwerp.DOSSIER, Handeling.LEZEN):
        return False
    return any(m.team.organisatie_id == traject.team.organisatie_id for m in current_memberships(user))


def traject_relation(user, traject, onderwerp: str, handeling: str) -> str | None:
    """The closest relation through which the user may do this, or None when they may not."""
    if not is_staff_member(user):
        return None
    for role, relations in _relations_in_team(user, traject):
        allowed = relations & relaties_voor(onderwerp, handeling, role)
        for relation in (Relatie.REGISSEUR, Relatie.BETROKKEN, Relatie.EIGEN_TEAM):
            if relation in allowed:
                return relation
    if may_use_noodtoegang(user, onderwerp, handeling) and traject.pk in active_noodtoegang(user):
        return Relatie.NOODTOEGANG
    return None


def allows(user, onderwerp: str, handeling: str, traject) -> bool:
    return traject_relation(user, traject, onderwerp, handeling) is not None


def traject_condition(user, onderwerp: str, handeling: str = Handeling.LEZEN, prefix: str = "") -> Q:
    """A filter selecting the trajecten (or, with `prefix` "traject__", the objects of trajecten) on
    which the user may do `handeling` for `onderwerp`."""
    condition = Q(pk__in=[])
    for membership in current_memberships(user):
        relations = relaties_voor(onderwerp, handeling, membership.role)
        in_team = Q(**{f"{prefix}team_id": membership.team_id})
        if Relatie.EIGEN_TEAM in relations:
            condition |= in_team
            continue
        if Relatie.REGISSEUR in relations:
            condition |= in_team & Q(**{f"{prefix}regisseur_id": user.pk})
        if Relatie.BETROKKEN in relations:
            condition |= in_team & Q(**{f"{prefix}pk__in": user.betrokken_trajecten.values("pk")})
    if may_use_noodtoegang(user, onderwerp, handeling) and active_noodtoegang(user):
        condition |= Q(**{f"{prefix}pk__in": list(active_noodtoegang(user))})
    return condition


def visible_trajecten(user, queryset, onderwerp: str = Onderwerp.DOSSIER):
    """The trajecten in `queryset` whose `onderwerp` the user may read."""
    if not is_staff_member(user):
        return queryset.none()
    return queryset.filter(traject_condition(user, onderwerp))


def dossier_team_ids(user) -> set[int]:
    """Teams whose dossiers the user may read as a whole."""
    return team_ids_for(user, Onderwerp.DOSSIER, Handeling.LEZEN)


def worker_team_ids(user) -> set[int]:
    """Teams where the user registers aanmeldingen, takes part in distributing them and may be regisseur."""
    return team_ids_for(user, Onderwerp.AANMELDING, Handeling.VASTLEGGEN)


def visible_huishoudens(user, queryset):
    """Households of the user's teams, and households with a traject the user may read."""
    if not is_staff_member(user):
        return queryset.none()
    readable = visible_trajecten(user, _traject_model(queryset).objects.all())
    return queryset.filter(Q(team_id__in=dossier_team_ids(user)) | Q(trajecten__in=readable)).distinct()


def _traject_model(huishouden_queryset):
    return huishouden_queryset.model._meta.get_field("trajecten").related_model


def can_view_traject(user, traject) -> bool:
    return allows(user, Onderwerp.DOSSIER, Handeling.LEZEN, traject)


def can_work_on_traject(user, traject) -> bool:
    """Write to the journal, move the workflow, add family members: the regisseur, betrokken
    medewerkers and the team's managers, as long as they still work in the traject's team."""
    return allows(user, Onderwerp.DOSSIER, Handeling.VASTLEGGEN, traject)


def worker_roles() -> set[str]:
    """Roles whose holders register aanmeldingen and may be a traject's regisseur."""
    return rollen_met(Onderwerp.AANMELDING, Handeling.VASTLEGGEN, Relatie.EIGEN_TEAM)


def can_register_aanmelding(user, team) -> bool:
    return team.pk in worker_team_ids(user)


def can_view_team_work(user, team_id: int) -> bool:
    """The team's queue of new aanmeldingen, its wachtenden and its open trajecten."""
    return team_id in team_ids_for(user, Onderwerp.AANMELDING, Handeling.LEZEN)


def can_distribute(user, traject) -> bool:
    """Teams distribute new aanmeldingen themselves: any gezinswerker or manager of the team."""
    return traject.team_id in team_ids_for(user, Onderwerp.AANMELDING, Handeling.VERDELEN)


def can_reopen_traject(user, traject) -> bool:
    return allows(user, Onderwerp.DOSSIER, Handeling.HEROPENEN, traject)


def can_correct_contactmoment(user, contactmoment) -> bool:
    return contactmoment.auteur_id == user.pk and can_work_on_traject(user, contactmoment.traject)


def can_view_history(user, traject) -> bool:
    """The change history of the dossier's records: who changed what, when."""
    return allows(user, Onderwerp.WIJZIGINGSHISTORIE, Handeling.LEZEN, traject)


def can_manage_portal_access(user, traject) -> bool:
    return allows(user, Onderwerp.PORTAALTOEGANG, Handeling.BEHEREN, traject)


def can_edit_plan(user, traject) -> bool:
    return allows(user, Onderwerp.GEZINSPLAN, Handeling.VASTLEGGEN, traject)


def can_add_documents(user, traject) -> bool:
    return allows(user, Onderwerp.DOCUMENT, Handeling.VASTLEGGEN, traject)


def noodtoegang_scope(user, handeling: str = Handeling.LEZEN) -> Q:
    """A filter on Noodtoegang: those of the user's teams, or of their organisation."""
    return Q(traject__team_id__in=team_ids_for(user, Onderwerp.NOODTOEGANG, handeling)) | Q(
        traject__team__organisatie_id__in=organisation_ids_for(user, Onderwerp.NOODTOEGANG, handeling)
    )


def sees_noodtoegang(user) -> bool:
    return bool(
        team_ids_for(user, Onderwerp.NOODTOEGANG, Handeling.LEZEN)
        or organisation_ids_for(user, Onderwerp.NOODTOEGANG, Handeling.LEZEN)
    )


def can_judge_noodtoegang(user, noodtoegang) -> bool:
    return noodtoegang.medewerker_id != user.pk and noodtoegang.traject.team_id in team_ids_for(
        user, Onderwerp.NOODTOEGANG, Handeling.BEOORDELEN
    )


def access_log_organisation_ids(user) -> set[int]:
    """Organisations whose access log the user may read (the privacyfunctionaris)."""
    return organisation_ids_for(user, Onderwerp.TOEGANGSLOG, Handeling.LEZEN)


def can_read_access_log(user, *, signed_in_with_mfa: bool) -> bool:
    """Only after signing in with a second factor, whatever the session's other rights."""
    return signed_in_with_mfa and bool(access_log_organisation_ids(user))


def team_figures_team_ids(user) -> set[int]:
    """Management figures of a team (counts, averages, lead times; no client data)."""
    return team_ids_for(user, Onderwerp.TEAMCIJFERS, Handeling.LEZEN)


# Rapportage: management figures are aggregates, never client data. A teammanager or
# kwaliteitsmedewerker sees their own teams' figures in full; the figures of the whole organisation
# (other teams, clusters, wijken) with small counts suppressed. Behind a figure lie trajecten: the
# drill-down lists only those of teams whose figures AND dossiers the user may read, and logs them.


def organisation_figures_ids(user) -> set[int]:
    """Organisations whose figures (all teams, clusters and wijken) the user may see."""
    return organisation_ids_for(user, Onderwerp.ORGANISATIECIJFERS, Handeling.LEZEN)


def can_view_team_figures(user, team) -> bool:
    return team.pk in team_figures_team_ids(user) or team.organisatie_id in organisation_figures_ids(user)


def can_view_organisation_figures(user, organisatie_id: int) -> bool:
    return organisatie_id in organisation_figures_ids(user)


def can_freeze_figures(user, organisatie_id: int) -> bool:
    """Vaststellen of a quarter's or year's report: the figures are frozen as published."""
    return organisatie_id in organisation_ids_for(user, Onderwerp.ORGANISATIECIJFERS, Handeling.VASTLEGGEN)


def unsuppressed_team_ids(user) -> set[int]:
    """Teams whose figures the user sees without small counts suppressed: their own teams."""
    return team_figures_team_ids(user)


def drilldown_team_ids(user) -> set[int]:
    """Teams whose trajecten the user may list behind a figure: own team figures and dossier rights."""
    return team_figures_team_ids(user) & dossier_team_ids(user)


def sees_rapportage_menu(user) -> bool:
    return is_staff_member(user) and bool(team_figures_team_ids(user) or organisation_figures_ids(user))


# Gezinsplan: the client proposes goals and ticks off their own agreements in the portal.


def can_update_afspraak(user, afspraak, wie_persoon_id: int | None = None) -> bool:
    """Workers on the traject, and the client whose own agreement it is (ticked off in the portal)."""
    if is_client(user):
        return wie_persoon_id is not None and any(
            access.persoon_id == wie_persoon_id for access in client_accesses(user)
        )
    return can_edit_plan(user, afspraak.plan.traject)


# Wat Telt: who works on the traject records metingen and adds scores; a client their own.


def can_record_meting(user, traject, persoon_id: int | None = None) -> bool:
    """Workers on the traject; and a client for their own Wat Telt, in the portal."""
    if is_client(user):
        return persoon_id is not None and any(
            access.persoon_id == persoon_id and access.persoon.huishouden_id == traject.huishouden_id
            for access in client_accesses(user)
        )
    return allows(user, Onderwerp.WAT_TELT, Handeling.VASTLEGGEN, traject)


# Clients in the portal. A client reads their household's dossier as the person(s) they are in it
# (Portaaltoegang). Within a household the Jeugdwet decides who reads what about whom: about a
# child under 12 its parents with gezag; from 12 to 15 the child and those parents; from 16 the
# child, and the parents only with the child's consent. Adults read what is about themselves.
# An item about nobody in particular is for the whole household; an item a worker withheld from a
# person stays hidden from them. Ages are computed on the day itself, so access changes on the
# birthday. Views, the API and exports all ask `ClientScope.may_see`.

PORTAL_MINIMUM_AGE = 12
PARENTS_NEED_CONSENT_FROM = 16
ADULT_AGE = 18


def client_accesses(user) -> list:
    """The user's active portal accesses with their person and household, loaded once per request."""
    if not is_client(user):
        return []
    if not hasattr(user, "_boks_portal_accesses"):
        user._boks_portal_accesses = list(
            user.portaaltoegangen.filter(actief=True).select_related("persoon__huishouden__team").order_by("pk")
        )
    return user._boks_portal_accesses


def client_household_ids(user) -> set[int]:
    return {access.persoon.huishouden_id for access in client_accesses(user)}


@dataclass
class ClientScope:
    """What one client may see in one household today. Built by `client_scope` with two queries."""

    viewer: object
    persons: dict[int, object]
    consent: dict[int, bool]
    today: datetime.date

    @property
    def huishouden_id(self) -> int:
        return self.viewer.huishouden_id

    def may_read_about(self, subject_id: int) -> bool:
        """Whether the viewer may read what is about this household member."""
        if subject_id == self.viewer.pk:
            return True
        subject = self.persons.get(subject_id)
        if subject is None:
            return False
        age = subject.leeftijd_op(self.today)
        if age >= ADULT_AGE or not self.viewer.gezag:
            return False
        return age < PARENTS_NEED_CONSENT_FROM or self.consent.get(subject_id, False)

    def may_see(self, *, zichtbaar: bool, betreft_ids, afgeschermd_voor_ids=()) -> bool:
        if not zichtbaar or self.viewer.pk in set(afgeschermd_voor_ids):
            return False
        betreft_ids = set(betreft_ids)
        return not betreft_ids or any(self.may_read_about(subject) for subject in betreft_ids)

    def readable_person_ids(self) -> set[int]:
        return {pk for pk in self.persons if self.may_read_about(pk)}

    @property
    def can_give_consent(self) -> bool:
        """A young person from 16 to 18 decides whether their parents may read their dossier."""
        return PARENTS_NEED_CONSENT_FROM <= self.viewer.leeftijd_op(self.today) < ADULT_AGE


def client_scope(user, huishouden_id: int | None = None, *, today: datetime.date | None = None) -> ClientScope | None:
    """The scope in the chosen household (the first one when none is chosen); None without access."""
    accesses = client_accesses(user)
    access = next((a for a in accesses if huishouden_id in (None, a.persoon.huishouden_id)), None)
    if access is None:
        return None
    persons = list(access.persoon.huishouden.personen.prefetch_related("toestemmingen"))
    consent = {}
    for person in persons:
        latest = next(iter(person.toestemmingen.all()), None)
        consent[person.pk] = bool(latest and latest.gegeven)
    viewer = next(p for p in persons if p.pk == access.persoon_id)
    return ClientScope(
        viewer=viewer, persons={p.pk: p for p in persons}, consent=consent, today=today or timezone.localdate()
    )


def can_invite_to_portal(user, traject, persoon) -> bool:
    return can_work_on_traject(user, traject) and persoon.huishouden_id == traject.huishouden_id


def may_have_portal_access(persoon, today: datetime.date | None = None) -> bool:
    return persoon.leeftijd_op(today or timezone.localdate()) >= PORTAL_MINIMUM_AGE


# Aanvullende zorg: verwijzingen, and aanvragen for maatwerk, PGB and other provisions. Like the
# dossier rules these read a request's fields by attribute (routering, beoordelingsgroep_id,
# traject.team_id, aangemaakt_door_id, ingediend_door_id) and reach the maatwerk tables only through
# the reverse relations on User and Team, so accounts still imports no domain app.
#
# - Who works on the traject (can_work_on_traject) registers verwijzingen, and makes, changes,
#   submits, supplements and withdraws aanvragen. Who may read the traject reads them.
# - A submitted request is routed, per organisation and type, to the teammanagers of the traject's
#   team (the default), to the members of a named beoordelingsgroep, or to the team's contactpersonen
#   maatwerk. Those assessors see and assess the requests routed to them, also without other access
#   to the dossier.
# - A vervanger named for a period has, during that period, the scope of the one they replace.
# - Four eyes: nobody assesses or decides a request they made or submitted, not even a manager.

ROUTE_TEAMMANAGER = "teammanager"
ROUTE_BEOORDELINGSGROEP = "beoordelingsgroep"
ROUTE_CONTACTPERSONEN = "contactpersonen"


@dataclass(frozen=True)
class BeoordelaarScope:
    """The requests a user assesses: by team as teammanager or contactpersoon, by beoordelingsgroep."""

    manager_team_ids: frozenset[int] = frozenset()
    groep_ids: frozenset[int] = frozenset()
    contactpersoon_team_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.manager_team_ids or self.groep_ids or self.contactpersoon_team_ids)

    def q(self) -> Q:
        """A filter on an Aanvraag queryset. Concepts have no routering yet, so they never match."""
        return (
            Q(routering=ROUTE_TEAMMANAGER, traject__team_id__in=self.manager_team_ids)
            | Q(routering=ROUTE_BEOORDELINGSGROEP, beoordelingsgroep_id__in=self.groep_ids)
            | Q(routering=ROUTE_CONTACTPERSONEN, traject__team_id__in=self.contactpersoon_team_ids)
        )

    def covers(self, aanvraag) -> bool:
        if aanvraag.routering == ROUTE_TEAMMANAGER:
            return aanvraag.traject.team_id in self.manager_team_ids
        if aanvraag.routering == ROUTE_BEOORDELINGSGROEP:
            return aanvraag.beoordelingsgroep_id in self.groep_ids
        if aanvraag.routering == ROUTE_CONTACTPERSONEN:
            return aanvraag.traject.team_id in self.contactpersoon_team_ids
        return False


def _active_on(day, prefix: str = "") -> Q:
    return Q(**{f"{prefix}van__lte": day}) & (Q(**{f"{prefix}tot__isnull": True}) | Q(**{f"{prefix}tot__gte": day}))


def vervangen_user_ids(user) -> set[int]:
    """The people this user stands in for today."""
    today = timezone.localdate()
    return set(
        user.maatwerk_vervangt.filter(_active_on(today), beeindigd_op__isnull=True).values_list(
            "afwezige_id", flat=True
        )
    )


def _own_scope(user_ids: set[int]) -> BeoordelaarScope:
    today = timezone.localdate()
    return BeoordelaarScope(
        manager_team_ids=frozenset(
            Membership.objects.current()
            .filter(user_id__in=user_ids, role=TeamRole.TEAMMANAGER)
            .values_list("team_id", flat=True)
        ),
        groep_ids=frozenset(
            User.objects.filter(pk__in=user_ids, maatwerk_beoordelingsgroepen__actief=True)
            .values_list("maatwerk_beoordelingsgroepen", flat=True)
            .distinct()
        ),
        contactpersoon_team_ids=frozenset(
            User.objects.filter(pk__in=user_ids)
            .filter(_active_on(today, "maatwerk_contactpersoonschappen__"))
            .values_list("maatwerk_contactpersoonschappen__team_id", flat=True)
            .distinct()
        ),
    )


def beoordelaar_scope(user) -> BeoordelaarScope:
    """What the user assesses today: their own roles plus those of everyone they stand in for."""
    if not is_staff_member(user):
        return BeoordelaarScope()
    return _own_scope({user.pk} | vervangen_user_ids(user))


def assessable_aanvragen(user, queryset, scope: BeoordelaarScope | None = None):
    scope = beoordelaar_scope(user) if scope is None else scope
    return queryset.filter(scope.q()) if scope else queryset.none()


def visible_aanvragen(user, queryset, scope: BeoordelaarScope | None = None):
    """Requests of trajecten the user may read, and the submitted requests routed to them."""
    if not is_staff_member(user):
        return queryset.none()
    readable = traject_condition(user, Onderwerp.AANVULLENDE_ZORG, prefix="traject__")
    if _has_relation(user, Onderwerp.AANVULLENDE_ZORG, Handeling.LEZEN, Relatie.TOEGEWEZEN):
        scope = beoordelaar_scope(user) if scope is None else scope
        if scope:
            readable |= scope.q()
    return queryset.filter(readable)


def made_aanvraag(user, aanvraag) -> bool:
    return user.pk in {aanvraag.aangemaakt_door_id, aanvraag.ingediend_door_id}


def _has_relation(user, onderwerp: str, handeling: str, relatie: str) -> bool:
    return any(relatie in relaties_voor(onderwerp, handeling, m.role) for m in current_memberships(user))


def can_request_aanvullende_zorg(user, traject) -> bool:
    """Make, change, submit, supplement and withdraw requests, and register verwijzingen."""
    return allows(user, Onderwerp.AANVULLENDE_ZORG, Handeling.VASTLEGGEN, traject)


def can_view_aanvullende_zorg(user, traject) -> bool:
    return allows(user, Onderwerp.AANVULLENDE_ZORG, Handeling.LEZEN, traject)


def can_assess_aanvraag(user, aanvraag, scope: BeoordelaarScope | None = None) -> bool:
    """Take in behandeling, ask for information and decide: in scope, and never one's own request."""
    if not is_staff_member(user) or made_aanvraag(user, aanvraag):
        return False
    if not _has_relation(user, Onderwerp.AANVULLENDE_ZORG, Handeling.BEOORDELEN, Relatie.TOEGEWEZEN):
        return False
    scope = beoordelaar_scope(user) if scope is None else scope
    return scope.covers(aanvraag)


def assessing_for(user, aanvraag) -> User | None:
    """The colleague on whose behalf the user assesses this request, when it reaches them only as
    that colleague's vervanger (the access log records it as 'namens')."""
    if _own_scope({user.pk}).covers(aanvraag):
        return None
    for afwezige_id in sorted(vervangen_user_ids(user)):
        if _own_scope({afwezige_id}).covers(aanvraag):
            return User.objects.get(pk=afwezige_id)
    return None


def is_beoordelaar(user) -> bool:
    """Has a scope of their own (not only through standing in), so may name a vervanger."""
    return is_staff_member(user) and bool(_own_scope({user.pk}))


def can_stand_in_for(vervanger, afwezige) -> bool:
    """A vervanger is another staff member working for the same organisation today."""
    if not is_staff_member(vervanger) or vervanger.pk == afwezige.pk:
        return False
    organisations = {m.team.organisatie_id for m in current_memberships(afwezige)}
    return any(m.team.organisatie_id in organisations for m in current_memberships(vervanger))


def can_end_vervanging(user, vervanging) -> bool:
    """Only who is replaced ends their stand-in early."""
    return is_staff_member(user) and vervanging.afwezige_id == user.pk


def sees_aanvragen_menu(user) -> bool:
    """The "Aanvragen" menu item: whoever may read requests in some relation, and anyone with a scope."""
    if not is_staff_member(user):
        return False
    if any(relaties_voor(Onderwerp.AANVULLENDE_ZORG, Handeling.LEZEN, m.role) for m in current_memberships(user)):
        return True
    return bool(beoordelaar_scope(user))


def beoordelaars_voor(aanvragen) -> dict[int, list[User]]:
    """Per request, who assesses it today (scope holders and their vervangers, never its makers), in
    a fixed number of queries however many requests there are."""
    aanvragen = list(aanvragen)
    if not aanvragen:
        return {}
    today = timezone.localdate()
    team_ids = {a.traject.team_id for a in aanvragen}
    groep_ids = {a.beoordelingsgroep_id for a in aanvragen if a.beoordelingsgroep_id}
    managers: dict[int, set[int]] = {}
    for team_id, user_id in (
        Membership.objects.current()
        .filter(team_id__in=team_ids, role=TeamRole.TEAMMANAGER, user__is_active=True)
        .values_list("team_id", "user_id")
    ):
        managers.setdefault(team_id, set()).add(user_id)
    contactpersonen: dict[int, set[int]] = {}
    for team_id, user_id in (
        Team.objects.filter(pk__in=team_ids)
        .filter(_active_on(today, "maatwerk_contactpersonen__"))
        .values_list("pk", "maatwerk_contactpersonen__medewerker_id")
    ):
        contactpersonen.setdefault(team_id, set()).add(user_id)
    leden: dict[int, set[int]] = {}
    for user_id, groep_id in User.objects.filter(
        maatwerk_beoordelingsgroepen__in=groep_ids, maatwerk_beoordelingsgroepen__actief=True
    ).values_list("pk", "maatwerk_beoordelingsgroepen"):
        leden.setdefault(groep_id, set()).add(user_id)

    def holders(aanvraag) -> set[int]:
        if aanvraag.routering == ROUTE_TEAMMANAGER:
            return managers.get(aanvraag.traject.team_id, set())
        if aanvraag.routering == ROUTE_BEOORDELINGSGROEP:
            return leden.get(aanvraag.beoordelingsgroep_id, set())
        if aanvraag.routering == ROUTE_CONTACTPERSONEN:
            return contactpersonen.get(aanvraag.traject.team_id, set())
        return set()

    per_aanvraag = {a.pk: holders(a) for a in aanvragen}
    all_holders = set().union(*per_aanvraag.values())
    stand_ins: dict[int, set[int]] = {}
    for afwezige_id, vervanger_id in (
        User.objects.filter(pk__in=all_holders)
        .filter(_active_on(today, "maatwerk_vervangingen__"), maatwerk_vervangingen__beeindigd_op__isnull=True)
        .values_list("pk", "maatwerk_vervangingen__vervanger_id")
    ):
        stand_ins.setdefault(afwezige_id, set()).add(vervanger_id)
    for aanvraag in aanvragen:
        ids = per_aanvraag[aanvraag.pk]
        per_aanvraag[aanvraag.pk] = ids | {v for holder in ids for v in stand_ins.get(holder, set())}
    users = User.objects.in_bulk(set().union(*per_aanvraag.values()))
    return {
        aanvraag.pk: sorted(
            (
                users[user_id]
                for user_id in per_aanvraag[aanvraag.pk]
                if user_id in users and users[user_id].is_active and not made_aanvraag(users[user_id], aanvraag)
            ),
            key=lambda user: user.pk,
        )
        for aanvraag in aanvragen
    }


# Privacy: external requests for data (Team Handhaving, police), AVG requests (inzage, verbetering,
# vroegtijdige vernietiging) and retention. These read the privacy tables by attribute (traject,
# organisatie_id, geregistreerd_door_id, voorgelegd_door_id, soort), so accounts imports no domain app.
#
# - A request belongs to an organisation and, while the dossier exists, to a traject: whoever has the
#   relation the matrix asks for to that traject, or works for the organisation in a role that acts
#   organisation-wide (the privacyfunctionaris), may act on it. After the dossier is destroyed only
#   the organisation-wide relation remains.
# - Four eyes on external requests: who registered or submitted a request never approves it.
# - A client asks about themselves, and as a parent with gezag about a child whose dossier they may
#   read (ClientScope); the portal's minimum age (12) is the Jeugdwet's age for a request of one's own.

AVG_SOORT_INZAGE = "inzage"
AVG_SOORT_VERBETERING = "verbetering"
AVG_SOORT_VERNIETIGING = "vernietiging"


def privacy_relation(user, onderwerp: str, handeling: str, *, organisatie_id: int, traject=None) -> str | None:
    """The user's relation to a privacy object of this organisation (and, if it still has one, traject)."""
    if not is_staff_member(user):
        return None
    if traject is not None:
        relation = traject_relation(user, traject, onderwerp, handeling)
        if relation is not None:
            return relation
    if organisatie_id in organisation_ids_for(user, onderwerp, handeling):
        return Relatie.EIGEN_ORGANISATIE
    return None


def privacy_scope(user, onderwerp: str, handeling: str = Handeling.LEZEN) -> Q:
    """A filter on a queryset of requests (fields `organisatie` and `traject`) the user may act on."""
    if not is_staff_member(user):
        return Q(pk__in=[])
    return Q(organisatie_id__in=organisation_ids_for(user, onderwerp, handeling)) | traject_condition(
        user, onderwerp, handeling, prefix="traject__"
    )


def role_may(user, onderwerp: str, handeling: str) -> bool:
    """Whether the user's role may do this in some relation (for pages that list what is in reach)."""
    return any(relaties_voor(onderwerp, handeling, m.role) for m in current_memberships(user))


def _on(user, onderwerp: str, handeling: str, obj) -> bool:
    return (
        privacy_relation(user, onderwerp, handeling, organisatie_id=obj.organisatie_id, traject=obj.traject) is not None
    )


def sees_privacy_menu(user) -> bool:
    """The "Privacy" menu item: whoever reads external or AVG requests or retention in some relation."""
    return is_staff_member(user) and any(
        role_may(user, onderwerp, Handeling.LEZEN)
        for onderwerp in (Onderwerp.EXTERN_VERZOEK, Onderwerp.AVG_VERZOEK, Onderwerp.BEWAARTERMIJN)
    )


def can_register_extern_verzoek(user, traject) -> bool:
    return allows(user, Onderwerp.EXTERN_VERZOEK, Handeling.VASTLEGGEN, traject)


def can_view_extern_verzoek(user, verzoek) -> bool:
    return _on(user, Onderwerp.EXTERN_VERZOEK, Handeling.LEZEN, verzoek)


def can_work_on_extern_verzoek(user, verzoek) -> bool:
    """Compile the items, submit, withdraw, record the outcome: who works on the traject (and so may
    read what they compile); nobody once the dossier is gone."""
    return verzoek.traject is not None and allows(user, Onderwerp.EXTERN_VERZOEK, Handeling.VASTLEGGEN, verzoek.traject)


def made_extern_verzoek(user, verzoek) -> bool:
    return user.pk in {verzoek.geregistreerd_door_id, verzoek.voorgelegd_door_id}


def can_judge_extern_verzoek(user, verzoek) -> bool:
    """Approve, send back or reject: the traject's teammanager or the privacyfunctionaris, never who
    registered or submitted it (four eyes)."""
    return not made_extern_verzoek(user, verzoek) and _on(user, Onderwerp.EXTERN_VERZOEK, Handeling.BEOORDELEN, verzoek)


def can_export_extern_verzoek(user, verzoek) -> bool:
    return _on(user, Onderwerp.EXTERN_VERZOEK, Handeling.EXPORTEREN, verzoek)


def can_view_avg_verzoek(user, verzoek) -> bool:
    return _on(user, Onderwerp.AVG_VERZOEK, Handeling.LEZEN, verzoek)


def can_register_avg_verzoek(user, traject) -> bool:
    return (
        privacy_relation(
            user,
            Onderwerp.AVG_VERZOEK,
            Handeling.VASTLEGGEN,
            organisatie_id=traject.team.organisatie_id,
            traject=traject,
        )
        is not None
    )


def avg_register_organisation_ids(user) -> set[int]:
    """Organisations where the user registers AVG requests for any dossier (the privacyfunctionaris)."""
    return organisation_ids_for(user, Onderwerp.AVG_VERZOEK, Handeling.VASTLEGGEN)


def can_export_person_data(user, verzoek) -> bool:
    """All data of a person, on a registered inzage request."""
    return verzoek.soort == AVG_SOORT_INZAGE and _on(user, Onderwerp.AVG_VERZOEK, Handeling.EXPORTEREN, verzoek)


def can_decide_avg_verzoek(user, verzoek) -> bool:
    """Verbetering: who works on the traject, its managers, the privacyfunctionaris. Inzage: who may
    export the data. Vroegtijdige vernietiging: who judges retention."""
    if verzoek.soort == AVG_SOORT_VERNIETIGING:
        return can_review_retention(user, verzoek.organisatie_id)
    if verzoek.soort == AVG_SOORT_INZAGE:
        return can_export_person_data(user, verzoek)
    return _on(user, Onderwerp.AVG_VERZOEK, Handeling.BEOORDELEN, verzoek)


def retention_organisation_ids(user, handeling: str = Handeling.LEZEN) -> set[int]:
    return organisation_ids_for(user, Onderwerp.BEWAARTERMIJN, handeling) if is_staff_member(user) else set()


def sees_retention(user) -> bool:
    return bool(retention_organisation_ids(user))


def can_review_retention(user, organisatie_id: int) -> bool:
    return organisatie_id in retention_organisation_ids(user, Handeling.BEOORDELEN)


def client_may_export(user) -> bool:
    return is_client(user) and bool(relaties_voor(Onderwerp.AVG_VERZOEK, Handeling.EXPORTEREN, CLIENT))


def client_may_request_about(scope: ClientScope, persoon) -> bool:
    """A client asks about themselves, or as a parent with gezag about a child whose dossier they may
    read; never about another adult."""
    if not relaties_voor(Onderwerp.AVG_VERZOEK, Handeling.VASTLEGGEN, CLIENT) or persoon.pk not in scope.persons:
        return False
    if persoon.pk == scope.viewer.pk:
        return scope.viewer.leeftijd_op(scope.today) >= PORTAL_MINIMUM_AGE
    return scope.viewer.gezag and persoon.leeftijd_op(scope.today) < ADULT_AGE and scope.may_read_about(persoon.pk)
