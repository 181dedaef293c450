"""The privacy pages for staff: the overview (menu item "Privacy"), external requests, AVG requests and
the retention review. Views are thin: the selectors decide what a user sees (404 otherwise), the
authorisation module whether they may act (403, checked before any form is read), the services the
rules. Bad input comes back on the page with the message beside its field (400); a step somebody else
took first comes back with what happened (409); nothing typed is lost."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit.choices import Grondslag
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.forms import apply_errors
from boks.errors import Conflict

from . import export, forms, selectors
from .choices import AvgSoort, AvgStatus, ExternStatus, VernietigingStatus
from .services import avg, bewaren, exporteren, extern

PAGE_SIZE = 25
Onderwerp, Handeling = authorization.Onderwerp, authorization.Handeling


def _staff_only(request) -> None:
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))


def _download(bestand: exporteren.Bestand) -> HttpResponse:
    response = HttpResponse(bestand.inhoud, content_type=bestand.content_type)
    response["Content-Disposition"] = f'attachment; filename="{bestand.naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _pdf_unavailable(request, unavailable: export.PdfUnavailable):
    return render(request, "gezinsplan/pdf_onbeschikbaar.html", {"reden": str(unavailable)}, status=503)


# Overview --------------------------------------------------------------------------------------


@login_required
def overzicht(request):
    _staff_only(request)
    if not authorization.sees_privacy_menu(request.user):
        raise PermissionDenied
    return render(request, "privacy/overzicht.html", {"overzicht": selectors.overzicht(request.user)})


@login_required
def traject(request, traject_id: int):
    """The traject's tab: its external requests and AVG requests, and the buttons to register them."""
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id, Onderwerp.EXTERN_VERZOEK)
    return render(
        request,
        "privacy/traject.html",
        {
            "traject": traject,
            "extern": selectors.extern_van_traject(request.user, traject),
            "avg": selectors.avg_van_traject(request.user, traject),
            "can_register_extern": authorization.can_register_extern_verzoek(request.user, traject),
            "can_register_avg": authorization.can_register_avg_verzoek(request.user, traject),
        },
    )


# External requests -----------------------------------------------------------------------------


@login_required
def extern_verzoeken(request):
    _staff_only(request)
    if not authorization.role_may(request.user, Onderwerp.EXTERN_VERZOEK, Handeling.LEZEN):
        raise PermissionDenied
    form = forms.ExternFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return render(
        request,
        "privacy/extern_verzoeken.html",
        {
            "form": form,
            "page": _page(request, selectors.extern_verzoeken(request.user, status=status)),
            "sees_retention": authorization.sees_retention(request.user),
        },
    )


@login_required
def extern_verzoek_nieuw(request, traject_id: int):
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id)
    if not authorization.can_register_extern_verzoek(request.user, traject):
        raise PermissionDenied
    form = forms.ExternVerzoekForm(request.POST or None, personen=list(traject.huishouden.personen.all()))
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = extern.registreer(
                actor=request.user, traject=traject, data=extern.ExternVerzoekData(**form.data_kwargs())
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Verzoek %(nummer)s geregistreerd. Kies nu welke gegevens je wilt verstrekken.")
                % {"nummer": verzoek.nummer},
            )
            return redirect("privacy:extern_samenstellen", verzoek.pk)
    return render(
        request,
        "privacy/extern_verzoek_form.html",
        {"form": form, "traject": traject},
        status=400 if request.method == "POST" else 200,
    )


def _extern_context(request, verzoek, bound: dict | None = None) -> dict:
    bound = bound or {}
    user = request.user
    inhoud = selectors.verstrekking(verzoek) if verzoek.traject is not None else []
    reden = f"Beoordeling extern verzoek {verzoek.nummer}"
    for item in inhoud:
        if item.bron is not None:
            access_log.read(
                traject=verzoek.traject,
                obj=item.bron,
                grondslag=Grondslag.HANDHAVING,
                reden=reden,
                omschrijving=f"Te verstrekken: {item.titel}"[:300],
            )
    stappen = [
        (stap, bound.get(stap.name) or forms.StapForm(prefix=stap.name, stap=stap))
        for stap in extern.beschikbare_stappen(user, verzoek)
    ]
    return {
        "verzoek": verzoek,
        "inhoud": inhoud,
        "stappen": stappen,
        "open_stap": next(iter(bound), ""),
        "can_compile": authorization.can_work_on_extern_verzoek(user, verzoek)
        and verzoek.status == ExternStatus.GEREGISTREERD,
        "can_export": authorization.can_export_extern_verzoek(user, verzoek)
        and verzoek.status in (ExternStatus.GOEDGEKEURD, ExternStatus.VERSTREKT, ExternStatus.AFGEROND)
        and verzoek.traject is not None,
        "made_it": authorization.made_extern_verzoek(user, verzoek),
    }


