import time
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import authorization

LAST_ACTIVITY_KEY = "boks_last_activity"
# Recording activity at most once a minute saves a session write on almost every request.
ACTIVITY_RESOLUTION_SECONDS = 60


def _redirect(request, url):
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


class StaffIdleTimeoutMiddleware:
    """Logs staff out after a period without requests (BOKS_STAFF_IDLE_TIMEOUT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if authorization.is_staff_member(request.user):
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY, now)
            if now - last > settings.BOKS_STAFF_IDLE_TIMEOUT.total_seconds():
                logout(request)
                messages.warning(
                    request,
                    _("Je bent automatisch uitgelogd omdat je een tijd niets hebt gedaan. Log opnieuw in."),
                )
                if not request.path.startswith("/api/"):
                    login_url = reverse(settings.LOGIN_URL)
                    return _redirect(request, f"{login_url}?{urlencode({'next': request.get_full_path()})}")
            elif now - last >= ACTIVITY_RESOLUTION_SECONDS or LAST_ACTIVITY_KEY not in request.session:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class StaffMfaRequiredMiddleware:
    """Sends staff without TOTP to set it up before anything else, when BOKS_REQUIRE_STAFF_MFA."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed_prefixes = ("/account/", "/i18n/", "/" + settings.STATIC_URL.lstrip("/"))

    def __call__(self, request):
        if (
            settings.BOKS_REQUIRE_STAFF_MFA
            and authorization.is_staff_member(request.user)
            and not request.path.startswith(self.allowed_prefixes)
            and not is_mfa_enabled(request.user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Stel eerst tweestapsverificatie in voordat je de API gebruikt.")}, status=403
                )
            messages.info(
                request,
                _("Stel eerst tweestapsverificatie in. Daarna kun je met BOKS werken."),
            )
            return _redirect(request, reverse("mfa_activate_totp"))
        return self.get_response(request)
