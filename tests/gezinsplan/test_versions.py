import pytest
from django.core.exceptions import ValidationError

from boks.dossiers.choices import Status
from boks.dossiers.errors import TransitionNotAllowed
from boks.dossiers.models import TijdlijnGebeurtenis
from boks.gezinsplan import diff, selectors, services
from boks.gezinsplan.choices import DoelStatus, InstemmingWijze, VersieStatus
from boks.gezinsplan.errors import VersieVastgesteld
from boks.gezinsplan.models import PlanSjabloon

from .helpers import TODAY, concept_with_goals, traject_in_plan, vastgesteld_plan

pytestmark = pytest.mark.django_db


def test_a_plan_starts_as_a_concept_from_the_aanmeldvraag(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker, aanmeldvraag="Mijn dochter gaat niet naar school.")
    versie = services.start_plan(actor=gezinswerker, traject=traject)
    assert (versie.nummer, versie.status) == (1, VersieStatus.CONCEPT)
    assert versie.vraagverheldering == "Mijn dochter gaat niet naar school."
    assert versie.sjabloon_versie.sjabloon == PlanSjabloon.objects.get(organisatie=team.organisatie, standaard=True)
    assert TijdlijnGebeurtenis.objects.filter(traject=traject, soort="gezinsplan.versie_gemaakt").exists()


@pytest.mark.parametrize("status", [Status.AANGEMELD, Status.KENNISMAKING, Status.WACHTEND])
def test_a_plan_waits_for_the_begeleiding_to_start(team, gezinswerker, status):
    traject = traject_in_plan(team, gezinswerker, status=status)
    with pytest.raises(TransitionNotAllowed, match="Begeleiding starten"):
        services.start_plan(actor=gezinswerker, traject=traject)


def test_a_traject_has_one_plan(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    services.start_plan(actor=gezinswerker, traject=traject)
    with pytest.raises(TransitionNotAllowed, match="al een gezinsplan"):
        services.start_plan(actor=gezinswerker, traject=traject)


def test_a_new_version_starts_as_a_copy_of_the_agreed_one(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    first = vastgesteld_plan(traject, gezinswerker, goals=("Doel een", "Doel twee"))
    services.add_netwerklid(
        actor=gezinswerker,
        versie_id=services.new_version(actor=gezinswerker, plan=first.plan).pk,
        naam="Oma",
        relatie="oma",
    )
    second = selectors.concept_of(first.plan)
    assert second.nummer == 2
    assert [d.omschrijving for d in second.doelen.order_by("prioriteit")] == ["Doel een", "Doel twee"]
    assert {d.doel_id for d in second.doelen.all()} == {d.doel_id for d in first.doelen.all()}
    assert second.afspraken.count() == first.afspraken.count()
    assert list(second.doelen.first().eigenaren.all()) == list(first.doelen.first().eigenaren.all())


def test_only_one_concept_at_a_time(team, gezinswerker):
    plan = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).plan
    services.new_version(actor=gezinswerker, plan=plan)
    with pytest.raises(TransitionNotAllowed, match="al een conceptversie"):
        services.new_version(actor=gezinswerker, plan=plan)


def test_a_vastgestelde_version_cannot_be_edited(team, gezinswerker):
    versie = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    with pytest.raises(VersieVastgesteld, match="nieuwe versie"):
        services.update_section(
            actor=gezinswerker,
            versie_id=versie.pk,
            section="vraagverheldering",
            expected_versie=versie.versie,
            data={"vraagverheldering": "Stiekem anders"},
        )
    with pytest.raises(VersieVastgesteld):
        services.add_doel(actor=gezinswerker, versie_id=versie.pk, data=services.DoelData(omschrijving="Nieuw"))
    plan_doel = versie.doelen.first()
    with pytest.raises(VersieVastgesteld):
        services.update_doel(
            actor=gezinswerker,
            plan_doel_id=plan_doel.pk,
            expected_versie=plan_doel.versie_teller,
            data=services.DoelData(omschrijving="Anders"),
        )
    versie.refresh_from_db()
    assert versie.vraagverheldering != "Stiekem anders"


def test_the_comparison_shows_what_changed_per_section(team, gezinswerker):
    first = vastgesteld_plan(
        traject_in_plan(team, gezinswerker), gezinswerker, goals=("Elke ochtend op tijd naar school.", "Minder ruzie")
    )
    second = services.new_version(actor=gezinswerker, plan=first.plan)
    kept, dropped = list(second.doelen.order_by("prioriteit"))
    services.update_doel(
        actor=gezinswerker,
        plan_doel_id=kept.pk,
        expected_versie=kept.versie_teller,
        data=services.DoelData(
            omschrijving="Elke ochtend op tijd naar school, ook op maandag.", leefgebied="onderwijs"
        ),
    )
    services.remove_doel(actor=gezinswerker, plan_doel_id=dropped.pk, expected_versie=dropped.versie_teller)
    services.add_doel(actor=gezinswerker, versie_id=second.pk, data=services.DoelData(omschrijving="Samen eten"))
    sections = {
        section.title: section
        for section in diff.compare(
            selectors.versie_for(gezinswerker, first.pk), selectors.versie_for(gezinswerker, second.pk)
        )
    }
    goals = {(row.kind, row.title) for row in sections["Doelen"].rows}
    assert ("toegevoegd", "Samen eten") in goals
    assert ("verwijderd", "Minder ruzie") in goals
    changed = next(row for row in sections["Doelen"].rows if row.kind == "gewijzigd")
    wording = next(field for field in changed.fields if field.label == "Doel")
    assert [(kind, text.strip()) for kind, text in wording.parts] == [
        ("same", "Elke ochtend op tijd naar"),
        ("removed", "school."),
        ("added", "school, ook op maandag."),
    ]
    assert not sections["Netwerk"].changed


def test_a_goal_left_out_of_the_new_version_is_vervallen_once_it_is_agreed(team, gezinswerker):
    first = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker, goals=("Blijft", "Gaat weg"))
    second = services.new_version(actor=gezinswerker, plan=first.plan)
    leaving = second.doelen.get(omschrijving="Gaat weg")
    services.remove_doel(actor=gezinswerker, plan_doel_id=leaving.pk, expected_versie=leaving.versie_teller)
    assert leaving.doel.status == DoelStatus.ACTIEF
    services.vaststellen(
        actor=gezinswerker,
        versie_id=second.pk,
        expected_gewijzigd_op=None,
        instemming_van=first.instemming_van,
        instemming_op=TODAY,
        instemming_wijze=InstemmingWijze.PORTAAL,
    )
    leaving.doel.refresh_from_db()
    first.refresh_from_db()
    assert leaving.doel.status == DoelStatus.VERVALLEN
    assert first.status == VersieStatus.VERVANGEN
    assert TijdlijnGebeurtenis.objects.filter(soort="gezinsplan.doel_vervallen").count() == 1


