from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    OUDER_VERZORGER = "ouder_verzorger", _("Ouder / verzorger")
    JEUGDIGE = "jeugdige", _("Jeugdige")
    VOLWASSENE = "volwassene", _("Volwassen cliënt")
    OVERIG = "overig", _("Ander gezinslid")


class Status(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    KENNISMAKING = "kennismaking", _("Kennismaking gepland")
    WACHTEND = "wachtend", _("Wachtend op begeleiding")
    PLAN = "plan", _("Plan")
    UITVOERING = "uitvoering", _("Uitvoering")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


OPEN_STATUSES = [s for s in Status if s != Status.AFGESLOTEN]


class TrajectSoort(models.TextChoices):
    """Whether the buurtteam itself works on a traject. Trajecten of another service registered in
    BOKS without the buurtteam (such as the sociaal raadslieden) stay out of the buurtteam figures."""

    BUURTTEAM = "buurtteam", _("Ondersteuning door het buurtteam")
    ZONDER_BUURTTEAM = "zonder_buurtteam", _("Andere dienst, zonder het buurtteam")


class Melder(models.TextChoices):
    """Who registered the client (DOMAIN.md §2.1), the union of both organisations' lists."""

    ZELFMELDER = "zelfmelder", _("Zelfmelder")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Sociaal netwerk / familie")
    SCHOOL = "school", _("School / onderwijs")
    HUISARTS = "huisarts", _("Huisarts")
    POH = "poh", _("Praktijkondersteuner huisarts (POH)")
    MEDISCH_SPECIALIST = "medisch_specialist", _("Medisch specialist / behandelaar")
    GGD = "ggd", _("GGD")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis (AMHK)")
    SAVE_TEAM = "save_team", _("SAVE-team / Samen Veilig")
    POLITIE = "politie", _("Politie")
    VEILIGHEIDSHUIS = "veiligheidshuis", _("Veiligheidshuis")
    GEMEENTE = "gemeente", _("Gemeente")
    WERK_EN_INKOMEN = "werk_en_inkomen", _("Werk en Inkomen")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    AANVULLENDE_ZORG = "aanvullende_zorg", _("Aanvullende zorg / zorgpartners")
    BUURTTEAM_JEUGD = "buurtteam_jeugd", _("Buurtteam jeugd en gezin")
    BUURTTEAM_SOCIAAL = "buurtteam_sociaal", _("Buurtteam sociaal")
    RAADSLIEDEN = "raadslieden", _("Raadslieden / U Centraal")
    JONGERENWERK = "jongerenwerk", _("Jongerenwerk")
    SOCIAAL_MAKELAAR = "sociaal_makelaar", _("Sociaal makelaar")
    BEWINDVOERING = "bewindvoering", _("Bewindvoering / budgetbeheer")
    VROEGSIGNALERING = "vroegsignalering", _("Vroegsignalering")
    OVERIG = "overig", _("Overig, namelijk …")
    ONBEKEND = "onbekend", _("Onbekend / geen melder")


class Leefgebied(models.TextChoices):
    """The leefgebieden of an aanmelding's ondersteuningsvragen (DOMAIN.md §5.1)."""

    OPVOEDEN_OPGROEIEN = "opvoeden_opgroeien", _("Opvoeden en opgroeien")
    OUDERSCHAP_SCHEIDING = "ouderschap_scheiding", _("Veranderend ouderschap / scheiding")
    VEILIGHEID = "veiligheid", _("Veiligheid")
    GEESTELIJKE_GEZONDHEID = "geestelijke_gezondheid", _("Geestelijke gezondheid")
    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid", _("Lichamelijke gezondheid")
    BEPERKINGEN = "beperkingen", _("Omgaan met beperkingen")
    FINANCIEN = "financien", _("Financiën en schulden")
    WONEN = "wonen", _("Wonen")
    WERK_PARTICIPATIE = "werk_participatie", _("Werk, dagbesteding en participatie")
    TAAL = "taal", _("Taal")
    SOCIALE_CONTACTEN = "sociale_contacten", _("Sociale contacten en netwerk")
    ZINGEVING = "zingeving", _("Zingeving")
    HUISHOUDEN = "huishouden", _("Huishouden")
    ONDERWIJS = "onderwijs", _("Onderwijs en school")


class Urgentie(models.TextChoices):
    GEEN = "geen", _("Geen bijzondere urgentie")
    VEILIGHEID = "veiligheid", _("Veiligheid in het geding")
    HUISUITZETTING = "huisuitzetting", _("Dreigende huisuitzetting")
    ACUTE_GELDZORGEN = "acute_geldzorgen", _("Acute geldzorgen (bijvoorbeeld afsluiting energie)")
    OVERIG = "overig", _("Andere reden om snel te starten")


class RedenVertraging(models.TextChoices):
    OP_VERZOEK_KLANT = "op_verzoek_klant", _("Op verzoek van de klant")
    AGENDA_PARTNERS = "agenda_partners", _("Agenda van partners die aanschuiven")
    CAPACITEIT = "capaciteit", _("Capaciteit van het team")
    NIET_BEREIKBAAR = "niet_bereikbaar", _("Klant niet bereikbaar")
    OVERIG = "overig", _("Andere reden")


class Afsluitreden(models.TextChoices):
    """The five closing reasons (DOMAIN.md §2.6); HELP_TEXTS says when to use each."""

    VOLGENS_PLAN = "volgens_plan", _("Beëindigd volgens plan")
    IN_OVERLEG_VOORTIJDIG = "in_overleg_voortijdig", _("In overeenstemming voortijdig afgesloten")
    EENZIJDIG_CLIENT = "eenzijdig_client", _("Eenzijdig door de cliënt beëindigd")
    EENZIJDIG_AANBIEDER = "eenzijdig_aanbieder", _("Eenzijdig door de aanbieder beëindigd")
    EXTERNE_OMSTANDIGHEDEN = "externe_omstandigheden", _("Beëindigd wegens externe omstandigheden")


AFSLUITREDEN_HELP = {
    Afsluitreden.VOLGENS_PLAN: _("De doelen uit het plan zijn bereikt of de afgesproken begeleiding is klaar."),
    Afsluitreden.IN_OVERLEG_VOORTIJDIG: _(
        "Cliënt en buurtteam besluiten samen eerder te stoppen, bijvoorbeeld omdat de cliënt sneller dan "
        "verwacht zelf verder kan of beter past bij andere hulp."
    ),
    Afsluitreden.EENZIJDIG_CLIENT: _(
        "De cliënt stopt zelf zonder overleg, bijvoorbeeld omdat hij of zij niets meer van zich laat horen. "
        "Niet gebruiken als de cliënt in overleg eerder zelf verder kan."
    ),
    Afsluitreden.EENZIJDIG_AANBIEDER: _(
        "Het buurtteam stopt zonder instemming van de cliënt, bijvoorbeeld na agressie of omdat de cliënt "
        "steeds niet komt opdagen of onbereikbaar is."
    ),
    Afsluitreden.EXTERNE_OMSTANDIGHEDEN: _(
        "Iets buiten cliënt en buurtteam beëindigt de begeleiding: verhuizing buiten het werkgebied, opname, "
        "overlijden of overdracht aan een andere organisatie."
    ),
}


class ZelfstandigVerder(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")
    ONBEKEND = "onbekend", _("Onbekend")
    NIET_VAN_TOEPASSING = "nvt", _("Niet van toepassing")


class ContactSoort(models.TextChoices):
    GESPREK = "gesprek", _("Gesprek")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    TELEFONISCH = "telefonisch", _("Telefonisch")
    DIGITAAL = "digitaal", _("E-mail / chat")
    DRIEGESPREK = "driegesprek", _("Driegesprek")
    CONSULT = "consult", _("Consult")
    CASUISTIEKOVERLEG = "casuistiekoverleg", _("Casuïstiekoverleg")
    MAATWERKTAFEL = "maatwerktafel", _("Maatwerktafel")
    NETWERKBERAAD = "netwerkberaad", _("Netwerkberaad")
    OVERIG = "overig", _("Overig")


class RedenNietZichtbaar(models.TextChoices):
    """The only grounds on which a journal entry is hidden from the client; recorded with the entry."""

    VEILIGHEID_KIND = "veiligheid_kind", _("Inzage kan de veiligheid van een kind of gezinslid schaden")
    GEGEVENS_DERDEN = "gegevens_derden", _("Bevat gegevens van derden die de cliënt niet mag zien")
    MELDCODE = "meldcode", _("Overweging in het kader van de meldcode")


class Bevrijdingsdag(models.TextChoices):
    LUSTRUM = "lustrum", _("Alleen in lustrumjaren (2025, 2030, …)")
    ALTIJD = "altijd", _("Elk jaar vrij")
    NOOIT = "nooit", _("Nooit vrij")