@login_required
def extern_verzoek(request, verzoek_id: int):
    _staff_only(request)
    verzoek = selectors.extern_verzoek_for(request.user, verzoek_id)
    return render(request, "privacy/extern_verzoek.html", _extern_context(request, verzoek))


@login_required
def extern_samenstellen(request, verzoek_id: int):
    _staff_only(request)
    verzoek = selectors.extern_verzoek_for(request.user, verzoek_id)
    if not authorization.can_work_on_extern_verzoek(request.user, verzoek):
        raise PermissionDenied
    if verzoek.status != ExternStatus.GEREGISTREERD:
        messages.error(request, _("Dit verzoek ligt al ter beoordeling of is beslist; de gegevens liggen vast."))
        return redirect("privacy:extern_verzoek", verzoek.pk)
    kandidaten = selectors.kandidaten(verzoek.traject)
    gekozen = {f"{item.soort}:{item.object_id}" for item in verzoek.items.all()}
    form = forms.SamenstellenForm(request.POST or None, kandidaten=kandidaten, initial={"items": sorted(gekozen)})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                extern.stel_samen(actor=request.user, verzoek_id=verzoek.pk, gekozen=form.gekozen())
            except ValidationError as error:
                apply_errors(form, error)
            except Conflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            else:
                messages.success(request, _("De keuze is opgeslagen. Controleer wat er meegaat en leg het voor."))
                return redirect("privacy:extern_verzoek", verzoek.pk)
        gekozen = set(request.POST.getlist("items"))
    access_log.read(traject=verzoek.traject, omschrijving=f"Gegevens kiezen voor extern verzoek {verzoek.nummer}")
    return render(
        request,
        "privacy/extern_samenstellen.html",
        {
            "verzoek": verzoek,
            "form": form,
            "kandidaten": [(k, f"{k.soort}:{k.object_id}", f"{k.soort}:{k.object_id}" in gekozen) for k in kandidaten],
        },
        status=status,
    )


@login_required
@require_POST
def extern_stap(request, verzoek_id: int, naam: str):
    _staff_only(request)
    verzoek = selectors.extern_verzoek_for(request.user, verzoek_id)
    stap = extern.STAPPEN.get(naam)
    if stap is None:
        raise PermissionDenied
    if not extern.mag(request.user, verzoek, stap):
        raise PermissionDenied
    form = forms.StapForm(request.POST, prefix=naam, stap=stap)
    status = 400
    if form.is_valid():
        try:
            extern.perform(
                actor=request.user,
                verzoek_id=verzoek.pk,
                stap=naam,
                toelichting=form.cleaned_data["toelichting"],
                gesprek_op=form.cleaned_data.get("gesprek_op"),
            )
        except ValidationError as error:
            if "items" in getattr(error, "message_dict", {}):
                messages.error(request, " ".join(error.message_dict["items"]))
                return redirect("privacy:extern_samenstellen", verzoek.pk)
            apply_errors(form, error)
        except Conflict as conflict:
            messages.error(request, conflict.message)
            return redirect("privacy:extern_verzoek", verzoek.pk)
        else:
            messages.success(request, _("Opgeslagen: %(stap)s.") % {"stap": stap.label})
            return redirect("privacy:extern_verzoek", verzoek.pk)
    verzoek = selectors.extern_verzoek_for(request.user, verzoek_id)
    return render(
        request, "privacy/extern_verzoek.html", _extern_context(request, verzoek, {naam: form}), status=status
    )


@login_required
@require_POST
def extern_export(request, verzoek_id: int, formaat: str):
    _staff_only(request)
    verzoek = selectors.extern_verzoek_for(request.user, verzoek_id)
    if not authorization.can_export_extern_verzoek(request.user, verzoek):
        raise PermissionDenied
    try:
        bestand = exporteren.extern_verzoek(actor=request.user, verzoek_id=verzoek.pk, formaat=formaat)
    except export.PdfUnavailable as unavailable:
        return _pdf_unavailable(request, unavailable)
    except (Conflict, ValidationError) as refusal:
        messages.error(request, refusal.message if isinstance(refusal, Conflict) else " ".join(refusal.messages))
        return redirect("privacy:extern_verzoek", verzoek.pk)
    return _download(bestand)


# AVG requests ----------------------------------------------------------------------------------


