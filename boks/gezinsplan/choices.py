from django.db import models
from django.utils.translation import gettext_lazy as _


class VersieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")


class DoelStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    BEHAALD = "behaald", _("Behaald")
    DEELS_BEHAALD = "deels_behaald", _("Deels behaald")
    NIET_BEHAALD = "niet_behaald", _("Niet behaald")
    VERVALLEN = "vervallen", _("Vervallen")


class Herkomst(models.TextChoices):
    MEDEWERKER = "medewerker", _("Samen met de medewerker opgesteld")
    CLIENT = "client", _("Voorgesteld door de cliënt")


class WieSoort(models.TextChoices):
    """Who carries out an agreement."""

    CLIENT = "client", _("Cliënt of gezinslid")
    NETWERK = "netwerk", _("Iemand uit het netwerk")
    MEDEWERKER = "medewerker", _("Medewerker van het buurtteam")
    PARTNER = "partner", _("Partner of andere organisatie")


class AfspraakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEDAAN = "gedaan", _("Gedaan")
    VERVALLEN = "vervallen", _("Vervallen")


class Beoordelaar(models.TextChoices):
    CLIENT = "client", _("Cliënt")
    MEDEWERKER = "medewerker", _("Medewerker")
    ANDERS = "anders", _("Iemand anders")


class RegieBij(models.TextChoices):
    BUURTTEAM = "buurtteam", _("De regisseur van het buurtteam")
    EXTERN = "extern", _("Een andere organisatie (het buurtteam begeleidt)")


class VeiligheidOordeel(models.TextChoices):
    GEEN_ZORGEN = "geen_zorgen", _("Geen zorgen over de veiligheid")
    ZORGEN = "zorgen", _("Zorgen over de veiligheid, met afspraken")
    ERNSTIGE_ZORGEN = "ernstige_zorgen", _("Ernstige zorgen: meldcode en afwegingskader volgen")
    ONBEKEND = "onbekend", _("Nog niet beoordeeld")


class ChecklistAntwoord(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")
    ONBEKEND = "onbekend", _("Weet ik niet")


class InstemmingWijze(models.TextChoices):
    GESPREK = "gesprek", _("In een gesprek")
    PORTAAL = "portaal", _("In het portaal")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (ondertekend)")


class VoorstelStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend, nog niet besproken")
    OVERGENOMEN = "overgenomen", _("Overgenomen in het plan")
    BESPROKEN = "besproken", _("Besproken, niet overgenomen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
