"""Dashboards from snapshots: a second look costs no figures, 'Nu opnieuw berekenen' does, the task
keeps the opening boards warm, and a board is only ever served to a viewer who sees the same."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from boks.rapportage import snapshots, tasks
from boks.rapportage.dashboard import Kijker
from boks.rapportage.kpi import Scope
from boks.rapportage.periods import kwartaal
from tests.conftest import logged_in

from .test_views import Q1

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def snapshots_aan(settings):
    settings.BOKS_DASHBOARD_SNAPSHOT = 600
    cache.clear()
    yield
    cache.clear()


def test_a_second_look_is_served_from_the_snapshot_and_a_refresh_computes_again(
    world, manager, django_assert_max_num_queries
):
    client = logged_in(manager)
    url = reverse("rapportage:organisatie", args=[world.organisatie.pk])
    eerste = client.get(url, Q1)
    assert "Berekend om" in eerste.content.decode()
    with django_assert_max_num_queries(15):
        tweede = client.get(url, Q1)
    assert tweede.context["berekend_op"] == eerste.context["berekend_op"]
    assert tweede.content.decode().count("<table") == eerste.content.decode().count("<table")

    vernieuwd = client.get(url, {**Q1, "vernieuwen": "1"})
    assert vernieuwd.status_code == 200
    assert vernieuwd.context["berekend_op"] > eerste.context["berekend_op"]
    assert "vernieuwen=1" in vernieuwd.context["vernieuwen_query"]
    assert "periode=2025-K1" in vernieuwd.context["vernieuwen_query"]


def test_a_snapshot_is_only_served_to_a_viewer_who_sees_the_same(world):
    scope, periode, peildatum = Scope(world.organisatie), kwartaal(2025, 1), datetime.date(2025, 3, 31)
    buitenstaander = Kijker(eigen_team_ids=set(), doorklik_team_ids=set(), minimum=5)
    teammanager = Kijker(eigen_team_ids={world.vechtzoom.pk}, doorklik_team_ids={world.vechtzoom.pk}, minimum=5)
    _board, eerst = snapshots.dashboard_van(scope, periode, peildatum, teammanager)
    _board, daarna = snapshots.dashboard_van(scope, periode, peildatum, buitenstaander)
    assert daarna > eerst
    assert snapshots.dashboard_van(scope, periode, peildatum, teammanager)[1] == eerst
    with translation.override("en"):
        assert snapshots.dashboard_van(scope, periode, peildatum, teammanager)[1] > eerst


def test_the_task_rebuilds_the_opening_board_for_each_way_it_was_looked_at(
    world, kwaliteit, django_assert_max_num_queries
):
    client = logged_in(kwaliteit)
    url = reverse("rapportage:organisatie", args=[world.organisatie.pk])
    client.get(url)
    assert tasks.dashboards_verversen() == 1
    berekend = client.get(url).context["berekend_op"]
    with django_assert_max_num_queries(15):
        assert client.get(url).context["berekend_op"] == berekend


def test_without_snapshots_every_look_computes(world, manager, settings):
    settings.BOKS_DASHBOARD_SNAPSHOT = 0
    client = logged_in(manager)
    url = reverse("rapportage:organisatie", args=[world.organisatie.pk])
    eerste = client.get(url, Q1).context["berekend_op"]
    assert client.get(url, Q1).context["berekend_op"] > eerste
    assert tasks.dashboards_verversen() == 0
