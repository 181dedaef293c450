import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from boks.dossiers import services, toegang
from boks.dossiers.choices import Status
from boks.gezinsplan import services as plan_services
from boks.gezinsplan.models import DoelVoorstel
from tests.factories import MembershipFactory, TeamFactory, UserFactory
from tests.portal.helpers import Family, family

from .conftest import screenshot
from .test_staff_login import fill_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Een-sterk-wachtwoord-2026"
TODAY = timezone.localdate()


@pytest.fixture
def household() -> Family:
    team = TeamFactory(naam="Kanaleneiland Zuid")
    worker = MembershipFactory(
        team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Ilse", last_name="Bakker", with_totp=True)
    ).user
    fam = family(
        team,
        worker,
        status=Status.PLAN,
        aanmelddatum=TODAY - datetime.timedelta(days=40),
        kennismaking_op=TODAY - datetime.timedelta(days=35),
        werkdagen_tot_kennismaking=3,
        begeleiding_gestart_op=TODAY - datetime.timedelta(days=30),
    )
    versie = plan_services.start_plan(actor=worker, traject=fam.traject)
    doel = plan_services.add_doel(
        actor=worker, versie_id=versie.pk, data=plan_services.DoelData(omschrijving="Rust in huis, ook 's avonds")
    )
    plan_services.add_afspraak(
        actor=worker,
        versie_id=versie.pk,
        data=plan_services.AfspraakData(
            wat="Elke avond om negen uur de tv uit", wie_soort="client", wie_persoon=fam.moeder, doel=doel.doel
        ),
    )
    plan_services.vaststellen(
        actor=worker,
        versie_id=versie.pk,
        expected_gewijzigd_op=None,
        instemming_van=fam.moeder,
        instemming_op=TODAY - datetime.timedelta(days=20),
        instemming_wijze="gesprek",
    )
    services.write_contactmoment(
        actor=worker,
        traject=fam.traject,
        data=services.ContactmomentData(
            plaatsgevonden_op=timezone.now() - datetime.timedelta(days=2),
            soort="huisbezoek",
            tekst="Samen gekeken naar de avonden. Het gaat al beter.",
        ),
    )
    return fam


def activation_link() -> str:
    return re.search(r"https?://[^/]+(/portaal/activeren/[\w-]+/)", mail.outbox[-1].body).group(1)


def test_a_client_activates_sees_timeline_and_plan_and_adds_a_goal(page, household):
    worker = household.traject.regisseur
    toegang.invite(actor=worker, traject=household.traject, persoon=household.moeder, email="mira@mail.example")
    page.goto(activation_link())
    expect(page.get_by_role("heading", name="Welkom bij het portaal van uw buurtteam")).to_be_visible()
    page.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    page.get_by_label("Typ het wachtwoord nog een keer").fill(PASSWORD)
    screenshot(page, "portaal-activeren")
    page.get_by_role("button", name="Account maken").click()

    expect(page.get_by_role("heading", name="Hallo Mira")).to_be_visible()
    expect(page.get_by_text("Uw vaste contactpersoon is Ilse Bakker.")).to_be_visible()
    screenshot(page, "portaal-home")

    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Tijdlijn").click()
    expect(page.get_by_text("Samen gekeken naar de avonden.")).to_be_visible()
    screenshot(page, "portaal-tijdlijn")

    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Mijn plan").click()
    expect(page.get_by_role("heading", name="Rust in huis, ook 's avonds")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Gedaan")).click()
    expect(page.get_by_text("Goed gedaan!")).to_be_visible()
    page.get_by_label("Wat wilt u bereiken?").fill("Ik wil weer gaan zwemmen met de kinderen.")
    page.get_by_role("button", name="Doel versturen").click()
    expect(page.get_by_text("Uw doel is naar uw buurtteam gestuurd.")).to_be_visible()
    expect(page.get_by_text("Uw contactpersoon bekijkt het.")).to_be_visible()
    screenshot(page, "portaal-plan")
    assert DoelVoorstel.objects.get().omschrijving == "Ik wil weer gaan zwemmen met de kinderen."


def log_in_client(page, fam: Family):
    user = fam.give_access(fam.moeder)
    user.set_password(PASSWORD)
    user.save()
    fill_login(page, user.email, PASSWORD)
    expect(page.get_by_role("heading", name="Hallo Mira")).to_be_visible()


def test_a_client_uploads_a_document(page, household, tmp_path):
    log_in_client(page, household)
    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Documenten").click()
    letter = tmp_path / "brief.pdf"
    letter.write_bytes(b"%PDF-1.7\n" + b"x" * 400)
    page.get_by_label("Naam van het document").fill("Brief van de woningcorporatie")
    page.get_by_label("Kies een bestand").set_input_files(str(letter))
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Uw document staat erbij.")).to_be_visible()
    expect(page.get_by_role("link", name="Brief van de woningcorporatie")).to_be_visible()
    bad = tmp_path / "foto.jpg"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 300)
    page.get_by_label("Naam van het document").fill("Iets vreemds")
    page.get_by_label("Kies een bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Dit soort bestand kan niet worden geüpload.")).to_be_visible()
    screenshot(page, "portaal-documenten")


