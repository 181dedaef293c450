"""What both conversion commands need from their options: the organisation and who runs them."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from boks.accounts.models import Organisatie, User


def organisatie_en_gebruiker(options: dict) -> tuple[Organisatie, User]:
    """The organisation by short name or id, and the user by e-mail address (for the access log)."""
    sleutel = options["organisatie"]
    organisatie = Organisatie.objects.filter(
        **({"pk": sleutel} if sleutel.isdigit() else {"korte_naam": sleutel})
    ).first()
    if organisatie is None:
        raise CommandError(_("Onbekende organisatie %(naam)s.") % {"naam": sleutel})
    actor = User.objects.filter(email__iexact=options["gebruiker"]).first()
    if actor is None:
        raise CommandError(_("Onbekende gebruiker %(email)s.") % {"email": options["gebruiker"]})
    return organisatie, actor
