import datetime
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.utils import timezone

from boks.accounts.tasks import clear_expired_sessions
from boks.celery import app as celery_app

from .conftest import require

ROOT = Path(__file__).resolve().parent.parent
WORKER_COMMAND = [sys.executable, "-m", "celery", "-A", "boks", "worker", "--pool=solo", "--loglevel=INFO"]
WORKER_COMMAND += ["--without-gossip", "--without-mingle", "--without-heartbeat"]


def make_session(key: str, expires_in: datetime.timedelta) -> Session:
    return Session.objects.create(session_key=key, session_data="", expire_date=timezone.now() + expires_in)


def test_celery_is_configured_for_idempotent_late_acknowledged_tasks():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    assert conf.beat_schedule["clear-expired-sessions"]["task"] == clear_expired_sessions.name


def test_a_task_enqueued_in_a_transaction_runs_only_after_commit(db, django_capture_on_commit_callbacks):
    make_session("verlopen", -datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        clear_expired_sessions.delay_on_commit()
        assert Session.objects.filter(session_key="verlopen").exists()
    assert len(callbacks) == 1
    assert not Session.objects.filter(session_key="verlopen").exists()


def test_a_rolled_back_transaction_enqueues_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                clear_expired_sessions.delay_on_commit()
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == []


def test_clearing_sessions_twice_is_harmless(db):
    make_session("verlopen", -datetime.timedelta(minutes=1))
    make_session("geldig", datetime.timedelta(hours=1))
    clear_expired_sessions()
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["geldig"]


def database_url_for_the_worker() -> str:
    params = connection.settings_dict
    credentials = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgres://{credentials}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_over_redis():
    require(
        bool(settings.REDIS_URL), "set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run the real Celery worker test"
    )
    require(
        connection.vendor == "postgresql",
        "set DATABASE_URL to PostgreSQL: the worker process must share the test database",
    )
    make_session("verlopen", -datetime.timedelta(minutes=1))
    make_session("geldig", datetime.timedelta(hours=1))

    queue = f"boks-test-{uuid.uuid4().hex}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "boks.settings.test",
        "DATABASE_URL": database_url_for_the_worker(),
        "REDIS_URL": settings.REDIS_URL,
    }
    worker = subprocess.Popen(
        [*WORKER_COMMAND, "-Q", queue],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    try:
        result = clear_expired_sessions.apply_async(queue=queue)
        result.get(timeout=90)
        assert result.successful()
    finally:
        celery_app.conf.task_always_eager = True
        worker.terminate()
        log, _ = worker.communicate(timeout=30)
    assert f"Task {clear_expired_sessions.name}[{result.id}] succeeded" in log
    assert list(Session.objects.values_list("session_key", flat=True)) == ["geldig"]
