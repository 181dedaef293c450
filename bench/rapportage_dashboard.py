"""The organisation dashboard and the report pack over 100 000 trajecten: time and queries (not a test).

Fills the database in DATABASE_URL (PostgreSQL; a database of its own, which the script creates
when it does not exist yet and migrates) once with one organisation of 18 teams in 6 clusters and
--trajecten trajecten registered over five years, in the mixes of DOMAIN.md §6: a fifth still open
(some waiting, most in uitvoering with a vastgesteld plan), the rest closed with an afsluitreden,
'kan zelfstandig verder' and often a rapportcijfer; households of one to four persons; referrals
for about one in seven; Wat Telt metingen with scores for about one in four. Bulk inserts, so the
filling takes a minute or two; a second run reuses the data.

Then, for the last full quarter, it measures (median of --runs, after one warm-up):
  1. the organisation dashboard as a page (GET /rapportage/organisatie/<id>/, a teammanager),
     computed ('Nu opnieuw berekenen') and served from its snapshot (boks/rapportage/snapshots.py),
  2. the same for one team, computed (GET /rapportage/team/<id>/),
  3. the quarterly report pack (rapport.bouw) and the year's,
  4. vaststellen of the quarter (once),
and prints time and number of queries for each, as text and as JSON.

    DATABASE_URL=postgres://boks_ci:boks_ci@127.0.0.1:5432/boks_rapportage_bench \\
        .venv/bin/python bench/rapportage_dashboard.py
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
import uuid
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ.setdefault("DJANGO_DEBUG", "False")
os.environ["BOKS_REQUIRE_STAFF_MFA"] = "False"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic needed here


def ensure_database() -> None:
    """Creates the benchmark database when it does not exist (the role may create databases)."""
    import environ
    import psycopg

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if "postgresql" not in config["ENGINE"]:
        sys.exit("This benchmark measures PostgreSQL: set DATABASE_URL=postgres://…/boks_rapportage_bench")
    params = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER"),
        "password": config.get("PASSWORD"),
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


if "DATABASE_URL" not in os.environ:
    sys.exit("Set DATABASE_URL to a PostgreSQL database of its own, e.g. …/boks_rapportage_bench")
ensure_database()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# The pages are rendered in-process without collectstatic: serve static names as they are.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from boks.accounts.choices import TeamRole  # noqa: E402
from boks.accounts.models import Cluster, Membership, Organisatie, Team, User, Wijk  # noqa: E402
from boks.dossiers.choices import Afsluitreden, Melder, Rol, Status, ZelfstandigVerder  # noqa: E402
from boks.dossiers.models import Huishouden, Persoon, Traject  # noqa: E402
from boks.gezinsplan.choices import InstemmingWijze, VersieStatus  # noqa: E402
from boks.gezinsplan.models import Gezinsplan, PlanSjabloon, PlanVersie, SjabloonVersie  # noqa: E402
from boks.maatwerk.models import Verwijzing  # noqa: E402
from boks.rapportage import rapport, services  # noqa: E402
from boks.rapportage.models import Vaststelling  # noqa: E402
from boks.rapportage.periods import jaar, laatste_afgelopen_kwartaal  # noqa: E402
from boks.wattelt.choices import Beoordelaar, Kanaal, Variant  # noqa: E402
from boks.wattelt.models import Leefgebied, Meting, Score  # noqa: E402

CHUNK = 5000
MARKER = "Benchmark Rapportage"
MELDERS = [m for m in Melder.values if m != Melder.OVERIG]
REDENEN = [
    (Afsluitreden.VOLGENS_PLAN, 58),
    (Afsluitreden.IN_OVERLEG_VOORTIJDIG, 16),
    (Afsluitreden.EENZIJDIG_CLIENT, 11),
    (Afsluitreden.EENZIJDIG_AANBIEDER, 9),
    (Afsluitreden.EXTERNE_OMSTANDIGHEDEN, 6),
]
ZELFSTANDIG = [
    (ZelfstandigVerder.JA, 80),
    (ZelfstandigVerder.NEE, 12),
    (ZelfstandigVerder.ONBEKEND, 4),
    (ZelfstandigVerder.NIET_VAN_TOEPASSING, 4),
]
LEEFGEBIEDEN = ["wonen", "financien", "sociale_contacten", "geestelijke_gezondheid"]


def _bulk(model, rows) -> list:
    created = []
    for start in range(0, len(rows), CHUNK):
        created += model.objects.bulk_create(rows[start : start + CHUNK])
    return created


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


@transaction.atomic
def fill(total: int) -> Organisatie:
    rng = random.Random(2026)  # noqa: S311 (reproducible data, not security)
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=5 * 365)
    organisatie = Organisatie.objects.create(naam=MARKER, korte_naam="Bench rapportage", soort="sociaal")
    wijken = [Wijk.objects.get_or_create(naam=f"Benchwijk {n}", gemeente="Utrecht")[0] for n in range(10)]
    clusters = [Cluster.objects.create(organisatie=organisatie, naam=f"Cluster {n}") for n in range(6)]
    teams = [
        Team.objects.create(organisatie=organisatie, naam=f"Team {n:02d}", wijk=wijken[n % 10], cluster=clusters[n % 6])
        for n in range(18)
    ]
    workers = []
    for n in range(300):
        user = User.objects.create_user(
            email=f"rapportage-bench{n}@bench.example", first_name="Bench", last_name=str(n)
        )
        Membership.objects.create(user=user, team=teams[n % 18], role=TeamRole.GEZINSWERKER, start_date=first_day)
        workers.append(user)
    manager = User.objects.create_user(email="rapportage-bench-manager@bench.example", first_name="Bench")
    Membership.objects.create(user=manager, team=teams[0], role=TeamRole.TEAMMANAGER, start_date=first_day)

    households = _bulk(
        Huishouden,
        [
            Huishouden(naam=f"Huishouden {n}", team=teams[n % 18], wijk=wijken[rng.randrange(10)] if n % 9 else None)
            for n in range(total)
        ],
    )
    persons = []
    for household in households:
        for k in range(rng.choice([1, 1, 2, 2, 3, 4])):
            persons.append(
                Persoon(
                    huishouden=household,
                    voornaam="Bench",
                    achternaam=f"Persoon {household.pk}-{k}",
                    geboortedatum=datetime.date(1960 + rng.randrange(50), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                    rol=Rol.OUDER_VERZORGER if k == 0 else Rol.JEUGDIGE,
                )
            )
    persons = _bulk(Persoon, persons)
    first_person = {}
    for person in persons:
        first_person.setdefault(person.huishouden_id, person)

    trajecten = []
    for n, household in enumerate(households):
        aangemeld = first_day + datetime.timedelta(days=rng.randrange((today - first_day).days))
        row = Traject(
            huishouden=household,
            team=household.team,
            regisseur=workers[rng.randrange(len(workers))],
            dossiernummer=f"B{n:07d}",
            aanmelddatum=aangemeld,
            melder=rng.choice(MELDERS),
            aanmeldvraag="Benchmark",
            status=Status.AANGEMELD,
        )
        age = (today - aangemeld).days
        if age > 3 and rng.random() < 0.97:
            werkdagen = min(int(rng.expovariate(1 / 4)), 40)
            row.kennismaking_op = min(aangemeld + datetime.timedelta(days=werkdagen * 7 // 5), today)
            row.werkdagen_tot_kennismaking = werkdagen
            row.kalenderdagen_tot_kennismaking = (row.kennismaking_op - aangemeld).days
            row.status = Status.WACHTEND
            if rng.random() < 0.9 and age > 30:
                row.begeleiding_gestart_op = row.kennismaking_op + datetime.timedelta(days=int(rng.expovariate(1 / 20)))
                row.begeleiding_gestart_op = min(row.begeleiding_gestart_op, today)
                row.status = Status.PLAN
                if age > 60:
                    row.uitvoering_gestart_op = min(row.begeleiding_gestart_op + datetime.timedelta(days=21), today)
                    row.status = Status.UITVOERING
        # About a fifth of all trajecten are still open; the rest closed after months to years.
        if age > 40 and rng.random() < 0.8:
            duration = int(rng.expovariate(1 / 300)) + 14
            closed = aangemeld + datetime.timedelta(days=duration)
            if closed < today:
                row.status_voor_afsluiten = row.status
                row.status = Status.AFGESLOTEN
                row.afgesloten_op = closed
                row.afsluitreden = _pick(rng, REDENEN)
                row.zelfstandig_verder = _pick(rng, ZELFSTANDIG)
                row.rapportcijfer = min(10, max(1, round(rng.gauss(8, 1)))) if rng.random() < 0.3 else None
        trajecten.append(row)
    trajecten = _bulk(Traject, trajecten)

    sjabloon = PlanSjabloon.objects.create(organisatie=organisatie, naam="Bench", standaard=True)
    versie = SjabloonVersie.objects.create(sjabloon=sjabloon, nummer=1, inhoud={})
    with_plan = [t for t in trajecten if t.uitvoering_gestart_op and rng.random() < 0.95]
    plans = _bulk(
        Gezinsplan,
        [
            Gezinsplan(
                traject=t,
                volgende_evaluatie_op=t.uitvoering_gestart_op + datetime.timedelta(days=rng.randrange(60, 400)),
            )
            for t in with_plan
        ],
    )
    now = timezone.now()
    _bulk(
        PlanVersie,
        [
            PlanVersie(
                plan=plan,
                nummer=1,
                status=VersieStatus.VASTGESTELD,
                sjabloon_versie=versie,
                aangemaakt_door=t.regisseur,
                gewijzigd_door=t.regisseur,
                vastgesteld_op=now,
                vastgesteld_door=t.regisseur,
                instemming_van=first_person[t.huishouden_id],
                instemming_op=t.uitvoering_gestart_op,
                instemming_wijze=InstemmingWijze.GESPREK,
            )
            for plan, t in zip(plans, with_plan, strict=True)
        ],
    )
    _bulk(
        Verwijzing,
        [
            Verwijzing(
                traject=t,
                zorgvorm="wmo_begeleiding" if n % 3 else "wmo_dagbesteding",
                wettelijk_kader="wmo",
                aanbieder=f"Aanbieder {n % 25}",
                startdatum=min(t.begeleiding_gestart_op + datetime.timedelta(days=30), today),
                geregistreerd_door=t.regisseur,
            )
            for n, t in enumerate(trajecten)
            if t.begeleiding_gestart_op and n % 7 == 0
        ],
    )
    leefgebieden = [
        Leefgebied.objects.get_or_create(organisatie=organisatie, code=code, defaults={"naam": code})[0]
        for code in LEEFGEBIEDEN
    ]
    metingen = []
    for n, t in enumerate(trajecten):
        if t.kennismaking_op and n % 4 == 0:
            for ronde in range(1, 3):
                datum = min(t.kennismaking_op + datetime.timedelta(days=30 + 90 * (ronde - 1)), today)
                metingen.append(
                    Meting(
                        traject=t,
                        persoon=first_person[t.huishouden_id],
                        ronde=ronde,
                        datum=datum,
                        variant=Variant.DIGITAAL if n % 3 else Variant.PAPIER,
                        schaal_min=0,
                        schaal_max=10,
                        volgende_ronde_op=datum + datetime.timedelta(days=90),
                        aangemaakt_door=t.regisseur,
                        kanaal=Kanaal.MEDEWERKER,
                        sleutel=uuid.uuid4(),
                    )
                )
    metingen = _bulk(Meting, metingen)
    _bulk(
        Score,
        [
            Score(
                meting=meting,
                leefgebied=leefgebied,
                beoordelaar=Beoordelaar.KLANT,
                waarde=rng.randrange(11),
                ingevoerd_door=meting.aangemaakt_door,
                kanaal=Kanaal.MEDEWERKER,
            )
            for meting in metingen
            for leefgebied in leefgebieden[:2]
        ],
    )
    return organisatie


def measure(label: str, runs: int, action) -> dict:
    action()  # warm-up: connection, caches, first settings rows
    timings, queries = [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            action()
            timings.append(time.perf_counter() - start)
        queries = len(captured)
    result = {"meting": label, "seconden": round(statistics.median(timings), 3), "queries": queries}
    print(f"  {label:<48} {result['seconden']:>7.3f} s  {queries:>4} queries")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trajecten", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    organisatie = Organisatie.objects.filter(naam=MARKER).first()
    if organisatie is None:
        start = time.perf_counter()
        organisatie = fill(args.trajecten)
        print(f"Filled {args.trajecten} trajecten in {time.perf_counter() - start:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    count = Traject.objects.filter(team__organisatie=organisatie).count()
    manager = User.objects.get(email="rapportage-bench-manager@bench.example")
    team = Team.objects.filter(organisatie=organisatie).order_by("naam").first()
    quarter = laatste_afgelopen_kwartaal()
    client = Client()
    client.force_login(manager)
    params = {"periode": quarter.code}
    print(f"{count} trajecten, {quarter.label}, PostgreSQL {connection.pg_version}")

    def page(url, **extra):
        def get():
            response = client.get(url, {**params, **extra})
            assert response.status_code == 200, response.status_code

        return get

    organisatie_url = reverse("rapportage:organisatie", args=[organisatie.pk])
    results = [
        measure("organisation dashboard page, computed", args.runs, page(organisatie_url, vernieuwen="1")),
        measure("organisation dashboard page, from its snapshot", args.runs, page(organisatie_url)),
        measure(
            "team dashboard page, computed", args.runs, page(reverse("rapportage:team", args=[team.pk]), vernieuwen="1")
        ),
        measure(f"report pack {quarter.code}", args.runs, lambda: rapport.bouw(organisatie, quarter)),
        measure(
            f"report pack {quarter.van.year}", args.runs, lambda: rapport.bouw(organisatie, jaar(quarter.van.year))
        ),
    ]
    kwaliteit = User.objects.filter(email="rapportage-bench-kwaliteit@bench.example").first()
    if kwaliteit is None:
        kwaliteit = User.objects.create_user(email="rapportage-bench-kwaliteit@bench.example", first_name="Bench")
        Membership.objects.create(user=kwaliteit, team=team, role=TeamRole.KWALITEITSMEDEWERKER)
    versie_count = Vaststelling.objects.filter(organisatie=organisatie, periode=quarter.code).count()
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        services.vaststellen(
            actor=kwaliteit,
            organisatie=organisatie,
            periode=quarter,
            toelichting="Benchmark" if versie_count else "",
        )
        seconds = time.perf_counter() - start
    print(f"  {'vaststellen ' + quarter.code:<48} {seconds:>7.3f} s  {len(captured):>4} queries")
    results.append({"meting": f"vaststellen {quarter.code}", "seconden": round(seconds, 3), "queries": len(captured)})
    print(json.dumps({"trajecten": count, "periode": quarter.code, "resultaten": results}, indent=2))


if __name__ == "__main__":
    main()
