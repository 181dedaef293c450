import datetime

import pytest

from boks.wattelt import charts, selectors
from boks.wattelt.choices import Beoordelaar
from boks.wattelt.services import ScoreData
from tests.factories import PersoonFactory

from .factories import open_traject, registreer

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(team, gezinswerker):
    return open_traject(team, gezinswerker, kennismaking_dagen_geleden=400)


def history(traject):
    return charts.historie(list(selectors.metingen_van(traject)))


def test_each_leefgebied_gets_a_chart_with_the_raters_side_by_side_and_the_overall_score(traject):
    registreer(
        traject,
        datum=datetime.date(2026, 1, 5),
        klant={"wonen": 3},
        medewerker={"wonen": 4},
        algemene_score=5,
        scores=[
            ScoreData("wonen", Beoordelaar.KLANT, 3),
            ScoreData("wonen", Beoordelaar.MEDEWERKER, 4),
            ScoreData("wonen", Beoordelaar.DERDE, 2),
        ],
        derde_naam="Samira",
        derde_relatie="zus",
    )
    registreer(traject, datum=datetime.date(2026, 4, 6), klant={"wonen": 6, "zingeving": 7}, algemene_score=6)
    [client] = history(traject)
    wonen, zingeving = client.grafieken
    assert (wonen.titel, zingeving.titel) == ("Wonen", "Zingeving")
    assert wonen.data == {
        "labels": ["5 Jan 2026 (ronde 1)", "6 Apr 2026 (ronde 2)"],
        "datasets": [
            {"label": "Cliënt", "data": [3, 6], "emphasis": True},
            {"label": "Buurtteammedewerker", "data": [4, 6]},
            {"label": "Derde", "data": [2, None]},
            {"label": "Algemene score (cliënt)", "data": [5, 6]},
        ],
        "min": 1,
        "max": 10,
        "yLabel": "Score",
    }
    assert zingeving.data["labels"] == ["6 Apr 2026 (ronde 2)"]
    assert [dataset["label"] for dataset in zingeving.data["datasets"]] == [
        "Cliënt",
        "Buurtteammedewerker",
        "Algemene score (cliënt)",
    ]
    assert [(row.klant, row.medewerker, row.derde, row.algemeen) for row in wonen.rijen] == [
        ("3", "4", "2", "5"),
        ("6", "6", "—", "6"),
    ]


def test_rounds_on_an_older_scale_are_drawn_on_the_newest_and_the_table_keeps_the_given_number(traject, team):
    registreer(traject, datum=datetime.date(2026, 1, 5), klant={"wonen": 10}, medewerker={"wonen": 1})
    instellingen = selectors.instellingen_voor(team.organisatie_id)
    instellingen.schaal_min, instellingen.schaal_max = 1, 5
    instellingen.save()
    registreer(traject, datum=datetime.date(2026, 4, 6), klant={"wonen": 4})
    [chart] = history(traject)[0].grafieken
    assert chart.data["datasets"][0]["data"] == [5, 4]
    assert (chart.data["min"], chart.data["max"]) == (1, 5)
    assert chart.rijen[0].klant == "10 (schaal 1–10)"
    assert chart.rijen[1].klant == "4"


def test_every_client_of_the_household_gets_their_own_history(traject):
    partner = PersoonFactory(huishouden=traject.huishouden, voornaam="Ahmet")
    registreer(traject, datum=datetime.date(2026, 1, 5))
    registreer(traject, datum=datetime.date(2026, 1, 7), persoon=partner, klant={"taal": 4})
    first, second = history(traject)
    assert second.persoon == partner
    assert [chart.code for chart in second.grafieken] == ["taal"]
    assert first.grafieken[0].id != second.grafieken[0].id
