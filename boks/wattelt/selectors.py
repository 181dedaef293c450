"""Reads for the Wat Telt pages and the API. Every function that takes a user starts from what
that user may see, through the authorisation module."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import override

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.dossiers import termijnen
from boks.dossiers.choices import Leefgebied as LeefgebiedCode
from boks.dossiers.models import Contactmoment, Huishouden, Persoon, Traject

from . import schedule
from .choices import GESPREK_SOORTEN, STANDAARD_LEEFGEBIEDEN
from .models import Instellingen, Leefgebied, Meting, Score


def instellingen_voor(organisatie_id: int) -> Instellingen:
    instellingen, _created = Instellingen.objects.get_or_create(organisatie_id=organisatie_id)
    return instellingen


def _standaard_catalogus(organisatie_id: int) -> list[Leefgebied]:
    with override("nl"):
        return [
            Leefgebied(organisatie_id=organisatie_id, code=code, naam=str(LeefgebiedCode(code).label), volgorde=index)
            for index, code in enumerate(STANDAARD_LEEFGEBIEDEN, start=1)
        ]


def catalogus(organisatie_id: int, *, ook_uitgezet: bool = False) -> list[Leefgebied]:
    """The organisation's leefgebieden in their order. An organisation that has none yet gets the
    default list (like its werkafspraken, on first use; two requests at once create it once)."""
    rows = list(Leefgebied.objects.filter(organisatie_id=organisatie_id).order_by("volgorde", "naam", "pk"))
    if not rows:
        Leefgebied.objects.bulk_create(_standaard_catalogus(organisatie_id), ignore_conflicts=True)
        rows = list(Leefgebied.objects.filter(organisatie_id=organisatie_id).order_by("volgorde", "naam", "pk"))
    return rows if ook_uitgezet else [row for row in rows if row.actief]


def _trajecten(user) -> QuerySet[Traject]:
    return authorization.visible_trajecten(user, Traject.objects.all(), authorization.Onderwerp.WAT_TELT)


def traject_for(user, traject_id: int) -> Traject:
    """One traject the user may see, with its due dates and Wat Telt schedule; 404 otherwise."""
    queryset = schedule.annotate(termijnen.annotate(_trajecten(user))).select_related(
        "huishouden", "team__organisatie", "regisseur"
    )
    queryset = queryset.prefetch_related(
        "betrokkenen", Prefetch("huishouden__personen", queryset=Persoon.objects.order_by("geboortedatum", "pk"))
    )
    try:
        traject = queryset.get(pk=traject_id)
    except Traject.DoesNotExist as missing:
        raise Http404 from missing
    access_log.read(traject=traject, obj=traject, omschrijving=f"Wat Telt van traject {traject.dossiernummer}")
    return traject


def gesprekken_na_kennismaking(traject: Traject) -> int:
    """How many of the first conversations after the kennismaking have been recorded (at most three)."""
    if traject.kennismaking_op is None:
        return 0
    return (
        Contactmoment.objects.filter(
            traject=traject,
            soort__in=GESPREK_SOORTEN,
            corrigeert__isnull=True,
            plaatsgevonden_op__date__gt=traject.kennismaking_op,
        )
        .values("pk")[: schedule.GESPREKKEN_VOOR_EERSTE_RONDE]
        .count()
    )


def _met_scores(metingen: QuerySet[Meting]) -> QuerySet[Meting]:
    return metingen.select_related("persoon", "traject", "aangemaakt_door").prefetch_related(
        Prefetch("scores", queryset=Score.objects.select_related("leefgebied").order_by("leefgebied__volgorde", "pk")),
        Prefetch("leefgebieden", queryset=Leefgebied.objects.order_by("volgorde", "naam")),
    )


def metingen_van(traject: Traject) -> QuerySet[Meting]:
    return _met_scores(traject.wattelt_metingen.all()).order_by("datum", "ronde", "pk")


def zichtbare_metingen(user) -> QuerySet[Meting]:
    return _met_scores(Meting.objects.filter(traject__in=_trajecten(user))).order_by("datum", "ronde", "pk")


def meting_for(user, meting_id: int) -> Meting:
    try:
        meting = zichtbare_metingen(user).get(pk=meting_id)
    except Meting.DoesNotExist as missing:
        raise Http404 from missing
    access_log.read(traject=meting.traject, persoon=meting.persoon, obj=meting, omschrijving="Wat Telt-meting")
    return meting


def historie_van(user, persoon: Persoon) -> list[Meting]:
    """A client's metingen in every traject the user may see, oldest first: the history can span
    a re-registration of the household."""
    return list(zichtbare_metingen(user).filter(persoon=persoon))


def persoon_for(user, persoon_id: int) -> Persoon:
    visible = authorization.visible_huishoudens(user, Huishouden.objects.all())
    try:
        persoon = Persoon.objects.select_related("huishouden").get(pk=persoon_id, huishouden__in=visible)
    except Persoon.DoesNotExist as missing:
        raise Http404 from missing
    access_log.read(persoon=persoon, obj=persoon, omschrijving="Wat Telt-historie")
    return persoon


def rondes(
    user, *, alleen_mijn: bool = False, team_id: int | None = None, alleen_te_laat: bool = False
) -> QuerySet[Traject]:
    """Open trajecten with a due Wat Telt round, the earliest first."""
    trajecten = _trajecten(user).open()
    if alleen_mijn:
        trajecten = trajecten.filter(Q(regisseur=user) | Q(betrokkenen=user)).distinct()
    if team_id:
        trajecten = trajecten.filter(team_id=team_id)
    trajecten = schedule.annotate(trajecten).filter(wattelt_vervaldatum__isnull=False)
    if alleen_te_laat:
        trajecten = trajecten.filter(wattelt_vervaldatum__lt=timezone.localdate())
    return trajecten.select_related("huishouden", "team", "regisseur").order_by("wattelt_vervaldatum", "pk")


def client_metingen(scope) -> list[Meting]:
    """The household's metingen a portal client may see (their own; a child's under the Jeugdwet
    rules), with their scores, oldest first."""
    metingen = list(
        _met_scores(Meting.objects.filter(traject__huishouden_id=scope.huishouden_id)).order_by("datum", "pk")
    )
    access_log.read(huishouden=scope.viewer.huishouden, omschrijving="Wat Telt in het portaal")
    return [meting for meting in metingen if scope.may_see(zichtbaar=True, betreft_ids=[meting.persoon_id])]


def volgende_ronde_voor(persoon) -> datetime.date | None:
    """When this client's next round is due: three months (the organisation's interval) after their
    latest meting; None before their first."""
    latest = Meting.objects.filter(persoon=persoon).order_by("-datum", "-pk").first()
    return latest.volgende_ronde_op if latest else None
