import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from boks.privacy.services import bewaren


class Command(BaseCommand):
    help = (
        "Runs the retention sweep by hand: proposes dossiers whose retention period has passed, destroys "
        "those the privacyfunctionaris approved, and removes leftover files. The same as the nightly task."
    )

    def add_arguments(self, parser):
        parser.add_argument("--vandaag", help="Run as if today were this date (YYYY-MM-DD), e.g. to rehearse.")
        parser.add_argument("--limiet", type=int, default=bewaren.LIMIET, help="Most dossiers destroyed in one run.")
        parser.add_argument(
            "--alleen-voorstellen", action="store_true", help="Only propose; destroy nothing, remove no files."
        )

    def handle(self, *args, **options):
        vandaag = timezone.localdate()
        if options["vandaag"]:
            try:
                vandaag = datetime.date.fromisoformat(options["vandaag"])
            except ValueError as wrong:
                raise CommandError("--vandaag takes a date as YYYY-MM-DD") from wrong
        if options["alleen_voorstellen"]:
            aantal = bewaren.stel_voor(vandaag=vandaag)
            self.stdout.write(f"{aantal} dossiers voorgesteld voor vernietiging ({vandaag}).")
            return
        resultaat = bewaren.voer_uit(vandaag=vandaag, limiet=options["limiet"])
        self.stdout.write(
            f"{vandaag}: {resultaat.voorgesteld} voorgesteld, {resultaat.vernietigd} vernietigd, "
            f"{resultaat.vervallen} vervallen, {len(resultaat.mislukt)} mislukt, "
            f"{resultaat.bestanden} bestanden verwijderd."
        )
        if resultaat.mislukt:
            raise CommandError(f"Niet gelukt (zie het log): vernietigingen {resultaat.mislukt}")
