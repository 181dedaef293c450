"""The Aanvullende-zorg pages. Views are thin: selectors decide what a user sees, services and the
status flow what may change. On bad input a page comes back with the typed text and the message
beside its field (400); on a refusal with the reason (403, 409), so nothing typed is lost."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks import uploads
from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit.choices import Actie
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.forms import apply_errors
from boks.gezinsplan import selectors as plan_selectors

from . import forms, selectors, services, statusflow
from .choices import OPEN, AanvraagStatus
from .errors import AanvraagGewijzigd, StapNietMogelijk
from .models import Aanvraag

PAGE_SIZE = 25


def _staff_only(request) -> None:
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied


# The traject's tab ------------------------------------------------------------------------------


@login_required
def traject(request, traject_id: int):
    """The traject's referrals and requests, with the buttons to add them."""
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.AANVULLENDE_ZORG)
    can_request = authorization.can_request_aanvullende_zorg(request.user, traject) and traject.is_open
    context = {
        "traject": traject,
        "aanvragen": selectors.aanvragen_van(traject),
        "verwijzingen": selectors.verwijzingen_van(traject),
        "can_request": can_request,
        "today": timezone.localdate(),
    }
    if can_request:
        context["soort_form"] = forms.SoortKeuzeForm(soorten=selectors.soorten_voor(traject.team.organisatie_id))
        context["has_goals"] = bool(plan_selectors.goal_choices(traject))
    return render(request, "maatwerk/traject.html", context)


# Requests: make and change -----------------------------------------------------------------------


def _worker_traject(request, traject_id: int):
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.AANVULLENDE_ZORG)
    if not authorization.can_request_aanvullende_zorg(request.user, traject):
        raise PermissionDenied
    return traject


