import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks.accounts import authorization
from boks.accounts.models import Membership, Team, User
from boks.audit import log as access_log
from boks.errors import Conflict

from . import forms, journal_links, noodtoegang, selectors, services, toegang, workflow
from . import wijzigingen as wijzigingen_module
from .choices import Status
from .errors import EditConflict, TransitionNotAllowed
from .models import Afscherming, Contactmoment, Huishouden

PAGE_SIZE = 25


def _staff_only(request) -> None:
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied


def _require(allowed: bool) -> None:
    """Write views refuse before reading the form, so who may only read learns nothing more."""
    if not allowed:
        raise PermissionDenied


def _dossier_teams(user):
    return Team.objects.filter(pk__in=authorization.dossier_team_ids(user)).order_by("naam")


def _filters(form: forms.TrajectFilterForm) -> selectors.TrajectFilters:
    if not form.is_valid():
        return selectors.TrajectFilters()
    data = form.cleaned_data
    return selectors.TrajectFilters(
        status=data["status"],
        team_id=data["team"].pk if data["team"] else None,
        over_norm=data["over_norm"],
        q=data["q"],
        sort=data["sort"] or selectors.DEFAULT_SORT,
        min_dagen_wachtend=data["min_dagen_wachtend"],
        termijn_verlopen=data["termijn_verlopen"],
    )


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))


@login_required
def caseload(request):
    _staff_only(request)
    teams = _dossier_teams(request.user)
    form = forms.TrajectFilterForm(request.GET or None, teams=teams)
    page = _page(request, selectors.caseload(request.user, _filters(form)))
    access_log.read_list(page.object_list, "Mijn caseload")
    return render(
        request,
        "dossiers/caseload.html",
        {
            "form": form,
            "page": page,
            "memberships": authorization.current_memberships(request.user),
            "can_register": bool(authorization.worker_team_ids(request.user)),
            "can_use_noodtoegang": authorization.may_use_noodtoegang(request.user),
        },
    )


@login_required
def team_work(request, team_id: int):
    """A team's intake queue, its wachtenden and all its open trajecten."""
    _staff_only(request)
    if not authorization.can_view_team_work(request.user, team_id):
        raise Http404
    team = Team.objects.get(pk=team_id)
    teams = Team.objects.filter(pk=team_id)
    form = forms.TrajectFilterForm(request.GET or None, teams=teams)
    filters = _filters(form)
    filters = selectors.TrajectFilters(**{**filters.__dict__, "team_id": team_id})
    queue = list(selectors.team_queue(request.user, team_id))
    wachtenden = list(selectors.wachtenden(request.user, team_id))
    page = _page(request, selectors.team_trajecten(request.user, filters))
    access_log.read_list([*queue, *wachtenden, *page.object_list], f"Werk van team {team.naam}")
    return render(
        request,
        "dossiers/team_work.html",
        {
            "team": team,
            "queue": queue,
            "team_workers": _team_workers(team_id),
            "wachtenden": wachtenden,
            "form": form,
            "page": page,
            "today": timezone.localdate(),
        },
    )


def _aanmelding_from(data) -> tuple[services.AanmeldingData, services.PersoonData, services.HuishoudenData]:
    aanmelding = services.AanmeldingData(
        aanmelddatum=data["aanmelddatum"],
        melder=data["melder"],
        melder_toelichting=data["melder_toelichting"],
        aanmeldvraag=data["aanmeldvraag"],
        urgentie=data["urgentie"],
        leefgebieden=data["leefgebieden"],
        soort=data["soort"],
    )
    persoon = services.PersoonData(
        voornaam=data["voornaam"],
        tussenvoegsel=data["tussenvoegsel"],
        achternaam=data["achternaam"],
        geboortedatum=data["geboortedatum"],
        bsn=data["bsn"] or "",
        rol=data["rol"],
        telefoon=data["telefoon"],
        email=data["email"],
    )
    surname = " ".join(part for part in [data["tussenvoegsel"], data["achternaam"]] if part)
    huishouden = services.HuishoudenData(
        naam=data["huishouden_naam"] or _("Huishouden %(naam)s") % {"naam": surname},
        straat=data["straat"],
        huisnummer=data["huisnummer"],
        postcode=data["postcode"].upper().replace(" ", ""),
        woonplaats=data["woonplaats"],
        wijk_id=data["wijk"].pk if data["wijk"] else None,
    )
    return aanmelding, persoon, huishouden


