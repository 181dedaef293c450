import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from boks.accounts.choices import UserKind

from .models import Toegang

PAGE_SIZE = 100


def views_by_staff(huishouden_ids, *, limit: int = 200) -> QuerySet[Toegang]:
    """What staff did with a household's dossier, newest first: for the client's 'who viewed my file'."""
    return (
        Toegang.objects.filter(huishouden_id__in=list(huishouden_ids), gebruiker__kind=UserKind.STAFF)
        .select_related("gebruiker")
        .order_by("-moment", "-pk")[:limit]
    )


@dataclass(frozen=True)
class LogFilters:
    """What the privacy officer looks for. `van`/`tot` are days (inclusive); the query touches only
    the months' partitions in between."""

    van: datetime.date
    tot: datetime.date
    medewerker: str = ""
    dossiernummer: str = ""
    actie: str = ""
    grondslag: str = ""
    kanaal: str = ""


@dataclass(frozen=True)
class Cursor:
    """Where the previous page ended: keyset pagination, so page 1000 costs what page 1 costs."""

    moment: datetime.datetime
    pk: int

    def encode(self) -> str:
        """Microseconds since the epoch and the id: digits only, safe in a URL as they are."""
        epoch = int(self.moment.timestamp()) * 1_000_000 + self.moment.microsecond
        return f"{epoch}_{self.pk}"

    @classmethod
    def decode(cls, value: str) -> "Cursor | None":
        epoch, _sep, pk = (value or "").partition("_")
        if not (epoch.isdigit() and pk.isdigit()):
            return None
        seconds, micro = divmod(int(epoch), 1_000_000)
        moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC).replace(microsecond=micro)
        return cls(moment, int(pk))


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def access_log(organisation_ids: set[int], filters: LogFilters) -> QuerySet[Toegang]:
    """The organisations' log rows that match, newest first."""
    rows = Toegang.objects.filter(
        organisatie_id__in=organisation_ids,
        moment__gte=_day_start(filters.van),
        moment__lt=_day_start(filters.tot + datetime.timedelta(days=1)),
    )
    if filters.medewerker:
        by_name = Q(gebruiker_naam__icontains=filters.medewerker)
        rows = rows.filter(by_name | Q(gebruiker__email__iexact=filters.medewerker))
    if filters.dossiernummer:
        rows = rows.filter(dossiernummer=filters.dossiernummer.strip())
    for field in ("actie", "grondslag", "kanaal"):
        value = getattr(filters, field)
        if value:
            rows = rows.filter(**{field: value})
    return rows.order_by("-moment", "-pk")


def page(rows: QuerySet[Toegang], after: Cursor | None, size: int = PAGE_SIZE) -> tuple[list[Toegang], Cursor | None]:
    """One page of rows after the cursor, and the cursor for the next page (None at the end)."""
    if after is not None:
        rows = rows.filter(Q(moment__lt=after.moment) | Q(moment=after.moment, pk__lt=after.pk))
    found = list(rows[: size + 1])
    if len(found) <= size:
        return found, None
    last = found[size - 1]
    return found[:size], Cursor(last.moment, last.pk)
