import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from boks.accounts import services
from boks.accounts.choices import TeamRole
from boks.accounts.models import Membership
from tests.factories import ClientUserFactory, ClusterFactory, MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_member_can_have_several_roles_in_several_teams_of_one_organisation():
    first = TeamFactory()
    second = TeamFactory(organisatie=first.organisatie)
    user = UserFactory()
    services.add_membership(user=user, team=first, role=TeamRole.GEZINSWERKER)
    services.add_membership(user=user, team=first, role=TeamRole.TEAMMANAGER)
    services.add_membership(user=user, team=second, role=TeamRole.TEAMMANAGER)
    assert Membership.objects.current().filter(user=user).count() == 3


def test_the_same_role_twice_in_one_team_is_refused():
    membership = MembershipFactory()
    with pytest.raises(ValidationError) as error:
        services.add_membership(user=membership.user, team=membership.team, role=membership.role)
    assert "heeft deze rol in dit team al" in str(error.value)


def test_a_staff_member_works_for_one_organisation_at_a_time():
    membership = MembershipFactory()
    other_organisation_team = TeamFactory()
    with pytest.raises(ValidationError) as error:
        services.add_membership(user=membership.user, team=other_organisation_team, role=TeamRole.GEZINSWERKER)
    assert error.value.message_dict["team"] == [
        "Deze medewerker werkt al voor een andere organisatie. Beëindig dat lidmaatschap eerst."
    ]


def test_after_ending_a_membership_the_staff_member_can_move_to_another_organisation():
    membership = MembershipFactory(start_date=timezone.localdate() - datetime.timedelta(days=30))
    services.end_membership(membership=membership, end_date=timezone.localdate() - datetime.timedelta(days=1))
    moved = services.add_membership(user=membership.user, team=TeamFactory(), role=TeamRole.GEZINSWERKER)
    assert list(Membership.objects.current().filter(user=membership.user)) == [moved]


def test_clients_cannot_be_team_members():
    with pytest.raises(ValidationError) as error:
        services.add_membership(user=ClientUserFactory(), team=TeamFactory(), role=TeamRole.GEZINSWERKER)
    assert error.value.message_dict["user"] == ["Alleen medewerkers kunnen lid zijn van een team."]


def test_a_membership_cannot_end_before_it_starts():
    membership = MembershipFactory()
    with pytest.raises(ValidationError) as error:
        services.end_membership(membership=membership, end_date=membership.start_date - datetime.timedelta(days=1))
    assert "De einddatum ligt vóór de ingangsdatum." in str(error.value)


def test_ended_and_future_memberships_are_not_current():
    today = timezone.localdate()
    ended = MembershipFactory(
        start_date=today - datetime.timedelta(days=10), end_date=today - datetime.timedelta(days=1)
    )
    future = MembershipFactory(start_date=today + datetime.timedelta(days=7))
    current = MembershipFactory()
    assert set(Membership.objects.current()) == {current}
    assert ended not in Membership.objects.current() and future not in Membership.objects.current()


def test_a_team_cluster_must_belong_to_the_same_organisation():
    team = TeamFactory.build(organisatie=TeamFactory().organisatie, cluster=ClusterFactory())
    with pytest.raises(ValidationError) as error:
        team.full_clean()
    assert error.value.message_dict["cluster"] == ["Dit cluster hoort bij een andere organisatie."]


def test_a_wijkteam_needs_a_wijk():
    team = TeamFactory.build(organisatie=TeamFactory().organisatie, wijk=None)
    with pytest.raises(ValidationError) as error:
        team.full_clean()
    assert error.value.message_dict["wijk"] == ["Een wijkteam hoort bij een wijk."]
