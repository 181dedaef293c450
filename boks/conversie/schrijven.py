"""Writing a validated conversion: bulk inserts in batches, all inside the caller's transaction, so
a failure leaves nothing half-imported. Every object gets a Herkomst row; an object a Herkomst row
already points to is compared field by field and updated only where the file differs, so running
the same files again changes nothing. Each write also gets a history row and an access-log row."""

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, models
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, ExtractYear, LPad
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts.models import Team, Wijk
from boks.audit.choices import Actie, Grondslag, Kanaal
from boks.audit.models import Toegang
from boks.dossiers import calendar, timeline, workflow
from boks.dossiers.choices import TrajectSoort, Urgentie
from boks.dossiers.models import (
    Contactmoment,
    Huishouden,
    Ondersteuningsvraag,
    Persoon,
    TijdlijnGebeurtenis,
    Traject,
)
from boks.gezinsplan.choices import DoelStatus, InstemmingWijze, RegieBij, VeiligheidOordeel, VersieStatus
from boks.gezinsplan.models import Doel, Gezinsplan, PlanDoel, PlanVersie, Schaalvraag
from boks.gezinsplan.models import Score as PlanScore
from boks.gezinsplan.selectors import instellingen_for as gezinsplan_instellingen
from boks.gezinsplan.services import snapshot_sjabloon, standaard_sjabloon, volgende_evaluatie
from boks.maatwerk import statusflow
from boks.maatwerk.choices import BESLUITEN, Gecontracteerd, Zorgvorm
from boks.maatwerk.models import Aanvraag, AanvraagSoort, Verwijzing
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
    "gezinsplannen": PlanVersie,
    "doelen": Doel,
    "doelscores": PlanScore,
    "verwijzingen": Verwijzing,
    "aanvragen": Aanvraag,
}
# Set when the object is made and not compared on a re-run: who ran the conversion may differ.
_ALLEEN_BIJ_AANMAKEN = {"vastgesteld_door_id"}
_VOORLOPIG = "conversie-"


# Fields whose Python values psycopg writes as they are; any other field (JSON, a custom field) goes
# through its get_db_prep_save. Exact types: a subclass may prepare its values differently.
_ZOALS_HET_IS = {
    models.AutoField,
    models.BigAutoField,
    models.BigIntegerField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.DateTimeField,
    models.DecimalField,
    models.EmailField,
    models.ForeignKey,
    models.IntegerField,
    models.OneToOneField,
    models.PositiveBigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.SmallIntegerField,
    models.TextField,
    models.UUIDField,
}


