from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from localflavor.nl.validators import NLBSNFieldValidator


@deconstructible
class BSNValidator(NLBSNFieldValidator):
    """localflavor's elfproef, with a Dutch message (localflavor has no Dutch translation of it)."""

    error_message = _("Dit is geen geldig BSN. Een BSN heeft negen cijfers en moet kloppen met de elfproef.")
