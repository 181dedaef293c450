"""Writes of the privacy app, one module per subject: external requests (`extern`), AVG requests
(`avg`), retention and destruction (`bewaren`, with the mechanism in `vernietigen`). Every function
takes keyword-only arguments, runs in one transaction, checks the authorisation module, records a
status step and raises a Dutch ValidationError, PermissionDenied or Conflict when a rule says no."""

from django.db.models import Q
from django.utils import timezone

from boks.accounts import authorization
from boks.accounts.models import Membership, User


def naam(user) -> str:
    if user is None:
        return "BOKS"
    return user.get_full_name() or user.email


def geef_nummer(obj, prefix: str) -> None:
    """A readable number from the row's id and year, e.g. EV-2026-00042; set once, after the insert."""
    jaar = timezone.localdate().year
    obj.nummer = f"{prefix}-{jaar}-{obj.pk:05d}"
    type(obj).objects.filter(pk=obj.pk).update(nummer=obj.nummer)


def organisation_holders(organisatie_id: int, onderwerp: str, handeling: str) -> list[User]:
    """Active staff of the organisation whose role may do this organisation-wide (the matrix decides)."""
    roles = authorization.rollen_met(onderwerp, handeling, authorization.Relatie.EIGEN_ORGANISATIE)
    members = Membership.objects.current().filter(team__organisatie_id=organisatie_id, role__in=roles)
    return list(User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("pk"))


def team_holders(team_id: int, onderwerp: str, handeling: str) -> list[User]:
    """Active staff of the team whose role may do this for the whole team."""
    roles = authorization.rollen_met(onderwerp, handeling, authorization.Relatie.EIGEN_TEAM)
    members = Membership.objects.current().filter(team_id=team_id, role__in=roles)
    return list(User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("pk"))


def traject_workers(traject) -> list[User]:
    """The regisseur and betrokken medewerkers of a traject who still work in its team."""
    in_team = Membership.objects.current().filter(team_id=traject.team_id).values("user_id")
    return list(
        User.objects.filter(Q(pk=traject.regisseur_id) | Q(betrokken_trajecten=traject), pk__in=in_team, is_active=True)
        .distinct()
        .order_by("pk")
    )
