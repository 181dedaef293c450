"""The change history of everything that belongs to a traject, from django-simple-history: who
created, changed or removed which record when, and per field the value before and after.

Every app registers the histories of its own records (a `Bron`: the historical rows of one model
for a traject) in its AppConfig.ready(), as it does its tab, so this module never imports them.
Differences are computed between consecutive historical rows of the same object in memory; the
rows of a traject are hundreds, not millions.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import (
    Afscherming,
    Contactmoment,
    Huishouden,
    Noodtoegang,
    Ondersteuningsvraag,
    Persoon,
    Portaaltoegang,
    Toestemming,
    Traject,
    Uitnodiging,
)

SOORTEN = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}
# Bookkeeping a person reading the history does not need: ids, counters and timestamps of saving.
SKIPPED = {"id", "versie_teller", "versie", "gewijzigd_op", "aangemaakt_op"}


@dataclass(frozen=True)
class Bron:
    """The historical rows of one model for a traject (a queryset of `Model.history`), and how a
    row names its object from its own fields (a model's __str__ may reach for related rows)."""

    label: str | Promise
    rows: Callable[[Traject], models.QuerySet]
    naam: Callable[[object], str]


_bronnen: list[Bron] = []


def register(bron: Bron) -> None:
    _bronnen.append(bron)


@dataclass
class Veld:
    label: str
    oud: str
    nieuw: str


@dataclass
class Wijziging:
    moment: object
    door: str
    soort: str
    onderwerp: str
    object: str
    sleutel: str
    """model:pk, to show the history of one record."""
    velden: list[Veld] = field(default_factory=list)


def _fields(historical_model) -> list[models.Field]:
    """The recorded fields (a model may exclude some from its history) without the bookkeeping."""
    return [
        f for f in historical_model._meta.concrete_fields if f.name not in SKIPPED and not f.name.startswith("history_")
    ]


def _display(row, model_field, related: dict) -> str:
    value = getattr(row, model_field.attname)
    if value in (None, ""):
        return "—"
    if model_field.is_relation:
        return related.get((model_field.related_model, value), str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _related_names(rows_by_model: dict) -> dict:
    """The names of every object the rows refer to, one query per related model."""
    wanted = defaultdict(set)
    for model, rows in rows_by_model.items():
        for model_field in _fields(model):
            if model_field.is_relation:
                wanted[model_field.related_model] |= {getattr(r, model_field.attname) for r in rows} - {None}
    names = {}
    for related_model, ids in wanted.items():
        for pk, instance in related_model._default_manager.in_bulk(ids).items():
            names[(related_model, pk)] = str(instance)
    return names


def history_of(traject: Traject, *, sleutel: str = "") -> list[Wijziging]:
    """Every change to the traject's records, newest first; with `sleutel` those of one record."""
    rows_by_model = {}
    bronnen = {}
    for bron in _bronnen:
        rows = list(bron.rows(traject).select_related("history_user").order_by("history_date", "history_id"))
        if rows:
            model = type(rows[0])
            rows_by_model[model] = rows
            bronnen[model] = bron
    related = _related_names(rows_by_model)
    changes = []
    for model, rows in rows_by_model.items():
        previous = {}
        for row in rows:
            key = f"{row.instance_type._meta.label_lower}:{row.id}"
            before = previous.get(row.id)
            velden = []
            for model_field in _fields(model):
                new = _display(row, model_field, related)
                old = _display(before, model_field, related) if before is not None else "—"
                if row.history_type == "-" or (before is not None and old == new) or (before is None and new == "—"):
                    continue
                velden.append(Veld(str(model_field.verbose_name), old, new))
            previous[row.id] = row
            if row.history_type == "~" and not velden:
                continue
            if sleutel and key != sleutel:
                continue
            door = row.history_user.get_full_name() if row.history_user else str(_("BOKS (taak of beheer)"))
            changes.append(
                Wijziging(
                    moment=row.history_date,
                    door=door,
                    soort=str(SOORTEN[row.history_type]),
                    onderwerp=str(bronnen[model].label),
                    object=bronnen[model].naam(row),
                    sleutel=key,
                    velden=velden,
                )
            )
    return sorted(changes, key=lambda change: change.moment, reverse=True)


def _persons(traject: Traject) -> models.QuerySet:
    return Persoon.objects.filter(huishouden_id=traject.huishouden_id).values("pk")


register(Bron(_("Traject"), lambda traject: Traject.history.filter(id=traject.pk), lambda row: row.dossiernummer))
register(
    Bron(_("Huishouden"), lambda traject: Huishouden.history.filter(id=traject.huishouden_id), lambda row: row.naam)
)
register(
    Bron(
        _("Gezinslid"),
        lambda traject: Persoon.history.filter(huishouden_id=traject.huishouden_id),
        lambda row: " ".join(filter(None, [row.voornaam, row.tussenvoegsel, row.achternaam])),
    )
)
register(
    Bron(
        _("Contactmoment"),
        lambda traject: Contactmoment.history.filter(traject_id=traject.pk),
        lambda row: f"{row.get_soort_display()} {row.plaatsgevonden_op:%d-%m-%Y}",
    )
)
register(
    Bron(
        _("Portaaltoegang"),
        lambda traject: Portaaltoegang.history.filter(persoon_id__in=_persons(traject)),
        lambda row: str(_("portaaltoegang %(nummer)s") % {"nummer": row.id}),
    )
)
register(
    Bron(
        _("Ondersteuningsvraag"),
        lambda traject: Ondersteuningsvraag.history.filter(traject_id=traject.pk),
        lambda row: row.get_leefgebied_display(),
    )
)
register(
    Bron(
        _("Uitnodiging portaal"),
        lambda traject: Uitnodiging.history.filter(persoon_id__in=_persons(traject)),
        lambda row: row.email,
    )
)
register(
    Bron(
        _("Toestemming ouders"),
        lambda traject: Toestemming.history.filter(jeugdige_id__in=_persons(traject)),
        lambda row: str(_("ja") if row.gegeven else _("nee")),
    )
)
register(
    Bron(
        _("Afscherming"),
        lambda traject: Afscherming.history.filter(persoon_id__in=_persons(traject)),
        lambda row: f"{row.id}",
    )
)
register(
    Bron(_("Noodtoegang"), lambda traject: Noodtoegang.history.filter(traject_id=traject.pk), lambda row: f"{row.id}")
)
