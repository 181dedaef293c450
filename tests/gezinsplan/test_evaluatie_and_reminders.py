import datetime
import threading

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from boks.dossiers.choices import Status
from boks.dossiers.errors import TransitionNotAllowed
from boks.dossiers.models import TijdlijnGebeurtenis
from boks.gezinsplan import services
from boks.gezinsplan.choices import DoelStatus
from boks.gezinsplan.models import Evaluatie
from boks.notifications.models import Notification
from tests.conftest import logged_in, require

from .helpers import TODAY, concept_with_goals, traject_in_plan, vastgesteld_plan

pytestmark = pytest.mark.django_db


def evaluate(plan, actor, status=DoelStatus.BEHAALD, datum=TODAY):
    doel = plan.doelen.first()
    return services.record_evaluatie(
        actor=actor,
        plan=plan,
        datum=datum,
        samenvatting="Het gaat beter.",
        antwoorden=[("Wat vindt het gezin van de hulp?", "Goed.")],
        doelen=[services.DoelEvaluatie(doel=doel, status=status, voortgang="Elke dag op tijd.")],
    )


def test_an_evaluation_records_progress_and_plans_the_next_one(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    plan = vastgesteld_plan(traject, gezinswerker).plan
    evaluatie = evaluate(plan, gezinswerker)
    plan.refresh_from_db()
    doel = plan.doelen.first()
    assert doel.status == DoelStatus.BEHAALD
    assert evaluatie.doelen.get().voortgang == "Elke dag op tijd."
    assert evaluatie.antwoorden == [["Wat vindt het gezin van de hulp?", "Goed."]]
    assert plan.volgende_evaluatie_op == TODAY + relativedelta(months=3)
    soorten = set(TijdlijnGebeurtenis.objects.filter(traject=traject).values_list("soort", flat=True))
    assert {"gezinsplan.evaluatie", "gezinsplan.doel_behaald"} <= soorten


def test_the_evaluation_interval_is_an_organisation_setting(team, gezinswerker):
    from boks.gezinsplan.selectors import instellingen_for

    instellingen = instellingen_for(team.organisatie_id)
    instellingen.evaluatie_interval_maanden = 6
    instellingen.save()
    plan = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).plan
    assert plan.volgende_evaluatie_op == TODAY + relativedelta(months=6)


def test_evaluating_needs_an_agreed_plan_and_a_sensible_date(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    concept = concept_with_goals(traject, gezinswerker)
    with pytest.raises(TransitionNotAllowed):
        services.record_evaluatie(
            actor=gezinswerker, plan=concept.plan, datum=TODAY, samenvatting="", antwoorden=[], doelen=[]
        )
    plan = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).plan
    with pytest.raises(ValidationError, match="toekomst"):
        evaluate(plan, gezinswerker, datum=TODAY + datetime.timedelta(days=1))
    assert not Evaluatie.objects.exists()


