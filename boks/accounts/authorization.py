"""Who may see and do what. Every view, API view, task and export asks this module.

Later capabilities add their rules here, so the whole authorisation matrix can be read (and
tested) in one place. Each function answers for one user; none of them trusts request data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from .choices import TeamRole, UserKind
from .models import Membership, Organisatie, Team, User


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


def managed_organisation_ids(user: User) -> set[int]:
    return {m.team.organisatie_id for m in current_memberships(user) if m.role == TeamRole.FUNCTIONEEL_BEHEERDER}


def visible_teams(user: User) -> QuerySet[Team]:
    """Teams whose members and work the user may see: their own teams, and for functioneel
    beheer every team of their organisation."""
    if not is_staff_member(user):
        return Team.objects.none()
    own = {m.team_id for m in current_memberships(user)}
    managed = managed_organisation_ids(user)
    return Team.objects.filter(pk__in=own) | Team.objects.filter(organisatie_id__in=managed)


def can_view_team(user: User, team: Team) -> bool:
    if not is_staff_member(user):
        return False
    return bool(roles_in_team(user, team)) or team.organisatie_id in managed_organisation_ids(user)


def can_access_beheer(user: User) -> bool:
    """Functioneel beheer maintains organisations, teams, users and memberships."""
    if not is_staff_member(user):
        return False
    return user.is_superuser or bool(managed_organisation_ids(user))


def can_manage_organisation(user: User, organisatie: Organisatie) -> bool:
    if not is_staff_member(user):
        return False
    return user.is_superuser or organisatie.pk in managed_organisation_ids(user)


# Dossiers. These rules read a traject's team, regisseur and betrokkenen by attribute, so this
# module needs no import of the dossiers app (which depends on accounts, not the other way round).

DOSSIER_READER_ROLES = {TeamRole.GEZINSWERKER, TeamRole.TEAMMANAGER, TeamRole.KWALITEITSMEDEWERKER}
DOSSIER_WORKER_ROLES = {TeamRole.GEZINSWERKER, TeamRole.TEAMMANAGER}


def _team_ids_with(user, roles: set[str]) -> set[int]:
    return {m.team_id for m in current_memberships(user) if m.role in roles}


def dossier_team_ids(user) -> set[int]:
    """Teams whose dossiers the user may read: gezinswerkers, managers and quality staff of the team."""
    return _team_ids_with(user, DOSSIER_READER_ROLES)


def worker_team_ids(user) -> set[int]:
    """Teams where the user registers aanmeldingen and takes part in distributing them."""
    return _team_ids_with(user, DOSSIER_WORKER_ROLES)


def managed_team_ids(user) -> set[int]:
    return _team_ids_with(user, {TeamRole.TEAMMANAGER})


def visible_trajecten(user, queryset):
    return queryset.filter(team_id__in=dossier_team_ids(user))


def visible_huishoudens(user, queryset):
    """Households of the user's teams, and households with a traject in one of them."""
    team_ids = dossier_team_ids(user)
    return queryset.filter(Q(team_id__in=team_ids) | Q(trajecten__team_id__in=team_ids)).distinct()


def can_view_traject(user, traject) -> bool:
    return traject.team_id in dossier_team_ids(user)


def is_involved_in(user, traject) -> bool:
    """Regisseur or betrokken medewerker (uses prefetched betrokkenen when the selector loaded them)."""
    return traject.regisseur_id == user.pk or any(b.pk == user.pk for b in traject.betrokkenen.all())


def can_work_on_traject(user, traject) -> bool:
    """Write to the journal and move the workflow: the regisseur, betrokken medewerkers and the
    team's managers, as long as they still work in the traject's team."""
    if traject.team_id not in worker_team_ids(user):
        return False
    return traject.team_id in managed_team_ids(user) or is_involved_in(user, traject)


def can_register_aanmelding(user, team) -> bool:
    return team.pk in worker_team_ids(user)


def can_distribute(user, traject) -> bool:
    """Teams distribute new aanmeldingen themselves: any gezinswerker or manager of the team."""
    return traject.team_id in worker_team_ids(user)


def can_reopen_traject(user, traject) -> bool:
    if traject.team_id not in worker_team_ids(user):
        return False
    return traject.regisseur_id == user.pk or traject.team_id in managed_team_ids(user)


def can_correct_contactmoment(user, contactmoment) -> bool:
    return contactmoment.auteur_id == user.pk and can_work_on_traject(user, contactmoment.traject)


# Gezinsplan. The plan belongs to the traject: who may read the traject reads its plan, who works on
# the traject edits the concept, records scores and evaluations, and marks agreements done.


def can_update_afspraak(user, afspraak, wie_persoon_id: int | None = None) -> bool:
    """Workers on the traject, and the client whose own agreement it is (ticked off in the portal)."""
    if is_client(user):
        return wie_persoon_id is not None and any(
            access.persoon_id == wie_persoon_id for access in client_accesses(user)
        )
    return can_work_on_traject(user, afspraak.plan.traject)


# Wat Telt. The measurements belong to the traject: who may read the traject (visible_trajecten)
# reads its Wat Telt history, who works on it records metingen and adds scores. The management figures (counts and
# average change, no client data) are for the team's managers and quality staff.

WATTELT_FIGURES_ROLES = {TeamRole.TEAMMANAGER, TeamRole.KWALITEITSMEDEWERKER}


def can_record_meting(user, traject, persoon_id: int | None = None) -> bool:
    """Workers on the traject; and a client for their own Wat Telt, in the portal."""
    if is_client(user):
        return persoon_id is not None and any(
            access.persoon_id == persoon_id and access.persoon.huishouden_id == traject.huishouden_id
            for access in client_accesses(user)
        )
    return can_work_on_traject(user, traject)


def wattelt_figures_team_ids(user) -> set[int]:
    return _team_ids_with(user, WATTELT_FIGURES_ROLES)


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
AANVULLENDE_ZORG_FIGURES_ROLES = {TeamRole.TEAMMANAGER, TeamRole.KWALITEITSMEDEWERKER}
AANVRAGEN_MENU_ROLES = DOSSIER_READER_ROLES | {TeamRole.PGB_BEOORDELAAR}


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
    scope = beoordelaar_scope(user) if scope is None else scope
    readable = Q(traject__team_id__in=dossier_team_ids(user))
    return queryset.filter(readable | scope.q() if scope else readable)


def made_aanvraag(user, aanvraag) -> bool:
    return user.pk in {aanvraag.aangemaakt_door_id, aanvraag.ingediend_door_id}


def can_request_aanvullende_zorg(user, traject) -> bool:
    """Make, change, submit, supplement and withdraw requests, and register verwijzingen."""
    return can_work_on_traject(user, traject)


def can_assess_aanvraag(user, aanvraag, scope: BeoordelaarScope | None = None) -> bool:
    """Take in behandeling, ask for information and decide: in scope, and never one's own request."""
    if not is_staff_member(user) or made_aanvraag(user, aanvraag):
        return False
    scope = beoordelaar_scope(user) if scope is None else scope
    return scope.covers(aanvraag)


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
    """The "Aanvragen" menu item: whoever reads dossiers, PGB-beoordelaars and anyone with a scope."""
    if not is_staff_member(user):
        return False
    if any(m.role in AANVRAGEN_MENU_ROLES for m in current_memberships(user)):
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


def aanvullende_zorg_figures_team_ids(user) -> set[int]:
    """Management figures (counts, lead times; no client data) for the team's managers and quality staff."""
    return _team_ids_with(user, AANVULLENDE_ZORG_FIGURES_ROLES)
