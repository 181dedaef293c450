import datetime

import pytest
from django.utils import timezone

from boks.wattelt import figures, selectors
from tests.factories import PersoonFactory, TeamFactory

from .factories import open_traject, registreer

pytestmark = pytest.mark.django_db

YEAR = (datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_metingen_are_counted_per_team_and_period_digital_and_paper(team, gezinswerker):
    other_team = TeamFactory(organisatie=team.organisatie, naam="Zuilen")
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=400)
    partner = PersoonFactory(huishouden=traject.huishouden)
    registreer(traject, datum=datetime.date(2026, 1, 10))
    registreer(traject, datum=datetime.date(2026, 1, 12), persoon=partner, variant="papier")
    registreer(traject, datum=datetime.date(2026, 4, 20), variant="papier")
    rows = figures.metingen_per_team(
        team_ids=[team.pk, other_team.pk], van=datetime.date(2026, 1, 1), tot=datetime.date(2026, 6, 30)
    )
    assert [(row["team"], row["periode"], row["totaal"], row["digitaal"], row["papier"]) for row in rows] == [
        (team.naam, datetime.date(2026, 1, 1), 2, 1, 1),
        (team.naam, datetime.date(2026, 4, 1), 1, 0, 1),
    ]
    by_quarter = figures.metingen_per_team(team_ids=[team.pk], van=YEAR[0], tot=YEAR[1], periode="kwartaal")
    assert [(row["periode"], row["totaal"]) for row in by_quarter] == [
        (datetime.date(2026, 1, 1), 2),
        (datetime.date(2026, 4, 1), 1),
    ]


def test_the_average_change_runs_from_each_clients_first_to_latest_round(team, gezinswerker):
    first = open_traject(team, gezinswerker, kennismaking_dagen_geleden=400)
    second = open_traject(team, gezinswerker, kennismaking_dagen_geleden=400)
    registreer(first, datum=days_ago(300), klant={"wonen": 3, "financien": 4})
    registreer(first, datum=days_ago(200), klant={"wonen": 9, "financien": 4})
    registreer(first, datum=days_ago(100), klant={"wonen": 6, "financien": 2})
    registreer(second, datum=days_ago(300), klant={"wonen": 5})
    registreer(second, datum=days_ago(100), klant={"wonen": 6})
    once = open_traject(team, gezinswerker, kennismaking_dagen_geleden=400)
    registreer(once, datum=days_ago(50), klant={"wonen": 1})
    assert figures.gemiddelde_verandering(team_ids=[team.pk], van=YEAR[0], tot=YEAR[1]) == [
        {"leefgebied": "financien", "naam": "Financiën en schulden", "clienten": 1, "gemiddelde_verandering": -2.0},
        {"leefgebied": "wonen", "naam": "Wonen", "clienten": 2, "gemiddelde_verandering": 2.0},
    ]


def test_changes_on_another_scale_are_expressed_on_the_default_scale(team, gezinswerker):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=400)
    registreer(traject, datum=days_ago(300), klant={"wonen": 1})
    instellingen = selectors.instellingen_voor(team.organisatie_id)
    instellingen.schaal_min, instellingen.schaal_max = 0, 4
    instellingen.save()
    registreer(traject, datum=days_ago(100), klant={"wonen": 2})  # halfway up the scale
    [row] = figures.gemiddelde_verandering(team_ids=[team.pk], van=YEAR[0], tot=YEAR[1])
    assert row["gemiddelde_verandering"] == 4.5


def test_only_the_given_teams_and_period_count(team, gezinswerker, outsider):
    traject = open_traject(team, gezinswerker, kennismaking_dagen_geleden=400)
    registreer(traject, datum=days_ago(300), klant={"wonen": 3})
    registreer(traject, datum=days_ago(100), klant={"wonen": 8})
    elsewhere = outsider.memberships.get().team
    assert figures.metingen_per_team(team_ids=[elsewhere.pk], van=YEAR[0], tot=YEAR[1]) == []
    assert figures.gemiddelde_verandering(team_ids=[elsewhere.pk], van=YEAR[0], tot=YEAR[1]) == []
    assert figures.gemiddelde_verandering(team_ids=[team.pk], van=days_ago(50), tot=days_ago(0)) == []
