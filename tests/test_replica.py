"""The read-replica router: figures read from the replica when one is configured; nothing else does,
and no write ever goes there."""

from django.conf import settings

from boks.dossiers.models import Traject
from boks.replica import REPLICA, ReplicaRouter, reads_from_replica


def test_reads_inside_the_context_go_to_the_replica_and_writes_never(monkeypatch):
    monkeypatch.setitem(settings.DATABASES, REPLICA, {**settings.DATABASES["default"]})
    router = ReplicaRouter()
    assert router.db_for_read(Traject) is None
    with reads_from_replica():
        assert router.db_for_read(Traject) == REPLICA
        assert router.db_for_write(Traject) is None
    assert router.db_for_read(Traject) is None


def test_without_a_replica_everything_stays_on_the_primary():
    assert REPLICA not in settings.DATABASES
    with reads_from_replica():
        assert ReplicaRouter().db_for_read(Traject) is None


def test_the_replica_is_never_migrated():
    assert ReplicaRouter().allow_migrate(REPLICA, "dossiers") is False
    assert ReplicaRouter().allow_migrate("default", "dossiers") is True
