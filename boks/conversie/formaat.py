"""The exchange format: which files, which columns, which code lists. docs/conversie.md describes
the same; reading, validating, writing and the export all work from these definitions."""

from dataclasses import dataclass

from django.db.models import TextChoices

from boks.accounts.models import Team, Wijk
from boks.dossiers.choices import (
    Afsluitreden,
    ContactSoort,
    Leefgebied,
    Melder,
    RedenNietZichtbaar,
    RedenVertraging,
    Rol,
    Status,
    TrajectSoort,
    Urgentie,
    ZelfstandigVerder,
)
from boks.gezinsplan.choices import Beoordelaar as PlanBeoordelaar
from boks.gezinsplan.choices import DoelStatus, InstemmingWijze, RegieBij, VeiligheidOordeel
from boks.maatwerk.choices import AanvraagStatus, Gecontracteerd, WettelijkKader, Zorgvorm
from boks.maatwerk.models import AanvraagSoort
from boks.maatwerk.selectors import soorten_voor
from boks.wattelt.choices import Beoordelaar, Variant
from boks.wattelt.selectors import catalogus

from .choices import Codelijst

TEKST = "tekst"
DATUM = "datum"
DATUMTIJD = "datumtijd"
GETAL = "getal"
JANEE = "janee"
CODE = "code"
CODES = "codes"
BSN = "bsn"
MEDEWERKER = "medewerker"
VERWIJZING = "verwijzing"
VERWIJZINGEN = "verwijzingen"
BEDRAG = "bedrag"

CODES_SCHEIDING = "|"


@dataclass(frozen=True)
class Kolom:
    naam: str
    soort: str = TEKST
    verplicht: bool = False
    codelijst: str = ""
    verwijst_naar: str = ""
    max_lengte: int | None = None
    uitleg: str = ""


@dataclass(frozen=True)
class Bestand:
    soort: str
    enkelvoud: str
    kolommen: tuple[Kolom, ...]

    @property
    def bestandsnaam(self) -> str:
        return f"{self.soort}.csv"

    @property
    def verplichte_kolommen(self) -> list[str]:
        return [kolom.naam for kolom in self.kolommen if kolom.verplicht]

    @property
    def kolomnamen(self) -> list[str]:
        return [kolom.naam for kolom in self.kolommen]


LEGACY_ID = Kolom(
    "legacy_id", verplicht=True, max_lengte=100, uitleg="De sleutel in het oude systeem, uniek per bestand."
)

HUISHOUDENS = Bestand(
    "huishoudens",
    "huishouden",
    (
        LEGACY_ID,
        Kolom("naam", verplicht=True, max_lengte=200),
        Kolom("team", CODE, verplicht=True, codelijst=Codelijst.TEAM),
        Kolom("straat", max_lengte=200),
        Kolom("huisnummer", max_lengte=20),
        Kolom("postcode", max_lengte=7),
        Kolom("woonplaats", max_lengte=100),
        Kolom("wijk", CODE, codelijst=Codelijst.WIJK),
    ),
)
PERSONEN = Bestand(
    "personen",
    "persoon",
    (
        LEGACY_ID,
        Kolom("huishouden", VERWIJZING, verplicht=True, verwijst_naar="huishoudens"),
        Kolom("voornaam", verplicht=True, max_lengte=100),
        Kolom("tussenvoegsel", max_lengte=20),
        Kolom("achternaam", verplicht=True, max_lengte=150),
        Kolom("geboortedatum", DATUM, verplicht=True),
        Kolom("bsn", BSN),
        Kolom("rol", CODE, verplicht=True, codelijst=Codelijst.ROL),
        Kolom("gezag", JANEE),
        Kolom("telefoon", max_lengte=30),
        Kolom("email", max_lengte=254),
    ),
)
TRAJECTEN = Bestand(
    "trajecten",
    "traject",
    (
        LEGACY_ID,
        Kolom("huishouden", VERWIJZING, verplicht=True, verwijst_naar="huishoudens"),
        Kolom("team", CODE, codelijst=Codelijst.TEAM, uitleg="Leeg: het team van het huishouden."),
        Kolom("dossiernummer", max_lengte=20, uitleg="Leeg: BOKS geeft een nieuw nummer."),
        Kolom("soort", CODE, codelijst=Codelijst.TRAJECTSOORT),
        Kolom("status", CODE, verplicht=True, codelijst=Codelijst.STATUS),
        Kolom("aanmelddatum", DATUM, verplicht=True),
        Kolom("melder", CODE, verplicht=True, codelijst=Codelijst.MELDER),
        Kolom("melder_toelichting", max_lengte=200),
        Kolom("aanmeldvraag", verplicht=True),
        Kolom("urgentie", CODE, codelijst=Codelijst.URGENTIE),
        Kolom("leefgebieden", CODES, codelijst=Codelijst.LEEFGEBIED, uitleg="Codes gescheiden door |."),
        Kolom("regisseur", MEDEWERKER),
        Kolom("kennismaking_gepland_op", DATUM),
        Kolom("kennismaking_op", DATUM),
        Kolom("reden_vertraging", CODE, codelijst=Codelijst.REDEN_VERTRAGING),
        Kolom("begeleiding_gestart_op", DATUM),
        Kolom("uitvoering_gestart_op", DATUM),
        Kolom("afgesloten_op", DATUM),
        Kolom("afsluitreden", CODE, codelijst=Codelijst.AFSLUITREDEN),
        Kolom("zelfstandig_verder", CODE, codelijst=Codelijst.ZELFSTANDIG_VERDER),
        Kolom("rapportcijfer", GETAL),
    ),
)
CONTACTMOMENTEN = Bestand(
    "contactmomenten",
    "contactmoment",
    (
        LEGACY_ID,
        Kolom("traject", VERWIJZING, verplicht=True, verwijst_naar="trajecten"),
        Kolom("plaatsgevonden_op", DATUMTIJD, verplicht=True),
        Kolom("soort", CODE, verplicht=True, codelijst=Codelijst.CONTACTSOORT),
        Kolom("tekst", verplicht=True),
        Kolom("deelnemers", max_lengte=300),
        Kolom("duur_minuten", GETAL),
        Kolom("auteur", MEDEWERKER, uitleg="Leeg of onbekend: wie de conversie start."),
        Kolom("zichtbaar_voor_client", JANEE),
        Kolom("reden_niet_zichtbaar", CODE, codelijst=Codelijst.REDEN_NIET_ZICHTBAAR),
    ),
)

