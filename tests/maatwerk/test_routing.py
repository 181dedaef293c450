"""Who assesses what: the team's manager by default, a beoordelingsgroep or the team's contactpersonen
when the organisation routes a type there, vervangers for a period, and never the maker (four eyes)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from boks.accounts import authorization
from boks.accounts.choices import TeamRole
from boks.maatwerk import selectors, services, statusflow
from boks.maatwerk.choices import AanvraagStatus, Routering
from boks.maatwerk.errors import StapNietMogelijk
from boks.maatwerk.models import Aanvraag
from tests.factories import MembershipFactory, TeamFactory, UserFactory

from .factories import (
    TODAY,
    AanvraagSoortFactory,
    BeoordelingsgroepFactory,
    ContactpersoonFactory,
    VervangingFactory,
    aanvraag,
    pgb_soort,
    traject_met_plan,
)

pytestmark = pytest.mark.django_db


def member(team, role=TeamRole.GEZINSWERKER):
    return MembershipFactory(team=team, user=UserFactory(), role=role).user


def submitted(team, worker, soort=None):
    return aanvraag(traject_met_plan(team, worker), worker, soort, stappen=("indienen",))


def test_by_default_the_teams_manager_assesses(team, gezinswerker, manager):
    made = submitted(team, gezinswerker)
    assert made.routering == Routering.TEAMMANAGER
    assert authorization.can_assess_aanvraag(manager, made)
    assert authorization.beoordelaars_voor([made]) == {made.pk: [manager]}
    other_manager = member(TeamFactory(organisatie=team.organisatie), TeamRole.TEAMMANAGER)
    assert not authorization.can_assess_aanvraag(other_manager, made)
    with pytest.raises(Http404):
        selectors.aanvraag_for(other_manager, made.pk)


def test_a_type_routed_to_a_beoordelingsgroep_goes_to_its_members_only(team, gezinswerker, manager):
    beoordelaar = member(TeamFactory(organisatie=team.organisatie), TeamRole.PGB_BEOORDELAAR)
    groep = BeoordelingsgroepFactory(organisatie=team.organisatie, leden=[beoordelaar])
    soort = pgb_soort(team.organisatie, routering=Routering.BEOORDELINGSGROEP, beoordelingsgroep=groep)
    made = submitted(team, gezinswerker, soort)
    assert made.beoordelingsgroep == groep
    assert authorization.can_assess_aanvraag(beoordelaar, made)
    assert not authorization.can_assess_aanvraag(manager, made)
    with pytest.raises(PermissionDenied, match="ze ligt bij Beoordelingsgroep"):
        statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=manager)
    # The group member has no access to the dossier, but sees the request routed to them and its plan.
    assert not authorization.can_view_traject(beoordelaar, made.traject)
    found = selectors.aanvraag_for(beoordelaar, made.pk)
    assert [view.plan_doel.omschrijving for view in selectors.plan_context(found).gekoppeld] == [
        "Elke ochtend op tijd naar school."
    ]
    assert (
        statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=beoordelaar).in_behandeling_door
        == beoordelaar
    )


def test_concepts_are_not_routed_to_anyone(team, gezinswerker, manager):
    beoordelaar = member(team, TeamRole.PGB_BEOORDELAAR)
    groep = BeoordelingsgroepFactory(organisatie=team.organisatie, leden=[beoordelaar])
    soort = pgb_soort(team.organisatie, routering=Routering.BEOORDELINGSGROEP, beoordelingsgroep=groep)
    concept = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, soort)
    with pytest.raises(Http404):
        selectors.aanvraag_for(beoordelaar, concept.pk)
    assert list(selectors.wachtrij(manager)) == []


def test_contactpersonen_assess_the_requests_of_their_team_during_their_period(team, gezinswerker, colleague, manager):
    soort = AanvraagSoortFactory(organisatie=team.organisatie, routering=Routering.CONTACTPERSONEN)
    ContactpersoonFactory(team=team, medewerker=colleague)
    former = member(team)
    ContactpersoonFactory(team=team, medewerker=former, tot=TODAY - datetime.timedelta(days=1))
    other_team = TeamFactory(organisatie=team.organisatie)
    elsewhere = member(other_team)
    ContactpersoonFactory(team=other_team, medewerker=elsewhere)
    made = submitted(team, gezinswerker, soort)
    assert authorization.can_assess_aanvraag(colleague, made)
    assert not authorization.can_assess_aanvraag(former, made)
    assert not authorization.can_assess_aanvraag(elsewhere, made)
    assert not authorization.can_assess_aanvraag(manager, made)
    assert authorization.beoordelaars_voor([made]) == {made.pk: [colleague]}


def test_the_routing_is_fixed_when_submitted(team, gezinswerker, manager):
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    made = submitted(team, gezinswerker, soort)
    beoordelaar = member(team, TeamRole.PGB_BEOORDELAAR)
    soort.routering = Routering.BEOORDELINGSGROEP
    soort.beoordelingsgroep = BeoordelingsgroepFactory(organisatie=team.organisatie, leden=[beoordelaar])
    soort.save()
    made.refresh_from_db()
    assert authorization.can_assess_aanvraag(manager, made)
    assert not authorization.can_assess_aanvraag(beoordelaar, made)


def test_four_eyes_even_a_manager_does_not_decide_their_own_request(team, manager):
    traject = traject_met_plan(team, manager)
    concept = aanvraag(traject, manager)
    # The team's only manager made it: nobody could assess it, so it stays a concept.
    with pytest.raises(StapNietMogelijk, match="Niemand kan deze aanvraag nu beoordelen"):
        statusflow.perform(aanvraag_id=concept.pk, stap="indienen", actor=manager)
    assert Aanvraag.objects.get(pk=concept.pk).status == AanvraagStatus.CONCEPT
    second = member(team, TeamRole.TEAMMANAGER)
    made = statusflow.perform(aanvraag_id=concept.pk, stap="indienen", actor=manager)
    assert not authorization.can_assess_aanvraag(manager, made)
    with pytest.raises(PermissionDenied, match="vier ogen"):
        statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=manager)
    assert authorization.beoordelaars_voor([made]) == {made.pk: [second]}
    statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=second)
    assert statusflow.perform(aanvraag_id=made.pk, stap="toekennen", actor=second, reden="Akkoord.").status == (
        AanvraagStatus.TOEGEKEND
    )


def test_who_submitted_a_request_does_not_decide_it_either(team, gezinswerker, manager):
    second = member(team, TeamRole.TEAMMANAGER)
    traject = traject_met_plan(team, gezinswerker)
    concept = aanvraag(traject, gezinswerker)
    statusflow.perform(aanvraag_id=concept.pk, stap="indienen", actor=manager)
    made = selectors.aanvraag_for(manager, concept.pk)
    assert made.ingediend_door == manager
    assert not authorization.can_assess_aanvraag(manager, made)
    assert authorization.can_assess_aanvraag(second, made)


def test_a_vervanger_assesses_in_the_managers_place_for_the_period_only(team, gezinswerker, manager):
    made = submitted(team, gezinswerker)
    vervanger = member(TeamFactory(organisatie=team.organisatie))
    assert not authorization.can_assess_aanvraag(vervanger, made)
    with pytest.raises(Http404):
        selectors.aanvraag_for(vervanger, made.pk)
    vervanging = services.name_vervanger(
        actor=manager, vervanger=vervanger, van=TODAY, tot=TODAY + datetime.timedelta(days=14)
    )
    assert authorization.can_assess_aanvraag(vervanger, made)
    assert authorization.can_assess_aanvraag(manager, made)
    assert [user.pk for user in authorization.beoordelaars_voor([made])[made.pk]] == sorted([manager.pk, vervanger.pk])
    assert list(selectors.wachtrij(vervanger)) == [made]
    services.end_vervanging(actor=manager, vervanging_id=vervanging.pk)
    assert not authorization.can_assess_aanvraag(vervanger, made)


def test_a_vervanging_in_the_future_or_past_gives_no_scope(team, gezinswerker, manager):
    made = submitted(team, gezinswerker)
    later = member(team)
    earlier = member(team)
    VervangingFactory(afwezige=manager, vervanger=later, van=TODAY + datetime.timedelta(days=3))
    VervangingFactory(
        afwezige=manager,
        vervanger=earlier,
        van=TODAY - datetime.timedelta(days=20),
        tot=TODAY - datetime.timedelta(days=1),
    )
    assert not authorization.can_assess_aanvraag(later, made)
    assert not authorization.can_assess_aanvraag(earlier, made)


def test_a_request_nobody_could_assess_is_not_submitted(team, gezinswerker):
    soort = AanvraagSoortFactory(organisatie=team.organisatie, routering=Routering.CONTACTPERSONEN)
    concept = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, soort)
    with pytest.raises(StapNietMogelijk, match="de contactpersonen maatwerk van het team"):
        statusflow.perform(aanvraag_id=concept.pk, stap="indienen", actor=gezinswerker)
    assert Aanvraag.objects.get(pk=concept.pk).status == AanvraagStatus.CONCEPT


def test_a_vervanger_does_not_decide_their_own_request_either(team, gezinswerker, colleague, manager):
    VervangingFactory(afwezige=manager, vervanger=gezinswerker)
    made = submitted(team, gezinswerker)
    assert not authorization.can_assess_aanvraag(gezinswerker, made)
    with pytest.raises(PermissionDenied, match="vier ogen"):
        statusflow.perform(aanvraag_id=made.pk, stap="in_behandeling_nemen", actor=gezinswerker)


def test_naming_a_vervanger_checks_who_and_when(team, gezinswerker, manager, outsider):
    with pytest.raises(PermissionDenied, match="Alleen wie aanvragen beoordeelt"):
        services.name_vervanger(actor=gezinswerker, vervanger=manager, van=TODAY, tot=TODAY)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.name_vervanger(actor=manager, vervanger=outsider, van=TODAY, tot=TODAY - datetime.timedelta(days=1))
    assert refused.value.message_dict == {
        "vervanger": ["Kies een collega van je eigen organisatie."],
        "tot": ["De einddatum ligt vóór de begindatum."],
    }
    with pytest.raises(ValidationError, match="al voorbij"):
        services.name_vervanger(
            actor=manager,
            vervanger=gezinswerker,
            van=TODAY - datetime.timedelta(days=9),
            tot=TODAY - datetime.timedelta(days=2),
        )
    with pytest.raises(ValidationError, match="Kies een collega"):
        services.name_vervanger(actor=manager, vervanger=manager, van=TODAY, tot=TODAY)


def test_readers_of_the_dossier_see_requests_but_cannot_assess(team, gezinswerker, colleague, manager, outsider):
    made = submitted(team, gezinswerker)
    kwaliteit = member(team, TeamRole.KWALITEITSMEDEWERKER)
    for reader in (colleague, kwaliteit):
        assert selectors.aanvraag_for(reader, made.pk) == made
        assert not authorization.can_assess_aanvraag(reader, made)
    with pytest.raises(Http404):
        selectors.aanvraag_for(outsider, made.pk)


def test_the_menu_shows_for_dossier_readers_and_assessors_not_for_beheer(team, gezinswerker, manager):
    beheerder = member(team, TeamRole.FUNCTIONEEL_BEHEERDER)
    assert authorization.sees_aanvragen_menu(gezinswerker)
    assert authorization.sees_aanvragen_menu(manager)
    assert not authorization.sees_aanvragen_menu(beheerder)
    BeoordelingsgroepFactory(organisatie=team.organisatie, leden=[beheerder])
    assert authorization.sees_aanvragen_menu(beheerder)


def test_the_recipients_of_many_requests_take_a_fixed_number_of_queries(
    team, gezinswerker, manager, django_assert_max_num_queries
):
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    few = [submitted(team, gezinswerker, soort)]
    with django_assert_max_num_queries(10) as one:
        authorization.beoordelaars_voor(few)
    many = few + [submitted(team, gezinswerker, soort) for _ in range(5)]
    with django_assert_max_num_queries(len(one.captured_queries)):
        result = authorization.beoordelaars_voor(many)
    assert all(users == [manager] for users in result.values())


def test_the_database_refuses_a_besluit_by_its_maker_too(team, gezinswerker, manager):
    from django.db import IntegrityError, transaction

    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen", "toekennen"),
        beoordelaar=manager,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Aanvraag.objects.filter(pk=made.pk).update(besluit_door=gezinswerker)
    assert Aanvraag.objects.get(pk=made.pk).besluit_door == manager


def test_only_who_is_replaced_ends_the_vervanging(team, gezinswerker, manager):
    vervanging = VervangingFactory(afwezige=manager, vervanger=gezinswerker)
    with pytest.raises(PermissionDenied, match="Alleen wie vervangen wordt"):
        services.end_vervanging(actor=gezinswerker, vervanging_id=vervanging.pk)
    assert services.end_vervanging(actor=manager, vervanging_id=vervanging.pk).beeindigd_op is not None
