import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from boks.dossiers.choices import Status
from boks.dossiers.models import TijdlijnGebeurtenis
from boks.maatwerk import services, statusflow
from boks.maatwerk.choices import AanvraagStatus
from boks.maatwerk.errors import StapNietMogelijk
from boks.maatwerk.models import Aanvraag, AanvraagStap
from tests.conftest import require

from .factories import AanvraagSoortFactory, aanvraag, pgb_soort, traject_met_plan, volledige_data

pytestmark = pytest.mark.django_db

S = AanvraagStatus
# How to bring a fresh request into each status (by the worker, then the manager).
ROUTE_TO = {
    S.CONCEPT: (),
    S.INGEDIEND: ("indienen",),
    S.IN_BEHANDELING: ("indienen", "in_behandeling_nemen"),
    S.INFO_GEVRAAGD: ("indienen", "in_behandeling_nemen", "informatie_vragen"),
    S.TOEGEKEND: ("indienen", "in_behandeling_nemen", "toekennen"),
    S.GEDEELTELIJK_TOEGEKEND: ("indienen", "in_behandeling_nemen", "gedeeltelijk_toekennen"),
    S.AFGEWEZEN: ("indienen", "in_behandeling_nemen", "afwijzen"),
    S.INGETROKKEN: ("indienen", "intrekken"),
}
ALLOWED = {
    "indienen": {S.CONCEPT},
    "in_behandeling_nemen": {S.INGEDIEND},
    "informatie_vragen": {S.IN_BEHANDELING},
    "aanvullen": {S.INFO_GEVRAAGD},
    "toekennen": {S.IN_BEHANDELING},
    "gedeeltelijk_toekennen": {S.IN_BEHANDELING},
    "afwijzen": {S.IN_BEHANDELING},
    "intrekken": {S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.INFO_GEVRAAGD},
}


def test_the_table_is_the_flow_of_the_issue():
    assert {name: set(stap.sources) for name, stap in statusflow.STAPPEN.items()} == ALLOWED


