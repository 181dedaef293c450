"""The client portal. Every page works within the client's ClientScope: one household, the person
they are in it, and the Jeugdwet rules on who reads what. Anything outside it is a 404."""

import datetime
import functools
import uuid

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit import selectors as audit_selectors
from boks.audit.choices import Actie
from boks.documenten import selectors as document_selectors
from boks.documenten import services as document_services
from boks.documenten.choices import Zichtbaarheid
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers import toegang
from boks.dossiers.errors import EditConflict, TransitionNotAllowed
from boks.dossiers.forms import apply_errors
from boks.errors import Conflict
from boks.gezinsplan import selectors as plan_selectors
from boks.gezinsplan import services as plan_services
from boks.maatwerk import selectors as maatwerk_selectors
from boks.uploads import attachment_response
from boks.wattelt import charts as wattelt_charts
from boks.wattelt import forms as wattelt_forms
from boks.wattelt import selectors as wattelt_selectors
from boks.wattelt import services as wattelt_services
from boks.wattelt.choices import Kanaal as WatTeltKanaal

from . import forms

HOUSEHOLD_KEY = "portaal_huishouden"


def portal_page(view):
    """Gives the view the client's scope and current traject; staff and strangers are refused, and a
    client without (remaining) access sees a page that says so."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not authorization.is_client(request.user):
            raise PermissionDenied
        scope = authorization.client_scope(request.user, request.session.get(HOUSEHOLD_KEY))
        if scope is None:
            return render(request, "portal/geen_toegang.html", status=403)
        traject = dossier_selectors.client_current_traject(scope)
        if traject is None:
            return render(request, "portal/geen_toegang.html", status=403)
        request.portal = {
            "scope": scope,
            "traject": traject,
            "households": authorization.client_accesses(request.user),
            "wattelt_url": reverse("portal:wattelt"),
        }
        return view(request, scope, traject, *args, **kwargs)

    return wrapper


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {**request.portal, **context}, status=status)


@portal_page
def home(request, scope, traject):
    plan = plan_selectors.client_plan(scope, traject)
    return _render(
        request,
        "portal/home.html",
        {
            "plan": plan,
            "recent": dossier_selectors.client_timeline(scope)[:3],
            "questionnaires": document_selectors.open_questionnaires(traject),
        },
    )


@login_required
@require_POST
def choose_household(request, huishouden_id: int):
    if huishouden_id not in authorization.client_household_ids(request.user):
        raise Http404
    request.session[HOUSEHOLD_KEY] = huishouden_id
    return redirect("portal:home")


@portal_page
def timeline(request, scope, traject):
    return _render(request, "portal/tijdlijn.html", {"events": dossier_selectors.client_timeline(scope)})


@portal_page
def plan(request, scope, traject):
    gezinsplan = plan_selectors.plan_of(traject)
    form = forms.VoorstelForm(request.POST or None)
    if request.method == "POST":
        if gezinsplan is None:
            raise Http404
        if form.is_valid():
            try:
                plan_services.submit_voorstel(
                    actor=request.user,
                    scope=scope,
                    plan=gezinsplan,
                    omschrijving=form.cleaned_data["omschrijving"],
                    leefgebied=form.cleaned_data["leefgebied"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            except TransitionNotAllowed as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Uw doel is naar uw buurtteam gestuurd."))
                return redirect(f"{reverse('portal:plan')}#eigen-doelen")
    return _render(
        request,
        "portal/plan.html",
        {
            "gezinsplan": gezinsplan,
            "client_plan": plan_selectors.client_plan(scope, traject),
            "form": form,
            "voorstellen": plan_selectors.client_voorstellen(scope),
        },
        status=400 if request.method == "POST" else 200,
    )


@portal_page
@require_POST
def afspraak_done(request, scope, traject, afspraak_id: int):
    client_plan = plan_selectors.client_plan(scope, traject)
    if client_plan is None or afspraak_id not in client_plan.eigen_afspraak_ids:
        raise Http404
    done = request.POST.get("status") != "open"
    plan_services.set_afspraak_status(actor=request.user, afspraak_id=afspraak_id, status="gedaan" if done else "open")
    messages.success(
        request, _("Goed gedaan! De afspraak staat op gedaan.") if done else _("De afspraak staat weer open.")
    )
    return redirect(f"{reverse('portal:plan')}#afspraak-{afspraak_id}")


@portal_page
def wattelt(request, scope, traject):
    """The client's Wat Telt history (and, under the Jeugdwet rules, a child's) as charts with tables,
    the goals of their plan beside each leefgebied, and when the next round is due."""
    client_plan = plan_selectors.client_plan(scope, traject)
    doelen: dict[str, list] = {}
    for goal in client_plan.goals if client_plan else []:
        if goal.plan_doel.leefgebied:
            doelen.setdefault(goal.plan_doel.leefgebied, []).append(goal.plan_doel)
    volgende = wattelt_selectors.volgende_ronde_voor(scope.viewer)
    return _render(
        request,
        "portal/wattelt.html",
        {
            "historie": wattelt_charts.historie(wattelt_selectors.client_metingen(scope), doelen),
            "volgende": volgende,
            "nu_invullen": traject.is_open
            and (volgende is None or volgende <= scope.today + datetime.timedelta(days=7)),
        },
    )


@portal_page
def wattelt_invullen(request, scope, traject):
    instellingen = wattelt_selectors.instellingen_voor(traject.team.organisatie_id)
    form = wattelt_forms.KlantMetingForm(
        request.POST or None,
        persoon=scope.viewer,
        catalogus=wattelt_selectors.catalogus(traject.team.organisatie_id),
        schaal_min=instellingen.schaal_min,
        schaal_max=instellingen.schaal_max,
    )
    if request.method == "POST" and form.is_valid():
        try:
            wattelt_services.registreer_meting(
                actor=request.user, traject=traject, data=form.meting_data(), kanaal=WatTeltKanaal.PORTAAL
            )
        except ValidationError as error:
            apply_errors(form, error)
        except Conflict as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Dank u wel! Uw contactpersoon ziet uw Wat Telt en bespreekt het met u."))
            return redirect("portal:wattelt")
    return _render(
        request,
        "portal/wattelt_invullen.html",
        {"form": form, "schaal": (instellingen.schaal_min, instellingen.schaal_max)},
        status=400 if request.method == "POST" else 200,
    )


@portal_page
def documents(request, scope, traject):
    upload_form = forms.ClientDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload_form.is_valid():
        try:
            document_services.upload_document(
                actor=request.user,
                traject=traject,
                titel=upload_form.cleaned_data["titel"],
                upload=upload_form.cleaned_data["bestand"],
                zichtbaarheid=Zichtbaarheid.HUISHOUDEN if upload_form.cleaned_data["delen"] else Zichtbaarheid.PERSONEN,
                scope=scope,
            )
        except ValidationError as error:
            apply_errors(upload_form, error)
        else:
            messages.success(request, _("Uw document staat erbij. Uw buurtteam kan het ook zien."))
            return redirect("portal:documents")
    return _render(
        request,
        "portal/documenten.html",
        {"documents": document_selectors.client_documents(scope), "form": upload_form},
        status=400 if request.method == "POST" else 200,
    )


@portal_page
def document_download(request, scope, traject, document_id: int, versie_id: int):
    document = document_selectors.client_document(scope, document_id)
    version = document_selectors.version_of(document, versie_id)
    if not version.bestand:
        raise Http404
    access_log.record(
        Actie.DOWNLOADEN,
        huishouden=document.huishouden,
        traject=document.traject,
        obj=document,
        omschrijving=document.titel,
    )
    return attachment_response(version.bestand, filename=version.bestandsnaam, content_type=version.inhoudstype)


@portal_page
def text_new(request, scope, traject):
    form = forms.ClientTextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = document_services.write_text(
                actor=request.user,
                traject=traject,
                titel=form.cleaned_data["titel"],
                tekst=form.cleaned_data["tekst"],
                zichtbaarheid=Zichtbaarheid.HUISHOUDEN if form.cleaned_data["delen"] else Zichtbaarheid.PERSONEN,
                scope=scope,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw tekst is opgeslagen."))
            return redirect("portal:text", document.pk)
    return _render(request, "portal/tekst_nieuw.html", {"form": form}, status=400 if request.method == "POST" else 200)


@portal_page
def text(request, scope, traject, document_id: int):
    document = document_selectors.client_document(scope, document_id)
    if document.soort != "tekst":
        raise Http404
    latest = document.versies.all()[0]
    own = document.aangemaakt_door_id == request.user.pk
    form = forms.EditTextForm(request.POST or None, initial={"tekst": latest.tekst, "versie": latest.nummer})
    conflict = None
    status = 200
    if request.method == "POST":
        if not own:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            try:
                document_services.save_text(
                    actor=request.user,
                    document_id=document.pk,
                    expected_versie=form.cleaned_data["versie"],
                    tekst=form.cleaned_data["tekst"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            except EditConflict as clash:
                form.add_error(None, clash.message)
                conflict = clash.details["huidig"]["tekst"]
                status = 409
            else:
                messages.success(request, _("Opgeslagen. De vorige versie blijft bewaard."))
                return redirect("portal:text", document.pk)
    return _render(
        request,
        "portal/tekst.html",
        {"document": document, "form": form if own else None, "conflict": conflict},
        status=status,
    )


@portal_page
def questionnaires(request, scope, traject):
    return _render(
        request,
        "portal/vragenlijsten.html",
        {
            "questionnaires": document_selectors.open_questionnaires(traject),
            "answers": document_selectors.answers_of_client(scope),
        },
    )


@portal_page
def questionnaire(request, scope, traject, vragenlijst_id: int):
    vragenlijst = document_selectors.questionnaire_for(traject, vragenlijst_id)
    form = forms.QuestionnaireForm(request.POST or None, vragenlijst=vragenlijst, initial={"sleutel": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        try:
            document_services.fill_in(
                actor=request.user,
                scope=scope,
                traject=traject,
                vragenlijst=vragenlijst,
                antwoorden=form.antwoorden(),
                sleutel=form.cleaned_data["sleutel"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Dank u wel! Uw antwoorden zijn bij uw buurtteam."))
            return redirect("portal:questionnaires")
    return _render(
        request,
        "portal/vragenlijst.html",
        {"vragenlijst": vragenlijst, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@portal_page
def requests(request, scope, traject):
    """The household's requests for maatwerk or a PGB (status and decision, never the internal
    assessment) and its referrals to other care."""
    access_log.read(traject=traject, omschrijving="Aanvragen en verwijzingen in het portaal")
    return _render(request, "portal/aanvragen.html", {"overzicht": maatwerk_selectors.client_view(traject)})


@portal_page
def links(request, scope, traject):
    return _render(request, "portal/links.html", {"links": document_selectors.links_for(traject)})


@portal_page
def who_viewed(request, scope, traject):
    return _render(
        request, "portal/wie_keek_mee.html", {"entries": audit_selectors.views_by_staff([scope.huishouden_id])}
    )


@portal_page
def privacy(request, scope, traject):
    if request.method == "POST":
        if not scope.can_give_consent:
            raise PermissionDenied
        gegeven = request.POST.get("toestemming") == "ja"
        toegang.set_consent(actor=request.user, scope=scope, gegeven=gegeven)
        messages.success(
            request,
            _("Uw ouders kunnen nu meelezen.") if gegeven else _("Uw ouders kunnen niet meer meelezen."),
        )
        return redirect("portal:privacy")
    readers = [
        person
        for person in scope.persons.values()
        if person.pk != scope.viewer.pk and _reads_about(scope, person, scope.viewer)
    ]
    from .avg import privacy_context  # the AVG part of this page lives beside it, in portal/avg.py

    return _render(
        request,
        "portal/privacy.html",
        {
            "toestemming": scope.consent.get(scope.viewer.pk, False),
            "readers": readers,
            **privacy_context(request, scope),
        },
    )


def _reads_about(scope, reader, subject) -> bool:
    """Whether `reader` may read what is about `subject` (the same rule, seen from the reader)."""
    other = authorization.ClientScope(viewer=reader, persons=scope.persons, consent=scope.consent, today=scope.today)
    return other.may_read_about(subject.pk)


def activate(request, token: str):
    """The invitation link: set a password (or, with an existing account, log in first) and start."""
    try:
        invitation = toegang.invitation_for(token)
    except toegang.InvitationInvalid as invalid:
        return render(request, "portal/activeren_ongeldig.html", {"reden": invalid.message}, status=410)
    user = request.user if request.user.is_authenticated else None
    if user is not None and user.email.lower() != invitation.email.lower():
        return render(
            request,
            "portal/activeren_ongeldig.html",
            {"reden": _("U bent ingelogd met een ander e-mailadres. Log eerst uit en open de link opnieuw.")},
            status=403,
        )
    form = forms.ActivationForm(request.POST or None) if user is None else None
    if request.method == "POST" and (user is not None or form.is_valid()):
        try:
            access = toegang.activate(token=token, user=user, password="" if user else form.cleaned_data["password1"])
        except toegang.LoginFirst:
            login_url = reverse("account_login")
            return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
        except ValidationError as error:
            apply_errors(form, error)
        except toegang.InvitationInvalid as invalid:
            return render(request, "portal/activeren_ongeldig.html", {"reden": invalid.message}, status=410)
        else:
            if user is None:
                login(request, access.gebruiker, backend="django.contrib.auth.backends.ModelBackend")
            request.session[HOUSEHOLD_KEY] = access.persoon.huishouden_id
            messages.success(request, _("Welkom in het portaal van uw buurtteam!"))
            return redirect("portal:home")
    return render(
        request,
        "portal/activeren.html",
        {"invitation": invitation, "form": form, "existing_user": user},
        status=400 if request.method == "POST" else 200,
    )
