"""Every indicator against the hand-built world of dataset.py, whose answers are worked out there."""

import datetime

import pytest

from boks.dossiers.choices import Melder
from boks.rapportage import kpi
from boks.rapportage.periods import Periode, kwartaal
from boks.wattelt import figures as wattelt_figures
from tests.factories import TeamFactory, UserFactory
from tests.maatwerk.factories import AanvraagSoortFactory
from tests.wattelt.factories import registreer

from .dataset import TOT, D, build, reopen_and_close_again

pytestmark = pytest.mark.django_db

Q1 = kwartaal(2025, 1)


@pytest.fixture
def world():
    return build()


@pytest.fixture
def org(world):
    return kpi.Scope(world.organisatie)


def test_active_caseload_counts_trajecten_households_and_clients_at_the_peildatum(world, org):
    assert kpi.caseload(org, TOT)[None] == {"trajecten": 3, "in_begeleiding": 2, "huishoudens": 3, "clienten": 4}
    per_team = kpi.caseload(org, TOT, per="team")
    assert per_team[world.vechtzoom.pk]["trajecten"] == 3
    assert world.zuilen.pk not in per_team
    # On 13 March d was still open, on 14 March it closed: closed on the peildatum is not active.
    assert kpi.caseload(org, D(2025, 3, 13))[None]["trajecten"] == 4
    assert kpi.caseload(org, D(2025, 3, 14))[None]["trajecten"] == 3


def test_the_aantal_table_counts_started_running_and_closed_with_unique_clients(org):
    assert kpi.aantallen(org, Q1)[None] == {
        "gestart": 2,
        "lopend": 6,
        "afgesloten": 3,
        "huishoudens": 6,
        "clienten": 7,
    }


def test_trajecten_of_another_service_and_of_another_organisation_stay_out(world, org):
    assert world.g.pk not in kpi.trajecten(org).values_list("pk", flat=True)
    assert world.h.pk not in kpi.trajecten(org).values_list("pk", flat=True)
    assert kpi.buiten_buurtteamcijfers(org, Q1) == 1


def test_instroom_per_month_and_per_melder(org):
    per_month = kpi.instroom(org, Q1, per="maand")
    assert per_month == {D(2025, 1, 1): {"aangemeld": 1}, D(2025, 2, 1): {"aangemeld": 1}}
    assert kpi.instroom_per_melder(org, Q1) == {Melder.SCHOOL: {None: 1}, Melder.ONBEKEND: {None: 1}}


def test_werkdagen_to_the_kennismaking_skip_nieuwjaarsdag_and_count_against_the_norm(world, org):
    world.a.refresh_from_db()
    assert world.a.werkdagen_tot_kennismaking == 3
    assert kpi.snelheid(org, Q1)[None] == {
        "n": 2,
        "gemiddeld": 6.5,
        "gemiddeld_kalenderdagen": 9.0,
        "binnen_norm": 1,
        "norm": 5,
        "mediaan": 6.5,
        "aandeel_binnen_norm": 0.5,
    }
    per_team = kpi.snelheid(org, Q1, per="team")
    assert set(per_team) == {world.vechtzoom.pk}


def test_the_median_of_an_odd_and_an_even_count():
    assert kpi._median([(3, 1), (10, 1), (4, 1)]) == 4
    assert kpi._median([(1, 2), (7, 2)]) == 4
    assert kpi._median([]) is None


def test_wachtenden_at_the_peildatum_with_their_days_waiting(org):
    assert kpi.wachtenden(org, TOT)[None] == {
        "wachtend": 1,
        "gemiddeld_dagen": 70.0,
        "langste_dagen": 70.0,
        "langer_dan_100_dagen": 0,
    }
    assert kpi.wachtenden(org, D(2025, 5, 1))[None]["langer_dan_100_dagen"] == 1
    assert kpi.wachttijd_tot_begeleiding(org, Q1)[None] == {
        "n": 1,
        "gemiddeld_dagen": 7.0,
        "direct": 0,
        "mediaan_dagen": 7.0,
    }


