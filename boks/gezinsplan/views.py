"""The gezinsplan pages. Views are thin: selectors decide what a user sees, services what may change."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit.choices import Actie
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.choices import Status
from boks.dossiers.errors import EditConflict, TransitionNotAllowed
from boks.dossiers.forms import apply_errors

from . import diff, forms, pdf, selectors, services
from .errors import VersieVastgesteld
from .models import Afweging, NetwerkLid, PlanVersie


def _staff_only(request) -> None:
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied


def _can_edit(user, traject) -> bool:
    return authorization.can_edit_plan(user, traject) and traject.status != Status.AFGESLOTEN


def _personen(traject):
    return traject.huishouden.personen.order_by("geboortedatum")


def _versie_url(versie: PlanVersie, anchor: str = "") -> str:
    url = reverse("gezinsplan:versie", args=[versie.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
def plan(request, traject_id: int):
    """The plan at a glance: the agreed version (or the concept while there is none), each goal with
    its agreements and scores over time, the evaluations and the client's proposed goals."""
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.GEZINSPLAN)
    gezinsplan = selectors.plan_of(traject)
    if gezinsplan is not None:
        access_log.read(traject=traject, obj=gezinsplan, omschrijving="Gezinsplan")
    can_edit = _can_edit(request.user, traject)
    context = {
        "traject": traject,
        "plan": gezinsplan,
        "can_edit": can_edit,
        "can_start": can_edit and gezinsplan is None and traject.status in services.PLAN_STATUSES,
        "today": timezone.localdate(),
    }
    if context["can_start"]:
        context["sjablonen"] = selectors.active_templates(traject.team.organisatie_id)
    if gezinsplan is not None:
        versies, vastgesteld, concept = selectors.versies_en_huidige(gezinsplan)
        shown = selectors.with_content(vastgesteld or concept)
        instellingen = selectors.instellingen_for(traject.team.organisatie_id)
        context.update(
            {
                "versie": shown,
                "vastgesteld": vastgesteld,
                "concept": concept,
                "goals": selectors.goal_views(shown, instellingen),
                "loose_afspraken": [item for item in shown.afspraken.all() if item.doel_id is None],
                "versies": versies,
                "evaluaties": selectors.evaluaties_of(gezinsplan)[:5],
                "voorstellen": selectors.open_voorstellen(gezinsplan),
                "reactie_form": forms.ReactieForm(),
            }
        )
    return render(request, "gezinsplan/plan.html", context)


@login_required
@require_POST
def start(request, traject_id: int):
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.GEZINSPLAN)
    selectors.require_editor(request.user, traject)
    chosen = request.POST.get("sjabloon", "")
    sjabloon = None
    if chosen.isdigit():
        sjabloon = selectors.active_templates(traject.team.organisatie_id).filter(pk=int(chosen)).first()
        if sjabloon is None:
            messages.error(request, _("Kies een sjabloon uit de lijst."))
            return redirect("gezinsplan:plan", traject.pk)
    try:
        versie = services.start_plan(actor=request.user, traject=traject, sjabloon=sjabloon)
    except TransitionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("gezinsplan:plan", traject.pk)
    messages.success(request, _("Het gezinsplan is gestart. Schrijf het samen met het gezin."))
    return redirect(_versie_url(versie))


@login_required
@require_POST
def new_version(request, plan_id: int):
    _staff_only(request)
    gezinsplan = selectors.plan_for(request.user, plan_id)
    selectors.require_editor(request.user, gezinsplan.traject)
    try:
        versie = services.new_version(actor=request.user, plan=gezinsplan)
    except TransitionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("gezinsplan:plan", gezinsplan.traject_id)
    messages.success(request, _("Nieuwe conceptversie gemaakt als kopie van het vastgestelde plan."))
    return redirect(_versie_url(versie))


# The version page: read-only for vastgestelde versions, the editor for a concept ---------------


