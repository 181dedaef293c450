from django.core.management.base import BaseCommand

from boks.accounts import matrix_table


class Command(BaseCommand):
    help = "Prints the authorisation matrix as a Markdown table (docs/authorisation.md holds its output)."

    def handle(self, *args, **options):
        self.stdout.write(matrix_table.markdown(), ending="")
