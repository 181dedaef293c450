"""Validating a conversion before anything is written: every column of every row, the code lists
(through the organisation's Codekoppelingen), dates that cannot be, duplicate legacy ids, rows
whose parent is missing or rejected, and BSNs that fail the elfproef. The result holds the rows
that may be written, already converted, and every rejection with its place and reason."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts.choices import UserKind
from boks.dossiers.choices import Melder, Status
from boks.dossiers.models import Persoon, Traject
from boks.dossiers.validators import BSNValidator
from boks.gezinsplan import services as gezinsplan_services
from boks.gezinsplan.choices import Beoordelaar as PlanBeoordelaar
from boks.gezinsplan.choices import RegieBij
from boks.gezinsplan.models import PlanVersie
from boks.gezinsplan.selectors import instellingen_for as gezinsplan_instellingen
from boks.maatwerk.choices import BESLUITEN, OPEN, AanvraagStatus, Zorgvorm
from boks.wattelt.selectors import instellingen_voor as wattelt_instellingen

from . import formaat, lezen
from .lezen import Fout, OngeldigeWaarde
from .models import Codekoppeling, Herkomst

Voortgang = Callable[[float, str], None]
# A plan and its goals belong to a traject whose begeleiding started (a closed one keeps them).
PLAN_OF_AFGESLOTEN = {*gezinsplan_services.PLAN_STATUSES, Status.AFGESLOTEN}


@dataclass
class Rij:
    regel: int
    legacy_id: str
    waarden: dict


@dataclass
class Aantallen:
    gelezen: int = 0
    geldig: int = 0
    afgekeurd: int = 0
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Validatie:
    organisatie_id: int
    bron: str
    geldig: dict[str, dict[str, Rij]] = field(default_factory=lambda: defaultdict(dict))
    fouten: list[Fout] = field(default_factory=list)
    aantallen: dict[str, Aantallen] = field(default_factory=dict)
    bestandsfouten: bool = False
    bekend: dict[str, dict[str, int]] = field(default_factory=dict)
    onbekende_codes: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def kan_inlezen(self) -> bool:
        """A file that could not be read whole blocks the import: what it held is unknown."""
        return not self.bestandsfouten


class _Codes:
    """Maps a value through the Codekoppelingen first, then accepts a BOKS code as it is."""

    def __init__(self, organisatie_id: int):
        self.koppelingen = {
            (codelijst, oude.lower()): boks
            for codelijst, oude, boks in Codekoppeling.objects.filter(organisatie_id=organisatie_id).values_list(
                "codelijst", "oude_code", "boks_code"
            )
        }
        self.organisatie_id = organisatie_id
        self.geldig: dict[str, dict[str, str]] = {}

    def vertaal(self, codelijst: str, waarde: str) -> str | None:
        if codelijst not in self.geldig:
            self.geldig[codelijst] = {
                code.lower(): code for code in formaat.geldige_codes(codelijst, self.organisatie_id)
            }
        gekoppeld = self.koppelingen.get((codelijst, waarde.lower()))
        if gekoppeld is not None:
            return gekoppeld
        return self.geldig[codelijst].get(waarde.lower())


def _herkomst(organisatie_id: int, bron: str) -> dict[str, dict[str, int]]:
    bekend: dict[str, dict[str, int]] = {bestand.soort: {} for bestand in formaat.BESTANDEN}
    for soort, legacy_id, object_id in Herkomst.objects.filter(organisatie_id=organisatie_id, bron=bron).values_list(
        "soort", "legacy_id", "object_id"
    ):
        bekend.setdefault(soort, {})[legacy_id] = object_id
    return bekend


class _Validator:
    def __init__(self, organisatie_id: int, bron: str):
        self.resultaat = Validatie(organisatie_id, bron)
        self.resultaat.bekend = _herkomst(organisatie_id, bron)
        self.codes = _Codes(organisatie_id)
        self.medewerkers = {
            email.lower(): pk
            for pk, email in get_user_model().objects.filter(kind=UserKind.STAFF).values_list("pk", "email")
        }
        self.afgekeurd: dict[str, set[str]] = defaultdict(set)
        self.vandaag = timezone.localdate()
        self.bsn = BSNValidator()

    def fout(self, bestand: str, regel: int | None, kolom: str, reden: str, legacy_id: str = "") -> None:
        self.resultaat.fouten.append(Fout(bestand, regel, kolom, reden, legacy_id))

    def waarde(self, bestand: formaat.Bestand, kolom: formaat.Kolom, ruw: str):
        """The converted value of one field, or raises OngeldigeWaarde with the reason."""
        if kolom.max_lengte and len(ruw) > kolom.max_lengte:
            raise OngeldigeWaarde(_("Langer dan %(max)s tekens.") % {"max": kolom.max_lengte})
        if kolom.soort == formaat.TEKST:
            return ruw
        if kolom.soort == formaat.DATUM:
            return lezen.datum(ruw)
        if kolom.soort == formaat.DATUMTIJD:
            dag, tijd = lezen.datumtijd(ruw)
            return timezone.make_aware(datetime.datetime.combine(dag, tijd))
        if kolom.soort == formaat.GETAL:
            return lezen.getal(ruw)
        if kolom.soort == formaat.JANEE:
            return lezen.janee(ruw)
        if kolom.soort == formaat.BSN:
            try:
                self.bsn(ruw)
            except ValidationError as fout:
                # The report does not repeat the number: functioneel beheer reads it, and sees no dossiers.
                raise OngeldigeWaarde(_("Het BSN klopt niet met de elfproef.")) from fout
            return ruw
        if kolom.soort == formaat.MEDEWERKER:
            if ruw.lower() not in self.medewerkers:
                raise OngeldigeWaarde(_("Geen medewerker in BOKS met e-mailadres %(email)s.") % {"email": ruw})
            return self.medewerkers[ruw.lower()]
        if kolom.soort in {formaat.CODE, formaat.CODES}:
            delen = (
                [deel.strip() for deel in ruw.split(formaat.CODES_SCHEIDING)] if kolom.soort == formaat.CODES else [ruw]
            )
            vertaald = []
            for deel in filter(None, delen):
                code = self.codes.vertaal(kolom.codelijst, deel)
                if code is None:
                    sleutel = (kolom.codelijst, deel)
                    self.resultaat.onbekende_codes[sleutel] = self.resultaat.onbekende_codes.get(sleutel, 0) + 1
                    raise OngeldigeWaarde(
                        _(
                            "Onbekende code '%(code)s' in codelijst %(lijst)s. Voeg een codekoppeling toe of "
                            "gebruik een code uit docs/conversie.md."
                        )
                        % {"code": deel, "lijst": kolom.codelijst}
                    )
                vertaald.append(code)
            return vertaald if kolom.soort == formaat.CODES else vertaald[0]
        if kolom.soort == formaat.BEDRAG:
            waarde = lezen.bedrag(ruw)
            if waarde < 0 or waarde >= 10**8:
                raise OngeldigeWaarde(_("Een bedrag ligt tussen 0 en 100 miljoen euro."))
            return waarde
        if kolom.soort == formaat.VERWIJZING:
            return ruw
        if kolom.soort == formaat.VERWIJZINGEN:
            return sorted({deel.strip() for deel in ruw.split(formaat.CODES_SCHEIDING) if deel.strip()})
        raise AssertionError(kolom.soort)

    def bestand(self, bestand: formaat.Bestand, tabel: lezen.Tabel) -> None:
        aantallen = self.resultaat.aantallen.setdefault(bestand.soort, Aantallen())
        aantallen.gelezen = len(tabel.rijen) + len([f for f in tabel.fouten if f.regel is not None])
        self.resultaat.fouten.extend(tabel.fouten)
        if tabel.bestandsfout:
            self.resultaat.bestandsfouten = True
        ontbrekend = [naam for naam in bestand.verplichte_kolommen if naam not in tabel.kolommen]
        if tabel.kolommen and ontbrekend:
            for naam in ontbrekend:
                self.fout(
                    bestand.bestandsnaam, 1, naam, _("De verplichte kolom '%(kolom)s' ontbreekt.") % {"kolom": naam}
                )
            self.resultaat.bestandsfouten = True
            aantallen.afgekeurd = aantallen.gelezen
            return
        onbekend = [naam for naam in tabel.kolommen if naam not in bestand.kolomnamen]
        for naam in onbekend:
            self.fout(
                bestand.bestandsnaam, 1, naam, _("Onbekende kolom '%(kolom)s'; BOKS slaat haar over.") % {"kolom": naam}
            )
        gezien: dict[str, int] = {}
        for regel, ruw in tabel.rijen:
            legacy_id = ruw.get("legacy_id", "")
            fouten_voor = len(self.resultaat.fouten)
            waarden = {}
            for kolom in bestand.kolommen:
                veld = ruw.get(kolom.naam, "")
                if not veld:
                    if kolom.verplicht:
                        self.fout(bestand.bestandsnaam, regel, kolom.naam, _("Verplicht veld is leeg."), legacy_id)
                    continue
                try:
                    waarden[kolom.naam] = self.waarde(bestand, kolom, veld)
                except OngeldigeWaarde as reden:
                    self.fout(bestand.bestandsnaam, regel, kolom.naam, str(reden), legacy_id)
            if legacy_id and legacy_id in gezien:
                self.fout(
                    bestand.bestandsnaam,
                    regel,
                    "legacy_id",
                    _("Legacy-id %(id)s komt al voor op regel %(regel)s.")
                    % {"id": legacy_id, "regel": gezien[legacy_id]},
                    legacy_id,
                )
            elif legacy_id:
                gezien[legacy_id] = regel
            if len(self.resultaat.fouten) == fouten_voor:
                self.ouders(bestand, regel, legacy_id, waarden)
            if len(self.resultaat.fouten) == fouten_voor:
                getattr(self, f"regels_{bestand.soort}")(bestand.bestandsnaam, regel, legacy_id, waarden)
            if len(self.resultaat.fouten) == fouten_voor:
                self.resultaat.geldig[bestand.soort][legacy_id] = Rij(regel, legacy_id, waarden)
                aantallen.geldig += 1
            else:
                if legacy_id:
                    self.afgekeurd[bestand.soort].add(legacy_id)
                aantallen.afgekeurd += 1
        aantallen.afgekeurd += len([f for f in tabel.fouten if f.regel is not None])

    def ouders(self, bestand: formaat.Bestand, regel: int, legacy_id: str, waarden: dict) -> None:
        for kolom in bestand.kolommen:
            if kolom.soort not in {formaat.VERWIJZING, formaat.VERWIJZINGEN} or kolom.naam not in waarden:
                continue
            ouders = waarden[kolom.naam] if kolom.soort == formaat.VERWIJZINGEN else [waarden[kolom.naam]]
            for ouder in ouders:
                if ouder in self.resultaat.geldig[kolom.verwijst_naar]:
                    continue
                if ouder in self.afgekeurd[kolom.verwijst_naar]:
                    reden = _("Hoort bij %(soort)s %(id)s, en die regel is afgekeurd.")
                elif ouder in self.resultaat.bekend.get(kolom.verwijst_naar, {}):
                    continue
                else:
                    reden = _("Onbekende verwijzing: er is geen %(soort)s met legacy-id %(id)s.")
                self.fout(
                    bestand.bestandsnaam,
                    regel,
                    kolom.naam,
                    reden % {"soort": formaat.PER_SOORT[kolom.verwijst_naar].enkelvoud, "id": ouder},
                    legacy_id,
                )

    def huishouden_van(self, soort: str, legacy_id: str) -> str | None:
        """The legacy id of the household of a person or traject in this run; None for one imported in
        an earlier run (its household was checked then)."""
        rij = self.resultaat.geldig[soort].get(legacy_id)
        if rij is None:
            return None
        return rij.waarden["huishouden"]

    def traject_van_doel(self, legacy_id: str) -> str | None:
        rij = self.resultaat.geldig["doelen"].get(legacy_id)
        return rij.waarden["traject"] if rij else None

    def zelfde_huishouden(self, fout, kolom: str, traject: str, personen: list[str]) -> None:
        huishouden = self.huishouden_van("trajecten", traject)
        for persoon in personen:
            ander = self.huishouden_van("personen", persoon)
            if huishouden and ander and ander != huishouden:
                fout(kolom, _("Persoon %(id)s hoort niet bij het huishouden van het traject.") % {"id": persoon})

    def doelen_van_traject(self, fout, traject: str, doelen: list[str]) -> None:
        for doel in doelen:
            eigen = self.traject_van_doel(doel)
            if eigen is not None and eigen != traject:
                fout("doelen", _("Doel %(id)s hoort bij een ander traject.") % {"id": doel})

    def niet_in_de_toekomst(self, fout, waarden: dict, *kolommen: str) -> None:
        for kolom in kolommen:
            if waarden.get(kolom) and waarden[kolom] > self.vandaag:
                fout(kolom, _("Deze datum ligt in de toekomst."))

    def regels_huishoudens(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        return

    def regels_personen(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        if waarden["geboortedatum"] > self.vandaag:
            self.fout(bestandsnaam, regel, "geboortedatum", _("De geboortedatum ligt in de toekomst."), legacy_id)
        if waarden.get("email"):
            try:
                validate_email(waarden["email"])
            except ValidationError:
                self.fout(bestandsnaam, regel, "email", _("Dit is geen geldig e-mailadres."), legacy_id)
        bsn = waarden.get("bsn")
        if bsn:
            eerder = self.bsns.get(bsn)
            if eerder is not None and eerder != legacy_id:
                self.fout(
                    bestandsnaam, regel, "bsn", _("Dit BSN staat al bij persoon %(id)s.") % {"id": eerder}, legacy_id
                )
            else:
                self.bsns[bsn] = legacy_id

    def regels_trajecten(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        def fout(kolom, reden):
            self.fout(bestandsnaam, regel, kolom, reden, legacy_id)

        aanmelding = waarden["aanmelddatum"]
        self.niet_in_de_toekomst(
            fout,
            waarden,
            "aanmelddatum",
            "kennismaking_op",
            "begeleiding_gestart_op",
            "uitvoering_gestart_op",
            "afgesloten_op",
        )
        volgorde = [
            ("kennismaking_gepland_op", "aanmelddatum", _("De geplande kennismaking ligt vóór de aanmelding.")),
            ("kennismaking_op", "aanmelddatum", _("De kennismaking ligt vóór de aanmelding.")),
            ("begeleiding_gestart_op", "aanmelddatum", _("De begeleiding start vóór de aanmelding.")),
            ("begeleiding_gestart_op", "kennismaking_op", _("De begeleiding start vóór de kennismaking.")),
            ("uitvoering_gestart_op", "begeleiding_gestart_op", _("De uitvoering start vóór de begeleiding.")),
            ("afgesloten_op", "aanmelddatum", _("De afsluiting ligt vóór de aanmelding.")),
            ("afgesloten_op", "begeleiding_gestart_op", _("De afsluiting ligt vóór de start van de begeleiding.")),
        ]
        for later, eerder, reden in volgorde:
            if waarden.get(later) and waarden.get(eerder) and waarden[later] < waarden[eerder]:
                fout(later, reden)
        afgesloten = waarden.get("status") == Status.AFGESLOTEN
        if afgesloten and not waarden.get("afgesloten_op"):
            fout("afgesloten_op", _("Een afgesloten traject heeft een afsluitdatum."))
        if afgesloten and not waarden.get("afsluitreden"):
            fout("afsluitreden", _("Een afgesloten traject heeft een afsluitreden."))
        if not afgesloten and (waarden.get("afgesloten_op") or waarden.get("afsluitreden")):
            fout("status", _("Het traject heeft een afsluitdatum of -reden maar de status is niet 'afgesloten'."))
        cijfer = waarden.get("rapportcijfer")
        if cijfer is not None and not 1 <= cijfer <= 10:
            fout("rapportcijfer", _("Het rapportcijfer is een geheel getal van 1 tot en met 10."))
        if waarden.get("melder") == Melder.OVERIG and not waarden.get("melder_toelichting"):
            fout("melder_toelichting", _("Bij melder 'overig' hoort een toelichting."))
        if aanmelding and not afgesloten:
            huishouden = waarden["huishouden"]
            eerder = self.open_trajecten.get(huishouden)
            if eerder is not None:
                fout(
                    "status",
                    _("Huishouden %(id)s heeft al een lopend traject (%(ander)s).")
                    % {"id": huishouden, "ander": eerder},
                )
            else:
                self.open_trajecten[huishouden] = legacy_id
        nummer = waarden.get("dossiernummer")
        if nummer:
            eerder = self.dossiernummers.get(nummer)
            if eerder is not None and eerder != legacy_id:
                fout(
                    "dossiernummer",
                    _("Dossiernummer %(nummer)s staat al bij traject %(id)s.") % {"nummer": nummer, "id": eerder},
                )
            else:
                self.dossiernummers[nummer] = legacy_id

    def regels_contactmomenten(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        if waarden["plaatsgevonden_op"].date() > self.vandaag:
            self.fout(bestandsnaam, regel, "plaatsgevonden_op", _("Deze datum ligt in de toekomst."), legacy_id)
        duur = waarden.get("duur_minuten")
        if duur is not None and not 1 <= duur <= 24 * 60:
            self.fout(bestandsnaam, regel, "duur_minuten", _("De duur is 1 tot en met 1440 minuten."), legacy_id)
        zichtbaar = waarden.get("zichtbaar_voor_client", True)
        reden = waarden.get("reden_niet_zichtbaar", "")
        if not zichtbaar and not reden:
            self.fout(bestandsnaam, regel, "reden_niet_zichtbaar", _("Een verborgen regel heeft een reden."), legacy_id)
        if zichtbaar and reden:
            self.fout(
                bestandsnaam,
                regel,
                "reden_niet_zichtbaar",
                _("Een zichtbare regel heeft geen reden niet zichtbaar."),
                legacy_id,
            )

    def regels_metingen(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        def fout(kolom, reden):
            self.fout(bestandsnaam, regel, kolom, reden, legacy_id)

        self.niet_in_de_toekomst(fout, waarden, "datum")
        self.zelfde_huishouden(fout, "persoon", waarden["traject"], [waarden["persoon"]])
        laag = waarden.get("schaal_min", self.schaal[0])
        hoog = waarden.get("schaal_max", self.schaal[1])
        if laag >= hoog:
            fout("schaal_max", _("De hoogste score moet boven de laagste liggen."))
        score = waarden.get("algemene_score")
        if score is not None and not laag <= score <= hoog:
            fout(
                "algemene_score", _("De score ligt niet op de schaal %(laag)s–%(hoog)s.") % {"laag": laag, "hoog": hoog}
            )
        for kolom in ("ronde", "gesprek_nummer"):
            if waarden.get(kolom) is not None and waarden[kolom] < 1:
                fout(kolom, _("Dit is 1 of meer."))
        self.schalen[legacy_id] = (laag, hoog)

    def regels_wattelt_scores(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        meting = waarden["meting"]
        laag, hoog = self.schalen.get(meting, self.schaal)
        if not laag <= waarden["waarde"] <= hoog:
            self.fout(
                bestandsnaam,
                regel,
                "waarde",
                _("De score ligt niet op de schaal %(laag)s–%(hoog)s.") % {"laag": laag, "hoog": hoog},
                legacy_id,
            )
        sleutel = (meting, waarden["leefgebied"], waarden["beoordelaar"])
        if sleutel in self.scores:
            self.fout(
                bestandsnaam,
                regel,
                "leefgebied",
                _("Meting %(meting)s heeft voor dit leefgebied al een score van deze beoordelaar (%(id)s).")
                % {"meting": meting, "id": self.scores[sleutel]},
                legacy_id,
            )
        else:
            self.scores[sleutel] = legacy_id

    def regels_gezinsplannen(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        def fout(kolom, reden):
            self.fout(bestandsnaam, regel, kolom, reden, legacy_id)

        traject = waarden["traject"]
        eerder = self.plannen.get(traject)
        if eerder is not None:
            fout("traject", _("Traject %(id)s heeft al een gezinsplan (%(ander)s).") % {"id": traject, "ander": eerder})
        else:
            self.plannen[traject] = legacy_id
        rij = self.resultaat.geldig["trajecten"].get(traject)
        if rij and rij.waarden["status"] not in PLAN_OF_AFGESLOTEN:
            fout("traject", _("Een gezinsplan hoort bij een traject waarvan de begeleiding is gestart."))
        if legacy_id not in self.resultaat.bekend.get("gezinsplannen", {}) and traject in self.trajecten_met_plan:
            fout("traject", _("Dit traject heeft in BOKS al een gezinsplan; de conversie vervangt dat niet."))
        self.niet_in_de_toekomst(fout, waarden, "vastgesteld_op", "instemming_op")
        if waarden.get("vastgesteld_op") and not waarden.get("instemming_op"):
            fout("instemming_op", _("Een vastgesteld plan heeft een datum van instemming."))
        if not waarden.get("vastgesteld_op") and waarden.get("instemming_op"):
            fout("vastgesteld_op", _("Het plan heeft een instemming maar geen datum van vaststellen."))
        if waarden.get("regie_bij") == RegieBij.EXTERN and not waarden.get("regie_organisatie"):
            fout("regie_organisatie", _("Vul in bij welke organisatie de regie ligt."))
        if waarden.get("instemming_van"):
            self.zelfde_huishouden(fout, "instemming_van", traject, [waarden["instemming_van"]])

    def regels_doelen(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        def fout(kolom, reden):
            self.fout(bestandsnaam, regel, kolom, reden, legacy_id)

        rij = self.resultaat.geldig["trajecten"].get(waarden["traject"])
        if rij and rij.waarden["status"] not in PLAN_OF_AFGESLOTEN:
            fout("traject", _("Een doel hoort bij een traject waarvan de begeleiding is gestart."))
        self.niet_in_de_toekomst(fout, waarden, "status_sinds")
        if waarden.get("prioriteit") is not None and waarden["prioriteit"] < 1:
            fout("prioriteit", _("Dit is 1 of meer."))
        self.zelfde_huishouden(fout, "eigenaren", waarden["traject"], waarden.get("eigenaren", []))

    def regels_doelscores(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        def fout(kolom, reden):
            self.fout(bestandsnaam, regel, kolom, reden, legacy_id)

        self.niet_in_de_toekomst(fout, waarden, "datum")
        laag = waarden.get("schaal_min", self.planschaal[0])
        hoog = waarden.get("schaal_max", self.planschaal[1])
        if laag >= hoog:
            fout("schaal_max", _("De hoogste score moet boven de laagste liggen."))
        elif not laag <= waarden["waarde"] <= hoog:
            fout("waarde", _("De score ligt niet op de schaal %(laag)s–%(hoog)s.") % {"laag": laag, "hoog": hoog})
        if waarden["beoordelaar"] == PlanBeoordelaar.ANDERS and not waarden.get("beoordelaar_naam"):
            fout("beoordelaar_naam", _("Vul in wie de score geeft."))
        traject = self.traject_van_doel(waarden["doel"])
        if traject and waarden.get("persoon"):
            self.zelfde_huishouden(fout, "persoon", traject, [waarden["persoon"]])

    def regels_verwijzingen(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        def fout(kolom, reden):
            self.fout(bestandsnaam, regel, kolom, reden, legacy_id)

        if waarden.get("einddatum") and waarden["einddatum"] < waarden["startdatum"]:
            fout("einddatum", _("De einddatum ligt vóór de startdatum."))
        kader = waarden.get("wettelijk_kader")
        if kader and kader != Zorgvorm.kader_van(waarden["zorgvorm"]):
            fout("wettelijk_kader", _("Deze zorgvorm valt onder een ander wettelijk kader."))
        self.doelen_van_traject(fout, waarden["traject"], waarden.get("doelen", []))

    def regels_aanvragen(self, bestandsnaam, regel, legacy_id, waarden) -> None:
        def fout(kolom, reden):
            self.fout(bestandsnaam, regel, kolom, reden, legacy_id)

        status = waarden["status"]
        self.niet_in_de_toekomst(fout, waarden, "ingediend_op", "besluit_op")
        if status not in {AanvraagStatus.CONCEPT, AanvraagStatus.INGETROKKEN} and not waarden.get("ingediend_op"):
            fout("ingediend_op", _("Een ingediende aanvraag heeft een datum van indienen."))
        if status == AanvraagStatus.CONCEPT and waarden.get("ingediend_op"):
            fout("status", _("De aanvraag is ingediend maar de status is 'concept'."))
        if status in BESLUITEN:
            for kolom, reden in (
                ("besluit_op", _("Een besluit heeft een datum.")),
                ("besluit_door", _("Een besluit heeft een beoordelaar.")),
                ("besluit_motivering", _("Een besluit heeft een motivering.")),
            ):
                if not waarden.get(kolom):
                    fout(kolom, reden)
        elif waarden.get("besluit_op") or waarden.get("besluit_door"):
            fout("status", _("De aanvraag heeft een besluit maar de status is geen besluit."))
        if waarden.get("besluit_door") and waarden["besluit_door"] == waarden["aangevraagd_door"]:
            fout("besluit_door", _("Wie de aanvraag deed, besluit er niet over (vier ogen)."))
        for later, eerder, reden in (
            ("besluit_op", "ingediend_op", _("Het besluit ligt vóór het indienen.")),
            ("periode_tot", "periode_van", _("De einddatum ligt vóór de begindatum.")),
        ):
            if waarden.get(later) and waarden.get(eerder) and waarden[later] < waarden[eerder]:
                fout(later, reden)
        if status in OPEN and not waarden.get("doelen"):
            fout("doelen", _("Een aanvraag waarover nog niet is besloten hoort bij een of meer doelen uit het plan."))
        if waarden.get("werkdagen_opgeschort") is not None and waarden["werkdagen_opgeschort"] < 0:
            fout("werkdagen_opgeschort", _("Dit is 0 of meer."))
        self.doelen_van_traject(fout, waarden["traject"], waarden.get("doelen", []))

    def bestaande_sleutels(self, tabellen: dict[str, lezen.Tabel]) -> None:
        """BSNs and dossiernummers already in BOKS that belong to objects this source did not import."""
        eigen_personen = {object_id: legacy for legacy, object_id in self.resultaat.bekend.get("personen", {}).items()}
        eigen_trajecten = {
            object_id: legacy for legacy, object_id in self.resultaat.bekend.get("trajecten", {}).items()
        }
        personen = tabellen.get("personen")
        trajecten = tabellen.get("trajecten")
        bsns = {rij.get("bsn") for _regel, rij in personen.rijen if rij.get("bsn")} if personen else set()
        nummers = (
            {rij.get("dossiernummer") for _regel, rij in trajecten.rijen if rij.get("dossiernummer")}
            if trajecten
            else set()
        )
        self.bsns = {
            bsn: eigen_personen.get(pk, _("(niet uit deze bron)"))
            for pk, bsn in Persoon.objects.filter(bsn__in=bsns).values_list("pk", "bsn")
        }
        self.dossiernummers = {
            nummer: eigen_trajecten.get(pk, _("(niet uit deze bron)"))
            for pk, nummer in Traject.objects.filter(dossiernummer__in=nummers).values_list("pk", "dossiernummer")
        }
        self.open_trajecten: dict[str, str] = {}
        instellingen = wattelt_instellingen(self.resultaat.organisatie_id)
        self.schaal = (instellingen.schaal_min, instellingen.schaal_max)
        self.schalen: dict[str, tuple[int, int]] = {}
        self.scores: dict[tuple, str] = {}
        plan = gezinsplan_instellingen(self.resultaat.organisatie_id)
        self.planschaal = (plan.schaal_min, plan.schaal_max)
        self.plannen: dict[str, str] = {}
        eigen_trajecten_ids = Herkomst.objects.filter(
            organisatie_id=self.resultaat.organisatie_id, bron=self.resultaat.bron, soort="trajecten"
        ).values("object_id")
        met_plan = set(
            PlanVersie.objects.filter(plan__traject_id__in=eigen_trajecten_ids).values_list(
                "plan__traject_id", flat=True
            )
        )
        self.trajecten_met_plan = {eigen_trajecten[pk] for pk in met_plan if pk in eigen_trajecten}


def valideer(
    bestanden: dict[str, bytes], *, organisatie_id: int, bron: str, voortgang: Voortgang | None = None
) -> Validatie:
    """Reads and validates every file; `bestanden` maps a file name to its bytes."""
    validator = _Validator(organisatie_id, bron)
    namen = {naam.rsplit("/", 1)[-1].lower(): naam for naam in bestanden}
    tabellen = {}
    for bestand in formaat.BESTANDEN:
        if bestand.bestandsnaam in namen:
            tabellen[bestand.soort] = lezen.lees(bestand.bestandsnaam, bestanden[namen[bestand.bestandsnaam]])
    for naam in sorted(set(namen) - {bestand.bestandsnaam for bestand in formaat.BESTANDEN}):
        if naam.endswith(".csv"):
            validator.fout(naam, None, "", _("Onbekend bestand; BOKS slaat het over."))
    if not tabellen:
        validator.fout("", None, "", _("Geen van de bestanden uit docs/conversie.md gevonden."))
        validator.resultaat.bestandsfouten = True
    validator.bestaande_sleutels(tabellen)
    for index, bestand in enumerate(formaat.BESTANDEN):
        if voortgang:
            voortgang(index / len(formaat.BESTANDEN), _("Controleren: %(bestand)s") % {"bestand": bestand.bestandsnaam})
        if bestand.soort in tabellen:
            validator.bestand(bestand, tabellen[bestand.soort])
    return validator.resultaat
