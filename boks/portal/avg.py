"""The client's AVG rights in the portal: download their own data (what the portal shows them, as a
readable PDF or a JSON file), ask to correct something, ask for a complete copy, or ask for early
destruction; and see what became of those requests. Reads and writes go through boks.privacy."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boks.accounts import authorization
from boks.dossiers.forms import apply_errors
from boks.privacy import export, selectors
from boks.privacy.choices import AvgSoort
from boks.privacy.forms import ClientVerzoekForm
from boks.privacy.services import avg, exporteren

from .views import _render, portal_page

TITELS = {
    AvgSoort.VERBETERING: gettext_lazy("Iets klopt niet"),
    AvgSoort.VERNIETIGING: gettext_lazy("Gegevens laten vernietigen"),
    AvgSoort.INZAGE: gettext_lazy("Alles opvragen wat over u is vastgelegd"),
}


def privacy_context(request, scope) -> dict:
    """What the privacy page adds: the downloads, the request buttons and the client's requests."""
    return {
        "avg_verzoeken": selectors.client_avg_verzoeken(scope, request.user),
        "avg_may_export": authorization.client_may_export(request.user),
        "avg_may_ask": any(authorization.client_may_request_about(scope, p) for p in scope.persons.values()),
    }


def _download(request, scope, formaat: str):
    if not authorization.client_may_export(request.user):
        raise PermissionDenied
    try:
        bestand = exporteren.client(actor=request.user, scope=scope, formaat=formaat)
    except export.PdfUnavailable as unavailable:
        messages.error(request, str(unavailable))
        return redirect("portal:privacy")
    response = HttpResponse(bestand.inhoud, content_type=bestand.content_type)
    response["Content-Disposition"] = f'attachment; filename="{bestand.naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@portal_page
def privacy_download_pdf(request, scope, traject):
    return _download(request, scope, exporteren.PDF)


@portal_page
def privacy_download_json(request, scope, traject):
    return _download(request, scope, exporteren.JSON)


@portal_page
def privacy_verbeteren(request, scope, traject):
    return _verzoek(request, scope, AvgSoort.VERBETERING)


@portal_page
def privacy_inzage(request, scope, traject):
    return _verzoek(request, scope, AvgSoort.INZAGE)


@portal_page
def privacy_vernietigen(request, scope, traject):
    return _verzoek(request, scope, AvgSoort.VERNIETIGING)


def _verzoek(request, scope, soort: str):
    personen = [p for p in scope.persons.values() if authorization.client_may_request_about(scope, p)]
    if not personen:
        raise PermissionDenied
    personen.sort(key=lambda p: (p.pk != scope.viewer.pk, p.geboortedatum))
    form = ClientVerzoekForm(request.POST or None, soort=soort, personen=personen, viewer=scope.viewer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            avg.dien_in(
                actor=request.user,
                scope=scope,
                persoon_id=data["persoon"],
                data=avg.AvgVerzoekData(
                    soort=soort,
                    waar=data.get("waar", ""),
                    wat_onjuist=data.get("wat_onjuist", ""),
                    wat_juist=data.get("wat_juist", ""),
                    toelichting=data.get("toelichting", ""),
                ),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw verzoek is verstuurd. U krijgt binnen een maand antwoord."))
            return redirect("portal:privacy")
    return _render(
        request,
        "portal/privacy_verzoek.html",
        {"form": form, "soort": soort, "titel": TITELS[soort]},
        status=400 if request.method == "POST" else 200,
    )
