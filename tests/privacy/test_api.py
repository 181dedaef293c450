"""The privacy API: external requests can be read and registered, AVG requests and destructions read,
with the same rules as the screens; 403 for a role without a relation, 404 outside one's reach, 400
with field errors for bad input (checked after access)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.privacy.choices import AvgSoort
from boks.privacy.models import ExternVerzoek
from boks.privacy.services import avg, bewaren
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

from .helpers import rich_dossier
from .test_bewaren import closed_household

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def privacy_officer(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.PRIVACYFUNCTIONARIS).user


@pytest.fixture
def dossier(team, gezinswerker, manager):
    return rich_dossier(team, gezinswerker)


def payload(dossier, **overrides) -> dict:
    return {
        "traject": dossier.traject.pk,
        "persoon": dossier.moeder.pk,
        "soort_verzoeker": "politie",
        "verzoeker": "Politie Midden-Nederland",
        "contactpersoon": "Rechercheur De Wit",
        "grondslag_soort": "vordering",
        "grondslag": "Vordering ex art. 126nd Sv, kenmerk PL0900-2026-123",
        "gevraagde_gegevens": "Contactmomenten van maart 2026.",
        "ontvangen_op": TODAY.isoformat(),
        "termijn": (TODAY + datetime.timedelta(days=7)).isoformat(),
        **overrides,
    }


def test_a_worker_registers_an_external_request_through_the_api(dossier, privacy_officer):
    response = logged_in(dossier.regisseur).post(
        reverse("api-extern-verzoek-list"), payload(dossier), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["nummer"].startswith("EV-") and body["status"] == "geregistreerd"
    assert body["persoon"] == dossier.moeder.pk
    assert [step["stap"] for step in body["stappen"]] == ["registreren"]
    listed = logged_in(privacy_officer).get(reverse("api-extern-verzoek-list")).json()
    assert [row["nummer"] for row in listed["results"]] == [body["nummer"]]


def test_bad_input_is_400_with_field_errors(dossier):
    response = logged_in(dossier.regisseur).post(
        reverse("api-extern-verzoek-list"),
        payload(dossier, grondslag="", soort_verzoeker="buurman", termijn="morgen"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"grondslag", "soort_verzoeker", "termijn"}
    response = logged_in(dossier.regisseur).post(
        reverse("api-extern-verzoek-list"),
        payload(dossier, termijn=(TODAY - datetime.timedelta(days=1)).isoformat()),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "termijn" in response.json()
    assert not ExternVerzoek.objects.exists()


def test_access_is_decided_before_the_input_is_read(dossier, colleague, outsider, team):
    pgb = MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.PGB_BEOORDELAAR).user
    url = reverse("api-extern-verzoek-list")
    nonsense = {"traject": dossier.traject.pk, "grondslag": ""}
    assert logged_in(colleague).post(url, nonsense, content_type="application/json").status_code == 403
    assert logged_in(outsider).post(url, nonsense, content_type="application/json").status_code == 404
    assert logged_in(pgb).post(url, nonsense, content_type="application/json").status_code == 403
    assert logged_in(pgb).get(url).status_code == 403
    assert logged_in(dossier.client).get(url).status_code == 403


def test_a_request_outside_ones_reach_is_404(dossier, outsider, colleague):
    response = logged_in(dossier.regisseur).post(
        reverse("api-extern-verzoek-list"), payload(dossier), content_type="application/json"
    )
    url = reverse("api-extern-verzoek-detail", args=[response.json()["id"]])
    assert logged_in(outsider).get(url).status_code == 404
    assert logged_in(colleague).get(url).status_code == 404
    assert logged_in(dossier.regisseur).get(url).status_code == 200


def test_avg_requests_are_listed_with_filters_and_bad_filters_are_400(dossier, privacy_officer):
    avg.dien_in(
        actor=dossier.client,
        scope=dossier.scope(),
        persoon_id=dossier.moeder.pk,
        data=avg.AvgVerzoekData(soort=AvgSoort.VERBETERING, wat_onjuist="a", wat_juist="b"),
    )
    client = logged_in(privacy_officer)
    rows = client.get(reverse("api-avg-verzoek-list"), {"soort": "verbetering"}).json()["results"]
    assert [row["soort"] for row in rows] == ["verbetering"]
    assert rows[0]["stappen"][0]["stap"] == "indienen"
    assert client.get(reverse("api-avg-verzoek-list"), {"soort": "inzage"}).json()["results"] == []
    response = client.get(reverse("api-avg-verzoek-list"), {"status": "half"})
    assert response.status_code == 400 and "status" in response.json()
    detail = client.get(reverse("api-avg-verzoek-detail", args=[rows[0]["id"]]))
    assert detail.json()["wat_onjuist"] == "a"


def test_destructions_are_for_the_privacy_officer_only(team, privacy_officer, gezinswerker, manager):
    closed_household(team, 21)
    bewaren.stel_voor(vandaag=TODAY)
    rows = logged_in(privacy_officer).get(reverse("api-vernietiging-list"), {"status": "voorgesteld"}).json()
    assert len(rows["results"]) == 1 and rows["results"][0]["bewaartermijn_jaren"] == 20
    for user in (gezinswerker, manager):
        assert logged_in(user).get(reverse("api-vernietiging-list")).status_code == 403
        assert (
            logged_in(user).get(reverse("api-vernietiging-detail", args=[rows["results"][0]["id"]])).status_code == 403
        )


def test_the_schema_documents_the_privacy_endpoints(gezinswerker):
    schema = logged_in(gezinswerker).get(reverse("api_schema")).content.decode()
    for path in ("/api/v1/externe-verzoeken/", "/api/v1/avg-verzoeken/{id}/", "/api/v1/vernietigingen/"):
        assert path in schema
    assert "ExternVerzoekInput" in schema and "AvgVerzoekSoortEnum" in schema