METINGEN = Bestand(
    "metingen",
    "meting",
    (
        LEGACY_ID,
        Kolom("traject", VERWIJZING, verplicht=True, verwijst_naar="trajecten"),
        Kolom("persoon", VERWIJZING, verplicht=True, verwijst_naar="personen", uitleg="De cliënt; uit het huishouden."),
        Kolom("ronde", GETAL, verplicht=True, uitleg="De hoeveelste Wat Telt-ronde van het traject."),
        Kolom("datum", DATUM, verplicht=True),
        Kolom("variant", CODE, codelijst=Codelijst.WATTELT_VARIANT, uitleg="Leeg: papier."),
        Kolom("gesprek_nummer", GETAL),
        Kolom("schaal_min", GETAL, uitleg="Leeg: de schaal uit de Wat Telt-instellingen."),
        Kolom("schaal_max", GETAL, uitleg="Leeg: de schaal uit de Wat Telt-instellingen."),
        Kolom("algemene_score", GETAL),
        Kolom("derde_naam", max_lengte=100),
        Kolom("derde_relatie", max_lengte=100),
        Kolom("toelichting"),
    ),
)
WATTELT_SCORES = Bestand(
    "wattelt_scores",
    "Wat Telt-score",
    (
        LEGACY_ID,
        Kolom("meting", VERWIJZING, verplicht=True, verwijst_naar="metingen"),
        Kolom("leefgebied", CODE, verplicht=True, codelijst=Codelijst.WATTELT_LEEFGEBIED),
        Kolom("beoordelaar", CODE, verplicht=True, codelijst=Codelijst.BEOORDELAAR),
        Kolom("waarde", GETAL, verplicht=True, uitleg="Op de schaal van de meting."),
    ),
)

