from django.db import models
from django.utils.translation import gettext_lazy as _

from boks.accounts import authorization


class ExternStatus(models.TextChoices):
    GEREGISTREERD = "geregistreerd", _("Geregistreerd, gegevens samenstellen")
    TER_BEOORDELING = "ter_beoordeling", _("Ter beoordeling")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd, klaar om te verstrekken")
    VERSTREKT = "verstrekt", _("Verstrekt")
    AFGEROND = "afgerond", _("Afgerond")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


EXTERN_OPEN = [ExternStatus.GEREGISTREERD, ExternStatus.TER_BEOORDELING, ExternStatus.GOEDGEKEURD]


class SoortVerzoeker(models.TextChoices):
    HANDHAVING = "handhaving", _("Team Handhaving van de gemeente")
    GEMEENTE = "gemeente", _("Andere afdeling van de gemeente")
    POLITIE = "politie", _("Politie")
    JUSTITIE = "justitie", _("Openbaar Ministerie of rechter")
    RAAD_KINDERBESCHERMING = "raad_kinderbescherming", _("Raad voor de Kinderbescherming")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    ANDERS = "anders", _("Andere organisatie")


class SoortGrondslag(models.TextChoices):
    """The basis on which the requester may receive the data (AVG art. 6, and art. 9 for special data)."""

    WETTELIJKE_PLICHT = "wettelijke_plicht", _("Wettelijke plicht om gegevens te verstrekken")
    VORDERING = "vordering", _("Vordering of bevel (Wetboek van Strafvordering)")
    TOESTEMMING = "toestemming", _("Toestemming van de cliënt")
    ANDERS = "anders", _("Andere grondslag")


class ItemSoort(models.TextChoices):
    """What can be compiled into an external request, each from the traject's own records."""

    CONTACTMOMENT = "contactmoment", _("Verslag in het contactjournaal")
    PLANVERSIE = "planversie", _("Versie van het gezinsplan")
    DOCUMENT = "document", _("Document")
    METING = "meting", _("Wat Telt-meting")
    AANVRAAG = "aanvraag", _("Aanvraag aanvullende zorg")


class AvgSoort(models.TextChoices):
    INZAGE = authorization.AVG_SOORT_INZAGE, _("Inzage en afschrift (AVG art. 15)")
    VERBETERING = authorization.AVG_SOORT_VERBETERING, _("Verbetering (AVG art. 16)")
    VERNIETIGING = authorization.AVG_SOORT_VERNIETIGING, _("Vroegtijdige vernietiging (AVG art. 17)")


class AvgStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")


class Kanaal(models.TextChoices):
    PORTAAL = "portaal", _("Door de cliënt in het portaal")
    MEDEWERKER = "medewerker", _("Door een medewerker vastgelegd")


class DossierSoort(models.TextChoices):
    JEUGD = "jeugd", _("Jeugdhulp (Jeugdwet)")
    SOCIAAL = "sociaal", _("Maatschappelijke ondersteuning (Wmo 2015)")


class VernietigingStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Bewaartermijn verstreken, te beoordelen")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd, wordt vernietigd")
    LANGER_BEWAREN = "langer_bewaren", _("Langer bewaren")
    UITGEVOERD = "uitgevoerd", _("Vernietigd")
    VERVALLEN = "vervallen", _("Vervallen: het dossier is weer in gebruik")


VERNIETIGING_OPEN = [VernietigingStatus.VOORGESTELD, VernietigingStatus.GOEDGEKEURD]


class Aanleiding(models.TextChoices):
    BEWAARTERMIJN = "bewaartermijn", _("Bewaartermijn verstreken")
    VERZOEK = "verzoek", _("Verzoek om vroegtijdige vernietiging")


class Omvang(models.TextChoices):
    HUISHOUDEN = "huishouden", _("Het hele dossier van het huishouden")
    PERSOON = "persoon", _("De gegevens over één persoon")
