"""A real Celery worker over Redis runs the Wat Telt sweep and is killed (kill -9) halfway; a new
worker gets the same message again and finishes the job. Every reminder still goes out once."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from boks.accounts.choices import TeamRole
from boks.celery import app as celery_app
from boks.notifications.models import Notification, OutboundEmail
from boks.wattelt import tasks
from boks.wattelt.choices import HerinneringStatus
from boks.wattelt.models import Herinnering
from tests.conftest import require
from tests.factories import MembershipFactory, TeamFactory, UserFactory
from tests.test_celery import database_url_for_the_worker

from .test_reminders import with_round_due

ROOT = Path(__file__).resolve().parents[2]


def start_worker(queue: str, log: Path) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "boks.settings.test",
        "DATABASE_URL": database_url_for_the_worker(),
        "REDIS_URL": settings.REDIS_URL,
    }
    command = [sys.executable, "-m", "celery", "-A", "tests.wattelt.worker_app", "worker", "--pool=solo"]
    command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue]
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT)


def wait_for(condition, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def backend_waiting_on_a_lock() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' "
            "and query ilike '%%notifications_notification%%'"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def backend_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("select 1 from pg_stat_activity where pid = %s", [pid])
        return cursor.fetchone() is not None


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_halfway_through_the_sweep_leaves_exactly_one_reminder_per_round(tmp_path):
    require(bool(settings.REDIS_URL), "set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run the real worker test")
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL: the workers share the test database")
    team = TeamFactory()
    regisseur = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    trajecten = [with_round_due(team, regisseur, -1) for _ in range(6)]
    keys = [f"wattelt:ronde:{traject.pk}:2:regisseur:{regisseur.pk}:te_laat" for traject in trajecten]

    # Another transaction holds the third reminder's message key, uncommitted: the worker's second
    # batch (rows 3 and 4) waits on it, after the first batch committed. That is where we kill it.
    params = connection.settings_dict
    blocker = psycopg.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        dbname=params["NAME"],
        user=params["USER"],
        password=params["PASSWORD"] or None,
    )
    blocker.execute(
        "insert into notifications_notification (recipient_id, key, title, body, url, created_at) "
        "values (%s, %s, 'blokkeert', '', '', now())",
        [regisseur.pk, keys[2]],
    )

    queue = f"boks-test-{uuid.uuid4().hex}"
    first = start_worker(queue, tmp_path / "worker-1.log")
    second = None
    celery_app.conf.task_always_eager = False
    try:
        result = tasks.herinneringen_versturen.apply_async(kwargs={"batch_size": 2}, queue=queue)
        orphan = wait_for(backend_waiting_on_a_lock, "the worker to wait in its second batch")
        assert sorted(Notification.objects.values_list("key", flat=True)) == sorted(keys[:2])

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        blocker.rollback()
        blocker.close()
        # The killed worker's database session notices it is gone once it stops waiting, and its
        # transaction (batch 2) rolls back: nothing of it remains.
        wait_for(lambda: not backend_alive(orphan), "the dead worker's session to end")
        assert Notification.objects.count() == 2

        second = start_worker(queue, tmp_path / "worker-2.log")
        # disable_sync_subtasks: Celery's eager mode elsewhere in the suite may leave its "inside a
        # task" flag set in this process; this test process is no task.
        outcome = result.get(timeout=120, disable_sync_subtasks=False)
    finally:
        celery_app.conf.task_always_eager = True
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)

    assert (
        f"Task {tasks.herinneringen_versturen.name}[{result.id}] succeeded" in (tmp_path / "worker-2.log").read_text()
    )
    assert outcome["berichten"] == 4, "the new worker sends what the killed one had not committed"
    assert sorted(Notification.objects.values_list("key", flat=True)) == sorted(keys)
    assert OutboundEmail.objects.filter(key__in=keys).count() == len(keys)
    assert set(Herinnering.objects.values_list("status", flat=True)) == {HerinneringStatus.VERSTUURD}
