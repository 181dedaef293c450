"""Reads for reports and dashboards from a PostgreSQL read replica, when one is configured.

Set DATABASE_REPLICA_URL and the `replica` database exists; code that computes figures runs inside
`reads_from_replica()`, and the router sends that code's reads there. Everything else, and every
write, stays on the primary: a page that just saved something reads it back from where it was
written, while a dashboard may lag the primary by the replica's few seconds. Without
DATABASE_REPLICA_URL the context does nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if _reading_from_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str | None:
        return None

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # The replica follows the primary's schema through replication.
        return db != REPLICA
