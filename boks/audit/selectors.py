from django.db.models import QuerySet

from boks.accounts.choices import UserKind

from .models import Toegang


def views_by_staff(huishouden_ids, *, limit: int = 200) -> QuerySet[Toegang]:
    """What staff did with a household's dossier, newest first: for the client's 'who viewed my file'."""
    return (
        Toegang.objects.filter(huishouden_id__in=list(huishouden_ids), gebruiker__kind=UserKind.STAFF)
        .select_related("gebruiker")
        .order_by("-moment", "-pk")[:limit]
    )
