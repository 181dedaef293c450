from django.db.models import Prefetch, QuerySet

from . import authorization
from .models import Membership, Team, User


def teams_with_members_for(user: User) -> QuerySet[Team]:
    """The teams the user may see, each with its current members (two queries in all)."""
    members = Membership.objects.current().select_related("user").order_by("user__last_name", "user__first_name")
    return (
        authorization.visible_teams(user)
        .select_related("organisatie", "wijk", "cluster")
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="current_members"))
        .order_by("organisatie__naam", "naam")
        .distinct()
    )
