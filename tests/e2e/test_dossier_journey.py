import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from boks.dossiers import services
from boks.dossiers.choices import Status
from boks.dossiers.models import Traject
from tests.factories import PASSWORD, MembershipFactory, TeamFactory, TrajectFactory, UserFactory

from .conftest import screenshot
from .test_staff_login import log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_registers_meets_writes_and_closes_a_traject(page):
    team = TeamFactory(naam="Overvecht Vechtzoom")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Fatima")).user
    today = timezone.localdate().isoformat()
    log_in_with_totp(page, worker, PASSWORD)

    page.get_by_role("link", name="Nieuwe aanmelding").click()
    page.get_by_label("Wie meldde aan?").select_option("school")
    page.get_by_label("Aanmeldvraag").fill("Mijn zoon gaat al weken niet naar school.")
    page.get_by_label("Onderwijs en school").check()
    page.get_by_label("Voornaam").fill("Naima")
    page.get_by_label("Achternaam").fill("Bouzid")
    page.get_by_label("Geboortedatum").fill("1984-03-09")
    page.get_by_label("Rol in het huishouden").select_option("ouder_verzorger")
    page.get_by_label("Postcode").fill("3526 AB")
    page.get_by_label("Ik word zelf regisseur van dit traject").check()
    screenshot(page, "aanmelding")
    page.get_by_role("button", name="Aanmelding registreren").click()

    expect(page.get_by_role("heading", name="Huishouden Bouzid")).to_be_visible()
    expect(page.get_by_text("Aanmelding geregistreerd als")).to_be_visible()
    traject = Traject.objects.get()

    page.get_by_text("Kennismaking vastleggen", exact=True).first.click()
    page.locator("#id_kennismaking_vastleggen-datum").fill(today)
    page.get_by_role("button", name="Kennismaking vastleggen").click()
    expect(page.locator(".boks-status").first).to_have_text("Wachtend op begeleiding")

    page.get_by_text("Contactmoment schrijven", exact=True).click()
    page.get_by_label("Soort contact").select_option("huisbezoek")
    page.get_by_label("Deelnemers").fill("moeder, zoon")
    page.get_by_label("Verslag").fill("Kennisgemaakt thuis. Zoon wil weer naar school, eerst twee ochtenden per week.")
    page.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.get_by_text("Contactmoment opgeslagen.")).to_be_visible()
    expect(page.locator(".boks-entry")).to_contain_text("eerst twee ochtenden per week")
    screenshot(page, "traject")

    page.get_by_text("Afsluiten", exact=True).first.click()
    screenshot(page, "afsluiten")
    page.get_by_role("button", name="Afsluiten").click()
    expect(page.locator("details[open]").first).to_contain_text("Dit veld is vereist.")
    page.get_by_label("In overeenstemming voortijdig afgesloten").check()
    page.locator("input[name='afsluiten-zelfstandig_verder'][value='ja']").check()
    page.get_by_label("Rapportcijfer van de cliënt").fill("8")
    page.get_by_role("button", name="Afsluiten").click()

    expect(page.locator(".boks-status").first).to_have_text("Afgesloten")
    expect(page.locator(".boks-timeline")).to_contain_text(
        "Traject afgesloten: In overeenstemming voortijdig afgesloten"
    )
    screenshot(page, "traject-afgesloten")
    traject.refresh_from_db()
    assert (traject.status, traject.afsluitreden, traject.rapportcijfer) == ("afgesloten", "in_overleg_voortijdig", 8)
    assert traject.contactmomenten.count() == 1


def test_a_colleague_takes_a_new_aanmelding_from_the_team_queue(page):
    team = TeamFactory(naam="Zuilen")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Sanne")).user
    new = TrajectFactory(team=team, regisseur=None, huishouden__naam="Huishouden Kaya")
    TrajectFactory(
        team=team,
        regisseur=worker,
        status=Status.WACHTEND,
        kennismaking_op=timezone.localdate() - datetime.timedelta(days=12),
        werkdagen_tot_kennismaking=2,
        huishouden__naam="Huishouden Pinas",
    )
    log_in_with_totp(page, worker, PASSWORD)
    page.get_by_role("link", name="Team").click()
    page.get_by_role("link", name="Aanmeldingen, wachtenden en trajecten van dit team").click()
    expect(page.get_by_role("heading", name="Werk van team Zuilen")).to_be_visible()
    expect(page.locator(".boks-card")).to_contain_text("Huishouden Kaya")
    expect(page.get_by_role("row", name="Huishouden Pinas").first).to_contain_text("12")
    screenshot(page, "team-werk")

    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("Regisseur opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Alle aanmeldingen hebben een regisseur.")).to_be_visible()
    new.refresh_from_db()
    assert new.regisseur == worker


def test_worker_corrects_an_entry_adds_a_child_and_reads_the_household_timeline(page):
    team = TeamFactory(naam="Overvecht Vechtzoom")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    traject = TrajectFactory(team=team, regisseur=worker, huishouden__naam="Huishouden Bakker")
    services.write_contactmoment(
        actor=worker,
        traject=traject,
        data=services.ContactmomentData(
            plaatsgevonden_op=timezone.now() - datetime.timedelta(hours=1),
            soort="telefonisch",
            tekst="Gebeld met schol.",
        ),
    )
    log_in_with_totp(page, worker, PASSWORD)
    page.goto(f"/trajecten/{traject.pk}/")

    page.get_by_role("link", name="Verbeteren").click()
    expect(page.get_by_role("heading", name="Contactmoment verbeteren")).to_be_visible()
    page.get_by_label("Verslag").fill("Gebeld met school.")
    screenshot(page, "contactmoment-verbeteren")
    page.get_by_role("button", name="Verbetering opslaan").click()
    expect(page.get_by_text("Contactmoment verbeterd.")).to_be_visible()
    expect(page.locator(".boks-entry")).to_contain_text("Gebeld met school.")

    page.get_by_role("link", name="Gezinslid toevoegen").click()
    page.get_by_label("Voornaam").fill("Sem")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("Geboortedatum").fill("2014-09-01")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Rol in het huishouden").select_option("jeugdige")
    page.get_by_role("button", name="Gezinslid toevoegen").click()
    expect(page.get_by_text("Dit is geen geldig BSN.")).to_be_visible()
    screenshot(page, "gezinslid-fout")
    page.get_by_label("BSN").fill("")
    page.get_by_role("button", name="Gezinslid toevoegen").click()
    expect(page.get_by_text("Gezinslid toegevoegd.")).to_be_visible()

    page.get_by_role("link", name="Alle trajecten van dit huishouden").click()
    expect(page.get_by_role("heading", name="Huishouden Bakker")).to_be_visible()
    expect(page.locator(".boks-timeline")).to_contain_text("Sem Bakker toegevoegd aan het huishouden")
    screenshot(page, "huishouden")
