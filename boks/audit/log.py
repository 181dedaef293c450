"""Recording access to dossier data. Read paths (the selectors that fetch a dossier for a user) and
write paths call ``record``; within a request the entries are collected and written in one
INSERT when the response is ready (``AccessLogMiddleware``), so logging costs one query per page.
Outside a request (tasks, commands) an entry is written at once, on channel 'taak'."""

import contextvars
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, transaction

from boks.accounts import authorization
from boks.accounts.models import Team

from .choices import Actie, Grondslag, Kanaal
from .models import Toegang


@dataclass
class _RequestLog:
    request: object
    kanaal: str
    entries: list[Toegang] = field(default_factory=list)
    seen: set = field(default_factory=set)
    organisations: dict[int, int] = field(default_factory=dict)


logger = logging.getLogger(__name__)
_current: contextvars.ContextVar[_RequestLog | None] = contextvars.ContextVar("boks_access_log", default=None)


def _client_ip(request) -> str | None:
    if settings.BOKS_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def _channel(path: str) -> str:
    if path.startswith("/api/"):
        return Kanaal.API
    if path.startswith("/portaal/"):
        return Kanaal.PORTAAL
    return Kanaal.UI


def begin(request) -> contextvars.Token:
    return _current.set(_RequestLog(request=request, kanaal=_channel(request.path)))


def finish(token: contextvars.Token) -> None:
    log = _current.get()
    _current.reset(token)
    if log and log.entries:
        try:
            Toegang.objects.bulk_create(log.entries)
        except DatabaseError:
            # The response is already an error when the database is gone; say loudly what was not logged.
            logger.exception("Access log entries could not be written: %s", [str(e) for e in log.entries])


def _organisation(log: _RequestLog | None, team_id: int | None, traject) -> int | None:
    """The organisation the data belongs to: its team's, looked up once per team per request."""
    if team_id is None:
        return None
    known = log.organisations if log is not None else {}
    if traject is not None and type(traject).team.is_cached(traject):
        # Remembered too, so a later entry for the same team without its traject needs no query.
        known[traject.team_id] = traject.team.organisatie_id
    if team_id not in known:
        known[team_id] = Team.objects.filter(pk=team_id).values_list("organisatie_id", flat=True).first()
    return known[team_id]


def _role_and_team(user, team_id: int | None) -> tuple[str, str]:
    if authorization.is_client(user):
        return "cliënt", ""
    memberships = authorization.current_memberships(user)
    chosen = next((m for m in memberships if m.team_id == team_id), None) or next(iter(memberships), None)
    if chosen is None:
        return "medewerker", ""
    return chosen.get_role_display(), chosen.team.naam


def _basis(user, traject) -> tuple[str, str]:
    """The basis of the access and, for noodtoegang, the reason the user gave."""
    if authorization.is_client(user):
        return Grondslag.CLIENT_ZELF, ""
    if traject is None:
        return Grondslag.TEAM, ""
    if authorization.is_involved_in(user, traject):
        return Grondslag.EIGEN_CASELOAD, ""
    noodtoegang = authorization.noodtoegang_in_use(user, traject)
    if noodtoegang is not None:
        return Grondslag.BREAK_THE_GLASS, noodtoegang.reden
    return Grondslag.TEAM, ""


def record(
    actie: str,
    *,
    traject=None,
    huishouden=None,
    persoon=None,
    obj=None,
    omschrijving: str = "",
    grondslag: str | None = None,
    reden: str = "",
    actor=None,
    namens=None,
) -> None:
    """Records that the current user did `actie` on dossier data. Pass what the data belongs to: a
    traject, a household or a person (ids are taken from them), and optionally the object itself.
    `actor`: who acted, when that is known better than the request's user (a service called from a
    command or task on someone's behalf); `namens`: the user on whose behalf they acted."""
    log = _current.get()
    user = actor or (getattr(log.request, "user", None) if log else None)
    huishouden_id = (
        getattr(traject, "huishouden_id", None)
        or getattr(huishouden, "pk", None)
        or getattr(persoon, "huishouden_id", None)
    )
    team_id = getattr(traject, "team_id", None) or getattr(huishouden, "team_id", None)
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    if log is not None:
        key = (actie, object_type, object_id, getattr(traject, "pk", None), huishouden_id, getattr(persoon, "pk", None))
        if key in log.seen:
            return
        log.seen.add(key)
    if user is not None and user.is_authenticated:
        rol, team = _role_and_team(user, team_id)
        naam = user.get_full_name() or user.email
        basis, basis_reden = (grondslag, "") if grondslag else _basis(user, traject)
        reden = reden or basis_reden
    else:
        user, rol, team, naam, basis = None, "", "", "BOKS", grondslag or Grondslag.TAAK
    entry = Toegang(
        actie=actie,
        gebruiker=user,
        namens=namens,
        gebruiker_naam=naam,
        rol=rol,
        team=team,
        kanaal=log.kanaal if log else Kanaal.TAAK,
        ip=_client_ip(log.request) if log else None,
        pad=log.request.path[:300] if log else "",
        grondslag=basis,
        reden=reden[:300],
        organisatie_id=_organisation(log, team_id, traject),
        huishouden_id=huishouden_id,
        traject_id=getattr(traject, "pk", None),
        dossiernummer=getattr(traject, "dossiernummer", "") or "",
        persoon_id=getattr(persoon, "pk", None),
        object_type=object_type,
        object_id=object_id,
        omschrijving=omschrijving[:300],
    )
    if log is not None:
        log.entries.append(entry)
    elif transaction.get_connection().in_atomic_block:
        # Outside a request nothing flushes later: write when the caller's work is committed.
        transaction.on_commit(entry.save)
    else:
        entry.save()


def read(**kwargs) -> None:
    record(Actie.LEZEN, **kwargs)


def read_list(trajecten, omschrijving: str) -> None:
    """A list that shows trajecten (names, dossiernummers, status) reads each of them: one entry per
    traject shown, all written with the page's single INSERT."""
    for traject in trajecten:
        record(Actie.LEZEN, traject=traject, omschrijving=f"{omschrijving}: {traject.dossiernummer}")


def change(**kwargs) -> None:
    record(Actie.WIJZIGEN, **kwargs)
