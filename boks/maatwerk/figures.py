"""Management figures for Aanvullende zorg, computed by database aggregates: no client rows leave
the database. The rapportage app and the API call these; the caller decides which teams a user may
see (authorization.team_figures_team_ids)."""

import datetime

from django.db.models import Avg, Count, F, Q

from .choices import AanvraagStatus
from .models import Aanvraag, Verwijzing


def aanvragen_per_soort_status_team(*, team_ids, van: datetime.date, tot: datetime.date) -> list[dict[str, object]]:
    """Requests submitted in the period, by type, current status and team."""
    return list(
        Aanvraag.objects.filter(traject__team_id__in=team_ids, eerst_ingediend_op__range=(van, tot))
        .values(
            "status",
            soort_code=F("soort__code"),
            soort_naam=F("soort__naam"),
            team_id=F("traject__team_id"),
            team=F("traject__team__naam"),
        )
        .annotate(aantal=Count("pk"))
        .order_by("soort_naam", "team", "status")
    )


def besluiten_per_soort(*, team_ids, van: datetime.date, tot: datetime.date) -> list[dict[str, object]]:
    """Per type, the requests decided in the period: how many were granted, partly granted and
    refused, the average lead time from submitting to the besluit in werkdagen (days waiting for
    information excluded), and how many were decided within the norm, also as a share."""
    rows = (
        Aanvraag.objects.filter(traject__team_id__in=team_ids, besluit_op__range=(van, tot))
        .values(soort_code=F("soort__code"), soort_naam=F("soort__naam"))
        .annotate(
            besloten=Count("pk"),
            toegekend=Count("pk", filter=Q(status=AanvraagStatus.TOEGEKEND)),
            gedeeltelijk_toegekend=Count("pk", filter=Q(status=AanvraagStatus.GEDEELTELIJK_TOEGEKEND)),
            afgewezen=Count("pk", filter=Q(status=AanvraagStatus.AFGEWEZEN)),
            gemiddelde_doorlooptijd=Avg("doorlooptijd_werkdagen"),
            binnen_norm=Count("pk", filter=Q(binnen_norm=True)),
        )
        .order_by("soort_naam")
    )
    return [
        {
            **row,
            "gemiddelde_doorlooptijd": round(row["gemiddelde_doorlooptijd"], 1)
            if row["gemiddelde_doorlooptijd"] is not None
            else None,
            "aandeel_binnen_norm": round(row["binnen_norm"] / row["besloten"], 3) if row["besloten"] else None,
        }
        for row in rows
    ]


def verwijzingen_per_zorgvorm_aanbieder(*, team_ids, van: datetime.date, tot: datetime.date) -> list[dict[str, object]]:
    """Referrals that started in the period, by zorgvorm (with its wettelijk kader) and aanbieder."""
    return list(
        Verwijzing.objects.filter(traject__team_id__in=team_ids, startdatum__range=(van, tot))
        .values("zorgvorm", "wettelijk_kader", "aanbieder")
        .annotate(aantal=Count("pk"))
        .order_by("zorgvorm", "-aantal", "aanbieder")
    )
