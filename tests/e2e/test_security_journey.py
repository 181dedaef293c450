"""Break-the-glass and the access log in the browser: a gezinswerker of another team opens a dossier
with a reason, the team's manager judges it, and the privacyfunctionaris finds it in the access log."""

import re

import pytest
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from tests.factories import PASSWORD, MembershipFactory, TeamFactory, TrajectFactory, UserFactory

from .conftest import screenshot
from .test_staff_login import log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REDEN = "Crisismelding in het weekend; de regisseur is niet bereikbaar."


def test_noodtoegang_is_judged_by_the_manager_and_found_in_the_access_log(browser, live_server):
    team = TeamFactory(naam="Overvecht Vechtzoom")
    zuilen = TeamFactory(naam="Zuilen", organisatie=team.organisatie)
    regisseur = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    traject = TrajectFactory(team=team, regisseur=regisseur, huishouden__naam="Huishouden El Idrissi")
    sanne = MembershipFactory(team=zuilen, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Sanne")).user
    manager = MembershipFactory(team=team, role=TeamRole.TEAMMANAGER, user=UserFactory(first_name="Marco")).user
    privacy = MembershipFactory(team=zuilen, role=TeamRole.PRIVACYFUNCTIONARIS, user=UserFactory()).user

    def session():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(15_000)
        refused = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        return context, page, refused

    context, page, refused = session()
    log_in_with_totp(page, sanne, PASSWORD)
    page.get_by_role("link", name="Open het met noodtoegang").click()
    page.get_by_label("Dossiernummer").fill(traject.dossiernummer)
    page.get_by_label("Waarom heb je dit dossier nu nodig?").fill("even kijken")
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_text("minstens 20 tekens")).to_be_visible()
    page.get_by_label("Waarom heb je dit dossier nu nodig?").fill(REDEN)
    screenshot(page, "noodtoegang-form")
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_role("heading", name=re.compile("Huishouden El Idrissi"))).to_be_visible()
    expect(page.get_by_text("met noodtoegang, tot")).to_be_visible()
    expect(page.get_by_role("button", name="Contactmoment opslaan")).to_have_count(0)
    screenshot(page, "noodtoegang-dossier")
    context.close()
    assert not refused

    context, page, refused = session()
    log_in_with_totp(page, manager, PASSWORD)
    page.get_by_role("link", name="Berichten").click()
    expect(page.get_by_text(f"Noodtoegang tot dossier {traject.dossiernummer}")).to_be_visible()
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Noodtoegang tot dossiers van je team").click()
    expect(page.get_by_role("cell", name=REDEN)).to_be_visible()
    page.get_by_label("Terecht", exact=True).check()
    screenshot(page, "noodtoegang-overzicht")
    page.get_by_role("button", name="Oordeel opslaan").click()
    expect(page.get_by_text("Je oordeel over de noodtoegang is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("^Terecht"))).to_be_visible()
    page.get_by_role("link", name=traject.dossiernummer).click()
    page.get_by_role("link", name="Wijzigingen").click()
    expect(page.get_by_role("heading", name="Wijzigingshistorie")).to_be_visible()
    expect(page.get_by_text(re.compile("Traject .* aangemaakt")).first).to_be_visible()
    screenshot(page, "wijzigingen")
    context.close()
    assert not refused

    context, page, refused = session()
    log_in_with_totp(page, privacy, PASSWORD)
    page.get_by_role("link", name="Toegangslog").click()
    expect(page.get_by_role("heading", name="Toegangslog", level=1)).to_be_visible()
    page.get_by_label("Grondslag").select_option("break_the_glass")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("cell", name=re.compile("Noodtoegang tot"))).to_be_visible()
    expect(page.get_by_text(REDEN).first).to_be_visible()
    screenshot(page, "toegangslog")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    assert download.value.suggested_filename.startswith("toegangslog-")
    context.close()
    assert not refused
