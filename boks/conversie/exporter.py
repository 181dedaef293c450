"""The export: a team's or an organisation's dossiers in the exchange format, so they can be read
into another BOKS (or another system) with the same files. The legacy id of each row is its BOKS
id; codes are BOKS codes, teams and wijken by name, staff by e-mail address, dates ISO."""

import csv
import datetime
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from boks.audit.choices import Actie, Grondslag, Kanaal
from boks.audit.models import Toegang
from boks.dossiers.models import Contactmoment, Huishouden, Ondersteuningsvraag, Persoon, Traject
from boks.gezinsplan.choices import VersieStatus
from boks.gezinsplan.models import Doel, PlanDoel, PlanVersie
from boks.gezinsplan.models import Score as PlanScore
from boks.maatwerk.models import Aanvraag, Verwijzing
from boks.wattelt.models import Meting, Score

from . import formaat

BATCH = 2000


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).replace(tzinfo=None).isoformat()
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    return str(waarde)


def _rijen(queryset, velden):
    """The fields of every row, in id order, read in batches."""
    for rij in queryset.order_by("pk").values_list(*velden).iterator(chunk_size=BATCH):
        yield list(rij)


def _rijen_huishoudens(huishoudens):
    velden = ["pk", "naam", "team__naam", "straat", "huisnummer", "postcode", "woonplaats", "wijk__naam"]
    return _rijen(huishoudens, velden)


def _rijen_personen(huishoudens):
    velden = [
        "pk",
        "huishouden_id",
        "voornaam",
        "tussenvoegsel",
        "achternaam",
        "geboortedatum",
        "bsn",
        "rol",
        "gezag",
        "telefoon",
        "email",
    ]
    return _rijen(Persoon.objects.filter(huishouden__in=huishoudens), velden)


def _rijen_trajecten(trajecten):
    leefgebieden: dict[int, list[str]] = {}
    for traject_id, leefgebied in (
        Ondersteuningsvraag.objects.filter(traject__in=trajecten)
        .order_by("leefgebied")
        .values_list("traject_id", "leefgebied")
    ):
        leefgebieden.setdefault(traject_id, []).append(leefgebied)
    velden = [
        "pk",
        "huishouden_id",
        "team__naam",
        "dossiernummer",
        "soort",
        "status",
        "aanmelddatum",
        "melder",
        "melder_toelichting",
        "aanmeldvraag",
        "urgentie",
        "regisseur__email",
        "kennismaking_gepland_op",
        "kennismaking_op",
        "reden_vertraging",
        "begeleiding_gestart_op",
        "uitvoering_gestart_op",
        "afgesloten_op",
        "afsluitreden",
        "zelfstandig_verder",
        "rapportcijfer",
    ]
    for rij in _rijen(trajecten, velden):
        yield [*rij[:11], formaat.CODES_SCHEIDING.join(leefgebieden.get(rij[0], [])), *rij[11:]]


def _rijen_contactmomenten(trajecten):
    velden = [
        "pk",
        "traject_id",
        "plaatsgevonden_op",
        "soort",
        "tekst",
        "deelnemers",
        "duur_minuten",
        "auteur__email",
        "zichtbaar_voor_client",
        "reden_niet_zichtbaar",
    ]
    return _rijen(Contactmoment.objects.filter(traject__in=trajecten), velden)


def _rijen_metingen(trajecten):
    velden = [
        "pk",
        "traject_id",
        "persoon_id",
        "ronde",
        "datum",
        "variant",
        "gesprek_nummer",
        "schaal_min",
        "schaal_max",
        "algemene_score",
        "derde_naam",
        "derde_relatie",
        "toelichting",
    ]
    return _rijen(Meting.objects.filter(traject__in=trajecten), velden)


def _rijen_wattelt_scores(trajecten):
    velden = ["pk", "meting_id", "leefgebied__code", "beoordelaar", "waarde"]
    return _rijen(Score.objects.filter(meting__traject__in=trajecten), velden)


