"""Prepares the load test: signed-in sessions for users drawn from the generated dataset.

Users of a working day are already signed in, and 200 logins at once would measure the password
hash (PBKDF2, deliberately slow) rather than the pages. So this makes the sessions up front, as a
login with password and authenticator would leave them, and writes each user's session key and
URLs to JSON for bench/locustfile.py. The web server must use the same SECRET_KEY.

    SECRET_KEY=... DATABASE_URL=... .venv/bin/python bench/load_prepare.py --staff 140 --clients 60
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")

import django  # noqa: E402

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.urls import reverse  # noqa: E402

from boks.accounts.choices import TeamRole  # noqa: E402
from boks.accounts.models import Membership  # noqa: E402
from boks.dossiers.choices import Status  # noqa: E402
from boks.dossiers.models import Portaaltoegang, Traject  # noqa: E402
from tests.conftest import logged_in_with_mfa  # noqa: E402


def session_key(user) -> str:
    if not user.is_client and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return logged_in_with_mfa(user).session.session_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=140)
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "build" / "bench" / "load-users.json"))
    args = parser.parse_args()
    rng = random.Random(1)  # noqa: S311 (a reproducible pick of users)

    memberships = list(
        Membership.objects.current()
        .filter(role=TeamRole.GEZINSWERKER, user__email__endswith="@dataset.example")
        .select_related("user")
        .order_by("pk")
    )
    users = []
    for membership in rng.sample(memberships, min(args.staff, len(memberships))):
        trajecten = list(
            Traject.objects.filter(regisseur=membership.user)
            .exclude(status=Status.AFGESLOTEN)
            .order_by("-aanmelddatum")
            .values_list("pk", flat=True)[:5]
        )
        urls = {
            "caseload": [reverse("dossiers:caseload")],
            "team": [reverse("dossiers:team_work", args=[membership.team_id])],
        }
        urls["traject"] = [reverse("dossiers:traject", args=[pk]) for pk in trajecten]
        urls["tijdlijn"] = [reverse("api-traject-tijdlijn", args=[pk]) for pk in trajecten]
        urls["plan"] = [reverse("gezinsplan:plan", args=[pk]) for pk in trajecten]
        urls["wattelt"] = [reverse("wattelt:traject", args=[pk]) for pk in trajecten]
        users.append({"kind": "staff", "session": session_key(membership.user), "urls": urls})
    toegangen = list(
        Portaaltoegang.objects.filter(actief=True, gebruiker__email__endswith="@dataset.example")
        .select_related("gebruiker")
        .order_by("pk")
    )
    for toegang in rng.sample(toegangen, min(args.clients, len(toegangen))):
        urls = {
            "home": [reverse("portal:home")],
            "tijdlijn": [reverse("portal:timeline")],
            "plan": [reverse("portal:plan")],
            "wattelt": [reverse("portal:wattelt")],
        }
        users.append({"kind": "client", "session": session_key(toegang.gebruiker), "urls": urls})
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(users))
    print(f"{len(users)} sessions written to {args.out}")


if __name__ == "__main__":
    main()
