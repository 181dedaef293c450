"""External requests for dossier data (DOMAIN.md §4.4, §9.9): Team Handhaving (or the police, the Raad
voor de Kinderbescherming) asks for data about a client. Instead of e-mailing what they ask for, the
worker registers the request, compiles the records to share inside BOKS, and submits it; a second
person approves (the traject's teammanager or the privacyfunctionaris, never who registered or
submitted it); then it is exported, and every export is in the access log with grondslag
'handhaving' and the request as the reason. The worker records the outcome of the investigation and
the conversation about it with the manager. Every status change is an ExternVerzoekStap.

The flow is one table, STAPPEN; `perform` locks the request, checks who may take the step and
whether the status allows it (else a Conflict, 409: two managers deciding at once), validates,
writes the step and notifies, in one transaction.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boks.accounts import authorization
from boks.dossiers import timeline
from boks.dossiers.models import Persoon, Traject
from boks.errors import Conflict
from boks.notifications.services import Message, notify_many

from ..choices import ExternStatus, ItemSoort
from ..models import ExternVerzoek, ExternVerzoekStap, VerstrekkingItem
from . import geef_nummer, naam, organisation_holders, team_holders

WERKER = "werker"
BEOORDELAAR = "beoordelaar"


@dataclass(frozen=True)
class Stap:
    name: str
    label: str | Promise
    sources: tuple[str, ...]
    target: str
    door: str
    """WERKER: who works on the traject; BEOORDELAAR: the teammanager or privacyfunctionaris, four eyes."""
    vraag: str | Promise = ""
    """The question the toelichting answers; empty when the step asks none."""
    verplicht: bool = False


S = ExternStatus
STAPPEN = {
    stap.name: stap
    for stap in [
        Stap(
            "voorleggen",
            gettext_lazy("Voorleggen ter goedkeuring"),
            (S.GEREGISTREERD,),
            S.TER_BEOORDELING,
            WERKER,
            gettext_lazy("Toelichting voor wie beoordeelt"),
        ),
        Stap(
            "goedkeuren",
            gettext_lazy("Goedkeuren"),
            (S.TER_BEOORDELING,),
            S.GOEDGEKEURD,
            BEOORDELAAR,
            gettext_lazy("Toelichting bij het besluit"),
        ),
        Stap(
            "terugsturen",
            gettext_lazy("Terugsturen"),
            (S.TER_BEOORDELING,),
            S.GEREGISTREERD,
            BEOORDELAAR,
            gettext_lazy("Wat moet er anders?"),
            verplicht=True,
        ),
        Stap(
            "afwijzen",
            gettext_lazy("Afwijzen"),
            (S.GEREGISTREERD, S.TER_BEOORDELING),
            S.AFGEWEZEN,
            BEOORDELAAR,
            gettext_lazy("Waarom worden de gegevens niet verstrekt?"),
            verplicht=True,
        ),
        Stap(
            "intrekken",
            gettext_lazy("Intrekken"),
            (S.GEREGISTREERD, S.TER_BEOORDELING, S.GOEDGEKEURD),
            S.INGETROKKEN,
            WERKER,
            gettext_lazy("Waarom vervalt het verzoek?"),
            verplicht=True,
        ),
        Stap(
            "afronden",
            gettext_lazy("Uitkomst vastleggen en afronden"),
            (S.VERSTREKT,),
            S.AFGEROND,
            WERKER,
            gettext_lazy("Uitkomst van het onderzoek"),
            verplicht=True,
        ),
    ]
}
STAP_NAMEN = list(STAPPEN)


@dataclass(frozen=True)
class ExternVerzoekData:
    soort_verzoeker: str
    verzoeker: str
    contactpersoon: str
    grondslag_soort: str
    grondslag: str
    gevraagde_gegevens: str
    ontvangen_op: datetime.date
    termijn: datetime.date
    contact_email: str = ""
    contact_telefoon: str = ""
    kenmerk: str = ""
    persoon: Persoon | None = None


def _step(verzoek: ExternVerzoek, stap: str, van: str, actor, toelichting: str = "") -> None:
    ExternVerzoekStap.objects.create(
        verzoek=verzoek, stap=stap, van_status=van, naar_status=verzoek.status, door=actor, toelichting=toelichting
    )


@transaction.atomic
def registreer(*, actor, traject: Traject, data: ExternVerzoekData) -> ExternVerzoek:
    if not authorization.can_register_extern_verzoek(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject, dus je kunt hier geen verzoek registreren."))
    verzoek = ExternVerzoek(
        organisatie_id=traject.team.organisatie_id,
        traject=traject,
        dossiernummer=traject.dossiernummer,
        geregistreerd_door=actor,
        **{name: value.strip() if isinstance(value, str) else value for name, value in data.__dict__.items()},
    )
    verzoek.full_clean(exclude=["nummer"])
    verzoek.save()
    geef_nummer(verzoek, "EV")
    _step(verzoek, "registreren", "", actor)
    timeline.record_event(
        traject=traject,
        soort="privacy.extern_verzoek",
        titel=_("Extern verzoek %(nummer)s geregistreerd (%(wie)s)")
        % {"nummer": verzoek.nummer, "wie": verzoek.get_soort_verzoeker_display()},
        actor=actor,
        zichtbaar_voor_client=False,
        bron=verzoek,
    )
    notify_many(
        Message(
            recipient=user,
            key=f"privacy:extern:{verzoek.pk}:geregistreerd:{user.pk}",
            title=_("Nieuw extern verzoek %(nummer)s") % {"nummer": verzoek.nummer},
            body=_(
                "%(wie)s vraagt gegevens uit dossier %(dossier)s. Het verzoek komt ter goedkeuring bij jou of de "
                "teammanager."
            )
            % {"wie": verzoek.verzoeker, "dossier": verzoek.dossiernummer},
            url=reverse("privacy:extern_verzoek", args=[verzoek.pk]),
        )
        for user in organisation_holders(
            verzoek.organisatie_id, authorization.Onderwerp.EXTERN_VERZOEK, authorization.Handeling.BEOORDELEN
        )
        if user.pk != actor.pk
    )
    return verzoek


def _lock(verzoek_id: int) -> ExternVerzoek:
    return ExternVerzoek.objects.select_for_update(of=("self",)).select_related("traject__team").get(pk=verzoek_id)


@transaction.atomic
def stel_samen(*, actor, verzoek_id: int, gekozen: dict[str, list[int]]) -> ExternVerzoek:
    """Sets exactly which records of the traject are shared: `gekozen` maps an ItemSoort to ids. Only
    records of this traject can be chosen, and only while the request is being compiled."""
    from .. import selectors

    verzoek = _lock(verzoek_id)
    if not authorization.can_work_on_extern_verzoek(actor, verzoek):
        raise PermissionDenied(_("Alleen wie aan het traject werkt, stelt de gegevens samen."))
    if verzoek.status != ExternStatus.GEREGISTREERD:
        raise Conflict(_("Dit verzoek ligt al ter beoordeling of is beslist; de gegevens liggen vast."))
    kandidaten = {(k.soort, k.object_id): k for k in selectors.kandidaten(verzoek.traject)}
    wanted = {(soort, int(pk)) for soort, ids in gekozen.items() for pk in ids}
    unknown = [key for key in wanted if key not in kandidaten or key[0] not in ItemSoort.values]
    if unknown:
        raise ValidationError({"items": _("Kies alleen gegevens uit dit traject.")})
    current = {(item.soort, item.object_id): item for item in verzoek.items.all()}
    VerstrekkingItem.objects.filter(pk__in=[item.pk for key, item in current.items() if key not in wanted]).delete()
    VerstrekkingItem.objects.bulk_create(
        [
            VerstrekkingItem(
                verzoek=verzoek,
                soort=key[0],
                object_id=key[1],
                omschrijving=kandidaten[key].omschrijving[:200],
                datum=kandidaten[key].datum,
                toegevoegd_door=actor,
            )
            for key in sorted(wanted - set(current))
        ]
    )
    return verzoek


def mag(user, verzoek: ExternVerzoek, stap: Stap) -> bool:
    if stap.door == WERKER:
        return authorization.can_work_on_extern_verzoek(user, verzoek)
    return authorization.can_judge_extern_verzoek(user, verzoek)


def beschikbare_stappen(user, verzoek: ExternVerzoek) -> list[Stap]:
    return [stap for stap in STAPPEN.values() if verzoek.status in stap.sources and mag(user, verzoek, stap)]


@transaction.atomic
def perform(
    *, actor, verzoek_id: int, stap: str, toelichting: str = "", gesprek_op: datetime.date | None = None
) -> ExternVerzoek:
    definition = STAPPEN.get(stap)
    if definition is None:
        raise ValidationError({"stap": _("Deze stap bestaat niet.")})
    verzoek = _lock(verzoek_id)
    if not mag(actor, verzoek, definition):
        if definition.door == BEOORDELAAR and authorization.made_extern_verzoek(actor, verzoek):
            raise PermissionDenied(_("Je registreerde of legde dit verzoek zelf voor; een ander beoordeelt het."))
        raise PermissionDenied(_("Je kunt deze stap bij dit verzoek niet zetten."))
    if verzoek.status not in definition.sources:
        wie = naam(verzoek.beoordeeld_door) if verzoek.beoordeeld_door_id else naam(verzoek.voorgelegd_door)
        raise Conflict(
            _("Dit verzoek is inmiddels %(status)s (%(wie)s). Bekijk het opnieuw.")
            % {"status": verzoek.get_status_display().lower(), "wie": wie}
        )
    toelichting = toelichting.strip()
    if definition.verplicht and not toelichting:
        raise ValidationError({"toelichting": _("Vul dit in: %(vraag)s") % {"vraag": definition.vraag}})
    if stap == "voorleggen" and not verzoek.items.exists():
        raise ValidationError({"items": _("Kies eerst welke gegevens je wilt verstrekken.")})
    if stap == "afronden" and gesprek_op and gesprek_op > timezone.localdate():
        raise ValidationError({"gesprek_op": _("Het nagesprek kan niet in de toekomst liggen.")})
    van = verzoek.status
    verzoek.status = definition.target
    now = timezone.now()
    changed = ["status"]
    if stap == "voorleggen":
        verzoek.voorgelegd_door, verzoek.voorgelegd_op = actor, now
        changed += ["voorgelegd_door", "voorgelegd_op"]
    elif definition.door == BEOORDELAAR:
        verzoek.beoordeeld_door, verzoek.beoordeeld_op, verzoek.besluit_toelichting = actor, now, toelichting
        changed += ["beoordeeld_door", "beoordeeld_op", "besluit_toelichting"]
        if stap == "terugsturen":
            verzoek.voorgelegd_door = verzoek.voorgelegd_op = None
            changed += ["voorgelegd_door", "voorgelegd_op"]
    elif stap == "afronden":
        verzoek.uitkomst, verzoek.gesprek_op, verzoek.afgerond_op = toelichting, gesprek_op, now
        changed += ["uitkomst", "gesprek_op", "afgerond_op"]
    verzoek.save(update_fields=changed)
    _step(verzoek, stap, van, actor, toelichting)
    _notify(verzoek, stap, actor)
    return verzoek


def _notify(verzoek: ExternVerzoek, stap: str, actor) -> None:
    url = reverse("privacy:extern_verzoek", args=[verzoek.pk])
    if stap == "voorleggen":
        recipients = {
            user.pk: user
            for user in [
                *team_holders(
                    verzoek.traject.team_id, authorization.Onderwerp.EXTERN_VERZOEK, authorization.Handeling.BEOORDELEN
                ),
                *organisation_holders(
                    verzoek.organisatie_id, authorization.Onderwerp.EXTERN_VERZOEK, authorization.Handeling.BEOORDELEN
                ),
            ]
            if not authorization.made_extern_verzoek(user, verzoek)
        }
        title = _("Extern verzoek %(nummer)s ter goedkeuring") % {"nummer": verzoek.nummer}
        body = _("%(naam)s legt voor welke gegevens aan %(wie)s worden verstrekt. Bekijk precies wat er meegaat.") % {
            "naam": naam(actor),
            "wie": verzoek.verzoeker,
        }
    elif stap in {"goedkeuren", "terugsturen", "afwijzen"}:
        recipients = {
            user.pk: user for user in (verzoek.geregistreerd_door, verzoek.voorgelegd_door) if user is not None
        }
        recipients.pop(actor.pk, None)
        title = _("Extern verzoek %(nummer)s: %(status)s") % {
            "nummer": verzoek.nummer,
            "status": str(STAPPEN[stap].label).lower(),
        }
        body = verzoek.besluit_toelichting
    else:
        return
    notify_many(
        Message(
            recipient=user,
            key=f"privacy:extern:{verzoek.pk}:{stap}:{verzoek.stappen.count()}:{user.pk}",
            title=title,
            body=body,
            url=url,
        )
        for user in recipients.values()
    )


def markeer_verstrekt(*, actor, verzoek: ExternVerzoek) -> None:
    """The first export of an approved request is its verstrekking (called by the export, in its
    transaction, with the row locked)."""
    if verzoek.status != ExternStatus.GOEDGEKEURD:
        return
    verzoek.status = ExternStatus.VERSTREKT
    verzoek.verstrekt_door = actor
    verzoek.verstrekt_op = timezone.now()
    verzoek.save(update_fields=["status", "verstrekt_door", "verstrekt_op"])
    _step(verzoek, "verstrekken", ExternStatus.GOEDGEKEURD, actor)
    if verzoek.traject is not None:
        timeline.record_event(
            traject=verzoek.traject,
            soort="privacy.verstrekt",
            titel=_("Gegevens verstrekt aan %(wie)s (%(nummer)s)")
            % {"wie": verzoek.verzoeker, "nummer": verzoek.nummer},
            actor=actor,
            zichtbaar_voor_client=False,
            bron=verzoek,
        )
