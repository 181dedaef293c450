from django.conf import settings
from django.test import Client
from django.urls import reverse


def test_boks_speaks_dutch_whatever_the_browser_prefers(db):
    response = Client().get(reverse("account_login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Inloggen bij BOKS" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_choosing_english_in_the_footer_switches_the_screens(db):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("account_login")})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("account_login")).content.decode()
    assert "Log in to BOKS" in html
    assert '<html lang="en"' in html


def test_an_unknown_language_cookie_falls_back_to_dutch(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert "Inloggen bij BOKS" in client.get(reverse("account_login")).content.decode()
