import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from boks.accounts import authorization
from boks.accounts.choices import TeamRole
from boks.accounts.models import User
from tests.conftest import logged_in
from tests.factories import ClientUserFactory, MembershipFactory, TeamFactory, UserFactory


def test_team_page_shows_own_team_and_its_members(gezinswerker, colleague, team):
    html = logged_in(gezinswerker).get(reverse("accounts:team_overview")).content.decode()
    assert team.naam in html
    assert escape(colleague.get_full_name()) in html


def test_team_page_hides_other_teams(gezinswerker, outsider):
    other_team = outsider.memberships.get().team
    html = logged_in(gezinswerker).get(reverse("accounts:team_overview")).content.decode()
    assert other_team.naam not in html
    assert outsider.email not in html


def test_team_page_uses_a_constant_number_of_queries(gezinswerker, team, django_assert_max_num_queries):
    client = logged_in(gezinswerker)
    client.get(reverse("accounts:team_overview"))
    with django_assert_max_num_queries(9) as few:
        client.get(reverse("accounts:team_overview"))
    MembershipFactory.create_batch(30, team=team)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("accounts:team_overview"))
    assert len(response.context["teams"][0].current_members) == 31


def test_clients_get_403_on_staff_pages(db):
    client = logged_in(ClientUserFactory())
    assert client.get(reverse("dossiers:caseload")).status_code == 403
    assert client.get(reverse("accounts:team_overview")).status_code == 403


def test_staff_get_403_on_the_portal(gezinswerker):
    assert logged_in(gezinswerker).get(reverse("portal:home")).status_code == 403


def test_anonymous_visitors_are_sent_to_login(db):
    for url in [reverse("dossiers:caseload"), reverse("accounts:team_overview"), reverse("portal:home")]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_home_sends_staff_to_caseload_and_clients_to_portal(gezinswerker):
    assert logged_in(gezinswerker).get("/").url == reverse("dossiers:caseload")
    assert logged_in(ClientUserFactory()).get("/").url == reverse("portal:home")


def test_inactive_users_are_nobody(gezinswerker, team):
    gezinswerker.is_active = False
    assert not authorization.is_staff_member(gezinswerker)
    assert not authorization.can_view_team(gezinswerker, team)


def test_functioneel_beheer_sees_every_team_of_its_own_organisation_only(team, outsider):
    beheerder = MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER, user=UserFactory(with_totp=True)).user
    sibling = TeamFactory(organisatie=team.organisatie)
    assert authorization.can_view_team(beheerder, sibling)
    assert not authorization.can_view_team(beheerder, outsider.memberships.get().team)
    assert set(authorization.visible_teams(beheerder)) == {team, sibling}


class TestBeheer:
    @pytest.fixture
    def beheerder(self, team):
        return MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER, user=UserFactory(with_totp=True)).user

    def test_menu_shows_beheer_only_to_functioneel_beheer(self, beheerder, gezinswerker):
        assert "Beheer" in logged_in(beheerder).get(reverse("dossiers:caseload")).content.decode()
        assert ">Beheer<" not in logged_in(gezinswerker).get(reverse("dossiers:caseload")).content.decode()

    def test_gezinswerker_cannot_open_beheer(self, gezinswerker):
        response = logged_in(gezinswerker).get(reverse("beheer:index"), follow=True)
        assert response.status_code == 403
        assert "Geen toegang" in response.content.decode()

    def test_anonymous_visitor_of_beheer_is_sent_to_the_boks_login(self, db):
        response = Client().get(reverse("beheer:index"), follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("account_login"))

    def test_beheer_lists_only_own_organisations_teams(self, beheerder, team, outsider):
        response = logged_in(beheerder).get(reverse("beheer:accounts_team_changelist"))
        html = response.content.decode()
        assert response.status_code == 200
        assert team.naam in html
        assert outsider.memberships.get().team.naam not in html

    def test_beheer_cannot_open_another_organisations_team(self, beheerder, outsider):
        other_team = outsider.memberships.get().team
        response = logged_in(beheerder).get(reverse("beheer:accounts_team_change", args=[other_team.pk]))
        assert response.status_code == 302
        assert response.url == reverse("beheer:index")

    def test_beheer_adds_a_colleague_to_a_team(self, beheerder, team):
        newcomer = UserFactory()
        response = logged_in(beheerder).post(
            reverse("beheer:accounts_membership_add"),
            {"user": newcomer.pk, "team": team.pk, "role": TeamRole.GEZINSWERKER, "start_date": "2026-11-01"},
        )
        assert response.status_code == 302
        assert authorization.roles_in_team(newcomer, team) == {TeamRole.GEZINSWERKER}

    def test_beheer_refuses_a_duplicate_role_with_a_dutch_message(self, beheerder, team, gezinswerker):
        response = logged_in(beheerder).post(
            reverse("beheer:accounts_membership_add"),
            {"user": gezinswerker.pk, "team": team.pk, "role": TeamRole.GEZINSWERKER, "start_date": "2026-11-01"},
        )
        assert response.status_code == 200
        assert "Deze medewerker heeft deze rol in dit team al." in response.content.decode()

    def test_beheer_creates_a_staff_account_without_a_password(self, beheerder):
        response = logged_in(beheerder).post(
            reverse("beheer:accounts_user_add"),
            {"email": "Nieuw@Buurtteam.example", "first_name": "Nina", "last_name": "Bos", "kind": "medewerker"},
        )
        assert response.status_code == 302
        created = User.objects.get(email="nieuw@buurtteam.example")
        assert not created.has_usable_password()
