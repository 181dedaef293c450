import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.dossiers import workflow
from boks.dossiers.choices import ContactSoort, Status
from boks.dossiers.models import Traject
from boks.wattelt import schedule, selectors
from tests.conftest import logged_in
from tests.factories import PersoonFactory, TrajectFactory

from .factories import gesprek, open_traject, registreer

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days_ago(days: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=days)


def due(traject) -> datetime.date | None:
    return schedule.annotate(Traject.objects.filter(pk=traject.pk)).get().wattelt_vervaldatum


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        (datetime.date(2026, 5, 31), -3, datetime.date(2026, 2, 28)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert schedule.add_months(day, months) == expected


def test_before_the_kennismaking_no_round_is_due(team, gezinswerker):
    traject = TrajectFactory(team=team, regisseur=gezinswerker)
    assert due(traject) is None


def test_the_first_round_is_due_on_the_day_of_the_third_conversation_after_the_kennismaking(team, gezinswerker):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=40)
    gesprek(traject, days_ago(30))
    gesprek(traject, days_ago(20), soort=ContactSoort.HUISBEZOEK)
    assert due(traject) is None
    gesprek(traject, days_ago(10), soort=ContactSoort.TELEFONISCH)
    gesprek(traject, days_ago(5))
    assert due(traject) == days_ago(10)


def test_only_conversations_with_the_client_after_the_kennismaking_day_count(team, gezinswerker):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=40)
    gesprek(traject, days_ago(40))  # the kennismaking itself
    gesprek(traject, days_ago(35), soort=ContactSoort.CASUISTIEKOVERLEG)
    gesprek(traject, days_ago(34), soort=ContactSoort.DIGITAAL)
    first = gesprek(traject, days_ago(30))
    gesprek(traject, days_ago(29), corrigeert=first)
    gesprek(traject, days_ago(20))
    assert due(traject) is None
    gesprek(traject, days_ago(12))
    assert due(traject) == days_ago(12)


def test_after_a_round_the_next_is_due_three_months_later(team, gezinswerker):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=90)
    registreer(traject, datum=days_ago(50))
    assert due(traject) == schedule.add_months(days_ago(50), 3)


def test_the_months_between_rounds_follow_the_organisation(team, gezinswerker):
    instellingen = selectors.instellingen_voor(team.organisatie_id)
    instellingen.interval_maanden = 2
    instellingen.save()
    traject = open_traject(team, gezinswerker)
    registreer(traject, datum=days_ago(10))
    assert due(traject) == schedule.add_months(days_ago(10), 2)


def test_a_household_member_who_joins_the_round_later_does_not_postpone_it(team, gezinswerker):
    traject = open_traject(team, gezinswerker)
    partner = PersoonFactory(huishouden=traject.huishouden)
    registreer(traject, datum=days_ago(20))
    joined = registreer(traject, datum=days_ago(12), persoon=partner)
    assert joined.ronde == 1
    assert due(traject) == schedule.add_months(days_ago(20), 3)


def test_a_closed_traject_has_no_round_due_until_it_is_reopened(team, gezinswerker):
    traject = open_traject(team, gezinswerker)
    registreer(traject, datum=days_ago(10))
    workflow.perform(
        traject_id=traject.pk,
        name="afsluiten",
        actor=gezinswerker,
        datum=TODAY(),
        afsluitreden="volgens_plan",
        zelfstandig_verder="ja",
    )
    assert due(traject) is None
    workflow.perform(traject_id=traject.pk, name="heropenen", actor=gezinswerker, datum=None, reden="Terug")
    assert due(traject) == schedule.add_months(days_ago(10), 3)


def test_the_caseload_and_the_traject_page_show_the_next_round(team, gezinswerker):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=120)
    registreer(traject, datum=days_ago(100))
    client = logged_in(gezinswerker)
    expected = f"Wat Telt: {schedule.add_months(days_ago(100), 3).day} "
    caseload = client.get(reverse("dossiers:caseload")).content.decode()
    assert expected in caseload
    assert 'warning">te laat' in caseload
    assert expected in client.get(reverse("dossiers:traject", args=[traject.pk])).content.decode()


def test_the_caseload_filter_on_late_actions_finds_a_late_round(team, gezinswerker):
    late = open_traject(team, gezinswerker, kennismaking_dagen_geleden=120)
    registreer(late, datum=days_ago(100))
    on_time = open_traject(team, gezinswerker)
    registreer(on_time, datum=days_ago(10))
    html = logged_in(gezinswerker).get(reverse("dossiers:caseload"), {"termijn_verlopen": "on"}).content.decode()
    assert late.dossiernummer in html
    assert on_time.dossiernummer not in html


def test_a_traject_in_aanmelding_shows_no_wat_telt_round(team, gezinswerker):
    TrajectFactory(team=team, regisseur=gezinswerker, status=Status.AANGEMELD)
    assert "Wat Telt:" not in logged_in(gezinswerker).get(reverse("dossiers:caseload")).content.decode()
