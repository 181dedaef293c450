"""Who may see and do what. Every view, API view, task and export asks this module.

Later capabilities add their rules here, so the whole authorisation matrix can be read (and
tested) in one place. Each function answers for one user; none of them trusts request data.
"""

from django.db.models import Q, QuerySet

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


def can_update_afspraak(user, afspraak) -> bool:
    return can_work_on_traject(user, afspraak.plan.traject)


# Wat Telt. The measurements belong to the traject: who may read the traject (visible_trajecten)
# reads its Wat Telt history, who works on it records metingen and adds scores. The management figures (counts and
# average change, no client data) are for the team's managers and quality staff.

WATTELT_FIGURES_ROLES = {TeamRole.TEAMMANAGER, TeamRole.KWALITEITSMEDEWERKER}


def can_record_meting(user, traject) -> bool:
    return can_work_on_traject(user, traject)


def wattelt_figures_team_ids(user) -> set[int]:
    return _team_ids_with(user, WATTELT_FIGURES_ROLES)
