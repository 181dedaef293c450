"""Destroying dossier data for good: a whole household's dossier, or what is about one person in it.

The dossier's tables protect their rows (on_delete=PROTECT), so Django's own delete refuses. This
module therefore works out everything that belongs to the data being destroyed by following every
foreign key that points at it — found from the models themselves, so a table another app adds later is
included without a change here — and deletes those rows in one transaction. Foreign keys are checked
when the transaction commits (Django creates them DEFERRABLE INITIALLY DEFERRED), so the order of the
deletes does not matter; a row that would be left pointing at deleted data fails the commit, and then
nothing is destroyed.

- A foreign key declared SET_NULL (the privacy tables' own links to a dossier) is set to NULL: those
  rows are the organisation's account and outlive the dossier.
- History (django-simple-history) of every deleted row is deleted too: it holds the same data.
- Rows pointing at deleted data through a generic relation (timeline events, withholdings) go as well.
- For one person only: records that are about that person alone (journal entries, timeline events,
  documents meant only for them) and every row that cannot exist without them are deleted; where a
  shared record (or its history) merely mentions them in a nullable field (who agreed to a plan,
  whose agreement it is) the field is set to NULL. Shared records stay: they matter to the others in the household
  (Jeugdwet art. 7.3.9: not when keeping them is of considerable importance to someone else).
- Files in storage are not deleted here but listed, so the caller removes them after the commit.

The access log is never touched: it stores ids, not names, and is append-only.
"""

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef
from simple_history.models import HistoricalChanges

from boks.documenten.choices import Zichtbaarheid
from boks.documenten.models import Document
from boks.dossiers.models import Contactmoment, Huishouden, Persoon, TijdlijnGebeurtenis

CHUNK = 500
# Never followed: the access log (ids only, append-only) and the privacy app's own records, whose
# links to a dossier are SET_NULL and which are scrubbed by the caller before destruction.
UNTOUCHED_APPS = {"audit", "privacy"}


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def is_historical(model) -> bool:
    return issubclass(model, HistoricalChanges)


@functools.cache
def _incoming(model) -> list[tuple[type[models.Model], models.ForeignKey]]:
    """Every foreign key (and one-to-one) of any model that points at `model`, hidden ones included."""
    return [
        (rel.related_model, rel.field)
        for rel in model._meta.get_fields(include_hidden=True)
        if rel.is_relation and rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
    ]


@functools.cache
def _generic_relations() -> list[tuple[type[models.Model], GenericForeignKey]]:
    return [
        (model, private)
        for model in apps.get_models()
        for private in model._meta.private_fields
        if isinstance(private, GenericForeignKey)
    ]


def _history_model(model):
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


