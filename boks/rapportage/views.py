"""Screens of the rapportage app: thin. They ask the authorisation module (through the selectors),
call the indicators and the services, and render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks.accounts import authorization
from boks.dossiers.forms import apply_errors

from . import doorklik, exports, selectors, services, snapshots
from .forms import PeriodeForm, ScopeForm, VaststellenForm, periode_uit
from .kpi import Scope
from .periods import OngeldigePeriode, laatste_afgelopen_kwartaal, uit_code

PAGE_SIZE = 50
FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _staff_only(request) -> None:
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied


def _render_dashboard(request, *, scope: Scope, extra: dict):
    params = request.GET.copy()
    vernieuwen = params.pop("vernieuwen", None) is not None
    form, periode, peildatum = periode_uit(params)
    context = {"form": form, "scope": scope, **extra}
    if periode is None:
        return render(request, "rapportage/dashboard.html", context, status=400)
    kijker = selectors.kijker(request.user, scope.organisatie.pk)
    board, context["berekend_op"] = snapshots.dashboard_van(
        scope, periode, peildatum, kijker, vernieuwen=vernieuwen, zoals_geopend=not params
    )
    params["vernieuwen"] = "1"
    context["vernieuwen_query"] = params.urlencode()
    if authorization.can_view_organisation_figures(request.user, scope.organisatie.pk):
        context["rapport_periode"] = periode if periode.soort in {"kwartaal", "jaar"} else laatste_afgelopen_kwartaal()
    return render(request, "rapportage/dashboard.html", {**context, "board": board})


@login_required
def index(request):
    _staff_only(request)
    teams = list(selectors.team_dashboards(request.user))
    organisaties = list(selectors.organisatie_dashboards(request.user))
    if not teams and not organisaties:
        raise Http404
    return render(
        request,
        "rapportage/index.html",
        {
            "teams": teams,
            "organisaties": organisaties,
            "kwartaal": laatste_afgelopen_kwartaal(),
        },
    )


@login_required
def team_dashboard(request, team_id: int):
    _staff_only(request)
    team = selectors.team_voor(request.user, team_id)
    scope = Scope(team.organisatie, "team", team)
    return _render_dashboard(request, scope=scope, extra={"team": team})


@login_required
def organisatie_dashboard(request, organisatie_id: int):
    _staff_only(request)
    organisatie = selectors.organisatie_voor(request.user, organisatie_id)
    scope_form = ScopeForm(request.GET or None, keuzes=selectors.scope_keuzes(organisatie))
    try:
        scope = selectors.scope_uit(organisatie, request.GET.get("scope", ""))
    except ValueError as wrong:
        scope_form.is_valid()
        scope_form.add_error("scope", str(wrong))
        form, _periode, _peildatum = periode_uit(request.GET)
        return render(
            request,
            "rapportage/dashboard.html",
            {"form": form, "scope_form": scope_form, "scope": Scope(organisatie), "organisatie": organisatie},
            status=400,
        )
    return _render_dashboard(request, scope=scope, extra={"organisatie": organisatie, "scope_form": scope_form})


@login_required
def trajecten(request):
    """The trajecten behind a figure of one of the user's own teams; in the access log."""
    _staff_only(request)
    if not authorization.drilldown_team_ids(request.user):
        raise Http404
    scope_code = request.GET.get("scope", "")
    soort, _sep, pk = scope_code.partition(":")
    if soort != "team" or not pk.isdigit():
        raise Http404
    team = selectors.team_voor(request.user, int(pk))
    form = PeriodeForm({"periode": "eigen", **request.GET.dict()})
    error = ""
    klik = None
    if not form.is_valid():
        error = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
    else:
        try:
            klik = doorklik.parse(request.GET, form.cleaned_data["gekozen"], form.cleaned_data["peildatum"])
        except doorklik.OngeldigeDoorklik as wrong:
            error = str(wrong)
    if klik is None:
        return render(request, "rapportage/trajecten.html", {"team": team, "error": error}, status=400)
    page = Paginator(selectors.doorklik_trajecten(request.user, team, klik), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    selectors.log_doorklik(page.object_list, klik)
    return render(
        request,
        "rapportage/trajecten.html",
        {"team": team, "klik": klik, "page": page, "terug": reverse("rapportage:team", args=[team.pk])},
    )


def _periode_of_404(code: str):
    try:
        return uit_code(code)
    except OngeldigePeriode as wrong:
        raise Http404 from wrong


def _versie(request) -> int | None:
    value = request.GET.get("versie", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@login_required
def rapport(request, organisatie_id: int, periode: str):
    _staff_only(request)
    organisatie = selectors.organisatie_voor(request.user, organisatie_id)
    gekozen = _periode_of_404(periode)
    if gekozen.soort not in {"kwartaal", "jaar"}:
        raise Http404
    weergave = selectors.rapport_voor(request.user, organisatie, gekozen, _versie(request))
    return render(
        request,
        "rapportage/rapport.html",
        {
            "weergave": weergave,
            "form": VaststellenForm(),
            "may_freeze": authorization.can_freeze_figures(request.user, organisatie.pk),
            "vorige": gekozen.vorige(),
            "volgende": _volgende(gekozen),
        },
    )


def _volgende(periode):
    if periode.soort == "jaar":
        candidate = uit_code(str(periode.van.year + 1))
    else:
        day = periode.tot + datetime.timedelta(days=1)
        candidate = uit_code(f"{day.year}-K{(day.month - 1) // 3 + 1}")
    return candidate if candidate.van <= timezone.localdate() else None


@login_required
@require_POST
def vaststellen(request, organisatie_id: int, periode: str):
    _staff_only(request)
    organisatie = selectors.organisatie_voor(request.user, organisatie_id)
    if not authorization.can_freeze_figures(request.user, organisatie.pk):
        raise PermissionDenied
    gekozen = _periode_of_404(periode)
    form = VaststellenForm(request.POST)
    if form.is_valid():
        try:
            vastgesteld = services.vaststellen(
                actor=request.user,
                organisatie=organisatie,
                periode=gekozen,
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as refusal:
            apply_errors(form, refusal)
        else:
            messages.success(
                request,
                _("De cijfers van %(periode)s zijn vastgesteld (versie %(versie)s, peildatum %(datum)s).")
                % {
                    "periode": gekozen.label,
                    "versie": vastgesteld.versie,
                    "datum": vastgesteld.peildatum.strftime("%d-%m-%Y"),
                },
            )
            return redirect("rapportage:rapport", organisatie.pk, gekozen.code)
    if gekozen.soort not in {"kwartaal", "jaar"}:
        raise Http404
    weergave = selectors.rapport_voor(request.user, organisatie, gekozen)
    return render(
        request,
        "rapportage/rapport.html",
        {
            "weergave": weergave,
            "form": form,
            "may_freeze": True,
            "vorige": gekozen.vorige(),
            "volgende": _volgende(gekozen),
        },
        status=400,
    )


@login_required
def download(request, organisatie_id: int, periode: str, formaat: str):
    _staff_only(request)
    if formaat not in FORMATEN:
        raise Http404
    organisatie = selectors.organisatie_voor(request.user, organisatie_id)
    gekozen = _periode_of_404(periode)
    if gekozen.soort not in {"kwartaal", "jaar"}:
        raise Http404
    weergave = selectors.rapport_voor(request.user, organisatie, gekozen, _versie(request))
    titel = _("Rapportage %(organisatie)s, %(periode)s") % {"organisatie": organisatie, "periode": gekozen.label}
    if weergave.vaststelling:
        onderschrift = _("Vastgesteld op %(datum)s door %(naam)s (versie %(versie)s, peildatum %(peildatum)s)") % {
            "datum": timezone.localtime(weergave.vaststelling.vastgesteld_op).strftime("%d-%m-%Y"),
            "naam": weergave.vaststelling.vastgesteld_door.get_full_name(),
            "versie": weergave.vaststelling.versie,
            "peildatum": weergave.vaststelling.peildatum.strftime("%d-%m-%Y"),
        }
    else:
        onderschrift = _("Niet vastgesteld: berekend op %(datum)s") % {
            "datum": timezone.localdate().strftime("%d-%m-%Y")
        }
    if formaat == "csv":
        content = exports.csv_bytes(f"{titel}. {onderschrift}", weergave.bijlagen())
    elif formaat == "xlsx":
        content = exports.xlsx_bytes(titel, weergave.bijlagen(), onderschrift)
    else:
        try:
            content = exports.pdf_bytes({"weergave": weergave, "titel": titel, "onderschrift": onderschrift})
        except exports.PdfOnbeschikbaar as missing:
            return render(request, "rapportage/pdf_onbeschikbaar.html", {"reden": str(missing)}, status=503)
    response = HttpResponse(content, content_type=FORMATEN[formaat])
    suffix = f"-v{weergave.vaststelling.versie}" if weergave.vaststelling else ""
    filename = f"rapportage-{organisatie.korte_naam.lower().replace(' ', '-')}-{gekozen.code}{suffix}.{formaat}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
