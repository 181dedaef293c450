"""Server-side latency and queries per request for the staff pages and API endpoints.

Runs the requests through Django's test client in-process (no network, no browser), against the
database in DATABASE_URL, with the demo data. Not part of the test run; timings are printed and
written to JSON, never asserted.

    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py --requests 200
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")
os.environ["BOKS_REQUIRE_STAFF_MFA"] = "False"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from boks.accounts.models import Team, User  # noqa: E402
from boks.dossiers.models import Traject  # noqa: E402

WORKER = "gezinswerker@lokalis.example"
MANAGER = "teammanager@lokalis.example"


def pages() -> dict[str, tuple[str | None, str]]:
    """Each measured page: who asks for it, and its URL (on the demo data)."""
    vechtzoom = Team.objects.get(organisatie__korte_naam="Lokalis", naam="Overvecht Vechtzoom")
    busiest = (
        Traject.objects.filter(team=vechtzoom).annotate(entries=Count("contactmomenten")).order_by("-entries").first()
    )
    return {
        "login page (anonymous)": (None, reverse("account_login")),
        "caseload (gezinswerker)": (WORKER, reverse("dossiers:caseload")),
        "caseload search by name": (WORKER, reverse("dossiers:caseload") + "?q=de+vries"),
        "team work (teammanager)": (MANAGER, reverse("dossiers:team_work", args=[vechtzoom.pk])),
        "traject + journal + timeline": (WORKER, reverse("dossiers:traject", args=[busiest.pk])),
        "team members (teammanager)": (MANAGER, reverse("accounts:team_overview")),
        "api trajecten list": (MANAGER, reverse("api-traject-list")),
        "api traject tijdlijn": (WORKER, reverse("api-traject-tijdlijn", args=[busiest.pk])),
        "api me": (WORKER, reverse("api_me")),
    }


def measure(client: Client, url: str, requests: int) -> dict:
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "queries": len(queries.captured_queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--json", default=str(ROOT / "build" / "bench-pages.json"))
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    results = {}
    for name, (email, url) in pages().items():
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        client.get(url)
        results[name] = measure(client, url, args.requests)

    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}   ({connection.vendor}, {args.requests} requests)")
    for name, figures in results.items():
        print(f"{name:32} {figures['p50_ms']:8.2f} {figures['p95_ms']:8.2f} {figures['queries']:8d}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"database": connection.vendor, "results": results}, indent=2))


if __name__ == "__main__":
    main()
