"""python manage.py conversie DIR --organisatie X (--dry-run | --commit): validates the CSV files in
DIR, writes the report (CSV and HTML) and, with --commit, imports them."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from boks.conversie.management.opties import organisatie_en_gebruiker

from ... import rapport, services


class Command(BaseCommand):
    help = "Leest een conversie (map met CSV-bestanden, zie docs/conversie.md) en schrijft een validatierapport."

    def add_arguments(self, parser):
        parser.add_argument("map", type=Path)
        parser.add_argument("--organisatie", required=True, help="Korte naam of id van de organisatie.")
        parser.add_argument(
            "--gebruiker", required=True, help="E-mailadres van wie de conversie doet (functioneel beheer)."
        )
        parser.add_argument("--bron", default="oud-systeem", help="Naam van het oude systeem (standaard: oud-systeem).")
        parser.add_argument("--rapport", type=Path, help="Map voor het rapport (standaard: de map zelf).")
        wijze = parser.add_mutually_exclusive_group(required=True)
        wijze.add_argument("--dry-run", action="store_true", help="Alleen controleren; niets opslaan.")
        wijze.add_argument("--commit", action="store_true", help="Controleren en inlezen.")

    def handle(self, *args, **options):
        map_ = options["map"]
        if not map_.is_dir():
            raise CommandError(_("%(map)s is geen map.") % {"map": map_})
        organisatie, actor = organisatie_en_gebruiker(options)
        inlezen = options["commit"]
        begin = time.monotonic()
        validatie = services.voer_uit(
            services.bestanden_uit_map(map_),
            organisatie=organisatie,
            bron=options["bron"],
            actor=actor,
            inlezen=inlezen,
            voortgang=self.voortgang,
        )
        self.stdout.write("")
        aantallen = {soort: a.as_dict() for soort, a in validatie.aantallen.items()}
        fouten = [fout.as_dict() for fout in validatie.fouten]
        doel = options["rapport"] or map_
        doel.mkdir(parents=True, exist_ok=True)
        melding = (
            ""
            if validatie.kan_inlezen or not inlezen
            else _("Niets ingelezen: een bestand kon niet helemaal worden gelezen.")
        )
        (doel / "conversierapport.csv").write_text(
            rapport.als_csv(aantallen=aantallen, fouten=fouten, inlezen=inlezen), encoding="utf-8"
        )
        (doel / "conversierapport.html").write_text(
            rapport.als_html(
                titel=_("Conversierapport %(organisatie)s") % {"organisatie": organisatie},
                aantallen=aantallen,
                fouten=fouten,
                aantal_fouten=len(fouten),
                inlezen=inlezen,
                melding=melding,
            ),
            encoding="utf-8",
        )
        for rij in rapport.aantallen_rijen(aantallen):
            self.stdout.write(
                f"{rij['bestand']}: gelezen {rij['gelezen']}, geldig {rij['geldig']}, afgekeurd {rij['afgekeurd']}, "
                f"{'ingelezen' if inlezen else 'zou worden ingelezen'} {rij['nieuw']}, gewijzigd {rij['gewijzigd']}, "
                f"ongewijzigd {rij['ongewijzigd']}"
            )
        self.stdout.write(
            _("%(n)s meldingen; rapport in %(map)s (%(s).1f s)")
            % {"n": len(fouten), "map": doel, "s": time.monotonic() - begin}
        )
        if melding:
            raise CommandError(melding)

    def voortgang(self, fractie: float, stap: str) -> None:
        breedte = 30
        gevuld = int(fractie * breedte)
        balk = "#" * gevuld + "-" * (breedte - gevuld)
        self.stdout.write(f"\r[{balk}] {int(fractie * 100):3d}% {stap[:50]:<50}", ending="")
        self.stdout.flush()
