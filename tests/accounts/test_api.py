from django.test import Client
from django.urls import reverse

from boks.accounts.choices import TeamRole
from tests.conftest import logged_in
from tests.factories import ClientUserFactory


def test_me_returns_the_staff_member_and_their_roles(gezinswerker, team):
    response = logged_in(gezinswerker).get(reverse("api_me"))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == gezinswerker.email
    assert body["kind"] == "medewerker"
    assert body["memberships"] == [
        {
            "team_id": team.pk,
            "team": team.naam,
            "organisatie": team.organisatie.korte_naam,
            "role": TeamRole.GEZINSWERKER,
            "role_label": "Gezinswerker / buurtteammedewerker",
            "start_date": gezinswerker.memberships.get().start_date.isoformat(),
        }
    ]


def test_api_refuses_anonymous_callers_and_clients_in_dutch(db):
    for client in (Client(), logged_in(ClientUserFactory())):
        response = client.get(reverse("api_me"))
        assert response.status_code == 403
        assert response.json()["detail"]


def test_openapi_schema_describes_the_api(gezinswerker):
    response = logged_in(gezinswerker).get(reverse("api_schema"))
    assert response.status_code == 200
    assert b"/api/v1/me/" in response.content
