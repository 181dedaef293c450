"""python manage.py conversie-export DIR --organisatie X [--team NAAM]: writes the dossiers in the
exchange format of docs/conversie.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from boks.conversie.management.opties import organisatie_en_gebruiker

from ...exporter import exporteer


class Command(BaseCommand):
    help = "Exporteert de dossiers van een organisatie of team in het conversieformaat (docs/conversie.md)."

    def add_arguments(self, parser):
        parser.add_argument("map", type=Path)
        parser.add_argument("--organisatie", required=True, help="Korte naam of id van de organisatie.")
        parser.add_argument("--team", help="Naam van één team; zonder: de hele organisatie.")
        parser.add_argument("--gebruiker", required=True, help="E-mailadres van wie exporteert (voor het toegangslog).")

    def handle(self, *args, **options):
        organisatie, actor = organisatie_en_gebruiker(options)
        team = None
        if options["team"]:
            team = organisatie.teams.filter(naam=options["team"]).first()
            if team is None:
                raise CommandError(_("Onbekend team %(naam)s.") % {"naam": options["team"]})
        aantallen = exporteer(options["map"], organisatie=organisatie, team=team, actor=actor)
        for soort, aantal in aantallen.items():
            self.stdout.write(f"{soort}.csv: {aantal}")
