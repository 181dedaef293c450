"""Deadlines in werkdagen (the organisation's calendar), paused while information is asked, the lead
time of a besluit, and the reminders to assessors before and at the deadline, once per kind."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.dossiers.choices import Bevrijdingsdag
from boks.dossiers.selectors import werkafspraken_for
from boks.maatwerk import services, statusflow, tasks
from boks.maatwerk.choices import Routering
from boks.notifications.models import Notification, OutboundEmail
from boks.notifications.services import set_email_preference
from tests.conftest import require
from tests.factories import MembershipFactory, UserFactory

from .factories import (
    AanvraagSoortFactory,
    BeoordelingsgroepFactory,
    VervangingFactory,
    aanvraag,
    pgb_soort,
    traject_met_plan,
)

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_KONINGSDAG = datetime.date(2026, 4, 24)


@pytest.fixture
def on(monkeypatch):
    """Runs the status flow as if it were `day`."""

    def set_day(day: datetime.date) -> None:
        monkeypatch.setattr(statusflow, "_today", lambda: day)

    return set_day


def test_the_deadline_is_the_norm_in_werkdagen_after_submitting(team, gezinswerker, manager, on):
    on(FRIDAY_BEFORE_KONINGSDAG)
    made = aanvraag(
        traject_met_plan(team, gezinswerker), gezinswerker, pgb_soort(team.organisatie), stappen=("indienen",)
    )
    assert made.eerst_ingediend_op == FRIDAY_BEFORE_KONINGSDAG
    assert made.norm_werkdagen == 10
    # Koningsdag (Monday 27 April) is no werkdag; Bevrijdingsdag 2026 is one (not a lustrum year).
    assert made.termijn == datetime.date(2026, 5, 11)
    assert made.herinneren_vanaf == datetime.date(2026, 5, 7)


def test_the_organisations_calendar_counts(team, gezinswerker, manager, on):
    afspraken = werkafspraken_for(team.organisatie_id)
    afspraken.bevrijdingsdag = Bevrijdingsdag.ALTIJD
    afspraken.save()
    on(FRIDAY_BEFORE_KONINGSDAG)
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    assert made.termijn == datetime.date(2026, 5, 12)


def test_the_norm_is_set_per_type(team, gezinswerker, manager, on):
    soort = AanvraagSoortFactory(organisatie=team.organisatie, code="hbh", norm_werkdagen=3)
    on(FRIDAY_BEFORE_KONINGSDAG)
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, soort, stappen=("indienen",))
    assert made.termijn == datetime.date(2026, 4, 30)


def test_waiting_for_information_pauses_the_deadline_and_the_lead_time(team, gezinswerker, manager, on):
    on(FRIDAY_BEFORE_KONINGSDAG)
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    on(datetime.date(2026, 4, 30))
    statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=manager)
    statusflow.perform(aanvraag_id=made.pk, stap="informatie_vragen", actor=manager, reden="Graag de offerte.")
    on(datetime.date(2026, 5, 7))
    made = statusflow.perform(aanvraag_id=made.pk, stap="aanvullen", actor=gezinswerker, reden="Offerte erbij.")
    # Five werkdagen away (1, 4, 5, 6 and 7 May): the deadline moves five werkdagen, past Hemelvaartsdag.
    assert made.werkdagen_opgeschort == 5
    assert made.termijn == datetime.date(2026, 5, 19)
    on(datetime.date(2026, 5, 19))
    statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=manager)
    made = statusflow.perform(aanvraag_id=made.pk, stap="toekennen", actor=manager, reden="Akkoord.")
    assert made.besluit_op == datetime.date(2026, 5, 19)
    assert made.doorlooptijd_werkdagen == 10
    assert made.binnen_norm is True


def test_a_late_besluit_is_outside_the_norm(team, gezinswerker, manager, on):
    on(FRIDAY_BEFORE_KONINGSDAG)
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    on(datetime.date(2026, 5, 12))
    statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=manager)
    made = statusflow.perform(aanvraag_id=made.pk, stap="afwijzen", actor=manager, reden="Past regulier.")
    assert made.doorlooptijd_werkdagen == 11
    assert made.binnen_norm is False


# Reminders -------------------------------------------------------------------------------------


def submitted_on(day, team, worker, on, soort=None):
    """A request submitted on `day`; the messages about submitting it are cleared."""
    on(day)
    made = aanvraag(traject_met_plan(team, worker), worker, soort, stappen=("indienen",))
    Notification.objects.all().delete()
    OutboundEmail.objects.all().delete()
    return made


def test_the_assessor_is_reminded_once_before_and_once_at_the_deadline(
    team, gezinswerker, manager, on, django_capture_on_commit_callbacks
):
    made = submitted_on(FRIDAY_BEFORE_KONINGSDAG, team, gezinswerker, on)
    assert services.remind_assessors(today=datetime.date(2026, 5, 6)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_assessors(today=datetime.date(2026, 5, 7))
        services.remind_assessors(today=datetime.date(2026, 5, 8))
    soon = Notification.objects.get(recipient=manager)
    assert soon.title.startswith("Termijn nadert: aanvraag Maatwerk")
    assert soon.url == reverse("maatwerk:aanvraag", args=[made.pk])
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_assessors(today=datetime.date(2026, 5, 11))
        services.remind_assessors(today=datetime.date(2026, 5, 12))
        services.remind_assessors(today=datetime.date(2026, 5, 20))
    titles = sorted(Notification.objects.filter(recipient=manager).values_list("title", flat=True))
    assert [title.split(":")[0] for title in titles] == ["Termijn nadert", "Termijn vandaag"]
    assert Notification.objects.filter(recipient=gezinswerker).count() == 0
    assert len(mail.outbox) == 2


def test_a_sweep_after_days_without_beat_sends_only_the_deadline_reminder(team, gezinswerker, manager, on):
    submitted_on(FRIDAY_BEFORE_KONINGSDAG, team, gezinswerker, on)
    services.remind_assessors(today=datetime.date(2026, 5, 14))
    services.remind_assessors(today=datetime.date(2026, 5, 15))
    reminder = Notification.objects.get()
    assert reminder.recipient == manager
    assert reminder.title.startswith("Termijn verstreken: aanvraag Maatwerk")


def test_a_request_in_behandeling_reminds_only_who_handles_it(team, gezinswerker, manager, on):
    second = MembershipFactory(team=team, user=UserFactory(), role=TeamRole.TEAMMANAGER).user
    made = submitted_on(FRIDAY_BEFORE_KONINGSDAG, team, gezinswerker, on)
    statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=second)
    services.remind_assessors(today=datetime.date(2026, 5, 11))
    assert list(Notification.objects.values_list("recipient", flat=True)) == [second.pk]


def test_waiting_for_information_and_decided_requests_get_no_reminders(team, gezinswerker, manager, on):
    waiting = submitted_on(FRIDAY_BEFORE_KONINGSDAG, team, gezinswerker, on)
    statusflow.perform(aanvraag_id=waiting.pk, stap="in_behandeling_nemen", actor=manager)
    statusflow.perform(aanvraag_id=waiting.pk, stap="informatie_vragen", actor=manager, reden="Offerte?")
    decided = submitted_on(FRIDAY_BEFORE_KONINGSDAG, team, gezinswerker, on)
    statusflow.perform(aanvraag_id=decided.pk, stap="in_behandeling_nemen", actor=manager)
    statusflow.perform(aanvraag_id=decided.pk, stap="toekennen", actor=manager, reden="Goed.")
    assert services.remind_assessors(today=datetime.date(2026, 5, 11)) == 0


def test_group_members_and_vervangers_are_reminded_not_the_maker(team, gezinswerker, manager, colleague, on):
    beoordelaar = MembershipFactory(team=team, user=UserFactory(), role=TeamRole.PGB_BEOORDELAAR).user
    groep = BeoordelingsgroepFactory(organisatie=team.organisatie, leden=[beoordelaar, gezinswerker])
    soort = pgb_soort(team.organisatie, routering=Routering.BEOORDELINGSGROEP, beoordelingsgroep=groep)
    VervangingFactory(afwezige=beoordelaar, vervanger=colleague)
    submitted_on(FRIDAY_BEFORE_KONINGSDAG, team, gezinswerker, on, soort)
    services.remind_assessors(today=datetime.date(2026, 5, 11))
    assert set(Notification.objects.values_list("recipient", flat=True)) == {beoordelaar.pk, colleague.pk}


def test_the_celery_task_sweeps_with_todays_date(team, gezinswerker, manager, on):
    submitted_on(FRIDAY_BEFORE_KONINGSDAG, team, gezinswerker, on)
    assert tasks.herinneringen_beoordelaars.delay().get() == 1
    assert Notification.objects.get(recipient=manager).title.startswith("Termijn verstreken")
    assert tasks.herinneringen_beoordelaars.delay().get() == 0


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_send_each_reminder_once(team, gezinswerker, manager, on):
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to test concurrent sweeps")
    # Celery's eager mode keeps "inside a task" in one process-wide flag, which two threads
    # delivering e-mail at once can leave set; in-app messages are what this test counts.
    set_email_preference(user=manager, email=False)
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    traject = traject_met_plan(team, gezinswerker)
    on(FRIDAY_BEFORE_KONINGSDAG)
    for _ in range(12):
        aanvraag(traject, gezinswerker, soort, stappen=("indienen",))
    Notification.objects.all().delete()
    barrier = threading.Barrier(2)
    errors = []

    def sweep():
        try:
            barrier.wait()
            services.remind_assessors(today=datetime.date(2026, 5, 11), batch_size=5)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Notification.objects.filter(recipient=manager).count() == 12
    assert services.remind_assessors(today=datetime.date(2026, 5, 12)) == 0
