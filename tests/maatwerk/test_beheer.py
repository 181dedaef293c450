import pytest
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.maatwerk.choices import Routering
from boks.maatwerk.models import AanvraagSoort, Beoordelingsgroep, Contactpersoon
from tests.conftest import logged_in
from tests.factories import MembershipFactory, TeamFactory, UserFactory

from .factories import TODAY, BeoordelingsgroepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(team):
    return MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER, user=UserFactory(with_totp=True)).user


def test_beheer_finds_its_organisations_default_types_ready_to_adapt(team, beheerder):
    page = logged_in(beheerder).get(reverse("beheer:maatwerk_aanvraagsoort_changelist")).content.decode()
    assert set(AanvraagSoort.objects.filter(organisatie=team.organisatie).values_list("code", flat=True)) == {
        "maatwerk",
        "pgb",
        "hbh",
    }
    assert "PGB (persoonsgebonden budget)" in page
    assert AanvraagSoort.objects.get(organisatie=team.organisatie, code="pgb").norm_werkdagen == 10


def test_routing_a_type_to_a_group_needs_a_group_of_the_same_organisation(team, beheerder):
    logged_in(beheerder).get(reverse("beheer:maatwerk_aanvraagsoort_changelist"))
    pgb = AanvraagSoort.objects.get(organisatie=team.organisatie, code="pgb")
    url = reverse("beheer:maatwerk_aanvraagsoort_change", args=[pgb.pk])
    form = {
        "naam": pgb.naam,
        "toelichting": "",
        "volgorde": 2,
        "actief": "on",
        "met_budget": "on",
        "periode_verplicht": "on",
        "routering": Routering.BEOORDELINGSGROEP,
        "beoordelingsgroep": "",
        "norm_werkdagen": 10,
        "herinneren_werkdagen": 2,
    }
    missing = logged_in(beheerder).post(url, form)
    assert missing.status_code == 200 and "Kies de beoordelingsgroep" in missing.content.decode()
    other = BeoordelingsgroepFactory(organisatie=TeamFactory().organisatie)
    assert logged_in(beheerder).post(url, {**form, "beoordelingsgroep": other.pk}).status_code == 200
    own = BeoordelingsgroepFactory(organisatie=team.organisatie)
    assert logged_in(beheerder).post(url, {**form, "beoordelingsgroep": own.pk}).status_code == 302
    pgb.refresh_from_db()
    assert pgb.routering == Routering.BEOORDELINGSGROEP and pgb.beoordelingsgroep == own


def test_group_members_and_contactpersonen_work_for_the_organisation(team, beheerder, gezinswerker, outsider):
    client = logged_in(beheerder)
    refused = client.post(
        reverse("beheer:maatwerk_beoordelingsgroep_add"),
        {"organisatie": team.organisatie_id, "naam": "PGB-beoordelingsgroep", "leden": [outsider.pk], "actief": "on"},
    )
    assert refused.status_code == 200 and not Beoordelingsgroep.objects.exists()
    group = {"organisatie": team.organisatie_id, "naam": "PGB-beoordelingsgroep", "actief": "on"}
    client.post(reverse("beheer:maatwerk_beoordelingsgroep_add"), {**group, "leden": [gezinswerker.pk]})
    assert list(Beoordelingsgroep.objects.get().leden.all()) == [gezinswerker]
    wrong = client.post(
        reverse("beheer:maatwerk_contactpersoon_add"),
        {"team": team.pk, "medewerker": outsider.pk, "van": TODAY.isoformat()},
    )
    assert wrong.status_code == 200 and not Contactpersoon.objects.exists()
    client.post(
        reverse("beheer:maatwerk_contactpersoon_add"),
        {"team": team.pk, "medewerker": gezinswerker.pk, "van": TODAY.isoformat()},
    )
    assert Contactpersoon.objects.get().medewerker == gezinswerker


def test_a_gezinswerker_has_no_beheer_of_requests(gezinswerker):
    response = logged_in(gezinswerker).get(reverse("beheer:maatwerk_aanvraagsoort_changelist"))
    assert response.status_code in (302, 403)
