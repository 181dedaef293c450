"""The one timeline of a traject and its household. Every app records its events through
``record_event``; the timeline stores titles and visibility, never app-specific logic."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from boks.audit import log as access_log

from .models import TijdlijnGebeurtenis, Traject


def as_datetime(moment: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(moment, datetime.datetime):
        return moment
    # A date-only event (e.g. an aanmelddatum) sits at noon, so it sorts within its day.
    return timezone.make_aware(datetime.datetime.combine(moment, datetime.time(12, 0)))


def record_event(
    *,
    traject: Traject,
    soort: str,
    titel: str,
    actor=None,
    plaatsgevonden_op: datetime.date | datetime.datetime | None = None,
    omschrijving: str = "",
    zichtbaar_voor_client: bool = True,
    bron: models.Model | None = None,
    betreft=(),
) -> TijdlijnGebeurtenis:
    """`betreft`: the household members the event is about (empty: the whole household); in the
    portal it decides, with the Jeugdwet rules, who of the household sees it."""
    # Every change to a dossier writes a timeline event, so this is where changes reach the access log.
    access_log.change(traject=traject, obj=bron or traject, omschrijving=titel[:300], actor=actor)
    event = TijdlijnGebeurtenis.objects.create(
        traject=traject,
        huishouden_id=traject.huishouden_id,
        soort=soort,
        titel=titel,
        omschrijving=omschrijving,
        plaatsgevonden_op=as_datetime(plaatsgevonden_op or timezone.now()),
        actor=actor,
        zichtbaar_voor_client=zichtbaar_voor_client,
        bron_type=ContentType.objects.get_for_model(bron) if bron is not None else None,
        bron_id=bron.pk if bron is not None else None,
    )
    if betreft:
        event.betreft.set(betreft)
    return event


def update_source_events(*, bron: models.Model, **changes) -> int:
    """Keeps the events of a source (e.g. a corrected journal entry) in step with it."""
    access_log.change(
        traject=getattr(bron, "traject", None), obj=bron, omschrijving=str(changes.get("titel", ""))[:300]
    )
    return TijdlijnGebeurtenis.objects.filter(
        bron_type=ContentType.objects.get_for_model(bron), bron_id=bron.pk
    ).update(**changes)


def set_source_betreft(*, bron: models.Model, betreft) -> None:
    """Keeps whom a source's events are about in step with the source (e.g. a corrected journal entry)."""
    events = TijdlijnGebeurtenis.objects.filter(bron_type=ContentType.objects.get_for_model(bron), bron_id=bron.pk)
    for event in events:
        event.betreft.set(betreft)
