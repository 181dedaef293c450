"""When a traject's next Wat Telt round is due, derived in the database for every traject row.

The first round falls within the first three conversations after the kennismaking, counted from
the contactjournaal: it is due on the day of the third one. After that, a round is due a number of
months (the organisation's interval) after the previous round started, while the traject is open.
Each meting stores that next date when it is saved, so the rule needs no date arithmetic in SQL and
the caseload can sort and filter on it in its one query.

Every function returns an expression for a Traject queryset (OuterRef("pk") is the traject).
"""

import calendar
import datetime

from django.db.models import Case, DateField, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate

from boks.dossiers.choices import Status
from boks.dossiers.models import Contactmoment

from .choices import GESPREK_SOORTEN
from .models import Meting

GESPREKKEN_VOOR_EERSTE_RONDE = 3
# A later round is announced this many days before it is due, so it can be planned into a conversation.
DAGEN_VOORUIT = 7


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _gesprekken():
    """The traject's conversations with the client after the day of the kennismaking, in order.
    A correcting journal entry is not a conversation of its own."""
    return Contactmoment.objects.filter(
        traject=OuterRef("pk"),
        soort__in=GESPREK_SOORTEN,
        corrigeert__isnull=True,
        plaatsgevonden_op__date__gt=OuterRef("kennismaking_op"),
    ).order_by("plaatsgevonden_op", "pk")


def gesprek_op(nummer: int) -> Subquery:
    """The day of the traject's n-th conversation after the kennismaking, or NULL."""
    days = _gesprekken().annotate(dag=TruncDate("plaatsgevonden_op")).values("dag")[nummer - 1 : nummer]
    return Subquery(days, output_field=DateField())


def laatste_ronde(traject_ref: str = "pk") -> Subquery:
    """The number of the traject's latest round, or NULL; `traject_ref` names the traject's id in
    the outer query (its pk, or e.g. ``traject_id`` from a reminder)."""
    rounds = Meting.objects.filter(traject=OuterRef(traject_ref)).order_by("-ronde").values("ronde")[:1]
    return Subquery(rounds, output_field=IntegerField())


def volgende_ronde_op() -> Subquery:
    """The latest round's next date: the earliest of its metingen (household members may join a
    round on a later day; the round started with the first of them)."""
    dates = (
        Meting.objects.filter(traject=OuterRef("pk"))
        .order_by("-ronde", "volgende_ronde_op")
        .values("volgende_ronde_op")
    )
    return Subquery(dates[:1], output_field=DateField())


def vervaldatum():
    """The traject's next Wat Telt round is due on this date; NULL when closed, and for the first
    round while fewer than three conversations after the kennismaking have been recorded."""
    return Case(
        When(status=Status.AFGESLOTEN, then=Value(None, output_field=DateField())),
        default=Coalesce(volgende_ronde_op(), gesprek_op(GESPREKKEN_VOOR_EERSTE_RONDE), output_field=DateField()),
        output_field=DateField(),
    )


def volgende_ronde():
    """The number of the round that is due next."""
    return Coalesce(laatste_ronde(), Value(0)) + 1


def annotate(queryset):
    """Everything the Wat Telt pages and the sweep need to know about a traject's schedule."""
    return queryset.annotate(
        wattelt_laatste_ronde=laatste_ronde(),
        wattelt_ronde=volgende_ronde(),
        wattelt_vervaldatum=vervaldatum(),
        wattelt_tweede_gesprek=gesprek_op(GESPREKKEN_VOOR_EERSTE_RONDE - 1),
    )
