"""The Jeugdwet rules on who in a household reads what, proven on the timeline, the plan and documents."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.dossiers import services, timeline, toegang
from boks.dossiers.models import Toestemming
from tests.conftest import logged_in

from .helpers import TODAY, family

pytestmark = pytest.mark.django_db


def event_about(fam, persons, titel, **kwargs):
    return timeline.record_event(traject=fam.traject, soort="test.gebeurtenis", titel=titel, betreft=persons, **kwargs)


def timeline_of(user) -> str:
    return logged_in(user).get(reverse("portal:timeline")).content.decode()


@pytest.fixture
def fam(team, gezinswerker):
    return family(team, gezinswerker)


def test_a_parent_reads_about_a_child_of_fifteen_but_not_from_the_sixteenth_birthday(fam):
    scope_yesterday = fam.scope(fam.give_access(fam.moeder), today=TODAY - datetime.timedelta(days=1))
    scope_today = fam.scope(fam.moeder.portaaltoegangen.get().gebruiker)
    assert scope_yesterday.may_read_about(fam.jongere.pk)
    assert not scope_today.may_read_about(fam.jongere.pk)


def test_consent_restores_the_parents_access_and_withdrawing_ends_it(fam):
    mother = fam.give_access(fam.moeder)
    lotte = fam.give_access(fam.jongere)
    event_about(fam, [fam.jongere], "Gesprek met Lotte over school")
    assert "Gesprek met Lotte over school" in timeline_of(lotte)
    assert "Gesprek met Lotte over school" not in timeline_of(mother)
    logged_in(lotte).post(reverse("portal:privacy"), {"toestemming": "ja"})
    assert "Gesprek met Lotte over school" in timeline_of(mother)
    logged_in(lotte).post(reverse("portal:privacy"), {"toestemming": "nee"})
    assert "Gesprek met Lotte over school" not in timeline_of(mother)
    assert list(Toestemming.objects.filter(jeugdige=fam.jongere).values_list("gegeven", flat=True)) == [False, True]


def test_a_child_under_sixteen_cannot_decide_on_consent(fam):
    sem = fam.give_access(fam.kind)
    assert logged_in(sem).post(reverse("portal:privacy"), {"toestemming": "nee"}).status_code == 403
    assert not Toestemming.objects.exists()


def test_parents_with_gezag_and_the_child_read_about_a_child_of_fourteen_others_do_not(fam):
    mother, sem, lotte = fam.give_access(fam.moeder), fam.give_access(fam.kind), fam.give_access(fam.jongere)
    event_about(fam, [fam.kind], "Sem is weer naar school")
    assert "Sem is weer naar school" in timeline_of(mother)
    assert "Sem is weer naar school" in timeline_of(sem)
    assert "Sem is weer naar school" not in timeline_of(lotte)
    fam.moeder.gezag = False
    fam.moeder.save()
    assert "Sem is weer naar school" not in timeline_of(mother)


def test_what_is_about_an_adult_is_theirs_alone(fam):
    mother, jan = fam.give_access(fam.moeder), fam.give_access(fam.vader)
    event_about(fam, [fam.vader], "Gesprek met Jan over zijn schulden")
    assert "Gesprek met Jan over zijn schulden" in timeline_of(jan)
    assert "Gesprek met Jan over zijn schulden" not in timeline_of(mother)


def test_what_is_about_nobody_in_particular_is_for_the_whole_household(fam):
    mother, sem = fam.give_access(fam.moeder), fam.give_access(fam.kind)
    event_about(fam, [], "Kennismakingsgesprek gehouden")
    assert "Kennismakingsgesprek gehouden" in timeline_of(mother)
    assert "Kennismakingsgesprek gehouden" in timeline_of(sem)


def test_staff_only_items_never_reach_the_portal(fam, gezinswerker):
    mother = fam.give_access(fam.moeder)
    event_about(fam, [], "Interne afweging", zichtbaar_voor_client=False)
    services.write_contactmoment(
        actor=gezinswerker,
        traject=fam.traject,
        data=services.ContactmomentData(
            plaatsgevonden_op=timezone.now(),
            soort="consult",
            tekst="Consult met de jeugdarts",
            zichtbaar_voor_client=False,
            reden_niet_zichtbaar="gegevens_derden",
        ),
    )
    html = timeline_of(mother)
    assert "Interne afweging" not in html
    assert "Consult met de jeugdarts" not in html


def test_a_withheld_journal_entry_stays_hidden_from_that_parent_only(fam, gezinswerker):
    mother, jan = fam.give_access(fam.moeder), fam.give_access(fam.vader)
    entry = services.write_contactmoment(
        actor=gezinswerker,
        traject=fam.traject,
        data=services.ContactmomentData(
            plaatsgevonden_op=timezone.now(),
            soort="gesprek",
            tekst="Sem vertelt over de ruzies thuis",
            betreft=[fam.kind],
        ),
    )
    response = logged_in(gezinswerker).post(
        reverse("dossiers:contactmoment_afschermen", args=[entry.pk]),
        {"persoon": fam.vader.pk, "reden": "Inzage brengt Sem in gevaar."},
    )
    assert response.status_code == 302
    assert "Sem vertelt over de ruzies thuis" in timeline_of(mother)
    assert "Sem vertelt over de ruzies thuis" not in timeline_of(jan)
    afscherming = entry_withholding(entry)
    toegang.lift_withholding(actor=gezinswerker, traject=fam.traject, afscherming_id=afscherming.pk)
    assert "Sem vertelt over de ruzies thuis" in timeline_of(jan)


def entry_withholding(entry):
    from boks.dossiers.models import Afscherming

    return Afscherming.objects.get(item_id=entry.pk, opgeheven_op__isnull=True)


def test_the_goals_of_the_plan_follow_the_same_rules(fam, gezinswerker):
    from boks.gezinsplan import services as plan_services
    from tests.gezinsplan.helpers import TODAY as PLAN_TODAY

    fam.traject.status = "plan"
    fam.traject.begeleiding_gestart_op = PLAN_TODAY - datetime.timedelta(days=10)
    fam.traject.kennismaking_op = PLAN_TODAY - datetime.timedelta(days=12)
    fam.traject.save()
    versie = plan_services.start_plan(actor=gezinswerker, traject=fam.traject)
    for text, owners in [
        ("Rust in huis", []),
        ("Lotte haalt haar diploma", [fam.jongere]),
        ("Jan vindt werk", [fam.vader]),
    ]:
        plan_services.add_doel(
            actor=gezinswerker, versie_id=versie.pk, data=plan_services.DoelData(omschrijving=text, eigenaren=owners)
        )
    plan_services.vaststellen(
        actor=gezinswerker,
        versie_id=versie.pk,
        expected_gewijzigd_op=None,
        instemming_van=fam.moeder,
        instemming_op=PLAN_TODAY,
        instemming_wijze="gesprek",
    )
    mother = fam.give_access(fam.moeder)
    lotte = fam.give_access(fam.jongere)
    mothers_plan = logged_in(mother).get(reverse("portal:plan")).content.decode()
    lottes_plan = logged_in(lotte).get(reverse("portal:plan")).content.decode()
    assert "Rust in huis" in mothers_plan and "Rust in huis" in lottes_plan
    assert "Lotte haalt haar diploma" in lottes_plan and "Lotte haalt haar diploma" not in mothers_plan
    assert "Jan vindt werk" not in mothers_plan and "Jan vindt werk" not in lottes_plan
