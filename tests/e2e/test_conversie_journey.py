"""Functioneel beheer maps a legacy code, uploads the old system's files, reads the dry run's report,
imports, and a gezinswerker of the team opens an imported dossier."""

import datetime
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from boks.accounts.demo import DEMO_PASSWORD
from boks.accounts.models import User
from boks.conversie import voorbeeld
from boks.conversie.models import Herkomst

from .conftest import screenshot
from .test_staff_login import log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _zip(path) -> int:
    """Writes the ZIP and returns the line of the person whose BSN fails."""
    bestanden = voorbeeld.bestanden(trajecten=6, teams=["Overvecht Vechtzoom"], tot=datetime.date(2025, 12, 31))
    # The old system's code for school, and one person whose BSN fails the elfproef.
    trajecten = bestanden["trajecten.csv"].decode().splitlines()
    velden = trajecten[1].split(";")
    velden[7] = "SCH"
    trajecten[1] = ";".join(velden)
    bestanden["trajecten.csv"] = ("\r\n".join(trajecten) + "\r\n").encode()
    bestanden["personen.csv"] += b"P99;H2;Foutje;;Test;01-01-1990;123456789;ouder_verzorger;ja;;\r\n"
    regel_p99 = bestanden["personen.csv"].count(b"\r\n")
    with zipfile.ZipFile(path, "w") as archief:
        for naam, inhoud in bestanden.items():
            archief.writestr(naam, inhoud)
    return regel_p99


def voorbeeld_regels(path, naam: str) -> int:
    with zipfile.ZipFile(path) as archief:
        return len(archief.read(naam).splitlines()) - 1


def test_beheer_converts_the_old_system(page, browser, live_server, tmp_path):
    call_command("seed_demo")
    archief = tmp_path / "oud-systeem.zip"
    regel_p99 = _zip(archief)
    log_in_with_totp(page, User.objects.get(email="beheer@lokalis.example"), DEMO_PASSWORD)

    page.goto("/beheer/")
    page.get_by_role("link", name="Codekoppelingen").click()
    page.get_by_role("link", name="Codekoppeling toevoegen").click()
    page.get_by_label("Organisatie").select_option(label="Lokalis")
    page.get_by_label("Codelijst").select_option(label="Melder")
    page.get_by_label("Code in het oude systeem").fill("SCH")
    page.get_by_label("Code in BOKS").fill("school")
    screenshot(page, "conversie-codekoppeling")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Melder: SCH → school")).to_be_visible()

    page.goto("/beheer/")
    page.get_by_role("link", name="Conversieruns").click()
    page.get_by_role("link", name="Conversierun toevoegen").click()
    page.get_by_label("Organisatie").select_option(label="Lokalis")
    page.get_by_label("Bron").fill("oud-systeem")
    page.get_by_label("ZIP-bestand").set_input_files(str(archief))
    screenshot(page, "conversie-upload")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.get_by_text("Proefrun (niets opslaan): Klaar")).to_be_visible()
    expect(page.get_by_role("cell", name="Het BSN klopt niet met de elfproef.")).to_be_visible()
    expect(page.get_by_role("row", name="trajecten.csv 6 6 0 6 0 0")).to_be_visible()
    aantal_doelen = voorbeeld_regels(archief, "doelen.csv")
    expect(
        page.get_by_role("row", name=f"doelen.csv {aantal_doelen} {aantal_doelen} 0 {aantal_doelen} 0 0")
    ).to_be_visible()
    screenshot(page, "conversie-proefrun")
    with page.expect_download() as download:
        page.get_by_role("link", name="Rapport downloaden (CSV, voor Excel)").click()
    rapport = download.value.path().read_text(encoding="utf-8-sig")
    assert f"personen.csv;{regel_p99};bsn;P99;Het BSN klopt niet met de elfproef." in rapport
    assert "123456789" not in rapport
    assert not Herkomst.objects.exists()

    page.get_by_role("link", name="Nu echt inlezen").click()
    screenshot(page, "conversie-inlezen")
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_text("Inlezen: Klaar")).to_be_visible()
    expect(page.get_by_role("row", name="trajecten.csv 6 6 0 6 0 0")).to_be_visible()
    aantal_doelen = voorbeeld_regels(archief, "doelen.csv")
    expect(
        page.get_by_role("row", name=f"doelen.csv {aantal_doelen} {aantal_doelen} 0 {aantal_doelen} 0 0")
    ).to_be_visible()
    screenshot(page, "conversie-ingelezen")

    traject_id = Herkomst.objects.get(soort="trajecten", legacy_id="T1").object_id
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="nl-NL")
    werker = context.new_page()
    log_in_with_totp(werker, User.objects.get(email="gezinswerker@lokalis.example"), DEMO_PASSWORD)
    werker.goto(f"/trajecten/{traject_id}/")
    expect(werker.get_by_text("School / onderwijs").first).to_be_visible()
    screenshot(werker, "conversie-dossier")
    context.close()
