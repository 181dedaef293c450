"""Importing a large conversion: time and peak memory (not a test).

Generates --trajecten households, each with one to three people, one traject,
--contactmomenten journal entries, Wat Telt rounds, and for trajecten in begeleiding a plan with
goals and scores, referrals and requests (boks/conversie/voorbeeld.py), writes them as CSV files, and runs
`manage.py conversie --commit` on them in a fresh process, timed, with its peak memory (max RSS).
Then runs it again on the same files: the idempotent re-run that must change nothing.

Uses the database in DATABASE_URL (PostgreSQL; use a database of its own, the script adds rows):

    createdb -h 127.0.0.1 -U boks_ci boks_conversie_bench
    DATABASE_URL=postgres://boks_ci:boks_ci@127.0.0.1:5432/boks_conversie_bench \
        .venv/bin/python bench/conversie_import.py --trajecten 100000
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ.setdefault("DJANGO_DEBUG", "False")

import django  # noqa: E402

django.setup()


from boks.accounts.choices import TeamRole, TeamSoort  # noqa: E402
from boks.accounts.models import Membership, Organisatie, Team, User  # noqa: E402
from boks.conversie import voorbeeld  # noqa: E402

TEAMS = ["Bench Noord", "Bench Zuid", "Bench Oost", "Bench West"]


def _wereld() -> tuple[Organisatie, User, list[str]]:
    organisatie, _created = Organisatie.objects.get_or_create(
        korte_naam="Conversiebench", defaults={"naam": "Conversiebench", "soort": "jeugd_gezin"}
    )
    teams = [
        Team.objects.get_or_create(organisatie=organisatie, naam=naam, defaults={"soort": TeamSoort.POOLTEAM})[0]
        for naam in TEAMS
    ]
    beheerder, _created = User.objects.get_or_create(email="beheer@conversiebench.invalid")
    Membership.objects.get_or_create(user=beheerder, team=teams[0], role=TeamRole.FUNCTIONEEL_BEHEERDER)
    # A worker who asks and a manager who decides, so the aanvragen have both.
    medewerkers = []
    for email, rol in (
        ("werker@conversiebench.invalid", TeamRole.GEZINSWERKER),
        ("manager@conversiebench.invalid", TeamRole.TEAMMANAGER),
    ):
        medewerker, _created = User.objects.get_or_create(email=email)
        Membership.objects.get_or_create(user=medewerker, team=teams[0], role=rol)
        medewerkers.append(email)
    return organisatie, beheerder, medewerkers


def _run(map_: Path, organisatie: Organisatie, beheerder: User) -> dict:
    begin = time.monotonic()
    proces = subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [
            sys.executable,
            "-c",
            "import resource, sys, django; django.setup(); from django.core.management import call_command; "
            "call_command('conversie', sys.argv[1], organisatie=sys.argv[2], gebruiker=sys.argv[3], commit=True); "
            "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
            str(map_),
            organisatie.korte_naam,
            beheerder.email,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=os.environ,
    )
    seconden = time.monotonic() - begin
    regels = proces.stdout.replace("\r", "\n").splitlines()
    rss = next(int(regel.split()[1]) for regel in regels if regel.startswith("MAXRSS_KB"))
    return {
        "seconden": round(seconden, 1),
        "piekgeheugen_mb": round(rss / 1024),
        "aantallen": [regel for regel in regels if ".csv:" in regel],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trajecten", type=int, default=100_000)
    parser.add_argument("--contactmomenten", type=int, default=5, help="Journaalregels per traject.")
    args = parser.parse_args()
    organisatie, beheerder, medewerkers = _wereld()
    with tempfile.TemporaryDirectory() as tijdelijk:
        map_ = Path(tijdelijk)
        begin = time.monotonic()
        bestanden = voorbeeld.bestanden(
            trajecten=args.trajecten,
            teams=TEAMS,
            contactmomenten_per_traject=args.contactmomenten,
            tot=datetime.date.today(),
            medewerkers=medewerkers,
        )
        for naam, inhoud in bestanden.items():
            (map_ / naam).write_bytes(inhoud)
        gemaakt = time.monotonic() - begin
        eerste = _run(map_, organisatie, beheerder)
        tweede = _run(map_, organisatie, beheerder)
    print(
        json.dumps(
            {
                "trajecten": args.trajecten,
                "contactmomenten": args.trajecten * args.contactmomenten,
                "bestanden_maken_s": round(gemaakt, 1),
                "inlezen": eerste,
                "opnieuw_inlezen_verandert_niets": tweede,
                "cpu's": os.cpu_count(),
                "bench_proces_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