def _huidige_versies(trajecten) -> dict[int, PlanVersie]:
    """Per plan the version that counts: the vastgestelde one, else the newest concept."""
    versies = {}
    for versie in (
        PlanVersie.objects.filter(plan__traject__in=trajecten).select_related("plan").order_by("plan_id", "nummer")
    ):
        huidig = versies.get(versie.plan_id)
        if huidig is None or huidig.status != VersieStatus.VASTGESTELD or versie.status == VersieStatus.VASTGESTELD:
            versies[versie.plan_id] = versie
    return versies


def _rijen_gezinsplannen(versies: dict[int, PlanVersie]):
    for plan_id, versie in sorted(versies.items()):
        yield [
            plan_id,
            versie.plan.traject_id,
            versie.vraagverheldering,
            versie.visie_client,
            versie.regie_bij,
            versie.regie_naam,
            versie.regie_organisatie,
            versie.veiligheid_oordeel,
            versie.veiligheid_toelichting,
            timezone.localdate(versie.vastgesteld_op) if versie.vastgesteld_op else None,
            versie.instemming_op,
            versie.instemming_van_id,
            versie.instemming_wijze,
            versie.plan.volgende_evaluatie_op,
        ]


def _rijen_doelen(trajecten, versies: dict[int, PlanVersie]):
    """Every goal of the plans, worded as in the version that counts or, for a goal no longer in it,
    in the newest version that has it."""
    huidig = {versie.pk for versie in versies.values()}
    formulering = {}
    for item in (
        PlanDoel.objects.filter(doel__plan__traject__in=trajecten)
        .select_related("versie")
        .prefetch_related("eigenaren")
        .order_by("versie__nummer")
    ):
        eerder = formulering.get(item.doel_id)
        if eerder is None or eerder.versie_id not in huidig:
            formulering[item.doel_id] = item
    for doel in Doel.objects.filter(plan__traject__in=trajecten).select_related("plan").order_by("pk"):
        item = formulering.get(doel.pk)
        if item is None:
            continue
        yield [
            doel.pk,
            doel.plan.traject_id,
            item.omschrijving,
            item.leefgebied,
            item.prioriteit,
            doel.status,
            doel.status_sinds,
            formaat.CODES_SCHEIDING.join(
                str(persoon.pk) for persoon in sorted(item.eigenaren.all(), key=lambda p: p.pk)
            ),
        ]


def _rijen_doelscores(trajecten):
    velden = [
        "pk",
        "schaalvraag__doel_id",
        "schaalvraag__vraag",
        "datum",
        "beoordelaar",
        "persoon_id",
        "beoordelaar_naam",
        "waarde",
        "schaal_min",
        "schaal_max",
        "toelichting",
    ]
    return _rijen(PlanScore.objects.filter(schaalvraag__doel__plan__traject__in=trajecten), velden)


def _doelen_van(model, trajecten) -> dict[int, str]:
    door = model.doelen.through
    veld = f"{model._meta.model_name}_id"
    doelen: dict[int, list[str]] = {}
    for object_id, doel_id in (
        door.objects.filter(**{f"{model._meta.model_name}__traject__in": trajecten})
        .order_by("doel_id")
        .values_list(veld, "doel_id")
    ):
        doelen.setdefault(object_id, []).append(str(doel_id))
    return {object_id: formaat.CODES_SCHEIDING.join(ids) for object_id, ids in doelen.items()}


def _rijen_verwijzingen(trajecten):
    doelen = _doelen_van(Verwijzing, trajecten)
    velden = [
        "pk",
        "traject_id",
        "zorgvorm",
        "wettelijk_kader",
        "aanbieder",
        "startdatum",
        "einddatum",
        "beschikking",
        "toelichting",
        "geregistreerd_door__email",
    ]
    for v in _rijen(Verwijzing.objects.filter(traject__in=trajecten), velden):
        yield [*v[:8], doelen.get(v[0], ""), *v[8:]]


