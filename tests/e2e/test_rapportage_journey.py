"""Rapportage in the browser: a teammanager reads the team's figures and clicks through to the
trajecten behind one, compares teams with small numbers suppressed; a kwaliteitsmedewerker freezes
the quarter and downloads it. Every page passes the Content-Security-Policy (conftest)."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from boks.rapportage.models import Vaststelling
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.rapportage.dataset import build

from .conftest import screenshot
from .test_staff_login import log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_reads_the_figures_and_a_kwaliteitsmedewerker_freezes_the_quarter(page):
    world = build()
    manager = MembershipFactory(
        team=world.vechtzoom, role=TeamRole.TEAMMANAGER, user=UserFactory(first_name="Marco", last_name="Jansen")
    ).user
    kwaliteit = MembershipFactory(
        team=world.zuilen, role=TeamRole.KWALITEITSMEDEWERKER, user=UserFactory(first_name="Ahmed", last_name="Yilmaz")
    ).user

    log_in_with_totp(page, manager, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rapportage").click()
    expect(page.get_by_role("heading", name="Rapportage", level=1)).to_be_visible()
    page.get_by_role("link", name="Cijfers van team Vechtzoom").click()

    # The period filter: the first quarter of 2025, the quarter of the hand-built world.
    page.get_by_label("Periode", exact=True).select_option("eigen")
    page.get_by_label("Van", exact=True).fill("2025-01-01")
    page.get_by_label("Tot en met").fill("2025-03-31")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name="Cijfers van team Vechtzoom")).to_be_visible()
    tiles = page.locator(".rp-tegel")
    expect(tiles.filter(has_text="Actieve trajecten")).to_contain_text("3")
    expect(tiles.filter(has_text="Werkdagen tot kennismaking")).to_contain_text("6,5")
    expect(tiles.filter(has_text="Kennismaking binnen de norm")).to_contain_text("50%")
    chart = page.locator('canvas[data-rapportage-chart="grafiek-snelheid"]')
    expect(chart).to_have_attribute("data-rapportage-chart-done", "1")
    expect(chart).to_have_attribute("aria-hidden", "true")
    snelheid = page.get_by_role("table", name="Werkdagen van aanmelding tot kennismaking")
    expect(snelheid.get_by_role("row", name="Totaal")).to_contain_text("6,5")
    screenshot(page, "rapportage-team")
    page.locator("#snelheid").scroll_into_view_if_needed()
    screenshot(page, "rapportage-team-snelheid")

    # Behind a figure: the trajecten of the manager's own team, in the access log.
    tiles.filter(has_text="Wachtenden").get_by_role("link", name="1").click()
    expect(page.get_by_role("heading", name="Wachtend op de peildatum")).to_be_visible()
    expect(page.get_by_role("link", name=world.b.dossiernummer)).to_be_visible()
    screenshot(page, "rapportage-doorklik")

    # The organisation: other teams' small numbers are suppressed.
    page.goto("/rapportage/")
    page.get_by_role("link", name="Cijfers van Lokalis: per team, cluster of wijk").click()
    page.get_by_label("Onderdeel", exact=True).select_option(label="Noord")
    page.get_by_label("Periode", exact=True).select_option("eigen")
    page.get_by_label("Van", exact=True).fill("2025-01-01")
    page.get_by_label("Tot en met").fill("2025-03-31")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name="Cijfers van Cluster Noord")).to_be_visible()
    overview = page.get_by_role("table", name="Per team", exact=True)
    expect(overview.get_by_role("row", name="Vechtzoom")).to_contain_text("3")
    expect(overview.get_by_role("row", name="Zuilen")).to_contain_text("< 5")
    screenshot(page, "rapportage-organisatie")
    page.get_by_role("button", name="Uitloggen").click()

    # The kwaliteitsmedewerker freezes the first quarter of 2025 and downloads it.
    log_in_with_totp(page, kwaliteit, PASSWORD)
    page.goto(f"/rapportage/organisatie/{world.organisatie.pk}/rapport/2025-K1/")
    expect(page.get_by_role("heading", name="Nog niet vastgesteld")).to_be_visible()
    expect(page.get_by_role("heading", name="Bijlage 6 – Doelbereik")).to_be_visible()
    screenshot(page, "rapportage-rapport")
    page.get_by_role("button", name="Cijfers van 1e kwartaal 2025 vaststellen").click()
    expect(page.get_by_text("De cijfers van 1e kwartaal 2025 zijn vastgesteld (versie 1")).to_be_visible()
    expect(page.get_by_text("Vandaag berekend komen alle cijfers overeen met wat is vastgesteld.")).to_be_visible()
    screenshot(page, "rapportage-vastgesteld")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert "Doelbereik" in workbook.sheetnames
    assert Vaststelling.objects.get().vastgesteld_door == kwaliteit