GEZINSPLANNEN = Bestand(
    "gezinsplannen",
    "gezinsplan",
    (
        LEGACY_ID,
        Kolom("traject", VERWIJZING, verplicht=True, verwijst_naar="trajecten", uitleg="Eén plan per traject."),
        Kolom("vraagverheldering", uitleg="De vraag van het gezin, in hun eigen woorden."),
        Kolom("visie_client"),
        Kolom("regie_bij", CODE, codelijst=Codelijst.REGIE_BIJ, uitleg="Leeg: buurtteam."),
        Kolom("regie_naam", max_lengte=200),
        Kolom("regie_organisatie", max_lengte=200),
        Kolom("veiligheid_oordeel", CODE, codelijst=Codelijst.VEILIGHEID_OORDEEL, uitleg="Leeg: onbekend."),
        Kolom("veiligheid_toelichting"),
        Kolom("vastgesteld_op", DATUM, uitleg="Leeg: het plan is nog een concept."),
        Kolom("instemming_op", DATUM, uitleg="Verplicht bij een vastgesteld plan."),
        Kolom("instemming_van", VERWIJZING, verwijst_naar="personen", uitleg="Het gezinslid dat instemde."),
        Kolom(
            "instemming_wijze",
            CODE,
            codelijst=Codelijst.INSTEMMING_WIJZE,
            uitleg="Leeg bij een vastgesteld plan: in een gesprek.",
        ),
        Kolom(
            "volgende_evaluatie_op",
            DATUM,
            uitleg="Leeg bij een vastgesteld plan: de instemming plus de evaluatietermijn uit de instellingen.",
        ),
    ),
)
DOELEN = Bestand(
    "doelen",
    "doel",
    (
        LEGACY_ID,
        Kolom(
            "traject",
            VERWIJZING,
            verplicht=True,
            verwijst_naar="trajecten",
            uitleg="Zonder regel in gezinsplannen.csv krijgt het traject een concept-plan.",
        ),
        Kolom("omschrijving", verplicht=True, uitleg="Het doel in de woorden van het gezin."),
        Kolom("leefgebied", CODE, codelijst=Codelijst.LEEFGEBIED),
        Kolom("prioriteit", GETAL, uitleg="1 is het belangrijkste. Leeg: na de andere doelen."),
        Kolom("status", CODE, codelijst=Codelijst.DOELSTATUS, uitleg="Leeg: actief."),
        Kolom("status_sinds", DATUM, uitleg="Leeg: de datum van de conversie."),
        Kolom(
            "eigenaren",
            VERWIJZINGEN,
            verwijst_naar="personen",
            uitleg="Legacy-id's van gezinsleden, gescheiden door |.",
        ),
    ),
)
DOELSCORES = Bestand(
    "doelscores",
    "score op een doel",
    (
        LEGACY_ID,
        Kolom("doel", VERWIJZING, verplicht=True, verwijst_naar="doelen"),
        Kolom(
            "schaalvraag", verplicht=True, max_lengte=300, uitleg="Scores met dezelfde vraag horen bij één schaalvraag."
        ),
        Kolom("datum", DATUM, verplicht=True),
        Kolom("beoordelaar", CODE, verplicht=True, codelijst=Codelijst.PLAN_BEOORDELAAR),
        Kolom("persoon", VERWIJZING, verwijst_naar="personen", uitleg="Het gezinslid dat de score gaf."),
        Kolom("beoordelaar_naam", max_lengte=200, uitleg="Verplicht als iemand anders de score gaf."),
        Kolom("waarde", GETAL, verplicht=True),
        Kolom("schaal_min", GETAL, uitleg="Leeg: de schaal uit de instellingen van het gezinsplan."),
        Kolom("schaal_max", GETAL, uitleg="Leeg: de schaal uit de instellingen van het gezinsplan."),
        Kolom("toelichting", max_lengte=500),
    ),
)
VERWIJZINGEN_BESTAND = Bestand(
    "verwijzingen",
    "verwijzing",
    (
        LEGACY_ID,
        Kolom("traject", VERWIJZING, verplicht=True, verwijst_naar="trajecten"),
        Kolom("zorgvorm", CODE, verplicht=True, codelijst=Codelijst.ZORGVORM),
        Kolom("wettelijk_kader", CODE, codelijst=Codelijst.WETTELIJK_KADER, uitleg="Leeg: volgt uit de zorgvorm."),
        Kolom("aanbieder", verplicht=True, max_lengte=200),
        Kolom("startdatum", DATUM, verplicht=True),
        Kolom("einddatum", DATUM),
        Kolom("beschikking", max_lengte=60),
        Kolom("doelen", VERWIJZINGEN, verwijst_naar="doelen", uitleg="Legacy-id's van doelen, gescheiden door |."),
        Kolom("toelichting"),
        Kolom("geregistreerd_door", MEDEWERKER, uitleg="Leeg of onbekend: wie de conversie start."),
    ),
)
AANVRAGEN = Bestand(
    "aanvragen",
    "aanvraag",
    (
        LEGACY_ID,
        Kolom("traject", VERWIJZING, verplicht=True, verwijst_naar="trajecten"),
        Kolom("soort", CODE, verplicht=True, codelijst=Codelijst.AANVRAAGSOORT),
        Kolom("status", CODE, verplicht=True, codelijst=Codelijst.AANVRAAGSTATUS),
        Kolom(
            "doelen",
            VERWIJZINGEN,
            verwijst_naar="doelen",
            uitleg="Legacy-id's van doelen, gescheiden door |. Verplicht zolang over de aanvraag niet is besloten.",
        ),
        Kolom("vraag"),
        Kolom("waarom_niet_regulier"),
        Kolom("eigen_kracht"),
        Kolom("gevraagde_oplossing"),
        Kolom("aanbieder", max_lengte=200),
        Kolom("aanbieder_gecontracteerd", CODE, codelijst=Codelijst.GECONTRACTEERD, uitleg="Leeg: onbekend."),
        Kolom("bedrag", BEDRAG, uitleg="In euro, bijvoorbeeld 1250,00."),
        Kolom("periode_van", DATUM),
        Kolom("periode_tot", DATUM),
        Kolom("huidig_pgb_tot", DATUM),
        Kolom("aangevraagd_door", MEDEWERKER, verplicht=True),
        Kolom("ingediend_op", DATUM, uitleg="Verplicht voor een ingediende aanvraag."),
        Kolom("werkdagen_opgeschort", GETAL, uitleg="Werkdagen gewacht op informatie; tellen niet mee."),
        Kolom("besluit_op", DATUM, uitleg="Verplicht bij toegekend, gedeeltelijk toegekend en afgewezen."),
        Kolom("besluit_door", MEDEWERKER, uitleg="Verplicht bij een besluit; niet wie de aanvraag deed (vier ogen)."),
        Kolom("besluit_motivering", uitleg="Verplicht bij een besluit."),
        Kolom("toegekend_bedrag", BEDRAG),
    ),
)

