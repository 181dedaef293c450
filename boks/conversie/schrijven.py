"""Writing a validated conversion: bulk inserts in batches, all inside the caller's transaction, so
a failure leaves nothing half-imported. Every object gets a Herkomst row; an object a Herkomst row
already points to is compared field by field and updated only where the file differs, so running
the same files again changes nothing. Each write also gets a history row and an access-log row."""

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, ExtractYear, LPad
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts.models import Team, Wijk
from boks.audit.choices import Actie, Grondslag, Kanaal
from boks.audit.models import Toegang
from boks.dossiers import calendar
from boks.dossiers.choices import TrajectSoort, Urgentie
from boks.dossiers.models import (
    Contactmoment,
    Huishouden,
    Ondersteuningsvraag,
    Persoon,
    TijdlijnGebeurtenis,
    Traject,
)
from boks.dossiers.selectors import werkafspraken_for
from boks.wattelt import schedule
from boks.wattelt.choices import Kanaal as WatTeltKanaal
from boks.wattelt.choices import Variant
from boks.wattelt.models import Meting, Score
from boks.wattelt.selectors import catalogus
from boks.wattelt.selectors import instellingen_voor as wattelt_instellingen

from . import formaat
from .models import Herkomst
from .valideren import Rij, Validatie

BATCH = 2000
Voortgang = Callable[[float, str], None]
MODELLEN = {
    "huishoudens": Huishouden,
    "personen": Persoon,
    "trajecten": Traject,
    "contactmomenten": Contactmoment,
    "metingen": Meting,
    "wattelt_scores": Score,
}
_VOORLOPIG = "conversie-"