def test_sections_are_validated(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker)
    with pytest.raises(ValidationError) as refusal:
        services.update_section(
            actor=gezinswerker,
            versie_id=versie.pk,
            section="regie",
            expected_versie=versie.versie,
            data={"regie_bij": "extern", "regie_naam": "", "regie_organisatie": ""},
        )
    assert set(refusal.value.message_dict) == {"regie_naam", "regie_organisatie"}
    with pytest.raises(ValidationError) as refusal:
        services.update_section(
            actor=gezinswerker,
            versie_id=versie.pk,
            section="veiligheid",
            expected_versie=versie.versie,
            data={"veiligheid_oordeel": "zorgen", "veiligheid_toelichting": "", "veiligheid_antwoorden": {}},
        )
    assert "veiligheid_toelichting" in refusal.value.message_dict


def test_a_template_change_makes_a_new_template_version_and_old_plans_keep_theirs(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = services.start_plan(actor=gezinswerker, traject=traject)
    sjabloon = versie.sjabloon_versie.sjabloon
    sjabloon.toelichting_doelen = "Hoogstens drie doelen."
    beheerder = _beheerder(team)
    services.save_sjabloon(actor=beheerder, sjabloon=sjabloon)
    assert sjabloon.versies.count() == 2
    versie.refresh_from_db()
    assert versie.sjabloon_versie.nummer == 1
    other = services.start_plan(actor=gezinswerker, traject=traject_in_plan(team, gezinswerker))
    assert other.sjabloon_versie.toelichting("doelen") == "Hoogstens drie doelen."


def _beheerder(team):
    from boks.accounts.choices import TeamRole
    from tests.factories import MembershipFactory

    return MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER).user


def test_the_plan_of_another_organisation_cannot_use_this_template(team, gezinswerker, outsider):
    other_template = services.standaard_sjabloon(outsider.memberships.get().team.organisatie)
    traject = traject_in_plan(team, gezinswerker)
    with pytest.raises(ValidationError):
        services.start_plan(actor=gezinswerker, traject=traject, sjabloon=other_template)
    assert not hasattr(traject, "gezinsplan")
