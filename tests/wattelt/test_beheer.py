import pytest
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from boks.accounts.choices import TeamRole
from boks.wattelt import tasks
from boks.wattelt.models import Instellingen, Leefgebied
from tests.conftest import logged_in
from tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(team):
    return MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER, user=UserFactory(with_totp=True)).user


def test_functioneel_beheer_finds_the_default_catalogue_of_its_organisation(beheerder, team):
    other = TeamFactory()
    html = logged_in(beheerder).get(reverse("beheer:wattelt_leefgebied_changelist")).content.decode()
    assert "Geestelijke gezondheid" in html
    assert Leefgebied.objects.filter(organisatie=team.organisatie).count() == 14
    assert not Leefgebied.objects.filter(organisatie=other.organisatie).exists()


def test_a_leefgebied_is_renamed_but_its_code_stays(beheerder, team):
    client = logged_in(beheerder)
    client.get(reverse("beheer:wattelt_leefgebied_changelist"))
    wonen = Leefgebied.objects.get(organisatie=team.organisatie, code="wonen")
    url = reverse("beheer:wattelt_leefgebied_change", args=[wonen.pk])
    response = client.post(url, {"naam": "Huis en buurt", "volgorde": 3, "actief": "on", "code": "iets_anders"})
    assert response.status_code == 302
    wonen.refresh_from_db()
    assert (wonen.naam, wonen.code) == ("Huis en buurt", "wonen")


def test_another_organisations_catalogue_is_out_of_reach(beheerder):
    other = TeamFactory()
    foreign = Leefgebied.objects.create(organisatie=other.organisatie, code="wonen", naam="Wonen")
    client = logged_in(beheerder)
    assert client.get(reverse("beheer:wattelt_leefgebied_change", args=[foreign.pk])).status_code == 302
    assert "Wonen" not in client.get(reverse("beheer:wattelt_leefgebied_changelist") + "?q=xyz").content.decode()


def test_the_scale_must_go_up(beheerder, team):
    client = logged_in(beheerder)
    client.get(reverse("beheer:wattelt_instellingen_changelist"))
    instellingen = Instellingen.objects.get(organisatie=team.organisatie)
    url = reverse("beheer:wattelt_instellingen_change", args=[instellingen.pk])
    response = client.post(
        url,
        {
            "organisatie": team.organisatie_id,
            "schaal_min": 5,
            "schaal_max": 5,
            "interval_maanden": 3,
            "daling_signaal": 2,
        },
    )
    assert "De hoogste score moet hoger zijn dan de laagste." in response.content.decode()
    response = client.post(
        url,
        {
            "organisatie": team.organisatie_id,
            "schaal_min": 0,
            "schaal_max": 5,
            "interval_maanden": 2,
            "daling_signaal": 1,
        },
    )
    assert response.status_code == 302
    instellingen.refresh_from_db()
    assert (instellingen.schaal_min, instellingen.schaal_max, instellingen.interval_maanden) == (0, 5, 2)


def test_gezinswerkers_have_no_beheer(gezinswerker):
    assert logged_in(gezinswerker).get(reverse("beheer:wattelt_leefgebied_changelist")).status_code in (302, 403)


def test_a_superuser_changes_the_sweeps_schedule_and_functioneel_beheer_may_only_look(beheerder):
    hourly = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    daily = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
    sweep = PeriodicTask.objects.create(
        name="wattelt-herinneringen", task=tasks.herinneringen_versturen.name, interval=hourly
    )
    url = reverse("beheer:django_celery_beat_periodictask_change", args=[sweep.pk])
    form = {
        "name": sweep.name,
        "regtask": sweep.task,
        "task": "",
        "interval": daily.pk,
        "args": "[]",
        "kwargs": "{}",
        "enabled": "on",
        "headers": "{}",
        "priority": "",
        "expires_0": "",
        "expires_1": "",
        "queue": "",
        "exchange": "",
        "routing_key": "",
    }
    assert logged_in(beheerder).get(url).status_code == 200
    assert logged_in(beheerder).post(url, form).status_code == 403
    superuser = UserFactory(is_superuser=True, with_totp=True)
    response = logged_in(superuser).post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    sweep.refresh_from_db()
    assert sweep.interval == daily
