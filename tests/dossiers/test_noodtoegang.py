"""Break-the-glass: a worker of another team of the organisation opens a dossier with a reason; the
access is read-only, time-limited, logged with the reason, and the team's managers judge it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from boks.accounts import authorization
from boks.accounts.choices import TeamRole
from boks.audit.choices import Actie, Grondslag
from boks.audit.models import Toegang
from boks.dossiers import noodtoegang
from boks.dossiers.models import Noodtoegang
from boks.errors import Conflict
from boks.notifications.models import Notification
from tests.conftest import logged_in
from tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

REDEN = "Crisismelding in het weekend, de regisseur is niet bereikbaar."


@pytest.fixture
def other_team_worker(team):
    """A gezinswerker of another team in the same organisation as `team`."""
    other = TeamFactory(organisatie=team.organisatie, naam="Zuilen")
    return MembershipFactory(team=other, user=UserFactory(with_totp=True), role=TeamRole.GEZINSWERKER).user


def open_with_reason(client, traject, reden=REDEN):
    return client.post(reverse("dossiers:noodtoegang"), {"dossiernummer": traject.dossiernummer, "reden": reden})


def test_without_noodtoegang_a_dossier_of_another_team_stays_closed(traject, other_team_worker):
    assert logged_in(other_team_worker).get(reverse("dossiers:traject", args=[traject.pk])).status_code == 404


def test_opening_with_a_reason_gives_read_only_access_logged_with_the_reason(traject, other_team_worker, manager):
    client = logged_in(other_team_worker)
    response = open_with_reason(client, traject)
    assert response.status_code == 302
    assert response.url == reverse("dossiers:traject", args=[traject.pk])

    page = client.get(response.url)
    assert page.status_code == 200
    assert "met noodtoegang" in page.content.decode()
    entries = Toegang.objects.filter(gebruiker=other_team_worker, traject_id=traject.pk)
    assert {e.actie for e in entries} == {Actie.NOODTOEGANG, Actie.LEZEN}
    assert {e.grondslag for e in entries} == {Grondslag.BREAK_THE_GLASS}
    assert {e.reden for e in entries} == {REDEN}

    assert not authorization.can_work_on_traject(other_team_worker, traject)
    journal = client.post(reverse("dossiers:contactmoment_new", args=[traject.pk]), {})
    assert journal.status_code in (403, 404)


def test_the_team_manager_is_told_and_judges_afterwards(traject, other_team_worker, manager):
    open_with_reason(logged_in(other_team_worker), traject)
    toegang = Noodtoegang.objects.get()
    message = Notification.objects.get(recipient=manager)
    assert traject.dossiernummer in message.title
    assert REDEN in message.body

    overview = logged_in(manager).get(reverse("dossiers:noodtoegang_overzicht"))
    assert REDEN in overview.content.decode()
    response = logged_in(manager).post(
        reverse("dossiers:noodtoegang_beoordelen", args=[toegang.pk]),
        {f"n{toegang.pk}-oordeel": "onterecht", f"n{toegang.pk}-toelichting": "Er was geen crisis."},
    )
    assert response.status_code == 302
    toegang.refresh_from_db()
    assert (toegang.oordeel, toegang.beoordeeld_door) == ("onterecht", manager)


def test_not_justified_needs_an_explanation(traject, other_team_worker, manager):
    toegang = noodtoegang.open_noodtoegang(actor=other_team_worker, traject=traject, reden=REDEN)
    with pytest.raises(ValidationError) as error:
        noodtoegang.judge(actor=manager, noodtoegang=toegang, oordeel="onterecht")
    assert "toelichting" in error.value.message_dict
    noodtoegang.judge(actor=manager, noodtoegang=toegang, oordeel="terecht")
    with pytest.raises(Conflict):
        noodtoegang.judge(actor=manager, noodtoegang=toegang, oordeel="terecht")


def test_access_ends_when_the_time_is_up(traject, other_team_worker):
    toegang = noodtoegang.open_noodtoegang(actor=other_team_worker, traject=traject, reden=REDEN)
    Noodtoegang.objects.filter(pk=toegang.pk).update(geldig_tot=timezone.now() - datetime.timedelta(minutes=1))
    assert logged_in(other_team_worker).get(reverse("dossiers:traject", args=[traject.pk])).status_code == 404


def test_a_short_reason_is_refused_in_dutch_and_nothing_opens(traject, other_team_worker):
    response = open_with_reason(logged_in(other_team_worker), traject, reden="even kijken")
    assert response.status_code == 400
    assert "minstens 20 tekens" in response.content.decode()
    assert not Noodtoegang.objects.exists()


def test_another_organisation_cannot_be_opened_and_the_form_does_not_say_whether_it_exists(traject, outsider):
    response = open_with_reason(logged_in(outsider), traject)
    assert response.status_code == 400
    assert "Geen dossier gevonden" in response.content.decode()
    unknown = logged_in(outsider).post(reverse("dossiers:noodtoegang"), {"dossiernummer": "X-0000", "reden": REDEN})
    assert unknown.content.decode().count("Geen dossier gevonden") == response.content.decode().count(
        "Geen dossier gevonden"
    )
    assert not Noodtoegang.objects.exists()


def test_someone_of_the_team_goes_straight_to_the_dossier(traject, colleague):
    response = open_with_reason(logged_in(colleague), traject)
    assert response.url == reverse("dossiers:traject", args=[traject.pk])
    assert not Noodtoegang.objects.exists()


def test_a_manager_does_not_judge_their_own_noodtoegang(traject, manager):
    other = TeamFactory(organisatie=traject.team.organisatie)
    opener = MembershipFactory(team=other, user=UserFactory(), role=TeamRole.TEAMMANAGER).user
    MembershipFactory(team=traject.team, user=opener, role=TeamRole.TEAMMANAGER)
    toegang = Noodtoegang.objects.create(
        traject=traject, medewerker=opener, reden=REDEN, geldig_tot=timezone.now() + datetime.timedelta(hours=1)
    )
    assert not authorization.can_judge_noodtoegang(opener, toegang)
    assert authorization.can_judge_noodtoegang(manager, toegang)
