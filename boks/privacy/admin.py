"""Beheer of privacy: functioneel beheer sets its organisation's retention periods. Requests and
destructions are not here: they hold client data and belong to the privacyfunctionaris's screens."""

from django.contrib import admin

from boks.accounts.admin import BeheerModelAdmin, beheer_site

from .models import Bewaarbeleid
from .services.bewaren import bewaarbeleid_voor


@admin.register(Bewaarbeleid, site=beheer_site)
class BewaarbeleidAdmin(BeheerModelAdmin):
    """How many years after the last change a dossier is kept, for jeugd and for Wmo/sociaal."""

    list_display = ["organisatie", "jeugd_jaren", "sociaal_jaren"]
    organisation_lookup = "organisatie_id"

    def get_readonly_fields(self, request, obj=None):
        return ["organisatie"] if obj is not None else []

    def changelist_view(self, request, extra_context=None):
        # An organisation sees its (default) periods here, ready to change, before it ever ran a sweep.
        organisaties = self._managed(request) if not request.user.is_superuser else set()
        for organisatie_id in organisaties:
            bewaarbeleid_voor(organisatie_id)
        return super().changelist_view(request, extra_context)
