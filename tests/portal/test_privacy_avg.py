"""The client's AVG rights in the portal: downloading their own data (exactly what the portal shows
them, under the Jeugdwet rules), asking for a correction, a complete copy or early destruction, and
reading the outcome."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from boks.accounts import authorization
from boks.audit.choices import Actie, Grondslag
from boks.audit.models import Toegang
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.models import Portaaltoegang, Toestemming
from boks.privacy.choices import AvgSoort, AvgStatus
from boks.privacy.models import AvgVerzoek
from boks.privacy.services import avg
from tests.conftest import logged_in
from tests.factories import ClientUserFactory, PersoonFactory
from tests.privacy.helpers import born_years_ago, rich_dossier
from tests.privacy.pdftext import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(team, gezinswerker, manager):
    return rich_dossier(team, gezinswerker)


def download(user, formaat: str):
    return logged_in(user).get(reverse(f"portal:privacy_download_{formaat}"))


def test_the_privacy_page_offers_the_downloads_and_the_requests(dossier):
    page = logged_in(dossier.client).get(reverse("portal:privacy")).content.decode()
    assert reverse("portal:privacy_download_pdf") in page
    assert reverse("portal:privacy_verbeteren") in page
    assert reverse("portal:privacy_vernietigen") in page
    assert "U heeft nog niets gevraagd." in page


def test_the_json_download_holds_what_the_portal_shows_and_nothing_more(dossier, team, gezinswerker):
    other = rich_dossier(team, gezinswerker, mark="Buitenhof")
    response = download(dossier.client, "json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    gegevens = json.loads(response.content)
    assert set(gegevens) == {
        "over_deze_export",
        "huishouden",
        "personen",
        "trajecten",
        "tijdlijn",
        "gezinsplan",
        "eigen_doelen",
        "wat_telt",
        "documenten",
        "vragenlijsten",
        "aanvragen",
        "verwijzingen",
        "privacyverzoeken",
        "wie_keek_mee",
        "verstrekt_aan_anderen",
    }
    # The mother reads about herself and her son of 13, not about the father.
    assert {p["voornaam"] for p in gegevens["personen"]} == {"Mirjam", "Sem"}
    scope = authorization.client_scope(dossier.client, dossier.huishouden.pk)
    assert [e["titel"] for e in gegevens["tijdlijn"]] == [
        e.titel for e in reversed(dossier_selectors.client_timeline(scope))
    ]
    assert gegevens["gezinsplan"][0]["doelen"][0]["omschrijving"] == "Rust in huis bij Vechtzoom"
    assert {d["titel"] for d in gegevens["documenten"]} == {"Brief Vechtzoom", "Schoolrapport Sem", "Mijn verhaal"}
    assert {m["van"] for m in gegevens["wat_telt"]} == {"Mirjam Vechtzoom", "Sem Vechtzoom"}
    assert gegevens["eigen_doelen"][0]["omschrijving"] == "Meer buiten spelen."
    assert "contactjournaal" not in gegevens
    text = response.content.decode()
    assert other.huishouden.naam not in text and "Buitenhof" not in text
    assert "beoordeling_notitie" not in text and "waarom_niet_regulier" not in text


def test_what_a_worker_withheld_from_the_father_stays_out_of_his_download(dossier):
    father = ClientUserFactory(first_name="Joost")
    Portaaltoegang.objects.create(persoon=dossier.vader, gebruiker=father)
    withheld = "Huisbezoek bij Vechtzoom: het gaat beter met de avonden."
    mother = download(dossier.client, "json").content.decode()
    assert withheld in mother
    gegevens = json.loads(download(father, "json").content)
    assert withheld not in json.dumps(gegevens, ensure_ascii=False)
    assert {p["voornaam"] for p in gegevens["personen"]} == {"Joost", "Sem"}


def test_the_pdf_is_a_readable_summary_and_every_download_is_logged(dossier):
    response = download(dossier.client, "pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Mijn gegevens bij het buurtteam" in text
    assert "Voor Mirjam Vechtzoom" in text
    assert "Rust in huis bij Vechtzoom" in text
    assert "Wat Telt" in text and "Documenten" in text
    download(dossier.client, "json")
    entries = Toegang.objects.filter(actie=Actie.EXPORTEREN)
    assert {(e.grondslag, e.gebruiker_id, e.huishouden_id, e.persoon_id) for e in entries} == {
        (Grondslag.CLIENT_ZELF, dossier.client.pk, dossier.huishouden.pk, dossier.moeder.pk)
    }
    assert {e.omschrijving for e in entries} == {
        "Eigen gegevens gedownload als PDF",
        "Eigen gegevens gedownload als JSON",
    }


def test_staff_and_strangers_cannot_download_a_clients_data(dossier):
    assert download(dossier.regisseur, "json").status_code == 403
    assert Client().get(reverse("portal:privacy_download_json")).status_code == 302
    assert not Toegang.objects.filter(actie=Actie.EXPORTEREN).exists()


def test_a_client_asks_for_a_correction_and_reads_the_answer(dossier):
    client = logged_in(dossier.client)
    url = reverse("portal:privacy_verbeteren")
    assert client.get(url).status_code == 200
    response = client.post(url, {"persoon": dossier.moeder.pk, "wat_onjuist": "", "wat_juist": ""})
    assert response.status_code == 400
    assert response.content.decode().count("Dit veld is vereist.") == 2
    response = client.post(
        url,
        {
            "persoon": dossier.moeder.pk,
            "waar": "Tijdlijn",
            "wat_onjuist": "Er staat dat ik geen werk heb.",
            "wat_juist": "Ik werk drie dagen per week.",
        },
    )
    assert response.status_code == 302
    verzoek = AvgVerzoek.objects.get()
    assert (verzoek.soort, verzoek.persoon, verzoek.traject) == (AvgSoort.VERBETERING, dossier.moeder, dossier.traject)
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "Wordt bekeken" in page and "Er staat dat ik geen werk heb." in page

    avg.beslis(actor=dossier.regisseur, verzoek_id=verzoek.pk, toewijzen=True, toelichting="Het is aangepast.")
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "Verbeterd" in page and "Het is aangepast." in page


def test_a_parent_with_gezag_asks_for_a_child_but_never_for_the_other_parent(dossier):
    client = logged_in(dossier.client)
    url = reverse("portal:privacy_vernietigen")
    page = client.get(url).content.decode()
    assert "Sem" in page and "Joost" not in page
    response = client.post(url, {"persoon": dossier.vader.pk})
    assert response.status_code == 400
    assert not AvgVerzoek.objects.exists()
    assert client.post(url, {"persoon": dossier.kind.pk, "toelichting": ""}).status_code == 302
    verzoek = AvgVerzoek.objects.get()
    assert (verzoek.persoon, verzoek.aanvrager, verzoek.status) == (dossier.kind, dossier.moeder, AvgStatus.INGEDIEND)


def test_a_young_person_of_sixteen_decides_whether_a_parent_may_ask_for_them(dossier):
    jongere = PersoonFactory(
        huishouden=dossier.huishouden, voornaam="Lotte", rol="jeugdige", geboortedatum=born_years_ago(16)
    )
    scope = authorization.client_scope(dossier.client, dossier.huishouden.pk)
    assert not authorization.client_may_request_about(scope, jongere)
    lotte = ClientUserFactory(first_name="Lotte")
    Portaaltoegang.objects.create(persoon=jongere, gebruiker=lotte)
    Toestemming.objects.create(jeugdige=jongere, gegeven=True, door=lotte)
    scope = authorization.client_scope(dossier.client, dossier.huishouden.pk)
    assert authorization.client_may_request_about(scope, jongere)
    own = authorization.client_scope(lotte, dossier.huishouden.pk)
    assert authorization.client_may_request_about(own, jongere)
    assert not authorization.client_may_request_about(own, dossier.moeder)


def test_a_child_of_thirteen_asks_about_themselves(dossier):
    sem = ClientUserFactory(first_name="Sem")
    Portaaltoegang.objects.create(persoon=dossier.kind, gebruiker=sem)
    response = logged_in(sem).post(reverse("portal:privacy_inzage"), {"persoon": dossier.kind.pk})
    assert response.status_code == 302
    assert AvgVerzoek.objects.get().soort == AvgSoort.INZAGE
    page = logged_in(sem).get(reverse("portal:privacy_verbeteren")).content.decode()
    assert "Ikzelf" in page and "Mirjam" not in page