def _nieuwe_ids(model, aantal: int) -> list[int]:
    """Ids from the table's own sequence, so they are safe while others write."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, aantal],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _copy(model, velden: list, rijen: Iterable[list]) -> None:
    """COPY of rows of Python values, one per field in `velden`."""
    database = connections[connection.alias]
    voorbereiden = [
        None if type(veld) in _ZOALS_HET_IS else partial(veld.get_db_prep_save, connection=database) for veld in velden
    ]
    tabel = database.ops.quote_name(model._meta.db_table)
    kolommen = ", ".join(database.ops.quote_name(veld.column) for veld in velden)
    with database.cursor() as cursor, cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
        for rij in rijen:
            copy.write_row(
                [waarde if prep is None else prep(waarde) for prep, waarde in zip(voorbereiden, rij, strict=True)]
            )


def _insert(model, objecten: list) -> None:
    """Writes new objects like bulk_create. On PostgreSQL through COPY, several times faster for the
    hundreds of thousands of rows of a conversion; the objects know their ids afterwards."""
    if not objecten:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objecten, batch_size=BATCH)
        return
    for obj, pk in zip(objecten, _nieuwe_ids(model, len(objecten)), strict=True):
        obj.pk = pk
    velden = model._meta.local_concrete_fields
    _copy(model, velden, ([veld.pre_save(obj, True) for veld in velden] for obj in objecten))
    for obj in objecten:
        obj._state.adding = False
        obj._state.db = connection.alias


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
        self.kalender = statusflow.calendar_options(organisatie.pk)
        self.wattelt = wattelt_instellingen(organisatie.pk)
        self.wattelt_leefgebieden = {lg.code: lg.pk for lg in catalogus(organisatie.pk, ook_uitgezet=True)}
        self.geraakte_metingen: set[int] = set()
        self.plan_instellingen = gezinsplan_instellingen(organisatie.pk)
        self.aanvraagsoorten = {soort.code: soort for soort in AanvraagSoort.objects.filter(organisatie=organisatie)}
        # Objects of existing rows that changed in a related table (a plan's date, a goal's wording,
        # linked goals): counted and given a history row as changed.
        self.ook_gewijzigd: dict[str, set[int]] = defaultdict(set)
        self.plan_van_traject: dict[int, int] = {}
        self.traject_van_plan: dict[int, int] = {}
        self.traject_van_schaalvraag: dict[int, int] = {}
        self._sjabloon_versie = None

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

    def velden_gezinsplannen(self, rij: Rij) -> dict:
        w = rij.waarden
        vastgesteld = w.get("vastgesteld_op")
        return {
            "plan_id": self.plan_van_traject[self.ids["trajecten"][w["traject"]]],
            "nummer": 1,
            "status": VersieStatus.VASTGESTELD if vastgesteld else VersieStatus.CONCEPT,
            "vraagverheldering": w.get("vraagverheldering", ""),
            "visie_client": w.get("visie_client", ""),
            "regie_bij": w.get("regie_bij", RegieBij.BUURTTEAM),
            "regie_naam": w.get("regie_naam", ""),
            "regie_organisatie": w.get("regie_organisatie", ""),
            "veiligheid_oordeel": w.get("veiligheid_oordeel", VeiligheidOordeel.ONBEKEND),
            "veiligheid_toelichting": w.get("veiligheid_toelichting", ""),
            "vastgesteld_op": timeline.as_datetime(vastgesteld) if vastgesteld else None,
            "vastgesteld_door_id": self.actor.pk if vastgesteld else None,
            "instemming_van_id": self.ids["personen"][w["instemming_van"]] if w.get("instemming_van") else None,
            "instemming_op": w.get("instemming_op"),
            "instemming_wijze": w.get("instemming_wijze", InstemmingWijze.GESPREK if vastgesteld else ""),
        }

    def aanmaak_gezinsplannen(self) -> dict:
        return {
            "sjabloon_versie_id": self.sjabloon_versie().pk,
            "aangemaakt_door_id": self.actor.pk,
            "gewijzigd_door_id": self.actor.pk,
        }

    def sjabloon_versie(self):
        """The organisation's default template as it is now, snapshotted once per run."""
        if self._sjabloon_versie is None:
            self._sjabloon_versie = snapshot_sjabloon(standaard_sjabloon(self.organisatie))
        return self._sjabloon_versie

    def velden_doelen(self, rij: Rij) -> dict:
        w = rij.waarden
        velden = {
            "plan_id": self.plan_van_traject[self.ids["trajecten"][w["traject"]]],
            "status": w.get("status", DoelStatus.ACTIEF),
        }
        if w.get("status_sinds"):
            velden["status_sinds"] = w["status_sinds"]
        return velden

    def velden_doelscores(self, rij: Rij) -> dict:
        w = rij.waarden
        return {
            "schaalvraag_id": self.schaalvraag_ids[(self.ids["doelen"][w["doel"]], w["schaalvraag"])],
            "datum": w["datum"],
            "beoordelaar": w["beoordelaar"],
            "persoon_id": self.ids["personen"][w["persoon"]] if w.get("persoon") else None,
            "beoordelaar_naam": w.get("beoordelaar_naam", ""),
            "waarde": w["waarde"],
            "schaal_min": w.get("schaal_min", self.plan_instellingen.schaal_min),
            "schaal_max": w.get("schaal_max", self.plan_instellingen.schaal_max),
            "toelichting": w.get("toelichting", ""),
        }

    def aanmaak_doelscores(self) -> dict:
        return {"vastgelegd_door_id": self.actor.pk}

    def velden_verwijzingen(self, rij: Rij) -> dict:
        w = rij.waarden
        return {
            "traject_id": self.ids["trajecten"][w["traject"]],
            "zorgvorm": w["zorgvorm"],
            "wettelijk_kader": w.get("wettelijk_kader") or Zorgvorm.kader_van(w["zorgvorm"]),
            "aanbieder": w["aanbieder"],
            "startdatum": w["startdatum"],
            "einddatum": w.get("einddatum"),
            "beschikking": w.get("beschikking", ""),
            "toelichting": w.get("toelichting", ""),
            "geregistreerd_door_id": w.get("geregistreerd_door") or self.actor.pk,
        }

    def velden_aanvragen(self, rij: Rij) -> dict:
        w = rij.waarden
        soort = self.aanvraagsoorten[w["soort"]]
        ingediend = w.get("ingediend_op")
        opgeschort = w.get("werkdagen_opgeschort", 0)
        velden = {
            "traject_id": self.ids["trajecten"][w["traject"]],
            "soort_id": soort.pk,
            "status": w["status"],
            "vraag": w.get("vraag", ""),
            "waarom_niet_regulier": w.get("waarom_niet_regulier", ""),
            "eigen_kracht": w.get("eigen_kracht", ""),
            "gevraagde_oplossing": w.get("gevraagde_oplossing", ""),
            "aanbieder": w.get("aanbieder", ""),
            "aanbieder_gecontracteerd": w.get("aanbieder_gecontracteerd", Gecontracteerd.ONBEKEND),
            "bedrag": w.get("bedrag"),
            "periode_van": w.get("periode_van"),
            "periode_tot": w.get("periode_tot"),
            "huidig_pgb_tot": w.get("huidig_pgb_tot"),
            "aangemaakt_door_id": w["aangevraagd_door"],
            "ingediend_door_id": w["aangevraagd_door"] if ingediend else None,
            "eerst_ingediend_op": ingediend,
            "werkdagen_opgeschort": opgeschort,
            "routering": soort.routering if ingediend else "",
            "beoordelingsgroep_id": soort.beoordelingsgroep_id if ingediend else None,
            "norm_werkdagen": soort.norm_werkdagen if ingediend else None,
            "termijn": None,
            "herinneren_vanaf": None,
            "besluit_door_id": w.get("besluit_door"),
            "besluit_op": w.get("besluit_op"),
            "besluit_motivering": w.get("besluit_motivering", ""),
            "toegekend_bedrag": w.get("toegekend_bedrag"),
            "doorlooptijd_werkdagen": None,
            "binnen_norm": None,
        }
        if ingediend:
            # As when submitted in BOKS: the norm in werkdagen, moved by the days waited for information.
            termijn = calendar.plus_werkdagen(ingediend, soort.norm_werkdagen + opgeschort, **self.kalender)
            velden["termijn"] = termijn
            velden["herinneren_vanaf"] = statusflow.min_werkdagen(termijn, soort.herinneren_werkdagen, **self.kalender)
        if ingediend and w["status"] in BESLUITEN:
            doorlooptijd = statusflow.doorlooptijd(ingediend, w["besluit_op"], opgeschort, **self.kalender)
            velden["doorlooptijd_werkdagen"] = doorlooptijd
            velden["binnen_norm"] = doorlooptijd <= soort.norm_werkdagen
        return velden

    # Related rows: plans before their versions, goals' wording, scale questions, linked goals.

    def plannen(self) -> None:
        """A Gezinsplan for every traject with a plan row or goals; a traject with goals but no plan
        row gets a first concept version. A plan row sets the plan's next evaluation."""
        rijen = self.validatie.geldig.get("gezinsplannen", {})
        doelen = self.validatie.geldig.get("doelen", {})
        trajecten = {self.ids["trajecten"][rij.waarden["traject"]] for rij in [*rijen.values(), *doelen.values()]}
        if not trajecten:
            return
        bestaand = dict(Gezinsplan.objects.filter(traject_id__in=trajecten).values_list("traject_id", "pk"))
        nieuw = [Gezinsplan(traject_id=pk) for pk in sorted(trajecten - set(bestaand))]
        _insert(Gezinsplan, nieuw)
        self.geschiedenis(Gezinsplan, nieuw)
        self.plan_van_traject = {**bestaand, **{plan.traject_id: plan.pk for plan in nieuw}}
        self.traject_van_plan = {plan: traject for traject, plan in self.plan_van_traject.items()}
        met_rij = {self.ids["trajecten"][rij.waarden["traject"]] for rij in rijen.values()}
        zonder_versie = set(self.plan_van_traject.values()) - set(
            PlanVersie.objects.filter(plan_id__in=self.plan_van_traject.values()).values_list("plan_id", flat=True)
        )
        concepten = [
            PlanVersie(plan_id=plan, nummer=1, **self.aanmaak_gezinsplannen())
            for traject, plan in sorted(self.plan_van_traject.items())
            if plan in zonder_versie and traject not in met_rij
        ]
        _insert(PlanVersie, concepten)
        self.geschiedenis(PlanVersie, concepten)
        self.evaluaties(rijen)

    def evaluaties(self, rijen: dict[str, Rij]) -> None:
        gewenst = {}
        for rij in rijen.values():
            w = rij.waarden
            datum = w.get("volgende_evaluatie_op")
            if datum is None and w.get("vastgesteld_op"):
                # As when a plan is vastgesteld in BOKS: counted from the consent.
                datum = volgende_evaluatie(w["instemming_op"], self.plan_instellingen)
            gewenst[self.plan_van_traject[self.ids["trajecten"][w["traject"]]]] = (rij.legacy_id, datum)
        plannen = Gezinsplan.objects.in_bulk(list(gewenst))
        anders = []
        for pk, (legacy_id, datum) in gewenst.items():
            plan = plannen[pk]
            if plan.volgende_evaluatie_op != datum:
                plan.volgende_evaluatie_op = datum
                anders.append(plan)
                if legacy_id in self.ids.get("gezinsplannen", {}):
                    self.ook_gewijzigd["gezinsplannen"].add(self.ids["gezinsplannen"][legacy_id])
        Gezinsplan.objects.bulk_update(anders, ["volgende_evaluatie_op"], batch_size=BATCH)
        Gezinsplan.history.bulk_history_create(
            anders, update=True, default_user=self.actor, default_change_reason=self.reden
        )

    def plandoelen(self) -> None:
        """A goal's wording, leefgebied, priority and owners in its plan's newest version."""
        rijen = self.validatie.geldig.get("doelen", {})
        if not rijen:
            return
        doel_ids = {self.ids["doelen"][legacy_id] for legacy_id in rijen}
        plan_ids = {self.plan_van_traject[self.ids["trajecten"][rij.waarden["traject"]]] for rij in rijen.values()}
        nieuwste = {}
        for pk, plan_id in (
            PlanVersie.objects.filter(plan_id__in=plan_ids).order_by("plan_id", "nummer").values_list("pk", "plan_id")
        ):
            nieuwste[plan_id] = pk
        huidig = {
            (item.versie_id, item.doel_id): item
            for item in PlanDoel.objects.filter(doel_id__in=doel_ids, versie_id__in=nieuwste.values())
        }
        eigenaren = defaultdict(set)
        door = PlanDoel.eigenaren.through
        for plan_doel_id, persoon_id in door.objects.filter(
            plandoel_id__in=[i.pk for i in huidig.values()]
        ).values_list("plandoel_id", "persoon_id"):
            eigenaren[plan_doel_id].add(persoon_id)
        volgorde: dict[str, int] = defaultdict(int)
        nieuw, gewijzigd, gewenste_eigenaren = [], [], []
        for legacy_id, rij in rijen.items():
            w = rij.waarden
            traject = w["traject"]
            volgorde[traject] += 1
            doel_id = self.ids["doelen"][legacy_id]
            versie_id = nieuwste[self.plan_van_traject[self.ids["trajecten"][traject]]]
            velden = {
                "omschrijving": w["omschrijving"],
                "leefgebied": w.get("leefgebied", ""),
                "prioriteit": w.get("prioriteit", volgorde[traject]),
            }
            personen = {self.ids["personen"][persoon] for persoon in w.get("eigenaren", [])}
            item = huidig.get((versie_id, doel_id))
            if item is None:
                item = PlanDoel(versie_id=versie_id, doel_id=doel_id, **velden)
                nieuw.append(item)
                gewenste_eigenaren.append((item, personen))
                continue
            verschil = {naam: waarde for naam, waarde in velden.items() if getattr(item, naam) != waarde}
            if verschil or eigenaren[item.pk] != personen:
                for naam, waarde in verschil.items():
                    setattr(item, naam, waarde)
                gewijzigd.append(item)
                gewenste_eigenaren.append((item, personen))
                if legacy_id in self.validatie.bekend.get("doelen", {}):
                    self.ook_gewijzigd["doelen"].add(doel_id)
        _insert(PlanDoel, nieuw)
        PlanDoel.objects.bulk_update(gewijzigd, ["omschrijving", "leefgebied", "prioriteit"], batch_size=BATCH)
        self.geschiedenis(PlanDoel, nieuw)
        PlanDoel.history.bulk_history_create(
            gewijzigd, update=True, default_user=self.actor, default_change_reason=self.reden
        )
        door.objects.filter(plandoel_id__in=[item.pk for item in gewijzigd]).delete()
        door.objects.bulk_create(
            [
                door(plandoel_id=item.pk, persoon_id=persoon)
                for item, personen in gewenste_eigenaren
                for persoon in sorted(personen)
            ],
            batch_size=BATCH,
        )

    def schaalvragen(self) -> None:
        """One scale question per goal and question text; a new text is a new question."""
        rijen = self.validatie.geldig.get("doelscores", {})
        self.schaalvraag_ids: dict[tuple[int, str], int] = {}
        if not rijen:
            return
        gewenst = {(self.ids["doelen"][rij.waarden["doel"]], rij.waarden["schaalvraag"]) for rij in rijen.values()}
        doel_ids = {doel for doel, _vraag in gewenst}
        volgorde = defaultdict(int)
        for pk, doel_id, vraag in Schaalvraag.objects.filter(doel_id__in=doel_ids).values_list(
            "pk", "doel_id", "vraag"
        ):
            self.schaalvraag_ids[(doel_id, vraag)] = pk
            volgorde[doel_id] += 1
        nieuw = []
        for doel_id, vraag in sorted(gewenst - set(self.schaalvraag_ids)):
            volgorde[doel_id] += 1
            nieuw.append(Schaalvraag(doel_id=doel_id, vraag=vraag, volgorde=volgorde[doel_id]))
        _insert(Schaalvraag, nieuw)
        self.geschiedenis(Schaalvraag, nieuw)
        self.schaalvraag_ids.update({(item.doel_id, item.vraag): item.pk for item in nieuw})
        traject_van_doel = dict(Doel.objects.filter(pk__in=doel_ids).values_list("pk", "plan__traject_id"))
        self.traject_van_schaalvraag = {
            pk: traject_van_doel[doel_id] for (doel_id, _vraag), pk in self.schaalvraag_ids.items()
        }

    def gekoppelde_doelen(self, soort: str) -> None:
        """The goals a referral or request is linked to, as the file lists them."""
        model = MODELLEN[soort]
        rijen = self.validatie.geldig.get(soort, {})
        if not rijen:
            return
        door = model.doelen.through
        veld = f"{model._meta.model_name}_id"
        objecten = {self.ids[soort][legacy_id]: legacy_id for legacy_id in rijen}
        huidig = defaultdict(set)
        for object_id, doel_id in door.objects.filter(**{f"{veld}__in": list(objecten)}).values_list(veld, "doel_id"):
            huidig[object_id].add(doel_id)
        anders = {}
        for object_id, legacy_id in objecten.items():
            gewenst = {self.ids["doelen"][doel] for doel in rijen[legacy_id].waarden.get("doelen", [])}
            if gewenst != huidig[object_id]:
                anders[object_id] = gewenst
                if legacy_id in self.validatie.bekend.get(soort, {}):
                    self.ook_gewijzigd[soort].add(object_id)
        door.objects.filter(**{f"{veld}__in": list(anders)}).delete()
        door.objects.bulk_create(
            [
                door(**{veld: object_id, "doel_id": doel_id})
                for object_id, doelen in anders.items()
                for doel_id in doelen
            ],
            batch_size=BATCH,
        )

    def geschiedenis(self, model, objecten: list) -> None:
        """History rows for new objects, with what django-simple-history's bulk_history_create puts
        in them; on PostgreSQL written straight from the objects, without a historical instance each."""
        if not objecten:
            return
        historie = model.history.model
        moment = timezone.now()
        if connection.vendor != "postgresql":
            model.history.bulk_history_create(
                objecten, default_user=self.actor, default_change_reason=self.reden, default_date=moment
            )
            return
        vast = {
            "history_date": moment,
            "history_change_reason": self.reden,
            "history_type": "+",
            "history_user_id": self.actor.pk,
        }
        velden = historie._meta.local_concrete_fields
        ids = iter(_nieuwe_ids(historie, len(objecten)))
        pk = historie._meta.pk.attname

        def waarde(obj, veld):
            if veld.attname == pk:
                return next(ids)
            if veld.attname in vast:
                return vast[veld.attname]
            return getattr(obj, veld.attname)

        _copy(historie, velden, ([waarde(obj, veld) for veld in velden] for obj in objecten))

    # Writing.

    def schrijf(self) -> None:
        self.huishouden_teams: dict[int, int] = {}
        for index, bestand in enumerate(formaat.BESTANDEN):
            self.voortgang(
                index / len(formaat.BESTANDEN), _("Schrijven: %(bestand)s") % {"bestand": bestand.bestandsnaam}
            )
            if bestand.soort == "gezinsplannen":
                self.plannen()
            if bestand.soort == "doelscores":
                self.schaalvragen()
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
        if soort == "doelen":
            self.plandoelen()
        if soort in {"verwijzingen", "aanvragen"}:
            self.gekoppelde_doelen(soort)
        self.bijwerken(soort, model, bestaand, maak)
        aantallen.nieuw = len(nieuw)

    def nieuw(self, soort: str, model, rijen: list[Rij], maak) -> None:
        content_type = ContentType.objects.get_for_model(model)
        aanmaak = getattr(self, f"aanmaak_{soort}", dict)
        for deel in _batches(rijen):
            objecten = []
            for rij in deel:
                velden = {**aanmaak(), **maak(rij)}
                if model is Traject and "dossiernummer" not in velden:
                    velden["dossiernummer"] = f"{_VOORLOPIG}{rij.legacy_id}"[:20]
                objecten.append(model(**velden))
            _insert(model, objecten)
            if model is Traject:
                self.dossiernummers(objecten)
            self.geschiedenis(model, objecten)
            _insert(
                Herkomst,
                [
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
                ],
            )
            for rij, obj in zip(deel, objecten, strict=True):
                self.ids[soort][rij.legacy_id] = obj.pk
                self.geraakt(soort, obj, Actie.AANMAKEN)
            if model is Traject:
                self.tijdlijn(objecten)
                _insert(
                    Ondersteuningsvraag,
                    [
                        Ondersteuningsvraag(traject=obj, leefgebied=leefgebied)
                        for rij, obj in zip(deel, objecten, strict=True)
                        for leefgebied in sorted(set(rij.waarden.get("leefgebieden", [])))
                    ],
                )

    def tijdlijn(self, trajecten: list[Traject]) -> None:
        """The steps the traject went through in the old system, on the timeline as the workflow
        writes them (who took them is unknown), and for the worker where it came from (staff only)."""
        moment = timezone.now()
        team_namen = {pk: naam for naam, pk in self.teams.items()}
        gebeurtenissen = []
        for traject in trajecten:
            for soort, titel, datum in workflow.stappen_uit_datums(traject, team_namen[traject.team_id]):
                gebeurtenissen.append(
                    TijdlijnGebeurtenis(
                        traject=traject,
                        huishouden_id=traject.huishouden_id,
                        soort=soort,
                        titel=titel,
                        omschrijving=traject.aanmeldvraag if soort == "dossiers.aangemeld" else "",
                        plaatsgevonden_op=timeline.as_datetime(datum),
                    )
                )
            gebeurtenissen.append(
                TijdlijnGebeurtenis(
                    traject=traject,
                    huishouden_id=traject.huishouden_id,
                    soort="conversie.ingelezen",
                    titel=self.reden,
                    plaatsgevonden_op=moment,
                    actor=self.actor,
                    zichtbaar_voor_client=False,
                )
            )
        _insert(TijdlijnGebeurtenis, gebeurtenissen)

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
                verschil = {
                    naam: waarde
                    for naam, waarde in maak(rij).items()
                    if getattr(obj, naam) != waarde
                    and not (naam in _ALLEEN_BIJ_AANMAKEN and getattr(obj, naam) is not None)
                }
                if model is Traject:
                    nieuwe = sorted(set(rij.waarden.get("leefgebieden", [])))
                    leefgebieden[obj.pk] = (obj, nieuwe)
                if verschil or obj.pk in self.ook_gewijzigd[soort]:
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
        elif soort in {"verwijzingen", "aanvragen"}:
            self.geraakte_trajecten.setdefault(obj.traject_id, Actie.WIJZIGEN)
        elif soort in {"gezinsplannen", "doelen"}:
            self.geraakte_trajecten.setdefault(self.traject_van_plan[obj.plan_id], Actie.WIJZIGEN)
        elif soort == "doelscores":
            self.geraakte_trajecten.setdefault(self.traject_van_schaalvraag[obj.schaalvraag_id], Actie.WIJZIGEN)
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
