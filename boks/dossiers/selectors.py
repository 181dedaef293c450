"""Reads for dossier pages and the API. Every function starts from what the user may see."""

import datetime
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit.choices import Actie

from . import termijnen
from .choices import Status
from .models import (
    Afscherming,
    Contactmoment,
    Huishouden,
    Persoon,
    Portaaltoegang,
    TijdlijnGebeurtenis,
    Traject,
    Uitnodiging,
    Werkafspraken,
)

SORTS = {
    "aanmelddatum": "aanmelddatum",
    "-aanmelddatum": "-aanmelddatum",
    "dossiernummer": "dossiernummer",
    "huishouden": "huishouden__naam",
    "status": "status",
    "werkdagen": "werkdagen_tot_kennismaking",
    "-werkdagen": "-werkdagen_tot_kennismaking",
    "kennismaking": "kennismaking_op",
    "termijn": F("volgende_termijn").asc(nulls_last=True),
}
DEFAULT_SORT = "-aanmelddatum"


def werkafspraken_for(organisatie_id: int) -> Werkafspraken:
    afspraken, _created = Werkafspraken.objects.get_or_create(organisatie_id=organisatie_id)
    return afspraken


@dataclass(frozen=True)
class TrajectFilters:
    status: str = ""
    team_id: int | None = None
    over_norm: bool = False
    q: str = ""
    sort: str = DEFAULT_SORT
    include_closed: bool = False
    min_dagen_wachtend: int | None = None
    termijn_verlopen: bool = False


def _parse_date(text: str) -> datetime.date | None:
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _search(queryset: QuerySet[Traject], q: str) -> QuerySet[Traject]:
    """Search by dossiernummer, a household member's name, date of birth (dd-mm-jjjj) or BSN."""
    q = q.strip()
    if not q:
        return queryset
    persons = Persoon.objects.filter(huishouden_id=OuterRef("huishouden_id"))
    birth_date = _parse_date(q)
    if birth_date:
        return queryset.filter(Exists(persons.filter(geboortedatum=birth_date)))
    if re.fullmatch(r"\d{8,9}", q):
        return queryset.filter(Exists(persons.filter(bsn=q.zfill(9))))
    name_match = Q()
    for word in q.split():
        name_match &= Q(voornaam__icontains=word) | Q(achternaam__icontains=word) | Q(tussenvoegsel__iexact=word)
    return queryset.filter(
        Q(dossiernummer__icontains=q) | Q(huishouden__naam__icontains=q) | Exists(persons.filter(name_match))
    )


DEFAULT_NORM = Werkafspraken._meta.get_field("kennismaking_norm_werkdagen").default


def _with_norm(queryset: QuerySet[Traject]) -> QuerySet[Traject]:
    """Each traject with the kennismaking norm of its organisation, as ``norm``."""
    return queryset.annotate(
        norm=Coalesce(F("team__organisatie__werkafspraken__kennismaking_norm_werkdagen"), DEFAULT_NORM)
    )


def _list_queryset(queryset: QuerySet[Traject]) -> QuerySet[Traject]:
    return queryset.select_related("huishouden", "team", "regisseur").prefetch_related(
        Prefetch("huishouden__personen", queryset=Persoon.objects.order_by("geboortedatum")), "betrokkenen"
    )


def _apply_filters(queryset: QuerySet[Traject], filters: TrajectFilters):
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    elif not filters.include_closed:
        queryset = queryset.open()
    if filters.team_id:
        queryset = queryset.filter(team_id=filters.team_id)
    if filters.min_dagen_wachtend is not None:
        latest = timezone.localdate() - datetime.timedelta(days=filters.min_dagen_wachtend)
        queryset = queryset.filter(status=Status.WACHTEND, kennismaking_op__lte=latest)
    if filters.over_norm:
        queryset = queryset.filter(werkdagen_tot_kennismaking__gt=F("norm"))
    if filters.termijn_verlopen:
        queryset = queryset.filter(volgende_termijn__lt=timezone.localdate())
    if filters.q.strip():
        access_log.record(Actie.ZOEKEN, omschrijving=f"Zoeken op '{filters.q.strip()[:100]}'")
    queryset = _search(queryset, filters.q)
    return queryset.order_by(SORTS.get(filters.sort, SORTS[DEFAULT_SORT]), "-pk")


def caseload(user, filters: TrajectFilters) -> QuerySet[Traject]:
    """The trajecten the user is regisseur of or betrokken in."""
    mine = Traject.objects.filter(Q(regisseur=user) | Q(betrokkenen=user)).distinct()
    visible = authorization.visible_trajecten(user, mine)
    return _list_queryset(_apply_filters(termijnen.annotate(_with_norm(visible)), filters))


