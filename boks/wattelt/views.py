from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.dossiers.forms import apply_errors
from boks.gezinsplan import selectors as gezinsplan_selectors

from . import charts, forms, schedule, selectors, services
from .choices import Beoordelaar
from .errors import ScoresAlGegeven, TrajectAfgesloten


def _staff_only(request) -> None:
    if not authorization.is_staff_member(request.user):
        raise PermissionDenied


def _schema(traject) -> dict:
    """What the page says about the next round."""
    vervaldatum = traject.wattelt_vervaldatum
    return {
        "ronde": traject.wattelt_ronde,
        "vervaldatum": vervaldatum,
        "te_laat": vervaldatum is not None and vervaldatum < timezone.localdate(),
        "gesprekken": selectors.gesprekken_na_kennismaking(traject) if vervaldatum is None else None,
        "nodig": schedule.GESPREKKEN_VOOR_EERSTE_RONDE,
    }


@login_required
def traject(request, traject_id: int):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    metingen = list(selectors.metingen_van(traject))
    for meting in metingen:
        scored = {score.beoordelaar for score in meting.scores.all()}
        meting.aan_te_vullen = [str(Beoordelaar(rater).label) for rater in services.VOLLEDIG if rater not in scored]
    return render(
        request,
        "wattelt/traject.html",
        {
            "traject": traject,
            "schema": _schema(traject),
            "historie": charts.historie(metingen, gezinsplan_selectors.doelen_per_leefgebied(traject)),
            "metingen": metingen,
            "can_record": authorization.can_record_meting(request.user, traject) and traject.is_open,
        },
    )


def _meting_form(request, traject_id: int, form_class, template: str):
    _staff_only(request)
    traject = selectors.traject_for(request.user, traject_id)
    if not authorization.can_record_meting(request.user, traject):
        raise PermissionDenied
    if not traject.is_open:
        messages.error(request, _("Het traject is afgesloten. Heropen het om Wat Telt in te vullen."))
        return redirect("wattelt:traject", traject.pk)
    instellingen = selectors.instellingen_voor(traject.team.organisatie_id)
    form = form_class(
        request.POST or None,
        catalogus=selectors.catalogus(traject.team.organisatie_id),
        personen=traject.huishouden.personen.order_by("geboortedatum", "pk"),
        schaal_min=instellingen.schaal_min,
        schaal_max=instellingen.schaal_max,
    )
    if request.method == "POST" and form.is_valid():
        try:
            meting = services.registreer_meting(actor=request.user, traject=traject, data=form.meting_data())
        except ValidationError as error:
            apply_errors(form, error)
        except TrajectAfgesloten as refusal:
            messages.error(request, refusal.message)
            return redirect("wattelt:traject", traject.pk)
        else:
            if meting.herhaald:
                messages.info(request, _("Deze meting was al opgeslagen; er is niets dubbel bewaard."))
            else:
                messages.success(request, _("Wat Telt opgeslagen (ronde %(ronde)s).") % {"ronde": meting.ronde})
            return redirect("wattelt:traject", traject.pk)
    return render(
        request,
        template,
        {"traject": traject, "form": form, "schaal": form.schaal},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def meting_digitaal(request, traject_id: int):
    return _meting_form(request, traject_id, forms.DigitaleMetingForm, "wattelt/meting_digitaal.html")


@login_required
def meting_papier(request, traject_id: int):
    return _meting_form(request, traject_id, forms.PapierenMetingForm, "wattelt/meting_papier.html")


@login_required
def scores_aanvullen(request, meting_id: int):
    """A rater who did not score yet adds their scores to an existing meting."""
    _staff_only(request)
    meting = selectors.meting_for(request.user, meting_id)
    traject = selectors.traject_for(request.user, meting.traject_id)
    if not authorization.can_record_meting(request.user, traject):
        raise PermissionDenied
    scored = {score.beoordelaar for score in meting.scores.all()}
    raters = [rater for rater in Beoordelaar.values if rater not in scored]
    if not raters or not traject.is_open:
        messages.info(request, _("Deze meting kan niet meer worden aangevuld."))
        return redirect("wattelt:traject", traject.pk)
    form = forms.ScoresAanvullenForm(request.POST or None, meting=meting, raters=raters)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.geef_scores(
                actor=request.user,
                meting=meting,
                beoordelaar=data["beoordelaar"],
                scores=form.scores(),
                algemene_score=data.get("algemene_score"),
                derde_naam=data.get("derde_naam", ""),
                derde_relatie=data.get("derde_relatie", ""),
            )
        except ValidationError as error:
            for key, errors in error.message_dict.items():
                form.add_error(form.field_for(key), errors)
        except (ScoresAlGegeven, TrajectAfgesloten) as refusal:
            messages.error(request, refusal.message)
            return redirect("wattelt:traject", traject.pk)
        else:
            messages.success(request, _("Scores toegevoegd."))
            return redirect("wattelt:traject", traject.pk)
    return render(
        request,
        "wattelt/scores_aanvullen.html",
        {"traject": traject, "meting": meting, "form": form},
        status=400 if request.method == "POST" else 200,
    )
