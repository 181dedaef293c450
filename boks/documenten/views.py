"""The Documenten tab on a traject: the household's documents, the questionnaires the clients filled
in, and the links for this household."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit.choices import Actie
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.forms import apply_errors
from boks.uploads import attachment_response

from . import forms, selectors, services


def _staff_only(request) -> None:
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied


def _context(request, traject, bound: dict | None = None) -> dict:
    bound = bound or {}
    personen = traject.huishouden.personen.order_by("geboortedatum")
    return {
        "traject": traject,
        "documents": selectors.documents_of(traject),
        "answers": selectors.answers_for_staff(traject),
        "links": selectors.household_links(traject),
        "can_work": authorization.can_add_documents(request.user, traject),
        "document_form": bound.get("document") or forms.StaffDocumentForm(personen=personen),
        "link_form": bound.get("link") or forms.LinkForm(),
    }


def _require_writer(user, traject) -> None:
    """Writes refuse before reading the form, so who may only read learns nothing more."""
    if not authorization.can_add_documents(user, traject):
        raise PermissionDenied


@login_required
def traject(request, traject_id: int):
    _staff_only(request)
    found = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.DOCUMENT)
    return render(request, "documenten/traject.html", _context(request, found))


@login_required
@require_POST
def upload(request, traject_id: int):
    _staff_only(request)
    found = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.DOCUMENT)
    _require_writer(request.user, found)
    form = forms.StaffDocumentForm(request.POST, request.FILES, personen=found.huishouden.personen.all())
    if form.is_valid():
        try:
            services.upload_document(
                actor=request.user,
                traject=found,
                titel=form.cleaned_data["titel"],
                upload=form.cleaned_data["bestand"],
                zichtbaarheid=form.cleaned_data["zichtbaarheid"],
                betreft=list(form.cleaned_data["betreft"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document toegevoegd."))
            return redirect("documenten:traject", found.pk)
    return render(request, "documenten/traject.html", _context(request, found, {"document": form}), status=400)


@login_required
def download(request, document_id: int, versie_id: int):
    _staff_only(request)
    document = selectors.document_for_staff(request.user, document_id)
    version = selectors.version_of(document, versie_id)
    if not version.bestand:
        raise PermissionDenied
    access_log.record(
        Actie.DOWNLOADEN,
        traject=document.traject,
        obj=document,
        omschrijving=f"{document.titel} (versie {version.nummer})",
    )
    return attachment_response(version.bestand, filename=version.bestandsnaam, content_type=version.inhoudstype)


@login_required
def text(request, document_id: int):
    _staff_only(request)
    document = selectors.document_for_staff(request.user, document_id)
    return render(request, "documenten/tekst.html", {"traject": document.traject, "document": document})


@login_required
@require_POST
def remove(request, document_id: int):
    _staff_only(request)
    document = selectors.document_for_staff(request.user, document_id)
    services.remove_document(actor=request.user, document_id=document.pk)
    messages.success(request, _("Document verwijderd. Het blijft bewaard in het dossier."))
    return redirect("documenten:traject", document.traject_id)


@login_required
@require_POST
def link_add(request, traject_id: int):
    _staff_only(request)
    found = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.DOCUMENT)
    _require_writer(request.user, found)
    form = forms.LinkForm(request.POST)
    if form.is_valid():
        try:
            services.add_household_link(actor=request.user, traject=found, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Link toegevoegd. Het gezin ziet hem in het portaal."))
            return redirect(f"{reverse('documenten:traject', args=[found.pk])}#links")
    return render(request, "documenten/traject.html", _context(request, found, {"link": form}), status=400)


@login_required
@require_POST
def link_remove(request, traject_id: int, link_id: int):
    _staff_only(request)
    found = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.DOCUMENT)
    _require_writer(request.user, found)
    services.remove_household_link(actor=request.user, traject=found, link_id=link_id)
    messages.success(request, _("Link weggehaald."))
    return redirect(f"{reverse('documenten:traject', args=[found.pk])}#links")