@login_required
def aanmelding_new(request):
    _staff_only(request)
    teams = Team.objects.filter(pk__in=authorization.worker_team_ids(request.user)).order_by("naam")
    if not teams:
        raise PermissionDenied
    form = forms.AanmeldingForm(request.POST or None, teams=teams)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        aanmelding, persoon, huishouden = _aanmelding_from(form.cleaned_data)
        existing = None
        household_id = request.POST.get("bestaand_huishouden", "")
        if household_id.isdigit():
            existing = selectors.huishouden_for(request.user, int(household_id))
        try:
            traject = services.register_aanmelding(
                actor=request.user,
                team=form.cleaned_data["team"],
                aanmelding=aanmelding,
                persoon=persoon,
                huishouden=huishouden,
                bestaand_huishouden=existing,
                regisseur=request.user if form.cleaned_data["zelf_regisseur"] else None,
                duplicate_confirmed=form.cleaned_data["duplicate_confirmed"],
            )
        except services.DuplicateSuspected as suspected:
            duplicates = suspected.matches
            form.data = form.data.copy()
            form.data["duplicate_confirmed"] = "on"
        except ValidationError as error:
            forms.apply_errors(form, error)
        except TransitionNotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Aanmelding geregistreerd als %(nummer)s.") % {"nummer": traject.dossiernummer})
            return redirect("dossiers:traject", traject.pk)
    candidates = Huishouden.objects.filter(pk__in=[person.huishouden_id for person in duplicates])
    visible_households = set(authorization.visible_huishoudens(request.user, candidates).values_list("pk", flat=True))
    return render(
        request,
        "dossiers/aanmelding_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "visible_households": visible_households,
            "can_use_noodtoegang": authorization.may_use_noodtoegang(request.user),
        },
        status=400 if request.method == "POST" and not duplicates else 200,
    )


def _team_workers(team_id: int):
    """The colleagues who can be regisseur in a team: its current gezinswerkers and managers."""
    in_team = Membership.objects.current().filter(team_id=team_id, role__in=authorization.worker_roles())
    return User.objects.filter(pk__in=in_team.values("user_id")).order_by("first_name", "last_name")


@dataclass(frozen=True)
class Venster:
    """A page of a list that is newest first, found without counting the list: one row more than
    the page says whether there are older ones."""

    object_list: list
    number: int
    has_older: bool

    @classmethod
    def van(cls, queryset, pagina: str | None) -> "Venster":
        number = int(pagina) if pagina and pagina.isdigit() and int(pagina) > 0 else 1
        start = (number - 1) * PAGE_SIZE
        rows = list(queryset[start : start + PAGE_SIZE + 1])
        return cls(rows[:PAGE_SIZE], number, len(rows) > PAGE_SIZE)


def _detail_context(request, traject, bound_forms: dict | None = None) -> dict:
    bound_forms = bound_forms or {}
    can_work = authorization.can_work_on_traject(request.user, traject)
    step_forms = []
    for transition in workflow.available_transitions(traject):
        if workflow.may_perform(request.user, traject, transition.name):
            form = bound_forms.get(transition.name) or forms.TRANSITION_FORMS[transition.name](prefix=transition.name)
            step_forms.append((transition, form))
    contact_form = bound_forms.get("contactmoment") or forms.ContactmomentForm(prefix="contact", traject=traject)
    afspraken = selectors.werkafspraken_for(traject.team.organisatie_id)
    # A traject runs for years: the page shows the newest journal entries and timeline events, and
    # `pagina` goes back in time in both, so the page costs the same for an old traject as a new one.
    entry_page = Venster.van(selectors.contactmomenten(traject), request.GET.get("pagina"))
    event_page = Venster.van(selectors.timeline(traject=traject), request.GET.get("pagina"))
    entries = journal_links.annotate(entry_page.object_list)
    withheld = selectors.withheld(entries)
    entry_type = ContentType.objects.get_for_model(Contactmoment).pk
    personen = list(traject.huishouden.personen.all())
    status = selectors.portal_status(traject.huishouden)
    for persoon in personen:
        persoon.portaal = status.get(persoon.pk)
        persoon.kan_portaal = authorization.may_have_portal_access(persoon)
    earliest_correctable = timezone.now() - datetime.timedelta(minutes=afspraken.journaal_correctie_minuten)
    for entry in entries:
        entry.afschermingen = withheld.get((entry_type, entry.pk), [])
        entry.correctable = (
            entry.auteur_id == request.user.pk and can_work and entry.aangemaakt_op >= earliest_correctable
        )
    return {
        "traject": traject,
        "personen": personen,
        # The same unbound form goes under every journal entry: rendered once, not once per entry.
        "afschermen_velden": render_to_string(
            "components/form_fields.html", {"form": forms.AfschermenForm(personen=personen)}, request=request
        ),
        "intrekken_form": forms.IntrekkenForm(),
        "can_work": can_work and traject.status != Status.AFGESLOTEN,
        "can_distribute": authorization.can_distribute(request.user, traject) and traject.is_open,
        "step_forms": step_forms,
        "contact_form": contact_form,
        "regisseur_form": bound_forms.get("regisseur")
        or forms.RegisseurForm(candidates=_team_workers(traject.team_id), initial={"regisseur": traject.regisseur_id}),
        "entries": entries,
        "entry_page": entry_page,
        "event_page": event_page,
        "events": event_page.object_list,
        "norm": afspraken.kennismaking_norm_werkdagen,
    }


