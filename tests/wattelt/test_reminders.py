import datetime
import threading

import pytest
from celery._state import _set_task_join_will_block
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.dossiers.choices import ContactSoort
from boks.dossiers.models import Traject
from boks.notifications.models import Notification, OutboundEmail
from boks.wattelt import services, tasks
from boks.wattelt.choices import HerinneringSoort, HerinneringStatus
from boks.wattelt.models import Herinnering
from boks.wattelt.services import herinneringen_sweep
from tests.conftest import require
from tests.factories import MembershipFactory, UserFactory

from .factories import MetingFactory, gesprek, open_traject, registreer

pytestmark = pytest.mark.django_db

T = timezone.localdate


def day(offset: int) -> datetime.date:
    return T() + datetime.timedelta(days=offset)


def with_round_due(team, regisseur, offset: int):
    """An open traject whose second round is due `offset` days from today."""
    traject = open_traject(team, regisseur, kennismaking_dagen_geleden=200)
    MetingFactory(traject=traject, datum=day(-150), volgende_ronde_op=day(offset), aangemaakt_door=regisseur)
    return traject


def reminders() -> set[tuple[int, str]]:
    """(traject id, kind) of every reminder message sent, from the message keys."""
    keys = Notification.objects.filter(key__startswith="wattelt:ronde:").values_list("key", flat=True)
    return {(int(key.split(":")[2]), key.split(":")[-1]) for key in keys}


def test_a_round_due_within_a_week_reminds_the_regisseur_in_boks_and_by_email(
    team, gezinswerker, django_capture_on_commit_callbacks
):
    traject = with_round_due(team, gezinswerker, 5)
    with django_capture_on_commit_callbacks(execute=True):
        result = herinneringen_sweep()
    message = Notification.objects.get()
    assert message.recipient == gezinswerker
    assert message.key == f"wattelt:ronde:{traject.pk}:2:regisseur:{gezinswerker.pk}:aan_de_beurt"
    assert message.title == f"Wat Telt: ronde 2 is aan de beurt (dossier {traject.dossiernummer})"
    assert day(5).strftime("%d-%m-%Y") in message.body
    assert message.url == f"/trajecten/{traject.pk}/wattelt/"
    assert [email.to for email in mail.outbox] == [[gezinswerker.email]]
    assert (result.gepland, result.verstuurd, result.berichten) == (1, 1, 1)


def test_a_round_further_away_sends_nothing_yet(team, gezinswerker):
    with_round_due(team, gezinswerker, 8)
    assert herinneringen_sweep().berichten == 0
    assert not Herinnering.objects.exists()


def test_a_late_round_gets_a_late_reminder_after_its_due_reminder(team, gezinswerker):
    traject = with_round_due(team, gezinswerker, 2)
    herinneringen_sweep()
    herinneringen_sweep(vandaag=day(3))
    assert reminders() == {(traject.pk, "aan_de_beurt"), (traject.pk, "te_laat")}
    late = Notification.objects.get(key__endswith=":te_laat")
    assert late.title == f"Wat Telt: ronde 2 is te laat (dossier {traject.dossiernummer})"


def test_the_first_round_is_announced_after_two_conversations_and_late_after_the_third(team, gezinswerker):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=30)
    gesprek(traject, day(-20))
    herinneringen_sweep()
    assert reminders() == set()
    gesprek(traject, day(-10), soort=ContactSoort.HUISBEZOEK)
    herinneringen_sweep()
    first = Notification.objects.get()
    assert first.title == f"Wat Telt: eerste ronde in het volgende gesprek (dossier {traject.dossiernummer})"
    gesprek(traject, day(-1), soort=ContactSoort.TELEFONISCH)
    herinneringen_sweep()
    assert reminders() == {(traject.pk, "aan_de_beurt"), (traject.pk, "te_laat")}


def test_a_round_held_in_time_gets_no_late_reminder(team, gezinswerker):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=30)
    for offset in (-20, -10):
        gesprek(traject, day(offset))
    herinneringen_sweep()
    registreer(traject)
    gesprek(traject, day(0))
    herinneringen_sweep(vandaag=day(2))
    assert reminders() == {(traject.pk, "aan_de_beurt")}


def test_a_planned_reminder_for_a_round_held_meanwhile_is_not_sent(team, gezinswerker):
    traject = with_round_due(team, gezinswerker, 3)
    services.herinneringen_plannen()
    registreer(traject)
    result = services.herinneringen_versturen()
    assert (result.verstuurd, result.overbodig) == (0, 1)
    assert Herinnering.objects.get().status == HerinneringStatus.OVERBODIG
    assert not Notification.objects.exists()


def test_closed_trajecten_get_no_reminders(team, gezinswerker):
    traject = with_round_due(team, gezinswerker, -5)
    Traject.objects.filter(pk=traject.pk).update(status="afgesloten", afsluitreden="volgens_plan")
    assert herinneringen_sweep().berichten == 0
    assert not Herinnering.objects.exists()