@login_required
def avg_verzoeken(request):
    _staff_only(request)
    if not authorization.role_may(request.user, Onderwerp.AVG_VERZOEK, Handeling.LEZEN):
        raise PermissionDenied
    form = forms.AvgFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {"status": "", "soort": ""}
    return render(
        request,
        "privacy/avg_verzoeken.html",
        {
            "form": form,
            "page": _page(request, selectors.avg_verzoeken(request.user, **filters)),
            "can_register": bool(authorization.avg_register_organisation_ids(request.user)),
            "sees_retention": authorization.sees_retention(request.user),
        },
    )


def _avg_data(cleaned: dict, aanvrager=None) -> avg.AvgVerzoekData:
    return avg.AvgVerzoekData(
        soort=cleaned["soort"],
        wat_onjuist=cleaned["wat_onjuist"],
        wat_juist=cleaned["wat_juist"],
        waar=cleaned["waar"],
        toelichting=cleaned["toelichting"],
        aanvrager=aanvrager,
        aanvrager_toelichting=cleaned["aanvrager_toelichting"],
        ontvangen_op=cleaned["ontvangen_op"],
    )


@login_required
def avg_verzoek_nieuw(request):
    """The privacyfunctionaris registers a request that came in by letter or e-mail."""
    _staff_only(request)
    if not authorization.avg_register_organisation_ids(request.user):
        raise PermissionDenied
    form = forms.AvgNummerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            traject = avg.find_traject(request.user, form.cleaned_data["dossiernummer"])
            persoon = avg.find_persoon(traject, form.cleaned_data["geboortedatum"], form.cleaned_data["voornaam"])
            verzoek = avg.registreer(
                actor=request.user, traject=traject, persoon=persoon, data=_avg_data(form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Verzoek %(nummer)s vastgelegd.") % {"nummer": verzoek.nummer})
            return redirect("privacy:avg_verzoek", verzoek.pk)
    return render(
        request, "privacy/avg_verzoek_form.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@login_required
def avg_verzoek_traject(request, traject_id: int):
    """A worker registers a request the family made at the table or by phone."""
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id)
    if not authorization.can_register_avg_verzoek(request.user, traject):
        raise PermissionDenied
    personen = list(traject.huishouden.personen.all())
    form = forms.AvgRegistratieForm(request.POST or None, personen=personen)
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = avg.registreer(
                actor=request.user,
                traject=traject,
                persoon=form.personen[form.cleaned_data["persoon"]],
                data=_avg_data(form.cleaned_data),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Verzoek %(nummer)s vastgelegd.") % {"nummer": verzoek.nummer})
            return redirect("privacy:avg_verzoek", verzoek.pk)
    return render(
        request,
        "privacy/avg_verzoek_form.html",
        {"form": form, "traject": traject},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def avg_verzoek(request, verzoek_id: int):
    """A request with its history; POST is the decision."""
    _staff_only(request)
    verzoek = selectors.avg_verzoek_for(request.user, verzoek_id)
    may_decide = authorization.can_decide_avg_verzoek(request.user, verzoek)
    if request.method == "POST" and not may_decide:
        raise PermissionDenied
    form = None
    status = 200
    if may_decide and verzoek.status == AvgStatus.INGEDIEND:
        form = forms.AvgBesluitForm(request.POST or None, soort=verzoek.soort)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    avg.beslis(
                        actor=request.user,
                        verzoek_id=verzoek.pk,
                        toewijzen=form.cleaned_data["besluit"] == "toewijzen",
                        toelichting=form.cleaned_data["toelichting"],
                    )
                except ValidationError as error:
                    apply_errors(form, error)
                except Conflict as conflict:
                    form.add_error(None, conflict.message)
                    status = 409
                else:
                    messages.success(request, _("Het besluit is opgeslagen. De cliënt ziet het in het portaal."))
                    return redirect("privacy:avg_verzoek", verzoek.pk)
    elif request.method == "POST":
        messages.error(request, _("Over dit verzoek is al beslist."))
        return redirect("privacy:avg_verzoek", verzoek.pk)
    return render(
        request,
        "privacy/avg_verzoek.html",
        {
            "verzoek": verzoek,
            "form": form,
            "can_export": authorization.can_export_person_data(request.user, verzoek)
            and verzoek.status in (AvgStatus.INGEDIEND, AvgStatus.UITGEVOERD)
            and verzoek.persoon_id is not None,
            "is_inzage": verzoek.soort == AvgSoort.INZAGE,
        },
        status=status,
    )


@login_required
@require_POST
def avg_export(request, verzoek_id: int, formaat: str):
    _staff_only(request)
    verzoek = selectors.avg_verzoek_for(request.user, verzoek_id)
    if not authorization.can_export_person_data(request.user, verzoek):
        raise PermissionDenied
    try:
        bestand = exporteren.persoon(actor=request.user, verzoek_id=verzoek.pk, formaat=formaat)
    except export.PdfUnavailable as unavailable:
        return _pdf_unavailable(request, unavailable)
    except (Conflict, ValidationError) as refusal:
        messages.error(request, refusal.message if isinstance(refusal, Conflict) else " ".join(refusal.messages))
        return redirect("privacy:avg_verzoek", verzoek.pk)
    return _download(bestand)


# Retention -------------------------------------------------------------------------------------


@login_required
def bewaartermijnen(request):
    """The review list; POST approves the chosen proposals at once."""
    _staff_only(request)
    if not authorization.sees_retention(request.user):
        raise PermissionDenied
    if request.method == "POST":
        if not authorization.retention_organisation_ids(request.user, Handeling.BEOORDELEN):
            raise PermissionDenied
        ids = [int(value) for value in request.POST.getlist("vernietiging") if value.isdigit()]
        if not ids:
            messages.error(request, _("Kies eerst de dossiers die vernietigd mogen worden."))
        else:
            aantal = bewaren.keur_goed(actor=request.user, vernietiging_ids=ids)
            messages.success(
                request,
                _("%(n)d dossiers goedgekeurd. Ze worden vannacht vernietigd; tot dan kun je het nog terugdraaien.")
                % {"n": aantal},
            )
        return redirect("privacy:bewaartermijnen")
    form = forms.VernietigingFilterForm(request.GET or None)
    status = (form.cleaned_data["status"] if form.is_valid() else "") or VernietigingStatus.VOORGESTELD
    return render(
        request,
        "privacy/bewaartermijnen.html",
        {
            "form": form,
            "status": status,
            "page": _page(request, selectors.vernietigingen(request.user, status=status)),
            "can_decide": bool(authorization.retention_organisation_ids(request.user, Handeling.BEOORDELEN)),
            "beleid": [
                bewaren.bewaarbeleid_voor(organisatie_id)
                for organisatie_id in sorted(authorization.retention_organisation_ids(request.user))
            ],
        },
    )


@login_required
def vernietiging(request, vernietiging_id: int):
    """One proposal: what is in it (numbers, no content), its history; POST decides."""
    _staff_only(request)
    item = selectors.vernietiging_for(request.user, vernietiging_id)
    can_decide = authorization.can_review_retention(request.user, item.organisatie_id)
    form = forms.BewaarLangerForm(request.POST if request.POST.get("actie") == "langer_bewaren" else None)
    status = 200
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        actie = request.POST.get("actie", "")
        try:
            if actie == "goedkeuren":
                bewaren.keur_goed(actor=request.user, vernietiging_ids=[item.pk])
                messages.success(request, _("Goedgekeurd. Het dossier wordt vannacht vernietigd."))
                return redirect("privacy:vernietiging", item.pk)
            if actie == "intrekken":
                bewaren.trek_goedkeuring_in(actor=request.user, vernietiging_id=item.pk)
                messages.success(request, _("De goedkeuring is ingetrokken."))
                return redirect("privacy:vernietiging", item.pk)
            if actie == "langer_bewaren":
                status = 400
                if form.is_valid():
                    bewaren.bewaar_langer(
                        actor=request.user,
                        vernietiging_id=item.pk,
                        tot=form.cleaned_data["tot"],
                        reden=form.cleaned_data["reden"],
                    )
                    messages.success(request, _("Het dossier blijft bewaard tot de gekozen datum."))
                    return redirect("privacy:vernietiging", item.pk)
            else:
                status = 400
                messages.error(request, _("Kies wat er met dit dossier moet gebeuren."))
        except ValidationError as error:
            apply_errors(form, error)
        except Conflict as conflict:
            messages.error(request, conflict.message)
            return redirect("privacy:vernietiging", item.pk)
        item = selectors.vernietiging_for(request.user, vernietiging_id)
    return render(
        request,
        "privacy/vernietiging.html",
        {
            "item": item,
            "samenvatting": selectors.dossier_samenvatting(item),
            "can_decide": can_decide,
            "form": form,
            "vandaag": timezone.localdate(),
            "telling": _telling_labels(item.telling),
        },
        status=status,
    )


def _telling_labels(telling: dict) -> list[tuple[str, int]]:
    rows = []
    for label, count in telling.items():
        if label == "historie":
            rows.append((_("Eerdere versies (historie)"), count))
            continue
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            rows.append((label, count))
            continue
        rows.append((str(model._meta.verbose_name_plural).capitalize(), count))
    return rows
