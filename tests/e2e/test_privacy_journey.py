"""Privacy in the browser: a mother downloads her data from the portal and asks for a correction; the
privacyfunctionaris approves and exports Team Handhaving's request, answers the correction and an
inzage request, and reviews dossiers whose retention period has passed; the mother reads the answer."""

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boks.accounts.choices import TeamRole
from boks.privacy.choices import AvgSoort, ExternStatus, VernietigingStatus
from boks.privacy.models import AvgVerzoek, ExternVerzoek, Vernietiging
from boks.privacy.services import avg, bewaren
from tests.factories import PASSWORD, MembershipFactory, TeamFactory, TrajectFactory, UserFactory
from tests.privacy.helpers import rich_dossier
from tests.privacy.test_bewaren import close, last_changed, years_ago

from .conftest import screenshot
from .test_staff_login import fill_login, log_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return page, refused


def download(page, button) -> bytes:
    with page.expect_download() as info:
        button.click()
    return open(info.value.path(), "rb").read()


def test_privacy_for_the_client_and_the_privacyfunctionaris(page, browser, live_server):
    team = TeamFactory(naam="Overvecht Vechtzoom")
    worker = MembershipFactory(
        team=team, role=TeamRole.GEZINSWERKER, user=UserFactory(first_name="Fatima", last_name="El Amrani")
    ).user
    MembershipFactory(team=team, role=TeamRole.TEAMMANAGER, user=UserFactory(first_name="Marco", last_name="Jansen"))
    officer = MembershipFactory(
        team=team, role=TeamRole.PRIVACYFUNCTIONARIS, user=UserFactory(first_name="Eva", last_name="de Boer")
    ).user
    dossier = rich_dossier(team, worker)
    inzage = avg.registreer(
        actor=officer, traject=dossier.traject, persoon=dossier.moeder, data=avg.AvgVerzoekData(soort=AvgSoort.INZAGE)
    )
    for _ in range(2):
        old = TrajectFactory(team=team)
        close(old)
        last_changed(old.huishouden, years_ago(21))
    bewaren.stel_voor(vandaag=TODAY)

    # The regisseur registers Team Handhaving's request on the traject and chooses what to share.
    worker_page, worker_refused = new_page(browser, live_server)
    log_in_with_totp(worker_page, worker, PASSWORD)
    worker_page.goto(f"/trajecten/{dossier.traject.pk}/")
    worker_page.get_by_role("navigation", name="Onderdelen van dit traject").get_by_role("link", name="Privacy").click()
    screenshot(worker_page, "privacy-traject")
    worker_page.get_by_role("link", name="Extern verzoek registreren").click()
    worker_page.get_by_label("Wie vraagt de gegevens?").select_option(label="Team Handhaving van de gemeente")
    worker_page.get_by_label("Organisatie").fill("Gemeente Utrecht, Team Handhaving")
    worker_page.get_by_label("Contactpersoon", exact=True).fill("R. Kok")
    worker_page.get_by_label("Hun kenmerk").fill("HH-2026-0412")
    worker_page.get_by_label("Soort grondslag").select_option(label="Wettelijke plicht om gegevens te verstrekken")
    worker_page.get_by_label("Wettelijke grondslag").fill(
        "Participatiewet art. 53a lid 2: onderzoek naar de rechtmatigheid van de uitkering."
    )
    worker_page.get_by_label("Uiterlijk verstrekken op").fill((TODAY - datetime.timedelta(days=1)).isoformat())
    worker_page.get_by_role("button", name="Verzoek registreren").click()
    expect(worker_page.get_by_text("De termijn ligt vóór de dag waarop het verzoek binnenkwam.")).to_be_visible()
    expect(worker_page.get_by_text("Dit veld is vereist.")).to_be_visible()
    screenshot(worker_page, "privacy-extern-registreren-fout")
    worker_page.get_by_label("Welke gegevens worden gevraagd?").fill(
        "Verslagen van huisbezoeken van het afgelopen halfjaar."
    )
    worker_page.get_by_label("Uiterlijk verstrekken op").fill((TODAY + datetime.timedelta(days=10)).isoformat())
    worker_page.get_by_role("button", name="Verzoek registreren").click()
    expect(worker_page.get_by_text("Kies nu welke gegevens je wilt verstrekken.")).to_be_visible()
    verzoek = ExternVerzoek.objects.get()
    huisbezoek = dossier.traject.contactmomenten.get(soort="huisbezoek")
    worker_page.locator(f'input[value="contactmoment:{huisbezoek.pk}"]').check()
    screenshot(worker_page, "privacy-extern-samenstellen")
    worker_page.get_by_role("button", name="Keuze opslaan").click()
    worker_page.locator("summary", has_text="Voorleggen ter goedkeuring").click()
    worker_page.get_by_label("Toelichting voor wie beoordeelt").fill("Alleen het huisbezoek.")
    worker_page.get_by_role("button", name="Voorleggen ter goedkeuring").click()
    expect(worker_page.locator(".pv-status")).to_have_text("Ter beoordeling")
    expect(worker_page.get_by_text("Je registreerde dit verzoek of legde het voor.")).to_be_visible()
    screenshot(worker_page, "privacy-extern-voorgelegd")
    assert not worker_refused, worker_refused

    # The mother downloads her data and asks for a correction.
    dossier.client.set_password(PASSWORD)
    dossier.client.save()
    fill_login(page, dossier.client.email, PASSWORD)
    page.get_by_role("link", name="Mijn gegevens downloaden of laten verbeteren").click()
    expect(page.get_by_role("heading", name="Uw gegevens downloaden")).to_be_visible()
    screenshot(page, "privacy-portaal")
    pdf = download(page, page.get_by_role("link", name="Download om te lezen (PDF)"))
    assert pdf.startswith(b"%PDF")
    data = json.loads(download(page, page.get_by_role("link", name="Download als bestand voor de computer (JSON)")))
    assert {p["voornaam"] for p in data["personen"]} == {"Mirjam", "Sem"}

    page.get_by_role("link", name="Er klopt iets niet. Ik wil dat het verbeterd wordt.").click()
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("Dit veld is vereist.").first).to_be_visible()
    screenshot(page, "privacy-portaal-verbeteren-fout")
    page.get_by_role("radio", name="Ikzelf").check()
    page.get_by_label("Waar staat het?").fill("Tijdlijn, kennismaking")
    page.get_by_label("Wat klopt er niet?").fill("Er staat dat ik geen werk heb.")
    page.get_by_label("Wat moet het zijn?").fill("Ik werk drie dagen per week in de thuiszorg.")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("Uw verzoek is verstuurd.")).to_be_visible()
    correction = page.get_by_role("article").filter(has_text="Iets laten verbeteren")
    expect(correction.get_by_text("Wordt bekeken")).to_be_visible()
    screenshot(page, "privacy-portaal-verzoek")
    verbetering = AvgVerzoek.objects.get(soort=AvgSoort.VERBETERING)

    # The privacyfunctionaris: the overview, Team Handhaving's request, approval and export.
    staff_page, refused = new_page(browser, live_server)
    log_in_with_totp(staff_page, officer, PASSWORD)
    staff_page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Privacy").click()
    expect(staff_page.get_by_role("heading", name="Privacy", level=1)).to_be_visible()
    expect(staff_page.get_by_text("1 wacht op jouw besluit")).to_be_visible()
    screenshot(staff_page, "privacy-overzicht")
    staff_page.get_by_role("link", name=verzoek.nummer).first.click()
    expect(staff_page.get_by_text("Huisbezoek bij Vechtzoom: het gaat beter met de avonden.")).to_be_visible()
    expect(staff_page.get_by_text("Gesprek met Sem alleen over school.")).to_have_count(0)
    staff_page.locator("summary", has_text="Goedkeuren").click()
    staff_page.get_by_label("Toelichting bij het besluit").fill("Grondslag en selectie zijn in orde.")
    staff_page.get_by_role("button", name="Goedkeuren").click()
    expect(staff_page.get_by_text("Opgeslagen: Goedkeuren.")).to_be_visible()
    pdf = download(staff_page, staff_page.get_by_role("button", name="Download PDF"))
    assert pdf.startswith(b"%PDF")
    staff_page.reload()
    expect(staff_page.locator(".pv-status")).to_have_text("Verstrekt")
    screenshot(staff_page, "privacy-extern-verzoek")
    assert ExternVerzoek.objects.get().status == ExternStatus.VERSTREKT

    # The AVG requests: the correction is answered, the inzage request exported.
    staff_page.get_by_role("link", name="Externe verzoeken", exact=True).first.click()
    screenshot(staff_page, "privacy-externe-verzoeken")
    staff_page.get_by_role("link", name="AVG-verzoeken").first.click()
    expect(staff_page.get_by_role("link", name=verbetering.nummer)).to_be_visible()
    screenshot(staff_page, "privacy-avg-verzoeken")
    staff_page.get_by_role("link", name=verbetering.nummer).click()
    expect(staff_page.get_by_text("Er staat dat ik geen werk heb.")).to_be_visible()
    staff_page.get_by_label("Verbeterd").check()
    staff_page.get_by_role("button", name="Besluit opslaan").click()
    expect(staff_page.get_by_text("Schrijf op wat je hebt verbeterd.")).to_be_visible()
    staff_page.get_by_label("Toelichting voor de cliënt").fill("In uw dossier staat nu dat u drie dagen werkt.")
    staff_page.get_by_role("button", name="Besluit opslaan").click()
    expect(staff_page.get_by_text("Het besluit is opgeslagen.")).to_be_visible()
    screenshot(staff_page, "privacy-avg-verbetering")
    staff_page.goto(f"/privacy/avg-verzoeken/{inzage.pk}/")
    archive = zipfile.ZipFile(
        io.BytesIO(
            download(staff_page, staff_page.get_by_role("button", name="Download ZIP (JSON, PDF en documenten)"))
        )
    )
    assert {"gegevens.json", "samenvatting.pdf"} <= set(archive.namelist())
    staff_page.reload()
    screenshot(staff_page, "privacy-avg-inzage")

    # The retention review: one dossier kept longer with a reason, the other approved.
    staff_page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Privacy").click()
    staff_page.get_by_role("navigation", name="Onderdelen van privacy").get_by_role(
        "link", name="Bewaartermijnen"
    ).click()
    expect(staff_page.get_by_role("heading", name="2 dossiers")).to_be_visible()
    screenshot(staff_page, "privacy-bewaartermijnen")
    first, second = Vernietiging.objects.order_by("pk")
    staff_page.get_by_role("link", name=first.dossiernummers).click()
    staff_page.locator("summary", has_text="Langer bewaren").click()
    staff_page.get_by_label("Bewaren tot").fill((TODAY + datetime.timedelta(days=365)).isoformat())
    staff_page.get_by_role("button", name="Langer bewaren").click()
    expect(staff_page.get_by_text("Dit veld is vereist.")).to_be_visible()
    staff_page.get_by_label("Waarom langer bewaren?").fill("Er loopt nog een klacht bij de klachtencommissie.")
    staff_page.get_by_role("button", name="Langer bewaren").click()
    expect(staff_page.get_by_text("Het dossier blijft bewaard tot de gekozen datum.")).to_be_visible()
    screenshot(staff_page, "privacy-vernietiging")
    staff_page.get_by_role("link", name="Bewaartermijnen").click()
    expect(staff_page.get_by_role("heading", name="1 dossier", exact=True)).to_be_visible()
    staff_page.get_by_label("Toon").select_option(label="Bewaartermijn verstreken, te beoordelen")
    staff_page.get_by_role("button", name="Toon").click()
    staff_page.get_by_role("checkbox", name=f"{second.dossiernummers} vernietigen").check()
    staff_page.get_by_role("button", name="Gekozen dossiers vernietigen").click()
    expect(staff_page.get_by_text("1 dossiers goedgekeurd.")).to_be_visible()
    assert Vernietiging.objects.get(pk=second.pk).status == VernietigingStatus.GOEDGEKEURD
    assert Vernietiging.objects.get(pk=first.pk).status == VernietigingStatus.LANGER_BEWAREN
    assert not refused, refused

    # The mother reads the answer.
    page.goto("/portaal/privacy/")
    expect(correction.get_by_text("Verbeterd")).to_be_visible()
    expect(page.get_by_text("In uw dossier staat nu dat u drie dagen werkt.")).to_be_visible()
    screenshot(page, "privacy-portaal-antwoord")