def _section_forms(versie: PlanVersie, bound: dict) -> dict:
    initial = {"versie": versie.versie}
    vragen = versie.sjabloon_versie.veiligheidsvragen
    answers = {f"vraag_{index}": versie.veiligheid_antwoorden.get(vraag, "") for index, vraag in enumerate(vragen)}
    return {
        "vraagverheldering": bound.get("vraagverheldering")
        or forms.VraagverhelderingForm(
            prefix="vraagverheldering", initial={**initial, "vraagverheldering": versie.vraagverheldering}
        ),
        "visie": bound.get("visie")
        or forms.VisieForm(prefix="visie", initial={**initial, "visie_client": versie.visie_client}),
        "regie": bound.get("regie")
        or forms.RegieForm(
            prefix="regie",
            initial={
                **initial,
                "regie_bij": versie.regie_bij,
                "regie_naam": versie.regie_naam,
                "regie_organisatie": versie.regie_organisatie,
            },
        ),
        "veiligheid": bound.get("veiligheid")
        or forms.VeiligheidForm(
            prefix="veiligheid",
            vragen=vragen,
            initial={
                **initial,
                **answers,
                "veiligheid_oordeel": versie.veiligheid_oordeel,
                "veiligheid_toelichting": versie.veiligheid_toelichting,
            },
        ),
        "wijzigingen": bound.get("wijzigingen")
        or forms.WijzigingenForm(prefix="wijzigingen", initial={**initial, "wijzigingen": versie.wijzigingen}),
    }


def _versie_context(request, versie: PlanVersie, bound: dict | None = None, conflict: dict | None = None) -> dict:
    bound = bound or {}
    traject = versie.plan.traject
    editable = versie.is_concept and _can_edit(request.user, traject)
    personen = _personen(traject)
    plan_doelen = list(versie.doelen.all())
    context = {
        "traject": traject,
        "versie": versie,
        "editable": editable,
        "conflict": conflict,
        "previous": selectors.previous_of(versie),
        "toelichting": versie.sjabloon_versie.inhoud.get("toelichting", {}),
        "veiligheid_antwoorden": sorted(versie.veiligheid_antwoorden.items()),
    }
    if not editable:
        return context
    context.update(
        {
            "section_forms": _section_forms(versie, bound),
            "goal_rows": [
                (
                    plan_doel,
                    bound.get(f"doel-{plan_doel.pk}")
                    or forms.DoelForm(
                        personen=personen,
                        prefix=f"doel-{plan_doel.pk}",
                        initial={
                            "omschrijving": plan_doel.omschrijving,
                            "leefgebied": plan_doel.leefgebied,
                            "eigenaren": list(plan_doel.eigenaren.all()),
                            "versie": plan_doel.versie_teller,
                        },
                    ),
                    bound.get(f"schaalvraag-{plan_doel.doel_id}")
                    or forms.SchaalvraagForm(prefix=f"schaalvraag-{plan_doel.doel_id}"),
                )
                for plan_doel in plan_doelen
            ],
            "new_goal_form": bound.get("nieuw-doel")
            or forms.DoelForm(personen=personen, prefix="nieuw-doel", with_schaalvraag=True),
            "afspraak_rows": [
                (
                    item,
                    bound.get(f"afspraak-{item.pk}")
                    or forms.AfspraakForm(
                        personen=personen,
                        plan_doelen=plan_doelen,
                        prefix=f"afspraak-{item.pk}",
                        initial={
                            "wat": item.wat,
                            "doel": item.doel_id,
                            "wie_soort": item.wie_soort,
                            "wie_persoon": item.wie_persoon_id,
                            "wie_naam": item.wie_naam,
                            "uiterlijk_op": item.uiterlijk_op,
                            "versie": item.versie_teller,
                        },
                    ),
                )
                for item in versie.afspraken.all()
            ],
            "new_afspraak_form": bound.get("nieuwe-afspraak")
            or forms.AfspraakForm(personen=personen, plan_doelen=plan_doelen, prefix="nieuwe-afspraak"),
            "netwerk_rows": [
                (
                    lid,
                    bound.get(f"netwerk-{lid.pk}")
                    or forms.NetwerkForm(
                        prefix=f"netwerk-{lid.pk}",
                        initial={"naam": lid.naam, "relatie": lid.relatie, "rol": lid.rol, "versie": lid.versie_teller},
                    ),
                )
                for lid in versie.netwerk.all()
            ],
            "new_netwerk_form": bound.get("nieuw-netwerk") or forms.NetwerkForm(prefix="nieuw-netwerk"),
            "afweging_rows": [
                (
                    item,
                    bound.get(f"afweging-{item.pk}")
                    or forms.AfwegingForm(
                        prefix=f"afweging-{item.pk}",
                        initial={
                            "deskundige": item.deskundige,
                            "deskundigheid": item.deskundigheid,
                            "tekst": item.tekst,
                            "versie": item.versie_teller,
                        },
                    ),
                )
                for item in versie.afwegingen.all()
            ],
            "new_afweging_form": bound.get("nieuwe-afweging")
            or forms.AfwegingForm(
                prefix="nieuwe-afweging",
                initial={"deskundige": request.user.get_full_name(), "deskundigheid": _("gezinswerker")},
            ),
        }
    )
    return context


