import datetime

import pytest

from boks.maatwerk import figures, services, statusflow
from boks.maatwerk.choices import Zorgvorm
from tests.factories import TeamFactory

from .factories import AanvraagSoortFactory, aanvraag, pgb_soort, traject_met_plan

pytestmark = pytest.mark.django_db

VAN = datetime.date(2026, 4, 1)
TOT = datetime.date(2026, 6, 30)


@pytest.fixture
def history(team, gezinswerker, manager, monkeypatch):
    """Five PGB and maatwerk requests submitted in April 2026, three decided, and three referrals."""

    def on(day):
        monkeypatch.setattr(statusflow, "_today", lambda: day)

    traject = traject_met_plan(team, gezinswerker)
    pgb = pgb_soort(team.organisatie)
    maatwerk = AanvraagSoortFactory(organisatie=team.organisatie)
    requests = []
    for soort in (pgb, pgb, pgb, maatwerk, maatwerk):
        on(datetime.date(2026, 4, 24))
        requests.append(
            aanvraag(traject, gezinswerker, soort, stappen=("indienen", "in_behandeling_nemen"), beoordelaar=manager)
        )
    on(datetime.date(2026, 5, 8))  # 9 werkdagen
    statusflow.perform(aanvraag_id=requests[0].pk, stap="toekennen", actor=manager, reden="Ja.")
    on(datetime.date(2026, 5, 15))  # 13 werkdagen: after the norm
    statusflow.perform(aanvraag_id=requests[1].pk, stap="afwijzen", actor=manager, reden="Nee.")
    statusflow.perform(aanvraag_id=requests[3].pk, stap="toekennen", actor=manager, reden="Ja.")
    for zorgvorm, aanbieder in [
        (Zorgvorm.JEUGD_AMBULANT_LOCATIE, "Youké"),
        (Zorgvorm.JEUGD_AMBULANT_LOCATIE, "Youké"),
        (Zorgvorm.WMO_BEGELEIDING, "Lister"),
    ]:
        services.register_verwijzing(
            actor=gezinswerker,
            traject=traject,
            data=services.VerwijzingData(zorgvorm=zorgvorm, aanbieder=aanbieder, startdatum=datetime.date(2026, 5, 1)),
        )
    return requests


def test_requests_per_type_status_and_team(team, history):
    rows = figures.aanvragen_per_soort_status_team(team_ids={team.pk}, van=VAN, tot=TOT)
    assert {(row["soort_code"], row["status"], row["team"]): row["aantal"] for row in rows} == {
        ("pgb", "toegekend", team.naam): 1,
        ("pgb", "afgewezen", team.naam): 1,
        ("pgb", "in_behandeling", team.naam): 1,
        ("maatwerk", "toegekend", team.naam): 1,
        ("maatwerk", "in_behandeling", team.naam): 1,
    }


def test_besluiten_with_lead_time_in_werkdagen_and_share_within_the_norm(team, history):
    rows = {row["soort_code"]: row for row in figures.besluiten_per_soort(team_ids={team.pk}, van=VAN, tot=TOT)}
    assert rows["pgb"] == {
        "soort_code": "pgb",
        "soort_naam": "PGB (persoonsgebonden budget)",
        "besloten": 2,
        "toegekend": 1,
        "gedeeltelijk_toegekend": 0,
        "afgewezen": 1,
        "gemiddelde_doorlooptijd": 11.0,
        "binnen_norm": 1,
        "aandeel_binnen_norm": 0.5,
    }
    assert rows["maatwerk"]["besloten"] == 1 and rows["maatwerk"]["aandeel_binnen_norm"] == 0.0


def test_referrals_per_zorgvorm_and_aanbieder(team, history):
    rows = figures.verwijzingen_per_zorgvorm_aanbieder(team_ids={team.pk}, van=VAN, tot=TOT)
    assert [(row["zorgvorm"], row["aanbieder"], row["aantal"]) for row in rows] == [
        ("jeugd_ambulant_locatie", "Youké", 2),
        ("wmo_begeleiding", "Lister", 1),
    ]


def test_figures_cover_only_the_teams_and_period_asked(team, history):
    other = TeamFactory(organisatie=team.organisatie)
    assert figures.aanvragen_per_soort_status_team(team_ids={other.pk}, van=VAN, tot=TOT) == []
    assert figures.besluiten_per_soort(team_ids={team.pk}, van=datetime.date(2026, 6, 1), tot=TOT) == []
    assert (
        figures.verwijzingen_per_zorgvorm_aanbieder(team_ids={team.pk}, van=VAN, tot=datetime.date(2026, 4, 30)) == []
    )
