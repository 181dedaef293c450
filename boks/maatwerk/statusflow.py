"""The status flow of a request: concept → ingediend → in behandeling → (aanvullende informatie
gevraagd ↔ ingediend) → toegekend / gedeeltelijk toegekend / afgewezen, or ingetrokken before a besluit.

Every status change goes through ``perform``: it locks the request's row, checks who may take the
step (the authorisation module: who works on the traject, or an assessor in scope who did not make
the request), checks that the current status allows it (else ``StapNietMogelijk``, a 409: when two
assessors decide at once the second sees the first one's besluit), validates with Dutch field
errors, records the step (actor, time, reason) and a timeline event, and notifies, all in one
transaction.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boks.accounts import authorization
from boks.dossiers import calendar, timeline
from boks.dossiers.choices import Status
from boks.dossiers.selectors import werkafspraken_for
from boks.notifications.services import Message, notify_many

from .choices import AanvraagStatus, Routering
from .errors import StapNietMogelijk
from .models import Aanvraag, AanvraagStap

AANVRAGER = "aanvrager"
BEOORDELAAR = "beoordelaar"


@dataclass(frozen=True)
class Stap:
    name: str
    label: str | Promise
    sources: tuple[str, ...]
    target: str
    door: str
    """AANVRAGER: who works on the traject; BEOORDELAAR: an assessor in scope who did not make it."""
    reden_label: str | Promise = ""
    """The question the reason answers; empty when the step asks none."""
    reden_verplicht: bool = False


S = AanvraagStatus
STAPPEN = {
    stap.name: stap
    for stap in [
        Stap("indienen", gettext_lazy("Indienen"), (S.CONCEPT,), S.INGEDIEND, AANVRAGER),
        Stap(
            "in_behandeling_nemen", gettext_lazy("In behandeling nemen"), (S.INGEDIEND,), S.IN_BEHANDELING, BEOORDELAAR
        ),
        Stap(
            "informatie_vragen",
            gettext_lazy("Aanvullende informatie vragen"),
            (S.IN_BEHANDELING,),
            S.INFO_GEVRAAGD,
            BEOORDELAAR,
            gettext_lazy("Welke informatie is nodig, en waarom?"),
            reden_verplicht=True,
        ),
        Stap(
            "aanvullen",
            gettext_lazy("Aangevuld opnieuw indienen"),
            (S.INFO_GEVRAAGD,),
            S.INGEDIEND,
            AANVRAGER,
            gettext_lazy("Wat is er aangevuld?"),
            reden_verplicht=True,
        ),
        Stap(
            "toekennen",
            gettext_lazy("Toekennen"),
            (S.IN_BEHANDELING,),
            S.TOEGEKEND,
            BEOORDELAAR,
            gettext_lazy("Motivering van het besluit"),
            reden_verplicht=True,
        ),
        Stap(
            "gedeeltelijk_toekennen",
            gettext_lazy("Gedeeltelijk toekennen"),
            (S.IN_BEHANDELING,),
            S.GEDEELTELIJK_TOEGEKEND,
            BEOORDELAAR,
            gettext_lazy("Motivering van het besluit"),
            reden_verplicht=True,
        ),
        Stap(
            "afwijzen",
            gettext_lazy("Afwijzen"),
            (S.IN_BEHANDELING,),
            S.AFGEWEZEN,
            BEOORDELAAR,
            gettext_lazy("Motivering van het besluit"),
            reden_verplicht=True,
        ),
        Stap(
            "intrekken",
            gettext_lazy("Intrekken"),
            (S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.INFO_GEVRAAGD),
            S.INGETROKKEN,
            AANVRAGER,
            gettext_lazy("Waarom wordt de aanvraag ingetrokken?"),
            reden_verplicht=True,
        ),
    ]
}
BESLUIT_STAPPEN = {"toekennen", "gedeeltelijk_toekennen", "afwijzen"}


def beschikbare_stappen(aanvraag: Aanvraag) -> list[Stap]:
    return [stap for stap in STAPPEN.values() if aanvraag.status in stap.sources]


def mag(user, aanvraag: Aanvraag, stap: Stap, scope: authorization.BeoordelaarScope | None = None) -> bool:
    if stap.door == AANVRAGER:
        return authorization.can_request_aanvullende_zorg(user, aanvraag.traject)
    return authorization.can_assess_aanvraag(user, aanvraag, scope)


def routing_description(aanvraag: Aanvraag) -> str:
    if aanvraag.routering == Routering.BEOORDELINGSGROEP and aanvraag.beoordelingsgroep_id:
        return aanvraag.beoordelingsgroep.naam
    if aanvraag.routering:
        return str(Routering(aanvraag.routering).label).lower()
    return str(Routering(aanvraag.soort.routering).label).lower()


def check_may(actor, aanvraag: Aanvraag, stap: Stap) -> None:
    """Refuses with the reason when the actor may not take this step (the view asks before reading input)."""
    if stap.door == AANVRAGER:
        if not authorization.can_request_aanvullende_zorg(actor, aanvraag.traject):
            raise PermissionDenied(_("Je werkt niet aan dit traject, dus je kunt deze aanvraag niet wijzigen."))
        return
    if authorization.made_aanvraag(actor, aanvraag):
        raise PermissionDenied(
            _(
                "Je hebt deze aanvraag zelf gedaan. Een ander beoordeelt en besluit erover (vier ogen), "
                "ook als je teammanager bent."
            )
        )
    if not authorization.can_assess_aanvraag(actor, aanvraag):
        raise PermissionDenied(
            _("Je beoordeelt deze aanvraag niet: ze ligt bij %(wie)s.") % {"wie": routing_description(aanvraag)}
        )


def _today() -> datetime.date:
    return timezone.localdate()


def calendar_options(organisatie_id: int) -> dict:
    afspraken = werkafspraken_for(organisatie_id)
    return {"goede_vrijdag": afspraken.goede_vrijdag_vrij, "bevrijdingsdag": afspraken.bevrijdingsdag}


def doorlooptijd(ingediend: datetime.date, besluit: datetime.date, opgeschort: int, **options) -> int:
    """Working days from the first submission to the decision, without those waited for information."""
    return max(0, calendar.werkdagen_tussen(ingediend, besluit, **options) - opgeschort)


def min_werkdagen(day: datetime.date, werkdagen: int, **options) -> datetime.date:
    """The day `werkdagen` working days before `day` (the reminder before a deadline)."""
    remaining = werkdagen
    while remaining > 0:
        day -= datetime.timedelta(days=1)
        if calendar.is_werkdag(day, **options):
            remaining -= 1
    return day


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d-%m-%Y")


def check_volledig(aanvraag: Aanvraag) -> None:
    """What a submitted request must contain; a concept may still miss it."""
    errors: dict[str, str] = {}
    if not aanvraag.doelen.exists():
        errors["doelen"] = _("Koppel de aanvraag aan minstens één doel uit het gezinsplan.")
    required = {
        "vraag": _("Beschrijf de vraag."),
        "waarom_niet_regulier": _("Leg uit waarom het reguliere aanbod niet past."),
        "eigen_kracht": _("Beschrijf wat eigen kracht en netwerk al hebben geprobeerd."),
        "gevraagde_oplossing": _("Beschrijf de oplossing die je vraagt."),
    }
    for field, message in required.items():
        if not getattr(aanvraag, field).strip():
            errors[field] = message
    soort = aanvraag.soort
    if soort.met_budget and not aanvraag.bedrag:
        errors["bedrag"] = _("Vul het gevraagde bedrag in; een %(soort)s gaat over een budget.") % {"soort": soort.naam}
    if soort.met_budget or soort.periode_verplicht:
        if aanvraag.periode_van is None:
            errors["periode_van"] = _("Vul de begindatum van de periode in.")
        if aanvraag.periode_tot is None:
            errors["periode_tot"] = _("Vul de einddatum van de periode in.")
    if errors:
        raise ValidationError(errors)


def _require_assessor(aanvraag: Aanvraag) -> None:
    """A request nobody may assess would wait for ever: e.g. a team without a manager, or the only
    manager made it (four eyes). Refuse it now, and say what would help."""
    if not authorization.beoordelaars_voor([aanvraag]).get(aanvraag.pk):
        raise StapNietMogelijk(
            _(
                "Niemand kan deze aanvraag nu beoordelen (ze gaat naar %(wie)s, en wie de aanvraag deed of "
                "indiende beoordeelt haar niet zelf). Vraag een beoordelaar om een vervanger, of functioneel "
                "beheer om de beoordeling te regelen; bewaar de aanvraag zolang als concept."
            )
            % {"wie": routing_description(aanvraag)}
        )


def _indienen(aanvraag: Aanvraag, *, actor, today: datetime.date, options: dict, **_data) -> str:
    if aanvraag.traject.status == Status.AFGESLOTEN:
        raise StapNietMogelijk(_("Het traject is afgesloten. Heropen het om een aanvraag in te dienen."))
    soort = aanvraag.soort
    if not soort.actief:
        raise StapNietMogelijk(_("Deze soort aanvraag wordt niet meer gebruikt. Kies een andere soort."))
    check_volledig(aanvraag)
    if soort.routering == Routering.BEOORDELINGSGROEP and not soort.beoordelingsgroep.actief:
        raise StapNietMogelijk(
            _(
                "De beoordelingsgroep '%(groep)s' is niet actief. "
                "Vraag functioneel beheer wie deze aanvragen beoordeelt."
            )
            % {"groep": soort.beoordelingsgroep.naam}
        )
    aanvraag.routering = soort.routering
    aanvraag.beoordelingsgroep = soort.beoordelingsgroep
    aanvraag.ingediend_door = actor
    _require_assessor(aanvraag)
    aanvraag.eerst_ingediend_op = today
    aanvraag.norm_werkdagen = soort.norm_werkdagen
    aanvraag.termijn = calendar.plus_werkdagen(today, soort.norm_werkdagen, **options)
    aanvraag.herinneren_vanaf = min_werkdagen(aanvraag.termijn, soort.herinneren_werkdagen, **options)
    return _("Aanvraag %(soort)s ingediend") % {"soort": soort.naam}


def _in_behandeling(aanvraag: Aanvraag, *, actor, **_data) -> str:
    aanvraag.in_behandeling_door = actor
    return _("Aanvraag %(soort)s in behandeling genomen") % {"soort": aanvraag.soort.naam}


def _informatie_vragen(aanvraag: Aanvraag, *, today: datetime.date, **_data) -> str:
    aanvraag.info_gevraagd_op = today
    return _("Aanvullende informatie gevraagd bij aanvraag %(soort)s") % {"soort": aanvraag.soort.naam}


def _aanvullen(aanvraag: Aanvraag, *, actor, today: datetime.date, options: dict, **_data) -> str:
    if aanvraag.traject.status == Status.AFGESLOTEN:
        raise StapNietMogelijk(_("Het traject is afgesloten. Trek de aanvraag in, of heropen het traject."))
    check_volledig(aanvraag)
    # The deadline waits while the assessor waits: it moves by the working days the request was away.
    gewacht = calendar.werkdagen_tussen(aanvraag.info_gevraagd_op, today, **options)
    aanvraag.werkdagen_opgeschort += gewacht
    aanvraag.termijn = calendar.plus_werkdagen(aanvraag.termijn, gewacht, **options)
    aanvraag.herinneren_vanaf = min_werkdagen(aanvraag.termijn, aanvraag.soort.herinneren_werkdagen, **options)
    aanvraag.info_gevraagd_op = None
    aanvraag.in_behandeling_door = None
    aanvraag.ingediend_door = actor
    _require_assessor(aanvraag)
    return _("Aanvraag %(soort)s aangevuld en opnieuw ingediend") % {"soort": aanvraag.soort.naam}


def _toegekend_bedrag(aanvraag: Aanvraag, stap: str, bedrag: Decimal | None) -> Decimal | None:
    if not aanvraag.soort.met_budget:
        if bedrag is not None:
            raise ValidationError({"toegekend_bedrag": _("Deze soort aanvraag gaat niet over een bedrag.")})
        return None
    gevraagd = aanvraag.bedrag
    if stap == "afwijzen":
        if bedrag:
            raise ValidationError({"toegekend_bedrag": _("Bij afwijzen wordt geen bedrag toegekend.")})
        return None
    if stap == "toekennen":
        if bedrag is not None and bedrag != gevraagd:
            raise ValidationError(
                {
                    "toegekend_bedrag": _(
                        "Toekennen is het gevraagde bedrag (€ %(bedrag)s). Kies 'Gedeeltelijk toekennen' voor een "
                        "ander bedrag."
                    )
                    % {"bedrag": gevraagd}
                }
            )
        return gevraagd
    if bedrag is None or bedrag <= 0 or bedrag >= gevraagd:
        raise ValidationError(
            {
                "toegekend_bedrag": _(
                    "Vul het toegekende bedrag in: meer dan € 0 en minder dan gevraagd (€ %(bedrag)s)."
                )
                % {"bedrag": gevraagd}
            }
        )
    return bedrag


def _besluiten(
    aanvraag: Aanvraag,
    *,
    stap: str,
    actor,
    today: datetime.date,
    options: dict,
    reden: str,
    beoordeling_notitie: str = "",
    toegekend_bedrag: Decimal | None = None,
    **_data,
) -> str:
    aanvraag.toegekend_bedrag = _toegekend_bedrag(aanvraag, stap, toegekend_bedrag)
    aanvraag.besluit_door = actor
    aanvraag.besluit_op = today
    aanvraag.besluit_motivering = reden
    if beoordeling_notitie.strip():
        aanvraag.beoordeling_notitie = beoordeling_notitie.strip()
    aanvraag.doorlooptijd_werkdagen = doorlooptijd(
        aanvraag.eerst_ingediend_op, today, aanvraag.werkdagen_opgeschort, **options
    )
    aanvraag.binnen_norm = aanvraag.doorlooptijd_werkdagen <= aanvraag.norm_werkdagen
    return _("Besluit over aanvraag %(soort)s: %(besluit)s") % {
        "soort": aanvraag.soort.naam,
        "besluit": str(AanvraagStatus(STAPPEN[stap].target).label).lower(),
    }


def _intrekken(aanvraag: Aanvraag, **_data) -> str:
    return _("Aanvraag %(soort)s ingetrokken") % {"soort": aanvraag.soort.naam}


_HANDLERS: dict[str, Callable[..., str]] = {
    "indienen": _indienen,
    "in_behandeling_nemen": _in_behandeling,
    "informatie_vragen": _informatie_vragen,
    "aanvullen": _aanvullen,
    "toekennen": _besluiten,
    "gedeeltelijk_toekennen": _besluiten,
    "afwijzen": _besluiten,
    "intrekken": _intrekken,
}


def _client_ziet(stap: str, van: str) -> bool:
    """Step titles are written for the client; the reasons stay with staff (AanvraagStap.reden), only
    the besluit's motivation goes on the timeline. A withdrawn concept was never made for the client."""
    return not (stap == "intrekken" and van == AanvraagStatus.CONCEPT)


