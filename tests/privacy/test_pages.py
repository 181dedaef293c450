"""The privacy pages: list pages cost the same number of queries for 1 row as for 30, the review list
approves in bulk, a dossier is kept longer with a reason beside the field, and the account of a
destruction reads in plain words."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.dossiers.choices import Status
from boks.privacy.choices import AvgSoort, Kanaal, VernietigingStatus
from boks.privacy.models import AvgVerzoek, ExternVerzoek, Vernietiging
from boks.privacy.services import bewaren, geef_nummer
from tests.conftest import logged_in
from tests.factories import MembershipFactory, TrajectFactory, UserFactory

from .test_bewaren import close, last_changed, years_ago

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def privacy_officer(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.PRIVACYFUNCTIONARIS).user


def make_requests(team, gezinswerker, count: int) -> None:
    for _ in range(count):
        traject = TrajectFactory(team=team, regisseur=gezinswerker, status=Status.UITVOERING)
        persoon = traject.huishouden.personen.get()
        verzoek = ExternVerzoek.objects.create(
            organisatie=team.organisatie,
            traject=traject,
            dossiernummer=traject.dossiernummer,
            soort_verzoeker="handhaving",
            verzoeker="Team Handhaving",
            contactpersoon="R. Kok",
            grondslag_soort="wettelijke_plicht",
            grondslag="Participatiewet",
            gevraagde_gegevens="Verslagen",
            ontvangen_op=TODAY,
            termijn=TODAY + datetime.timedelta(days=10),
            geregistreerd_door=gezinswerker,
        )
        geef_nummer(verzoek, "EV")
        avg_verzoek = AvgVerzoek.objects.create(
            soort=AvgSoort.VERBETERING,
            organisatie=team.organisatie,
            traject=traject,
            persoon=persoon,
            dossiernummer=traject.dossiernummer,
            kanaal=Kanaal.MEDEWERKER,
            ingediend_door=gezinswerker,
            termijn=TODAY + datetime.timedelta(days=30),
        )
        geef_nummer(avg_verzoek, "AVG")
        old = TrajectFactory(team=team)
        close(old)
        last_changed(old.huishouden, years_ago(21))
    bewaren.stel_voor(vandaag=TODAY)


def queries(client, url) -> int:
    client.get(url)  # warm up per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name",
    ["privacy:overzicht", "privacy:extern_verzoeken", "privacy:avg_verzoeken", "privacy:bewaartermijnen"],
)
def test_list_pages_cost_the_same_number_of_queries_for_1_and_30_rows(
    url_name, team, gezinswerker, manager, privacy_officer
):
    client = logged_in(privacy_officer)
    url = reverse(url_name)
    make_requests(team, gezinswerker, 1)
    one = queries(client, url)
    make_requests(team, gezinswerker, 29)
    thirty = queries(client, url)
    assert thirty == one, f"{url_name}: {one} queries for 1 row, {thirty} for 30"
    assert one <= 25


def test_the_overview_shows_what_waits_for_the_user(team, gezinswerker, manager, privacy_officer):
    make_requests(team, gezinswerker, 2)
    page = logged_in(privacy_officer).get(reverse("privacy:overzicht")).content.decode()
    assert "Externe verzoeken in behandeling" in page
    assert "Open AVG-verzoeken" in page
    assert "dossiers te beoordelen" in page
    worker_page = logged_in(gezinswerker).get(reverse("privacy:overzicht")).content.decode()
    assert "Bewaartermijnen" not in worker_page


def test_the_traject_tab_lists_its_requests_and_the_buttons(team, gezinswerker, manager):
    make_requests(team, gezinswerker, 1)
    verzoek = ExternVerzoek.objects.get()
    page = logged_in(gezinswerker).get(reverse("privacy:traject", args=[verzoek.traject_id])).content.decode()
    assert verzoek.nummer in page
    assert reverse("privacy:extern_verzoek_nieuw", args=[verzoek.traject_id]) in page
    assert reverse("privacy:avg_verzoek_traject", args=[verzoek.traject_id]) in page
    assert AvgVerzoek.objects.get().dossiernummer in page


def test_the_privacy_officer_approves_several_dossiers_at_once(team, gezinswerker, privacy_officer):
    make_requests(team, gezinswerker, 3)
    ids = list(Vernietiging.objects.values_list("pk", flat=True))
    client = logged_in(privacy_officer)
    response = client.post(reverse("privacy:bewaartermijnen"), {"vernietiging": ids[:2]}, follow=True)
    assert "2 dossiers goedgekeurd" in response.content.decode()
    assert Vernietiging.objects.filter(status=VernietigingStatus.GOEDGEKEURD).count() == 2
    response = client.post(reverse("privacy:bewaartermijnen"), {}, follow=True)
    assert "Kies eerst de dossiers" in response.content.decode()


def test_keeping_longer_without_a_reason_comes_back_beside_the_field(team, gezinswerker, privacy_officer):
    make_requests(team, gezinswerker, 1)
    vernietiging = Vernietiging.objects.get()
    client = logged_in(privacy_officer)
    url = reverse("privacy:vernietiging", args=[vernietiging.pk])
    response = client.post(url, {"actie": "langer_bewaren", "tot": (TODAY + datetime.timedelta(days=400)).isoformat()})
    assert response.status_code == 400
    assert "Dit veld is vereist." in response.content.decode()
    response = client.post(
        url,
        {"actie": "langer_bewaren", "tot": (TODAY + datetime.timedelta(days=400)).isoformat(), "reden": "Klacht."},
    )
    assert response.status_code == 302
    vernietiging.refresh_from_db()
    assert (vernietiging.status, vernietiging.reden) == (VernietigingStatus.LANGER_BEWAREN, "Klacht.")


def test_the_account_of_a_destroyed_dossier_names_what_was_destroyed(team, gezinswerker, privacy_officer):
    make_requests(team, gezinswerker, 1)
    vernietiging = Vernietiging.objects.get()
    page = logged_in(privacy_officer).get(reverse("privacy:vernietiging", args=[vernietiging.pk])).content.decode()
    assert "Wat zit in dit dossier" in page and vernietiging.dossiernummers in page
    bewaren.keur_goed(actor=privacy_officer, vernietiging_ids=[vernietiging.pk])
    bewaren.voer_uit(vandaag=TODAY)
    page = logged_in(privacy_officer).get(reverse("privacy:vernietiging", args=[vernietiging.pk])).content.decode()
    assert "Wat is vernietigd" in page
    assert "Huishoudens" in page and "Trajecten" in page and "Eerdere versies (historie)" in page
    assert "Vernietigd" in page and privacy_officer.get_full_name() in page