def test_duration_in_whole_months_in_three_classes(org):
    closed = kpi.duur_afgesloten(org, Q1)[None]
    assert (closed["n"], closed["korter_dan_12"], closed["12_tot_24"], closed["24_of_langer"]) == (3, 2, 0, 1)
    running = kpi.duur_lopend(org, TOT)[None]
    assert (running["n"], running["korter_dan_12"]) == (3, 3)
    # On 1 January 2026 a (aangemeld 30 December 2024) has run 12 whole months, f 15, b 11.
    assert kpi.duur_lopend(org, D(2026, 1, 1))[None]["12_tot_24"] == 2


def test_closings_per_afsluitreden(org):
    row = kpi.afsluitredenen(org, Q1)[None]
    assert row["afgesloten"] == 3
    assert (row["volgens_plan"], row["in_overleg_voortijdig"], row["eenzijdig_client"]) == (1, 1, 1)
    assert row["aandeel_volgens_plan_of_overleg"] == pytest.approx(2 / 3, abs=1e-4)


def test_kan_zelfstandig_verder_leaves_niet_van_toepassing_out_of_the_denominator(org):
    row = kpi.zelfstandig_verder(org, Q1)[None]
    assert (row["ja"], row["nee"], row["onbekend"], row["nvt"], row["noemer"]) == (1, 1, 0, 1, 2)
    assert row["aandeel"] == 0.5
    assert row["aandeel_van_alle"] == pytest.approx(1 / 3, abs=1e-4)


def test_rapportcijfer_average_n_and_share_below_six(org):
    row = kpi.rapportcijfer(org, Q1)[None]
    assert (row["n"], row["gemiddeld"], row["onvoldoende"], row["aandeel_onvoldoende"]) == (2, 6.5, 1, 0.5)
    assert row["respons"] == pytest.approx(2 / 3, abs=1e-4)


def test_a_reopened_traject_is_active_throughout_and_counts_once_at_its_last_closing(world, org):
    assert world.f.pk in kpi.actief_op(kpi.trajecten(org), D(2025, 1, 20)).values_list("pk", flat=True)
    assert kpi.afsluitredenen(org, Q1)[None]["afgesloten"] == 3
    reopen_and_close_again(world.f, D(2025, 4, 10))
    assert kpi.afsluitredenen(org, Q1)[None]["afgesloten"] == 3
    assert kpi.caseload(org, TOT)[None]["trajecten"] == 3
    assert kpi.afsluitredenen(org, kwartaal(2025, 2))[None]["afgesloten"] == 1


def test_a_traject_spanning_quarters_runs_in_both_and_closes_in_one(org):
    q4 = kwartaal(2024, 4)
    # a (aangemeld 30 December), d, e and f run in Q4 2024 and in Q1 2025; d and e close in Q1.
    assert kpi.aantallen(org, q4)[None]["lopend"] == 4
    assert kpi.aantallen(org, q4)[None]["afgesloten"] == 0
    assert kpi.aantallen(org, q4)[None]["gestart"] == 2


def test_scopes_cluster_team_and_wijk(world):
    assert kpi.aantallen(kpi.Scope(world.organisatie, "cluster", world.cluster), Q1)[None]["lopend"] == 6
    assert kpi.aantallen(kpi.Scope(world.organisatie, "team", world.zuilen), Q1)[None]["lopend"] == 2
    noordwest = world.zuilen.wijk
    assert kpi.aantallen(kpi.Scope(world.organisatie, "wijk", noordwest), Q1)[None]["lopend"] == 2
    world.d.huishouden.wijk = world.vechtzoom.wijk
    world.d.huishouden.save()
    assert kpi.aantallen(kpi.Scope(world.organisatie, "wijk", noordwest), Q1)[None]["lopend"] == 1


def test_share_in_uitvoering_with_a_vastgesteld_plan(org):
    assert kpi.plan_vastgesteld(org, TOT)[None] == {"in_uitvoering": 1, "met_plan": 1, "aandeel": 1.0}
    # Before the family agreed on 1 February a was not yet in uitvoering; d (converted) was, without plan.
    assert kpi.plan_vastgesteld(org, D(2025, 1, 31))[None] == {"in_uitvoering": 1, "met_plan": 0, "aandeel": 0.0}


def test_overdue_evaluations(world, org):
    plan = world.a.gezinsplan
    plan.volgende_evaluatie_op = D(2025, 3, 1)
    plan.save()
    row = kpi.evaluaties_te_laat(org, TOT)[None]
    assert (row["in_uitvoering"], row["te_laat"], row["gemiddeld_dagen_te_laat"]) == (1, 1, 30.0)
    assert kpi.evaluaties_te_laat(org, D(2025, 2, 28))[None]["te_laat"] == 0


