import datetime

import pytest
from django.core.exceptions import ValidationError

from boks.dossiers.errors import EditConflict, TransitionNotAllowed
from boks.gezinsplan import selectors, services
from boks.gezinsplan.choices import Beoordelaar, Herkomst, VoorstelStatus
from boks.gezinsplan.models import DoelVoorstel, Score
from boks.notifications.models import Notification
from tests.factories import ClientUserFactory, PersoonFactory

from .helpers import TODAY, concept_with_goals, traject_in_plan, vastgesteld_plan

pytestmark = pytest.mark.django_db


def test_a_goal_gets_a_default_scale_question_and_the_next_priority(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker, goals=("Een", "Twee"))
    first, second = versie.doelen.order_by("prioriteit")
    assert (first.prioriteit, second.prioriteit) == (1, 2)
    assert second.doel.schaalvragen.get().vraag == "In hoeverre is dit doel bereikt?"


def test_goals_can_be_reordered(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker, goals=("Een", "Twee", "Drie"))
    drie = versie.doelen.get(omschrijving="Drie")
    services.move_doel(actor=gezinswerker, plan_doel_id=drie.pk, direction=-1)
    assert list(versie.doelen.order_by("prioriteit").values_list("omschrijving", flat=True)) == ["Een", "Drie", "Twee"]


def test_goal_owners_must_belong_to_the_household(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker)
    with pytest.raises(ValidationError) as refusal:
        services.add_doel(
            actor=gezinswerker,
            versie_id=versie.pk,
            data=services.DoelData(omschrijving="", leefgebied="maan", eigenaren=[PersoonFactory()]),
        )
    assert set(refusal.value.message_dict) == {"omschrijving", "leefgebied", "eigenaren"}


def test_a_goal_has_at_most_the_configured_number_of_scale_questions(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker)
    doel = versie.doelen.get().doel
    services.add_schaalvraag(actor=gezinswerker, doel_id=doel.pk, vraag="Hoe vaak te laat?")
    services.add_schaalvraag(actor=gezinswerker, doel_id=doel.pk, vraag="Hoe voelt de ochtend?")
    with pytest.raises(ValidationError, match="hoogstens 3"):
        services.add_schaalvraag(actor=gezinswerker, doel_id=doel.pk, vraag="Nog een")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"beoordelaar": "client", "persoon": None}, "persoon"),
        ({"beoordelaar": "anders", "beoordelaar_naam": " "}, "beoordelaar_naam"),
        ({"datum": TODAY + datetime.timedelta(days=1)}, "datum"),
        ({"datum": datetime.date(2000, 1, 1)}, "datum"),
        ({"beoordelaar": "buurman"}, "beoordelaar"),
    ],
)
def test_a_score_round_is_validated(team, gezinswerker, fields, expected):
    plan = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).plan
    vraag = selectors.schaalvragen_of(selectors.vastgestelde_versie(plan))[0]
    arguments = {"datum": TODAY, "beoordelaar": Beoordelaar.MEDEWERKER, **fields}
    with pytest.raises(ValidationError) as refusal:
        services.record_scores(actor=gezinswerker, plan=plan, scores=[services.ScoreInvoer(vraag, 5)], **arguments)
    assert expected in refusal.value.message_dict


@pytest.mark.parametrize("waarde", [-1, 11])
def test_a_score_outside_the_scale_is_refused(team, gezinswerker, waarde):
    plan = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).plan
    vraag = selectors.schaalvragen_of(selectors.vastgestelde_versie(plan))[0]
    with pytest.raises(ValidationError, match="van 0 tot en met 10"):
        services.record_scores(
            actor=gezinswerker,
            plan=plan,
            datum=TODAY,
            beoordelaar="medewerker",
            scores=[services.ScoreInvoer(vraag, waarde)],
        )
    assert not Score.objects.exists()


def test_a_score_round_submitted_twice_is_recorded_once(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    plan = vastgesteld_plan(traject, gezinswerker).plan
    vraag = selectors.schaalvragen_of(selectors.vastgestelde_versie(plan))[0]
    for _attempt in range(2):
        services.record_scores(
            actor=gezinswerker,
            plan=plan,
            datum=TODAY,
            beoordelaar="client",
            persoon=traject.huishouden.personen.first(),
            scores=[services.ScoreInvoer(vraag, 6)],
        )
    score = Score.objects.get()
    assert (score.waarde, score.schaal_min, score.schaal_max) == (6, 0, 10)


def test_scores_keep_their_scale_when_the_organisation_changes_it(team, gezinswerker):
    plan = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).plan
    vraag = selectors.schaalvragen_of(selectors.vastgestelde_versie(plan))[0]
    services.record_scores(
        actor=gezinswerker, plan=plan, datum=TODAY, beoordelaar="medewerker", scores=[services.ScoreInvoer(vraag, 8)]
    )
    instellingen = selectors.instellingen_for(team.organisatie_id)
    instellingen.schaal_min, instellingen.schaal_max = 1, 5
    instellingen.save()
    services.record_scores(
        actor=gezinswerker, plan=plan, datum=TODAY, beoordelaar="medewerker", scores=[services.ScoreInvoer(vraag, 4)]
    )
    assert list(Score.objects.order_by("pk").values_list("waarde", "schaal_max")) == [(8, 10), (4, 5)]