@login_required
def versie(request, versie_id: int):
    _staff_only(request)
    plan_versie = selectors.versie_for(request.user, versie_id)
    return render(request, "gezinsplan/versie.html", _versie_context(request, plan_versie))


def _submit(request, plan_versie: PlanVersie, key: str, form, action: Callable[[dict], object], done: str, anchor: str):
    """Runs a service with a valid form; on bad input the version page comes back with the form and
    its messages, on a conflict with the other person's saved values, so nothing typed is lost."""
    conflict = None
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        except EditConflict as clash:
            form.add_error(None, clash.message)
            conflict = {"key": key, **clash.details}
        except (VersieVastgesteld, TransitionNotAllowed) as refusal:
            messages.error(request, refusal.message)
            return redirect(_versie_url(plan_versie, anchor))
        else:
            messages.success(request, done)
            return redirect(_versie_url(plan_versie, anchor))
    plan_versie = selectors.versie_for(request.user, plan_versie.pk)
    context = _versie_context(request, plan_versie, bound={key: form}, conflict=conflict)
    context["open_form"] = key
    return render(request, "gezinsplan/versie.html", context, status=409 if conflict else 400)


@login_required
@require_POST
def section(request, versie_id: int, name: str):
    _staff_only(request)
    plan_versie = selectors.versie_for(request.user, versie_id)
    selectors.require_editor(request.user, plan_versie.plan.traject)
    form_classes = {
        "vraagverheldering": forms.VraagverhelderingForm,
        "visie": forms.VisieForm,
        "regie": forms.RegieForm,
        "wijzigingen": forms.WijzigingenForm,
    }
    if name == "veiligheid":
        form = forms.VeiligheidForm(request.POST, prefix=name, vragen=plan_versie.sjabloon_versie.veiligheidsvragen)
    elif name in form_classes:
        form = form_classes[name](request.POST, prefix=name)
    else:
        raise Http404

    def save(data):
        values = {key: value for key, value in data.items() if key != "versie" and not key.startswith("vraag_")}
        if name == "veiligheid":
            values["veiligheid_antwoorden"] = form.antwoorden()
        services.update_section(
            actor=request.user, versie_id=plan_versie.pk, section=name, expected_versie=data["versie"], data=values
        )

    return _submit(request, plan_versie, name, form, save, _("Opgeslagen."), name)


def _doel_data(data) -> services.DoelData:
    return services.DoelData(
        omschrijving=data["omschrijving"], leefgebied=data["leefgebied"], eigenaren=list(data["eigenaren"])
    )


@login_required
@require_POST
def doel_add(request, versie_id: int):
    _staff_only(request)
    plan_versie = selectors.versie_for(request.user, versie_id)
    selectors.require_editor(request.user, plan_versie.plan.traject)
    form = forms.DoelForm(
        request.POST, personen=_personen(plan_versie.plan.traject), prefix="nieuw-doel", with_schaalvraag=True
    )

    def save(data):
        services.add_doel(
            actor=request.user, versie_id=plan_versie.pk, data=_doel_data(data), schaalvraag=data["schaalvraag"]
        )

    return _submit(request, plan_versie, "nieuw-doel", form, save, _("Doel toegevoegd."), "doelen")


