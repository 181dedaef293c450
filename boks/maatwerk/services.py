"""Writes for Aanvullende zorg. Each function is one step with one transaction: it asks the
authorisation module, locks what it changes, validates with Dutch messages and records its timeline
event. Status changes of a request go through statusflow.perform."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from boks import uploads
from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit.choices import Actie
from boks.dossiers import timeline
from boks.dossiers.choices import Status
from boks.dossiers.models import Traject
from boks.gezinsplan import selectors as plan_selectors
from boks.notifications.services import Message, notify_many

from . import statusflow
from .choices import TE_BEOORDELEN, AanvraagStatus, Gecontracteerd, WettelijkKader, Zorgvorm
from .errors import AanvraagGewijzigd, StapNietMogelijk
from .models import Aanvraag, AanvraagSoort, Bijlage, Vervanging, Verwijzing

BEWERKBAAR = (AanvraagStatus.CONCEPT, AanvraagStatus.INFO_GEVRAAGD)


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d-%m-%Y")


def _require_worker(actor, traject: Traject) -> None:
    if not authorization.can_request_aanvullende_zorg(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))


def _require_open(traject: Traject) -> None:
    if traject.status == Status.AFGESLOTEN:
        raise StapNietMogelijk(_("Het traject is afgesloten. Heropen het om aanvullende zorg te regelen."))


def _goal_errors(traject: Traject, doel_ids: Sequence[int], *, keep: set[int] = frozenset()) -> str | None:
    allowed = {doel_id for doel_id, _label in plan_selectors.goal_choices(traject)} | set(keep)
    if not doel_ids:
        if not allowed:
            return _(
                "Koppel de aanvraag aan minstens één doel uit het gezinsplan. Dit traject heeft nog geen plan "
                "met doelen: schrijf eerst samen met het gezin het gezinsplan."
            )
        return _("Koppel de aanvraag aan minstens één doel uit het gezinsplan.")
    if set(doel_ids) - allowed:
        return _("Kies doelen uit het gezinsplan van dit traject.")
    return None


# Requests -------------------------------------------------------------------------------------


@dataclass
class AanvraagData:
    doelen: list[int] = field(default_factory=list)
    vraag: str = ""
    waarom_niet_regulier: str = ""
    eigen_kracht: str = ""
    gevraagde_oplossing: str = ""
    aanbieder: str = ""
    aanbieder_gecontracteerd: str = Gecontracteerd.ONBEKEND
    bedrag: Decimal | None = None
    periode_van: datetime.date | None = None
    periode_tot: datetime.date | None = None
    huidig_pgb_tot: datetime.date | None = None


_TEXT_FIELDS = ["vraag", "waarom_niet_regulier", "eigen_kracht", "gevraagde_oplossing", "aanbieder"]
_VALUE_FIELDS = ["aanbieder_gecontracteerd", "bedrag", "periode_van", "periode_tot", "huidig_pgb_tot"]


def _clean_data(traject: Traject, soort: AanvraagSoort, data: AanvraagData, *, keep: set[int] = frozenset()):
    """Checks what even a concept must get right: goals from the plan, dates in order, a sensible amount."""
    for name in _TEXT_FIELDS:
        setattr(data, name, (getattr(data, name) or "").strip())
    if not soort.met_budget:
        data.huidig_pgb_tot = None
    if data.huidig_pgb_tot and data.periode_van is None:
        # The new budget continues the day after the current one ends, unless the worker says otherwise.
        data.periode_van = data.huidig_pgb_tot + datetime.timedelta(days=1)
    errors: dict[str, str] = {}
    goal_error = _goal_errors(traject, data.doelen, keep=keep)
    if goal_error:
        errors["doelen"] = goal_error
    if data.periode_van and data.periode_tot and data.periode_tot < data.periode_van:
        errors["periode_tot"] = _("De einddatum ligt vóór de begindatum.")
    if data.bedrag is not None and data.bedrag <= 0:
        errors["bedrag"] = _("Het bedrag moet meer dan € 0 zijn.")
    if data.huidig_pgb_tot and data.periode_van and data.periode_van <= data.huidig_pgb_tot:
        errors["periode_van"] = _(
            "De nieuwe periode begint vóór het huidige PGB afloopt (%(eind)s). Laat haar beginnen op %(start)s."
        ) % {"eind": _fmt(data.huidig_pgb_tot), "start": _fmt(data.huidig_pgb_tot + datetime.timedelta(days=1))}
    if data.aanbieder_gecontracteerd not in Gecontracteerd.values:
        errors["aanbieder_gecontracteerd"] = _("Kies of de aanbieder gecontracteerd is.")
    if len(data.aanbieder) > Aanvraag._meta.get_field("aanbieder").max_length:
        errors["aanbieder"] = _("Gebruik hoogstens 200 tekens.")
    if errors:
        raise ValidationError(errors)


def _checked_uploads(uploads_: Sequence) -> list[tuple[object, uploads.CheckedUpload]]:
    checked = []
    for upload in uploads_:
        try:
            checked.append((upload, uploads.check_upload(upload)))
        except ValidationError as error:
            raise ValidationError({"bijlage": error.messages}) from error
    return checked


def _store(aanvraag: Aanvraag, actor, upload, checked: uploads.CheckedUpload) -> Bijlage:
    bijlage = Bijlage(
        aanvraag=aanvraag,
        naam=checked.safe_name(upload.name or ""),
        content_type=checked.content_type,
        grootte=checked.size,
        toegevoegd_door=actor,
    )
    bijlage.bestand.save(bijlage.naam, upload, save=False)
    bijlage.save()
    access_log.record(Actie.AANMAKEN, traject=aanvraag.traject, obj=bijlage, omschrijving=f"Bijlage {bijlage.naam}")
    return bijlage


@transaction.atomic
def create_aanvraag(
    *,
    actor,
    traject: Traject,
    soort: AanvraagSoort,
    data: AanvraagData,
    bijlagen: Sequence = (),
    indienen: bool = False,
) -> Aanvraag:
    """A new request as a concept, or submitted at once; if submitting fails nothing is saved."""
    traject = Traject.objects.select_related("team").get(pk=traject.pk)
    _require_worker(actor, traject)
    _require_open(traject)
    if soort.organisatie_id != traject.team.organisatie_id or not soort.actief:
        raise ValidationError({"soort": _("Kies een soort aanvraag van je eigen organisatie.")})
    _clean_data(traject, soort, data)
    checked = _checked_uploads(bijlagen)
    aanvraag = Aanvraag.objects.create(
        traject=traject,
        soort=soort,
        aangemaakt_door=actor,
        **{name: getattr(data, name) for name in _TEXT_FIELDS + _VALUE_FIELDS},
    )
    aanvraag.doelen.set(data.doelen)
    access_log.record(Actie.AANMAKEN, traject=traject, obj=aanvraag, omschrijving=f"Aanvraag {soort.naam}")
    for upload, result in checked:
        _store(aanvraag, actor, upload, result)
    if indienen:
        return statusflow.perform(aanvraag_id=aanvraag.pk, stap="indienen", actor=actor)
    return aanvraag


def describe(aanvraag: Aanvraag) -> dict[str, str]:
    """The saved values, shown beside the form when someone else saved first."""
    return {
        str(Aanvraag._meta.get_field(name).verbose_name): str(getattr(aanvraag, name) or "")
        for name in [*_TEXT_FIELDS, "bedrag", "periode_van", "periode_tot"]
    }


@transaction.atomic
def update_aanvraag(
    *,
    actor,
    aanvraag_id: int,
    expected_versie: int,
    data: AanvraagData,
    bijlagen: Sequence = (),
    stap: str | None = None,
    reden: str = "",
) -> Aanvraag:
    """Changes a concept, or a request the assessor asked information about; optionally submits it
    (``stap="indienen"`` or ``"aanvullen"``) in the same transaction."""
    aanvraag = statusflow.lock(aanvraag_id)
    _require_worker(actor, aanvraag.traject)
    if aanvraag.status not in BEWERKBAAR:
        raise StapNietMogelijk(
            _("Deze aanvraag heeft de status '%(status)s' en kan niet meer worden gewijzigd. Vernieuw de pagina.")
            % {"status": aanvraag.get_status_display()},
            status=aanvraag.status,
        )
    if aanvraag.versie != expected_versie:
        raise AanvraagGewijzigd(
            _(
                "Iemand anders heeft deze aanvraag intussen opgeslagen. Hieronder staat wat er nu bewaard is; "
                "jouw tekst staat nog in het formulier. Neem over wat nodig is en sla opnieuw op."
            ),
            opgeslagen=describe(aanvraag),
            versie=aanvraag.versie,
        )
    _clean_data(aanvraag.traject, aanvraag.soort, data, keep=set(aanvraag.doelen.values_list("pk", flat=True)))
    checked = _checked_uploads(bijlagen)
    for name in _TEXT_FIELDS + _VALUE_FIELDS:
        setattr(aanvraag, name, getattr(data, name))
    aanvraag.versie += 1
    aanvraag.save()
    aanvraag.doelen.set(data.doelen)
    access_log.change(traject=aanvraag.traject, obj=aanvraag, omschrijving=f"Aanvraag {aanvraag.soort.naam}")
    for upload, result in checked:
        _store(aanvraag, actor, upload, result)
    if stap:
        return statusflow.perform(aanvraag_id=aanvraag.pk, stap=stap, actor=actor, reden=reden)
    return aanvraag


@transaction.atomic
def add_bijlage(*, actor, aanvraag_id: int, bestand) -> Bijlage:
    aanvraag = statusflow.lock(aanvraag_id)
    _require_worker(actor, aanvraag.traject)
    if aanvraag.status not in BEWERKBAAR:
        raise StapNietMogelijk(
            _("Bijlagen voeg je toe zolang de aanvraag een concept is of er om informatie is gevraagd.")
        )
    ((upload, checked),) = _checked_uploads([bestand])
    return _store(aanvraag, actor, upload, checked)


@transaction.atomic
def remove_bijlage(*, actor, bijlage_id: int) -> None:
    bijlage = Bijlage.objects.select_related("aanvraag").get(pk=bijlage_id)
    aanvraag = statusflow.lock(bijlage.aanvraag_id)
    _require_worker(actor, aanvraag.traject)
    if aanvraag.status != AanvraagStatus.CONCEPT:
        raise StapNietMogelijk(_("Een bijlage van een ingediende aanvraag blijft bewaard."))
    stored = bijlage.bestand.name
    access_log.record(Actie.VERWIJDEREN, traject=aanvraag.traject, obj=bijlage, omschrijving=f"Bijlage {bijlage.naam}")
    bijlage.delete()
    storage = bijlage.bestand.storage
    transaction.on_commit(lambda: storage.delete(stored))


# Referrals ------------------------------------------------------------------------------------


@dataclass
class VerwijzingData:
    zorgvorm: str
    aanbieder: str
    startdatum: datetime.date | None
    wettelijk_kader: str = ""
    einddatum: datetime.date | None = None
    beschikking: str = ""
    doelen: list[int] = field(default_factory=list)
    toelichting: str = ""


def _clean_verwijzing(traject: Traject, data: VerwijzingData, *, keep: set[int] = frozenset()) -> None:
    data.aanbieder = (data.aanbieder or "").strip()
    data.beschikking = (data.beschikking or "").strip()
    data.toelichting = (data.toelichting or "").strip()
    errors: dict[str, str] = {}
    if data.zorgvorm not in Zorgvorm.values:
        errors["zorgvorm"] = _("Kies de zorgvorm.")
    else:
        kader = Zorgvorm.kader_van(data.zorgvorm)
        if not data.wettelijk_kader:
            data.wettelijk_kader = kader
        elif data.wettelijk_kader != kader:
            errors["wettelijk_kader"] = _("%(zorgvorm)s valt onder de %(kader)s.") % {
                "zorgvorm": Zorgvorm(data.zorgvorm).label,
                "kader": WettelijkKader(kader).label,
            }
    if not data.aanbieder:
        errors["aanbieder"] = _("Vul de aanbieder in.")
    if data.startdatum is None:
        errors["startdatum"] = _("Vul de startdatum in.")
    elif data.einddatum and data.einddatum < data.startdatum:
        errors["einddatum"] = _("De einddatum ligt vóór de startdatum.")
    if data.doelen:
        allowed = {doel_id for doel_id, _label in plan_selectors.goal_choices(traject)} | set(keep)
        if set(data.doelen) - allowed:
            errors["doelen"] = _("Kies doelen uit het gezinsplan van dit traject.")
    if errors:
        raise ValidationError(errors)


_VERWIJZING_FIELDS = [
    "zorgvorm",
    "wettelijk_kader",
    "aanbieder",
    "startdatum",
    "einddatum",
    "beschikking",
    "toelichting",
]


@transaction.atomic
def register_verwijzing(*, actor, traject: Traject, data: VerwijzingData) -> Verwijzing:
    """A referral needs no approval: every gezinswerker issues them (DOMAIN.md §2.8)."""
    traject = Traject.objects.select_related("team").get(pk=traject.pk)
    _require_worker(actor, traject)
    _require_open(traject)
    _clean_verwijzing(traject, data)
    verwijzing = Verwijzing.objects.create(
        traject=traject, geregistreerd_door=actor, **{name: getattr(data, name) for name in _VERWIJZING_FIELDS}
    )
    verwijzing.doelen.set(data.doelen)
    timeline.record_event(
        traject=traject,
        soort="maatwerk.verwijzing",
        titel=_("Verwezen naar %(aanbieder)s: %(zorgvorm)s")
        % {"aanbieder": verwijzing.aanbieder, "zorgvorm": verwijzing.get_zorgvorm_display()},
        actor=actor,
        plaatsgevonden_op=verwijzing.startdatum,
        bron=verwijzing,
    )
    return verwijzing


@transaction.atomic
def update_verwijzing(*, actor, verwijzing_id: int, expected_versie: int, data: VerwijzingData) -> Verwijzing:
    """E.g. the beschikking arrived or the care ended. Every version is kept (history)."""
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing_id)
    traject = Traject.objects.select_related("team").get(pk=verwijzing.traject_id)
    _require_worker(actor, traject)
    if verwijzing.versie != expected_versie:
        raise AanvraagGewijzigd(
            _("Iemand anders heeft deze verwijzing intussen opgeslagen. Vernieuw de pagina en probeer het opnieuw."),
            versie=verwijzing.versie,
        )
    _clean_verwijzing(traject, data, keep=set(verwijzing.doelen.values_list("pk", flat=True)))
    for name in _VERWIJZING_FIELDS:
        setattr(verwijzing, name, getattr(data, name))
    verwijzing.versie += 1
    verwijzing.save()
    verwijzing.doelen.set(data.doelen)
    access_log.change(traject=traject, obj=verwijzing, omschrijving=f"Verwijzing naar {verwijzing.aanbieder}")
    return verwijzing


# Stand-ins ------------------------------------------------------------------------------------


@transaction.atomic
def name_vervanger(*, actor, vervanger, van: datetime.date | None, tot: datetime.date | None) -> Vervanging:
    """An assessor names a colleague who assesses in their place for a period (e.g. a holiday)."""
    if not authorization.is_beoordelaar(actor):
        raise PermissionDenied(_("Alleen wie aanvragen beoordeelt, wijst een vervanger aan."))
    errors: dict[str, str] = {}
    if vervanger is None:
        errors["vervanger"] = _("Kies wie je vervangt.")
    elif not authorization.can_stand_in_for(vervanger, actor):
        errors["vervanger"] = _("Kies een collega van je eigen organisatie.")
    if van is None:
        errors["van"] = _("Vul de begindatum in.")
    if tot is None:
        errors["tot"] = _("Vul de einddatum in; een vervanging geldt voor een periode.")
    elif van and tot < van:
        errors["tot"] = _("De einddatum ligt vóór de begindatum.")
    elif tot < timezone.localdate():
        errors["tot"] = _("Deze periode is al voorbij.")
    if errors:
        raise ValidationError(errors)
    return Vervanging.objects.create(afwezige=actor, vervanger=vervanger, van=van, tot=tot, aangemaakt_door=actor)


@transaction.atomic
def end_vervanging(*, actor, vervanging_id: int) -> Vervanging:
    vervanging = Vervanging.objects.select_for_update().get(pk=vervanging_id)
    if not authorization.can_end_vervanging(actor, vervanging):
        raise PermissionDenied(_("Alleen wie vervangen wordt, beëindigt de vervanging."))
    if vervanging.beeindigd_op is not None or vervanging.tot < timezone.localdate():
        raise StapNietMogelijk(_("Deze vervanging is al afgelopen."))
    vervanging.beeindigd_op = timezone.now()
    vervanging.save(update_fields=["beeindigd_op"])
    return vervanging


# Reminders ------------------------------------------------------------------------------------

SWEEP_BATCH = 500


def _reminder(aanvraag: Aanvraag, recipient, today: datetime.date) -> Message:
    termijn = aanvraag.termijn
    kenmerk = {"soort": aanvraag.soort.naam, "nummer": aanvraag.traject.dossiernummer}
    if today < termijn:
        kind = "binnenkort"
        title = _("Termijn nadert: aanvraag %(soort)s (%(nummer)s)") % kenmerk
        body = _("Beoordelen uiterlijk op %(datum)s.") % {"datum": _fmt(termijn)}
    else:
        kind = "termijn"
        title = (
            _("Termijn vandaag: aanvraag %(soort)s (%(nummer)s)")
            if today == termijn
            else _("Termijn verstreken: aanvraag %(soort)s (%(nummer)s)")
        ) % kenmerk
        body = _("De termijn voor het besluit is %(datum)s.") % {"datum": _fmt(termijn)}
    return Message(
        recipient=recipient,
        key=f"maatwerk:aanvraag:{aanvraag.pk}:{termijn.isoformat()}:{kind}:{recipient.pk}",
        title=title[:200],
        body=body,
        url=statusflow._url(aanvraag),
    )


def remind_assessors(*, today: datetime.date | None = None, batch_size: int = SWEEP_BATCH) -> int:
    """Reminds assessors of requests whose deadline nears ('binnenkort', from the type's number of
    werkdagen before it) and of requests at or past it ('termijn'). Once per request, deadline, kind
    and recipient: the notification key is unique, and a request reminded at its deadline is marked,
    so later sweeps skip it. Works in keyset batches claimed with SKIP LOCKED, so two sweeps at once
    split the work and memory stays bounded."""
    today = today or timezone.localdate()
    sent = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                Aanvraag.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk__gt=last_pk, status__in=TE_BEOORDELEN, herinneren_vanaf__lte=today, termijn__isnull=False)
                .exclude(termijn_herinnerd=F("termijn"))
                .select_related("traject__team", "soort", "in_behandeling_door", "aangemaakt_door", "ingediend_door")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return sent
            assessors = authorization.beoordelaars_voor(batch)
            messages = []
            for aanvraag in batch:
                handler = aanvraag.in_behandeling_door
                if aanvraag.status == AanvraagStatus.IN_BEHANDELING and handler is not None and handler.is_active:
                    recipients = [handler]
                else:
                    recipients = assessors.get(aanvraag.pk, [])
                messages.extend(_reminder(aanvraag, recipient, today) for recipient in recipients)
                if today >= aanvraag.termijn:
                    Aanvraag.objects.filter(pk=aanvraag.pk).update(termijn_herinnerd=aanvraag.termijn)
            notify_many(messages)
            sent += len(messages)
            last_pk = batch[-1].pk
