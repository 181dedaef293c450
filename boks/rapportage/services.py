"""Writes of the rapportage app: freezing a report (vaststellen) and the organisation's settings."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.models import Organisatie

from . import rapport
from .models import Instellingen, Vaststelling
from .periods import Periode


def instellingen_voor(organisatie_id: int) -> Instellingen:
    instellingen, _created = Instellingen.objects.get_or_create(organisatie_id=organisatie_id)
    return instellingen


@transaction.atomic
def vaststellen(*, actor, organisatie: Organisatie, periode: Periode, toelichting: str = "") -> Vaststelling:
    """Freezes the report of a quarter or year as it is today: the peildatum is today, and later
    edits to trajecten no longer change what was published. A period can be frozen again only with
    a reason; that makes a new version and keeps the earlier ones."""
    if not authorization.can_freeze_figures(actor, organisatie.pk):
        raise PermissionDenied(_("Alleen een kwaliteitsmedewerker van de organisatie stelt cijfers vast."))
    if periode.soort not in {"kwartaal", "jaar"}:
        raise ValidationError({"periode": _("Alleen een kwartaal of een jaar kan worden vastgesteld.")})
    if not periode.afgelopen:
        raise ValidationError(
            {
                "periode": _("%(periode)s is nog niet voorbij. Stel de cijfers vast als de periode om is.")
                % {"periode": periode.label}
            }
        )
    # Serialise concurrent attempts per organisation and period; the unique constraint backs it up.
    Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    vorige = Vaststelling.objects.filter(organisatie=organisatie, periode=periode.code).order_by("-versie").first()
    toelichting = toelichting.strip()
    if vorige is not None and not toelichting:
        raise ValidationError(
            {
                "toelichting": _(
                    "%(periode)s is al vastgesteld (versie %(versie)s). Schrijf op waarom de cijfers opnieuw "
                    "worden vastgesteld; de eerdere versie blijft bewaard."
                )
                % {"periode": periode.label, "versie": vorige.versie}
            }
        )
    pack = rapport.bouw(organisatie, periode)
    try:
        with transaction.atomic():
            return Vaststelling.objects.create(
                organisatie=organisatie,
                periode=periode.code,
                versie=(vorige.versie + 1) if vorige else 1,
                van=periode.van,
                tot=periode.tot,
                peildatum=timezone.localdate(),
                cijfers=pack.as_dict(),
                toelichting=toelichting,
                vastgesteld_door=actor,
            )
    except IntegrityError as clash:
        raise ValidationError(
            {"periode": _("Iemand anders stelde deze periode zojuist vast. Vernieuw de pagina.")}
        ) from clash