# Parents before children: a row can only point to a file read before it.
BESTANDEN: tuple[Bestand, ...] = (
    HUISHOUDENS,
    PERSONEN,
    TRAJECTEN,
    CONTACTMOMENTEN,
    METINGEN,
    WATTELT_SCORES,
    GEZINSPLANNEN,
    DOELEN,
    DOELSCORES,
    VERWIJZINGEN_BESTAND,
    AANVRAGEN,
)
PER_SOORT = {bestand.soort: bestand for bestand in BESTANDEN}

VASTE_CODELIJSTEN: dict[str, type[TextChoices]] = {
    Codelijst.ROL: Rol,
    Codelijst.STATUS: Status,
    Codelijst.TRAJECTSOORT: TrajectSoort,
    Codelijst.MELDER: Melder,
    Codelijst.URGENTIE: Urgentie,
    Codelijst.LEEFGEBIED: Leefgebied,
    Codelijst.REDEN_VERTRAGING: RedenVertraging,
    Codelijst.AFSLUITREDEN: Afsluitreden,
    Codelijst.ZELFSTANDIG_VERDER: ZelfstandigVerder,
    Codelijst.CONTACTSOORT: ContactSoort,
    Codelijst.REDEN_NIET_ZICHTBAAR: RedenNietZichtbaar,
    Codelijst.WATTELT_VARIANT: Variant,
    Codelijst.BEOORDELAAR: Beoordelaar,
    Codelijst.REGIE_BIJ: RegieBij,
    Codelijst.VEILIGHEID_OORDEEL: VeiligheidOordeel,
    Codelijst.INSTEMMING_WIJZE: InstemmingWijze,
    Codelijst.DOELSTATUS: DoelStatus,
    Codelijst.PLAN_BEOORDELAAR: PlanBeoordelaar,
    Codelijst.ZORGVORM: Zorgvorm,
    Codelijst.WETTELIJK_KADER: WettelijkKader,
    Codelijst.AANVRAAGSTATUS: AanvraagStatus,
    Codelijst.GECONTRACTEERD: Gecontracteerd,
}


def geldige_codes(codelijst: str, organisatie_id: int) -> set[str]:
    """The BOKS codes of a list; teams are the organisation's own, by name, and so are the Wat Telt
    leefgebieden (the codes of its catalogue) and the kinds of aanvraag (their codes)."""
    if codelijst == Codelijst.TEAM:
        return set(Team.objects.filter(organisatie_id=organisatie_id).values_list("naam", flat=True))
    if codelijst == Codelijst.WIJK:
        return set(Wijk.objects.values_list("naam", flat=True))
    if codelijst == Codelijst.AANVRAAGSOORT:
        soorten_voor(organisatie_id)  # an organisation that never made a request gets the default kinds
        return set(AanvraagSoort.objects.filter(organisatie_id=organisatie_id).values_list("code", flat=True))
    if codelijst == Codelijst.WATTELT_LEEFGEBIED:
        return {leefgebied.code for leefgebied in catalogus(organisatie_id, ook_uitgezet=True)}
    return set(VASTE_CODELIJSTEN[codelijst].values)
