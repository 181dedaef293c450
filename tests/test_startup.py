"""Bad configuration stops BOKS with a message naming the setting, never a traceback or a 500."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_refuses_to_start_and_names_the_setting():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="boks.settings.production", REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_without_redis_refuses_to_start_and_names_the_setting():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="boks.settings.production", SECRET_KEY="x" * 60, REDIS_URL="")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_production_profile_passes_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="boks.settings.production",
        SECRET_KEY="k" * 30 + "Q9v!x#2LmZ8@pR4" * 3,
        REDIS_URL="redis://127.0.0.1:6379/0",
        ALLOWED_HOSTS="boks.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_unreachable_database_fails_the_check_with_the_setting_to_fix():
    result = run_manage("check", "--database", "default", DATABASE_URL="postgres://boks@127.0.0.1:1/boks")
    assert result.returncode != 0
    assert "boks.E001" in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_unreachable_database_during_a_request_gets_a_dutch_503_not_a_500(settings, db):
    settings.ROOT_URLCONF = "tests.broken_urls"
    response = Client(raise_request_exception=False).get("/kapotte-database/")
    assert response.status_code == 503
    assert "BOKS kan de database nu niet bereiken" in response.content.decode()


def test_unexpected_error_gets_a_plain_dutch_page(settings, db):
    settings.ROOT_URLCONF = "tests.broken_urls"
    response = Client(raise_request_exception=False).get("/stuk/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_web_processes_take_their_startup_objects_out_of_garbage_collection():
    code = (
        "import gc, boks.wsgi; "
        "assert gc.get_freeze_count() > 10000, gc.get_freeze_count(); "
        "assert gc.get_threshold()[0] == boks.garbage.YOUNGEST_GENERATION"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "boks.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