def _refusal(aanvraag: Aanvraag, stap: Stap) -> str:
    if aanvraag.is_besloten:
        return _(
            "'%(stap)s' kan niet meer: over deze aanvraag is al besloten (%(besluit)s door %(door)s). "
            "Vernieuw de pagina."
        ) % {
            "stap": stap.label,
            "besluit": aanvraag.get_status_display().lower(),
            "door": aanvraag.besluit_door.get_full_name() if aanvraag.besluit_door else "",
        }
    return _("'%(stap)s' kan niet: de aanvraag heeft nu de status '%(status)s'. Vernieuw de pagina.") % {
        "stap": stap.label,
        "status": aanvraag.get_status_display(),
    }


def _url(aanvraag: Aanvraag) -> str:
    return reverse("maatwerk:aanvraag", args=[aanvraag.pk])


def _notify(aanvraag: Aanvraag, stap: Stap, row: AanvraagStap) -> None:
    kenmerk = {"soort": aanvraag.soort.naam, "nummer": aanvraag.traject.dossiernummer}
    if stap.name in {"indienen", "aanvullen"}:
        recipients = authorization.beoordelaars_voor([aanvraag]).get(aanvraag.pk, [])
        title = _("Aanvraag %(soort)s te beoordelen (%(nummer)s)") % kenmerk
        body = _("Beoordelen uiterlijk op %(datum)s.") % {"datum": _fmt(aanvraag.termijn)}
    elif stap.name == "informatie_vragen":
        recipients = _makers(aanvraag)
        title = _("Aanvullende informatie gevraagd: aanvraag %(soort)s (%(nummer)s)") % kenmerk
        body = row.reden
    elif stap.name in BESLUIT_STAPPEN:
        recipients = _makers(aanvraag)
        title = _("Besluit over je aanvraag %(soort)s (%(nummer)s): %(besluit)s") % {
            **kenmerk,
            "besluit": aanvraag.get_status_display().lower(),
        }
        body = aanvraag.besluit_motivering
    elif stap.name == "intrekken" and row.van_status != AanvraagStatus.CONCEPT:
        recipients = [aanvraag.in_behandeling_door] if aanvraag.in_behandeling_door_id else []
        title = _("Aanvraag %(soort)s ingetrokken (%(nummer)s)") % kenmerk
        body = row.reden
    else:
        return
    notify_many(
        Message(
            recipient=recipient,
            key=f"maatwerk:aanvraag:{aanvraag.pk}:stap:{row.pk}:{recipient.pk}",
            title=title[:200],
            body=body,
            url=_url(aanvraag),
        )
        for recipient in recipients
        if recipient.pk != row.door_id
    )