def _batches(items: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Schrijver:
    def __init__(self, validatie: Validatie, *, organisatie, bron: str, actor, run, voortgang: Voortgang | None):
        self.validatie = validatie
        self.organisatie = organisatie
        self.bron = bron
        self.actor = actor
        self.run = run
        self.voortgang = voortgang or (lambda _fractie, _stap: None)
        self.ids = {soort: dict(bekend) for soort, bekend in validatie.bekend.items()}
        self.teams = dict(Team.objects.filter(organisatie=organisatie).values_list("naam", "pk"))
        self.wijken = {naam: pk for pk, naam in Wijk.objects.order_by("-pk").values_list("pk", "naam")}
        self.reden = _("Conversie uit %(bron)s") % {"bron": bron}
        self.geraakte_trajecten: dict[int, str] = {}
        self.geraakte_huishoudens: dict[int, str] = {}
        afspraken = werkafspraken_for(organisatie.pk)
        self.kalender = {"goede_vrijdag": afspraken.goede_vrijdag_vrij, "bevrijdingsdag": afspraken.bevrijdingsdag}
        self.wattelt = wattelt_instellingen(organisatie.pk)
        self.wattelt_leefgebieden = {lg.code: lg.pk for lg in catalogus(organisatie.pk, ook_uitgezet=True)}
        self.geraakte_metingen: set[int] = set()

    # The fields of each model, from a validated row.

    def velden_huishoudens(self, rij: Rij) -> dict:
        w = rij.waarden
        return {
            "naam": w["naam"],
            "team_id": self.teams[w["team"]],
            "straat": w.get("straat", ""),
            "huisnummer": w.get("huisnummer", ""),
            "postcode": w.get("postcode", ""),
            "woonplaats": w.get("woonplaats", ""),
            "wijk_id": self.wijken[w["wijk"]] if w.get("wijk") else None,
        }

    def velden_personen(self, rij: Rij) -> dict:
        w = rij.waarden
        return {
            "huishouden_id": self.ids["huishoudens"][w["huishouden"]],
            "voornaam": w["voornaam"],
            "tussenvoegsel": w.get("tussenvoegsel", ""),
            "achternaam": w["achternaam"],
            "geboortedatum": w["geboortedatum"],
            "bsn": w.get("bsn", ""),
            "rol": w["rol"],
            "gezag": w.get("gezag", False),
            "telefoon": w.get("telefoon", ""),
            "email": w.get("email", ""),
        }

    def velden_trajecten(self, rij: Rij) -> dict:
        w = rij.waarden
        huishouden_id = self.ids["huishoudens"][w["huishouden"]]
        team_id = self.teams[w["team"]] if w.get("team") else self.huishouden_teams[huishouden_id]
        kennismaking = w.get("kennismaking_op")
        velden = {
            "huishouden_id": huishouden_id,
            "team_id": team_id,
            "soort": w.get("soort", TrajectSoort.BUURTTEAM),
            "status": w["status"],
            "aanmelddatum": w["aanmelddatum"],
            "melder": w["melder"],
            "melder_toelichting": w.get("melder_toelichting", ""),
            "aanmeldvraag": w["aanmeldvraag"],
            "urgentie": w.get("urgentie", Urgentie.GEEN),
            "regisseur_id": w.get("regisseur"),
            "kennismaking_gepland_op": w.get("kennismaking_gepland_op"),
            "kennismaking_op": kennismaking,
            "werkdagen_tot_kennismaking": (
                calendar.werkdagen_tussen(w["aanmelddatum"], kennismaking, **self.kalender) if kennismaking else None
            ),
            "kalenderdagen_tot_kennismaking": (kennismaking - w["aanmelddatum"]).days if kennismaking else None,
            "reden_vertraging": w.get("reden_vertraging", ""),
            "begeleiding_gestart_op": w.get("begeleiding_gestart_op"),
            "uitvoering_gestart_op": w.get("uitvoering_gestart_op"),
            "afgesloten_op": w.get("afgesloten_op"),
            "afsluitreden": w.get("afsluitreden", ""),
            "zelfstandig_verder": w.get("zelfstandig_verder", ""),
            "rapportcijfer": w.get("rapportcijfer"),
        }
        if w.get("dossiernummer"):
            velden["dossiernummer"] = w["dossiernummer"]
        return velden

    def velden_contactmomenten(self, rij: Rij) -> dict:
        w = rij.waarden
        return {
            "traject_id": self.ids["trajecten"][w["traject"]],
            "auteur_id": w.get("auteur") or self.actor.pk,
            "plaatsgevonden_op": w["plaatsgevonden_op"],
            "soort": w["soort"],
            "deelnemers": w.get("deelnemers", ""),
            "duur_minuten": w.get("duur_minuten"),
            "tekst": w["tekst"],
            "zichtbaar_voor_client": w.get("zichtbaar_voor_client", True),
            "reden_niet_zichtbaar": w.get("reden_niet_zichtbaar", ""),
        }

    def velden_metingen(self, rij: Rij) -> dict:
        w = rij.waarden
        return {
            "traject_id": self.ids["trajecten"][w["traject"]],
            "persoon_id": self.ids["personen"][w["persoon"]],
            "ronde": w["ronde"],
            "datum": w["datum"],
            "variant": w.get("variant", Variant.PAPIER),
            "gesprek_nummer": w.get("gesprek_nummer"),
            "schaal_min": w.get("schaal_min", self.wattelt.schaal_min),
            "schaal_max": w.get("schaal_max", self.wattelt.schaal_max),
            "algemene_score": w.get("algemene_score"),
            "derde_naam": w.get("derde_naam", ""),
            "derde_relatie": w.get("derde_relatie", ""),
            "toelichting": w.get("toelichting", ""),
            "volgende_ronde_op": schedule.add_months(w["datum"], self.wattelt.interval_maanden),
        }

    def aanmaak_metingen(self) -> dict:
        return {"aangemaakt_door_id": self.actor.pk, "kanaal": WatTeltKanaal.MEDEWERKER, "sleutel": uuid.uuid4()}

    def velden_wattelt_scores(self, rij: Rij) -> dict:
        w = rij.waarden
        return {
            "meting_id": self.ids["metingen"][w["meting"]],
            "leefgebied_id": self.wattelt_leefgebieden[w["leefgebied"]],
            "beoordelaar": w["beoordelaar"],
            "waarde": w["waarde"],
        }

    def aanmaak_wattelt_scores(self) -> dict:
        return {"ingevoerd_door_id": self.actor.pk, "kanaal": WatTeltKanaal.MEDEWERKER}

    def metingleefgebieden(self) -> None:
        """A meting's chosen leefgebieden are those it has scores on."""
        if not self.geraakte_metingen:
            return
        door = Meting.leefgebieden.through
        metingen = sorted(self.geraakte_metingen)
        for deel in _batches(metingen, 10000):
            door.objects.filter(meting_id__in=deel).delete()
            paren = (
                Score.objects.filter(meting_id__in=deel).order_by().values_list("meting_id", "leefgebied_id").distinct()
            )
            door.objects.bulk_create(
                [door(meting_id=meting_id, leefgebied_id=leefgebied_id) for meting_id, leefgebied_id in paren],
                batch_size=BATCH,
            )

    # Writing.

    def schrijf(self) -> None:
        self.huishouden_teams: dict[int, int] = {}
        for index, bestand in enumerate(formaat.BESTANDEN):
            self.voortgang(
                index / len(formaat.BESTANDEN), _("Schrijven: %(bestand)s") % {"bestand": bestand.bestandsnaam}
            )
            self.soort(bestand.soort)
            if bestand.soort == "huishoudens":
                bekend = list(self.ids["huishoudens"].values())
                for deel in _batches(bekend, 10000):
                    self.huishouden_teams.update(Huishouden.objects.filter(pk__in=deel).values_list("pk", "team_id"))
        self.metingleefgebieden()
        self.toegangslog()
        self.voortgang(1.0, _("Klaar"))

    def soort(self, soort: str) -> None:
        model = MODELLEN[soort]
        rijen = self.validatie.geldig.get(soort, {})
        aantallen = self.validatie.aantallen.get(soort)
        if aantallen is None or not rijen:
            return
        maak = getattr(self, f"velden_{soort}")
        bekend = self.ids.setdefault(soort, {})
        nieuw = [rij for legacy_id, rij in rijen.items() if legacy_id not in bekend]
        bestaand = [rij for legacy_id, rij in rijen.items() if legacy_id in bekend]
        self.nieuw(soort, model, nieuw, maak)
        self.bijwerken(soort, model, bestaand, maak)
        aantallen.nieuw = len(nieuw)

    def nieuw(self, soort: str, model, rijen: list[Rij], maak) -> None:
        content_type = ContentType.objects.get_for_model(model)
        aanmaak = getattr(self, f"aanmaak_{soort}", dict)
        for deel in _batches(rijen):
            objecten = []
            for rij in deel:
                velden = {**maak(rij), **aanmaak()}
                if model is Traject and "dossiernummer" not in velden:
                    velden["dossiernummer"] = f"{_VOORLOPIG}{rij.legacy_id}"[:20]
                objecten.append(model(**velden))
            model.objects.bulk_create(objecten)
            if model is Traject:
                self.dossiernummers(objecten)
            model.history.bulk_history_create(objecten, default_user=self.actor, default_change_reason=self.reden)
            Herkomst.objects.bulk_create(
                Herkomst(
                    organisatie=self.organisatie,
                    bron=self.bron,
                    soort=soort,
                    legacy_id=rij.legacy_id,
                    object_type=content_type,
                    object_id=obj.pk,
                    run=self.run,
                )
                for rij, obj in zip(deel, objecten, strict=True)
            )
            for rij, obj in zip(deel, objecten, strict=True):
                self.ids[soort][rij.legacy_id] = obj.pk
                self.geraakt(soort, obj, Actie.AANMAKEN)
            if model is Traject:
                self.tijdlijn(objecten)
                Ondersteuningsvraag.objects.bulk_create(
                    Ondersteuningsvraag(traject=obj, leefgebied=leefgebied)
                    for rij, obj in zip(deel, objecten, strict=True)
                    for leefgebied in sorted(set(rij.waarden.get("leefgebieden", [])))
                )

    def tijdlijn(self, trajecten: list[Traject]) -> None:
        """The worker sees on the timeline where the traject came from (staff only)."""
        moment = timezone.now()
        TijdlijnGebeurtenis.objects.bulk_create(
            TijdlijnGebeurtenis(
                traject=traject,
                huishouden_id=traject.huishouden_id,
                soort="conversie.ingelezen",
                titel=self.reden,
                plaatsgevonden_op=moment,
                actor=self.actor,
                zichtbaar_voor_client=False,
            )
            for traject in trajecten
        )

    def dossiernummers(self, objecten: list[Traject]) -> None:
        """A traject without a number gets the one BOKS gives every aanmelding: year and id."""
        voorlopig = [obj for obj in objecten if obj.dossiernummer.startswith(_VOORLOPIG)]
        if not voorlopig:
            return
        Traject.objects.filter(pk__in=[obj.pk for obj in voorlopig]).update(
            dossiernummer=Concat(
                Cast(ExtractYear("aanmelddatum"), CharField()),
                Value("-"),
                LPad(Cast(F("pk"), CharField()), 6, Value("0")),
            )
        )
        for obj in voorlopig:
            obj.dossiernummer = f"{obj.aanmelddatum.year}-{obj.pk:06d}"

    def bijwerken(self, soort: str, model, rijen: list[Rij], maak) -> None:
        aantallen = self.validatie.aantallen[soort]
        for deel in _batches(rijen):
            huidig = model.objects.in_bulk([self.ids[soort][rij.legacy_id] for rij in deel])
            gewijzigd = []
            velden_gewijzigd: set[str] = set()
            leefgebieden = {}
            for rij in deel:
                obj = huidig.get(self.ids[soort][rij.legacy_id])
                if obj is None:
                    continue
                verschil = {naam: waarde for naam, waarde in maak(rij).items() if getattr(obj, naam) != waarde}
                if model is Traject:
                    nieuwe = sorted(set(rij.waarden.get("leefgebieden", [])))
                    leefgebieden[obj.pk] = (obj, nieuwe)
                if verschil:
                    for naam, waarde in verschil.items():
                        setattr(obj, naam, waarde)
                    velden_gewijzigd |= set(verschil)
                    gewijzigd.append(obj)
            if model is Traject:
                gewijzigd += self.leefgebieden(leefgebieden, {obj.pk for obj in gewijzigd})
            if velden_gewijzigd:
                model.objects.bulk_update(gewijzigd, sorted(velden_gewijzigd))
            if gewijzigd:
                model.history.bulk_history_create(
                    gewijzigd, update=True, default_user=self.actor, default_change_reason=self.reden
                )
            for obj in gewijzigd:
                self.geraakt(soort, obj, Actie.WIJZIGEN)
            aantallen.gewijzigd += len(gewijzigd)
            aantallen.ongewijzigd += len(deel) - len(gewijzigd)

    def leefgebieden(self, per_traject: dict[int, tuple[Traject, list[str]]], al_gewijzigd: set[int]) -> list[Traject]:
        huidig = defaultdict(list)
        for traject_id, leefgebied in Ondersteuningsvraag.objects.filter(traject_id__in=per_traject).values_list(
            "traject_id", "leefgebied"
        ):
            huidig[traject_id].append(leefgebied)
        anders = {pk: nieuw for pk, (_obj, nieuw) in per_traject.items() if sorted(huidig[pk]) != nieuw}
        if not anders:
            return []
        Ondersteuningsvraag.objects.filter(traject_id__in=anders).delete()
        Ondersteuningsvraag.objects.bulk_create(
            Ondersteuningsvraag(traject_id=pk, leefgebied=leefgebied)
            for pk, nieuw in anders.items()
            for leefgebied in nieuw
        )
        return [per_traject[pk][0] for pk in anders if pk not in al_gewijzigd]

    def geraakt(self, soort: str, obj, actie: str) -> None:
        if soort == "trajecten":
            self.geraakte_trajecten.setdefault(obj.pk, actie)
        elif soort == "contactmomenten":
            self.geraakte_trajecten.setdefault(obj.traject_id, Actie.WIJZIGEN)
        elif soort == "metingen":
            self.geraakte_trajecten.setdefault(obj.traject_id, Actie.WIJZIGEN)
            self.geraakte_metingen.add(obj.pk)
        elif soort == "wattelt_scores":
            self.geraakte_metingen.add(obj.meting_id)
        elif soort == "huishoudens":
            self.geraakte_huishoudens.setdefault(obj.pk, actie)
        else:
            self.geraakte_huishoudens.setdefault(obj.huishouden_id, Actie.WIJZIGEN)

    def toegangslog(self) -> None:
        """One access-log row per traject and per household the conversion wrote (NEN 7513)."""
        naam = self.actor.get_full_name() or self.actor.email
        moment = timezone.now()

        def regel(actie, **onderwerp) -> Toegang:
            return Toegang(
                moment=moment,
                actie=actie,
                gebruiker=self.actor,
                gebruiker_naam=naam,
                rol=_("functioneel beheer"),
                kanaal=Kanaal.TAAK,
                grondslag=Grondslag.TAAK,
                reden=self.reden,
                organisatie_id=self.organisatie.pk,
                omschrijving=self.reden,
                **onderwerp,
            )

        for deel in _batches(sorted(self.geraakte_metingen), 10000):
            for traject_id in (
                Meting.objects.filter(pk__in=deel).order_by().values_list("traject_id", flat=True).distinct()
            ):
                self.geraakte_trajecten.setdefault(traject_id, Actie.WIJZIGEN)
        trajecten = list(self.geraakte_trajecten.items())
        for deel in _batches(trajecten, 10000):
            gegevens = {
                pk: (huishouden_id, nummer)
                for pk, huishouden_id, nummer in Traject.objects.filter(pk__in=[pk for pk, _a in deel]).values_list(
                    "pk", "huishouden_id", "dossiernummer"
                )
            }
            Toegang.objects.bulk_create(
                [
                    regel(actie, traject_id=pk, huishouden_id=gegevens[pk][0], dossiernummer=gegevens[pk][1])
                    for pk, actie in deel
                ],
                batch_size=BATCH,
            )
        Toegang.objects.bulk_create(
            [regel(actie, huishouden_id=pk) for pk, actie in self.geraakte_huishoudens.items()], batch_size=BATCH
        )


def schrijf(
    validatie: Validatie, *, organisatie, bron: str, actor, run=None, voortgang: Voortgang | None = None
) -> None:
    """Writes the valid rows; call inside a transaction (services.voer_uit does)."""
    _Schrijver(validatie, organisatie=organisatie, bron=bron, actor=actor, run=run, voortgang=voortgang).schrijf()
