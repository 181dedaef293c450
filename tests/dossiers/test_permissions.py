"""Who may see and change a traject: the regisseur, a colleague in the team, the manager, a worker
of another team, functioneel beheer and a client (the three-user habit, and then some)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from tests.conftest import logged_in
from tests.factories import ClientUserFactory, MembershipFactory, UserFactory


@pytest.fixture
def beheerder(team):
    return MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER, user=UserFactory(with_totp=True)).user


def pages(traject):
    return [
        reverse("dossiers:traject", args=[traject.pk]),
        reverse("dossiers:huishouden", args=[traject.huishouden_id]),
        reverse("api-traject-detail", args=[traject.pk]),
        reverse("api-traject-tijdlijn", args=[traject.pk]),
        reverse("api-huishouden-detail", args=[traject.huishouden_id]),
    ]


def test_regisseur_colleague_and_manager_see_the_traject(traject, gezinswerker, colleague, manager):
    for user in (gezinswerker, colleague, manager):
        for url in pages(traject):
            assert logged_in(user).get(url).status_code == 200, (user, url)


def test_a_worker_of_another_team_gets_404(traject, outsider):
    for url in pages(traject):
        assert logged_in(outsider).get(url).status_code == 404, url


def test_functioneel_beheer_does_not_see_dossiers(traject, beheerder):
    for url in pages(traject):
        assert logged_in(beheerder).get(url).status_code == 404, url


def test_a_client_gets_403(traject):
    client = logged_in(ClientUserFactory())
    assert client.get(reverse("dossiers:traject", args=[traject.pk])).status_code == 403
    assert client.get(reverse("api-traject-detail", args=[traject.pk])).status_code == 403


def test_a_colleague_sees_but_cannot_write(traject, colleague):
    client = logged_in(colleague)
    html = client.get(reverse("dossiers:traject", args=[traject.pk])).content.decode()
    assert "Contactmoment schrijven" not in html
    response = client.post(
        reverse("dossiers:traject_step", args=[traject.pk, "kennismaking_plannen"]),
        {"kennismaking_plannen-datum": "2026-11-20"},
    )
    assert response.status_code == 403
    api = client.post(reverse("api-traject-stap", args=[traject.pk, "kennismaking_plannen"]), {"datum": "2026-11-20"})
    assert api.status_code == 403


def test_a_betrokken_colleague_and_the_manager_may_write(traject, colleague, manager):
    traject.betrokkenen.add(colleague)
    for user in (colleague, manager):
        response = logged_in(user).post(
            reverse("api-traject-contactmomenten", args=[traject.pk]),
            {"plaatsgevonden_op": "2026-11-20T10:00:00+01:00", "soort": "gesprek", "tekst": "Overleg."},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content


def test_a_worker_who_left_the_team_loses_access(traject, gezinswerker):
    membership = gezinswerker.memberships.get()
    membership.start_date = timezone.localdate() - datetime.timedelta(days=365)
    membership.end_date = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    assert logged_in(gezinswerker).get(reverse("dossiers:traject", args=[traject.pk])).status_code == 404


def test_the_caseload_lists_only_own_trajecten(traject, gezinswerker, colleague):
    assert traject.dossiernummer in logged_in(gezinswerker).get(reverse("dossiers:caseload")).content.decode()
    assert traject.dossiernummer not in logged_in(colleague).get(reverse("dossiers:caseload")).content.decode()


def test_the_team_page_lists_the_teams_trajecten_for_everyone_in_it(traject, colleague, outsider):
    url = reverse("dossiers:team_work", args=[traject.team_id])
    assert traject.dossiernummer in logged_in(colleague).get(url).content.decode()
    assert logged_in(outsider).get(url).status_code == 404
