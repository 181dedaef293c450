import os
import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.test import Client

from boks.accounts.choices import TeamRole

from .factories import MembershipFactory, TeamFactory, TrajectFactory, UserFactory

REQUIRE_ALL = os.environ.get("BOKS_REQUIRE_ALL") == "1"


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return [
        f"boks: database {database['ENGINE'].rsplit('.', 1)[-1]} on {database.get('HOST') or database['NAME']}",
        f"boks: redis {settings.REDIS_URL or 'not configured (worker test skips)'}",
        f"boks: BOKS_REQUIRE_ALL={'1' if REQUIRE_ALL else '0'}",
    ]


def require(condition: bool, how_to_get_it: str) -> None:
    """Skips a test whose real dependency is missing, or fails it when CI demands everything."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"BOKS_REQUIRE_ALL=1 but {how_to_get_it}")
    pytest.skip(how_to_get_it)


@pytest.fixture
def team(db):
    return TeamFactory(naam="Overvecht Vechtzoom")


@pytest.fixture
def gezinswerker(team):
    """The worker the test is about: a gezinswerker in `team`, with MFA set up."""
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.GEZINSWERKER).user


@pytest.fixture
def colleague(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.GEZINSWERKER).user


@pytest.fixture
def outsider(db):
    """A gezinswerker of another team in another organisation."""
    return MembershipFactory(user=UserFactory(with_totp=True), role=TeamRole.GEZINSWERKER).user


@pytest.fixture
def manager(team):
    """The teammanager of `team`."""
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.TEAMMANAGER).user


@pytest.fixture
def traject(team, gezinswerker):
    """An open traject of `team` with `gezinswerker` as regisseur."""
    return TrajectFactory(team=team, regisseur=gezinswerker)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def logged_in_with_mfa(user) -> Client:
    """A session signed in with password and authenticator code, as allauth records it."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    client = logged_in(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": 0, "email": user.email},
        {"method": "mfa", "at": 0, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


@pytest.fixture(autouse=True)
def _celery_may_wait_for_results():
    """Threaded tests that run tasks in-process can leave Celery's process-wide 'inside a task' flag
    set, after which the real-worker test may not wait for its result; reset it after every test."""
    yield
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


def totp_code(secret: str) -> str:
    """The current code. BOKS accepts only the current 30-second window, so a code taken in a
    window's last seconds could expire before the browser submits it on a busy machine: then wait
    for the next window."""
    over = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if over < 5:
        time.sleep(over + 0.1)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
