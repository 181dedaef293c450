from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from boks.accounts import authorization


@login_required
def home(request):
    if not authorization.is_client(request.user):
        raise PermissionDenied
    return render(request, "portal/home.html")
