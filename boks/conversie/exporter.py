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


def _rijen_huishoudens(huishoudens):
    for h in huishoudens.values(
        "pk", "naam", "team__naam", "straat", "huisnummer", "postcode", "woonplaats", "wijk__naam"
    ).iterator(chunk_size=BATCH):
        yield [
            h["pk"],
            h["naam"],
            h["team__naam"],
            h["straat"],
            h["huisnummer"],
            h["postcode"],
            h["woonplaats"],
            h["wijk__naam"],
        ]


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
    for p in (
        Persoon.objects.filter(huishouden__in=huishoudens)
        .order_by("pk")
        .values_list(*velden)
        .iterator(chunk_size=BATCH)
    ):
        yield list(p)


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
    for t in trajecten.order_by("pk").values_list(*velden).iterator(chunk_size=BATCH):
        rij = list(t)
        yield [*rij[:11], formaat.CODES_SCHEIDING.join(leefgebieden.get(t[0], [])), *rij[11:]]


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
    for c in (
        Contactmoment.objects.filter(traject__in=trajecten)
        .order_by("pk")
        .values_list(*velden)
        .iterator(chunk_size=BATCH)
    ):
        yield list(c)


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
    for m in (
        Meting.objects.filter(traject__in=trajecten).order_by("pk").values_list(*velden).iterator(chunk_size=BATCH)
    ):
        yield list(m)


def _rijen_wattelt_scores(trajecten):
    velden = ["pk", "meting_id", "leefgebied__code", "beoordelaar", "waarde"]
    for s in (
        Score.objects.filter(meting__traject__in=trajecten)
        .order_by("pk")
        .values_list(*velden)
        .iterator(chunk_size=BATCH)
    ):
        yield list(s)


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
    rijen = {
        "huishoudens": _rijen_huishoudens(huishoudens),
        "personen": _rijen_personen(huishoudens),
        "trajecten": _rijen_trajecten(trajecten),
        "contactmomenten": _rijen_contactmomenten(trajecten),
        "metingen": _rijen_metingen(trajecten),
        "wattelt_scores": _rijen_wattelt_scores(trajecten),
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
