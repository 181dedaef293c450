from django.db import models
from django.utils.translation import gettext_lazy as _

from boks.accounts import authorization


class WettelijkKader(models.TextChoices):
    JEUGDWET = "jeugdwet", _("Jeugdwet")
    WMO = "wmo", _("Wmo")


class Zorgvorm(models.TextChoices):
    """The product-of-dienst categories of referrals to aanvullende zorg (DOMAIN.md §5.4, Lokalis
    Bijlage II, plus the help forms named elsewhere in §5.4). Reports count referrals per zorgvorm."""

    JEUGD_AMBULANT_LOCATIE = "jeugd_ambulant_locatie", _("Jeugd: ambulante jeugdhulp op locatie van de aanbieder")
    JEUGD_AMBULANT_NETWERK = "jeugd_ambulant_netwerk", _("Jeugd: jeugdhulp in het netwerk van de jeugdige")
    JEUGD_DAGHULP = "jeugd_daghulp", _("Jeugd: daghulp op locatie van de aanbieder")
    JEUGD_DIAGNOSTIEK = "jeugd_diagnostiek", _("Jeugd: diagnostiek en behandeling")
    JEUGD_DYSLEXIE = "jeugd_dyslexie", _("Jeugd: dyslexiezorg")
    JEUGD_CRISIS_ZONDER_VERBLIJF = "jeugd_crisis_zonder_verblijf", _("Jeugd: crisishulp zonder verblijf")
    JEUGD_CRISIS_VERBLIJF = "jeugd_crisis_verblijf", _("Jeugd: crisishulp met verblijf")
    JEUGD_PLEEGZORG = "jeugd_pleegzorg", _("Jeugd: gezinsvervanging, pleegzorg")
    JEUGD_GEZINSHUIS = "jeugd_gezinshuis", _("Jeugd: gezinsvervanging, gezinsgericht")
    JEUGD_RESIDENTIEEL = "jeugd_residentieel", _("Jeugd: residentiële hulp met verblijf")
    JEUGD_GESLOTEN = "jeugd_gesloten", _("Jeugd: gesloten plaatsing")
    JEUGD_LANDELIJK = "jeugd_landelijk", _("Jeugd: landelijk ingekochte zorg")
    WMO_BEGELEIDING = "wmo_begeleiding", _("Wmo: individuele ondersteuning (begeleiding)")
    WMO_THUISBEGELEIDING = "wmo_thuisbegeleiding", _("Wmo: thuisbegeleiding en begeleiding bij persoonlijke verzorging")
    WMO_GESPECIALISEERD = "wmo_gespecialiseerd", _("Wmo: gespecialiseerde begeleiding")
    WMO_DAGBESTEDING = "wmo_dagbesteding", _("Wmo: dagbegeleiding")
    WMO_ACTIVERING = "wmo_activering", _("Wmo: arbeidsmatige activering")
    WMO_BEGELEID_WONEN = "wmo_begeleid_wonen", _("Wmo: begeleid wonen")
    WMO_VERVOER = "wmo_vervoer", _("Wmo: vervoersdiensten")
    WMO_HUISHOUDEN = "wmo_huishouden", _("Wmo: hulp bij het huishouden")

    @classmethod
    def kader_van(cls, zorgvorm: str) -> str:
        """The legal framework a zorgvorm falls under: the Jeugdwet or the Wmo."""
        return WettelijkKader.WMO if zorgvorm.startswith("wmo_") else WettelijkKader.JEUGDWET


class Gecontracteerd(models.TextChoices):
    JA = "ja", _("Gecontracteerde aanbieder")
    NEE = "nee", _("Niet-gecontracteerde aanbieder")
    ONBEKEND = "onbekend", _("Nog niet bekend")


class Routering(models.TextChoices):
    """Who assesses a type of request. The values are the authorisation module's, which decides the scope."""

    TEAMMANAGER = authorization.ROUTE_TEAMMANAGER, _("De teammanager van het team van het traject")
    BEOORDELINGSGROEP = authorization.ROUTE_BEOORDELINGSGROEP, _("Een beoordelingsgroep")
    CONTACTPERSONEN = authorization.ROUTE_CONTACTPERSONEN, _("De contactpersonen maatwerk van het team")


class AanvraagStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    INFO_GEVRAAGD = "info_gevraagd", _("Aanvullende informatie gevraagd")
    TOEGEKEND = "toegekend", _("Toegekend")
    GEDEELTELIJK_TOEGEKEND = "gedeeltelijk_toegekend", _("Gedeeltelijk toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


BESLUITEN = (AanvraagStatus.TOEGEKEND, AanvraagStatus.GEDEELTELIJK_TOEGEKEND, AanvraagStatus.AFGEWEZEN)
# Waiting for the assessor: the deadline runs (it is paused while information is asked).
TE_BEOORDELEN = (AanvraagStatus.INGEDIEND, AanvraagStatus.IN_BEHANDELING)
OPEN = (*TE_BEOORDELEN, AanvraagStatus.INFO_GEVRAAGD)
