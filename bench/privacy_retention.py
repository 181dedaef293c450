"""The nightly retention run over many dossiers: time, queries and peak memory (not a test).

Fills the database in DATABASE_URL (PostgreSQL; use a database of its own, the script adds rows) once
with --dossiers closed households whose last change lies 21 years back and as many recent ones, each
with two people, a closed traject, three journal entries, two timeline events with history, a
document with a stored file and portal access for one of them. Then, in a fresh process:

  1. proposing: the sweep over every household (the recent ones must stay);
  2. the same proposing again, which finds nothing new (the cost of every later night);
  3. destroying --vernietigen approved dossiers in one run (time, queries);
  4. another run of the same size under tracemalloc, for peak memory.

    createdb -h 127.0.0.1 -U boks_ci boks_privacy_bench
    DATABASE_URL=postgres://boks_ci:boks_ci@127.0.0.1:5432/boks_privacy_bench \
        .venv/bin/python bench/privacy_retention.py
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ.setdefault("DJANGO_DEBUG", "False")
os.environ.setdefault("MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "boks-privacy-bench-media"))

import django  # noqa: E402

django.setup()

from dateutil.relativedelta import relativedelta  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from boks.accounts.choices import TeamRole, UserKind  # noqa: E402
from boks.accounts.models import Membership, Organisatie, Team, User, Wijk  # noqa: E402
from boks.documenten.models import Document, DocumentVersie  # noqa: E402
from boks.dossiers.choices import Afsluitreden, ContactSoort, Melder, Rol, Status  # noqa: E402
from boks.dossiers.models import (  # noqa: E402
    Contactmoment,
    Huishouden,
    Persoon,
    Portaaltoegang,
    TijdlijnGebeurtenis,
    Traject,
)
from boks.privacy.choices import VernietigingStatus  # noqa: E402
from boks.privacy.models import Vernietiging  # noqa: E402
from boks.privacy.services import bewaren  # noqa: E402

CHUNK = 5000
MARKER = "Benchmark bewaartermijnen"


def _bulk(model, rows) -> list:
    created = []
    for start in range(0, len(rows), CHUNK):
        created += model.objects.bulk_create(rows[start : start + CHUNK])
    return created


@transaction.atomic
def fill(total: int) -> None:
    now = timezone.now()
    organisatie = Organisatie.objects.create(naam=MARKER, korte_naam="Bench privacy", soort="jeugd_gezin")
    wijk, _ = Wijk.objects.get_or_create(naam="Benchwijk", gemeente="Utrecht")
    team = Team.objects.create(organisatie=organisatie, naam="Bench", wijk=wijk)
    worker = User.objects.create_user(email="bench-privacy@bench.example", first_name="Bench", last_name="Werker")
    Membership.objects.create(user=worker, team=team, role=TeamRole.GEZINSWERKER)
    file_name = default_storage.save("bench/brief.pdf", ContentFile(b"%PDF-1.7\n" + b"x" * 2000))
    for old in (True, False):
        moment = now - relativedelta(years=21) if old else now - relativedelta(years=2)
        huishoudens = _bulk(
            Huishouden,
            [Huishouden(naam=f"Huishouden {old} {n}", team=team, aangemaakt_op=moment) for n in range(total)],
        )
        personen = _bulk(
            Persoon,
            [
                Persoon(
                    huishouden=h,
                    voornaam=voornaam,
                    achternaam=f"Bench{n}",
                    geboortedatum=datetime.date(1970, 1, 1),
                    rol=Rol.OUDER_VERZORGER,
                )
                for n, h in enumerate(huishoudens)
                for voornaam in ("Anna", "Bram")
            ],
        )
        Persoon.history.bulk_history_create(personen, default_date=moment)
        clients = _bulk(
            User,
            [
                User(email=f"bench-{old}-{n}@client.example", kind=UserKind.CLIENT, first_name="Anna")
                for n in range(total)
            ],
        )
        _bulk(Portaaltoegang, [Portaaltoegang(persoon=personen[2 * n], gebruiker=clients[n]) for n in range(total)])
        trajecten = _bulk(
            Traject,
            [
                Traject(
                    dossiernummer=f"BP-{int(old)}-{n:07d}",
                    huishouden=h,
                    team=team,
                    regisseur=worker,
                    status=Status.AFGESLOTEN,
                    aanmelddatum=timezone.localtime(moment).date() - datetime.timedelta(days=200),
                    melder=Melder.ZELFMELDER,
                    aanmeldvraag="Benchmark",
                    afgesloten_op=timezone.localtime(moment).date(),
                    afsluitreden=Afsluitreden.VOLGENS_PLAN,
                    aangemaakt_op=moment,
                )
                for n, h in enumerate(huishoudens)
            ],
        )
        Traject.objects.filter(pk__in=[t.pk for t in trajecten]).update(gewijzigd_op=moment)
        _bulk(
            Contactmoment,
            [
                Contactmoment(
                    traject=t,
                    auteur=worker,
                    plaatsgevonden_op=moment,
                    soort=ContactSoort.GESPREK,
                    tekst="Gesprek",
                    aangemaakt_op=moment,
                )
                for t in trajecten
                for _ in range(3)
            ],
        )
        _bulk(
            TijdlijnGebeurtenis,
            [
                TijdlijnGebeurtenis(
                    traject=t,
                    huishouden_id=t.huishouden_id,
                    soort="bench",
                    titel="Gebeurtenis",
                    plaatsgevonden_op=moment,
                    vastgelegd_op=moment,
                )
                for t in trajecten
                for _ in range(2)
            ],
        )
        documents = _bulk(
            Document,
            [
                Document(
                    huishouden=t.huishouden,
                    traject=t,
                    titel="Brief",
                    soort="bestand",
                    zichtbaarheid="huishouden",
                    aangemaakt_door=worker,
                    aangemaakt_op=moment,
                    gewijzigd_op=moment,
                )
                for t in trajecten
            ],
        )
        _bulk(
            DocumentVersie,
            [
                DocumentVersie(
                    document=d, nummer=1, bestand=file_name, bestandsnaam="brief.pdf", aangemaakt_door=worker
                )
                for d in documents
            ],
        )


class QueryCounter:
    """Counts queries without keeping them (Django's query log stops at 9000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(function, **kwargs):
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        result = function(**kwargs)
        seconds = time.perf_counter() - start
    return result, round(seconds, 2), counter.count


def approve(count: int) -> None:
    ids = list(
        Vernietiging.objects.filter(status=VernietigingStatus.VOORGESTELD, organisatie__naam=MARKER)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    Vernietiging.objects.filter(pk__in=ids).update(status=VernietigingStatus.GOEDGEKEURD)


def measure(vernietigen: int) -> dict:
    vandaag = timezone.localdate()
    proposed, first_seconds, first_queries = timed(bewaren.stel_voor, vandaag=vandaag)
    again, again_seconds, again_queries = timed(bewaren.stel_voor, vandaag=vandaag)
    households_before = Huishouden.objects.count()
    approve(vernietigen)
    result, seconds, queries = timed(bewaren.voer_uit, vandaag=vandaag, limiet=vernietigen)
    # Peak memory on a second run of the same size, under tracemalloc (which slows it down).
    approve(vernietigen)
    tracemalloc.start()
    bewaren.voer_uit(vandaag=vandaag, limiet=vernietigen)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "households": households_before,
        "propose_first_night": {"seconds": first_seconds, "queries": first_queries, "voorgesteld": proposed},
        "propose_again": {"seconds": again_seconds, "queries": again_queries, "voorgesteld": again},
        "destroy": {
            "dossiers": result.vernietigd,
            "failed": len(result.mislukt),
            "seconds": seconds,
            "ms_per_dossier": round(1000 * seconds / max(result.vernietigd, 1), 1),
            "queries": queries,
            "queries_per_dossier": round(queries / max(result.vernietigd, 1), 1),
        },
        "households_left": Huishouden.objects.count(),
        "peak_python_memory_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=10_000, help="Old dossiers (and as many recent ones).")
    parser.add_argument("--vernietigen", type=int, default=1000, help="Approved dossiers destroyed in one run.")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench-privacy-retention.json"))
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own.")
    if args.measure:
        print(json.dumps(measure(args.vernietigen)))
        return
    call_command("migrate", verbosity=0)
    if not Organisatie.objects.filter(naam=MARKER).exists():
        start = time.perf_counter()
        fill(args.dossiers)
        print(f"filled {2 * args.dossiers} households in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    output = (
        subprocess.run(  # noqa: S603 (our own script, fixed arguments)
            [sys.executable, __file__, "--measure", "--vernietigen", str(args.vernietigen)],
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    result = json.loads(output)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