@dataclass
class Opruiming:
    """What destroying the data means: rows to delete per model, fields to set to NULL per model and
    field, and the files in storage that belonged to deleted rows."""

    delete: dict[type[models.Model], set[int]] = field(default_factory=lambda: defaultdict(set))
    nullify: dict[tuple[type[models.Model], str], set[int]] = field(default_factory=lambda: defaultdict(set))
    order: list[type[models.Model]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def telling(self) -> dict[str, int]:
        """Counts per kind of record, as the account of what was destroyed (history counted apart)."""
        counts: dict[str, int] = {}
        history = 0
        for model, ids in self.delete.items():
            if not ids:
                continue
            if is_historical(model):
                history += len(ids)
            elif not model._meta.auto_created:
                counts[model._meta.label_lower] = len(ids)
        if history:
            counts["historie"] = history
        return dict(sorted(counts.items()))

    def ids(self, model) -> set[int]:
        return self.delete.get(model, set())


def _plan(roots: dict[type[models.Model], set[int]], *, one_person: bool) -> Opruiming:
    result = Opruiming()
    queue: list[tuple[type[models.Model], set[int]]] = []
    pending_nulls: list[tuple[type[models.Model], models.ForeignKey, type[models.Model]]] = []
    generic = _generic_relations()

    def add(model, ids) -> None:
        new = set(ids) - result.delete[model]
        if not new:
            return
        if model not in result.order:
            result.order.append(model)
        result.delete[model] |= new
        queue.append((model, new))

    for model, ids in roots.items():
        add(model, ids)
    while queue:
        model, ids = queue.pop(0)
        history = _history_model(model)
        if history is not None:
            for chunk in _chunks(ids):
                add(history, history._base_manager.filter(id__in=chunk).values_list("pk", flat=True))
        for related, fk in _incoming(model):
            if related._meta.app_label in UNTOUCHED_APPS and fk.remote_field.on_delete is not models.SET_NULL:
                raise RuntimeError(f"{related._meta.label}.{fk.name} must be SET_NULL to outlive a dossier")
            keep_row = fk.remote_field.on_delete is models.SET_NULL or (one_person and fk.null)
            if keep_row:
                pending_nulls.append((related, fk, model))
                continue
            for chunk in _chunks(ids):
                add(related, related._base_manager.filter(**{f"{fk.attname}__in": chunk}).values_list("pk", flat=True))
        if is_historical(model) or model._meta.auto_created:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        for related, relation in generic:
            for chunk in _chunks(ids):
                add(
                    related,
                    related._base_manager.filter(
                        **{relation.ct_field: content_type, f"{relation.fk_field}__in": chunk}
                    ).values_list("pk", flat=True),
                )
    for related, fk, target in pending_nulls:
        for chunk in _chunks(result.ids(target)):
            rows = related._base_manager.filter(**{f"{fk.attname}__in": chunk}).exclude(pk__in=result.ids(related))
            result.nullify[(related, fk.attname)] |= set(rows.values_list("pk", flat=True))
    for model in result.order:
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for file_field in file_fields:
            for chunk in _chunks(result.ids(model)):
                names = model._base_manager.filter(pk__in=chunk).values_list(file_field.attname, flat=True)
                result.files.extend(name for name in names if name)
    return result


def plan_huishouden(huishouden_id: int) -> Opruiming:
    """Everything of a household's dossier: its people, trajecten and all that hangs from them."""
    return _plan({Huishouden: {huishouden_id}}, one_person=False)


def _only_about(model, persoon: Persoon, through_field: str = "betreft"):
    """Rows of `model` whose `betreft` is exactly this one person."""
    through = model._meta.get_field(through_field).remote_field.through
    source = model._meta.get_field(through_field).m2m_field_name()
    target = model._meta.get_field(through_field).m2m_reverse_field_name()
    others = through.objects.filter(**{source: OuterRef("pk")}).exclude(**{target: persoon.pk})
    return model._base_manager.filter(**{through_field: persoon}).exclude(Exists(others))


def plan_persoon(persoon: Persoon) -> Opruiming:
    """What is about one person: their record, what cannot exist without it, and the journal entries,
    timeline events and personal documents about them alone."""
    roots = {
        Persoon: {persoon.pk},
        Contactmoment: set(_only_about(Contactmoment, persoon).values_list("pk", flat=True)),
        TijdlijnGebeurtenis: set(_only_about(TijdlijnGebeurtenis, persoon).values_list("pk", flat=True)),
        Document: set(
            _only_about(Document, persoon).filter(zichtbaarheid=Zichtbaarheid.PERSONEN).values_list("pk", flat=True)
        ),
    }
    return _plan(roots, one_person=True)


def carry_out(opruiming: Opruiming) -> None:
    """Sets the fields to NULL and deletes the rows. Call inside the caller's transaction: foreign keys
    are checked at its commit."""
    for (model, attname), ids in opruiming.nullify.items():
        for chunk in _chunks(ids):
            model._base_manager.filter(pk__in=chunk).update(**{attname: None})
    for model in reversed(opruiming.order):
        for chunk in _chunks(opruiming.ids(model)):
            model._base_manager.filter(pk__in=chunk)._raw_delete(model._base_manager.db)