def test_data_quality_counts_and_lists(world, org):
    row = kpi.datakwaliteit(org, Q1)[None]
    assert row["lopend"] == 6
    assert row["zonder_melder"] == 1
    assert row["zonder_plan"] == 2  # d and e were in uitvoering without a plan in BOKS (conversion)
    assert row["zonder_kennismaking"] == 0
    assert list(kpi.datakwaliteit_trajecten(org, Q1, "zonder_melder")) == [world.c]


def test_referrals_and_requests_per_type_with_lead_times(world, org):
    from boks.maatwerk.models import Aanvraag, Verwijzing

    Verwijzing.objects.create(
        traject=world.a,
        zorgvorm="jeugd_dyslexie",
        wettelijk_kader="jeugdwet",
        aanbieder="Kentalis",
        startdatum=D(2025, 1, 9),
        geregistreerd_door=world.worker,
    )
    Verwijzing.objects.create(
        traject=world.g,
        zorgvorm="jeugd_dyslexie",
        wettelijk_kader="jeugdwet",
        aanbieder="Kentalis",
        startdatum=D(2025, 2, 9),
        geregistreerd_door=world.worker,
    )
    assert kpi.verwijzingen(org, Q1) == [
        {"zorgvorm": "jeugd_dyslexie", "wettelijk_kader": "jeugdwet", "n": 1, "dagen": 10.0}
    ]
    assert kpi.aanvullende_zorg_betrokken(org, TOT) == {
        "huishoudens": 3,
        "met_zorg": 1,
        "aandeel": pytest.approx(1 / 3, abs=1e-4),
    }
    soort = AanvraagSoortFactory(organisatie=world.organisatie)
    manager = UserFactory()
    Aanvraag.objects.create(
        besluit_door=manager,
        besluit_motivering="Past bij het plan.",
        routering="teammanager",
        traject=world.a,
        soort=soort,
        status="toegekend",
        aangemaakt_door=world.worker,
        eerst_ingediend_op=D(2025, 2, 3),
        besluit_op=D(2025, 2, 12),
        doorlooptijd_werkdagen=7,
        binnen_norm=True,
    )
    [row] = kpi.aanvragen(org, Q1)
    assert (row["ingediend"], row["besloten"], row["toegekend"], row["doorlooptijd"], row["aandeel_binnen_norm"]) == (
        1,
        1,
        1,
        7.0,
        1.0,
    )


def test_wat_telt_metingen_and_change_agree_with_the_wat_telt_figures(world, org):
    registreer(world.a, actor=world.worker, datum=D(2025, 1, 15), klant={"wonen": 3}, medewerker={"wonen": 3})
    registreer(
        world.a, actor=world.worker, datum=D(2025, 3, 15), klant={"wonen": 7}, medewerker={"wonen": 6}, variant="papier"
    )
    assert kpi.wat_telt_metingen(org, Q1)[None] == {"metingen": 2, "digitaal": 1, "papier": 1, "clienten": 1}
    change = kpi.wat_telt_verandering(org, Q1)
    assert change == wattelt_figures.gemiddelde_verandering(
        team_ids=[world.vechtzoom.pk, world.zuilen.pk], van=Q1.van, tot=Q1.tot
    )
    assert change[0]["leefgebied"] == "wonen"
    assert change[0]["clienten"] == 1


def test_a_range_of_days_is_a_period_too(org):
    weeks = Periode(D(2025, 1, 1), D(2025, 1, 31))
    assert kpi.aantallen(org, weeks)[None]["afgesloten"] == 1  # e, on 31 January


def test_an_empty_scope_gives_zeros_not_errors(world):
    empty = kpi.Scope(world.organisatie, "team", TeamFactory(organisatie=world.organisatie))
    assert kpi.snelheid(empty, Q1)[None]["n"] == 0
    assert kpi.snelheid(empty, Q1)[None]["mediaan"] is None
    assert kpi.zelfstandig_verder(empty, Q1)[None]["aandeel"] is None
    assert kpi.duur_lopend(empty, datetime.date(2025, 3, 31))[None]["n"] == 0
