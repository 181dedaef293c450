"""Due dates that other apps contribute to the caseload (the next evaluation, an overdue agreement,
a Wat Telt round). An app registers a source: an expression giving, for each traject row, its
earliest due date or NULL. The caseload shows, filters and sorts on the earliest of them all."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import DateField, Expression, QuerySet, Value
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils import timezone
from django.utils.functional import Promise

NEVER = datetime.date(9999, 12, 31)


@dataclass(frozen=True)
class DueSource:
    name: str
    label: str | Promise
    due_date: Callable[[], Expression]
    """Builds the expression; use OuterRef("pk") to refer to the traject."""


_sources: dict[str, DueSource] = {}


def register_due_source(source: DueSource) -> None:
    _sources[source.name] = source


def sources() -> list[DueSource]:
    return list(_sources.values())


def _field(source: DueSource) -> str:
    return f"termijn_{source.name.replace('.', '_')}"


def annotate(queryset: QuerySet) -> QuerySet:
    """Adds one ``termijn_<source>`` per source and ``volgende_termijn``: the earliest of them."""
    if not _sources:
        return queryset.annotate(volgende_termijn=Value(None, output_field=DateField()))
    fields = {_field(source): source.due_date() for source in _sources.values()}
    queryset = queryset.annotate(**fields)
    # Least() is NULL on some databases when any argument is; compare real dates only.
    never = Value(NEVER, output_field=DateField())
    earliest = [Coalesce(name, never, output_field=DateField()) for name in fields]
    least = earliest[0] if len(earliest) == 1 else Least(*earliest, output_field=DateField())
    return queryset.annotate(volgende_termijn=NullIf(least, never, output_field=DateField()))


@dataclass(frozen=True)
class Due:
    label: str
    date: datetime.date

    @property
    def overdue(self) -> bool:
        return self.date < timezone.localdate()


def due_items(traject) -> list[Due]:
    """The annotated due dates of one traject from `annotate`, earliest first."""
    items = [
        Due(str(source.label), getattr(traject, _field(source)))
        for source in _sources.values()
        if getattr(traject, _field(source), None) is not None
    ]
    return sorted(items, key=lambda item: item.date)