@login_required
@require_POST
def doel_edit(request, plan_doel_id: int):
    _staff_only(request)
    plan_doel = selectors.plan_doel_for(request.user, plan_doel_id)
    plan_versie = selectors.versie_for(request.user, plan_doel.versie_id)
    selectors.require_editor(request.user, plan_versie.plan.traject)
    key = f"doel-{plan_doel.pk}"
    form = forms.DoelForm(request.POST, personen=_personen(plan_versie.plan.traject), prefix=key)

    def save(data):
        services.update_doel(
            actor=request.user, plan_doel_id=plan_doel.pk, expected_versie=data["versie"] or 0, data=_doel_data(data)
        )

    return _submit(request, plan_versie, key, form, save, _("Doel opgeslagen."), key)


def _simple_post(request, plan_versie, action, done: str, anchor: str):
    try:
        action()
    except EditConflict as clash:
        messages.error(request, clash.message)
    except (VersieVastgesteld, TransitionNotAllowed, ValidationError) as refusal:
        messages.error(request, getattr(refusal, "message", None) or " ".join(refusal.messages))
    else:
        messages.success(request, done)
    return redirect(_versie_url(plan_versie, anchor))


@login_required
@require_POST
def doel_remove(request, plan_doel_id: int):
    _staff_only(request)
    plan_doel = selectors.plan_doel_for(request.user, plan_doel_id)
    selectors.require_editor(request.user, plan_doel.versie.plan.traject)
    expected = int(request.POST.get("versie") or 0)
    return _simple_post(
        request,
        plan_doel.versie,
        lambda: services.remove_doel(actor=request.user, plan_doel_id=plan_doel.pk, expected_versie=expected),
        _("Doel uit dit concept gehaald."),
        "doelen",
    )


@login_required
@require_POST
def doel_move(request, plan_doel_id: int, direction: str):
    _staff_only(request)
    plan_doel = selectors.plan_doel_for(request.user, plan_doel_id)
    selectors.require_editor(request.user, plan_doel.versie.plan.traject)
    step = -1 if direction == "omhoog" else 1
    return _simple_post(
        request,
        plan_doel.versie,
        lambda: services.move_doel(actor=request.user, plan_doel_id=plan_doel.pk, direction=step),
        _("Volgorde aangepast."),
        "doelen",
    )


@login_required
@require_POST
def schaalvraag_add(request, plan_doel_id: int):
    _staff_only(request)
    plan_doel = selectors.plan_doel_for(request.user, plan_doel_id)
    plan_versie = selectors.versie_for(request.user, plan_doel.versie_id)
    selectors.require_editor(request.user, plan_versie.plan.traject)
    key = f"schaalvraag-{plan_doel.doel_id}"
    form = forms.SchaalvraagForm(request.POST, prefix=key)

    def save(data):
        services.add_schaalvraag(actor=request.user, doel_id=plan_doel.doel_id, **data)

    return _submit(request, plan_versie, key, form, save, _("Schaalvraag toegevoegd."), f"doel-{plan_doel.pk}")


def _afspraak_data(data) -> services.AfspraakData:
    return services.AfspraakData(
        wat=data["wat"],
        wie_soort=data["wie_soort"],
        wie_persoon=data["wie_persoon"],
        wie_naam=data["wie_naam"],
        uiterlijk_op=data["uiterlijk_op"],
        doel=data["doel"],
    )


@login_required
@require_POST
def afspraak_add(request, versie_id: int):
    _staff_only(request)
    plan_versie = selectors.versie_for(request.user, versie_id)
    selectors.require_editor(request.user, plan_versie.plan.traject)
    form = forms.AfspraakForm(
        request.POST,
        personen=_personen(plan_versie.plan.traject),
        plan_doelen=list(plan_versie.doelen.all()),
        prefix="nieuwe-afspraak",
    )

    def save(data):
        services.add_afspraak(actor=request.user, versie_id=plan_versie.pk, data=_afspraak_data(data))

    return _submit(request, plan_versie, "nieuwe-afspraak", form, save, _("Afspraak toegevoegd."), "afspraken")


@login_required
@require_POST
def afspraak_edit(request, plan_afspraak_id: int):
    _staff_only(request)
    item = selectors.plan_afspraak_for(request.user, plan_afspraak_id)
    plan_versie = selectors.versie_for(request.user, item.versie_id)
    selectors.require_editor(request.user, plan_versie.plan.traject)
    key = f"afspraak-{item.pk}"
    form = forms.AfspraakForm(
        request.POST,
        personen=_personen(plan_versie.plan.traject),
        plan_doelen=list(plan_versie.doelen.all()),
        prefix=key,
    )

    def save(data):
        services.update_afspraak(
            actor=request.user, plan_afspraak_id=item.pk, expected_versie=data["versie"] or 0, data=_afspraak_data(data)
        )

    return _submit(request, plan_versie, key, form, save, _("Afspraak opgeslagen."), key)


