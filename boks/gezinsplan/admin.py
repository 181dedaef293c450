"""Beheer of the plan format: functioneel beheer edits templates and settings of their organisation.
Saving a template records a new template version; plans keep the version they were made with."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from boks.accounts.admin import BeheerModelAdmin, beheer_site

from . import services
from .models import Instellingen, PlanSjabloon


@admin.register(PlanSjabloon, site=beheer_site)
class PlanSjabloonAdmin(BeheerModelAdmin):
    list_display = ["naam", "organisatie", "standaard", "actief"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter), "actief"]
    organisation_lookup = "organisatie_id"
    fieldsets = [
        (None, {"fields": ["organisatie", "naam", "standaard", "actief"]}),
        (
            _("Toelichting per onderdeel"),
            {
                "fields": [
                    "toelichting_vraagverheldering",
                    "toelichting_doelen",
                    "toelichting_afspraken",
                    "toelichting_netwerk",
                    "toelichting_regie",
                    "toelichting_veiligheid",
                    "toelichting_afwegingen",
                    "toelichting_evaluatie",
                ]
            },
        ),
        (_("Vragen"), {"fields": ["veiligheidsvragen", "evaluatievragen"]}),
    ]

    def save_model(self, request, obj, form, change):
        services.save_sjabloon(actor=request.user, sjabloon=obj)


@admin.register(Instellingen, site=beheer_site)
class InstellingenAdmin(BeheerModelAdmin):
    list_display = ["organisatie", "schaal_min", "schaal_max", "evaluatie_interval_maanden"]
    organisation_lookup = "organisatie_id"
