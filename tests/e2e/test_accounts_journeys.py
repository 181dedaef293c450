import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from boks.accounts.demo import DEMO_PASSWORD
from boks.accounts.models import User
from boks.dossiers.models import Portaaltoegang
from tests.factories import PASSWORD, ClientUserFactory, TrajectFactory

from .conftest import screenshot
from .test_staff_login import fill_login, log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_client_logs_in_and_lands_in_the_portal(page):
    client = ClientUserFactory(first_name="Samira")
    persoon = TrajectFactory(persoon__voornaam="Samira").huishouden.personen.get()
    Portaaltoegang.objects.create(persoon=persoon, gebruiker=client)
    fill_login(page, client.email, PASSWORD)
    expect(page.get_by_role("heading", name="Hallo Samira")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Portaal")).to_be_visible()
    screenshot(page, "portal-home")


def test_a_client_without_access_is_told_so_plainly(page):
    client = ClientUserFactory()
    fill_login(page, client.email, PASSWORD)
    expect(page.get_by_role("heading", name="U heeft geen toegang tot een dossier")).to_be_visible()


def test_forgotten_password_is_reset_through_the_mailed_link(page):
    call_command("seed_demo")
    page.goto("/account/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.get_by_label("E-mailadres").fill("collega@lokalis.example")
    screenshot(page, "password-reset")
    page.get_by_role("button", name="Herstel mijn wachtwoord").click()
    expect(page.get_by_role("heading", name="Nieuw wachtwoord")).to_be_visible()

    link = re.search(r"https?://\S+/account/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("Een-nieuw-wachtwoord-77")
    page.get_by_label("Nieuw wachtwoord (bevestigen)").fill("Een-nieuw-wachtwoord-77")
    screenshot(page, "password-reset-new")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.get_by_text("Je wachtwoord is gewijzigd.")).to_be_visible()
    assert User.objects.get(email="collega@lokalis.example").check_password("Een-nieuw-wachtwoord-77")


def test_functioneel_beheerder_opens_beheer_and_sees_only_their_organisation(page):
    call_command("seed_demo")
    log_in_with_totp(page, User.objects.get(email="beheer@lokalis.example"), DEMO_PASSWORD)

    page.get_by_role("link", name="Beheer").click()
    expect(page.get_by_role("heading", name="Organisaties, teams en medewerkers")).to_be_visible()
    screenshot(page, "beheer")
    page.get_by_role("link", name="Teams", exact=True).first.click()
    expect(page.get_by_role("link", name="Overvecht Vechtzoom", exact=True)).to_be_visible()
    expect(page.get_by_text("BTO Sociaal")).to_have_count(0)
    screenshot(page, "beheer-teams")
    page.goto("/beheer/")
    page.get_by_role("link", name="Autorisatiematrix: wie mag wat").click()
    expect(page.get_by_role("columnheader", name="Privacyfunctionaris")).to_be_visible()
    expect(page.get_by_role("rowheader").first).to_be_visible()
    screenshot(page, "beheer-autorisatiematrix")
