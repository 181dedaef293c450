"""Beheer of Aanvullende zorg: functioneel beheer configures its organisation's types of requests
(routing and norm), its beoordelingsgroepen and the teams' contactpersonen maatwerk."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from boks.accounts.admin import BeheerModelAdmin, beheer_site
from boks.accounts.choices import UserKind
from boks.accounts.models import Membership, User

from . import selectors
from .models import AanvraagSoort, Beoordelingsgroep, Contactpersoon


def _staff_of(organisatie_ids):
    members = Membership.objects.current().filter(team__organisatie_id__in=organisatie_ids).values("user_id")
    return User.objects.filter(pk__in=members, kind=UserKind.STAFF, is_active=True).order_by("last_name", "first_name")


class BeoordelingsgroepForm(forms.ModelForm):
    class Meta:
        model = Beoordelingsgroep
        fields = ["organisatie", "naam", "leden", "actief"]

    def clean(self):
        data = super().clean()
        organisatie = data.get("organisatie")
        if organisatie is not None:
            allowed = set(_staff_of([organisatie.pk]).values_list("pk", flat=True))
            outsiders = [str(user) for user in data.get("leden", []) if user.pk not in allowed]
            if outsiders:
                raise ValidationError(
                    {"leden": _("Werkt niet (meer) bij deze organisatie: %(namen)s.") % {"namen": ", ".join(outsiders)}}
                )
        return data


@admin.register(Beoordelingsgroep, site=beheer_site)
class BeoordelingsgroepAdmin(BeheerModelAdmin):
    form = BeoordelingsgroepForm
    list_display = ["naam", "organisatie", "actief"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter), "actief"]
    filter_horizontal = ["leden"]
    organisation_lookup = "organisatie_id"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "leden":
            organisaties = (
                Membership.objects.values("team__organisatie_id")
                if request.user.is_superuser
                else self._managed(request)
            )
            kwargs["queryset"] = _staff_of(organisaties)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(AanvraagSoort, site=beheer_site)
class AanvraagSoortAdmin(BeheerModelAdmin):
    """The types of requests: who assesses them (the team's manager by default) and the norm in werkdagen."""

    list_display = ["naam", "code", "routering", "beoordelingsgroep", "norm_werkdagen", "actief", "organisatie"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter), "routering", "actief"]
    organisation_lookup = "organisatie_id"
    fieldsets = [
        (None, {"fields": ["organisatie", "code", "naam", "toelichting", "volgorde", "actief"]}),
        (_("Gegevens"), {"fields": ["met_budget", "periode_verplicht"]}),
        (_("Beoordeling"), {"fields": ["routering", "beoordelingsgroep", "norm_werkdagen", "herinneren_werkdagen"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The code links reports over the years; it stays fixed once made.
        return ["code", "organisatie"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "beoordelingsgroep" and not request.user.is_superuser:
            kwargs["queryset"] = Beoordelingsgroep.objects.filter(organisatie_id__in=self._managed(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        # An organisation that never configured requests sees its default types here, ready to adapt.
        for organisatie_id in self._managed(request) if not request.user.is_superuser else set():
            selectors.soorten_voor(organisatie_id)
        return super().changelist_view(request, extra_context)


class ContactpersoonForm(forms.ModelForm):
    class Meta:
        model = Contactpersoon
        fields = ["team", "medewerker", "van", "tot"]

    def clean(self):
        data = super().clean()
        team, medewerker = data.get("team"), data.get("medewerker")
        if team and medewerker and not _staff_of([team.organisatie_id]).filter(pk=medewerker.pk).exists():
            raise ValidationError({"medewerker": _("Deze medewerker werkt niet bij de organisatie van dit team.")})
        return data


@admin.register(Contactpersoon, site=beheer_site)
class ContactpersoonAdmin(BeheerModelAdmin):
    """Contactpersonen maatwerk per team: they assess the team's requests of types routed to them."""

    form = ContactpersoonForm
    list_display = ["medewerker", "team", "van", "tot"]
    list_filter = [("team", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["medewerker", "team__organisatie"]
    organisation_lookup = "team__organisatie_id"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "medewerker":
            organisaties = (
                Membership.objects.values("team__organisatie_id")
                if request.user.is_superuser
                else self._managed(request)
            )
            kwargs["queryset"] = _staff_of(organisaties)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
