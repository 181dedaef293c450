"""Dashboards served from snapshots. Building an organisation's dashboard reads every traject of
the period and takes seconds at city scale; a snapshot of it, at most BOKS_DASHBOARD_SNAPSHOT
seconds old, is served instead, and a Celery task keeps the organisations' opening boards warm. The key
holds everything the board depends on (scope, period, peildatum, what the viewer may see, the
language), so a board is never served to a viewer who may see less than the one it was built for."""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from boks.accounts.models import Organisatie
from boks.replica import reads_from_replica

from . import dashboard, kpi
from .dashboard import Dashboard, Kijker
from .forms import periode_uit
from .periods import Periode

# A way of looking at a dashboard that nobody used for a week is no longer kept warm.
ONTHOUDEN = datetime.timedelta(days=7)


def _zicht(kijker: Kijker) -> tuple:
    """What the board shows depends on: what the viewer may see, and the language."""
    return (
        tuple(sorted(kijker.eigen_team_ids)),
        tuple(sorted(kijker.doorklik_team_ids)),
        kijker.minimum,
        translation.get_language(),
    )


def _sleutel(scope: kpi.Scope, periode: Periode, peildatum: datetime.date, kijker: Kijker) -> str:
    delen = (
        scope.organisatie.pk,
        scope.code,
        periode.soort,
        periode.van.isoformat(),
        periode.tot.isoformat(),
        peildatum.isoformat(),
        *_zicht(kijker),
    )
    return "rapportage:dashboard:" + hashlib.sha256(repr(delen).encode()).hexdigest()


def dashboard_van(
    scope: kpi.Scope,
    periode: Periode,
    peildatum: datetime.date,
    kijker: Kijker,
    *,
    vernieuwen: bool = False,
    zoals_geopend: bool = False,
) -> tuple[Dashboard, datetime.datetime]:
    """The board and when it was computed: from a snapshot when there is one and `vernieuwen` is off.
    `zoals_geopend`: the board as it opens, without a chosen period; an organisation's is kept warm."""
    bewaren = settings.BOKS_DASHBOARD_SNAPSHOT
    if zoals_geopend and scope.object is None:
        onthoud_kijker(scope.organisatie.pk, kijker)
    sleutel = _sleutel(scope, periode, peildatum, kijker)
    if bewaren and not vernieuwen:
        bewaard = cache.get(sleutel)
        if bewaard is not None:
            return bewaard
    with reads_from_replica():
        board = dashboard.bouw(scope, periode, peildatum, kijker)
    resultaat = (board, timezone.now())
    if bewaren:
        cache.set(sleutel, resultaat, bewaren)
    return resultaat


def _kijkers_sleutel(organisatie_id: int) -> str:
    return f"rapportage:kijkers:{organisatie_id}"


def onthoud_kijker(organisatie_id: int, kijker: Kijker) -> None:
    """Remembers how someone looked at the organisation's dashboard, so the task keeps that one warm."""
    kijkers = cache.get(_kijkers_sleutel(organisatie_id)) or {}
    signatuur = _zicht(kijker)
    if signatuur not in kijkers or kijkers[signatuur] < timezone.now() - datetime.timedelta(hours=1):
        kijkers[signatuur] = timezone.now()
        cache.set(_kijkers_sleutel(organisatie_id), kijkers, ONTHOUDEN.total_seconds())


def ververs_organisaties() -> int:
    """Rebuilds the snapshots of each organisation's dashboard as it opens (the current quarter),
    for every way it was looked at in the last week; returns how many."""
    if not settings.BOKS_DASHBOARD_SNAPSHOT:
        return 0
    _form, periode, peildatum = periode_uit({})
    grens = timezone.now() - ONTHOUDEN
    aantal = 0
    for organisatie in Organisatie.objects.order_by("pk"):
        kijkers = cache.get(_kijkers_sleutel(organisatie.pk)) or {}
        for (eigen, doorklik, minimum, taal), gezien in kijkers.items():
            if gezien < grens:
                continue
            with translation.override(taal):
                dashboard_van(
                    kpi.Scope(organisatie),
                    periode,
                    peildatum,
                    Kijker(set(eigen), set(doorklik), minimum),
                    vernieuwen=True,
                )
            aantal += 1
    return aantal
