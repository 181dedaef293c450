import datetime

import pytest
from django.core import mail
from django.utils import timezone

from boks.notifications.models import Notification
from boks.wattelt import selectors, services
from boks.wattelt.choices import Beoordelaar

from .factories import open_traject, registreer

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def traject(team, gezinswerker):
    return open_traject(team, gezinswerker, kennismaking_dagen_geleden=200)


def test_the_regisseur_hears_when_the_clients_own_score_drops_by_the_threshold(
    traject, gezinswerker, django_capture_on_commit_callbacks
):
    registreer(traject, datum=days_ago(100), klant={"wonen": 7, "financien": 5})
    with django_capture_on_commit_callbacks(execute=True):
        meting = registreer(traject, datum=days_ago(5), klant={"wonen": 5, "financien": 4})
    message = Notification.objects.get(recipient=gezinswerker)
    assert message.key == f"wattelt:daling:{meting.pk}:regisseur:{gezinswerker.pk}"
    assert message.title == f"Wat Telt: lagere score in dossier {traject.dossiernummer}"
    assert message.url == f"/trajecten/{traject.pk}/wattelt/"
    assert [email.to for email in mail.outbox] == [[gezinswerker.email]]
    assert "Wonen" not in mail.outbox[0].body, "what a client struggles with stays out of e-mail"
    assert [(lg.code, was, now) for lg, was, now in services.dalingen(meting, 2)] == [("wonen", 7, 5)]


def test_a_smaller_drop_or_the_workers_lower_score_sends_nothing(traject):
    registreer(traject, datum=days_ago(100), klant={"wonen": 7}, medewerker={"wonen": 8})
    registreer(traject, datum=days_ago(5), klant={"wonen": 6}, medewerker={"wonen": 2})
    assert not Notification.objects.exists()


def test_the_threshold_is_the_organisations(traject, team, gezinswerker):
    instellingen = selectors.instellingen_voor(team.organisatie_id)
    instellingen.daling_signaal = 4
    instellingen.save()
    registreer(traject, datum=days_ago(200), klant={"wonen": 8})
    registreer(traject, datum=days_ago(100), klant={"wonen": 5})
    assert not Notification.objects.exists()
    registreer(traject, datum=days_ago(5), klant={"wonen": 1})
    assert Notification.objects.filter(recipient=gezinswerker).count() == 1


def test_a_drop_is_signalled_when_the_client_adds_scores_later(traject, gezinswerker):
    registreer(traject, datum=days_ago(100), klant={"wonen": 8})
    meting = registreer(traject, datum=days_ago(5), klant={}, medewerker={"wonen": 6})
    assert not Notification.objects.exists()
    services.geef_scores(actor=gezinswerker, meting=meting, beoordelaar=Beoordelaar.KLANT, scores={"wonen": 4})
    assert Notification.objects.filter(key__startswith=f"wattelt:daling:{meting.pk}:").count() == 1


def test_scores_on_another_scale_are_compared_on_the_new_one(traject, team):
    registreer(traject, datum=days_ago(100), klant={"wonen": 10})  # the top of the 1 to 10 scale
    instellingen = selectors.instellingen_voor(team.organisatie_id)
    instellingen.schaal_min, instellingen.schaal_max = 1, 5
    instellingen.save()
    meting = registreer(traject, datum=days_ago(5), klant={"wonen": 4})
    assert [(was, now) for _lg, was, now in services.dalingen(meting, 1)] == [(5.0, 4)]
    assert services.dalingen(meting, 2) == []
