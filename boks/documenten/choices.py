from django.db import models
from django.utils.translation import gettext_lazy as _


class Zichtbaarheid(models.TextChoices):
    """Who of the household may see an item in the portal (staff of the traject always can)."""

    HUISHOUDEN = "huishouden", _("Het huishouden")
    PERSONEN = "personen", _("Alleen de gekozen personen")
    MEDEWERKERS = "medewerkers", _("Alleen medewerkers")


class DocumentSoort(models.TextChoices):
    BESTAND = "bestand", _("Bestand")
    TEKST = "tekst", _("Tekst geschreven in BOKS")


class VraagSoort(models.TextChoices):
    OPEN = "open", _("Open vraag")
    KEUZE = "keuze", _("Eén keuze uit een lijst")
    CIJFER = "cijfer", _("Cijfer van 1 tot en met 10")
    JA_NEE = "ja_nee", _("Ja of nee")


class Moment(models.TextChoices):
    ALTIJD = "altijd", _("Altijd in te vullen")
    AFSLUITING = "afsluiting", _("Bij het afsluiten van de begeleiding")
