import io
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from boks.dataset.generator import Generator


class Command(BaseCommand):
    help = (
        "Generates a city-sized dataset for benchmarks: --scale 1 is one city-year of Utrecht with five years "
        "of history (DOMAIN.md §6). Seeds the demo organisations first; generated accounts share the demo password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 is one city; 10 is ten times the teams.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed on the same day gives the same data.")
        parser.add_argument(
            "--access-log-days", type=int, default=30, help="How many recent days get access-log rows (0: none)."
        )

    def handle(self, *args, **options):
        if not settings.BOKS_ALLOW_DEMO_DATA:
            raise CommandError(
                "Generated data is switched off here (BOKS_ALLOW_DEMO_DATA is not set): its accounts share the "
                "published demo password and must never exist in production."
            )
        started = time.monotonic()
        call_command("seed_demo", stdout=io.StringIO())
        generator = Generator(
            scale=options["scale"],
            seed=options["seed"],
            access_log_days=options["access_log_days"],
            progress=self._progress if options["verbosity"] else None,
        )
        try:
            counts = generator.run()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if self._bar is not None:
            self._bar.close()
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:40} {count:>12,}")
        self.stdout.write(
            f"Rows written in {generator.seconds['rows']:.0f} s; indexes and foreign keys built in "
            f"{generator.seconds['indexes']:.0f} s."
        )
        self.stdout.write(self.style.SUCCESS(f"Dataset generated in {time.monotonic() - started:.0f} s."))

    _bar = None

    def _progress(self, total: int):
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit=" trajecten", file=self.stderr._out, smoothing=0.05)
        return self._bar.update
