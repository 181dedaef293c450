"""Writes for the gezinsplan. Each function is one step with one transaction; it checks the
authorisation module, locks what it changes, validates with Dutch messages, and records its
timeline event. A vastgestelde version never changes: edits go into a concept version."""

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.models import Organisatie
from boks.audit import log as access_log
from boks.dossiers import timeline, workflow
from boks.dossiers.choices import Leefgebied, Status
from boks.dossiers.errors import EditConflict, TransitionNotAllowed
from boks.dossiers.models import Persoon, Traject
from boks.notifications.services import Message, notify_many

from . import defaults, selectors
from .choices import (
    AfspraakStatus,
    Beoordelaar,
    ChecklistAntwoord,
    DoelStatus,
    Herkomst,
    InstemmingWijze,
    RegieBij,
    VeiligheidOordeel,
    VersieStatus,
    VoorstelStatus,
    WieSoort,
)
from .errors import VersieVastgesteld
from .models import (
    Afspraak,
    Afweging,
    Doel,
    DoelVoorstel,
    Evaluatie,
    EvaluatieDoel,
    Gezinsplan,
    NetwerkLid,
    PlanAfspraak,
    PlanDoel,
    PlanSjabloon,
    PlanVersie,
    Schaalvraag,
    Score,
    SjabloonVersie,
)

PLAN_STATUSES = (Status.PLAN, Status.UITVOERING)
DEFAULT_SCHAALVRAAG = _("In hoeverre is dit doel bereikt?")


# Templates -------------------------------------------------------------------------------------


def _template_content(sjabloon: PlanSjabloon) -> dict:
    return {
        "naam": sjabloon.naam,
        "toelichting": {section: getattr(sjabloon, f"toelichting_{section}") for section in defaults.SECTION_HELP},
        "veiligheidsvragen": [line.strip() for line in sjabloon.veiligheidsvragen.splitlines() if line.strip()],
        "evaluatievragen": [line.strip() for line in sjabloon.evaluatievragen.splitlines() if line.strip()],
    }


def snapshot_sjabloon(sjabloon: PlanSjabloon) -> SjabloonVersie:
    """The template's current content as a version; a new version only when the content changed."""
    content = _template_content(sjabloon)
    latest = sjabloon.versies.order_by("-nummer").first()
    if latest is not None and latest.inhoud == content:
        return latest
    return SjabloonVersie.objects.create(sjabloon=sjabloon, nummer=(latest.nummer + 1) if latest else 1, inhoud=content)


@transaction.atomic
def save_sjabloon(*, actor, sjabloon: PlanSjabloon) -> PlanSjabloon:
    """Beheer saves a template; plans made from now on use the new content, earlier plan versions
    keep the version they were made with."""
    if not authorization.can_manage_organisation(actor, sjabloon.organisatie):
        raise PermissionDenied(_("Je beheert deze organisatie niet."))
    sjabloon.full_clean()
    if sjabloon.standaard:
        PlanSjabloon.objects.filter(organisatie=sjabloon.organisatie, standaard=True).exclude(pk=sjabloon.pk).update(
            standaard=False
        )
    sjabloon.save()
    snapshot_sjabloon(sjabloon)
    return sjabloon


def standaard_sjabloon(organisatie: Organisatie) -> PlanSjabloon:
    """The organisation's default template, created from the built-in format the first time."""
    found = PlanSjabloon.objects.filter(organisatie=organisatie, actief=True).order_by("-standaard", "pk").first()
    if found is not None:
        return found
    sjabloon, _created = PlanSjabloon.objects.get_or_create(
        organisatie=organisatie,
        naam=str(_("Gezinsplan")),
        defaults={
            "standaard": True,
            **{f"toelichting_{section}": str(text) for section, text in defaults.SECTION_HELP.items()},
            "veiligheidsvragen": "\n".join(str(vraag) for vraag in defaults.VEILIGHEIDSVRAGEN),
            "evaluatievragen": "\n".join(str(vraag) for vraag in defaults.EVALUATIEVRAGEN),
        },
    )
    return sjabloon


# Plans and versions ----------------------------------------------------------------------------