def test_the_evaluation_page(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    plan = vastgesteld_plan(traject, gezinswerker).plan
    doel = plan.doelen.first()
    client = logged_in(gezinswerker)
    url = reverse("gezinsplan:evaluatie", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Hoe gaat de samenwerking met de gezinswerker?" in page
    response = client.post(
        url,
        {
            "datum": TODAY.isoformat(),
            "samenvatting": "Goed gesprek.",
            f"status_{doel.pk}": "deels_behaald",
            f"voortgang_{doel.pk}": "Drie van de vijf dagen.",
            "vraag_0": "Fijn.",
        },
    )
    assert response.status_code == 302
    doel.refresh_from_db()
    assert doel.status == DoelStatus.DEELS_BEHAALD


def _due_plan(team, gezinswerker, days_from_today):
    plan = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).plan
    plan.volgende_evaluatie_op = TODAY + datetime.timedelta(days=days_from_today)
    plan.save()
    return plan


def test_the_regisseur_is_reminded_once_before_and_once_after_the_evaluation_date(
    team, gezinswerker, django_capture_on_commit_callbacks
):
    plan = _due_plan(team, gezinswerker, days_from_today=3)
    far = _due_plan(team, gezinswerker, days_from_today=30)
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_due_evaluations(today=TODAY)
        services.remind_due_evaluations(today=TODAY)
    soon = Notification.objects.get(recipient=gezinswerker)
    assert soon.title.startswith("Evaluatie binnenkort")
    assert soon.url == reverse("gezinsplan:plan", args=[plan.traject_id])
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_due_evaluations(today=TODAY + datetime.timedelta(days=5))
        services.remind_due_evaluations(today=TODAY + datetime.timedelta(days=6))
    assert Notification.objects.filter(recipient=gezinswerker, title__startswith="Evaluatie te laat").count() == 1
    assert not Notification.objects.filter(url=reverse("gezinsplan:plan", args=[far.traject_id])).exists()


def test_a_sweep_after_days_without_beat_catches_up_once(team, gezinswerker):
    _due_plan(team, gezinswerker, days_from_today=-10)
    _due_plan(team, gezinswerker, days_from_today=-3)
    _due_plan(team, gezinswerker, days_from_today=20)
    services.remind_due_evaluations(today=TODAY)
    services.remind_due_evaluations(today=TODAY)
    assert Notification.objects.filter(title__startswith="Evaluatie te laat").count() == 2
    assert Notification.objects.count() == 2


def test_closed_trajecten_get_no_reminders(team, gezinswerker):
    plan = _due_plan(team, gezinswerker, days_from_today=-1)
    plan.traject.status = Status.AFGESLOTEN
    plan.traject.afsluitreden = "volgens_plan"
    plan.traject.save()
    assert services.remind_due_evaluations(today=TODAY) == 0


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_send_each_reminder_once(team, gezinswerker):
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to test concurrent sweeps")
    for _ in range(30):
        _due_plan(team, gezinswerker, days_from_today=-1)
    barrier = threading.Barrier(2)
    errors = []

    def sweep():
        try:
            barrier.wait()
            services.remind_due_evaluations(today=TODAY, batch_size=7)
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
    assert Notification.objects.count() == 30
    assert len(set(Notification.objects.values_list("key", flat=True))) == 30


def test_an_overdue_agreement_is_on_the_timeline_once(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = vastgesteld_plan(traject, gezinswerker)
    item = versie.afspraken.get()
    item.uiterlijk_op = TODAY - datetime.timedelta(days=2)
    item.save()
    assert services.report_overdue_afspraken(today=TODAY) == 1
    assert services.report_overdue_afspraken(today=TODAY) == 0
    assert TijdlijnGebeurtenis.objects.filter(traject=traject, soort="gezinsplan.afspraak_te_laat").count() == 1
    assert Notification.objects.filter(recipient=gezinswerker, title__startswith="Afspraak te laat").count() == 1


def test_done_agreements_are_not_overdue(team, gezinswerker):
    versie = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    item = versie.afspraken.get()
    item.uiterlijk_op = TODAY - datetime.timedelta(days=2)
    item.save()
    services.set_afspraak_status(actor=gezinswerker, afspraak_id=item.afspraak_id, status="gedaan")
    assert services.report_overdue_afspraken(today=TODAY) == 0


def test_the_caseload_shows_overdue_agreements_and_the_next_evaluation(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = vastgesteld_plan(traject, gezinswerker)
    item = versie.afspraken.get()
    item.uiterlijk_op = TODAY - datetime.timedelta(days=2)
    item.save()
    client = logged_in(gezinswerker)
    html = client.get(reverse("dossiers:caseload"), {"termijn_verlopen": "on"}).content.decode()
    assert traject.dossiernummer in html
    assert "Afspraak:" in html
    detail = client.get(reverse("dossiers:traject", args=[traject.pk])).content.decode()
    assert "Evaluatie plan:" in detail
