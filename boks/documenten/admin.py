"""Beheer of the questionnaires and links of an organisation; answers stay in the dossiers."""

from django.contrib import admin

from boks.accounts.admin import BeheerModelAdmin, beheer_site

from .models import Link, Vraag, Vragenlijst


class VraagInline(admin.TabularInline):
    model = Vraag
    extra = 1
    fields = ["volgorde", "tekst", "soort", "keuzes", "verplicht", "is_rapportcijfer"]

    def has_add_permission(self, request, obj=None) -> bool:
        return beheer_site.has_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return beheer_site.has_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return beheer_site.has_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return beheer_site.has_permission(request)


@admin.register(Vragenlijst, site=beheer_site)
class VragenlijstAdmin(BeheerModelAdmin):
    list_display = ["titel", "organisatie", "moment", "actief"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter), "moment", "actief"]
    organisation_lookup = "organisatie_id"
    inlines = [VraagInline]


@admin.register(Link, site=beheer_site)
class LinkAdmin(BeheerModelAdmin):
    list_display = ["titel", "url", "organisatie", "team", "actief"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter), "actief"]
    organisation_lookup = "organisatie_id"
    fields = ["organisatie", "team", "titel", "url", "omschrijving", "actief"]

    def get_queryset(self, request):
        # Links for one household are kept by the household's workers on the traject page.
        return super().get_queryset(request).filter(huishouden__isnull=True)
