from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from boks.accounts.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Creates the demo organisations, teams and staff (idempotent) and prints the logins. "
        "Each app that has demo data contributes it through its AppConfig.seed_demo()."
    )

    def handle(self, *args, **options):
        if not settings.BOKS_ALLOW_DEMO_DATA:
            raise CommandError(
                "Demo data is switched off here (BOKS_ALLOW_DEMO_DATA is not set): "
                "demo accounts share a published password and must never exist in production."
            )
        logins = []
        for app_config in apps.get_app_configs():
            seeder = getattr(app_config, "seed_demo", None)
            if seeder:
                logins.extend(seeder() or [])
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at http://127.0.0.1:8000/ with:"))
        width = max(len(email) for email, _ in logins)
        for email, description in logins:
            self.stdout.write(f"  {email.ljust(width)}  {description}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
