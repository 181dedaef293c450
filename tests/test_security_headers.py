"""Every response carries a Content-Security-Policy without inline code, and dossier pages are never cached."""

import pytest
from django.test import Client

from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def test_the_login_page_allows_scripts_and_styles_only_from_boks_itself():
    response = Client().get("/account/login/")
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_pages_for_a_logged_in_user_are_not_stored_by_browser_or_proxy(gezinswerker, traject):
    response = logged_in(gezinswerker).get(f"/trajecten/{traject.pk}/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Content-Security-Policy" in response.headers


def test_the_api_documentation_page_is_the_one_page_allowed_its_inline_start_script(gezinswerker):
    response = logged_in(gezinswerker).get("/api/v1/docs/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
