import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from playwright.sync_api import expect

from boks.accounts.demo import DEMO_PASSWORD
from boks.accounts.models import User
from tests.conftest import totp_code

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_login(page, email: str, password: str) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="Inloggen bij BOKS")).to_be_visible()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def log_in_with_totp(page, user: User, password: str) -> None:
    """Gives the user an authenticator and logs in with password and code, as staff do."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    fill_login(page, user.email, password)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Aanmelden|Inloggen|Verifi", re.I)).click()


def test_seeded_gezinswerker_logs_in_with_totp_and_sees_the_caseload(page):
    call_command("seed_demo")
    page.goto("/")
    screenshot(page, "login")
    log_in_with_totp(page, User.objects.get(email="gezinswerker@lokalis.example"), DEMO_PASSWORD)

    expect(page.get_by_role("heading", name="Mijn caseload", level=1)).to_be_visible()
    expect(page.get_by_text("Je werkt in:")).to_contain_text("Overvecht Vechtzoom")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    screenshot(page, "caseload")

    page.get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Overvecht Vechtzoom")).to_be_visible()
    expect(page.get_by_role("cell", name="Joris de Vries")).to_be_visible()
    screenshot(page, "team")

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen bij BOKS")).to_be_visible()


def test_new_staff_member_must_set_up_totp_first_and_then_reaches_the_caseload(page):
    call_command("seed_demo")
    fill_login(page, "zuilen@lokalis.example", DEMO_PASSWORD)

    expect(page.get_by_text("Stel eerst tweestapsverificatie in")).to_be_visible()
    # allauth asks for the password once more before a security setting changes.
    expect(page.get_by_role("heading", name="Toegang bevestigen")).to_be_visible()
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.locator("#authenticator_secret")).to_be_visible()
    screenshot(page, "mfa-setup")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activeer").click()

    expect(page.get_by_role("heading", name=re.compile("Herstelcodes", re.I))).to_be_visible()
    recovery_codes = page.get_by_label("Ongebruikte codes").input_value().split()
    assert len(recovery_codes) == 10
    screenshot(page, "mfa-recovery-codes")
    page.goto("/")
    expect(page.get_by_role("heading", name="Mijn caseload", level=1)).to_be_visible()


def test_wrong_password_shows_a_dutch_message_in_the_browser(page):
    call_command("seed_demo")
    fill_login(page, "gezinswerker@lokalis.example", "niet-het-goede-wachtwoord")
    expect(page.get_by_text("e-mailadres en/of wachtwoord is niet correct")).to_be_visible()
    screenshot(page, "login-wrong-password")
