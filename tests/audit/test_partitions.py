"""On PostgreSQL the access log is partitioned by month; the coming months are made ahead, months
past the retention period are dropped whole, and a row never fails for want of a partition."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from boks.audit import partitions, tasks
from boks.audit.choices import Actie, Grondslag, Kanaal
from boks.audit.models import Toegang
from tests.conftest import require
from tests.test_startup import run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql():
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to test the access log's partitions")


def write(moment: datetime.datetime) -> Toegang:
    return Toegang.objects.create(
        moment=moment, actie=Actie.LEZEN, kanaal=Kanaal.TAAK, grondslag=Grondslag.TAAK, omschrijving="test"
    )


def partition_of(entry: Toegang) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_toegang WHERE id = %s", [entry.pk])
        return cursor.fetchone()[0]


def test_the_log_is_partitioned_and_a_row_lands_in_its_month():
    assert partitions.is_partitioned()
    now = timezone.now()
    assert partition_of(write(now)) == partitions.partition_for(timezone.localdate()).name


def test_the_month_begins_at_midnight_in_amsterdam():
    partitions.ensure_partitions(since=datetime.date(2026, 5, 1), today=datetime.date(2026, 6, 15))
    just_before = datetime.datetime(2026, 5, 31, 23, 59, tzinfo=timezone.get_default_timezone())
    just_after = datetime.datetime(2026, 6, 1, 0, 0, tzinfo=timezone.get_default_timezone())
    assert partition_of(write(just_before)) == "audit_toegang_y2026m05"
    assert partition_of(write(just_after)) == "audit_toegang_y2026m06"


def test_a_row_of_a_month_without_a_partition_goes_to_the_default_partition():
    far = timezone.now() + datetime.timedelta(days=3 * 365)
    assert partition_of(write(far)) == partitions.DEFAULT_PARTITION


def test_the_coming_months_are_made_ahead_and_once():
    today = timezone.localdate() + datetime.timedelta(days=200)
    created = partitions.ensure_partitions(today=today)
    assert created
    assert partitions.ensure_partitions(today=today) == []
    names = {partition.name for partition in partitions.existing()}
    assert partitions.partition_for(today.replace(day=1) + datetime.timedelta(days=95)).name in names


def test_months_past_retention_are_dropped_whole_and_younger_ones_kept():
    today = datetime.date(2032, 3, 10)
    partitions.ensure_partitions(since=datetime.date(2026, 12, 1), today=datetime.date(2027, 4, 1))
    dropped = partitions.drop_expired(today=today, years=5)
    assert {"audit_toegang_y2026m12", "audit_toegang_y2027m01", "audit_toegang_y2027m02"} <= set(dropped)
    assert all(name < "audit_toegang_y2027m03" for name in dropped)
    remaining = {partition.name for partition in partitions.existing()}
    assert "audit_toegang_y2027m03" in remaining and "audit_toegang_y2026m12" not in remaining


def test_the_daily_task_keeps_the_partitions_ready():
    result = tasks.onderhoud_toegangslog()
    assert result["verwijderd"] == []
    names = {partition.name for partition in partitions.existing()}
    assert partitions.partition_for(timezone.localdate()).name in names


def test_a_retention_below_five_years_stops_boks_with_the_reason():
    result = run_manage("check", BOKS_TOEGANGSLOG_BEWAARJAREN="3", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "BOKS_TOEGANGSLOG_BEWAARJAREN must be at least 5" in result.stderr