@login_required
@require_POST
def afspraak_remove(request, plan_afspraak_id: int):
    _staff_only(request)
    item = selectors.plan_afspraak_for(request.user, plan_afspraak_id)
    selectors.require_editor(request.user, item.versie.plan.traject)
    expected = int(request.POST.get("versie") or 0)
    return _simple_post(
        request,
        item.versie,
        lambda: services.remove_afspraak(actor=request.user, plan_afspraak_id=item.pk, expected_versie=expected),
        _("Afspraak uit dit concept gehaald."),
        "afspraken",
    )


@login_required
@require_POST
def afspraak_status(request, afspraak_id: int):
    """Marks an agreement of the agreed plan done (or open again) from the plan page."""
    _staff_only(request)
    afspraak = selectors.afspraak_for(request.user, afspraak_id)
    selectors.require_editor(request.user, afspraak.plan.traject)
    form = forms.AfspraakStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_afspraak_status(
                actor=request.user, afspraak_id=afspraak.pk, status=form.cleaned_data["status"]
            )
        except TransitionNotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Afspraak bijgewerkt."))
    else:
        messages.error(request, _("Kies een geldige status."))
    return redirect(f"{reverse('gezinsplan:plan', args=[afspraak.plan.traject_id])}#afspraak-{afspraak.pk}")


def _row_views(kind: str, model, form_class, add_service, update_service, remove_service, anchor: str, labels):
    """Add, edit and remove views for the network and the weighings, which work the same way."""
    row_argument = "lid_id" if kind == "netwerk" else "afweging_id"

    @login_required
    @require_POST
    def add(request, versie_id: int):
        _staff_only(request)
        plan_versie = selectors.versie_for(request.user, versie_id)
        selectors.require_editor(request.user, plan_versie.plan.traject)
        key = f"nieuw-{kind}" if kind == "netwerk" else f"nieuwe-{kind}"
        form = form_class(request.POST, prefix=key)

        def save(data):
            add_service(
                actor=request.user, versie_id=plan_versie.pk, **{k: v for k, v in data.items() if k != "versie"}
            )

        return _submit(request, plan_versie, key, form, save, labels["added"], anchor)

    @login_required
    @require_POST
    def edit(request, row_id: int):
        _staff_only(request)
        row = model.objects.filter(pk=row_id, versie__in=selectors.visible_versions(request.user)).first()
        if row is None:
            raise Http404
        plan_versie = selectors.versie_for(request.user, row.versie_id)
        selectors.require_editor(request.user, plan_versie.plan.traject)
        key = f"{kind}-{row.pk}"
        form = form_class(request.POST, prefix=key)

        def save(data):
            values = {k: v for k, v in data.items() if k != "versie"}
            update_service(actor=request.user, expected_versie=data["versie"] or 0, **{row_argument: row.pk}, **values)

        return _submit(request, plan_versie, key, form, save, labels["saved"], key)

    @login_required
    @require_POST
    def remove(request, row_id: int):
        _staff_only(request)
        row = model.objects.filter(pk=row_id, versie__in=selectors.visible_versions(request.user)).first()
        if row is None:
            raise Http404
        selectors.require_editor(request.user, row.versie.plan.traject)
        expected = int(request.POST.get("versie") or 0)
        return _simple_post(
            request,
            row.versie,
            lambda: remove_service(actor=request.user, expected_versie=expected, **{row_argument: row.pk}),
            labels["removed"],
            anchor,
        )

    return add, edit, remove


netwerk_add, netwerk_edit, netwerk_remove = _row_views(
    "netwerk",
    NetwerkLid,
    forms.NetwerkForm,
    services.add_netwerklid,
    services.update_netwerklid,
    services.remove_netwerklid,
    "netwerk",
    {"added": _("Toegevoegd aan het netwerk."), "saved": _("Opgeslagen."), "removed": _("Uit het netwerk gehaald.")},
)
afweging_add, afweging_edit, afweging_remove = _row_views(
    "afweging",
    Afweging,
    forms.AfwegingForm,
    services.add_afweging,
    services.update_afweging,
    services.remove_afweging,
    "afwegingen",
    {"added": _("Afweging toegevoegd."), "saved": _("Afweging opgeslagen."), "removed": _("Afweging verwijderd.")},
)


