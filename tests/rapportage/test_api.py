import pytest
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.rapportage import services
from boks.rapportage.periods import kwartaal
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

from .dataset import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build()


def member(team, role):
    return MembershipFactory(team=team, role=role, user=UserFactory(with_totp=True)).user


def test_the_indicators_of_a_team_as_json(world):
    manager = member(world.vechtzoom, TeamRole.TEAMMANAGER)
    response = logged_in(manager).get(
        reverse("rapportage-indicatoren"),
        {"organisatie": world.organisatie.pk, "scope": f"team:{world.vechtzoom.pk}", "periode": "2025-K1"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == f"team:{world.vechtzoom.pk}"
    assert body["periode"] == {"code": "2025-K1", "van": "2025-01-01", "tot": "2025-03-31", "label": "1e kwartaal 2025"}
    tiles = {tile["label"]: tile["cel"] for tile in body["kerncijfers"]}
    assert tiles["Actieve trajecten"] == {"waarde": 3, "tekst": "3", "soort": "aantal", "onderdrukt": False}
    assert tiles["Kennismaking binnen de norm"]["waarde"] == 0.5
    snelheid = next(s for s in body["secties"] if s["id"] == "snelheid")
    totaal = next(row for row in snelheid["tabellen"][0]["rijen"] if row["totaal"])
    assert totaal["cellen"][1]["waarde"] == 6.5
    assert "n" not in totaal["cellen"][1]


def test_suppressed_cells_carry_no_value(world):
    manager = member(world.vechtzoom, TeamRole.TEAMMANAGER)
    response = logged_in(manager).get(
        reverse("rapportage-indicatoren"),
        {"organisatie": world.organisatie.pk, "scope": f"team:{world.zuilen.pk}", "periode": "2025-K1"},
    )
    assert response.status_code == 200
    tiles = {tile["label"]: tile["cel"] for tile in response.json()["kerncijfers"]}
    assert tiles["Afgesloten"] == {"waarde": None, "tekst": "< 5", "soort": "aantal", "onderdrukt": True}


def test_bad_parameters_get_400_with_field_errors(world):
    manager = member(world.vechtzoom, TeamRole.TEAMMANAGER)
    client = logged_in(manager)
    url = reverse("rapportage-indicatoren")
    response = client.get(url)
    assert response.status_code == 400
    assert "organisatie" in response.json()
    response = client.get(url, {"organisatie": world.organisatie.pk, "periode": "2025-K9"})
    assert response.status_code == 400
    assert "Onbekende periode" in response.json()["periode"][0]
    response = client.get(url, {"organisatie": world.organisatie.pk, "scope": "wijk:abc"})
    assert response.status_code == 400
    assert "scope" in response.json()
    response = client.get(url, {"organisatie": world.organisatie.pk, "van": "2025-03-01", "tot": "2025-01-01"})
    assert response.status_code == 400
    assert response.json()["tot"] == ["De einddatum ligt vóór de begindatum."]


def test_who_may_not_see_the_figures_gets_403(world):
    url = reverse("rapportage-indicatoren")
    worker = logged_in(member(world.vechtzoom, TeamRole.GEZINSWERKER))
    assert worker.get(url, {"organisatie": world.organisatie.pk}).status_code == 403
    manager = member(world.vechtzoom, TeamRole.TEAMMANAGER)
    other = member(world.elders, TeamRole.TEAMMANAGER)
    assert logged_in(other).get(url, {"organisatie": world.organisatie.pk}).status_code == 403
    assert logged_in(manager).get(url, {"organisatie": world.organisatie.pk}).status_code == 200
    report = reverse("rapportage-rapport", args=[world.organisatie.pk, "2025-K1"])
    assert logged_in(other).get(report).status_code == 403


def test_the_report_pack_as_json_frozen_with_its_differences(world):
    kwaliteit = member(world.zuilen, TeamRole.KWALITEITSMEDEWERKER)
    services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=kwartaal(2025, 1))
    response = logged_in(kwaliteit).get(reverse("rapportage-rapport", args=[world.organisatie.pk, "2025-K1"]))
    assert response.status_code == 200
    body = response.json()
    assert body["vaststelling"]["versie"] == 1
    assert body["verschillen"] == []
    assert [t["id"] for t in body["tabellen"]][:2] == ["aantal.per_team", "aantal.per_deel"]
    bad = logged_in(kwaliteit).get(reverse("rapportage-rapport", args=[world.organisatie.pk, "2025-03"]))
    assert bad.status_code == 400


def test_the_schema_documents_the_indicators(world):
    manager = member(world.vechtzoom, TeamRole.TEAMMANAGER)
    schema = logged_in(manager).get(reverse("api_schema")).content.decode()
    assert "/api/v1/rapportage/indicatoren/" in schema
    assert "RapportageIndicatoren" in schema
    assert "/api/v1/rapportage/organisaties/{organisatie_id}/rapporten/{periode}/" in schema
