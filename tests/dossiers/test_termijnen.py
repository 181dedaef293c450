import datetime

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from boks.dossiers import termijnen
from boks.dossiers.choices import Status
from tests.conftest import logged_in
from tests.factories import TrajectFactory


@pytest.fixture
def planned_kennismaking_is_due(monkeypatch):
    """A due-date source as another app would register it: here the planned kennismaking."""
    monkeypatch.setattr(termijnen, "_sources", {})
    termijnen.register_due_source(
        termijnen.DueSource("test.kennismaking", "Kennismaking", lambda: F("kennismaking_gepland_op"))
    )


def test_the_caseload_shows_the_next_due_action(planned_kennismaking_is_due, gezinswerker, team):
    due = timezone.localdate() + datetime.timedelta(days=3)
    TrajectFactory(team=team, regisseur=gezinswerker, status=Status.KENNISMAKING, kennismaking_gepland_op=due)
    html = logged_in(gezinswerker).get(reverse("dossiers:caseload")).content.decode()
    assert "Volgende actie" in html
    assert f"Kennismaking: {due.day} " in html
    assert 'warning">te laat' not in html


def test_the_caseload_filters_overdue_actions(planned_kennismaking_is_due, gezinswerker, team):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = TrajectFactory(
        team=team, regisseur=gezinswerker, status=Status.KENNISMAKING, kennismaking_gepland_op=yesterday
    )
    on_time = TrajectFactory(
        team=team,
        regisseur=gezinswerker,
        status=Status.KENNISMAKING,
        kennismaking_gepland_op=timezone.localdate() + datetime.timedelta(days=2),
    )
    html = logged_in(gezinswerker).get(reverse("dossiers:caseload"), {"termijn_verlopen": "on"}).content.decode()
    assert late.dossiernummer in html
    assert on_time.dossiernummer not in html
    assert 'warning">te laat' in html


def test_the_caseload_sorts_on_the_next_due_action_with_none_last(planned_kennismaking_is_due, gezinswerker, team):
    today = timezone.localdate()
    none = TrajectFactory(team=team, regisseur=gezinswerker)
    later = TrajectFactory(team=team, regisseur=gezinswerker, kennismaking_gepland_op=today + datetime.timedelta(9))
    sooner = TrajectFactory(team=team, regisseur=gezinswerker, kennismaking_gepland_op=today + datetime.timedelta(2))
    html = logged_in(gezinswerker).get(reverse("dossiers:caseload"), {"sort": "termijn"}).content.decode()
    positions = [html.index(t.dossiernummer) for t in (sooner, later, none)]
    assert positions == sorted(positions)


def test_due_actions_cost_no_extra_queries_per_row(
    planned_kennismaking_is_due, gezinswerker, team, django_assert_max_num_queries
):
    client = logged_in(gezinswerker)
    TrajectFactory(team=team, regisseur=gezinswerker, kennismaking_gepland_op=timezone.localdate())
    client.get(reverse("dossiers:caseload"))
    with django_assert_max_num_queries(13) as one_row:
        client.get(reverse("dossiers:caseload"))
    for _ in range(20):
        TrajectFactory(team=team, regisseur=gezinswerker, kennismaking_gepland_op=timezone.localdate())
    with django_assert_max_num_queries(len(one_row)):
        client.get(reverse("dossiers:caseload"))


def test_the_traject_page_lists_its_due_dates(planned_kennismaking_is_due, gezinswerker, team):
    traject = TrajectFactory(
        team=team, regisseur=gezinswerker, kennismaking_gepland_op=timezone.localdate() - datetime.timedelta(2)
    )
    html = logged_in(gezinswerker).get(reverse("dossiers:traject", args=[traject.pk])).content.decode()
    assert "Termijnen" in html
    assert 'warning">te laat' in html