def _rijen_aanvragen(trajecten):
    doelen = _doelen_van(Aanvraag, trajecten)
    velden = [
        "pk",
        "traject_id",
        "soort__code",
        "status",
        "vraag",
        "waarom_niet_regulier",
        "eigen_kracht",
        "gevraagde_oplossing",
        "aanbieder",
        "aanbieder_gecontracteerd",
        "bedrag",
        "periode_van",
        "periode_tot",
        "huidig_pgb_tot",
        "aangemaakt_door__email",
        "eerst_ingediend_op",
        "werkdagen_opgeschort",
        "besluit_op",
        "besluit_door__email",
        "besluit_motivering",
        "toegekend_bedrag",
    ]
    for a in _rijen(Aanvraag.objects.filter(traject__in=trajecten), velden):
        yield [*a[:4], doelen.get(a[0], ""), *a[4:]]


def exporteer(map_: Path, *, organisatie, team=None, actor) -> dict[str, int]:
    """Writes the files into `map_` and returns the number of rows per file. The trajecten of a team
    and the households they belong to; each exported traject is in the access log."""
    trajecten = Traject.objects.filter(team__organisatie=organisatie)
    huishoudens = Huishouden.objects.filter(team__organisatie=organisatie)
    if team is not None:
        trajecten = trajecten.filter(team=team)
        huishoudens = Huishouden.objects.filter(pk__in=trajecten.values("huishouden_id")) | huishoudens.filter(
            team=team
        )
    huishoudens = huishoudens.distinct().order_by("pk")
    versies = _huidige_versies(trajecten)
    rijen = {
        "huishoudens": _rijen_huishoudens(huishoudens),
        "personen": _rijen_personen(huishoudens),
        "trajecten": _rijen_trajecten(trajecten),
        "contactmomenten": _rijen_contactmomenten(trajecten),
        "metingen": _rijen_metingen(trajecten),
        "wattelt_scores": _rijen_wattelt_scores(trajecten),
        "gezinsplannen": _rijen_gezinsplannen(versies),
        "doelen": _rijen_doelen(trajecten, versies),
        "doelscores": _rijen_doelscores(trajecten),
        "verwijzingen": _rijen_verwijzingen(trajecten),
        "aanvragen": _rijen_aanvragen(trajecten),
    }
    aantallen = {}
    map_.mkdir(parents=True, exist_ok=True)
    for bestand in formaat.BESTANDEN:
        with (map_ / bestand.bestandsnaam).open("w", encoding="utf-8", newline="") as uit:
            schrijver = csv.writer(uit, delimiter=";")
            schrijver.writerow(bestand.kolomnamen)
            aantal = 0
            for rij in rijen[bestand.soort]:
                schrijver.writerow([_tekst(waarde) for waarde in rij])
                aantal += 1
        aantallen[bestand.soort] = aantal
    _log(trajecten, organisatie=organisatie, actor=actor)
    return aantallen


def _log(trajecten, *, organisatie, actor) -> None:
    """One access-log row per exported traject (NEN 7513), written in bulk."""
    naam = actor.get_full_name() or actor.email
    moment = timezone.now()
    omschrijving = _("Export in het conversieformaat")
    onderwerpen = list(trajecten.values_list("pk", "huishouden_id", "dossiernummer"))
    Toegang.objects.bulk_create(
        (
            Toegang(
                moment=moment,
                actie=Actie.EXPORTEREN,
                gebruiker=actor,
                gebruiker_naam=naam,
                rol=_("functioneel beheer"),
                kanaal=Kanaal.TAAK,
                grondslag=Grondslag.TAAK,
                organisatie_id=organisatie.pk,
                traject_id=pk,
                huishouden_id=huishouden_id,
                dossiernummer=nummer,
                omschrijving=omschrijving,
            )
            for pk, huishouden_id, nummer in onderwerpen
        ),
        batch_size=BATCH,
    )