def test_a_traject_without_regisseur_is_reminded_once_it_has_one(team, gezinswerker):
    traject = with_round_due(team, gezinswerker, 4)
    Traject.objects.filter(pk=traject.pk).update(regisseur=None)
    result = herinneringen_sweep()
    assert (result.gepland, result.zonder_ontvanger, result.berichten) == (1, 1, 0)
    successor = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    Traject.objects.filter(pk=traject.pk).update(regisseur=successor)
    herinneringen_sweep()
    assert list(Notification.objects.values_list("recipient", flat=True)) == [successor.pk]


def test_the_recipients_are_the_active_regisseur(team, gezinswerker):
    with_round_due(team, gezinswerker, 1)
    services.herinneringen_plannen()
    herinnering = Herinnering.objects.select_related("traject__regisseur").get()
    assert services.ontvangers(herinnering) == [services.Ontvanger("regisseur", gezinswerker)]
    herinnering.traject.regisseur.is_active = False
    assert services.ontvangers(herinnering) == []


def test_running_the_sweep_twice_sends_each_reminder_once(team, gezinswerker, django_capture_on_commit_callbacks):
    trajecten = [with_round_due(team, gezinswerker, offset) for offset in (-3, 0, 6)]
    with django_capture_on_commit_callbacks(execute=True):
        herinneringen_sweep(batch_size=2)
    with django_capture_on_commit_callbacks(execute=True):
        second = herinneringen_sweep(batch_size=2)
    assert (second.gepland, second.berichten) == (0, 0)
    assert reminders() == {
        (trajecten[0].pk, "te_laat"),
        (trajecten[1].pk, "aan_de_beurt"),
        (trajecten[2].pk, "aan_de_beurt"),
    }
    assert len(mail.outbox) == 3
    assert OutboundEmail.objects.filter(sent_at__isnull=False).count() == 3


def test_a_beat_outage_of_three_days_is_caught_up_by_one_sweep(team, gezinswerker):
    due_in_2 = with_round_due(team, gezinswerker, 2)
    due_in_10 = with_round_due(team, gezinswerker, 10)
    due_in_12 = with_round_due(team, gezinswerker, 12)
    late = with_round_due(team, gezinswerker, -1)
    herinneringen_sweep(vandaag=day(0))
    assert reminders() == {(due_in_2.pk, "aan_de_beurt"), (late.pk, "te_laat")}

    # Beat is down on days 1, 2 and 3. Meanwhile a round is recorded that makes the next one due on day 3.
    became_late = open_traject(team, gezinswerker, kennismaking_dagen_geleden=200)
    MetingFactory(traject=became_late, datum=day(-90), volgende_ronde_op=day(3), aangemaakt_door=gezinswerker)

    result = herinneringen_sweep(vandaag=day(4))
    assert reminders() == {
        (due_in_2.pk, "aan_de_beurt"),
        (due_in_2.pk, "te_laat"),
        (due_in_10.pk, "aan_de_beurt"),
        (late.pk, "te_laat"),
        (became_late.pk, "te_laat"),
    }, "each due reminder once; a round that became late during the outage only gets its late reminder"
    assert result.berichten == 3
    assert due_in_12.pk not in {traject_id for traject_id, _kind in reminders()}
    assert herinneringen_sweep(vandaag=day(4)).berichten == 0


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_time_send_each_reminder_once(team, gezinswerker):
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to run concurrent sweeps")
    trajecten = [with_round_due(team, gezinswerker, offset) for offset in range(-10, 5)]
    start = threading.Barrier(2)
    results, failures = [], []

    def sweep():
        try:
            start.wait()
            results.append(herinneringen_sweep(batch_size=3))
        except Exception as error:  # collected and asserted below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Each eager delivery task sets and restores a process-wide Celery flag; two threads interleave
    # those and can leave it set, which would make a later result.get() refuse to wait.
    _set_task_join_will_block(False)
    assert failures == []
    assert Notification.objects.count() == len(trajecten)
    assert sum(result.berichten for result in results) == len(trajecten)
    assert Herinnering.objects.filter(status=HerinneringStatus.VERSTUURD).count() == len(trajecten)
    assert OutboundEmail.objects.count() == len(trajecten)


def test_the_command_runs_the_same_sweep(team, gezinswerker, capsys):
    with_round_due(team, gezinswerker, -2)
    call_command("wattelt_reminders", "--batch-size", "10")
    assert "1 herinneringen gepland, 1 verstuurd (1 berichten)" in capsys.readouterr().out
    assert Herinnering.objects.get().soort == HerinneringSoort.TE_LAAT


def test_the_task_runs_the_sweep_and_reports_what_it_did(team, gezinswerker):
    with_round_due(team, gezinswerker, 3)
    assert tasks.herinneringen_versturen.delay(batch_size=5).get() == {
        "gepland": 1,
        "verstuurd": 1,
        "berichten": 1,
        "overbodig": 0,
        "zonder_ontvanger": 0,
    }


def test_the_sweep_is_in_the_beat_schedule():
    from boks.celery import app

    assert app.conf.beat_schedule["wattelt-herinneringen"]["task"] == tasks.herinneringen_versturen.name
