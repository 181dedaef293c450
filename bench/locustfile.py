"""Locust users for the load test (bench/load.sh): staff and clients from the generated dataset,
each with a session made by bench/load_prepare.py. Think time BENCH_THINK_MIN..BENCH_THINK_MAX
seconds (5-15 by default; 0 for the saturation runs)."""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, constant, task

USERS = json.loads(Path(os.environ["BENCH_USERS"]).read_text())
STAFF = itertools.cycle([u for u in USERS if u["kind"] == "staff"])
CLIENTS = itertools.cycle([u for u in USERS if u["kind"] == "client"])
THINK_MIN = float(os.environ.get("BENCH_THINK_MIN", "5"))
THINK_MAX = float(os.environ.get("BENCH_THINK_MAX", "15"))
COOKIE = os.environ.get("BENCH_SESSION_COOKIE", "__Host-sessionid")
WAIT = between(THINK_MIN, THINK_MAX) if THINK_MAX else constant(0)


class _Signed(HttpUser):
    abstract = True
    wait_time = WAIT
    pool = None

    def on_start(self):
        self.me = next(self.pool)
        # Behind the TLS proxy in production; the proxy's header tells Django the request was HTTPS.
        self.client.headers.update({"Cookie": f"{COOKIE}={self.me['session']}", "X-Forwarded-Proto": "https"})

    def visit(self, kind: str) -> None:
        urls = self.me["urls"].get(kind)
        if urls:
            url = random.choice(urls)  # noqa: S311 (which page next, not security)
            name = f"{self.__class__.__name__.lower()} {kind}"
            # A redirect (to the login or MFA page) would look like success to locust: only 200 is.
            with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"status {response.status_code}")


class Medewerker(_Signed):
    weight = 7
    pool = STAFF

    @task(4)
    def caseload(self):
        self.visit("caseload")

    @task(4)
    def traject(self):
        self.visit("traject")

    @task(1)
    def tijdlijn(self):
        self.visit("tijdlijn")

    @task(2)
    def plan(self):
        self.visit("plan")

    @task(1)
    def wattelt(self):
        self.visit("wattelt")

    @task(1)
    def team(self):
        self.visit("team")


class Client(_Signed):
    weight = 3
    pool = CLIENTS

    @task(3)
    def home(self):
        self.visit("home")

    @task(2)
    def tijdlijn(self):
        self.visit("tijdlijn")

    @task(1)
    def plan(self):
        self.visit("plan")

    @task(1)
    def wattelt(self):
        self.visit("wattelt")