def test_scores_over_time_become_one_line_per_rater(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    plan = vastgesteld_plan(traject, gezinswerker).plan
    vraag = selectors.schaalvragen_of(selectors.vastgestelde_versie(plan))[0]
    ouder = traject.huishouden.personen.first()
    for days_ago, client_score, worker_score in [(20, 3, 2), (5, 6, 5)]:
        day = TODAY - datetime.timedelta(days=days_ago)
        services.record_scores(
            actor=gezinswerker,
            plan=plan,
            datum=day,
            beoordelaar="client",
            persoon=ouder,
            scores=[services.ScoreInvoer(vraag, client_score)],
        )
        services.record_scores(
            actor=gezinswerker,
            plan=plan,
            datum=day,
            beoordelaar="medewerker",
            scores=[services.ScoreInvoer(vraag, worker_score)],
        )
    line = selectors.series(vraag)
    chart = line.chart(0, 10)
    assert chart["labels"] == [(TODAY - datetime.timedelta(days=d)).strftime("%d-%m-%Y") for d in (20, 5)]
    assert {dataset["label"]: dataset["data"] for dataset in chart["datasets"]} == {
        ouder.voornaam: [3, 6],
        gezinswerker.get_full_name(): [2, 5],
    }


def test_optimistic_locking_on_a_goal(team, gezinswerker, colleague):
    traject = traject_in_plan(team, gezinswerker)
    traject.betrokkenen.add(colleague)
    versie = concept_with_goals(traject, gezinswerker)
    plan_doel = versie.doelen.get()
    loaded = plan_doel.versie_teller
    services.update_doel(
        actor=colleague,
        plan_doel_id=plan_doel.pk,
        expected_versie=loaded,
        data=services.DoelData(omschrijving="Van collega"),
    )
    with pytest.raises(EditConflict) as conflict:
        services.update_doel(
            actor=gezinswerker,
            plan_doel_id=plan_doel.pk,
            expected_versie=loaded,
            data=services.DoelData(omschrijving="Van mij"),
        )
    assert conflict.value.details["huidig"]["omschrijving"] == "Van collega"
    plan_doel.refresh_from_db()
    assert plan_doel.omschrijving == "Van collega"


def test_optimistic_locking_on_a_section(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker)
    services.update_section(
        actor=gezinswerker,
        versie_id=versie.pk,
        section="visie",
        expected_versie=versie.versie,
        data={"visie_client": "Eerste"},
    )
    with pytest.raises(EditConflict) as conflict:
        services.update_section(
            actor=gezinswerker,
            versie_id=versie.pk,
            section="visie",
            expected_versie=versie.versie,
            data={"visie_client": "Tweede"},
        )
    assert "Eerste" in conflict.value.details["huidig"].values()


def test_an_agreement_needs_what_and_who(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker, afspraken=False)
    with pytest.raises(ValidationError) as refusal:
        services.add_afspraak(
            actor=gezinswerker, versie_id=versie.pk, data=services.AfspraakData(wat=" ", wie_soort="client")
        )
    assert set(refusal.value.message_dict) == {"wat", "wie_persoon"}
    with pytest.raises(ValidationError) as refusal:
        services.add_afspraak(
            actor=gezinswerker, versie_id=versie.pk, data=services.AfspraakData(wat="Bellen", wie_soort="partner")
        )
    assert set(refusal.value.message_dict) == {"wie_naam"}


def _proposal(traject, text="Ik wil leren fietsen."):
    client_user = ClientUserFactory()
    return DoelVoorstel.objects.create(
        plan=traject.gezinsplan,
        persoon=traject.huishouden.personen.first(),
        ingediend_door=client_user,
        omschrijving=text,
    )


def test_a_client_proposed_goal_enters_the_plan_only_when_the_worker_takes_it_over(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    first = vastgesteld_plan(traject, gezinswerker)
    voorstel = _proposal(traject)
    assert not first.doelen.filter(omschrijving=voorstel.omschrijving).exists()
    plan_doel = services.accept_voorstel(actor=gezinswerker, voorstel_id=voorstel.pk)
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.OVERGENOMEN
    assert plan_doel.versie.is_concept and plan_doel.versie.nummer == 2
    assert plan_doel.doel.herkomst == Herkomst.CLIENT
    assert list(plan_doel.eigenaren.all()) == [voorstel.persoon]
    assert Notification.objects.filter(recipient=voorstel.ingediend_door, title="Je doel staat in het plan").exists()
    with pytest.raises(TransitionNotAllowed, match="al behandeld"):
        services.accept_voorstel(actor=gezinswerker, voorstel_id=voorstel.pk)


def test_a_worker_can_discuss_a_proposal_without_taking_it_over(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    vastgesteld_plan(traject, gezinswerker)
    voorstel = _proposal(traject)
    with pytest.raises(ValidationError):
        services.discuss_voorstel(actor=gezinswerker, voorstel_id=voorstel.pk, reactie=" ")
    services.discuss_voorstel(
        actor=gezinswerker, voorstel_id=voorstel.pk, reactie="Laten we dit volgende week bespreken."
    )
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.doel) == (VoorstelStatus.BESPROKEN, None)
    assert Notification.objects.get(recipient=voorstel.ingediend_door).body == "Laten we dit volgende week bespreken."
