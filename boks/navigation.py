"""The staff navigation and the page shell's context, built from the authorisation module.

A menu item appears only when its page exists and the user may open it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boks.accounts import authorization
from boks.notifications.selectors import unread_count


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def staff_navigation(request) -> list[NavItem]:
    user = request.user
    if not authorization.is_staff_member(user):
        return []
    entries = [
        (_("Mijn caseload"), reverse("dossiers:caseload")),
        (_("Team"), reverse("accounts:team_overview")),
    ]
    if authorization.sees_aanvragen_menu(user):
        entries.append((_("Aanvragen"), reverse("maatwerk:aanvragen")))
    if authorization.sees_rapportage_menu(user):
        entries.append((_("Rapportage"), reverse("rapportage:index")))
    if authorization.access_log_organisation_ids(user):
        entries.append((_("Toegangslog"), reverse("audit:toegangslog")))
    if authorization.sees_privacy_menu(user):
        entries.append((_("Privacy"), reverse("privacy:overzicht")))
    if authorization.can_access_beheer(user):
        entries.append((_("Beheer"), reverse("beheer:index")))
    return [NavItem(str(label), url, request.path.startswith(url)) for label, url in entries]


def _oidc_login() -> dict:
    if not settings.BOKS_OIDC_SERVER_URL:
        return {}
    return {
        "oidc_login_url": reverse("openid_connect_login", kwargs={"provider_id": "digid"}),
        "oidc_name": settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["name"],
    }


def shell(request) -> dict:
    return {
        **_oidc_login(),
        "staff_navigation": staff_navigation(request),
        "mfa_switched_off": not settings.BOKS_REQUIRE_STAFF_MFA,
        "is_staff_member": authorization.is_staff_member(request.user),
        "unread_notifications": unread_count(request.user),
    }
