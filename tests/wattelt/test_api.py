import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.wattelt.models import Meting
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

from .factories import MetingFactory, open_traject, registreer

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def traject(team, gezinswerker):
    return open_traject(team, gezinswerker, kennismaking_dagen_geleden=300)


def payload(traject, **overrides) -> dict:
    body = {
        "traject": traject.pk,
        "persoon": traject.huishouden.personen.first().pk,
        "datum": timezone.localdate().isoformat(),
        "variant": "digitaal",
        "leefgebieden": ["wonen"],
        "scores": [
            {"leefgebied": "wonen", "beoordelaar": "klant", "waarde": 6},
            {"leefgebied": "wonen", "beoordelaar": "medewerker", "waarde": 5},
        ],
        "algemene_score": 7,
    }
    return {**body, **overrides}


def test_the_leefgebieden_are_the_catalogue_of_the_users_organisation(gezinswerker):
    response = logged_in(gezinswerker).get(reverse("api-wattelt-leefgebied-list"))
    codes = [row["code"] for row in response.json()["results"]]
    assert codes[:3] == ["geestelijke_gezondheid", "lichamelijke_gezondheid", "wonen"]
    assert len(codes) == 14


def test_create_list_and_a_retry_with_the_same_key(traject, gezinswerker):
    client = logged_in(gezinswerker)
    key = str(uuid.uuid4())
    url = reverse("api-wattelt-meting-list")
    created = client.post(url, payload(traject), content_type="application/json", headers={"Idempotency-Key": key})
    assert created.status_code == 201
    body = created.json()
    assert (body["ronde"], body["sleutel"], body["leefgebieden"]) == (1, key, ["wonen"])
    assert {(s["beoordelaar"], s["waarde"]) for s in body["scores"]} == {("klant", 6), ("medewerker", 5)}
    retried = client.post(url, payload(traject), content_type="application/json", headers={"Idempotency-Key": key})
    assert (retried.status_code, retried.json()["id"]) == (200, body["id"])
    assert Meting.objects.count() == 1
    listed = client.get(url, {"traject": traject.pk}).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"leefgebieden": ["ruimtevaart"]}, "leefgebieden", "niet in de lijst van de organisatie: ruimtevaart"),
        ({"algemene_score": 11}, "algemene_score", "Een score ligt tussen 1 en 10."),
        ({"datum": "2031-01-01"}, "datum", "Een meting kan niet in de toekomst liggen."),
        ({"leefgebieden": []}, "leefgebieden", "Deze lijst mag niet leeg zijn."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(traject, gezinswerker, overrides, field, message):
    response = logged_in(gezinswerker).post(
        reverse("api-wattelt-meting-list"), payload(traject, **overrides), content_type="application/json"
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not Meting.objects.exists()


def test_a_closed_traject_answers_409_and_an_invisible_one_404(team, gezinswerker, outsider, traject):
    closed = open_traject(team, gezinswerker, status="afgesloten", afsluitreden="volgens_plan")
    url = reverse("api-wattelt-meting-list")
    response = logged_in(gezinswerker).post(url, payload(closed), content_type="application/json")
    assert response.status_code == 409
    assert "afgesloten" in response.json()["detail"]
    assert logged_in(outsider).post(url, payload(traject), content_type="application/json").status_code == 404
    registreer(traject)
    assert logged_in(outsider).get(url).json()["results"] == []


def test_a_rater_adds_scores_later_and_a_conflicting_resend_is_409(traject, gezinswerker):
    meting = registreer(traject, klant={"wonen": 4}, medewerker={})
    client = logged_in(gezinswerker)
    url = reverse("api-wattelt-meting-scores", args=[meting.pk])
    body = {"beoordelaar": "medewerker", "scores": [{"leefgebied": "wonen", "waarde": 6}]}
    assert client.post(url, body, content_type="application/json").status_code == 200
    assert client.post(url, body, content_type="application/json").status_code == 200
    body["scores"][0]["waarde"] = 2
    conflict = client.post(url, body, content_type="application/json")
    assert conflict.status_code == 409
    assert meting.scores.get(beoordelaar="medewerker").waarde == 6


def test_the_history_of_a_client_has_chart_data_per_leefgebied(traject, gezinswerker):
    registreer(traject, datum=days_ago(100), klant={"wonen": 4})
    registreer(traject, datum=days_ago(5), klant={"wonen": 6})
    persoon = traject.huishouden.personen.first()
    body = logged_in(gezinswerker).get(reverse("api-wattelt-historie-detail", args=[persoon.pk])).json()
    assert body["persoon"] == persoon.pk
    assert len(body["metingen"]) == 2
    wonen = next(chart for chart in body["grafieken"] if chart["leefgebied"] == "wonen")
    assert wonen["datasets"][0] == {"label": "Cliënt", "data": [4, 6]}
    assert (wonen["min"], wonen["max"]) == (1, 10)


def test_the_history_of_a_client_of_another_team_is_404(traject, outsider):
    persoon = traject.huishouden.personen.first()
    assert logged_in(outsider).get(reverse("api-wattelt-historie-detail", args=[persoon.pk])).status_code == 404


def test_due_rounds_are_listed_earliest_first(team, gezinswerker, colleague, django_assert_max_num_queries):
    client = logged_in(gezinswerker)
    url = reverse("api-wattelt-ronde-list")
    late = open_traject(team, gezinswerker, kennismaking_dagen_geleden=300)
    MetingFactory(traject=late, datum=days_ago(120), volgende_ronde_op=days_ago(30), aangemaakt_door=gezinswerker)
    client.get(url)
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for offset in range(10):
        soon = open_traject(team, colleague if offset % 2 else gezinswerker, kennismaking_dagen_geleden=300)
        MetingFactory(traject=soon, datum=days_ago(60), volgende_ronde_op=days_ago(-offset), aangemaakt_door=colleague)
    with django_assert_max_num_queries(len(one)):
        rows = client.get(url).json()["results"]
    assert rows[0] == {
        "traject": late.pk,
        "dossiernummer": late.dossiernummer,
        "huishouden": late.huishouden.naam,
        "team": team.naam,
        "regisseur": gezinswerker.pk,
        "ronde": 2,
        "vervaldatum": days_ago(30).isoformat(),
        "te_laat": True,
    }
    assert len(rows) == 11
    assert [row["vervaldatum"] for row in rows] == sorted(row["vervaldatum"] for row in rows)
    assert len(client.get(url, {"mine": "true"}).json()["results"]) == 6
    assert len(client.get(url, {"te_laat": "true"}).json()["results"]) == 1


def test_figures_are_for_managers_and_quality_staff(traject, gezinswerker, manager, team):
    registreer(traject, datum=days_ago(100), klant={"wonen": 4})
    registreer(traject, datum=days_ago(5), klant={"wonen": 7}, variant="papier")
    url = reverse("api-wattelt-cijfers-list")
    assert logged_in(gezinswerker).get(url).status_code == 403
    quality = MembershipFactory(team=team, role=TeamRole.KWALITEITSMEDEWERKER, user=UserFactory(with_totp=True)).user
    assert logged_in(quality).get(url).status_code == 200
    body = logged_in(manager).get(url, {"periode": "jaar"}).json()
    assert sum(row["totaal"] for row in body["metingen"]) == 2
    assert sum(row["papier"] for row in body["metingen"]) == 1
    assert body["verandering"] == [
        {"leefgebied": "wonen", "naam": "Wonen", "clienten": 1, "gemiddelde_verandering": 3.0}
    ]
    assert logged_in(manager).get(url, {"van": "2026-05-01", "tot": "2026-01-01"}).status_code == 400


def test_the_metingen_list_runs_a_constant_number_of_queries(traject, gezinswerker, django_assert_max_num_queries):
    client = logged_in(gezinswerker)
    url = reverse("api-wattelt-meting-list")
    registreer(traject, datum=days_ago(250))
    client.get(url)
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for offset in (200, 150, 100, 50, 10):
        registreer(traject, datum=days_ago(offset), klant={"wonen": 5, "financien": 4, "zingeving": 6})
    with django_assert_max_num_queries(len(one)):
        rows = client.get(url).json()["results"]
    assert len(rows) == 6
    assert len(rows[-1]["scores"]) == 6
