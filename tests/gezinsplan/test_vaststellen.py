import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from boks.dossiers import workflow
from boks.dossiers.choices import Status
from boks.dossiers.errors import EditConflict, TransitionNotAllowed
from boks.dossiers.models import TijdlijnGebeurtenis
from boks.gezinsplan import services
from boks.gezinsplan.choices import InstemmingWijze, VersieStatus
from tests.factories import PersoonFactory

from .helpers import TODAY, concept_with_goals, traject_in_plan

pytestmark = pytest.mark.django_db


def agree(versie, actor, **overrides):
    arguments = {
        "actor": actor,
        "versie_id": versie.pk,
        "expected_gewijzigd_op": None,
        "instemming_van": versie.plan.traject.huishouden.personen.first(),
        "instemming_op": TODAY,
        "instemming_wijze": InstemmingWijze.GESPREK,
        **overrides,
    }
    return services.vaststellen(**arguments)


def test_the_first_agreed_version_moves_the_traject_to_uitvoering(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = agree(concept_with_goals(traject, gezinswerker), gezinswerker)
    traject.refresh_from_db()
    assert traject.status == Status.UITVOERING
    assert traject.uitvoering_gestart_op == TODAY
    assert versie.status == VersieStatus.VASTGESTELD
    assert (versie.instemming_op, versie.instemming_wijze, versie.vastgesteld_door) == (
        TODAY,
        InstemmingWijze.GESPREK,
        gezinswerker,
    )
    assert versie.plan.volgende_evaluatie_op == TODAY + datetime.timedelta(days=0) + _three_months(TODAY)
    soorten = set(TijdlijnGebeurtenis.objects.filter(traject=traject).values_list("soort", flat=True))
    assert {"gezinsplan.vastgesteld", "gezinsplan.doel_toegevoegd", "dossiers.uitvoering_starten"} <= soorten


def _three_months(day):
    from dateutil.relativedelta import relativedelta

    return (day + relativedelta(months=3)) - day


def test_a_plan_without_goals_cannot_be_agreed(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = services.start_plan(actor=gezinswerker, traject=traject)
    with pytest.raises(ValidationError, match="zonder doelen"):
        agree(versie, gezinswerker)
    traject.refresh_from_db()
    assert traject.status == Status.PLAN


def test_agreement_needs_a_household_member_a_date_and_a_way(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = concept_with_goals(traject, gezinswerker)
    stranger = PersoonFactory()
    with pytest.raises(ValidationError) as refusal:
        agree(
            versie,
            gezinswerker,
            instemming_van=stranger,
            instemming_op=TODAY + datetime.timedelta(days=1),
            instemming_wijze="telepathie",
        )
    assert set(refusal.value.message_dict) == {"instemming_van", "instemming_op", "instemming_wijze"}
    with pytest.raises(ValidationError, match="vóór de start van de begeleiding"):
        agree(versie, gezinswerker, instemming_op=traject.begeleiding_gestart_op - datetime.timedelta(days=1))


def test_the_uitvoering_cannot_start_without_an_agreed_plan(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    concept_with_goals(traject, gezinswerker)
    with pytest.raises(TransitionNotAllowed, match="Stel eerst het plan vast"):
        workflow.perform(traject_id=traject.pk, name="uitvoering_starten", actor=gezinswerker, datum=TODAY)


def test_a_concept_changed_since_the_page_was_loaded_is_not_agreed(team, gezinswerker, colleague):
    traject = traject_in_plan(team, gezinswerker)
    traject.betrokkenen.add(colleague)
    versie = concept_with_goals(traject, gezinswerker)
    loaded_at = versie.gewijzigd_op
    services.add_doel(actor=colleague, versie_id=versie.pk, data=services.DoelData(omschrijving="Er nog bij"))
    with pytest.raises(EditConflict, match="intussen gewijzigd"):
        agree(versie, gezinswerker, expected_gewijzigd_op=loaded_at)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT


def test_a_later_version_keeps_the_traject_in_uitvoering_and_the_evaluation_date(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    first = agree(concept_with_goals(traject, gezinswerker), gezinswerker)
    due = first.plan.volgende_evaluatie_op
    second = services.new_version(actor=gezinswerker, plan=first.plan)
    agree(second, gezinswerker, instemming_wijze=InstemmingWijze.SCHRIFTELIJK)
    traject.refresh_from_db()
    first.plan.refresh_from_db()
    assert traject.status == Status.UITVOERING
    assert first.plan.volgende_evaluatie_op == due
    assert TijdlijnGebeurtenis.objects.filter(traject=traject, soort="dossiers.uitvoering_starten").count() == 1


def test_someone_outside_the_traject_cannot_agree_it(team, gezinswerker, colleague, outsider):
    from django.core.exceptions import PermissionDenied

    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker)
    for person in (colleague, outsider):
        with pytest.raises(PermissionDenied):
            agree(versie, person)


def test_a_closed_traject_has_a_read_only_plan(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = concept_with_goals(traject, gezinswerker)
    traject.status = Status.AFGESLOTEN
    traject.afsluitreden = "volgens_plan"
    traject.afgesloten_op = timezone.localdate()
    traject.save()
    with pytest.raises(TransitionNotAllowed, match="afgesloten"):
        agree(versie, gezinswerker)
