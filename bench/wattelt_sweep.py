"""The Wat Telt reminder sweep over many open trajecten: time and peak memory (not a test).

Fills the database in DATABASE_URL (PostgreSQL; use a database of its own, the script adds rows)
with --trajecten open trajecten once: a tenth without kennismaking, a fifth waiting for their first
round with 0 to 4 conversations after the kennismaking, the rest with two earlier rounds whose next
one falls between a month ago and three months ahead. Then it runs the sweep as beat would:

  1. the first sweep, which plans and sends every reminder that is due (time and queries);
  2. the same sweep again, which finds nothing left to do (the cost of every later hourly run);
  3. the first sweep once more after clearing its output, under tracemalloc, for peak memory.

The sweeps run in a fresh process, so its peak RSS is the sweep's and not the filling's. E-mail is
queued for the outbox task as on a real deployment, not sent in-process.

    DATABASE_URL=postgres://boks_ci:boks_ci@127.0.0.1:5432/boks_bench .venv/bin/python bench/wattelt_sweep.py
"""

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ.setdefault("DJANGO_DEBUG", "False")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from boks.accounts.choices import TeamRole  # noqa: E402
from boks.accounts.models import Membership, Organisatie, Team, User, Wijk  # noqa: E402
from boks.celery import app as celery_app  # noqa: E402
from boks.dossiers.choices import ContactSoort, Melder, Rol, Status  # noqa: E402
from boks.dossiers.models import Contactmoment, Huishouden, Persoon, Traject  # noqa: E402
from boks.notifications.models import Notification, OutboundEmail  # noqa: E402
from boks.wattelt import schedule, services  # noqa: E402
from boks.wattelt.models import Herinnering, Meting  # noqa: E402

CHUNK = 5000
MARKER = "Benchmark Wat Telt"


def _chunks(rows):
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _bulk(model, rows) -> list:
    created = []
    for chunk in _chunks(rows):
        created += model.objects.bulk_create(chunk)
    return created


@transaction.atomic
def fill(total: int) -> None:
    rng = random.Random(2026)  # noqa: S311 (reproducible data, not security)
    today = timezone.localdate()
    organisatie = Organisatie.objects.create(naam=MARKER, korte_naam="Bench", soort="sociaal")
    wijk, _ = Wijk.objects.get_or_create(naam="Benchwijk", gemeente="Utrecht")
    teams = [Team.objects.create(organisatie=organisatie, naam=f"Bench {n}", wijk=wijk) for n in range(20)]
    workers = []
    for n in range(400):
        user = User.objects.create_user(email=f"bench{n}@bench.example", first_name="Bench", last_name=str(n))
        Membership.objects.create(user=user, team=teams[n % 20], role=TeamRole.GEZINSWERKER)
        workers.append(user)
    huishoudens = _bulk(Huishouden, [Huishouden(naam=f"Huishouden {n}", team=teams[n % 20]) for n in range(total)])
    personen = _bulk(
        Persoon,
        [
            Persoon(
                huishouden=h,
                voornaam="Client",
                achternaam=str(n),
                geboortedatum=datetime.date(1980, 1, 1),
                rol=Rol.VOLWASSENE,
            )
            for n, h in enumerate(huishoudens)
        ],
    )
    trajecten = []
    for n, huishouden in enumerate(huishoudens):
        kind = rng.random()
        kennismaking = None if kind < 0.1 else today - datetime.timedelta(days=rng.randint(5, 400))
        trajecten.append(
            Traject(
                dossiernummer=f"B-{n:07d}",
                huishouden=huishouden,
                team_id=huishouden.team_id,
                regisseur=workers[n % len(workers)],
                status=Status.AANGEMELD if kennismaking is None else Status.UITVOERING,
                aanmelddatum=(kennismaking or today) - datetime.timedelta(days=7),
                melder=Melder.ZELFMELDER,
                aanmeldvraag="Benchmark",
                kennismaking_op=kennismaking,
            )
        )
    trajecten = _bulk(Traject, trajecten)
    gesprekken, metingen = [], []
    for traject, persoon in zip(trajecten, personen, strict=True):
        if traject.kennismaking_op is None:
            continue
        if rng.random() < 0.22:
            for number in range(rng.randint(0, 4)):
                day = traject.kennismaking_op + datetime.timedelta(days=7 * (number + 1))
                moment = timezone.make_aware(datetime.datetime.combine(min(day, today), datetime.time(10)))
                gesprekken.append(
                    Contactmoment(
                        traject=traject,
                        auteur_id=traject.regisseur_id,
                        plaatsgevonden_op=moment,
                        soort=ContactSoort.GESPREK,
                        tekst="Gesprek",
                    )
                )
            continue
        next_round = today + datetime.timedelta(days=rng.randint(-30, 90))
        for ronde, months in ((1, -6), (2, -3)):
            datum = schedule.add_months(next_round, months)
            metingen.append(
                Meting(
                    traject=traject,
                    persoon=persoon,
                    ronde=ronde,
                    datum=datum,
                    variant="digitaal",
                    schaal_min=1,
                    schaal_max=10,
                    volgende_ronde_op=schedule.add_months(datum, 3),
                    aangemaakt_door_id=traject.regisseur_id,
                    kanaal="medewerker",
                    sleutel=uuid.uuid4(),
                )
            )
    _bulk(Contactmoment, gesprekken)
    _bulk(Meting, metingen)


def clear_output() -> None:
    """Removes what a sweep wrote, in SQL: the ORM's delete() would load every row into memory and
    the peak RSS would measure the clearing instead of the sweep."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Herinnering._meta.db_table}")  # noqa: S608
        for model in (Notification, OutboundEmail):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE key LIKE 'wattelt:%%'")  # noqa: S608


def timed_sweep(batch_size: int) -> dict:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = services.herinneringen_sweep(batch_size=batch_size)
        seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "queries": len(queries.captured_queries), **result.as_dict()}


def measure(batch_size: int) -> dict:
    # Queued for the outbox task (on the in-memory broker here), as a deployment queues it on Redis.
    celery_app.conf.task_always_eager = False
    clear_output()
    first = timed_sweep(batch_size)
    again = timed_sweep(batch_size)
    clear_output()
    tracemalloc.start()
    services.herinneringen_sweep(batch_size=batch_size)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "open_trajecten": Traject.objects.open().count(),
        "batch_size": batch_size,
        "first_sweep": first,
        "second_sweep": again,
        "peak_python_memory_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trajecten", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=services.BATCH_SIZE)
    parser.add_argument("--json", default=str(ROOT / "build" / "bench-wattelt-sweep.json"))
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own: the benchmark is about PostgreSQL.")
    if args.measure:
        print(json.dumps(measure(args.batch_size)))
        return

    call_command("migrate", verbosity=0)
    if not Organisatie.objects.filter(naam=MARKER).exists():
        start = time.perf_counter()
        fill(args.trajecten)
        print(f"filled {args.trajecten} trajecten in {time.perf_counter() - start:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    command = [sys.executable, __file__, "--measure", "--batch-size", str(args.batch_size)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    results = json.loads(output.strip().splitlines()[-1])
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
