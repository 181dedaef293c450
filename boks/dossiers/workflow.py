"""The traject workflow: aangemeld → kennismaking → wachtend → plan → uitvoering → afgesloten.

Every status change goes through ``perform``: it locks the traject row, checks that the current
status allows the step (else ``TransitionNotAllowed``, a 409), validates the step's data (else
``ValidationError`` with field errors, a 400), asks the guards other apps registered, saves, and
writes the timeline event, all in one transaction. Two people clicking at once cannot both win:
the second sees the new status and gets a clear message.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization

from . import calendar, timeline
from .choices import OPEN_STATUSES, Afsluitreden, RedenVertraging, Status, ZelfstandigVerder
from .errors import TransitionNotAllowed
from .models import Traject, Werkafspraken
from .selectors import werkafspraken_for

Guard = Callable[[Traject], str | None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str | None
    """None: back to the status the traject had before it was closed (heropenen)."""


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "kennismaking_plannen",
            _("Kennismaking plannen"),
            (Status.AANGEMELD, Status.KENNISMAKING),
            Status.KENNISMAKING,
        ),
        Transition(
            "kennismaking_vastleggen",
            _("Kennismaking vastleggen"),
            (Status.AANGEMELD, Status.KENNISMAKING),
            Status.WACHTEND,
        ),
        Transition("begeleiding_starten", _("Begeleiding starten (plan maken)"), (Status.WACHTEND,), Status.PLAN),
        Transition("uitvoering_starten", _("Uitvoering starten"), (Status.PLAN,), Status.UITVOERING),
        Transition("afsluiten", _("Afsluiten"), tuple(OPEN_STATUSES), Status.AFGESLOTEN),
        Transition("heropenen", _("Heropenen"), (Status.AFGESLOTEN,), None),
    ]
}

_guards: dict[str, list[Guard]] = {}


def register_guard(transition: str, guard: Guard) -> None:
    """Lets another app add a condition to a step without changing this module, e.g. the
    gezinsplan app: uitvoering needs a vastgesteld plan. A guard returns a Dutch message to refuse."""
    _guards.setdefault(transition, []).append(guard)


def available_transitions(traject: Traject) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if traject.status in t.sources]


def _today() -> datetime.date:
    return timezone.localdate()


def _not_in_future(field: str, value: datetime.date | None, label: str) -> None:
    if value is None:
        raise ValidationError({field: _("Vul de datum in.")})
    if value > _today():
        raise ValidationError({field: _("%(label)s kan niet in de toekomst liggen.") % {"label": label}})


def _not_before(field: str, value: datetime.date, earliest: datetime.date | None, message: str) -> None:
    if earliest and value < earliest:
        raise ValidationError({field: message})


# The titles of the steps on the timeline; a conversion from another system writes the same ones.


def titel_aangemeld(team_naam: str) -> str:
    return _("Aangemeld bij buurtteam %(team)s") % {"team": team_naam}


def titel_kennismaking_gepland(datum: datetime.date) -> str:
    return _("Kennismaking gepland op %(datum)s") % {"datum": datum.strftime("%d-%m-%Y")}


def titel_kennismaking_gehouden(werkdagen: int) -> str:
    return _("Kennismakingsgesprek gehouden (%(werkdagen)s werkdagen na de aanmelding)") % {"werkdagen": werkdagen}


def titel_begeleiding_gestart() -> str:
    return _("Begeleiding gestart: samen een plan maken")


def titel_uitvoering_gestart() -> str:
    return _("Uitvoering van het plan gestart")


def titel_afgesloten(afsluitreden: str) -> str:
    return _("Traject afgesloten: %(reden)s") % {"reden": Afsluitreden(afsluitreden).label}


def stappen_uit_datums(traject: Traject, team_naam: str) -> list[tuple[str, str, datetime.date]]:
    """The steps a traject went through, read from its dates, as (soort, titel, datum) of the timeline
    events the workflow writes: for dossiers brought in from another system."""
    stappen = [("dossiers.aangemeld", titel_aangemeld(team_naam), traject.aanmelddatum)]
    if traject.kennismaking_gepland_op:
        stappen.append(
            (
                "dossiers.kennismaking_plannen",
                titel_kennismaking_gepland(traject.kennismaking_gepland_op),
                min(traject.kennismaking_gepland_op, traject.kennismaking_op or traject.kennismaking_gepland_op),
            )
        )
    if traject.kennismaking_op and traject.werkdagen_tot_kennismaking is not None:
        stappen.append(
            (
                "dossiers.kennismaking_vastleggen",
                titel_kennismaking_gehouden(traject.werkdagen_tot_kennismaking),
                traject.kennismaking_op,
            )
        )
    if traject.begeleiding_gestart_op:
        stappen.append(("dossiers.begeleiding_starten", titel_begeleiding_gestart(), traject.begeleiding_gestart_op))
    if traject.uitvoering_gestart_op:
        stappen.append(("dossiers.uitvoering_starten", titel_uitvoering_gestart(), traject.uitvoering_gestart_op))
    if traject.afgesloten_op and traject.afsluitreden:
        stappen.append(("dossiers.afsluiten", titel_afgesloten(traject.afsluitreden), traject.afgesloten_op))
    return stappen


def _plan_kennismaking(traject: Traject, afspraken: Werkafspraken, *, datum: datetime.date | None, **_data) -> str:
    if datum is None:
        raise ValidationError({"datum": _("Vul de datum van de kennismaking in.")})
    _not_before("datum", datum, traject.aanmelddatum, _("De kennismaking kan niet vóór de aanmelding liggen."))
    traject.kennismaking_gepland_op = datum
    return titel_kennismaking_gepland(datum)


def _record_kennismaking(
    traject: Traject, afspraken: Werkafspraken, *, datum: datetime.date | None, reden_vertraging: str = "", **_data
) -> str:
    _not_in_future("datum", datum, _("Een gehouden kennismaking"))
    _not_before("datum", datum, traject.aanmelddatum, _("De kennismaking kan niet vóór de aanmelding liggen."))
    werkdagen = calendar.werkdagen_tussen(
        traject.aanmelddatum,
        datum,
        goede_vrijdag=afspraken.goede_vrijdag_vrij,
        bevrijdingsdag=afspraken.bevrijdingsdag,
    )
    if werkdagen > afspraken.kennismaking_norm_werkdagen:
        if reden_vertraging not in RedenVertraging.values:
            raise ValidationError(
                {
                    "reden_vertraging": _(
                        "De kennismaking was na %(werkdagen)s werkdagen, later dan de norm van %(norm)s. Kies de reden."
                    )
                    % {"werkdagen": werkdagen, "norm": afspraken.kennismaking_norm_werkdagen}
                }
            )
    else:
        reden_vertraging = ""
    traject.kennismaking_op = datum
    traject.werkdagen_tot_kennismaking = werkdagen
    traject.kalenderdagen_tot_kennismaking = (datum - traject.aanmelddatum).days
    traject.reden_vertraging = reden_vertraging
    return titel_kennismaking_gehouden(werkdagen)


def _start_begeleiding(traject: Traject, afspraken: Werkafspraken, *, datum: datetime.date | None, **_data) -> str:
    _not_in_future("datum", datum, _("De start van de begeleiding"))
    _not_before("datum", datum, traject.kennismaking_op, _("De begeleiding kan niet vóór de kennismaking starten."))
    if traject.regisseur_id is None:
        raise ValidationError({"regisseur": _("Wijs eerst een regisseur toe voordat de begeleiding start.")})
    traject.begeleiding_gestart_op = datum
    return titel_begeleiding_gestart()


def _start_uitvoering(traject: Traject, afspraken: Werkafspraken, *, datum: datetime.date | None, **_data) -> str:
    _not_in_future("datum", datum, _("De start van de uitvoering"))
    _not_before(
        "datum", datum, traject.begeleiding_gestart_op, _("De uitvoering kan niet vóór de begeleiding starten.")
    )
    traject.uitvoering_gestart_op = datum
    return titel_uitvoering_gestart()


def _afsluiten(
    traject: Traject,
    afspraken: Werkafspraken,
    *,
    datum: datetime.date | None,
    afsluitreden: str = "",
    zelfstandig_verder: str = "",
    rapportcijfer: int | None = None,
    **_data,
) -> str:
    errors = {}
    if afsluitreden not in Afsluitreden.values:
        errors["afsluitreden"] = _("Kies de reden van afsluiten.")
    if zelfstandig_verder not in ZelfstandigVerder.values:
        errors["zelfstandig_verder"] = _("Geef aan of de cliënt zelfstandig verder kan.")
    if rapportcijfer is not None and not 1 <= rapportcijfer <= 10:
        errors["rapportcijfer"] = _("Een rapportcijfer is een heel getal van 1 tot en met 10.")
    if errors:
        raise ValidationError(errors)
    _not_in_future("datum", datum, _("De afsluitdatum"))
    _not_before("datum", datum, traject.aanmelddatum, _("De afsluitdatum kan niet vóór de aanmelding liggen."))
    traject.status_voor_afsluiten = traject.status
    traject.afgesloten_op = datum
    traject.afsluitreden = afsluitreden
    traject.zelfstandig_verder = zelfstandig_verder
    traject.rapportcijfer = rapportcijfer
    return titel_afgesloten(afsluitreden)


def _heropenen(traject: Traject, afspraken: Werkafspraken, *, reden: str = "", **_data) -> str:
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom het traject weer opengaat.")})
    limit = traject.afgesloten_op + datetime.timedelta(days=afspraken.heropenen_binnen_dagen)
    if _today() > limit:
        raise TransitionNotAllowed(
            _(
                "Dit traject is langer dan %(dagen)s dagen geleden afgesloten en kan niet meer worden heropend. "
                "Meld de cliënt opnieuw aan; de geschiedenis blijft gekoppeld aan het huishouden."
            )
            % {"dagen": afspraken.heropenen_binnen_dagen}
        )
    traject.afgesloten_op = None
    traject.afsluitreden = ""
    traject.zelfstandig_verder = ""
    traject.rapportcijfer = None
    return _("Traject heropend: %(reden)s") % {"reden": reden.strip()}


_STEPS = {
    "kennismaking_plannen": _plan_kennismaking,
    "kennismaking_vastleggen": _record_kennismaking,
    "begeleiding_starten": _start_begeleiding,
    "uitvoering_starten": _start_uitvoering,
    "afsluiten": _afsluiten,
    "heropenen": _heropenen,
}

_UPDATED_FIELDS = [
    "status",
    "kennismaking_gepland_op",
    "kennismaking_op",
    "werkdagen_tot_kennismaking",
    "kalenderdagen_tot_kennismaking",
    "reden_vertraging",
    "begeleiding_gestart_op",
    "uitvoering_gestart_op",
    "afgesloten_op",
    "afsluitreden",
    "zelfstandig_verder",
    "rapportcijfer",
    "status_voor_afsluiten",
    "gewijzigd_op",
]


def may_perform(user, traject: Traject, name: str) -> bool:
    """Who may take this step: reopening has a rule of its own, every other step is work on the traject."""
    if name == "heropenen":
        return authorization.can_reopen_traject(user, traject)
    return authorization.can_work_on_traject(user, traject)


@transaction.atomic
def perform(*, traject_id: int, name: str, actor, **data) -> Traject:
    """Performs one workflow step on a traject; the only place a traject's status changes."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionNotAllowed(_("Deze stap bestaat niet."))
    traject = Traject.objects.select_for_update().select_related("team").get(pk=traject_id)
    if not may_perform(actor, traject, name):
        raise PermissionDenied(_("Je mag deze stap bij dit traject niet zetten."))
    if traject.status not in transition.sources:
        raise TransitionNotAllowed(
            _("'%(stap)s' kan niet: het traject heeft nu de status '%(status)s'. Vernieuw de pagina.")
            % {"stap": transition.label, "status": Status(traject.status).label}
        )
    for guard in _guards.get(name, []):
        refusal = guard(traject)
        if refusal:
            raise TransitionNotAllowed(refusal)

    afspraken = werkafspraken_for(traject.team.organisatie_id)
    title = _STEPS[name](traject, afspraken, **data)
    traject.status = transition.target or traject.status_voor_afsluiten or Status.UITVOERING
    if name == "heropenen":
        traject.status_voor_afsluiten = ""
    traject.save(update_fields=_UPDATED_FIELDS)
    timeline.record_event(
        traject=traject,
        soort=f"dossiers.{name}",
        titel=title,
        actor=actor,
        plaatsgevonden_op=data.get("datum") or timezone.now(),
    )
    return traject
