from django.db import models
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    LEZEN = "lezen", _("bekeken")
    ZOEKEN = "zoeken", _("gezocht")
    AANMAKEN = "aanmaken", _("toegevoegd")
    WIJZIGEN = "wijzigen", _("gewijzigd")
    VERWIJDEREN = "verwijderen", _("verwijderd")
    AFDRUKKEN = "afdrukken", _("afgedrukt")
    EXPORTEREN = "exporteren", _("geëxporteerd")
    DOWNLOADEN = "downloaden", _("gedownload")
    NOODTOEGANG = "noodtoegang", _("geopend met noodtoegang")


class Kanaal(models.TextChoices):
    UI = "ui", _("BOKS (scherm)")
    API = "api", _("API")
    PORTAAL = "portaal", _("Portaal")
    TAAK = "taak", _("Achtergrondtaak")


class Grondslag(models.TextChoices):
    """Why the user had access: the basis NEN 7513 asks to record."""

    EIGEN_CASELOAD = "eigen_caseload", _("Eigen caseload")
    TEAM = "team", _("Eigen team")
    CLIENT_ZELF = "client_zelf", _("Cliënt, eigen dossier")
    BREAK_THE_GLASS = "break_the_glass", _("Noodtoegang met reden")
    HANDHAVING = "handhaving", _("Verzoek van handhaving")
    AVG_VERZOEK = "avg_verzoek", _("Verzoek van de betrokkene (AVG)")
    TAAK = "taak", _("Taak van BOKS zelf")
    ONBEKEND = "onbekend", _("Onbekend")
