"""Monthly partitions of the access log on PostgreSQL.

A city writes tens of millions of access-log rows a year. The table is partitioned by month on
`moment`: queries for a period touch only its months, indexes stay the size of a month, and when
the retention period has passed a whole month is dropped at once instead of deleting rows (which
the append-only trigger refuses anyway). A default partition catches a row whose month has no
partition yet, so an insert never fails; `ensure_partitions` runs daily and keeps the coming
months ready. On SQLite (the quick start) the table is an ordinary table and these functions do
nothing.
"""

import datetime
import logging
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)

TABLE = "audit_toegang"
DEFAULT_PARTITION = f"{TABLE}_default"
MONTHS_AHEAD = 3
NAME = re.compile(rf"^{TABLE}_y(?P<year>\d{{4}})m(?P<month>\d{{2}})$")


@dataclass(frozen=True)
class Partition:
    name: str
    start: datetime.date

    @property
    def end(self) -> datetime.date:
        return self.start + relativedelta(months=1)


def is_partitioned() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE])
        return cursor.fetchone() is not None


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def partition_for(start: datetime.date) -> Partition:
    return Partition(f"{TABLE}_y{start.year:04d}m{start.month:02d}", month_start(start))


def existing() -> list[Partition]:
    """The monthly partitions there are, oldest first (the default partition not included)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT child.relname FROM pg_inherits JOIN pg_class child ON child.oid = pg_inherits.inhrelid "
            "WHERE pg_inherits.inhparent = %s::regclass",
            [TABLE],
        )
        names = [row[0] for row in cursor.fetchall()]
    found = []
    for name in names:
        match = NAME.match(name)
        if match:
            found.append(Partition(name, datetime.date(int(match["year"]), int(match["month"]), 1)))
    return sorted(found, key=lambda partition: partition.start)


def _bound(day: datetime.date) -> str:
    # Partition bounds on a timestamptz column are instants; months begin at midnight in Amsterdam.
    return f"{day.isoformat()} 00:00:00 {settings.TIME_ZONE}"


def create_partition(start: datetime.date) -> bool:
    """Creates the month's partition; False when it existed. When the default partition already
    holds rows of that month, PostgreSQL refuses, and the rows stay where they are (logged)."""
    partition = partition_for(start)
    if partition in existing():
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM audit_toegang_default WHERE moment >= %s::timestamptz AND moment < %s::timestamptz LIMIT 1",
            [_bound(partition.start), _bound(partition.end)],
        )
        if cursor.fetchone():
            logger.error(
                "Access-log rows of %s are in the default partition; the month's partition was not created.",
                partition.start.strftime("%Y-%m"),
            )
            return False
        cursor.execute(
            f'CREATE TABLE "{partition.name}" PARTITION OF {TABLE} '
            f"FOR VALUES FROM ('{_bound(partition.start)}') TO ('{_bound(partition.end)}')"
        )
    return True


def ensure_partitions(
    *, today: datetime.date | None = None, since: datetime.date | None = None, months_ahead: int = MONTHS_AHEAD
) -> list[str]:
    """Makes sure every month from `since` (default: this month) to `months_ahead` months from now
    has its partition. Returns the names of the partitions it created."""
    if not is_partitioned():
        return []
    today = today or datetime.date.today()
    month = month_start(since or today)
    last = month_start(today) + relativedelta(months=months_ahead)
    created = []
    with transaction.atomic():
        while month <= last:
            if create_partition(month):
                created.append(partition_for(month).name)
            month += relativedelta(months=1)
    return created


def drop_expired(*, today: datetime.date | None = None, years: int | None = None) -> list[str]:
    """Drops the months whose every row is older than the retention period (BOKS_TOEGANGSLOG_BEWAARJAREN,
    at least five years after NEN 7513). Returns the names of the partitions dropped."""
    if not is_partitioned():
        return []
    years = years if years is not None else settings.BOKS_TOEGANGSLOG_BEWAARJAREN
    cutoff = month_start(today or datetime.date.today()) - relativedelta(years=years)
    dropped = []
    with transaction.atomic(), connection.cursor() as cursor:
        for partition in existing():
            if partition.end <= cutoff:
                cursor.execute(f'ALTER TABLE {TABLE} DETACH PARTITION "{partition.name}"')
                cursor.execute(f'DROP TABLE "{partition.name}"')
                dropped.append(partition.name)
    if dropped:
        logger.warning("Access log: dropped %s (older than %s years)", ", ".join(dropped), years)
    return dropped
