"""Reads for the privacy pages, the API and the exports. Every function starts from what the user may
see (authorization.privacy_scope and friends) and decides its select_related/prefetch_related, so list
pages run a fixed number of queries whatever their length."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.documenten.models import Document, DocumentVersie
from boks.dossiers.models import Contactmoment, Traject
from boks.gezinsplan.choices import VersieStatus
from boks.gezinsplan.models import PlanVersie
from boks.maatwerk.choices import AanvraagStatus
from boks.maatwerk.models import Aanvraag
from boks.wattelt.models import Meting

from .choices import AvgStatus, ExternStatus, ItemSoort, VernietigingStatus
from .models import AvgVerzoek, AvgVerzoekStap, ExternVerzoek, ExternVerzoekStap, Vernietiging, VernietigingStap

Onderwerp, Handeling = authorization.Onderwerp, authorization.Handeling


# External requests ------------------------------------------------------------------------------


def extern_verzoeken(user, *, status: str = "") -> QuerySet[ExternVerzoek]:
    queryset = ExternVerzoek.objects.filter(authorization.privacy_scope(user, Onderwerp.EXTERN_VERZOEK))
    if status:
        queryset = queryset.filter(status=status)
    return (
        queryset.select_related("traject__team", "geregistreerd_door", "organisatie")
        .annotate(aantal_items=Count("items"))
        .order_by("termijn", "-pk")
    )


def extern_verzoek_for(user, verzoek_id: int) -> ExternVerzoek:
    verzoek = (
        ExternVerzoek.objects.filter(pk=verzoek_id)
        .select_related(
            "traject__team__organisatie",
            "traject__huishouden",
            "persoon",
            "geregistreerd_door",
            "voorgelegd_door",
            "beoordeeld_door",
            "verstrekt_door",
        )
        .prefetch_related(
            Prefetch("stappen", queryset=ExternVerzoekStap.objects.select_related("door").order_by("op", "pk")),
            "items",
        )
        .first()
    )
    if verzoek is None or not authorization.can_view_extern_verzoek(user, verzoek):
        raise Http404
    return verzoek


def extern_van_traject(user, traject: Traject) -> list[ExternVerzoek]:
    if not authorization.allows(user, Onderwerp.EXTERN_VERZOEK, Handeling.LEZEN, traject):
        return []
    return list(traject.externe_verzoeken.select_related("geregistreerd_door").order_by("-geregistreerd_op"))


# AVG requests -----------------------------------------------------------------------------------


def avg_verzoeken(user, *, status: str = "", soort: str = "") -> QuerySet[AvgVerzoek]:
    queryset = AvgVerzoek.objects.filter(authorization.privacy_scope(user, Onderwerp.AVG_VERZOEK))
    if status:
        queryset = queryset.filter(status=status)
    if soort:
        queryset = queryset.filter(soort=soort)
    return queryset.select_related("traject__team", "persoon", "organisatie").order_by("termijn", "-pk")


def avg_verzoek_for(user, verzoek_id: int) -> AvgVerzoek:
    verzoek = (
        AvgVerzoek.objects.filter(pk=verzoek_id)
        .select_related("traject__team__organisatie", "persoon", "aanvrager", "ingediend_door", "besluit_door")
        .prefetch_related(
            Prefetch("stappen", queryset=AvgVerzoekStap.objects.select_related("door").order_by("op", "pk")),
            "vernietigingen",
        )
        .first()
    )
    if verzoek is None or not authorization.can_view_avg_verzoek(user, verzoek):
        raise Http404
    if verzoek.traject is not None:
        access_log.read(traject=verzoek.traject, persoon=verzoek.persoon, obj=verzoek, omschrijving=str(verzoek))
    return verzoek


def avg_van_traject(user, traject: Traject) -> list[AvgVerzoek]:
    if not authorization.allows(user, Onderwerp.AVG_VERZOEK, Handeling.LEZEN, traject):
        return []
    return list(
        AvgVerzoek.objects.filter(persoon__huishouden_id=traject.huishouden_id)
        .select_related("persoon")
        .order_by("-ingediend_op")
    )


def client_avg_verzoeken(scope: authorization.ClientScope, user) -> QuerySet[AvgVerzoek]:
    """In the portal: the requests this client made, and those about them, in this household."""
    return (
        AvgVerzoek.objects.filter(Q(ingediend_door=user) | Q(persoon_id=scope.viewer.pk))
        .filter(Q(persoon__huishouden_id=scope.huishouden_id) | Q(aanvrager_id=scope.viewer.pk))
        .select_related("persoon")
        .order_by("-ingediend_op", "-pk")
    )


# Retention -------------------------------------------------------------------------------------


def vernietigingen(user, *, status: str = VernietigingStatus.VOORGESTELD) -> QuerySet[Vernietiging]:
    queryset = Vernietiging.objects.filter(organisatie_id__in=authorization.retention_organisation_ids(user))
    if status:
        queryset = queryset.filter(status=status)
    ordering = ("-uitgevoerd_op", "-pk") if status == VernietigingStatus.UITGEVOERD else ("vernietigen_vanaf", "pk")
    return queryset.select_related("team", "beoordeeld_door", "avg_verzoek").order_by(*ordering)


def vernietiging_for(user, vernietiging_id: int) -> Vernietiging:
    vernietiging = (
        Vernietiging.objects.filter(
            pk=vernietiging_id, organisatie_id__in=authorization.retention_organisation_ids(user)
        )
        .select_related("team", "organisatie", "beoordeeld_door", "avg_verzoek", "huishouden")
        .prefetch_related(
            Prefetch("stappen", queryset=VernietigingStap.objects.select_related("door").order_by("op", "pk"))
        )
        .first()
    )
    if vernietiging is None:
        raise Http404
    return vernietiging


@dataclass
class DossierSamenvatting:
    """What the privacyfunctionaris needs to judge a proposal: the trajecten (numbers, dates, how they
    ended) and how much is in the dossier; not its content, and no names."""

    trajecten: list[Traject]
    aantallen: dict[str, int] = field(default_factory=dict)


def dossier_samenvatting(vernietiging: Vernietiging) -> DossierSamenvatting | None:
    if vernietiging.huishouden_id is None:
        return None
    trajecten = list(
        Traject.objects.filter(huishouden_id=vernietiging.huishouden_id)
        .annotate(
            aantal_contactmomenten=Count("contactmomenten", distinct=True),
            aantal_documenten=Count("documenten", distinct=True),
        )
        .order_by("aanmelddatum", "pk")
    )
    return DossierSamenvatting(trajecten=trajecten)


# Overview --------------------------------------------------------------------------------------


@dataclass
class Overzicht:
    extern_open: list[ExternVerzoek]
    extern_te_beoordelen: int
    avg_open: list[AvgVerzoek]
    bewaartermijn: dict[str, int] | None


OVERZICHT_LENGTE = 10


def overzicht(user) -> Overzicht:
    extern = list(
        extern_verzoeken(user).filter(
            status__in=[ExternStatus.GEREGISTREERD, ExternStatus.TER_BEOORDELING, ExternStatus.GOEDGEKEURD]
        )[:OVERZICHT_LENGTE]
    )
    te_beoordelen = sum(
        1
        for verzoek in extern_verzoeken(user).filter(status=ExternStatus.TER_BEOORDELING)
        if authorization.can_judge_extern_verzoek(user, verzoek)
    )
    avg = list(avg_verzoeken(user, status=AvgStatus.INGEDIEND)[:OVERZICHT_LENGTE])
    bewaartermijn = None
    if authorization.sees_retention(user):
        counts = dict(
            Vernietiging.objects.filter(organisatie_id__in=authorization.retention_organisation_ids(user))
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        bewaartermijn = {status: counts.get(status, 0) for status in VernietigingStatus.values}
    return Overzicht(extern_open=extern, extern_te_beoordelen=te_beoordelen, avg_open=avg, bewaartermijn=bewaartermijn)


# Compiling an external request ------------------------------------------------------------------


@dataclass(frozen=True)
class Kandidaat:
    """A record of the traject that can be shared. `omschrijving` is stored with the request and holds
    no client data (kind and date); `inhoud` is shown while choosing."""

    soort: str
    object_id: int
    omschrijving: str
    datum: datetime.date | None
    inhoud: str = ""
    intern: bool = False


def _day(moment) -> datetime.date | None:
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).date()
    return moment


def kandidaten(traject: Traject) -> list[Kandidaat]:
    """Everything of the traject that can be compiled into an external request, by kind and date."""
    result = []
    for entry in traject.contactmomenten.order_by("plaatsgevonden_op", "pk"):
        result.append(
            Kandidaat(
                ItemSoort.CONTACTMOMENT,
                entry.pk,
                f"{entry.get_soort_display()}, {_day(entry.plaatsgevonden_op):%d-%m-%Y}",
                _day(entry.plaatsgevonden_op),
                entry.tekst[:160],
                intern=not entry.zichtbaar_voor_client,
            )
        )
    for versie in (
        PlanVersie.objects.filter(plan__traject=traject).exclude(status=VersieStatus.CONCEPT).order_by("nummer")
    ):
        result.append(
            Kandidaat(
                ItemSoort.PLANVERSIE,
                versie.pk,
                f"Gezinsplan versie {versie.nummer} ({versie.get_status_display().lower()})",
                _day(versie.vastgesteld_op),
                versie.vraagverheldering[:160],
            )
        )
    documents = Document.objects.filter(huishouden_id=traject.huishouden_id, verwijderd_op__isnull=True).filter(
        Q(traject=traject) | Q(traject__isnull=True)
    )
    for document in documents.order_by("aangemaakt_op", "pk"):
        result.append(
            Kandidaat(
                ItemSoort.DOCUMENT,
                document.pk,
                f"Document, {_day(document.aangemaakt_op):%d-%m-%Y}",
                _day(document.aangemaakt_op),
                document.titel,
                intern=document.zichtbaarheid == "medewerkers",
            )
        )
    for meting in traject.wattelt_metingen.select_related("persoon").order_by("datum", "pk"):
        result.append(
            Kandidaat(
                ItemSoort.METING,
                meting.pk,
                f"Wat Telt-meting ronde {meting.ronde}, {meting.datum:%d-%m-%Y}",
                meting.datum,
                meting.persoon.voornaam,
            )
        )
    for aanvraag in traject.aanvragen.exclude(status=AanvraagStatus.CONCEPT).select_related("soort").order_by("pk"):
        result.append(
            Kandidaat(
                ItemSoort.AANVRAAG,
                aanvraag.pk,
                f"Aanvraag {aanvraag.soort.naam}, {aanvraag.get_status_display().lower()}",
                aanvraag.eerst_ingediend_op,
                aanvraag.gevraagde_oplossing[:160],
            )
        )
    return result


@dataclass
class Inhoud:
    """One shared record as it is exported: a heading, label/value pairs, a text, and files."""

    soort: str
    titel: str
    datum: datetime.date | None
    velden: list[tuple[str, str]] = field(default_factory=list)
    tekst: str = ""
    bestanden: list[DocumentVersie] = field(default_factory=list)
    ontbreekt: bool = False
    bron: object = None


def _contactmoment(entry: Contactmoment) -> Inhoud:
    return Inhoud(
        ItemSoort.CONTACTMOMENT,
        f"{entry.get_soort_display()} op {timezone.localtime(entry.plaatsgevonden_op):%d-%m-%Y %H:%M}",
        _day(entry.plaatsgevonden_op),
        [
            ("Geschreven door", entry.auteur.get_full_name()),
            ("Deelnemers", entry.deelnemers),
            ("Duur", f"{entry.duur_minuten} minuten" if entry.duur_minuten else ""),
        ],
        entry.tekst,
        bron=entry,
    )


def _planversie(versie: PlanVersie) -> Inhoud:
    velden = [
        ("Status", versie.get_status_display()),
        ("Vastgesteld op", f"{timezone.localtime(versie.vastgesteld_op):%d-%m-%Y}" if versie.vastgesteld_op else ""),
        ("Vraag van het gezin", versie.vraagverheldering),
        ("Zo kijkt het gezin ernaar", versie.visie_client),
        ("Regie bij", versie.get_regie_bij_display()),
        ("Veiligheid", f"{versie.get_veiligheid_oordeel_display()}. {versie.veiligheid_toelichting}".strip(". ")),
    ]
    for plan_doel in versie.doelen.all():
        velden.append(("Doel", f"{plan_doel.omschrijving} ({plan_doel.doel.get_status_display().lower()})"))
    for afspraak in versie.afspraken.all():
        termijn = f", uiterlijk {afspraak.uiterlijk_op:%d-%m-%Y}" if afspraak.uiterlijk_op else ""
        velden.append(("Afspraak", f"{afspraak.wat} (wie: {afspraak.wie}{termijn})"))
    return Inhoud(
        ItemSoort.PLANVERSIE, f"Gezinsplan, versie {versie.nummer}", _day(versie.vastgesteld_op), velden, bron=versie
    )


def _document(document: Document) -> Inhoud:
    versies = list(document.versies.all())
    latest = versies[0] if versies else None
    return Inhoud(
        ItemSoort.DOCUMENT,
        document.titel,
        _day(document.aangemaakt_op),
        [
            ("Soort", document.get_soort_display()),
            ("Versie", str(latest.nummer) if latest else ""),
            ("Bestand", latest.bestandsnaam if latest and latest.bestand else ""),
        ],
        latest.tekst if latest else "",
        [latest] if latest and latest.bestand else [],
        bron=document,
    )


def _meting(meting: Meting) -> Inhoud:
    velden = [
        ("Van", meting.persoon.volledige_naam),
        ("Ronde", str(meting.ronde)),
        ("Schaal", f"{meting.schaal_min} tot {meting.schaal_max}"),
        ("Algemene score", "" if meting.algemene_score is None else str(meting.algemene_score)),
    ]
    for score in meting.scores.all():
        velden.append((f"{score.leefgebied.naam} ({score.get_beoordelaar_display().lower()})", str(score.waarde)))
    return Inhoud(
        ItemSoort.METING,
        f"Wat Telt-meting van {meting.datum:%d-%m-%Y}",
        meting.datum,
        velden,
        meting.toelichting,
        bron=meting,
    )


def _aanvraag(aanvraag: Aanvraag) -> Inhoud:
    return Inhoud(
        ItemSoort.AANVRAAG,
        f"Aanvraag {aanvraag.soort.naam}",
        aanvraag.eerst_ingediend_op,
        [
            ("Status", aanvraag.get_status_display()),
            ("Gevraagde oplossing", aanvraag.gevraagde_oplossing),
            ("Aanbieder", aanvraag.aanbieder),
            ("Bedrag", f"€ {aanvraag.bedrag}" if aanvraag.bedrag is not None else ""),
            (
                "Periode",
                " tot en met ".join(f"{d:%d-%m-%Y}" for d in (aanvraag.periode_van, aanvraag.periode_tot) if d),
            ),
            ("Besluit op", f"{aanvraag.besluit_op:%d-%m-%Y}" if aanvraag.besluit_op else ""),
            ("Motivering van het besluit", aanvraag.besluit_motivering),
            ("Toegekend bedrag", f"€ {aanvraag.toegekend_bedrag}" if aanvraag.toegekend_bedrag is not None else ""),
        ],
        aanvraag.vraag,
        bron=aanvraag,
    )


_LOADERS = {
    ItemSoort.CONTACTMOMENT: (Contactmoment.objects.select_related("auteur"), _contactmoment),
    ItemSoort.PLANVERSIE: (PlanVersie.objects.prefetch_related("doelen__doel", "afspraken__wie_persoon"), _planversie),
    ItemSoort.DOCUMENT: (
        Document.objects.prefetch_related(Prefetch("versies", queryset=DocumentVersie.objects.order_by("-nummer"))),
        _document,
    ),
    ItemSoort.METING: (Meting.objects.select_related("persoon").prefetch_related("scores__leefgebied"), _meting),
    ItemSoort.AANVRAAG: (Aanvraag.objects.select_related("soort"), _aanvraag),
}


def verstrekking(verzoek: ExternVerzoek) -> list[Inhoud]:
    """Exactly what is shared, read fresh from the dossier, in a fixed number of queries per kind.
    Records of another traject are never read, even if an id were tampered with."""
    items = list(verzoek.items.all())
    loaded: dict[tuple[str, int], Inhoud] = {}
    for soort, (queryset, render) in _LOADERS.items():
        ids = [item.object_id for item in items if item.soort == soort]
        if not ids or verzoek.traject is None:
            continue
        scoped = queryset.filter(pk__in=ids)
        if soort == ItemSoort.DOCUMENT:
            scoped = scoped.filter(huishouden_id=verzoek.traject.huishouden_id)
        elif soort == ItemSoort.PLANVERSIE:
            scoped = scoped.filter(plan__traject=verzoek.traject)
        else:
            scoped = scoped.filter(traject=verzoek.traject)
        for obj in scoped:
            loaded[(soort, obj.pk)] = render(obj)
    return [
        loaded.get((item.soort, item.object_id)) or Inhoud(item.soort, item.omschrijving, item.datum, ontbreekt=True)
        for item in items
    ]
