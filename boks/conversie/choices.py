from django.db import models
from django.utils.translation import gettext_lazy as _


class RunWijze(models.TextChoices):
    PROEF = "proef", _("Proefrun (niets opslaan)")
    INLEZEN = "inlezen", _("Inlezen")


class RunStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wacht op de achtergrondtaak")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt; niets ingelezen")


class Codelijst(models.TextChoices):
    """Every column whose values come from a fixed list; legacy codes map to these through Codekoppeling."""

    TEAM = "team", _("Team")
    WIJK = "wijk", _("Wijk")
    ROL = "rol", _("Rol in het huishouden")
    STATUS = "status", _("Status van het traject")
    TRAJECTSOORT = "trajectsoort", _("Soort traject")
    MELDER = "melder", _("Melder")
    URGENTIE = "urgentie", _("Urgentie")
    LEEFGEBIED = "leefgebied", _("Leefgebied")
    REDEN_VERTRAGING = "reden_vertraging", _("Reden dat de norm niet is gehaald")
    AFSLUITREDEN = "afsluitreden", _("Afsluitreden")
    ZELFSTANDIG_VERDER = "zelfstandig_verder", _("Kan zelfstandig verder")
    CONTACTSOORT = "contactsoort", _("Soort contact")
    REDEN_NIET_ZICHTBAAR = "reden_niet_zichtbaar", _("Reden niet zichtbaar")
    WATTELT_VARIANT = "wattelt_variant", _("Wat Telt: variant")
    WATTELT_LEEFGEBIED = "wattelt_leefgebied", _("Wat Telt: leefgebied")
    BEOORDELAAR = "beoordelaar", _("Wat Telt: wie geeft de score")
    REGIE_BIJ = "regie_bij", _("Gezinsplan: regie ligt bij")
    VEILIGHEID_OORDEEL = "veiligheid_oordeel", _("Gezinsplan: veiligheid")
    INSTEMMING_WIJZE = "instemming_wijze", _("Gezinsplan: hoe ingestemd")
    DOELSTATUS = "doelstatus", _("Gezinsplan: status van een doel")
    PLAN_BEOORDELAAR = "plan_beoordelaar", _("Gezinsplan: wie geeft de score")
    ZORGVORM = "zorgvorm", _("Verwijzing: zorgvorm")
    WETTELIJK_KADER = "wettelijk_kader", _("Verwijzing: wettelijk kader")
    AANVRAAGSOORT = "aanvraagsoort", _("Aanvraag: soort")
    AANVRAAGSTATUS = "aanvraagstatus", _("Aanvraag: status")
    GECONTRACTEERD = "gecontracteerd", _("Aanvraag: gecontracteerde aanbieder")
