"""Beheer: functioneel beheer maintains organisations, teams, staff and memberships here.

This is a separate admin site (mounted at /beheer/) whose every permission asks the
authorisation module; Django's default admin site is not mounted.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import CrontabScheduleAdmin, IntervalScheduleAdmin, PeriodicTaskAdmin
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from . import authorization, matrix_table
from .choices import UserKind
from .forms import UserCreateForm, UserEditForm
from .models import Cluster, Membership, Organisatie, Team, User, Wijk


class BeheerSite(admin.AdminSite):
    site_header = _("BOKS beheer")
    site_title = _("BOKS beheer")
    index_title = _("Organisaties, teams en medewerkers")
    site_url = "/"
    index_template = "beheer/index.html"

    def get_urls(self):
        own = [path("autorisatie/", self.admin_view(self.authorisation_matrix), name="autorisatie")]
        return own + super().get_urls()

    def authorisation_matrix(self, request):
        """The authorisation matrix as a table, made from the rules BOKS itself applies."""
        context = {
            **self.each_context(request),
            "title": _("Autorisatiematrix"),
            "roles": matrix_table.ROLES,
            "rows": matrix_table.rows(),
        }
        return TemplateResponse(request, "beheer/autorisatie.html", context)

    def has_permission(self, request) -> bool:
        return authorization.can_access_beheer(request.user)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")


beheer_site = BeheerSite(name="beheer")


class BeheerModelAdmin(admin.ModelAdmin):
    """Superusers maintain everything; functioneel beheer only what belongs to their organisation.

    List filters on related objects use RelatedOnlyFieldListFilter, so their choices come from the
    scoped queryset and never name another organisation's teams.
    """

    organisation_lookup: str | None = None
    superuser_only_writes = False
    # An address typed without a scheme is meant as https (Django 6's default; say so already).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _managed(self, request) -> set[int]:
        return authorization.managed_organisation_ids(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or self.organisation_lookup is None:
            return queryset
        return queryset.filter(**{f"{self.organisation_lookup}__in": self._managed(request)})

    def has_module_permission(self, request) -> bool:
        return authorization.can_access_beheer(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return authorization.can_access_beheer(request.user)

    def has_add_permission(self, request) -> bool:
        if self.superuser_only_writes:
            return authorization.can_access_beheer(request.user) and request.user.is_superuser
        return authorization.can_access_beheer(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        # History matters: teams and memberships are ended or made inactive, not deleted.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            managed = self._managed(request)
            if db_field.name == "organisatie":
                kwargs["queryset"] = Organisatie.objects.filter(pk__in=managed)
            elif db_field.name in {"team", "cluster"}:
                kwargs["queryset"] = db_field.related_model.objects.filter(organisatie_id__in=managed)
            elif db_field.name == "user":
                kwargs["queryset"] = User.objects.filter(kind=UserKind.STAFF)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Organisatie, site=beheer_site)
class OrganisatieAdmin(BeheerModelAdmin):
    list_display = ["korte_naam", "naam", "soort"]
    organisation_lookup = "pk"
    superuser_only_writes = True


@admin.register(Wijk, site=beheer_site)
class WijkAdmin(BeheerModelAdmin):
    list_display = ["naam", "gemeente"]
    superuser_only_writes = True


@admin.register(Cluster, site=beheer_site)
class ClusterAdmin(BeheerModelAdmin):
    list_display = ["naam", "organisatie"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter)]
    organisation_lookup = "organisatie_id"


@admin.register(Team, site=beheer_site)
class TeamAdmin(BeheerModelAdmin):
    list_display = ["naam", "organisatie", "cluster", "soort", "wijk", "actief"]
    list_filter = [("organisatie", admin.RelatedOnlyFieldListFilter), "soort", "actief"]
    search_fields = ["naam"]
    organisation_lookup = "organisatie_id"


@admin.register(Membership, site=beheer_site)
class MembershipAdmin(BeheerModelAdmin):
    list_display = ["user", "team", "role", "start_date", "end_date"]
    list_filter = ["role", ("team", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__email", "user__last_name", "team__naam"]
    list_select_related = ["user", "team__organisatie"]
    autocomplete_fields = ["user"]
    organisation_lookup = "team__organisatie_id"


@admin.register(User, site=beheer_site)
class UserAdmin(BeheerModelAdmin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonsgegevens"), {"fields": ("first_name", "last_name", "kind")}),
        (_("Toegang"), {"fields": ("is_active",)}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "first_name", "last_name", "kind")}),)
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        # A new colleague has no membership yet, so functioneel beheer must be able to find them.
        return (
            queryset.filter(kind=UserKind.STAFF)
            .filter(Q(memberships__team__organisatie_id__in=self._managed(request)) | Q(memberships__isnull=True))
            .distinct()
        )


# Periodic tasks of django-celery-beat's database scheduler, e.g. the Wat Telt reminder sweep: beat
# writes the entries of CELERY_BEAT_SCHEDULE here when it starts. Functioneel beheer may look; only
# a superuser changes them, because they run for every organisation.


@admin.register(PeriodicTask, site=beheer_site)
class PeriodicTaskBeheerAdmin(BeheerModelAdmin, PeriodicTaskAdmin):
    superuser_only_writes = True


@admin.register(IntervalSchedule, site=beheer_site)
class IntervalScheduleBeheerAdmin(BeheerModelAdmin, IntervalScheduleAdmin):
    superuser_only_writes = True


@admin.register(CrontabSchedule, site=beheer_site)
class CrontabScheduleBeheerAdmin(BeheerModelAdmin, CrontabScheduleAdmin):
    superuser_only_writes = True