def _makers(aanvraag: Aanvraag) -> list:
    makers = {aanvraag.aangemaakt_door_id: aanvraag.aangemaakt_door}
    if aanvraag.ingediend_door_id:
        makers[aanvraag.ingediend_door_id] = aanvraag.ingediend_door
    return [user for user in makers.values() if user.is_active]


def lock(aanvraag_id: int) -> Aanvraag:
    return (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("traject__team__organisatie", "soort", "aangemaakt_door")
        .get(pk=aanvraag_id)
    )


@transaction.atomic
def perform(
    *,
    aanvraag_id: int,
    stap: str,
    actor,
    reden: str = "",
    beoordeling_notitie: str = "",
    toegekend_bedrag: Decimal | None = None,
) -> Aanvraag:
    """Takes one step on a request; the only place a request's status changes."""
    definition = STAPPEN.get(stap)
    if definition is None:
        raise StapNietMogelijk(_("Deze stap bestaat niet."))
    aanvraag = lock(aanvraag_id)
    if aanvraag.status not in definition.sources:
        raise StapNietMogelijk(_refusal(aanvraag, definition), status=aanvraag.status)
    check_may(actor, aanvraag, definition)
    reden = reden.strip()
    if definition.reden_verplicht and not reden:
        raise ValidationError({"reden": _("Vul in: %(vraag)s") % {"vraag": str(definition.reden_label).lower()}})
    today = _today()
    van = aanvraag.status
    title = _HANDLERS[stap](
        aanvraag,
        stap=stap,
        actor=actor,
        today=today,
        options=calendar_options(aanvraag.traject.team.organisatie_id),
        reden=reden,
        beoordeling_notitie=beoordeling_notitie,
        toegekend_bedrag=toegekend_bedrag,
    )
    aanvraag.status = definition.target
    aanvraag.versie += 1
    aanvraag.save()
    row = AanvraagStap.objects.create(
        aanvraag=aanvraag, stap=stap, van_status=van, naar_status=aanvraag.status, door=actor, reden=reden
    )
    timeline.record_event(
        traject=aanvraag.traject,
        soort=f"maatwerk.aanvraag_{stap}",
        titel=title[:200],
        omschrijving=aanvraag.besluit_motivering if stap in BESLUIT_STAPPEN else "",
        actor=actor,
        zichtbaar_voor_client=_client_ziet(stap, van),
        bron=aanvraag,
    )
    _notify(aanvraag, definition, row)
    return aanvraag
