from django.contrib import admin

from boks.accounts.admin import BeheerModelAdmin, beheer_site

from . import selectors
from .models import Instellingen, Leefgebied


@admin.register(Leefgebied, site=beheer_site)
class LeefgebiedAdmin(BeheerModelAdmin):
    """Functioneel beheer keeps its organisation's Wat Telt catalogue: names, order, in use or not.
    The code links scores and gezinsplan goals and stays fixed once made."""

    list_display = ["naam", "code", "volgorde", "actief", "organisatie"]
    list_editable = ["volgorde", "actief"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter), "actief"]
    search_fields = ["naam", "code"]
    ordering = ["organisatie", "volgorde", "naam"]
    organisation_lookup = "organisatie_id"

    def get_readonly_fields(self, request, obj=None):
        return ["code", "organisatie"] if obj is not None else []

    def changelist_view(self, request, extra_context=None):
        # An organisation that never used Wat Telt sees its default list here, ready to adapt.
        organisaties = self._managed(request) if not request.user.is_superuser else set()
        for organisatie_id in organisaties:
            selectors.catalogus(organisatie_id)
        return super().changelist_view(request, extra_context)


@admin.register(Instellingen, site=beheer_site)
class InstellingenAdmin(BeheerModelAdmin):
    """The scale, the months between rounds and when a drop in a client's score is signalled."""

    list_display = ["organisatie", "schaal_min", "schaal_max", "interval_maanden", "daling_signaal"]
    organisation_lookup = "organisatie_id"

    def changelist_view(self, request, extra_context=None):
        organisaties = self._managed(request) if not request.user.is_superuser else set()
        for organisatie_id in organisaties:
            selectors.instellingen_voor(organisatie_id)
        return super().changelist_view(request, extra_context)
