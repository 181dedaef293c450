from django.db import models
from django.utils.translation import gettext_lazy as _

from boks.dossiers.choices import ContactSoort, Leefgebied


class Variant(models.TextChoices):
    DIGITAAL = "digitaal", _("Digitaal")
    PAPIER = "papier", _("Papier")


class Beoordelaar(models.TextChoices):
    """Who gives a score: the client, the worker and, when there is one, a third party."""

    KLANT = "klant", _("Cliënt")
    MEDEWERKER = "medewerker", _("Buurtteammedewerker")
    DERDE = "derde", _("Derde")


class Kanaal(models.TextChoices):
    MEDEWERKER = "medewerker", _("Ingevoerd door een medewerker")
    PORTAAL = "portaal", _("Ingevuld door de cliënt in het portaal")


class HerinneringSoort(models.TextChoices):
    AAN_DE_BEURT = "aan_de_beurt", _("Ronde is aan de beurt")
    TE_LAAT = "te_laat", _("Ronde is te laat")


class HerinneringStatus(models.TextChoices):
    GEPLAND = "gepland", _("Nog te versturen")
    VERSTUURD = "verstuurd", _("Verstuurd")
    OVERBODIG = "overbodig", _("Niet meer nodig: de ronde is gehouden of het traject is afgesloten")


# Journal entries that are a conversation with the client; the first round falls within the
# first three of them after the kennismaking. Team meetings and e-mail do not count.
GESPREK_SOORTEN = [
    ContactSoort.GESPREK,
    ContactSoort.HUISBEZOEK,
    ContactSoort.TELEFONISCH,
    ContactSoort.DRIEGESPREK,
    ContactSoort.NETWERKBERAAD,
]

# The catalogue every organisation starts with: the leefgebieden of DOMAIN.md §3 first, then the
# rest of §5.1. The codes are those of the aanmelding's and the gezinsplan's leefgebieden, so a
# goal and a Wat Telt chart meet on the code.
STANDAARD_LEEFGEBIEDEN = [
    Leefgebied.GEESTELIJKE_GEZONDHEID,
    Leefgebied.LICHAMELIJKE_GEZONDHEID,
    Leefgebied.WONEN,
    Leefgebied.WERK_PARTICIPATIE,
    Leefgebied.FINANCIEN,
    Leefgebied.SOCIALE_CONTACTEN,
    Leefgebied.ZINGEVING,
    Leefgebied.OPVOEDEN_OPGROEIEN,
    Leefgebied.HUISHOUDEN,
    Leefgebied.VEILIGHEID,
    Leefgebied.OUDERSCHAP_SCHEIDING,
    Leefgebied.BEPERKINGEN,
    Leefgebied.TAAL,
    Leefgebied.ONDERWIJS,
]