def _require_worker(actor, traject: Traject) -> None:
    if not authorization.can_edit_plan(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    if traject.status == Status.AFGESLOTEN:
        raise TransitionNotAllowed(_("Het traject is afgesloten. Heropen het om aan het plan te werken."))


def _touch(versie: PlanVersie, actor) -> None:
    access_log.change(
        traject=versie.plan.traject, obj=versie, omschrijving=f"Concept gezinsplan versie {versie.nummer}"
    )
    versie.gewijzigd_op = timezone.now()
    versie.gewijzigd_door = actor
    versie.save(update_fields=["gewijzigd_op", "gewijzigd_door"])


@transaction.atomic
def start_plan(*, actor, traject: Traject, sjabloon: PlanSjabloon | None = None) -> PlanVersie:
    """Starts the traject's plan with a first concept version; the aanmeldvraag is the first draft of
    the vraagverheldering."""
    traject = Traject.objects.select_for_update().select_related("team__organisatie").get(pk=traject.pk)
    _require_worker(actor, traject)
    if traject.status not in PLAN_STATUSES:
        raise TransitionNotAllowed(
            _("Een gezinsplan maak je als de begeleiding is gestart. Zet eerst de stap 'Begeleiding starten'.")
        )
    if Gezinsplan.objects.filter(traject=traject).exists():
        raise TransitionNotAllowed(_("Dit traject heeft al een gezinsplan."))
    sjabloon = sjabloon or standaard_sjabloon(traject.team.organisatie)
    if sjabloon.organisatie_id != traject.team.organisatie_id or not sjabloon.actief:
        raise ValidationError({"sjabloon": _("Kies een sjabloon van je eigen organisatie.")})
    plan = Gezinsplan.objects.create(traject=traject)
    versie = PlanVersie.objects.create(
        plan=plan,
        nummer=1,
        sjabloon_versie=snapshot_sjabloon(sjabloon),
        vraagverheldering=traject.aanmeldvraag,
        aangemaakt_door=actor,
        gewijzigd_door=actor,
    )
    timeline.record_event(
        traject=traject,
        soort="gezinsplan.versie_gemaakt",
        titel=_("Gezinsplan gestart (concept)"),
        actor=actor,
        bron=versie,
    )
    return versie


@transaction.atomic
def new_version(*, actor, plan: Gezinsplan) -> PlanVersie:
    """A new concept that starts as a copy of the vastgestelde version. Goals that were dropped and
    agreements no longer open stay behind in the earlier version."""
    plan = Gezinsplan.objects.select_for_update().select_related("traject__team").get(pk=plan.pk)
    _require_worker(actor, plan.traject)
    if selectors.concept_of(plan) is not None:
        raise TransitionNotAllowed(_("Er is al een conceptversie. Werk daarin verder."))
    source = selectors.vastgestelde_versie(plan)
    if source is None:
        raise TransitionNotAllowed(_("Er is nog geen vastgestelde versie om op verder te bouwen."))
    source = selectors.with_content(source)
    copy = PlanVersie.objects.create(
        plan=plan,
        nummer=source.nummer + 1,
        sjabloon_versie=source.sjabloon_versie,
        vraagverheldering=source.vraagverheldering,
        visie_client=source.visie_client,
        regie_bij=source.regie_bij,
        regie_naam=source.regie_naam,
        regie_organisatie=source.regie_organisatie,
        veiligheid_oordeel=source.veiligheid_oordeel,
        veiligheid_toelichting=source.veiligheid_toelichting,
        veiligheid_antwoorden=source.veiligheid_antwoorden,
        aangemaakt_door=actor,
        gewijzigd_door=actor,
    )
    for plan_doel in source.doelen.all():
        if plan_doel.doel.status == DoelStatus.VERVALLEN:
            continue
        new_goal = PlanDoel.objects.create(
            versie=copy,
            doel=plan_doel.doel,
            omschrijving=plan_doel.omschrijving,
            leefgebied=plan_doel.leefgebied,
            prioriteit=plan_doel.prioriteit,
        )
        new_goal.eigenaren.set(plan_doel.eigenaren.all())
    PlanAfspraak.objects.bulk_create(
        PlanAfspraak(
            versie=copy,
            afspraak=item.afspraak,
            doel=item.doel,
            wat=item.wat,
            wie_soort=item.wie_soort,
            wie_persoon=item.wie_persoon,
            wie_naam=item.wie_naam,
            uiterlijk_op=item.uiterlijk_op,
        )
        for item in source.afspraken.all()
        if item.afspraak.status == AfspraakStatus.OPEN
    )
    NetwerkLid.objects.bulk_create(
        NetwerkLid(versie=copy, sleutel=lid.sleutel, naam=lid.naam, relatie=lid.relatie, rol=lid.rol)
        for lid in source.netwerk.all()
    )
    Afweging.objects.bulk_create(
        Afweging(
            versie=copy,
            sleutel=item.sleutel,
            deskundige=item.deskundige,
            deskundigheid=item.deskundigheid,
            tekst=item.tekst,
            medewerker=item.medewerker,
        )
        for item in source.afwegingen.all()
    )
    timeline.record_event(
        traject=plan.traject,
        soort="gezinsplan.versie_gemaakt",
        titel=_("Nieuwe versie %(nummer)s van het gezinsplan (concept)") % {"nummer": copy.nummer},
        actor=actor,
        bron=copy,
    )
    return copy


def _lock_concept(versie_id: int, actor) -> PlanVersie:
    versie = PlanVersie.objects.select_for_update().select_related("plan__traject__team__organisatie").get(pk=versie_id)
    _require_worker(actor, versie.plan.traject)
    if not versie.is_concept:
        raise VersieVastgesteld(
            _("Deze versie is vastgesteld en verandert niet meer. Maak een nieuwe versie om het plan aan te passen.")
        )
    return versie


SECTIONS = {
    "vraagverheldering": ["vraagverheldering"],
    "visie": ["visie_client"],
    "regie": ["regie_bij", "regie_naam", "regie_organisatie"],
    "veiligheid": ["veiligheid_oordeel", "veiligheid_toelichting", "veiligheid_antwoorden"],
    "wijzigingen": ["wijzigingen"],
}


def _validate_section(versie: PlanVersie, section: str, data: dict) -> dict:
    cleaned = {name: data.get(name, getattr(versie, name)) for name in SECTIONS[section]}
    errors = {}
    if section == "regie":
        if cleaned["regie_bij"] not in RegieBij.values:
            errors["regie_bij"] = _("Kies bij wie de regie ligt.")
        elif cleaned["regie_bij"] == RegieBij.EXTERN:
            if not cleaned["regie_naam"].strip():
                errors["regie_naam"] = _("Schrijf op wie de regie heeft.")
            if not cleaned["regie_organisatie"].strip():
                errors["regie_organisatie"] = _("Schrijf op bij welke organisatie.")
        else:
            cleaned["regie_naam"] = cleaned["regie_organisatie"] = ""
    if section == "veiligheid":
        if cleaned["veiligheid_oordeel"] not in VeiligheidOordeel.values:
            errors["veiligheid_oordeel"] = _("Kies een oordeel over de veiligheid.")
        questions = versie.sjabloon_versie.veiligheidsvragen
        answers = cleaned["veiligheid_antwoorden"] or {}
        if any(key not in questions or value not in ChecklistAntwoord.values for key, value in answers.items()):
            errors["veiligheid_antwoorden"] = _("Beantwoord de vragen met ja, nee of weet ik niet.")
        if cleaned["veiligheid_oordeel"] in (VeiligheidOordeel.ZORGEN, VeiligheidOordeel.ERNSTIGE_ZORGEN) and not (
            cleaned["veiligheid_toelichting"].strip()
        ):
            errors["veiligheid_toelichting"] = _("Schrijf bij zorgen op welke afspraken jullie over veiligheid maken.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _section_display(versie: PlanVersie, section: str) -> dict[str, str]:
    """The section's saved values as a person reads them, for a conflict message."""
    shown = {}
    for name in SECTIONS[section]:
        field = PlanVersie._meta.get_field(name)
        if name == "veiligheid_antwoorden":
            value = "; ".join(
                f"{vraag} {ChecklistAntwoord(antwoord).label}"
                for vraag, antwoord in versie.veiligheid_antwoorden.items()
            )
        elif field.choices:
            value = getattr(versie, f"get_{name}_display")()
        else:
            value = getattr(versie, name)
        shown[str(field.verbose_name)] = value
    return shown


@transaction.atomic
def update_section(*, actor, versie_id: int, section: str, expected_versie: int, data: dict) -> PlanVersie:
    """Saves one section of a concept. A stale version number means someone saved in between:
    EditConflict, and nothing is overwritten."""
    if section not in SECTIONS:
        raise ValidationError(_("Onbekend onderdeel van het plan."))
    versie = _lock_concept(versie_id, actor)
    if versie.versie != expected_versie:
        raise EditConflict(
            _("Iemand anders heeft dit onderdeel intussen opgeslagen. Je wijziging is niet bewaard."),
            huidig=_section_display(versie, section),
            gewijzigd_door=versie.gewijzigd_door.get_full_name(),
        )
    for name, value in _validate_section(versie, section, data).items():
        setattr(versie, name, value)
    versie.versie += 1
    versie.gewijzigd_op = timezone.now()
    versie.gewijzigd_door = actor
    versie.save()
    access_log.change(
        traject=versie.plan.traject, obj=versie, omschrijving=f"Concept gezinsplan versie {versie.nummer}"
    )
    return versie


# Goals -----------------------------------------------------------------------------------------


@dataclass
class DoelData:
    omschrijving: str
    leefgebied: str = ""
    eigenaren: list[Persoon] = field(default_factory=list)
    prioriteit: int | None = None


def _validate_doel(versie: PlanVersie, data: DoelData) -> None:
    errors = {}
    if not data.omschrijving.strip():
        errors["omschrijving"] = _("Schrijf het doel op, in de woorden van het gezin.")
    if data.leefgebied and data.leefgebied not in Leefgebied.values:
        errors["leefgebied"] = _("Kies een leefgebied uit de lijst.")
    huishouden_id = versie.plan.traject.huishouden_id
    if any(persoon.huishouden_id != huishouden_id for persoon in data.eigenaren):
        errors["eigenaren"] = _("Kies gezinsleden van dit huishouden.")
    if errors:
        raise ValidationError(errors)


def _next_priority(versie: PlanVersie) -> int:
    return (versie.doelen.aggregate(hoogste=Max("prioriteit"))["hoogste"] or 0) + 1


@transaction.atomic
def add_doel(
    *, actor, versie_id: int, data: DoelData, schaalvraag: str = "", herkomst: str = Herkomst.MEDEWERKER
) -> PlanDoel:
    """Adds a goal to a concept, with its first scale question (a default one when none is given)."""
    versie = _lock_concept(versie_id, actor)
    _validate_doel(versie, data)
    doel = Doel.objects.create(plan=versie.plan, herkomst=herkomst)
    plan_doel = PlanDoel.objects.create(
        versie=versie,
        doel=doel,
        omschrijving=data.omschrijving.strip(),
        leefgebied=data.leefgebied,
        prioriteit=data.prioriteit or _next_priority(versie),
    )
    plan_doel.eigenaren.set(data.eigenaren)
    Schaalvraag.objects.create(
        doel=doel,
        vraag=schaalvraag.strip() or str(DEFAULT_SCHAALVRAAG),
        betekenis_laag=_("nog helemaal niet"),
        betekenis_hoog=_("helemaal bereikt"),
    )
    _touch(versie, actor)
    return plan_doel


def _lock_row(model, row_id: int, expected: int, actor, describe):
    row = model.objects.select_for_update().get(pk=row_id)
    versie = _lock_concept(row.versie_id, actor)
    if row.versie_teller != expected:
        raise EditConflict(
            _("Iemand anders heeft dit intussen opgeslagen. Je wijziging is niet bewaard."),
            huidig=describe(row),
            gewijzigd_door=versie.gewijzigd_door.get_full_name(),
        )
    return row, versie


def _describe_doel(plan_doel: PlanDoel) -> dict:
    return {
        "omschrijving": plan_doel.omschrijving,
        "leefgebied": plan_doel.get_leefgebied_display(),
        "eigenaren": ", ".join(p.voornaam for p in plan_doel.eigenaren.all()),
    }


@transaction.atomic
def update_doel(*, actor, plan_doel_id: int, expected_versie: int, data: DoelData) -> PlanDoel:
    plan_doel, versie = _lock_row(PlanDoel, plan_doel_id, expected_versie, actor, _describe_doel)
    _validate_doel(versie, data)
    plan_doel.omschrijving = data.omschrijving.strip()
    plan_doel.leefgebied = data.leefgebied
    plan_doel.versie_teller += 1
    plan_doel.save()
    plan_doel.eigenaren.set(data.eigenaren)
    _touch(versie, actor)
    return plan_doel


@transaction.atomic
def remove_doel(*, actor, plan_doel_id: int, expected_versie: int) -> None:
    """Takes a goal out of the concept; its agreements in this version go with it. A goal that was
    in the vastgestelde version becomes 'vervallen' when this version is vastgesteld."""
    plan_doel, versie = _lock_row(PlanDoel, plan_doel_id, expected_versie, actor, _describe_doel)
    doel = plan_doel.doel
    versie.afspraken.filter(doel=doel).delete()
    plan_doel.delete()
    if not doel.formuleringen.exists() and not doel.schaalvragen.filter(scores__isnull=False).exists():
        doel.schaalvragen.all().delete()
        if not hasattr(doel, "voorstel"):
            doel.delete()
    _renumber(versie)
    _touch(versie, actor)


def _renumber(versie: PlanVersie) -> None:
    goals = list(versie.doelen.order_by("prioriteit", "pk"))
    for position, goal in enumerate(goals, start=1):
        goal.prioriteit = position
    PlanDoel.objects.bulk_update(goals, ["prioriteit"])


@transaction.atomic
def move_doel(*, actor, plan_doel_id: int, direction: int) -> None:
    """Moves a goal one place up (-1) or down (+1) in the priority order."""
    plan_doel = PlanDoel.objects.select_for_update().get(pk=plan_doel_id)
    versie = _lock_concept(plan_doel.versie_id, actor)
    goals = list(versie.doelen.select_for_update().order_by("prioriteit", "pk"))
    index = next(i for i, goal in enumerate(goals) if goal.pk == plan_doel.pk)
    target = index + (1 if direction > 0 else -1)
    if 0 <= target < len(goals):
        goals[index], goals[target] = goals[target], goals[index]
    for position, goal in enumerate(goals, start=1):
        goal.prioriteit = position
    PlanDoel.objects.bulk_update(goals, ["prioriteit"])
    _touch(versie, actor)


@transaction.atomic
def add_schaalvraag(
    *, actor, doel_id: int, vraag: str, betekenis_laag: str = "", betekenis_hoog: str = ""
) -> Schaalvraag:
    doel = Doel.objects.select_for_update().select_related("plan__traject__team__organisatie").get(pk=doel_id)
    _require_worker(actor, doel.plan.traject)
    maximum = selectors.instellingen_for(doel.plan.traject.team.organisatie_id).max_schaalvragen_per_doel
    if not vraag.strip():
        raise ValidationError({"vraag": _("Schrijf de schaalvraag op.")})
    if doel.schaalvragen.count() >= maximum:
        raise ValidationError(
            {
                "vraag": _("Een doel heeft hoogstens %(max)s schaalvragen; zo blijft het doel zelf zichtbaar.")
                % {"max": maximum}
            }
        )
    return Schaalvraag.objects.create(
        doel=doel,
        vraag=vraag.strip(),
        betekenis_laag=betekenis_laag.strip(),
        betekenis_hoog=betekenis_hoog.strip(),
        volgorde=doel.schaalvragen.count() + 1,
    )


# Agreements, network, weighings ----------------------------------------------------------------


@dataclass
class AfspraakData:
    wat: str
    wie_soort: str
    wie_persoon: Persoon | None = None
    wie_naam: str = ""
    uiterlijk_op: datetime.date | None = None
    doel: Doel | None = None


def _validate_afspraak(versie: PlanVersie, data: AfspraakData) -> None:
    errors = {}
    if not data.wat.strip():
        errors["wat"] = _("Schrijf op wat er gaat gebeuren.")
    if data.wie_soort not in WieSoort.values:
        errors["wie_soort"] = _("Kies wie dit doet.")
    elif data.wie_soort == WieSoort.CLIENT:
        if data.wie_persoon is None:
            errors["wie_persoon"] = _("Kies het gezinslid dat dit doet.")
        elif data.wie_persoon.huishouden_id != versie.plan.traject.huishouden_id:
            errors["wie_persoon"] = _("Kies een gezinslid van dit huishouden.")
    elif not data.wie_naam.strip():
        errors["wie_naam"] = _("Schrijf op wie dit doet.")
    if data.doel is not None and not versie.doelen.filter(doel=data.doel).exists():
        errors["doel"] = _("Kies een doel uit deze versie van het plan.")
    if errors:
        raise ValidationError(errors)


def _apply_afspraak(item: PlanAfspraak, data: AfspraakData) -> None:
    item.wat = data.wat.strip()
    item.wie_soort = data.wie_soort
    item.wie_persoon = data.wie_persoon if data.wie_soort == WieSoort.CLIENT else None
    item.wie_naam = "" if data.wie_soort == WieSoort.CLIENT else data.wie_naam.strip()
    item.uiterlijk_op = data.uiterlijk_op
    item.doel = data.doel


@transaction.atomic
def add_afspraak(*, actor, versie_id: int, data: AfspraakData) -> PlanAfspraak:
    versie = _lock_concept(versie_id, actor)
    _validate_afspraak(versie, data)
    item = PlanAfspraak(versie=versie, afspraak=Afspraak.objects.create(plan=versie.plan))
    _apply_afspraak(item, data)
    item.save()
    _touch(versie, actor)
    return item


def _describe_afspraak(item: PlanAfspraak) -> dict:
    return {"wat": item.wat, "wie": item.wie, "uiterlijk_op": item.uiterlijk_op}


@transaction.atomic
def update_afspraak(*, actor, plan_afspraak_id: int, expected_versie: int, data: AfspraakData) -> PlanAfspraak:
    item, versie = _lock_row(PlanAfspraak, plan_afspraak_id, expected_versie, actor, _describe_afspraak)
    _validate_afspraak(versie, data)
    _apply_afspraak(item, data)
    item.versie_teller += 1
    item.save()
    _touch(versie, actor)
    return item


@transaction.atomic
def remove_afspraak(*, actor, plan_afspraak_id: int, expected_versie: int) -> None:
    item, versie = _lock_row(PlanAfspraak, plan_afspraak_id, expected_versie, actor, _describe_afspraak)
    afspraak = item.afspraak
    item.delete()
    if not afspraak.formuleringen.exists():
        afspraak.delete()
    _touch(versie, actor)


def _validate_text_fields(data: dict, required: dict[str, str]) -> dict:
    cleaned = {name: (value or "").strip() for name, value in data.items()}
    errors = {name: message for name, message in required.items() if not cleaned.get(name)}
    if errors:
        raise ValidationError(errors)
    return cleaned


NETWERK_REQUIRED = {"naam": _("Vul de naam in."), "relatie": _("Schrijf op wat deze persoon voor het gezin is.")}
AFWEGING_REQUIRED = {
    "deskundige": _("Vul in wie deze afweging maakt."),
    "deskundigheid": _("Vul de deskundigheid in, bijvoorbeeld 'gezinswerker' of 'jeugdarts'."),
    "tekst": _("Schrijf de afweging en het advies op."),
}


@transaction.atomic
def add_netwerklid(*, actor, versie_id: int, naam: str, relatie: str, rol: str = "") -> NetwerkLid:
    versie = _lock_concept(versie_id, actor)
    cleaned = _validate_text_fields({"naam": naam, "relatie": relatie, "rol": rol}, NETWERK_REQUIRED)
    lid = NetwerkLid.objects.create(versie=versie, **cleaned)
    _touch(versie, actor)
    return lid


@transaction.atomic
def update_netwerklid(
    *, actor, lid_id: int, expected_versie: int, naam: str, relatie: str, rol: str = ""
) -> NetwerkLid:
    lid, versie = _lock_row(
        NetwerkLid,
        lid_id,
        expected_versie,
        actor,
        lambda row: {"naam": row.naam, "relatie": row.relatie, "rol": row.rol},
    )
    cleaned = _validate_text_fields({"naam": naam, "relatie": relatie, "rol": rol}, NETWERK_REQUIRED)
    for name, value in cleaned.items():
        setattr(lid, name, value)
    lid.versie_teller += 1
    lid.save()
    _touch(versie, actor)
    return lid


@transaction.atomic
def remove_netwerklid(*, actor, lid_id: int, expected_versie: int) -> None:
    lid, versie = _lock_row(NetwerkLid, lid_id, expected_versie, actor, lambda row: {"naam": row.naam})
    lid.delete()
    _touch(versie, actor)


@transaction.atomic
def add_afweging(*, actor, versie_id: int, deskundige: str, deskundigheid: str, tekst: str) -> Afweging:
    versie = _lock_concept(versie_id, actor)
    cleaned = _validate_text_fields(
        {"deskundige": deskundige, "deskundigheid": deskundigheid, "tekst": tekst}, AFWEGING_REQUIRED
    )
    item = Afweging.objects.create(versie=versie, medewerker=actor, **cleaned)
    _touch(versie, actor)
    return item


@transaction.atomic
def update_afweging(
    *, actor, afweging_id: int, expected_versie: int, deskundige: str, deskundigheid: str, tekst: str
) -> Afweging:
    item, versie = _lock_row(
        Afweging, afweging_id, expected_versie, actor, lambda row: {"deskundige": row.deskundige, "tekst": row.tekst}
    )
    cleaned = _validate_text_fields(
        {"deskundige": deskundige, "deskundigheid": deskundigheid, "tekst": tekst}, AFWEGING_REQUIRED
    )
    for name, value in cleaned.items():
        setattr(item, name, value)
    item.versie_teller += 1
    item.save()
    _touch(versie, actor)
    return item


@transaction.atomic
def remove_afweging(*, actor, afweging_id: int, expected_versie: int) -> None:
    item, versie = _lock_row(Afweging, afweging_id, expected_versie, actor, lambda row: {"deskundige": row.deskundige})
    item.delete()
    _touch(versie, actor)


# Vaststellen -----------------------------------------------------------------------------------


def volgende_evaluatie(datum: datetime.date, instellingen) -> datetime.date:
    """The next evaluation: the organisation's interval after the consent or the last evaluation."""
    return datum + relativedelta(months=instellingen.evaluatie_interval_maanden)


def _plus_interval(date: datetime.date, organisatie_id: int) -> datetime.date:
    return volgende_evaluatie(date, selectors.instellingen_for(organisatie_id))


def _set_goal_status(doel: Doel, status: str, *, actor, traject: Traject, omschrijving: str, datum=None) -> None:
    if doel.status == status:
        return
    doel.status = status
    doel.status_sinds = datum or timezone.localdate()
    doel.save(update_fields=["status", "status_sinds"])
    titles = {
        DoelStatus.BEHAALD: _("Doel behaald: %(doel)s"),
        DoelStatus.DEELS_BEHAALD: _("Doel deels behaald: %(doel)s"),
        DoelStatus.NIET_BEHAALD: _("Doel niet behaald: %(doel)s"),
        DoelStatus.VERVALLEN: _("Doel vervallen: %(doel)s"),
        DoelStatus.ACTIEF: _("Doel weer actief: %(doel)s"),
    }
    timeline.record_event(
        traject=traject,
        soort=f"gezinsplan.doel_{status}",
        titel=titles[status] % {"doel": omschrijving[:120]},
        actor=actor,
        plaatsgevonden_op=datum,
        bron=doel,
    )


@transaction.atomic
def vaststellen(
    *,
    actor,
    versie_id: int,
    expected_gewijzigd_op: datetime.datetime | None,
    instemming_van: Persoon | None,
    instemming_op: datetime.date | None,
    instemming_wijze: str,
) -> PlanVersie:
    """Fixes a concept as the agreed plan, with who of the family agreed, when and how. The first
    vastgestelde version moves the traject from plan to uitvoering."""
    versie = _lock_concept(versie_id, actor)
    traject = versie.plan.traject
    if expected_gewijzigd_op is not None and versie.gewijzigd_op != expected_gewijzigd_op:
        raise EditConflict(
            _("Het concept is intussen gewijzigd door %(naam)s. Bekijk het opnieuw voordat je het vaststelt.")
            % {"naam": versie.gewijzigd_door.get_full_name()}
        )
    errors = {}
    if not versie.doelen.exists():
        errors["__all__"] = _("Een plan zonder doelen kan niet worden vastgesteld. Voeg eerst een doel toe.")
    if instemming_van is None:
        errors["instemming_van"] = _("Kies wie van het gezin met het plan instemt.")
    elif instemming_van.huishouden_id != traject.huishouden_id:
        errors["instemming_van"] = _("Kies een gezinslid van dit huishouden.")
    if instemming_op is None:
        errors["instemming_op"] = _("Vul in wanneer het gezin heeft ingestemd.")
    elif instemming_op > timezone.localdate():
        errors["instemming_op"] = _("De datum van instemming kan niet in de toekomst liggen.")
    elif instemming_op < (traject.begeleiding_gestart_op or traject.aanmelddatum):
        errors["instemming_op"] = _("Het gezin kan niet instemmen vóór de start van de begeleiding.")
    if instemming_wijze not in InstemmingWijze.values:
        errors["instemming_wijze"] = _("Kies hoe het gezin heeft ingestemd.")
    if errors:
        raise ValidationError(errors)

    previous = selectors.vastgestelde_versie(versie.plan)
    new_goals = list(versie.doelen.select_related("doel"))
    if previous is not None:
        kept_goals = {goal.doel_id for goal in new_goals}
        for dropped in previous.doelen.select_related("doel").exclude(doel_id__in=kept_goals):
            if dropped.doel.status == DoelStatus.ACTIEF:
                _set_goal_status(
                    dropped.doel, DoelStatus.VERVALLEN, actor=actor, traject=traject, omschrijving=dropped.omschrijving
                )
        kept_agreements = set(versie.afspraken.values_list("afspraak_id", flat=True))
        Afspraak.objects.filter(formuleringen__versie=previous, status=AfspraakStatus.OPEN).exclude(
            pk__in=kept_agreements
        ).update(status=AfspraakStatus.VERVALLEN, status_sinds=timezone.now())
        known_goals = set(previous.doelen.values_list("doel_id", flat=True))
        previous.status = VersieStatus.VERVANGEN
        previous.save(update_fields=["status"])
    else:
        known_goals = set()

    versie.status = VersieStatus.VASTGESTELD
    versie.vastgesteld_op = timezone.now()
    versie.vastgesteld_door = actor
    versie.instemming_van = instemming_van
    versie.instemming_op = instemming_op
    versie.instemming_wijze = instemming_wijze
    versie.save()
    plan = versie.plan
    if plan.volgende_evaluatie_op is None:
        plan.volgende_evaluatie_op = _plus_interval(instemming_op, traject.team.organisatie_id)
        plan.save(update_fields=["volgende_evaluatie_op"])

    timeline.record_event(
        traject=traject,
        soort="gezinsplan.vastgesteld",
        titel=_("Gezinsplan versie %(nummer)s vastgesteld") % {"nummer": versie.nummer},
        omschrijving=_("%(naam)s stemde in (%(wijze)s) op %(datum)s.")
        % {
            "naam": instemming_van.volledige_naam,
            "wijze": InstemmingWijze(instemming_wijze).label.lower(),
            "datum": instemming_op.strftime("%d-%m-%Y"),
        },
        actor=actor,
        bron=versie,
    )
    for goal in new_goals:
        if goal.doel_id not in known_goals:
            timeline.record_event(
                traject=traject,
                soort="gezinsplan.doel_toegevoegd",
                titel=_("Nieuw doel in het plan: %(doel)s") % {"doel": goal.omschrijving[:120]},
                actor=actor,
                bron=goal.doel,
            )
    if traject.status == Status.PLAN:
        # The uitvoering starts on the day the family agreed to the plan.
        workflow.perform(traject_id=traject.pk, name="uitvoering_starten", actor=actor, datum=instemming_op)
    return versie


def has_vastgesteld_plan(traject: Traject) -> bool:
    return PlanVersie.objects.filter(plan__traject=traject, status=VersieStatus.VASTGESTELD).exists()


def uitvoering_needs_vastgesteld_plan(traject: Traject) -> str | None:
    """Workflow guard: the uitvoering starts from a plan agreed with the family."""
    if has_vastgesteld_plan(traject):
        return None
    return _("De uitvoering start als het gezinsplan samen met het gezin is vastgesteld. Stel eerst het plan vast.")


# Scores ----------------------------------------------------------------------------------------


@dataclass
class ScoreInvoer:
    schaalvraag: Schaalvraag
    waarde: int
    toelichting: str = ""


@transaction.atomic
def record_scores(
    *,
    actor,
    plan: Gezinsplan,
    datum: datetime.date | None,
    beoordelaar: str,
    scores: list[ScoreInvoer],
    persoon: Persoon | None = None,
    beoordelaar_naam: str = "",
) -> list[Score]:
    """Records a round of scores by one rater on one date. Submitting the same round twice (a double
    click, a retried request) records it once."""
    plan = Gezinsplan.objects.select_for_update().select_related("traject__team").get(pk=plan.pk)
    traject = plan.traject
    _require_worker(actor, traject)
    instellingen = selectors.instellingen_for(traject.team.organisatie_id)
    errors: dict[str, str] = {}
    if datum is None:
        errors["datum"] = _("Vul de datum in.")
    elif datum > timezone.localdate():
        errors["datum"] = _("Een score kan niet in de toekomst liggen.")
    elif datum < traject.aanmelddatum:
        errors["datum"] = _("Een score kan niet vóór de aanmelding liggen.")
    if beoordelaar not in Beoordelaar.values:
        errors["beoordelaar"] = _("Kies wie de score geeft.")
    elif beoordelaar == Beoordelaar.CLIENT:
        if persoon is None or persoon.huishouden_id != traject.huishouden_id:
            errors["persoon"] = _("Kies het gezinslid dat de score geeft.")
    elif beoordelaar == Beoordelaar.ANDERS and not beoordelaar_naam.strip():
        errors["beoordelaar_naam"] = _("Vul in wie de score geeft.")
    if not scores:
        errors["__all__"] = _("Vul minstens één score in.")
    for item in scores:
        if item.schaalvraag.doel.plan_id != plan.pk:
            errors["__all__"] = _("Een schaalvraag hoort niet bij dit plan.")
        elif not instellingen.schaal_min <= item.waarde <= instellingen.schaal_max:
            errors[f"score_{item.schaalvraag.pk}"] = _(
                "Een score is een heel getal van %(min)s tot en met %(max)s."
            ) % {
                "min": instellingen.schaal_min,
                "max": instellingen.schaal_max,
            }
    if errors:
        raise ValidationError(errors)

    if beoordelaar == Beoordelaar.MEDEWERKER:
        beoordelaar_naam = beoordelaar_naam.strip() or actor.get_full_name()
    if beoordelaar != Beoordelaar.CLIENT:
        persoon = None
    recorded = []
    for item in scores:
        existing = Score.objects.filter(
            schaalvraag=item.schaalvraag,
            datum=datum,
            beoordelaar=beoordelaar,
            persoon=persoon,
            beoordelaar_naam=beoordelaar_naam.strip(),
            waarde=item.waarde,
        ).first()
        recorded.append(
            existing
            or Score.objects.create(
                schaalvraag=item.schaalvraag,
                datum=datum,
                beoordelaar=beoordelaar,
                persoon=persoon,
                beoordelaar_naam=beoordelaar_naam.strip(),
                waarde=item.waarde,
                toelichting=item.toelichting.strip(),
                schaal_min=instellingen.schaal_min,
                schaal_max=instellingen.schaal_max,
                vastgelegd_door=actor,
            )
        )
    return recorded


# The journal ---------------------------------------------------------------------------------


def link_journal_goals(entry, doel_ids: list[int]) -> None:
    """Which goals a journal entry was about (called by the journal's own service)."""
    entry.doelen.set(doel_ids)


# Agreements in execution -----------------------------------------------------------------------


@transaction.atomic
def set_afspraak_status(*, actor, afspraak_id: int, status: str) -> Afspraak:
    """Marks an agreement done, dropped or open again. Allowed on the vastgestelde plan: this is the
    execution of the plan, not a change of it."""
    afspraak = Afspraak.objects.select_for_update().select_related("plan__traject__team").get(pk=afspraak_id)
    traject = afspraak.plan.traject
    wording = afspraak.formuleringen.select_related("versie").order_by("-versie__nummer").first()
    if not authorization.can_update_afspraak(actor, afspraak, wording.wie_persoon_id if wording else None):
        raise PermissionDenied(_("Je mag deze afspraak niet bijwerken."))
    if traject.status == Status.AFGESLOTEN:
        raise TransitionNotAllowed(_("Het traject is afgesloten."))
    if status not in AfspraakStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    if afspraak.status == status:
        return afspraak
    afspraak.status = status
    afspraak.status_sinds = timezone.now()
    afspraak.status_door = actor
    afspraak.save(update_fields=["status", "status_sinds", "status_door"])
    titles = {
        AfspraakStatus.GEDAAN: _("Afspraak gedaan: %(wat)s"),
        AfspraakStatus.VERVALLEN: _("Afspraak vervallen: %(wat)s"),
        AfspraakStatus.OPEN: _("Afspraak weer open: %(wat)s"),
    }
    timeline.record_event(
        traject=traject,
        soort=f"gezinsplan.afspraak_{status}",
        titel=titles[status] % {"wat": wording.wat[:120] if wording else ""},
        actor=actor,
        bron=afspraak,
    )
    return afspraak


# Evaluations -----------------------------------------------------------------------------------


@dataclass
class DoelEvaluatie:
    doel: Doel
    status: str
    voortgang: str = ""


@transaction.atomic
def record_evaluatie(
    *,
    actor,
    plan: Gezinsplan,
    datum: datetime.date | None,
    samenvatting: str,
    antwoorden: list[tuple[str, str]],
    doelen: list[DoelEvaluatie],
) -> Evaluatie:
    """Records an evaluation of the vastgestelde plan: progress and status per goal and the answers
    on the quality and effect of the help. The next evaluation is planned from its date."""
    plan = Gezinsplan.objects.select_for_update().select_related("traject__team").get(pk=plan.pk)
    traject = plan.traject
    _require_worker(actor, traject)
    versie = selectors.vastgestelde_versie(plan)
    if versie is None:
        raise TransitionNotAllowed(_("Evalueren kan pas als het plan is vastgesteld."))
    goals_in_plan = {goal.doel_id: goal for goal in versie.doelen.select_related("doel")}
    errors = {}
    if datum is None:
        errors["datum"] = _("Vul de datum van de evaluatie in.")
    elif datum > timezone.localdate():
        errors["datum"] = _("Een evaluatie die is gehouden kan niet in de toekomst liggen.")
    elif versie.instemming_op and datum < versie.instemming_op:
        errors["datum"] = _("De evaluatie kan niet vóór het vaststellen van het plan liggen.")
    for item in doelen:
        if item.doel.pk not in goals_in_plan:
            errors["__all__"] = _("Een doel hoort niet bij het vastgestelde plan.")
        elif item.status not in DoelStatus.values:
            errors[f"status_{item.doel.pk}"] = _("Kies de status van het doel.")
    if errors:
        raise ValidationError(errors)

    evaluatie = Evaluatie.objects.create(
        plan=plan,
        versie=versie,
        datum=datum,
        samenvatting=samenvatting.strip(),
        antwoorden=[[vraag, antwoord.strip()] for vraag, antwoord in antwoorden],
        gehouden_door=actor,
    )
    EvaluatieDoel.objects.bulk_create(
        EvaluatieDoel(evaluatie=evaluatie, doel=item.doel, voortgang=item.voortgang.strip(), status=item.status)
        for item in doelen
    )
    for item in doelen:
        _set_goal_status(
            goals_in_plan[item.doel.pk].doel,
            item.status,
            actor=actor,
            traject=traject,
            omschrijving=goals_in_plan[item.doel.pk].omschrijving,
            datum=datum,
        )
    plan.volgende_evaluatie_op = _plus_interval(datum, traject.team.organisatie_id)
    plan.save(update_fields=["volgende_evaluatie_op"])
    timeline.record_event(
        traject=traject,
        soort="gezinsplan.evaluatie",
        titel=_("Evaluatie van het gezinsplan"),
        omschrijving=evaluatie.samenvatting,
        actor=actor,
        plaatsgevonden_op=datum,
        bron=evaluatie,
    )
    return evaluatie


# Goals the client proposes ---------------------------------------------------------------------


@transaction.atomic
def accept_voorstel(*, actor, voorstel_id: int) -> PlanDoel:
    """Takes a client's proposed goal into the concept (a new concept is started when there is none);
    it enters the agreed plan when that concept is vastgesteld."""
    voorstel = DoelVoorstel.objects.select_for_update().select_related("plan__traject").get(pk=voorstel_id)
    _require_worker(actor, voorstel.plan.traject)
    if voorstel.status != VoorstelStatus.INGEDIEND:
        raise TransitionNotAllowed(_("Dit voorstel is al behandeld."))
    concept = selectors.concept_of(voorstel.plan) or new_version(actor=actor, plan=voorstel.plan)
    plan_doel = add_doel(
        actor=actor,
        versie_id=concept.pk,
        data=DoelData(omschrijving=voorstel.omschrijving, leefgebied=voorstel.leefgebied, eigenaren=[voorstel.persoon]),
        herkomst=Herkomst.CLIENT,
    )
    voorstel.status = VoorstelStatus.OVERGENOMEN
    voorstel.doel = plan_doel.doel
    voorstel.behandeld_op = timezone.now()
    voorstel.behandeld_door = actor
    voorstel.save()
    _notify_proposer(voorstel, _("Je doel staat in het plan"), _("Je doel komt in de volgende versie van je plan."))
    return plan_doel


@transaction.atomic
def discuss_voorstel(*, actor, voorstel_id: int, reactie: str) -> DoelVoorstel:
    """Answers a proposal without taking it into the plan, with the reason for the family."""
    voorstel = DoelVoorstel.objects.select_for_update().select_related("plan__traject").get(pk=voorstel_id)
    _require_worker(actor, voorstel.plan.traject)
    if voorstel.status != VoorstelStatus.INGEDIEND:
        raise TransitionNotAllowed(_("Dit voorstel is al behandeld."))
    if not reactie.strip():
        raise ValidationError({"reactie": _("Schrijf een reactie voor het gezin.")})
    voorstel.status = VoorstelStatus.BESPROKEN
    voorstel.reactie = reactie.strip()
    voorstel.behandeld_op = timezone.now()
    voorstel.behandeld_door = actor
    voorstel.save()
    _notify_proposer(voorstel, _("Reactie op je doel"), voorstel.reactie)
    return voorstel


@transaction.atomic
def submit_voorstel(
    *, actor, scope: authorization.ClientScope, plan: Gezinsplan, omschrijving: str, leefgebied: str = ""
) -> DoelVoorstel:
    """A client proposes a goal in their own words; the regisseur hears of it and takes it into the
    plan or answers why not."""
    plan = Gezinsplan.objects.select_related("traject__regisseur").get(pk=plan.pk)
    if not authorization.is_client(actor) or plan.traject.huishouden_id != scope.huishouden_id:
        raise PermissionDenied(_("Dit is niet uw plan."))
    if plan.traject.status == Status.AFGESLOTEN:
        raise TransitionNotAllowed(_("De begeleiding is afgesloten. Neem contact op met het buurtteam."))
    errors = {}
    if not omschrijving.strip():
        errors["omschrijving"] = _("Schrijf uw doel op.")
    if leefgebied and leefgebied not in Leefgebied.values:
        errors["leefgebied"] = _("Kies een onderwerp uit de lijst.")
    if errors:
        raise ValidationError(errors)
    voorstel = DoelVoorstel.objects.create(
        plan=plan, persoon=scope.viewer, ingediend_door=actor, omschrijving=omschrijving.strip(), leefgebied=leefgebied
    )
    timeline.record_event(
        traject=plan.traject,
        soort="gezinsplan.doel_voorgesteld",
        titel=_("%(naam)s stelt een doel voor: %(doel)s")
        % {"naam": scope.viewer.voornaam, "doel": voorstel.omschrijving[:120]},
        actor=actor,
        betreft=[scope.viewer],
        bron=voorstel,
    )
    if plan.traject.regisseur_id:
        notify_many(
            [
                Message(
                    recipient=plan.traject.regisseur,
                    key=f"gezinsplan:voorstel:{voorstel.pk}:ingediend",
                    title=_("Nieuw doel van %(naam)s") % {"naam": scope.viewer.volledige_naam},
                    body=voorstel.omschrijving,
                    url=f"/trajecten/{plan.traject_id}/plan/#voorstellen",
                )
            ]
        )
    return voorstel


def _notify_proposer(voorstel: DoelVoorstel, title: str, body: str) -> None:
    notify_many(
        [
            Message(
                recipient=voorstel.ingediend_door,
                key=f"gezinsplan:voorstel:{voorstel.pk}:{voorstel.status}",
                title=title,
                body=body,
            )
        ]
    )


# Reminders -------------------------------------------------------------------------------------

REMIND_DAYS_BEFORE = 7
SWEEP_BATCH = 500


def remind_due_evaluations(*, today: datetime.date | None = None, batch_size: int = SWEEP_BATCH) -> int:
    """Reminds the regisseur of evaluations due within a week ('binnenkort') and overdue ('te laat').
    One message per evaluation (plan and due date), kind and recipient: the notification key is
    unique, so a second or concurrent run, or one catching up after days without beat, sends
    nothing twice. Works in batches of plans, so memory stays bounded."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    sent = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                Gezinsplan.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    pk__gt=last_pk,
                    volgende_evaluatie_op__lte=horizon,
                    traject__status__in=PLAN_STATUSES,
                    traject__regisseur__isnull=False,
                )
                .select_related("traject__regisseur", "traject__huishouden")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return sent
            messages = []
            for plan in batch:
                due = plan.volgende_evaluatie_op
                kind = "te_laat" if due < today else "binnenkort"
                regisseur = plan.traject.regisseur
                title = (
                    _("Evaluatie te laat: %(naam)s") if kind == "te_laat" else _("Evaluatie binnenkort: %(naam)s")
                ) % {"naam": plan.traject.huishouden.naam}
                messages.append(
                    Message(
                        recipient=regisseur,
                        key=f"gezinsplan:evaluatie:{plan.pk}:{due.isoformat()}:{kind}:{regisseur.pk}",
                        title=title,
                        body=_("De evaluatie van het gezinsplan staat op %(datum)s.")
                        % {"datum": due.strftime("%d-%m-%Y")},
                        url=f"/trajecten/{plan.traject_id}/plan/",
                    )
                )
            notify_many(messages)
            sent += len(messages)
            last_pk = batch[-1].pk


def report_overdue_afspraken(*, today: datetime.date | None = None, batch_size: int = SWEEP_BATCH) -> int:
    """Puts 'afspraak te laat' on the timeline once per agreement and deadline, and tells the regisseur."""
    today = today or timezone.localdate()
    reported = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                PlanAfspraak.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    pk__gt=last_pk,
                    versie__status=VersieStatus.VASTGESTELD,
                    afspraak__status=AfspraakStatus.OPEN,
                    uiterlijk_op__lt=today,
                    versie__plan__traject__status__in=PLAN_STATUSES,
                )
                .exclude(afspraak__te_laat_gemeld_voor=F("uiterlijk_op"))
                .select_related("afspraak", "versie__plan__traject__regisseur")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return reported
            messages = []
            for item in batch:
                afspraak = item.afspraak
                Afspraak.objects.filter(pk=afspraak.pk).update(te_laat_gemeld_voor=item.uiterlijk_op)
                traject = item.versie.plan.traject
                timeline.record_event(
                    traject=traject,
                    soort="gezinsplan.afspraak_te_laat",
                    titel=_("Afspraak te laat: %(wat)s") % {"wat": item.wat[:120]},
                    omschrijving=_("Afgesproken vóór %(datum)s.") % {"datum": item.uiterlijk_op.strftime("%d-%m-%Y")},
                    bron=afspraak,
                )
                if traject.regisseur_id:
                    messages.append(
                        Message(
                            recipient=traject.regisseur,
                            key=f"gezinsplan:afspraak:{afspraak.pk}:{item.uiterlijk_op.isoformat()}:te_laat",
                            title=_("Afspraak te laat in %(nummer)s") % {"nummer": traject.dossiernummer},
                            body=item.wat[:300],
                            url=f"/trajecten/{traject.pk}/plan/",
                        )
                    )
                reported += 1
            notify_many(messages)
            last_pk = batch[-1].pk
