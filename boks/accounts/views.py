from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import authorization, selectors


@login_required
def team_overview(request):
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied
    teams = selectors.teams_with_members_for(request.user)
    return render(
        request,
        "accounts/team_overview.html",
        {
            "teams": teams,
            "dossier_team_ids": authorization.dossier_team_ids(request.user),
            "sees_noodtoegang": authorization.sees_noodtoegang(request.user),
        },
    )