@login_required
def traject_detail(request, traject_id: int):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    return render(request, "dossiers/traject_detail.html", _detail_context(request, traject))


def _refused(request, traject_id: int, message: str):
    messages.error(request, message)
    return redirect("dossiers:traject", traject_id)


@login_required
@require_POST
def traject_step(request, traject_id: int, name: str):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    form_class = forms.TRANSITION_FORMS.get(name)
    if form_class is None:
        raise Http404
    _require(workflow.may_perform(request.user, traject, name))
    form = form_class(request.POST, prefix=name)
    if form.is_valid():
        try:
            workflow.perform(traject_id=traject.pk, name=name, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        except TransitionNotAllowed as refusal:
            return _refused(request, traject.pk, refusal.message)
        else:
            messages.success(request, _("Opgeslagen: %(stap)s.") % {"stap": workflow.TRANSITIONS[name].label})
            return redirect("dossiers:traject", traject.pk)
    context = _detail_context(request, traject, {name: form})
    context["open_step"] = name
    return render(request, "dossiers/traject_detail.html", context, status=400)


@login_required
@require_POST
def traject_regisseur(request, traject_id: int):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    _require(authorization.can_distribute(request.user, traject))
    form = forms.RegisseurForm(request.POST, candidates=_team_workers(traject.team_id))
    if form.is_valid():
        try:
            services.assign_regisseur(actor=request.user, traject=traject, regisseur=form.cleaned_data["regisseur"])
        except ValidationError as error:
            forms.apply_errors(form, error)
        except TransitionNotAllowed as refusal:
            return _refused(request, traject.pk, refusal.message)
        else:
            messages.success(request, _("Regisseur opgeslagen."))
            back = request.POST.get("terug", "")
            if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                back = reverse("dossiers:traject", args=[traject.pk])
            return redirect(back)
    return render(
        request, "dossiers/traject_detail.html", _detail_context(request, traject, {"regisseur": form}), status=400
    )


@login_required
@require_POST
def contactmoment_new(request, traject_id: int):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    _require(authorization.can_work_on_traject(request.user, traject))
    form = forms.ContactmomentForm(request.POST, prefix="contact", traject=traject)
    if form.is_valid():
        try:
            services.write_contactmoment(
                actor=request.user,
                traject=traject,
                data=services.ContactmomentData.from_mapping(form.cleaned_data, form.chosen_links()),
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        except TransitionNotAllowed as refusal:
            return _refused(request, traject.pk, refusal.message)
        else:
            messages.success(request, _("Contactmoment opgeslagen."))
            return redirect(f"{reverse('dossiers:traject', args=[traject.pk])}#journaal")
    context = _detail_context(request, traject, {"contactmoment": form})
    return render(request, "dossiers/traject_detail.html", context, status=400)


@login_required
def contactmoment_edit(request, contactmoment_id: int):
    _staff_only(request)
    entry = selectors.contactmoment_for(request.user, contactmoment_id)
    if not authorization.can_correct_contactmoment(request.user, entry):
        raise PermissionDenied
    initial = {
        "plaatsgevonden_op": timezone.localtime(entry.plaatsgevonden_op),
        "soort": entry.soort,
        "deelnemers": entry.deelnemers,
        "duur_minuten": entry.duur_minuten,
        "tekst": entry.tekst,
        "zichtbaar_voor_client": entry.zichtbaar_voor_client,
        "reden_niet_zichtbaar": entry.reden_niet_zichtbaar,
        "versie": entry.versie,
    }
    form = forms.ContactmomentForm(request.POST or None, initial=initial, traject=entry.traject, entry=entry)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.correct_contactmoment(
                    actor=request.user,
                    contactmoment_id=entry.pk,
                    expected_versie=form.cleaned_data["versie"] or 0,
                    data=services.ContactmomentData.from_mapping(form.cleaned_data, form.chosen_links()),
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
                entry.refresh_from_db()
                status = 409
            except TransitionNotAllowed as refusal:
                return _refused(request, entry.traject_id, refusal.message)
            else:
                messages.success(request, _("Contactmoment verbeterd."))
                return redirect(f"{reverse('dossiers:traject', args=[entry.traject_id])}#journaal")
    return render(request, "dossiers/contactmoment_form.html", {"form": form, "entry": entry}, status=status)


@login_required
def persoon_new(request, traject_id: int):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    if not authorization.can_work_on_traject(request.user, traject):
        raise PermissionDenied
    form = forms.PersoonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_persoon(actor=request.user, traject=traject, persoon=_persoon_data(form.cleaned_data))
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Gezinslid toegevoegd."))
            return redirect("dossiers:traject", traject.pk)
    return render(
        request,
        "dossiers/persoon_form.html",
        {"form": form, "traject": traject},
        status=400 if request.method == "POST" else 200,
    )


def _persoon_data(data) -> services.PersoonData:
    return services.PersoonData(
        voornaam=data["voornaam"],
        tussenvoegsel=data["tussenvoegsel"],
        achternaam=data["achternaam"],
        geboortedatum=data["geboortedatum"],
        bsn=data["bsn"] or "",
        rol=data["rol"],
        telefoon=data["telefoon"],
        email=data["email"],
        gezag=data.get("gezag"),
    )


@login_required
def persoon_edit(request, traject_id: int, persoon_id: int):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    if not authorization.can_work_on_traject(request.user, traject):
        raise PermissionDenied
    persoon = get_object_or_404(traject.huishouden.personen, pk=persoon_id)
    form = forms.PersoonEditForm(request.POST or None, instance=persoon)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_persoon(
                actor=request.user, traject=traject, persoon_id=persoon.pk, data=_persoon_data(form.cleaned_data)
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Gegevens opgeslagen."))
            return redirect("dossiers:traject", traject.pk)
    return render(
        request,
        "dossiers/persoon_form.html",
        {"form": form, "traject": traject, "persoon": persoon},
        status=400 if request.method == "POST" else 200,
    )


def _traject_persoon(request, traject_id: int, persoon_id: int):
    traject = selectors.traject_for(request.user, traject_id)
    return traject, get_object_or_404(traject.huishouden.personen, pk=persoon_id)


@login_required
@require_POST
def portaal_uitnodigen(request, traject_id: int, persoon_id: int):
    _staff_only(request)
    traject, persoon = _traject_persoon(request, traject_id, persoon_id)
    _require(authorization.can_manage_portal_access(request.user, traject))
    form = forms.PortaalUitnodigingForm(request.POST)
    if not form.is_valid():
        return _refused(request, traject.pk, _("Vul een geldig e-mailadres in."))
    try:
        toegang.invite(actor=request.user, traject=traject, persoon=persoon, email=form.cleaned_data["email"])
    except ValidationError as error:
        return _refused(request, traject.pk, " ".join(error.messages))
    except Conflict as refusal:
        return _refused(request, traject.pk, refusal.message)
    messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]})
    return redirect(f"{reverse('dossiers:traject', args=[traject.pk])}#gezin-kop")


@login_required
@require_POST
def portaal_intrekken(request, traject_id: int, persoon_id: int):
    _staff_only(request)
    traject, persoon = _traject_persoon(request, traject_id, persoon_id)
    _require(authorization.can_manage_portal_access(request.user, traject))
    form = forms.IntrekkenForm(request.POST)
    if not form.is_valid():
        return _refused(request, traject.pk, _("Schrijf op waarom de toegang stopt."))
    try:
        toegang.revoke(actor=request.user, traject=traject, persoon=persoon, reden=form.cleaned_data["reden"])
    except Conflict as refusal:
        return _refused(request, traject.pk, refusal.message)
    messages.success(request, _("De toegang tot het portaal is gestopt."))
    return redirect(f"{reverse('dossiers:traject', args=[traject.pk])}#gezin-kop")


@login_required
@require_POST
def contactmoment_afschermen(request, contactmoment_id: int):
    _staff_only(request)
    entry = selectors.contactmoment_for(request.user, contactmoment_id)
    traject = entry.traject
    _require(authorization.can_manage_portal_access(request.user, traject))
    form = forms.AfschermenForm(request.POST, personen=list(traject.huishouden.personen.all()))
    if not form.is_valid():
        return _refused(request, traject.pk, _("Kies voor wie en schrijf de reden op."))
    toegang.withhold(
        actor=request.user,
        traject=traject,
        item=entry,
        persoon=form.cleaned_data["persoon"],
        reden=form.cleaned_data["reden"],
    )
    messages.success(request, _("Afgeschermd voor %(naam)s.") % {"naam": form.cleaned_data["persoon"].voornaam})
    return redirect(f"{reverse('dossiers:traject', args=[traject.pk])}#entry-{entry.pk}")


@login_required
@require_POST
def afscherming_opheffen(request, traject_id: int, afscherming_id: int):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    _require(authorization.can_manage_portal_access(request.user, traject))
    afscherming = get_object_or_404(Afscherming, pk=afscherming_id, persoon__huishouden_id=traject.huishouden_id)
    toegang.lift_withholding(actor=request.user, traject=traject, afscherming_id=afscherming.pk)
    messages.success(request, _("De afscherming is opgeheven."))
    return redirect("dossiers:traject", traject.pk)


@login_required
def huishouden_detail(request, huishouden_id: int):
    _staff_only(request)
    huishouden = selectors.huishouden_for(request.user, huishouden_id)
    return render(
        request,
        "dossiers/huishouden_detail.html",
        {"huishouden": huishouden, "events": selectors.timeline(huishouden=huishouden)},
    )


@login_required
def noodtoegang_open(request):
    """Break-the-glass: open a dossier of another team of the organisation after giving a reason."""
    _staff_only(request)
    if not authorization.may_use_noodtoegang(request.user):
        raise PermissionDenied
    form = forms.NoodtoegangForm(request.POST or None, initial={"dossiernummer": request.GET.get("dossier", "")})
    if request.method == "POST" and form.is_valid():
        try:
            traject = noodtoegang.find_traject(request.user, form.cleaned_data["dossiernummer"])
            if authorization.can_view_traject(request.user, traject):
                return redirect("dossiers:traject", traject.pk)
            noodtoegang.open_noodtoegang(actor=request.user, traject=traject, reden=form.cleaned_data["reden"])
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.warning(
                request,
                _("Je hebt noodtoegang tot dit dossier. De teammanager van het team krijgt hiervan bericht."),
            )
            return redirect("dossiers:traject", traject.pk)
    return render(
        request,
        "dossiers/noodtoegang_form.html",
        {"form": form, "uren": settings.BOKS_NOODTOEGANG_UREN, "mine": noodtoegang.mine(request.user)[:10]},
        status=400 if form.errors else 200,
    )


@login_required
def noodtoegang_overzicht(request):
    """Noodtoegang to the dossiers of the manager's teams (or the privacy officer's organisation)."""
    _staff_only(request)
    if not authorization.sees_noodtoegang(request.user):
        raise PermissionDenied
    page = Paginator(noodtoegang.visible(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    for item in page:
        if not item.oordeel and authorization.can_judge_noodtoegang(request.user, item):
            item.oordeel_form = forms.NoodtoegangOordeelForm(prefix=f"n{item.pk}")
    return render(request, "dossiers/noodtoegang_overzicht.html", {"page": page})


@login_required
@require_POST
def noodtoegang_beoordelen(request, noodtoegang_id: int):
    _staff_only(request)
    item = noodtoegang.noodtoegang_for(request.user, noodtoegang_id)
    _require(authorization.can_judge_noodtoegang(request.user, item))
    form = forms.NoodtoegangOordeelForm(request.POST, prefix=f"n{item.pk}")
    if form.is_valid():
        try:
            noodtoegang.judge(
                actor=request.user,
                noodtoegang=item,
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except Conflict as conflict:
            messages.error(request, conflict.message)
        else:
            messages.success(request, _("Je oordeel over de noodtoegang is opgeslagen."))
    else:
        messages.error(request, _("Kies of de noodtoegang terecht was."))
    return redirect("dossiers:noodtoegang_overzicht")


@login_required
def wijzigingen(request, traject_id: int):
    """Who changed which of the traject's records when, with the values before and after; one record
    when `?object=` names it."""
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id, authorization.Onderwerp.WIJZIGINGSHISTORIE)
    sleutel = request.GET.get("object", "")
    changes = wijzigingen_module.history_of(traject, sleutel=sleutel)
    access_log.read(traject=traject, omschrijving="Wijzigingshistorie")
    return render(
        request,
        "dossiers/wijzigingen.html",
        {"traject": traject, "page": _page(request, changes), "sleutel": sleutel},
    )