@login_required
def vaststellen(request, versie_id: int):
    _staff_only(request)
    plan_versie = selectors.versie_for(request.user, versie_id)
    traject = plan_versie.plan.traject
    selectors.require_editor(request.user, traject)
    if not plan_versie.is_concept or not _can_edit(request.user, traject):
        messages.error(request, _("Alleen een concept kan worden vastgesteld, door wie aan het traject werkt."))
        return redirect(_versie_url(plan_versie))
    form = forms.VaststellenForm(
        request.POST or None, personen=_personen(traject), initial={"gewijzigd_op": plan_versie.gewijzigd_op}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.vaststellen(
                    actor=request.user,
                    versie_id=plan_versie.pk,
                    expected_gewijzigd_op=form.cleaned_data["gewijzigd_op"],
                    instemming_van=form.cleaned_data["instemming_van"],
                    instemming_op=form.cleaned_data["instemming_op"],
                    instemming_wijze=form.cleaned_data["instemming_wijze"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            except EditConflict as clash:
                form.add_error(None, clash.message)
                status = 409
            except (VersieVastgesteld, TransitionNotAllowed) as refusal:
                messages.error(request, refusal.message)
                return redirect(_versie_url(plan_versie))
            else:
                messages.success(request, _("Het plan is vastgesteld."))
                return redirect("gezinsplan:plan", traject.pk)
    return render(
        request,
        "gezinsplan/vaststellen.html",
        {"traject": traject, "versie": plan_versie, "form": form},
        status=status,
    )


@login_required
def compare(request, old_id: int, new_id: int):
    _staff_only(request)
    old = selectors.versie_for(request.user, old_id)
    new = selectors.versie_for(request.user, new_id)
    if old.plan_id != new.plan_id:
        raise Http404
    return render(
        request,
        "gezinsplan/vergelijk.html",
        {"traject": new.plan.traject, "old": old, "new": new, "sections": diff.compare(old, new)},
    )


@login_required
def scores(request, plan_id: int):
    """A round of scores by one rater on one date, on every scale question of the plan's goals."""
    _staff_only(request)
    gezinsplan = selectors.plan_for(request.user, plan_id)
    traject = gezinsplan.traject
    if not _can_edit(request.user, traject):
        raise PermissionDenied
    versie_shown = selectors.vastgestelde_versie(gezinsplan) or selectors.concept_of(gezinsplan)
    instellingen = selectors.instellingen_for(traject.team.organisatie_id)
    schaalvragen = selectors.schaalvragen_of(versie_shown)
    form = forms.ScoreRondeForm(
        request.POST or None,
        personen=_personen(traject),
        schaalvragen=schaalvragen,
        schaal_min=instellingen.schaal_min,
        schaal_max=instellingen.schaal_max,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_scores(
                actor=request.user,
                plan=gezinsplan,
                datum=form.cleaned_data["datum"],
                beoordelaar=form.cleaned_data["beoordelaar"],
                persoon=form.cleaned_data["persoon"],
                beoordelaar_naam=form.cleaned_data["beoordelaar_naam"],
                scores=[services.ScoreInvoer(vraag, waarde) for vraag, waarde in form.ingevuld()],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Scores opgeslagen."))
            return redirect("gezinsplan:plan", traject.pk)
    return render(
        request,
        "gezinsplan/scores.html",
        {"traject": traject, "plan": gezinsplan, "form": form, "instellingen": instellingen},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def evaluatie(request, plan_id: int):
    _staff_only(request)
    gezinsplan = selectors.plan_for(request.user, plan_id)
    traject = gezinsplan.traject
    if not _can_edit(request.user, traject):
        raise PermissionDenied
    vastgesteld = selectors.with_content(selectors.vastgestelde_versie(gezinsplan))
    if vastgesteld is None:
        messages.error(request, _("Evalueren kan pas als het plan is vastgesteld."))
        return redirect("gezinsplan:plan", traject.pk)
    vragen = vastgesteld.sjabloon_versie.evaluatievragen
    form = forms.EvaluatieForm(request.POST or None, doelen=vastgesteld.doelen.all(), vragen=vragen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_evaluatie(
                actor=request.user,
                plan=gezinsplan,
                datum=data["datum"],
                samenvatting=data["samenvatting"],
                antwoorden=[(vraag, data[f"vraag_{index}"]) for index, vraag in enumerate(vragen)],
                doelen=[
                    services.DoelEvaluatie(
                        doel=plan_doel.doel,
                        status=data[f"status_{plan_doel.doel_id}"],
                        voortgang=data[f"voortgang_{plan_doel.doel_id}"],
                    )
                    for plan_doel in form.doelen
                ],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except TransitionNotAllowed as refusal:
            messages.error(request, refusal.message)
            return redirect("gezinsplan:plan", traject.pk)
        else:
            messages.success(request, _("De evaluatie is vastgelegd."))
            return redirect("gezinsplan:plan", traject.pk)
    return render(
        request,
        "gezinsplan/evaluatie.html",
        {"traject": traject, "plan": gezinsplan, "versie": vastgesteld, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def print_view(request, traject_id: int):
    """One page for the family: the goals, who does what by when, who helps — the plan for the fridge door."""
    _staff_only(request)
    traject = dossier_selectors.traject_for(request.user, traject_id, authorization.Onderwerp.GEZINSPLAN)
    gezinsplan = selectors.plan_of(traject)
    shown = gezinsplan and selectors.with_content(
        selectors.vastgestelde_versie(gezinsplan) or selectors.concept_of(gezinsplan)
    )
    if shown is None:
        raise Http404
    access_log.record(Actie.AFDRUKKEN, traject=traject, obj=shown, omschrijving="Gezinsplan, afdrukversie")
    return render(request, "gezinsplan/afdrukken.html", {"traject": traject, "plan": gezinsplan, "versie": shown})


@login_required
def pdf_view(request, versie_id: int):
    _staff_only(request)
    plan_versie = selectors.versie_for(request.user, versie_id)
    instellingen = selectors.instellingen_for(plan_versie.plan.traject.team.organisatie_id)
    try:
        document = pdf.render_versie(plan_versie, instellingen=instellingen)
    except pdf.PdfUnavailable as missing:
        return render(request, "gezinsplan/pdf_onbeschikbaar.html", {"reden": str(missing)}, status=503)
    access_log.record(
        Actie.EXPORTEREN,
        traject=plan_versie.plan.traject,
        obj=plan_versie,
        omschrijving=f"Gezinsplan versie {plan_versie.nummer} als PDF",
    )
    response = HttpResponse(document, content_type="application/pdf")
    filename = f"gezinsplan-{plan_versie.plan.traject.dossiernummer}-v{plan_versie.nummer}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def voorstel_accept(request, voorstel_id: int):
    _staff_only(request)
    voorstel = selectors.voorstel_for(request.user, voorstel_id)
    selectors.require_editor(request.user, voorstel.plan.traject)
    try:
        plan_doel = services.accept_voorstel(actor=request.user, voorstel_id=voorstel.pk)
    except TransitionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("gezinsplan:plan", voorstel.plan.traject_id)
    messages.success(request, _("Het doel staat in het concept. Het telt mee zodra het plan is vastgesteld."))
    return redirect(_versie_url(plan_doel.versie, "doelen"))


@login_required
@require_POST
def voorstel_discuss(request, voorstel_id: int):
    _staff_only(request)
    voorstel = selectors.voorstel_for(request.user, voorstel_id)
    selectors.require_editor(request.user, voorstel.plan.traject)
    form = forms.ReactieForm(request.POST)
    if form.is_valid():
        try:
            services.discuss_voorstel(actor=request.user, voorstel_id=voorstel.pk, reactie=form.cleaned_data["reactie"])
        except TransitionNotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Je reactie is naar het gezin gestuurd."))
    else:
        messages.error(request, _("Schrijf een reactie voor het gezin."))
    return redirect(f"{reverse('gezinsplan:plan', args=[voorstel.plan.traject_id])}#voorstellen")