@pytest.mark.parametrize("status", list(ROUTE_TO))
def test_every_step_from_every_status_is_allowed_or_refused_with_a_conflict(status, team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    for name, stap in statusflow.STAPPEN.items():
        made = aanvraag(traject, gezinswerker, soort, stappen=ROUTE_TO[status], beoordelaar=manager)
        actor = gezinswerker if stap.door == statusflow.AANVRAGER else manager
        extra = {"toegekend_bedrag": Decimal("100.00")} if name == "gedeeltelijk_toekennen" else {}
        if status in ALLOWED[name]:
            done = statusflow.perform(aanvraag_id=made.pk, stap=name, actor=actor, reden="Omdat het moet.", **extra)
            assert done.status == stap.target
        else:
            with pytest.raises(StapNietMogelijk):
                statusflow.perform(aanvraag_id=made.pk, stap=name, actor=actor, reden="Omdat het moet.", **extra)
            assert Aanvraag.objects.get(pk=made.pk).status == status


def test_each_step_records_actor_time_reason_and_a_timeline_event(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    made = aanvraag(
        traject,
        gezinswerker,
        stappen=(
            "indienen",
            "in_behandeling_nemen",
            "informatie_vragen",
            "aanvullen",
            "in_behandeling_nemen",
            "afwijzen",
        ),
        beoordelaar=manager,
    )
    rows = list(AanvraagStap.objects.filter(aanvraag=made).order_by("pk"))
    assert [(row.van_status, row.naar_status, row.door) for row in rows] == [
        (S.CONCEPT, S.INGEDIEND, gezinswerker),
        (S.INGEDIEND, S.IN_BEHANDELING, manager),
        (S.IN_BEHANDELING, S.INFO_GEVRAAGD, manager),
        (S.INFO_GEVRAAGD, S.INGEDIEND, gezinswerker),
        (S.INGEDIEND, S.IN_BEHANDELING, manager),
        (S.IN_BEHANDELING, S.AFGEWEZEN, manager),
    ]
    assert rows[2].reden == "Graag de offerte erbij."
    assert rows[-1].reden == "Het reguliere aanbod past."
    assert all(row.op is not None for row in rows)
    events = TijdlijnGebeurtenis.objects.filter(traject=traject, soort__startswith="maatwerk.aanvraag_")
    assert events.count() == 6
    besluit = events.get(soort="maatwerk.aanvraag_afwijzen")
    assert besluit.zichtbaar_voor_client and besluit.omschrijving == "Het reguliere aanbod past."
    assert events.get(soort="maatwerk.aanvraag_informatie_vragen").omschrijving == ""
    made.refresh_from_db()
    assert made.besluit_door == manager and made.besluit_motivering == "Het reguliere aanbod past."


@pytest.mark.parametrize("stap", ["informatie_vragen", "toekennen", "gedeeltelijk_toekennen", "afwijzen"])
def test_an_assessor_step_needs_a_reason(stap, team, gezinswerker, manager):
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    with pytest.raises(ValidationError) as refused:
        statusflow.perform(aanvraag_id=made.pk, stap=stap, actor=manager, reden="   ")
    assert "reden" in refused.value.message_dict
    assert Aanvraag.objects.get(pk=made.pk).status == S.IN_BEHANDELING


def test_withdrawing_needs_a_reason(team, gezinswerker, manager):
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    with pytest.raises(ValidationError, match="waarom wordt de aanvraag ingetrokken"):
        statusflow.perform(aanvraag_id=made.pk, stap="intrekken", actor=gezinswerker, reden="")


def test_a_request_without_a_goal_is_refused_and_nothing_is_saved(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    with pytest.raises(ValidationError) as refused:
        services.create_aanvraag(
            actor=gezinswerker, traject=traject, soort=soort, data=volledige_data(traject, soort, doelen=[])
        )
    assert refused.value.message_dict["doelen"] == ["Koppel de aanvraag aan minstens één doel uit het gezinsplan."]
    assert not Aanvraag.objects.exists()


def test_without_a_plan_the_message_says_to_make_the_plan_first(team, gezinswerker, traject):
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    with pytest.raises(ValidationError, match="schrijf eerst samen met het gezin het gezinsplan"):
        services.create_aanvraag(actor=gezinswerker, traject=traject, soort=soort, data=services.AanvraagData())


def test_goals_of_another_traject_are_refused(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    other = traject_met_plan(team, gezinswerker, goals=("Iets anders.",))
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    from .factories import doel_ids

    with pytest.raises(ValidationError, match="Kies doelen uit het gezinsplan van dit traject"):
        services.create_aanvraag(
            actor=gezinswerker,
            traject=traject,
            soort=soort,
            data=volledige_data(traject, soort, doelen=doel_ids(other)),
        )


def test_a_pgb_without_amount_or_period_cannot_be_submitted(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    data = volledige_data(traject, soort, bedrag=None, periode_van=None, periode_tot=None)
    with pytest.raises(ValidationError) as refused:
        services.create_aanvraag(actor=gezinswerker, traject=traject, soort=soort, data=data, indienen=True)
    assert set(refused.value.message_dict) == {"bedrag", "periode_van", "periode_tot"}
    assert not Aanvraag.objects.exists()
    concept = services.create_aanvraag(
        actor=gezinswerker, traject=traject, soort=soort, data=volledige_data(traject, soort, bedrag=None)
    )
    with pytest.raises(ValidationError, match="bedrag"):
        statusflow.perform(aanvraag_id=concept.pk, stap="indienen", actor=gezinswerker)
    assert Aanvraag.objects.get(pk=concept.pk).status == S.CONCEPT


def test_an_end_before_the_start_is_refused(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    data = volledige_data(traject, soort, periode_van=datetime.date(2027, 3, 1), periode_tot=datetime.date(2027, 2, 1))
    with pytest.raises(ValidationError) as refused:
        services.create_aanvraag(actor=gezinswerker, traject=traject, soort=soort, data=data)
    assert refused.value.message_dict == {"periode_tot": ["De einddatum ligt vóór de begindatum."]}


def test_a_new_pgb_continues_the_day_after_the_current_one(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    data = volledige_data(traject, soort, periode_van=None, huidig_pgb_tot=datetime.date(2027, 1, 31))
    made = services.create_aanvraag(actor=gezinswerker, traject=traject, soort=soort, data=data)
    assert made.periode_van == datetime.date(2027, 2, 1)
    overlap = volledige_data(
        traject, soort, periode_van=datetime.date(2027, 1, 15), huidig_pgb_tot=datetime.date(2027, 1, 31)
    )
    with pytest.raises(ValidationError, match="Laat haar beginnen op 01-02-2027"):
        services.create_aanvraag(actor=gezinswerker, traject=traject, soort=soort, data=overlap)


def test_partial_granting_of_a_budget_needs_an_amount_below_the_requested_one(team, gezinswerker, manager):
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        pgb_soort(team.organisatie),
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    for bedrag in (None, Decimal("0"), Decimal("14400.00"), Decimal("20000")):
        with pytest.raises(ValidationError) as refused:
            statusflow.perform(
                aanvraag_id=made.pk,
                stap="gedeeltelijk_toekennen",
                actor=manager,
                reden="Deels.",
                toegekend_bedrag=bedrag,
            )
        assert "toegekend_bedrag" in refused.value.message_dict
    done = statusflow.perform(
        aanvraag_id=made.pk,
        stap="gedeeltelijk_toekennen",
        actor=manager,
        reden="Deels.",
        toegekend_bedrag=Decimal("9000"),
    )
    assert done.toegekend_bedrag == Decimal("9000")
    granted = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        pgb_soort(team.organisatie),
        stappen=("indienen", "in_behandeling_nemen", "toekennen"),
        beoordelaar=manager,
    )
    assert granted.toegekend_bedrag == Decimal("14400.00")


def test_a_closed_traject_gets_no_new_requests(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    concept = aanvraag(traject, gezinswerker)
    traject.status = Status.AFGESLOTEN
    traject.afsluitreden = "volgens_plan"
    traject.save()
    with pytest.raises(StapNietMogelijk, match="afgesloten"):
        statusflow.perform(aanvraag_id=concept.pk, stap="indienen", actor=gezinswerker)
    with pytest.raises(StapNietMogelijk, match="afgesloten"):
        aanvraag(traject, gezinswerker)


def test_a_step_that_does_not_exist_is_refused(team, gezinswerker):
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker)
    with pytest.raises(StapNietMogelijk, match="bestaat niet"):
        statusflow.perform(aanvraag_id=made.pk, stap="goedkeuren", actor=gezinswerker)


def test_a_colleague_outside_the_traject_cannot_submit(team, gezinswerker, colleague):
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker)
    with pytest.raises(PermissionDenied, match="Je werkt niet aan dit traject"):
        statusflow.perform(aanvraag_id=made.pk, stap="indienen", actor=colleague)


def test_a_second_besluit_is_a_conflict_naming_the_first(team, gezinswerker, manager):
    from boks.accounts.choices import TeamRole
    from tests.factories import MembershipFactory, UserFactory

    second = MembershipFactory(team=team, user=UserFactory(), role=TeamRole.TEAMMANAGER).user
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    statusflow.perform(aanvraag_id=made.pk, stap="toekennen", actor=manager, reden="Prima.")
    with pytest.raises(StapNietMogelijk) as refused:
        statusflow.perform(aanvraag_id=made.pk, stap="afwijzen", actor=second, reden="Toch niet.")
    assert "al besloten (toegekend door" in refused.value.message
    assert refused.value.details == {"status": S.TOEGEKEND}
    made.refresh_from_db()
    assert made.besluit_door == manager and made.besluit_motivering == "Prima."


@pytest.mark.django_db(transaction=True)
def test_two_assessors_deciding_at_the_same_moment_cannot_both_succeed(team, gezinswerker, manager):
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to test row locking")
    from boks.accounts.choices import TeamRole
    from tests.factories import MembershipFactory, UserFactory

    second = MembershipFactory(team=team, user=UserFactory(), role=TeamRole.TEAMMANAGER).user
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    results = []
    barrier = threading.Barrier(2)

    def decide(actor, stap):
        barrier.wait()
        try:
            statusflow.perform(aanvraag_id=made.pk, stap=stap, actor=actor, reden=f"{stap} door {actor.pk}")
            results.append("ok")
        except StapNietMogelijk:
            results.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(manager, "toekennen")),
        threading.Thread(target=decide, args=(second, "afwijzen")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "ok"]
    assert AanvraagStap.objects.filter(aanvraag=made, naar_status__in=[S.TOEGEKEND, S.AFGEWEZEN]).count() == 1
    assert (
        TijdlijnGebeurtenis.objects.filter(
            soort__in=["maatwerk.aanvraag_toekennen", "maatwerk.aanvraag_afwijzen"]
        ).count()
        == 1
    )
