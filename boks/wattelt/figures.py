"""Management figures for Wat Telt, computed by database aggregates: no client rows leave the
database. The rapportage app and the API call these; the caller decides which teams a user may see
(authorization.team_figures_team_ids)."""

import datetime

from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, TruncMonth, TruncQuarter, TruncYear

from boks.dossiers.choices import Leefgebied as LeefgebiedCode

from .choices import Beoordelaar, Variant
from .models import Instellingen, Meting, Score

PERIODES = {"maand": TruncMonth, "kwartaal": TruncQuarter, "jaar": TruncYear}

# Changes are reported in points on the default scale, so organisations with other scales (or a
# scale that changed over time) still add up.
STANDAARD_SCHAAL = (
    Instellingen._meta.get_field("schaal_min").default,
    Instellingen._meta.get_field("schaal_max").default,
)


def metingen_per_team(
    *, team_ids, van: datetime.date, tot: datetime.date, periode: str = "maand"
) -> list[dict[str, object]]:
    """Per team and period: the number of metingen, digital and on paper."""
    return list(
        Meting.objects.filter(traject__team_id__in=team_ids, datum__gte=van, datum__lte=tot)
        .annotate(periode=PERIODES[periode]("datum"))
        .values("periode", team_id=F("traject__team_id"), team=F("traject__team__naam"))
        .annotate(
            totaal=Count("pk"),
            digitaal=Count("pk", filter=Q(variant=Variant.DIGITAAL)),
            papier=Count("pk", filter=Q(variant=Variant.PAPIER)),
        )
        .order_by("team", "periode")
    )


def _relatief(prefix: str = ""):
    """A score as a fraction of its meting's scale: 0 at the lowest score, 1 at the highest."""
    return Cast(F(f"{prefix}waarde") - F(f"{prefix}meting__schaal_min"), FloatField()) / Cast(
        F(f"{prefix}meting__schaal_max") - F(f"{prefix}meting__schaal_min"), FloatField()
    )


def gemiddelde_verandering(*, team_ids, van: datetime.date, tot: datetime.date) -> list[dict[str, object]]:
    """Per leefgebied: the average change of the client's own score between a client's first and
    latest meting on it, over the clients whose latest meting falls in the period, in points on
    the default scale. Clients measured once do not count."""
    klant = Score.objects.filter(beoordelaar=Beoordelaar.KLANT)
    same = klant.filter(
        meting__persoon_id=OuterRef("meting__persoon_id"), leefgebied__code=OuterRef("leefgebied__code")
    )
    later = same.filter(
        Q(meting__datum__gt=OuterRef("meting__datum"))
        | Q(meting__datum=OuterRef("meting__datum"), meting__pk__gt=OuterRef("meting_id"))
    )
    earlier = same.filter(
        Q(meting__datum__lt=OuterRef("meting__datum"))
        | Q(meting__datum=OuterRef("meting__datum"), meting__pk__lt=OuterRef("meting_id"))
    )
    first = earlier.order_by("meting__datum", "meting__pk").annotate(relatief=_relatief()).values("relatief")[:1]
    span = STANDAARD_SCHAAL[1] - STANDAARD_SCHAAL[0]
    rows = (
        klant.filter(meting__traject__team_id__in=team_ids, meting__datum__gte=van, meting__datum__lte=tot)
        .filter(~Exists(later), Exists(earlier))
        .annotate(eerste=Subquery(first, output_field=FloatField()), laatste=_relatief())
        .values("leefgebied__code")
        .annotate(clienten=Count("pk"), verandering=Avg(F("laatste") - F("eerste")))
        .order_by("leefgebied__code")
    )
    labels = dict(LeefgebiedCode.choices)
    return [
        {
            "leefgebied": row["leefgebied__code"],
            "naam": str(labels.get(row["leefgebied__code"], row["leefgebied__code"])),
            "clienten": row["clienten"],
            "gemiddelde_verandering": round(row["verandering"] * span, 2),
        }
        for row in rows
    ]
