from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from boks.accounts import matrix_table

DOCS = Path(settings.BASE_DIR) / "docs" / "authorisation.md"
BEGIN, END = "<!-- autorisatiematrix:begin -->\n", "<!-- autorisatiematrix:end -->"


class Command(BaseCommand):
    help = "Prints the authorisation matrix as a Markdown table; with --docs, writes it into docs/authorisation.md."

    def add_arguments(self, parser):
        parser.add_argument("--docs", action="store_true", help="Replace the table in docs/authorisation.md.")

    def handle(self, *args, docs: bool = False, **options):
        table = matrix_table.markdown()
        if not docs:
            self.stdout.write(table, ending="")
            return
        text = DOCS.read_text()
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
        DOCS.write_text(text[:start] + table + text[end:])
        self.stdout.write(f"Wrote the matrix into {DOCS}")
