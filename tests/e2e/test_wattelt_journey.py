import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from boks.gezinsplan import services as gezinsplan
from boks.wattelt.models import Meting
from tests.factories import PASSWORD, MembershipFactory, TeamFactory, UserFactory
from tests.wattelt.factories import open_traject, registreer

from .conftest import screenshot
from .test_staff_login import log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_fills_in_wat_telt_with_the_client_and_the_chart_shows_two_rounds(page):
    team = TeamFactory(naam="Zuilen")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Kees")).user
    traject = open_traject(team, worker, kennismaking_dagen_geleden=120, huishouden__naam="Huishouden de Wit")
    client = traject.huishouden.personen.first()
    registreer(
        traject,
        datum=timezone.localdate() - datetime.timedelta(days=100),
        klant={"wonen": 3, "financien": 4},
        medewerker={"wonen": 4, "financien": 4},
        algemene_score=4,
    )
    versie = gezinsplan.start_plan(actor=worker, traject=traject)
    gezinsplan.add_doel(
        actor=worker,
        versie_id=versie.pk,
        data=gezinsplan.DoelData(omschrijving="We betalen de huur weer elke maand op tijd.", leefgebied="wonen"),
    )
    log_in_with_totp(page, worker, PASSWORD)
    page.goto(f"/trajecten/{traject.pk}/")
    page.get_by_role("link", name="Wat Telt", exact=True).click()
    expect(page.get_by_text("Ronde 2 is uiterlijk")).to_be_visible()
    page.get_by_role("link", name="Wat Telt invullen met de cliënt").click()

    page.get_by_label("Wonen: Belangrijk voor de cliënt").check()
    client_score = page.get_by_label("Wonen: Cliënt")
    client_score.focus()
    for _step in range(2):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#id_klant__wonen_waarde")).to_have_text("7")
    page.get_by_label("Wonen: Buurtteammedewerker").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_medewerker__wonen_waarde")).to_have_text("6")
    expect(page.get_by_label("Wonen: Derde")).to_be_hidden()
    page.get_by_label("Financiën en schulden: Belangrijk voor de cliënt").check()
    page.get_by_label("Financiën en schulden: Cliënt").focus()
    page.keyboard.press("ArrowLeft")
    page.get_by_label("Algemene score van de cliënt").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_algemene_score_waarde")).to_have_text("6")
    expect(page.get_by_label("Zingeving: Cliënt")).to_be_hidden()
    screenshot(page, "wattelt-invullen")
    page.get_by_role("button", name="Wat Telt opslaan").click()

    expect(page.get_by_text("Wat Telt opgeslagen (ronde 2).")).to_be_visible()
    wonen = page.get_by_role("table", name=f"Scores voor Wonen van {client.voornaam} per ronde")
    expect(wonen.locator("tbody tr")).to_have_count(2)
    expect(wonen.locator("tbody tr").nth(1)).to_contain_text("7")
    chart = page.locator(f'canvas[data-boks-chart="wattelt-{client.pk}-wonen"]')
    expect(chart).to_have_attribute("data-boks-chart-done", "1")
    expect(chart).to_have_attribute("aria-hidden", "true")
    expect(page.get_by_role("complementary", name="Gestelde doelen").first).to_contain_text(
        "We betalen de huur weer elke maand op tijd."
    )
    page.locator(f"#wattelt-{client.pk}-wonen-kop").scroll_into_view_if_needed()
    screenshot(page, "wattelt-historie")

    latest = Meting.objects.get(ronde=2)
    assert (latest.variant, latest.algemene_score) == ("digitaal", 6)
    assert sorted(latest.scores.values_list("leefgebied__code", "beoordelaar", "waarde")) == [
        ("financien", "klant", 4),
        ("financien", "medewerker", 5),
        ("wonen", "klant", 7),
        ("wonen", "medewerker", 6),
    ]


def test_a_worker_types_in_a_paper_wat_telt_and_fixes_a_mistake(page):
    team = TeamFactory(naam="Overvecht Vechtzoom")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    traject = open_traject(team, worker, kennismaking_dagen_geleden=30)
    log_in_with_totp(page, worker, PASSWORD)
    page.goto(f"/trajecten/{traject.pk}/wattelt/")
    page.get_by_role("link", name="Papieren Wat Telt invoeren").click()
    page.get_by_label("Wonen: Cliënt").fill("12")
    page.get_by_label("Wonen: Buurtteammedewerker").fill("5")
    page.get_by_label("Zingeving: Cliënt").fill("8")
    page.get_by_role("button", name="Papieren meting opslaan").click()
    expect(page.get_by_text("Een score ligt tussen 1 en 10.")).to_be_visible()
    expect(page.get_by_text("Vul ook deze score van de buurtteammedewerker in.")).to_be_visible()
    screenshot(page, "wattelt-papier-fout")
    page.get_by_label("Wonen: Cliënt").fill("6")
    page.get_by_label("Zingeving: Buurtteammedewerker").fill("7")
    page.get_by_role("button", name="Papieren meting opslaan").click()
    expect(page.get_by_text("Wat Telt opgeslagen (ronde 1).")).to_be_visible()
    assert Meting.objects.get().variant == "papier"
