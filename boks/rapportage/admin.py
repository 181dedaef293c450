from django.contrib import admin

from boks.accounts.admin import BeheerModelAdmin, beheer_site

from . import services
from .models import Instellingen


@admin.register(Instellingen, site=beheer_site)
class InstellingenAdmin(BeheerModelAdmin):
    """The smallest number shown outside one's own team (suppression of small cells)."""

    list_display = ["organisatie", "minimum_aantal"]
    organisation_lookup = "organisatie_id"

    def changelist_view(self, request, extra_context=None):
        organisaties = self._managed(request) if not request.user.is_superuser else set()
        for organisatie_id in organisaties:
            services.instellingen_voor(organisatie_id)
        return super().changelist_view(request, extra_context)
