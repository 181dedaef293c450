"""What the access log costs a page: the caseload (25 trajecten on a page, so 25 log rows) and a
traject page, timed server-side with logging as it runs in production and with it switched off
(the middleware removed and recording made a no-op), in alternating rounds so both see the same
machine load. Not part of the test run; prints a table and writes JSON.

    DATABASE_URL=postgres://.../boks_bench .venv/bin/python bench/access_log_overhead.py --requests 400
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")
os.environ["BOKS_REQUIRE_STAFF_MFA"] = "False"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from boks.accounts.choices import TeamRole  # noqa: E402
from boks.audit import log  # noqa: E402
from boks.audit.models import Toegang  # noqa: E402
from tests.factories import ContactmomentFactory, MembershipFactory, TeamFactory, TrajectFactory, UserFactory  # noqa: E402

ROUNDS = 10
WITHOUT_LOG = [name for name in settings.MIDDLEWARE if name != "boks.audit.middleware.AccessLogMiddleware"]


def dataset():
    team = TeamFactory(naam="Bench")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    trajecten = [TrajectFactory(team=team, regisseur=worker) for _ in range(30)]
    for _ in range(20):
        ContactmomentFactory(traject=trajecten[0], auteur=worker)
    return worker, trajecten[0]


def timed(client: Client, url: str, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def summary(timings: list[float]) -> dict:
    ordered = sorted(timings)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per page and mode")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench-access-log.json"))
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    worker, traject = dataset()
    client = Client()
    client.force_login(worker)
    pages = {
        "caseload (25 trajecten)": reverse("dossiers:caseload"),
        "traject + journal": reverse("dossiers:traject", args=[traject.pk]),
    }
    per_round = max(1, args.requests // ROUNDS)
    results = {}
    for name, url in pages.items():
        timings = {"met log": [], "zonder log": []}
        client.get(url)
        for _ in range(ROUNDS):
            timings["met log"] += timed(client, url, per_round)
            with override_settings(MIDDLEWARE=WITHOUT_LOG), mock.patch.object(log, "record"):
                timings["zonder log"] += timed(client, url, per_round)
        with_log, without_log = summary(timings["met log"]), summary(timings["zonder log"])
        with override_settings(MIDDLEWARE=WITHOUT_LOG), mock.patch.object(log, "record"):
            queries_without = queries(client, url)
        results[name] = {
            "met log": {**with_log, "queries": queries(client, url)},
            "zonder log": {**without_log, "queries": queries_without},
            "extra_p50_ms": round(with_log["p50_ms"] - without_log["p50_ms"], 2),
        }

    print(f"{'page':26} {'mode':11} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}   ({connection.vendor})")
    for name, figures in results.items():
        for mode in ("met log", "zonder log"):
            row = figures[mode]
            print(f"{name:26} {mode:11} {row['p50_ms']:8.2f} {row['p95_ms']:8.2f} {row['queries']:8d}")
        print(f"{'':26} {'verschil':11} {figures['extra_p50_ms']:8.2f}")
    print(f"access-log rows written: {Toegang.objects.count()}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"database": connection.vendor, "results": results}, indent=2))


if __name__ == "__main__":
    main()
