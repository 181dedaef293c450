"""Writes for who-is-who. Every caller (admin, seed_demo, later the API) goes through these."""

import datetime

from django.db import transaction

from .choices import TeamRole, UserKind
from .models import Membership, Team, User


@transaction.atomic
def create_staff_user(*, email: str, first_name: str, last_name: str, password: str | None = None) -> User:
    user = User(email=User.objects.normalize_email(email).lower(), first_name=first_name, last_name=last_name)
    user.kind = UserKind.STAFF
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def add_membership(*, user: User, team: Team, role: TeamRole, start_date: datetime.date | None = None) -> Membership:
    """Gives a staff member a role in a team; raises ValidationError with a Dutch message if a rule says no."""
    # Locking the user serialises concurrent additions, so the one-organisation rule holds.
    User.objects.select_for_update().get(pk=user.pk)
    membership = Membership(user=user, team=team, role=role)
    if start_date:
        membership.start_date = start_date
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def end_membership(*, membership: Membership, end_date: datetime.date) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.end_date == end_date:
        return membership
    membership.end_date = end_date
    membership.full_clean()
    membership.save(update_fields=["end_date"])
    return membership