def team_trajecten(user, filters: TrajectFilters) -> QuerySet[Traject]:
    """All trajecten of the user's teams (for managers and for the team's own distribution)."""
    visible = authorization.visible_trajecten(user, Traject.objects.all())
    return _list_queryset(_apply_filters(termijnen.annotate(_with_norm(visible)), filters))


def team_queue(user, team_id: int) -> QuerySet[Traject]:
    """New aanmeldingen of a team that have no regisseur yet, oldest first."""
    visible = authorization.visible_trajecten(user, Traject.objects.filter(team_id=team_id))
    return _list_queryset(visible.open().filter(regisseur__isnull=True).order_by("aanmelddatum", "pk"))


def wachtenden(user, team_id: int) -> QuerySet[Traject]:
    """Trajecten whose kennismaking was held but whose begeleiding has not started, longest wait first."""
    visible = authorization.visible_trajecten(user, Traject.objects.filter(team_id=team_id))
    return _list_queryset(visible.filter(status=Status.WACHTEND).order_by("kennismaking_op", "pk"))


def traject_for(user, traject_id: int, onderwerp: str = authorization.Onderwerp.DOSSIER) -> Traject:
    """One traject whose `onderwerp` (by default the dossier itself; a tab passes its own, such as
    the gezinsplan) the user may see, with everything its page shows; 404 otherwise."""
    queryset = authorization.visible_trajecten(
        user, termijnen.annotate(Traject.objects.all()), onderwerp
    ).select_related("huishouden__wijk", "team__organisatie", "regisseur")
    queryset = queryset.prefetch_related(
        "betrokkenen",
        "ondersteuningsvragen",
        Prefetch("huishouden__personen", queryset=Persoon.objects.order_by("geboortedatum")),
    )
    try:
        traject = queryset.get(pk=traject_id)
    except Traject.DoesNotExist as missing:
        raise Http404 from missing
    access_log.read(traject=traject, obj=traject, omschrijving=f"Traject {traject.dossiernummer}")
    return traject


def huishouden_for(user, huishouden_id: int) -> Huishouden:
    queryset = authorization.visible_huishoudens(user, Huishouden.objects.all())
    queryset = queryset.select_related("team", "wijk").prefetch_related(
        Prefetch("personen", queryset=Persoon.objects.order_by("geboortedatum")),
        Prefetch("trajecten", queryset=Traject.objects.select_related("team", "regisseur")),
    )
    try:
        huishouden = queryset.get(pk=huishouden_id)
    except Huishouden.DoesNotExist as missing:
        raise Http404 from missing
    access_log.read(huishouden=huishouden, obj=huishouden, omschrijving=f"Huishouden {huishouden.naam}")
    return huishouden


def contactmomenten(traject: Traject) -> QuerySet[Contactmoment]:
    return (
        traject.contactmomenten.select_related("auteur", "corrigeert")
        .prefetch_related("betreft")
        .order_by("-plaatsgevonden_op", "-pk")
    )


@dataclass
class PortaalStatus:
    toegang: Portaaltoegang | None = None
    uitnodiging: Uitnodiging | None = None


def portal_status(huishouden: Huishouden) -> dict[int, PortaalStatus]:
    """Per household member: their active portal access, else their open invitation."""
    status: dict[int, PortaalStatus] = {}
    for access in Portaaltoegang.objects.filter(persoon__huishouden=huishouden, actief=True):
        status[access.persoon_id] = PortaalStatus(toegang=access)
    invitations = Uitnodiging.objects.filter(
        persoon__huishouden=huishouden,
        gebruikt_op__isnull=True,
        ingetrokken_op__isnull=True,
        verloopt_op__gt=timezone.now(),
    ).order_by("-aangemaakt_op")
    for invitation in invitations:
        status.setdefault(invitation.persoon_id, PortaalStatus(uitnodiging=invitation))
    return status


def withheld(items) -> dict[tuple[int, int], list[Afscherming]]:
    """The active withholdings of a list of items, by (content type id, item id), in one query."""
    items = list(items)
    if not items:
        return {}
    found: dict[tuple[int, int], list[Afscherming]] = {}
    types = ContentType.objects.get_for_models(*{type(item) for item in items}, for_concrete_models=False)
    wanted = Q(pk__in=[])
    for model, content_type in types.items():
        wanted |= Q(item_type=content_type, item_id__in=[item.pk for item in items if isinstance(item, model)])
    for afscherming in Afscherming.objects.filter(wanted, opgeheven_op__isnull=True).select_related("persoon"):
        found.setdefault((afscherming.item_type_id, afscherming.item_id), []).append(afscherming)
    return found


