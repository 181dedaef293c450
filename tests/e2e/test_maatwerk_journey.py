import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from boks.gezinsplan import services as plan_services
from boks.gezinsplan.choices import Beoordelaar
from boks.maatwerk import statusflow
from boks.maatwerk.choices import AanvraagStatus
from boks.maatwerk.models import Aanvraag
from tests.factories import PASSWORD, MembershipFactory, TeamFactory, UserFactory
from tests.maatwerk.factories import aanvraag, pgb_soort, traject_met_plan

from .conftest import screenshot
from .test_staff_login import log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOAL = "Moeder houdt het vol: elke week een middag rust."


def test_a_worker_submits_a_pgb_request_and_the_team_manager_decides_it(page, browser, live_server, monkeypatch):
    today = timezone.localdate()
    team = TeamFactory(naam="Overvecht Vechtzoom")
    worker = MembershipFactory(
        team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Fatima", last_name="El Amrani")
    ).user
    manager = MembershipFactory(
        team=team, role=TeamRole.TEAMMANAGER, user=UserFactory(first_name="Marco", last_name="Jansen")
    ).user
    traject = traject_met_plan(
        team, worker, goals=(GOAL, "Sem gaat elke dag naar school."), huishouden__naam="Huishouden Yilmaz"
    )
    pgb_soort(team.organisatie)
    plan = traject.gezinsplan
    moeder = traject.huishouden.personen.first()
    for days_ago, score in [(40, 3), (10, 5)]:
        plan_services.record_scores(
            actor=worker,
            plan=plan,
            datum=today - datetime.timedelta(days=days_ago),
            beoordelaar=Beoordelaar.CLIENT,
            persoon=moeder,
            scores=[plan_services.ScoreInvoer(doel.schaalvragen.get(), score) for doel in plan.doelen.all()],
        )

    colleague = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Joris")).user
    with monkeypatch.context() as earlier:
        earlier.setattr(statusflow, "_today", lambda: today - datetime.timedelta(days=30))
        overdue = aanvraag(traject_met_plan(team, colleague, huishouden__naam="Huishouden Bakker"), colleague)
        statusflow.perform(aanvraag_id=overdue.pk, stap="indienen", actor=colleague)

    log_in_with_totp(page, worker, PASSWORD)
    page.goto(f"/trajecten/{traject.pk}/")
    page.get_by_role("link", name="Aanvullende zorg", exact=True).click()
    page.get_by_label("Soort aanvraag").select_option(label="PGB (persoonsgebonden budget)")
    page.get_by_role("button", name="Aanvraag maken").click()
    page.get_by_role("checkbox", name=GOAL).check()
    page.get_by_label("De vraag").fill("Moeder zorgt dag en nacht voor Sem en raakt uitgeput.")
    page.get_by_label("Waarom past het reguliere aanbod niet?").fill(
        "De logeeropvang heeft een wachtlijst van een half jaar."
    )
    page.get_by_label("Wat hebben eigen kracht en netwerk al geprobeerd?").fill("Oma past twee middagen per week op.")
    page.get_by_label("Gevraagde oplossing").fill("Begeleiding door de eigen begeleider, twaalf uur per week.")
    page.get_by_role("textbox", name="Aanbieder").fill("Zorgboerderij Griftenstein")
    page.get_by_label("Einddatum huidig PGB").fill((today + datetime.timedelta(days=20)).isoformat())
    page.get_by_label("Gevraagd bedrag (euro)").fill("14400")
    page.get_by_label("Tot en met").fill((today + datetime.timedelta(days=385)).isoformat())
    screenshot(page, "maatwerk-aanvraag-formulier")
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.get_by_text("De aanvraag is ingediend.")).to_be_visible()
    expect(page.locator(".mw-status")).to_have_text("Ingediend")
    request = Aanvraag.objects.get(traject=traject)
    assert request.periode_van == today + datetime.timedelta(days=21)

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="nl-NL")
    boss = context.new_page()
    boss.set_default_timeout(15_000)
    log_in_with_totp(boss, manager, PASSWORD)
    boss.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanvragen").click()
    expect(boss.get_by_role("heading", name="Te beoordelen: 2 aanvragen")).to_be_visible()
    rows = boss.locator("table.mw-wachtrij tbody tr")
    expect(rows.first).to_contain_text("Huishouden Bakker")
    expect(rows.first).to_contain_text("te laat")
    screenshot(boss, "maatwerk-wachtrij")
    boss.get_by_role("link", name="PGB (persoonsgebonden budget)").click()
    boss.get_by_role("button", name="In behandeling nemen").click()
    expect(boss.locator(".mw-status")).to_have_text("In behandeling")
    plan_column = boss.locator(".mw-plan")
    expect(plan_column.get_by_role("heading", name=GOAL)).to_be_visible()
    boss.wait_for_function("document.querySelectorAll('canvas[data-boks-chart-done]').length >= 1")
    screenshot(boss, "maatwerk-besluit")
    boss.get_by_role("button", name="Besluit vastleggen").click()
    expect(boss.get_by_text("Een besluit heeft een motivering nodig.")).to_be_visible()
    boss.wait_for_function("document.querySelectorAll('canvas[data-boks-chart-done]').length >= 1")
    screenshot(boss, "maatwerk-besluit-zonder-motivering")
    boss.get_by_label("Toekennen", exact=True).check()
    boss.get_by_label("Motivering van het besluit").fill(
        "Het netwerk is ingezet en het reguliere aanbod past niet. Toegekend voor de gevraagde periode."
    )
    boss.get_by_role("button", name="Besluit vastleggen").click()
    expect(boss.get_by_text("Het besluit is vastgelegd: toegekend.")).to_be_visible()
    boss.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanvragen").click()
    boss.get_by_role("link", name="Vervanging regelen").click()
    boss.get_by_label("Wie vervangt je?").select_option(label="Fatima El Amrani")
    boss.get_by_label("Vanaf").fill(today.isoformat())
    boss.get_by_label("Tot en met").fill((today + datetime.timedelta(days=14)).isoformat())
    boss.get_by_role("button", name="Vervanger aanwijzen").click()
    expect(boss.get_by_text("Fatima El Amrani vervangt jou")).to_be_visible()
    screenshot(boss, "maatwerk-vervanging")
    context.close()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanvragen").click()
    row = page.get_by_role("row").filter(has_text="PGB (persoonsgebonden budget)")
    expect(row).to_contain_text("Toegekend")
    page.get_by_role("link", name="PGB (persoonsgebonden budget)").click()
    expect(page.get_by_role("heading", name="Besluit: toegekend")).to_be_visible()
    expect(page.locator(".mw-besluit")).to_contain_text("Toegekend voor de gevraagde periode.")
    screenshot(page, "maatwerk-besluit-gezien")
    page.get_by_role("link", name="Aanvullende zorg van Huishouden Yilmaz").click()
    page.get_by_role("link", name="Verwijzing registreren").click()
    page.get_by_label("Zorgvorm").select_option(label="Jeugd: diagnostiek en behandeling")
    page.get_by_label("Aanbieder").fill("Kentalis")
    page.get_by_label("Startdatum").fill(today.isoformat())
    page.get_by_role("checkbox", name="Sem gaat elke dag naar school.").check()
    screenshot(page, "maatwerk-verwijzing")
    page.get_by_role("button", name="Verwijzing registreren").click()
    expect(page.get_by_text("De verwijzing is geregistreerd.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Kentalis")).to_contain_text("Jeugdwet")
    screenshot(page, "maatwerk-traject")
    request.refresh_from_db()
    assert request.status == AanvraagStatus.TOEGEKEND and request.besluit_door == manager
