"""The benchmark suite: key pages, API endpoints and sweeps on a generated dataset, against budgets.

For each page or endpoint it picks realistic users from the dataset (different workers, teams,
trajecten and clients), sends many requests through Django's test client in-process (server-side
time, no network) and reports p50/p95 and the queries per request. Every figure is set against two
baselines measured in the same run, as ratios:

- sql: the same request's SQL (captured with CaptureQueriesContext) replayed on a raw cursor, in a
  transaction that is rolled back; page time / SQL time is what Python, templates and middleware add;
- minimal: a view that returns "ok" through the same middleware stack as the same user; the floor of
  a request in this project.

The sweeps (Wat Telt reminders, evaluation reminders, retention proposals) run once for time and
once under tracemalloc for peak memory, each in a transaction that is rolled back, so the dataset
stays as generated and no e-mail leaves. Not part of the test run.

    make bench-suite   # DATABASE_URL=postgres://... holding `manage.py generate_dataset --scale 1`
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")
os.environ["BOKS_REQUIRE_STAFF_MFA"] = "False"
os.environ.setdefault("DJANGO_DEBUG", "False")

import django  # noqa: E402

django.setup()

from boks.garbage import tune_after_startup  # noqa: E402

tune_after_startup()  # as the web processes do (boks/wsgi.py)

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from boks.accounts.choices import TeamRole  # noqa: E402
from boks.accounts.models import Membership, User  # noqa: E402
from boks.dossiers.choices import Status  # noqa: E402
from boks.dossiers.models import Portaaltoegang, Traject  # noqa: E402
from boks.maatwerk.choices import OPEN  # noqa: E402
from boks.maatwerk.models import Aanvraag  # noqa: E402

BUDGET_MS = 150
BUDGET_QUERIES = 25
DASHBOARD_BUDGET_MS = 1000
SWEEP_BUDGET_S = 60
DASHBOARDS = {"team dashboard", "organisation dashboard"}
# "Nu opnieuw berekenen": the figures computed, not served from the snapshot. Budget met if the
# dashboard itself comes from a snapshot (DASHBOARDS above) within the budget.
COMPUTED = {"team dashboard (computed)", "organisation dashboard (computed)"}
COMPUTED_REQUESTS = 5


def _users(role: str, count: int, rng: random.Random, **filters) -> list[Membership]:
    memberships = list(
        Membership.objects.current()
        .filter(role=role, user__email__endswith="@dataset.example", **filters)
        .select_related("team")
        .order_by("pk")
    )
    return rng.sample(memberships, min(count, len(memberships)))


def scenarios(rng: random.Random, spread: int) -> dict[str, list[tuple[User, str]]]:
    """Each measured page: (user, url) pairs drawn from the dataset."""
    workers = _users(TeamRole.GEZINSWERKER, spread, rng)
    managers = _users(TeamRole.TEAMMANAGER, spread, rng)
    running = []
    for membership in workers:
        traject = (
            Traject.objects.filter(regisseur=membership.user, status=Status.UITVOERING)
            .order_by("-aanmelddatum")
            .first()
        )
        if traject:
            running.append((membership.user, traject.pk))
    queue_managers = []
    for membership in managers:
        if Aanvraag.objects.filter(traject__team=membership.team, status__in=OPEN).exists():
            queue_managers.append(membership)
    queue_managers = queue_managers or managers
    quality = list(User.objects.filter(email="kwaliteit@lokalis.example"))
    toegangen = list(
        Portaaltoegang.objects.filter(actief=True, gebruiker__email__endswith="@dataset.example")
        .select_related("gebruiker")
        .order_by("pk")
    )
    clients = [t.gebruiker for t in rng.sample(toegangen, min(spread, len(toegangen)))]
    lokalis = quality[0].memberships.first().team.organisatie_id if quality else None
    return {
        "caseload": [(m.user, reverse("dossiers:caseload")) for m in workers],
        "caseload search": [(m.user, reverse("dossiers:caseload") + "?q=jansen") for m in workers],
        "team queue": [(m.user, reverse("dossiers:team_work", args=[m.team_id])) for m in managers],
        "traject page": [(u, reverse("dossiers:traject", args=[pk])) for u, pk in running],
        "traject timeline (api)": [(u, reverse("api-traject-tijdlijn", args=[pk])) for u, pk in running],
        "gezinsplan": [(u, reverse("gezinsplan:plan", args=[pk])) for u, pk in running],
        "wat telt history": [(u, reverse("wattelt:traject", args=[pk])) for u, pk in running],
        "approval queue": [(m.user, reverse("maatwerk:aanvragen")) for m in queue_managers],
        "api trajecten list": [(m.user, reverse("api-traject-list")) for m in workers],
        "team dashboard": [(m.user, reverse("rapportage:team", args=[m.team_id])) for m in managers],
        "organisation dashboard": [(u, reverse("rapportage:organisatie", args=[lokalis])) for u in quality],
        "team dashboard (computed)": [
            (m.user, reverse("rapportage:team", args=[m.team_id]) + "?vernieuwen=1") for m in managers
        ],
        "organisation dashboard (computed)": [
            (u, reverse("rapportage:organisatie", args=[lokalis]) + "?vernieuwen=1") for u in quality
        ],
        "portal home": [(c, reverse("portal:home")) for c in clients],
        "portal timeline": [(c, reverse("portal:timeline")) for c in clients],
    }


def replay(queries: list[dict]) -> float:
    """Runs captured SQL again on a raw cursor, rolled back; returns milliseconds."""
    statements = [q["sql"] for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
    with transaction.atomic():
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql.replace("%", "%%"))
        elapsed = (time.perf_counter() - start) * 1000
        transaction.set_rollback(True)
    return elapsed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def measure_page(pairs: list[tuple[User, str]], requests: int) -> dict:
    clients = {}
    for user, _url in pairs:
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
    timings, minimal, sql, query_counts = [], [], [], []
    for index in range(requests):
        user, url = pairs[index % len(pairs)]
        client = clients[user.pk]
        if index < len(pairs):
            client.get(url)  # warm: the first request of a session does one-off work
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            query_counts.append(len(captured.captured_queries))
            sql.append(replay(captured.captured_queries))
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, user.email, response.status_code)
        start = time.perf_counter()
        client.get("/__bench__/minimal/")
        minimal.append((time.perf_counter() - start) * 1000)
    p50 = statistics.median(timings)
    return {
        "requests": requests,
        "users": len(clients),
        "p50_ms": round(p50, 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries_max": max(query_counts),
        "queries_median": statistics.median(query_counts),
        "sql_ms": round(statistics.median(sql), 1),
        "minimal_ms": round(statistics.median(minimal), 2),
        "x_sql": round(p50 / max(statistics.median(sql), 0.01), 1),
        "x_minimal": round(p50 / max(statistics.median(minimal), 0.01), 1),
    }


def measure_sweep(function) -> dict:
    def once() -> tuple[float, object]:
        with transaction.atomic():
            start = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - start
            transaction.set_rollback(True)
        return elapsed, result

    elapsed, result = once()
    tracemalloc.start()
    once()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": round(elapsed, 2), "peak_mb": round(peak / 2**20, 1), "result": str(result)[:200]}


def sweeps() -> dict:
    from boks.gezinsplan import services as gezinsplan_services
    from boks.privacy.services import bewaren
    from boks.wattelt import services as wattelt_services

    return {
        "wat telt reminders": measure_sweep(wattelt_services.herinneringen_sweep),
        "evaluation reminders": measure_sweep(gezinsplan_services.remind_due_evaluations),
        "retention": measure_sweep(lambda: bewaren.voer_uit(vandaag=timezone.localdate(), limiet=bewaren.LIMIET)),
    }


def verdict(name: str, figures: dict) -> str:
    if name in COMPUTED:
        return "ok" if figures["p95_ms"] <= DASHBOARD_BUDGET_MS else "snapshot"
    if name in DASHBOARDS:
        return "ok" if figures["p95_ms"] <= DASHBOARD_BUDGET_MS else "MISS"
    ok = figures["p95_ms"] <= BUDGET_MS and figures["queries_max"] <= BUDGET_QUERIES
    return "ok" if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="per page")
    parser.add_argument("--spread", type=int, default=20, help="how many different users per page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--no-sweeps", action="store_true")
    parser.add_argument("--label", default="", help="e.g. n1; names the JSON file")
    args = parser.parse_args()

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    rng = random.Random(args.seed)  # noqa: S311 (a reproducible pick of users)
    results = {}
    # Without DEBUG the manifest storage needs collectstatic; the plain storage costs the same per URL.
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(ROOT_URLCONF="bench.minimal_urls", STORAGES=plain):
        for name, pairs in scenarios(rng, args.spread).items():
            if args.only and name not in args.only.split(","):
                continue
            if not pairs:
                print(f"{name}: no users for it in this dataset; skipped")
                continue
            requests = args.requests
            if name in DASHBOARDS:
                requests = max(10, args.requests // 10)
            elif name in COMPUTED:
                requests = COMPUTED_REQUESTS
            results[name] = measure_page(pairs, requests)
            results[name]["verdict"] = verdict(name, results[name])
            print(f"  measured {name}: p95 {results[name]['p95_ms']} ms", file=sys.stderr)
    sweep_results = {} if args.no_sweeps else sweeps()

    trajecten = Traject.objects.count()
    header = f"{'page':34} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'sql ms':>7} {'x sql':>6} {'x min':>6}  budget"
    print(
        f"\n{connection.vendor}, {trajecten:,} trajecten, {args.requests} requests per page "
        f"(dashboards /10, computed dashboards {COMPUTED_REQUESTS})"
    )
    print(header)
    for name, f in results.items():
        print(
            f"{name:34} {f['p50_ms']:7.1f} {f['p95_ms']:7.1f} {f['queries_max']:7d} {f['sql_ms']:7.1f} "
            f"{f['x_sql']:6.1f} {f['x_minimal']:6.1f}  {f['verdict']}"
        )
    if results:
        print(f"minimal view p50: {statistics.median(f['minimal_ms'] for f in results.values()):.2f} ms")
    for name, f in sweep_results.items():
        ok = "ok" if f["seconds"] <= SWEEP_BUDGET_S else "MISS"
        print(f"{name:34} {f['seconds']:7.2f} s  peak {f['peak_mb']:6.1f} MB  {ok}   {f['result']}")
    out = ROOT / "build" / "bench" / f"suite{'-' + args.label if args.label else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"database": connection.vendor, "trajecten": trajecten, "pages": results, "sweeps": sweep_results},
            indent=2,
        )
    )
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
