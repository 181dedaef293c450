from django.core.management.base import BaseCommand

from boks.wattelt import services


class Command(BaseCommand):
    help = (
        "Sends the reminders for Wat Telt rounds that are due or late: the same sweep Celery beat runs. "
        "Safe to run at any time, also next to a running sweep: every reminder goes out once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=services.BATCH_SIZE, help="Rows per transaction.")

    def handle(self, *args, batch_size: int, **options):
        result = services.herinneringen_sweep(batch_size=batch_size)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wat Telt: {result.gepland} herinneringen gepland, {result.verstuurd} verstuurd "
                f"({result.berichten} berichten), {result.overbodig} niet meer nodig, "
                f"{result.zonder_ontvanger} wachten op een regisseur."
            )
        )