def test_a_client_looks_up_who_viewed_the_file(page, household, live_server):
    from django.test import Client

    staff = Client()
    staff.force_login(household.traject.regisseur)
    staff.get(f"/trajecten/{household.traject.pk}/")
    log_in_client(page, household)
    page.get_by_role("link", name="Wie heeft mijn dossier bekeken?").click()
    row = page.get_by_role("row").filter(has_text="Ilse Bakker")
    expect(row.first).to_contain_text("Bekeken")
    expect(row.first).to_contain_text("Kanaleneiland Zuid")
    screenshot(page, "portaal-wie-keek-mee")


def test_a_client_fills_in_a_due_wat_telt_round_and_sees_the_chart(page, household):
    from boks.wattelt import selectors as wattelt_selectors
    from boks.wattelt import services as wattelt_services
    from boks.wattelt.choices import Beoordelaar
    from boks.wattelt.models import Meting

    traject = household.traject
    catalogus = wattelt_selectors.catalogus(traject.team.organisatie_id)
    wonen = next(leefgebied for leefgebied in catalogus if leefgebied.code == "wonen")
    wattelt_services.registreer_meting(
        actor=traject.regisseur,
        traject=traject,
        data=wattelt_services.MetingData(
            persoon_id=household.moeder.pk,
            datum=TODAY - datetime.timedelta(days=25),
            variant="papier",
            leefgebieden=[wonen.code],
            scores=[
                wattelt_services.ScoreData(wonen.code, Beoordelaar.KLANT, 3),
                wattelt_services.ScoreData(wonen.code, Beoordelaar.MEDEWERKER, 4),
            ],
            algemene_score=4,
        ),
    )
    Meting.objects.filter(persoon=household.moeder).update(volgende_ronde_op=TODAY + datetime.timedelta(days=2))
    log_in_client(page, household)
    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Wat Telt").click()
    expect(page.get_by_text("U kunt Wat Telt nu invullen.")).to_be_visible()
    page.get_by_role("link", name="Wat Telt invullen").click()
    page.get_by_role("group", name=wonen.naam).get_by_label("Dit is belangrijk voor mij").check()
    slider = page.get_by_role("group", name=wonen.naam).get_by_role("slider")
    slider.focus()
    slider.press("Home")
    for _step in range(6):
        slider.press("ArrowRight")
    expect(page.locator(f"#{slider.get_attribute('id')}_waarde")).to_have_text("7")
    overall = page.get_by_role("slider", name="Hoe gaat het met u in deze fase van uw leven?")
    overall.focus()
    overall.press("End")
    screenshot(page, "portaal-wattelt-invullen")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Dank u wel!")).to_be_visible()
    expect(page.locator("canvas[data-boks-chart]").first).to_be_visible()
    table = page.get_by_role("table", name=re.compile(f"Scores voor {wonen.naam}"))
    expect(table.get_by_role("row")).to_have_count(3)
    page.wait_for_function("document.querySelectorAll('canvas[data-boks-chart-done]').length > 0")
    screenshot(page, "portaal-wattelt")