def contactmoment_for(user, contactmoment_id: int) -> Contactmoment:
    queryset = Contactmoment.objects.select_related("traject", "auteur").filter(
        traject__in=authorization.visible_trajecten(user, Traject.objects.all())
    )
    try:
        entry = queryset.get(pk=contactmoment_id)
    except Contactmoment.DoesNotExist as missing:
        raise Http404 from missing
    access_log.read(traject=entry.traject, obj=entry, omschrijving="Contactmoment")
    return entry


def timeline(*, traject: Traject | None = None, huishouden: Huishouden | None = None, client_only: bool = False):
    """Everything that happened, newest first, for one traject or a whole household."""
    events = TijdlijnGebeurtenis.objects.select_related("actor", "traject")
    events = events.filter(traject=traject) if traject is not None else events.filter(huishouden=huishouden)
    if client_only:
        events = events.filter(zichtbaar_voor_client=True)
    return events.order_by("-plaatsgevonden_op", "-pk")


def possible_duplicates(*, achternaam: str, geboortedatum: datetime.date | None, bsn: str = "") -> QuerySet[Persoon]:
    """Persons who may be the one being registered: the same BSN, or the same surname and birth date."""
    match = Q(pk__in=[])
    if bsn:
        match |= Q(bsn=bsn)
    if achternaam and geboortedatum:
        match |= Q(achternaam__iexact=achternaam.strip(), geboortedatum=geboortedatum)
    return (
        Persoon.objects.filter(match)
        .select_related("huishouden__team__organisatie")
        .prefetch_related(Prefetch("huishouden__trajecten", queryset=Traject.objects.order_by("-aanmelddatum")))
    )


# For clients in the portal: every function takes a ClientScope (authorization.client_scope), which
# fixes the household and applies the Jeugdwet rules.


def client_current_traject(scope: authorization.ClientScope) -> Traject | None:
    """The household's open traject, else its most recent one."""
    trajecten = Traject.objects.filter(huishouden_id=scope.huishouden_id).select_related(
        "team__organisatie", "regisseur", "huishouden"
    )
    return (
        trajecten.open().order_by("-aanmelddatum", "-pk").first() or trajecten.order_by("-aanmelddatum", "-pk").first()
    )


def client_visible(scope: authorization.ClientScope, items, *, betreft_of, zichtbaar_of, sources_of=None) -> list:
    """The items the client may see. `betreft_of(item)` gives the person ids an item is about,
    `zichtbaar_of(item)` whether it is meant for clients at all; an item withheld from the viewer,
    or whose source was, stays hidden."""
    items = list(items)
    sources = [source for source in (sources_of(item) for item in items) if source is not None] if sources_of else []
    withheld_items = withheld([*items, *sources])

    def withheld_from(obj) -> list[int]:
        if obj is None:
            return []
        key = (ContentType.objects.get_for_model(obj).pk, obj.pk)
        return [afscherming.persoon_id for afscherming in withheld_items.get(key, [])]

    return [
        item
        for item in items
        if scope.may_see(
            zichtbaar=zichtbaar_of(item),
            betreft_ids=betreft_of(item),
            afgeschermd_voor_ids=[*withheld_from(item), *withheld_from(sources_of(item) if sources_of else None)],
        )
    ]


CLIENT_TIMELINE_LENGTH = 200


def client_timeline(scope: authorization.ClientScope) -> list[TijdlijnGebeurtenis]:
    """What happened in the household's trajecten that this client may see, newest first."""
    events = list(
        TijdlijnGebeurtenis.objects.filter(huishouden_id=scope.huishouden_id, zichtbaar_voor_client=True)
        .select_related("actor", "traject", "bron_type")
        .prefetch_related("betreft")
        .order_by("-plaatsgevonden_op", "-pk")[:CLIENT_TIMELINE_LENGTH]
    )
    access_log.read(huishouden=scope.viewer.huishouden, omschrijving="Tijdlijn in het portaal")
    return client_visible(
        scope,
        events,
        betreft_of=lambda event: [persoon.pk for persoon in event.betreft.all()],
        zichtbaar_of=lambda event: event.zichtbaar_voor_client,
        sources_of=_event_source,
    )


def _event_source(event):
    """The event's source as a bare instance (only its pk), enough to look up its withholdings."""
    if event.bron_type_id is None:
        return None
    model = event.bron_type.model_class()
    return model(pk=event.bron_id) if model is not None else None
