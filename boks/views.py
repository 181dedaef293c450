import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader

from boks.accounts import authorization

logger = logging.getLogger(__name__)


def server_error(request):
    """The 500 handler; an unreachable database gets a 503 that says so in plain Dutch.

    Both pages render without the request context: its processors would query the database that
    may be the very thing that failed.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        logger.error("Database unreachable, check DATABASE_URL: %s", exception)
        page = loader.get_template("503.html").render()
        return HttpResponseServerError(page, status=503)
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A form posted after its page expired (e.g. the login page left open for hours)."""
    return render(request, "csrf_failure.html", status=403)


def home(request):
    """Staff start on their caseload, clients on the portal."""
    if authorization.is_staff_member(request.user):
        return redirect("dossiers:caseload")
    if authorization.is_client(request.user):
        return redirect("portal:home")
    return redirect(settings.LOGIN_URL)
