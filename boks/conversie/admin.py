"""Beheer of the conversion: functioneel beheer maps legacy codes, uploads a ZIP of CSV files for a
dry run, follows its progress, reads the report and then imports. The run pages are custom views
on the run's admin; every one asks the authorisation module through the scoped queryset."""

import zipfile

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boks.accounts import authorization
from boks.accounts.admin import BeheerModelAdmin, beheer_site

from . import rapport, services
from .choices import RunStatus, RunWijze
from .models import Codekoppeling, Conversierun, Herkomst


@admin.register(Codekoppeling, site=beheer_site)
class CodekoppelingAdmin(BeheerModelAdmin):
    list_display = ["codelijst", "oude_code", "boks_code", "organisatie"]
    list_filter = ["codelijst", ("organisatie", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["oude_code", "boks_code"]
    organisation_lookup = "organisatie_id"


@admin.register(Herkomst, site=beheer_site)
class HerkomstAdmin(BeheerModelAdmin):
    """Where an imported object came from; written by the conversion only."""

    list_display = ["bron", "soort", "legacy_id", "object_type", "object_id", "ingelezen_op"]
    list_filter = ["bron", "soort"]
    search_fields = ["legacy_id"]
    organisation_lookup = "organisatie_id"
    superuser_only_writes = True

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class UploadForm(forms.ModelForm):
    class Meta:
        model = Conversierun
        fields = ["organisatie", "bron", "bestand"]
        help_texts = {"bestand": gettext_lazy("Een ZIP met de CSV-bestanden uit docs/conversie.md.")}

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > services.MAX_ZIP_BYTES or not zipfile.is_zipfile(bestand):
            raise ValidationError(_("Dit is geen ZIP-bestand (of het is groter dan 500 MB)."))
        bestand.seek(0)
        return bestand


@admin.register(Conversierun, site=beheer_site)
class ConversierunAdmin(BeheerModelAdmin):
    list_display = ["aangemaakt_op", "organisatie", "bron", "wijze", "status", "aantal_fouten", "gestart_door"]
    list_filter = ["wijze", "status"]
    organisation_lookup = "organisatie_id"
    form = UploadForm
    change_form_template = "conversie/beheer/run.html"
    readonly_fields = [
        "organisatie",
        "bron",
        "wijze",
        "status",
        "aantal_fouten",
        "melding",
        "gestart_door",
        "aangemaakt_op",
        "klaar_op",
    ]

    def get_fields(self, request, obj=None):
        return ["organisatie", "bron", "bestand"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None) -> bool:
        # A run is a record of what happened: it is looked at, never edited.
        return False

    def save_model(self, request, obj, form, change):
        services.start(actor=request.user, run=obj)

    def response_add(self, request, obj, post_url_continue=None):
        return redirect(reverse("beheer:conversie_conversierun_change", args=[obj.pk]))

    def get_urls(self):
        own = [
            path(
                "<int:run_id>/voortgang/",
                self.admin_site.admin_view(self.voortgang_view),
                name="conversie_conversierun_voortgang",
            ),
            path(
                "<int:run_id>/rapport/<str:soort>/",
                self.admin_site.admin_view(self.rapport_view),
                name="conversie_conversierun_rapport",
            ),
            path(
                "<int:run_id>/inlezen/",
                self.admin_site.admin_view(self.inlezen_view),
                name="conversie_conversierun_inlezen",
            ),
        ]
        return own + super().get_urls()

    def _run(self, request, run_id: int) -> Conversierun:
        run = self.get_queryset(request).select_related("organisatie").filter(pk=run_id).first()
        if run is None:
            raise Http404
        if not authorization.can_manage_organisation(request.user, run.organisatie):
            raise PermissionDenied
        return run

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_queryset(request).filter(pk=object_id).first()
        extra = {}
        if run is not None:
            extra = {
                "run": run,
                "aantallen": rapport.aantallen_rijen(run.aantallen),
                "fouten": run.fouten[:200],
                "mag_inlezen": run.wijze == RunWijze.PROEF and run.status == RunStatus.KLAAR and run.kan_inlezen,
                **self._voortgang_context(run),
            }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def _voortgang_context(self, run: Conversierun) -> dict:
        procent, stap = services.voortgang_van(run)
        return {"run": run, "procent": procent, "stap": stap}

    def voortgang_view(self, request, run_id: int):
        """The progress indicator, polled by htmx while the task runs; once done, the page reloads."""
        run = self._run(request, run_id)
        response = TemplateResponse(request, "conversie/beheer/voortgang.html", self._voortgang_context(run))
        if not run.bezig and request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"
        return response

    def rapport_view(self, request, run_id: int, soort: str):
        run = self._run(request, run_id)
        if soort not in {"html", "csv"} or run.bezig:
            raise Http404
        naam = f"conversierapport-{slugify(run.organisatie.korte_naam)}-{run.pk}.{soort}"
        if soort == "csv":
            response = HttpResponse(services.rapport_csv(run), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(services.rapport_html(run), content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response

    def inlezen_view(self, request, run_id: int):
        run = self._run(request, run_id)
        if request.method == "POST":
            try:
                nieuw = services.inlezen(actor=request.user, proefrun=run)
            except ValidationError as fout:
                messages.error(request, " ".join(fout.messages))
                return redirect(reverse("beheer:conversie_conversierun_change", args=[run.pk]))
            messages.success(request, _("Het inlezen is gestart."))
            return redirect(reverse("beheer:conversie_conversierun_change", args=[nieuw.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Conversie inlezen"),
            "run": run,
            "aantallen": rapport.aantallen_rijen(run.aantallen),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "conversie/beheer/inlezen.html", context)
