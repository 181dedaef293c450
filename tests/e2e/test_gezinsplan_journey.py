import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from boks.dossiers.choices import Status
from boks.dossiers.models import Traject
from boks.gezinsplan.models import Score
from tests.factories import PASSWORD, MembershipFactory, PersoonFactory, TeamFactory, TrajectFactory, UserFactory

from .conftest import screenshot
from .test_staff_login import log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_form(page, button: str) -> None:
    """Opens the folded form whose submit button says `button` (it may already be open)."""
    details = page.locator("details").filter(has=page.locator("button[type=submit]", has_text=button))
    if not details.evaluate("element => element.open"):
        details.locator("summary").click()


def test_a_worker_drafts_scores_and_agrees_a_plan_with_the_family(page):
    today = timezone.localdate()
    team = TeamFactory(naam="Overvecht De Gagel")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Fatima")).user
    start = today - datetime.timedelta(days=20)
    traject = TrajectFactory(
        team=team,
        regisseur=worker,
        status=Status.PLAN,
        huishouden__naam="Huishouden Yilmaz",
        aanmelddatum=start - datetime.timedelta(days=10),
        kennismaking_op=start - datetime.timedelta(days=7),
        werkdagen_tot_kennismaking=3,
        begeleiding_gestart_op=start,
        aanmeldvraag="Mijn zoon gaat niet meer naar school en thuis is het vaak ruzie.",
        persoon__voornaam="Ayse",
        persoon__achternaam="Yilmaz",
    )
    PersoonFactory(huishouden=traject.huishouden, voornaam="Emre", achternaam="Yilmaz", rol="jeugdige")
    log_in_with_totp(page, worker, PASSWORD)

    page.get_by_role("link", name=traject.dossiernummer).click()
    page.get_by_role("link", name="Gezinsplan").click()
    page.get_by_role("button", name="Gezinsplan starten").click()
    expect(page.get_by_text("Het gezinsplan is gestart.")).to_be_visible()

    for text, agreement in [
        ("Emre gaat elke ochtend op tijd naar school.", "Wekker samen instellen en om half acht ontbijten"),
        ("Minder ruzie thuis, vooral 's avonds.", "Elke zondag samen de week bespreken"),
    ]:
        open_form(page, "Doel toevoegen")
        page.locator("#id_nieuw-doel-omschrijving").fill(text)
        page.locator("#id_nieuw-doel-leefgebied").select_option("opvoeden_opgroeien")
        page.get_by_role("checkbox", name="Ayse Yilmaz").check()
        page.get_by_role("button", name="Doel toevoegen").click()
        expect(page.get_by_text("Doel toegevoegd.")).to_be_visible()
        open_form(page, "Afspraak toevoegen")
        page.locator("#id_nieuwe-afspraak-wat").fill(agreement)
        page.locator("#id_nieuwe-afspraak-doel").select_option(label=text)
        page.locator("input[name='nieuwe-afspraak-wie_soort'][value='client']").check()
        page.locator("#id_nieuwe-afspraak-wie_persoon").select_option(label="Ayse Yilmaz (ouder / verzorger)")
        page.locator("#id_nieuwe-afspraak-uiterlijk_op").fill((today + datetime.timedelta(days=14)).isoformat())
        page.get_by_role("button", name="Afspraak toevoegen").click()
        expect(page.get_by_text("Afspraak toegevoegd.")).to_be_visible()
    screenshot(page, "gezinsplan-concept")

    page.get_by_role("link", name="Terug naar het plan").click()
    for days_ago, values in [(14, (3, 2)), (0, (6, 5))]:
        page.get_by_role("link", name="Scores invullen").click()
        page.get_by_label("Datum").fill((today - datetime.timedelta(days=days_ago)).isoformat())
        page.locator("input[name='beoordelaar'][value='client']").check()
        page.get_by_label("Gezinslid").select_option(label="Ayse Yilmaz (ouder / verzorger)")
        for field, value in zip(page.locator("input[name^='score_']").all(), values, strict=True):
            field.fill(str(value))
        page.get_by_role("button", name="Scores opslaan").click()
        expect(page.get_by_text("Scores opgeslagen.")).to_be_visible()
    assert Score.objects.count() == 4

    page.get_by_role("link", name="Concept bewerken").click()
    page.get_by_role("link", name="Plan vaststellen met het gezin").click()
    page.get_by_label("Wie van het gezin stemt in?").select_option(label="Ayse Yilmaz (ouder / verzorger)")
    page.get_by_role("button", name="Plan vaststellen").click()
    expect(page.get_by_text("Het plan is vastgesteld.")).to_be_visible()
    expect(page.locator(".boks-status").first).to_have_text("Uitvoering")
    expect(page.locator(".boks-goal")).to_have_count(2)
    expect(page.locator("canvas[data-boks-chart]")).to_have_count(2)
    page.wait_for_function("document.querySelectorAll('canvas[data-boks-chart-done]').length == 2")
    screenshot(page, "gezinsplan")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn caseload").click()
    row = page.get_by_role("row").filter(has_text=traject.dossiernummer)
    expect(row).to_contain_text("Uitvoering")
    expect(row).to_contain_text("Afspraak:")
    screenshot(page, "caseload-uitvoering")
    assert Traject.objects.get(pk=traject.pk).status == Status.UITVOERING