@login_required
def aanvraag_nieuw(request, traject_id: int):
    traject = _worker_traject(request, traject_id)
    chosen = request.POST.get("soort") or request.GET.get("soort", "")
    soort = selectors.soorten_voor(traject.team.organisatie_id).filter(pk=chosen).first() if chosen.isdigit() else None
    if soort is None:
        messages.error(request, _("Kies een soort aanvraag uit de lijst."))
        return redirect("maatwerk:traject", traject.pk)
    form = forms.AanvraagForm(
        request.POST or None, request.FILES or None, soort=soort, doel_choices=plan_selectors.goal_choices(traject)
    )
    if request.method == "POST" and form.is_valid():
        try:
            aanvraag = services.create_aanvraag(
                actor=request.user,
                traject=traject,
                soort=soort,
                data=form.aanvraag_data(),
                bijlagen=form.bijlagen(),
                indienen="indienen" in request.POST,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except StapNietMogelijk as refusal:
            form.add_error(None, refusal.message)
        else:
            if aanvraag.status == AanvraagStatus.INGEDIEND:
                messages.success(request, _("De aanvraag is ingediend."))
            else:
                messages.success(request, _("De aanvraag is bewaard als concept."))
            return redirect("maatwerk:aanvraag", aanvraag.pk)
    return render(
        request,
        "maatwerk/aanvraag_form.html",
        {"traject": traject, "soort": soort, "form": form, "aanvraag": None},
        status=400 if request.method == "POST" else 200,
    )


def _initial(aanvraag: Aanvraag) -> dict:
    return {
        "doelen": [doel.pk for doel in aanvraag.doelen.all()],
        "vraag": aanvraag.vraag,
        "waarom_niet_regulier": aanvraag.waarom_niet_regulier,
        "eigen_kracht": aanvraag.eigen_kracht,
        "gevraagde_oplossing": aanvraag.gevraagde_oplossing,
        "aanbieder": aanvraag.aanbieder,
        "aanbieder_gecontracteerd": aanvraag.aanbieder_gecontracteerd,
        "huidig_pgb_tot": aanvraag.huidig_pgb_tot,
        "bedrag": aanvraag.bedrag,
        "periode_van": aanvraag.periode_van,
        "periode_tot": aanvraag.periode_tot,
        "versie": aanvraag.versie,
    }


def _doel_choices(aanvraag: Aanvraag) -> list[tuple[int, str]]:
    """The plan's current goals, plus goals the request already has that the plan has since dropped."""
    choices = plan_selectors.goal_choices(aanvraag.traject)
    present = {doel_id for doel_id, _label in choices}
    earlier = [doel.pk for doel in aanvraag.doelen.all() if doel.pk not in present]
    wording = selectors.goal_wording(earlier) if earlier else {}
    return choices + [(doel_id, wording.get(doel_id, "")) for doel_id in earlier]


def _open_vraag(aanvraag: Aanvraag):
    """The assessor's latest request for information (uses the prefetched steps)."""
    asked = [stap for stap in aanvraag.stappen.all() if stap.stap == "informatie_vragen"]
    return asked[-1] if asked else None


@login_required
def aanvraag_bewerken(request, aanvraag_id: int):
    _staff_only(request)
    aanvraag = selectors.aanvraag_for(request.user, aanvraag_id)
    if not authorization.can_request_aanvullende_zorg(request.user, aanvraag.traject):
        raise PermissionDenied
    if aanvraag.status not in services.BEWERKBAAR:
        messages.error(
            request, _("Een ingediende aanvraag wijzig je niet meer, tenzij de beoordelaar om informatie vraagt.")
        )
        return redirect("maatwerk:aanvraag", aanvraag.pk)
    aanvullen = aanvraag.status == AanvraagStatus.INFO_GEVRAAGD
    form = forms.AanvraagForm(
        request.POST or None,
        request.FILES or None,
        soort=aanvraag.soort,
        doel_choices=_doel_choices(aanvraag),
        aanvullen=aanvullen,
        initial=_initial(aanvraag),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        if "indienen" in request.POST and not aanvullen:
            stap = "indienen"
        elif "aanvullen" in request.POST and aanvullen:
            stap = "aanvullen"
        else:
            stap = None
        try:
            saved = services.update_aanvraag(
                actor=request.user,
                aanvraag_id=aanvraag.pk,
                expected_versie=form.cleaned_data["versie"] or 0,
                data=form.aanvraag_data(),
                bijlagen=form.bijlagen(),
                stap=stap,
                reden=form.cleaned_data.get("reden", ""),
            )
        except ValidationError as error:
            apply_errors(form, error)
        except AanvraagGewijzigd as clash:
            form.add_error(None, clash.message)
            conflict = clash.details
        except StapNietMogelijk as refusal:
            # Nothing was saved (one transaction); the form keeps what was typed.
            form.add_error(None, refusal.message)
            conflict = {}
        else:
            done = {
                "indienen": _("De aanvraag is ingediend."),
                "aanvullen": _("De aanvraag is aangevuld en opnieuw ingediend."),
            }
            messages.success(request, done.get(stap, _("De aanvraag is opgeslagen.")))
            return redirect("maatwerk:aanvraag", saved.pk)
    status = 200
    if request.method == "POST":
        status = 409 if conflict is not None else 400
    return render(
        request,
        "maatwerk/aanvraag_form.html",
        {
            "traject": aanvraag.traject,
            "soort": aanvraag.soort,
            "form": form,
            "aanvraag": aanvraag,
            "conflict": conflict,
            "vraag_beoordelaar": _open_vraag(aanvraag) if aanvullen else None,
        },
        status=status,
    )


# Requests: the page for worker and assessor ----------------------------------------------------


def _detail(request, aanvraag: Aanvraag, scope, *, bound: dict | None = None, error: str = "", status: int = 200):
    """The request beside its plan: goals and scores, the plan's summary, the history, and the steps
    this user may take. A bound form comes back with what was typed."""
    bound = bound or {}
    user = request.user
    stappen = {
        stap.name: stap
        for stap in statusflow.beschikbare_stappen(aanvraag)
        if statusflow.mag(user, aanvraag, stap, scope)
    }
    in_scope = scope.covers(aanvraag)
    context = {
        "aanvraag": aanvraag,
        "traject": aanvraag.traject,
        "stappen": stappen,
        "kan_besluiten": bool(stappen.keys() & statusflow.BESLUIT_STAPPEN),
        "kan_bewerken": aanvraag.status in services.BEWERKBAAR
        and authorization.can_request_aanvullende_zorg(user, aanvraag.traject),
        "vier_ogen": in_scope and authorization.made_aanvraag(user, aanvraag) and aanvraag.status in OPEN,
        "can_view_traject": authorization.can_view_traject(user, aanvraag.traject),
        "routering": statusflow.routing_description(aanvraag),
        "plan": selectors.plan_context(aanvraag),
        "aansluiting": selectors.aansluiting(aanvraag),
        "error": error,
        "today": timezone.localdate(),
        "besluit_form": bound.get("besluiten") or forms.BesluitForm(met_budget=aanvraag.soort.met_budget),
        "reden_forms": [
            (
                stap,
                bound.get(name) or forms.RedenForm(prefix=name, label=stap.reden_label, required=stap.reden_verplicht),
            )
            for name, stap in stappen.items()
            if stap.reden_label and name not in statusflow.BESLUIT_STAPPEN and name != "aanvullen"
        ],
        "open_form": next(iter(bound), ""),
    }
    return render(request, "maatwerk/aanvraag.html", context, status=status)


@login_required
def aanvraag(request, aanvraag_id: int):
    _staff_only(request)
    scope = authorization.beoordelaar_scope(request.user)
    return _detail(request, selectors.aanvraag_for(request.user, aanvraag_id, scope), scope)


@login_required
@require_POST
def stap(request, aanvraag_id: int, naam: str):
    _staff_only(request)
    if naam != "besluiten" and naam not in statusflow.STAPPEN:
        raise Http404
    scope = authorization.beoordelaar_scope(request.user)
    found = selectors.aanvraag_for(request.user, aanvraag_id, scope)
    try:
        # Every besluit is an assessor's step: who may take one may take them all.
        statusflow.check_may(request.user, found, statusflow.STAPPEN["toekennen" if naam == "besluiten" else naam])
    except PermissionDenied as refusal:
        return _detail(request, found, scope, error=str(refusal), status=403)
    if naam == "besluiten":
        form = forms.BesluitForm(request.POST, met_budget=found.soort.met_budget)
    else:
        definition = statusflow.STAPPEN[naam]
        form = forms.RedenForm(
            request.POST,
            prefix=naam,
            label=definition.reden_label or _("Toelichting"),
            required=definition.reden_verplicht,
        )
    if not form.is_valid():
        return _detail(request, found, scope, bound={naam: form}, status=400)
    data = form.cleaned_data
    try:
        done = statusflow.perform(
            aanvraag_id=found.pk,
            stap=data["besluit"] if naam == "besluiten" else naam,
            actor=request.user,
            reden=data["reden"],
            beoordeling_notitie=data.get("beoordeling_notitie", ""),
            toegekend_bedrag=data.get("toegekend_bedrag"),
        )
    except ValidationError as error:
        apply_errors(form, error)
        return _detail(request, found, scope, bound={naam: form}, status=400)
    except PermissionDenied as refusal:
        return _detail(request, found, scope, bound={naam: form}, error=str(refusal), status=403)
    except StapNietMogelijk as refusal:
        fresh = selectors.aanvraag_for(request.user, aanvraag_id, scope)
        return _detail(request, fresh, scope, bound={naam: form}, error=refusal.message, status=409)
    if done.is_besloten:
        text = _("Het besluit is vastgelegd: %(status)s. De aanvrager krijgt bericht.")
    else:
        text = _("De aanvraag heeft nu de status '%(status)s'.")
    messages.success(request, text % {"status": done.get_status_display().lower()})
    return redirect("maatwerk:aanvraag", found.pk)


# Attachments ----------------------------------------------------------------------------------


@login_required
@require_POST
def bijlage_toevoegen(request, aanvraag_id: int):
    _staff_only(request)
    found = selectors.aanvraag_for(request.user, aanvraag_id)
    if not authorization.can_request_aanvullende_zorg(request.user, found.traject):
        raise PermissionDenied
    upload = request.FILES.get("bestand")
    if upload is None:
        messages.error(request, _("Kies een bestand."))
        return redirect("maatwerk:aanvraag", found.pk)
    try:
        services.add_bijlage(actor=request.user, aanvraag_id=found.pk, bestand=upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except StapNietMogelijk as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("De bijlage is toegevoegd."))
    return redirect("maatwerk:aanvraag", found.pk)


@login_required
def bijlage(request, bijlage_id: int):
    _staff_only(request)
    found = selectors.bijlage_for(request.user, bijlage_id)
    access_log.record(Actie.DOWNLOADEN, traject=found.aanvraag.traject, obj=found, omschrijving=f"Bijlage {found.naam}")
    return uploads.attachment_response(found.bestand, filename=found.naam, content_type=found.content_type)


@login_required
@require_POST
def bijlage_verwijderen(request, bijlage_id: int):
    _staff_only(request)
    found = selectors.bijlage_for(request.user, bijlage_id)
    try:
        services.remove_bijlage(actor=request.user, bijlage_id=found.pk)
    except StapNietMogelijk as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("De bijlage is verwijderd."))
    return redirect("maatwerk:aanvraag", found.aanvraag_id)


# The queue --------------------------------------------------------------------------------------


@login_required
def aanvragen(request):
    """The assessor's queue (open requests in scope, earliest deadline first; overdue ones stand out)
    and the requests of the user's own trajecten."""
    _staff_only(request)
    if not authorization.sees_aanvragen_menu(request.user):
        raise PermissionDenied
    scope = authorization.beoordelaar_scope(request.user)
    queue = list(selectors.wachtrij(request.user, scope)) if scope else []
    for item in queue:
        item.eigen = authorization.made_aanvraag(request.user, item)
    mine = Paginator(selectors.mijn_aanvragen(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "maatwerk/aanvragen.html",
        {
            "is_beoordelaar": bool(scope),
            "wachtrij": queue,
            "te_laat": sum(1 for item in queue if item.te_laat),
            "page": mine,
            "today": timezone.localdate(),
            "kan_vervanger_noemen": authorization.is_beoordelaar(request.user),
        },
    )


# Stand-ins --------------------------------------------------------------------------------------


@login_required
def vervanging(request):
    _staff_only(request)
    if not authorization.is_beoordelaar(request.user):
        raise PermissionDenied
    form = forms.VervangingForm(request.POST or None, choices=selectors.vervanger_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.name_vervanger(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De vervanging is vastgelegd."))
            return redirect("maatwerk:vervanging")
    return render(
        request,
        "maatwerk/vervanging.html",
        {"form": form, "vervangingen": selectors.vervangingen_van(request.user), "today": timezone.localdate()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def vervanging_beeindigen(request, vervanging_id: int):
    _staff_only(request)
    found = selectors.vervangingen_van(request.user).filter(pk=vervanging_id).first()
    if found is None:
        raise Http404
    try:
        services.end_vervanging(actor=request.user, vervanging_id=found.pk)
    except StapNietMogelijk as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("De vervanging is beëindigd."))
    return redirect("maatwerk:vervanging")


# Referrals ------------------------------------------------------------------------------------


@login_required
def verwijzing_nieuw(request, traject_id: int):
    traject = _worker_traject(request, traject_id)
    form = forms.VerwijzingForm(request.POST or None, doel_choices=plan_selectors.goal_choices(traject))
    if request.method == "POST" and form.is_valid():
        try:
            services.register_verwijzing(actor=request.user, traject=traject, data=form.verwijzing_data())
        except ValidationError as error:
            apply_errors(form, error)
        except StapNietMogelijk as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("De verwijzing is geregistreerd."))
            return redirect("maatwerk:traject", traject.pk)
    return render(
        request,
        "maatwerk/verwijzing_form.html",
        {"traject": traject, "form": form, "verwijzing": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def verwijzing(request, verwijzing_id: int):
    _staff_only(request)
    found = selectors.verwijzing_for(request.user, verwijzing_id)
    if not authorization.can_request_aanvullende_zorg(request.user, found.traject):
        raise PermissionDenied
    choices = plan_selectors.goal_choices(found.traject)
    present = {doel_id for doel_id, _label in choices}
    earlier = [doel.pk for doel in found.doelen.all() if doel.pk not in present]
    wording = selectors.goal_wording(earlier) if earlier else {}
    form = forms.VerwijzingForm(
        request.POST or None,
        doel_choices=choices + [(doel_id, wording.get(doel_id, "")) for doel_id in earlier],
        initial={
            "zorgvorm": found.zorgvorm,
            "wettelijk_kader": found.wettelijk_kader,
            "aanbieder": found.aanbieder,
            "startdatum": found.startdatum,
            "einddatum": found.einddatum,
            "beschikking": found.beschikking,
            "doelen": [doel.pk for doel in found.doelen.all()],
            "toelichting": found.toelichting,
            "versie": found.versie,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.update_verwijzing(
                    actor=request.user,
                    verwijzing_id=found.pk,
                    expected_versie=form.cleaned_data["versie"] or 0,
                    data=form.verwijzing_data(),
                )
            except ValidationError as error:
                apply_errors(form, error)
            except AanvraagGewijzigd as clash:
                form.add_error(None, clash.message)
                status = 409
            else:
                messages.success(request, _("De verwijzing is bijgewerkt."))
                return redirect("maatwerk:traject", found.traject_id)
    return render(
        request,
        "maatwerk/verwijzing_form.html",
        {"traject": found.traject, "form": form, "verwijzing": found},
        status=status,
    )
