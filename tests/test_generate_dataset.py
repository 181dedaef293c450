"""The benchmark dataset generator: every status, the same data for the same seed, and data the
application's own pages accept."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.accounts.models import Membership
from boks.dataset.generator import Generator
from boks.dataset.writer import Writer
from boks.dossiers.choices import Status
from boks.dossiers.models import Contactmoment, Traject
from boks.gezinsplan.models import Gezinsplan
from boks.wattelt.models import Meting
from tests.conftest import logged_in_with_mfa

SCALE = 0.004


class _Undo(Exception):
    pass


def fingerprint(seed: int) -> list[tuple]:
    """What a run with `seed` creates, without ids (sequences do not roll back) and rolled back after."""
    try:
        with transaction.atomic():
            Generator(scale=SCALE, seed=seed, access_log_days=1).run()
            result = sorted(
                Traject.objects.filter(regisseur__email__startswith=f"s{seed}-").values_list(
                    "team__naam", "status", "aanmelddatum", "kennismaking_op", "afgesloten_op", "huishouden__naam"
                )
            )
            raise _Undo
    except _Undo:
        return result


def test_every_status_and_pages_that_accept_the_data(db):
    call_command("generate_dataset", scale=SCALE, seed=3, access_log_days=2, verbosity=0)
    statuses = set(Traject.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    running = Traject.objects.filter(status=Status.UITVOERING, regisseur__email__startswith="s3-")
    assert Contactmoment.objects.filter(traject__in=running).exists()
    assert Gezinsplan.objects.filter(traject__in=running, versies__status="vastgesteld").exists()
    assert Meting.objects.filter(traject__in=running).exists()
    _pages_render()


def test_the_same_seed_gives_the_same_data(db):
    call_command("seed_demo", verbosity=0, stdout=None)
    first = fingerprint(5)
    assert first == fingerprint(5)
    assert first != fingerprint(6)


def _pages_render():
    membership = Membership.objects.filter(user__email__startswith="s3-gw", role=TeamRole.GEZINSWERKER).first()
    worker = membership.user
    TOTP.activate(worker, generate_totp_secret())
    traject = (
        Traject.objects.filter(regisseur=worker, status=Status.UITVOERING).first()
        or Traject.objects.filter(regisseur=worker).first()
    )
    client = logged_in_with_mfa(worker)
    for url in [
        reverse("dossiers:caseload"),
        reverse("dossiers:traject", args=[traject.pk]),
        reverse("gezinsplan:plan", args=[traject.pk]),
        reverse("wattelt:traject", args=[traject.pk]),
        reverse("dossiers:team_work", args=[membership.team_id]),
    ]:
        assert client.get(url).status_code == 200, url


def _schema() -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "UNION SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'"
        )
        return set(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are only set aside on PostgreSQL")
def test_indexes_and_foreign_keys_are_built_again_after_the_load(db):
    before = _schema()
    call_command("generate_dataset", scale=SCALE, seed=4, access_log_days=1, verbosity=0)
    assert _schema() >= before
    assert Contactmoment.objects.filter(traject__regisseur__email__startswith="s4-").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are only set aside on PostgreSQL")
def test_indexes_come_back_when_the_load_fails(db):
    before = _schema()
    writer = Writer()
    writer.table(Contactmoment, ["traject", "tekst"])
    with pytest.raises(RuntimeError), writer.indexes_built_after():
        assert _schema() < before
        raise RuntimeError("generation failed")
    assert _schema() == before
