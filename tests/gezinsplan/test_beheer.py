import pytest
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.gezinsplan import services
from boks.gezinsplan.models import PlanSjabloon
from tests.conftest import logged_in
from tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(team):
    return MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER, user=UserFactory(with_totp=True)).user


def template_form(sjabloon, **changes):
    data = {
        "organisatie": sjabloon.organisatie_id,
        "naam": sjabloon.naam,
        "standaard": "on",
        "actief": "on",
        "veiligheidsvragen": sjabloon.veiligheidsvragen,
        "evaluatievragen": sjabloon.evaluatievragen,
        **{f"toelichting_{name}": getattr(sjabloon, f"toelichting_{name}") for name in services.defaults.SECTION_HELP},
    }
    data.update(changes)
    return data


def test_functioneel_beheer_changes_the_plan_format_and_a_new_template_version_is_kept(team, beheerder):
    sjabloon = services.standaard_sjabloon(team.organisatie)
    services.snapshot_sjabloon(sjabloon)
    response = logged_in(beheerder).post(
        reverse("beheer:gezinsplan_plansjabloon_change", args=[sjabloon.pk]),
        template_form(sjabloon, evaluatievragen="Wat heeft u geholpen?\nWat kan beter?"),
    )
    assert response.status_code == 302
    latest = sjabloon.versies.order_by("-nummer").first()
    assert latest.nummer == 2
    assert latest.evaluatievragen == ["Wat heeft u geholpen?", "Wat kan beter?"]


def test_beheer_only_sees_the_templates_of_its_own_organisation(team, beheerder):
    own = services.standaard_sjabloon(team.organisatie)
    other = services.standaard_sjabloon(TeamFactory().organisatie)
    page = logged_in(beheerder).get(reverse("beheer:gezinsplan_plansjabloon_changelist")).content.decode()
    assert reverse("beheer:gezinsplan_plansjabloon_change", args=[own.pk]) in page
    assert reverse("beheer:gezinsplan_plansjabloon_change", args=[other.pk]) not in page
    assert (
        logged_in(beheerder).get(reverse("beheer:gezinsplan_plansjabloon_change", args=[other.pk])).status_code == 302
    )


def test_a_gezinswerker_cannot_change_templates(gezinswerker, team):
    sjabloon = services.standaard_sjabloon(team.organisatie)
    response = logged_in(gezinswerker).get(reverse("beheer:gezinsplan_plansjabloon_change", args=[sjabloon.pk]))
    assert response.status_code in (302, 403)
    assert PlanSjabloon.objects.get().naam == sjabloon.naam
