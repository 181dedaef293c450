"""AVG requests of a data subject: inzage (a complete copy, AVG art. 15), verbetering (art. 16) and
vroegtijdige vernietiging (art. 17; Jeugdwet art. 7.3.9).

A client makes them in the portal — about themselves, or as a parent with gezag about a child whose
dossier they may read — or a worker or the privacyfunctionaris registers one that came in another way.
The answer is due within a month (AVG art. 12 lid 3). Who decides follows the authorisation matrix:
a verbetering the workers on the traject (they correct the data in the dossier themselves and say what
they changed), the traject's managers or the privacyfunctionaris; an inzage request is answered by the
privacyfunctionaris's export; an early destruction by whoever judges retention, and the nightly run
carries it out. The client reads the outcome in the portal and gets a message.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers import timeline
from boks.dossiers.models import Persoon, Traject
from boks.errors import Conflict
from boks.notifications.services import Message, notify_many

from ..choices import AvgSoort, AvgStatus, Kanaal
from ..models import AvgVerzoek, AvgVerzoekStap
from . import bewaren, geef_nummer, organisation_holders, traject_workers

ANTWOORD_BINNEN = relativedelta(months=1)
CLIENT_SOORTEN = [AvgSoort.VERBETERING, AvgSoort.VERNIETIGING, AvgSoort.INZAGE]


@dataclass(frozen=True)
class AvgVerzoekData:
    soort: str
    wat_onjuist: str = ""
    wat_juist: str = ""
    waar: str = ""
    toelichting: str = ""
    aanvrager: Persoon | None = None
    aanvrager_toelichting: str = ""
    ontvangen_op: datetime.date | None = None


def _validate(data: AvgVerzoekData) -> None:
    errors = {}
    if data.soort not in AvgSoort.values:
        errors["soort"] = _("Kies wat voor verzoek het is.")
    if data.soort == AvgSoort.VERBETERING:
        if not data.wat_onjuist.strip():
            errors["wat_onjuist"] = _("Schrijf op wat er niet klopt.")
        if not data.wat_juist.strip():
            errors["wat_juist"] = _("Schrijf op wat het wel moet zijn.")
    if data.ontvangen_op and data.ontvangen_op > timezone.localdate():
        errors["ontvangen_op"] = _("Deze datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)


def _create(*, actor, persoon: Persoon, traject: Traject, data: AvgVerzoekData, kanaal: str) -> AvgVerzoek:
    _validate(data)
    ontvangen = data.ontvangen_op or timezone.localdate()
    verzoek = AvgVerzoek.objects.create(
        soort=data.soort,
        organisatie_id=traject.team.organisatie_id,
        traject=traject,
        persoon=persoon,
        aanvrager=data.aanvrager,
        aanvrager_toelichting=data.aanvrager_toelichting.strip(),
        dossiernummer=traject.dossiernummer,
        kanaal=kanaal,
        ingediend_door=actor,
        ingediend_op=timezone.now(),
        termijn=ontvangen + ANTWOORD_BINNEN,
        wat_onjuist=data.wat_onjuist.strip(),
        wat_juist=data.wat_juist.strip(),
        waar=data.waar.strip(),
        toelichting=data.toelichting.strip(),
    )
    geef_nummer(verzoek, "AVG")
    AvgVerzoekStap.objects.create(
        verzoek=verzoek, stap="indienen", naar_status=AvgStatus.INGEDIEND, door=actor, toelichting=""
    )
    timeline.record_event(
        traject=traject,
        soort="privacy.avg_verzoek",
        titel=_("%(soort)s gevraagd (%(nummer)s)") % {"soort": verzoek.get_soort_display(), "nummer": verzoek.nummer},
        actor=actor,
        zichtbaar_voor_client=False,
        bron=verzoek,
        betreft=[persoon],
    )
    _notify_deciders(verzoek, actor)
    return verzoek


def _deciders(verzoek: AvgVerzoek) -> list:
    """Who is told of a new request: those who decide it (the matrix decides who that is)."""
    Onderwerp, Handeling = authorization.Onderwerp, authorization.Handeling
    if verzoek.soort == AvgSoort.VERNIETIGING:
        return organisation_holders(verzoek.organisatie_id, Onderwerp.BEWAARTERMIJN, Handeling.BEOORDELEN)
    if verzoek.soort == AvgSoort.INZAGE:
        return organisation_holders(verzoek.organisatie_id, Onderwerp.AVG_VERZOEK, Handeling.EXPORTEREN)
    workers = traject_workers(verzoek.traject) if verzoek.traject else []
    return workers or organisation_holders(verzoek.organisatie_id, Onderwerp.AVG_VERZOEK, Handeling.BEOORDELEN)


def _notify_deciders(verzoek: AvgVerzoek, actor) -> None:
    notify_many(
        Message(
            recipient=user,
            key=f"privacy:avg:{verzoek.pk}:ingediend:{user.pk}",
            title=_("%(soort)s: %(nummer)s") % {"soort": verzoek.get_soort_display(), "nummer": verzoek.nummer},
            body=_("Beantwoord dit verzoek uiterlijk %(datum)s.") % {"datum": f"{verzoek.termijn:%d-%m-%Y}"},
            url=reverse("privacy:avg_verzoek", args=[verzoek.pk]),
        )
        for user in _deciders(verzoek)
        if user.pk != actor.pk
    )


@transaction.atomic
def dien_in(*, actor, scope: authorization.ClientScope, persoon_id: int, data: AvgVerzoekData) -> AvgVerzoek:
    """A client's request in the portal, about themselves or a child they may ask for."""
    persoon = scope.persons.get(persoon_id)
    if persoon is None or not authorization.client_may_request_about(scope, persoon):
        raise ValidationError({"persoon": _("Voor deze persoon kunt u dit niet vragen.")})
    if data.soort not in CLIENT_SOORTEN:
        raise ValidationError({"soort": _("Kies wat u wilt vragen.")})
    traject = dossier_selectors.client_current_traject(scope)
    if traject is None:
        raise PermissionDenied
    data = AvgVerzoekData(**{**data.__dict__, "aanvrager": scope.viewer, "ontvangen_op": None})
    return _create(actor=actor, persoon=persoon, traject=traject, data=data, kanaal=Kanaal.PORTAAL)


@transaction.atomic
def registreer(*, actor, traject: Traject, persoon: Persoon, data: AvgVerzoekData) -> AvgVerzoek:
    """A request that came in by letter, e-mail or at the table, registered by staff."""
    if not authorization.can_register_avg_verzoek(actor, traject):
        raise PermissionDenied(_("Je kunt voor dit dossier geen AVG-verzoek vastleggen."))
    if persoon.huishouden_id != traject.huishouden_id:
        raise ValidationError({"persoon": _("Kies een gezinslid van dit huishouden.")})
    if data.aanvrager is not None and data.aanvrager.huishouden_id != traject.huishouden_id:
        raise ValidationError({"aanvrager": _("Kies een gezinslid van dit huishouden.")})
    return _create(actor=actor, persoon=persoon, traject=traject, data=data, kanaal=Kanaal.MEDEWERKER)


def find_traject(actor, dossiernummer: str) -> Traject:
    """The traject the privacyfunctionaris registers a request for, by its number; the same answer for
    a number that does not exist and one of another organisation."""
    traject = (
        Traject.objects.select_related("team__organisatie", "huishouden")
        .filter(dossiernummer__iexact=dossiernummer.strip())
        .first()
    )
    if traject is None or not authorization.can_register_avg_verzoek(actor, traject):
        raise ValidationError({"dossiernummer": _("Geen dossier met dit nummer gevonden. Controleer het nummer.")})
    return traject


def find_persoon(traject: Traject, geboortedatum: datetime.date, voornaam: str = "") -> Persoon:
    """The household member a request is about, by date of birth (and first name when two share it)."""
    personen = list(traject.huishouden.personen.filter(geboortedatum=geboortedatum))
    if voornaam.strip():
        personen = [p for p in personen if p.voornaam.lower() == voornaam.strip().lower()]
    if len(personen) != 1:
        raise ValidationError(
            {
                "geboortedatum": _(
                    "In dit dossier is niet precies één persoon met deze geboortedatum (en voornaam). Controleer ze."
                )
            }
        )
    return personen[0]


@transaction.atomic
def beslis(*, actor, verzoek_id: int, toewijzen: bool, toelichting: str, vandaag: datetime.date | None = None):
    """Decides a request. A verbetering granted says what was corrected; a refusal always says why (the
    client reads it). Granting an early destruction hands it to the nightly run."""
    verzoek = (
        AvgVerzoek.objects.select_for_update(of=("self",))
        .select_related("traject__team", "persoon__huishouden")
        .get(pk=verzoek_id)
    )
    if not authorization.can_decide_avg_verzoek(actor, verzoek):
        raise PermissionDenied(_("Je beslist niet over dit verzoek."))
    if verzoek.status != AvgStatus.INGEDIEND:
        raise Conflict(_("Over dit verzoek is al beslist: %(status)s.") % {"status": verzoek.get_status_display()})
    toelichting = toelichting.strip()
    if not toelichting:
        vraag = (
            _("Schrijf op wat je hebt verbeterd.")
            if toewijzen and verzoek.soort == AvgSoort.VERBETERING
            else _("Schrijf op waarom het verzoek wordt afgewezen.")
            if not toewijzen
            else ""
        )
        if vraag:
            raise ValidationError({"toelichting": vraag})
    if toewijzen and verzoek.soort == AvgSoort.INZAGE:
        raise Conflict(_("Maak de export van de gegevens; daarmee is het inzageverzoek uitgevoerd."))
    if toewijzen and verzoek.soort == AvgSoort.VERNIETIGING:
        if verzoek.persoon is None:
            raise Conflict(_("De gegevens van deze persoon bestaan niet meer."))
        bewaren.nieuwe_vernietiging_op_verzoek(actor=actor, verzoek=verzoek, vandaag=vandaag or timezone.localdate())
    van = verzoek.status
    verzoek.status = AvgStatus.TOEGEWEZEN if toewijzen else AvgStatus.AFGEWEZEN
    if toewijzen and verzoek.soort == AvgSoort.VERBETERING:
        verzoek.status = AvgStatus.UITGEVOERD
        verzoek.uitgevoerd_op = timezone.now()
    verzoek.besluit_door = actor
    verzoek.besluit_op = timezone.now()
    verzoek.besluit_toelichting = toelichting
    verzoek.save(update_fields=["status", "uitgevoerd_op", "besluit_door", "besluit_op", "besluit_toelichting"])
    AvgVerzoekStap.objects.create(
        verzoek=verzoek,
        stap=("verbeteren" if verzoek.soort == AvgSoort.VERBETERING else "toewijzen") if toewijzen else "afwijzen",
        van_status=van,
        naar_status=verzoek.status,
        door=actor,
        toelichting=toelichting,
    )
    _tell_requester(verzoek)
    return verzoek


@transaction.atomic
def markeer_inzage_uitgevoerd(*, actor, verzoek: AvgVerzoek) -> None:
    """The first export on an inzage request answers it."""
    verzoek = AvgVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != AvgStatus.INGEDIEND:
        return
    verzoek.status = AvgStatus.UITGEVOERD
    verzoek.besluit_door = actor
    verzoek.besluit_op = verzoek.uitgevoerd_op = timezone.now()
    verzoek.save(update_fields=["status", "besluit_door", "besluit_op", "uitgevoerd_op"])
    AvgVerzoekStap.objects.create(
        verzoek=verzoek, stap="exporteren", van_status=AvgStatus.INGEDIEND, naar_status=verzoek.status, door=actor
    )
    _tell_requester(verzoek)


def _tell_requester(verzoek: AvgVerzoek) -> None:
    requester = verzoek.ingediend_door
    if not (requester.is_active and requester.is_client):
        return
    notify_many(
        [
            Message(
                recipient=requester,
                key=f"privacy:avg:{verzoek.pk}:{verzoek.status}",
                title=_("Uw verzoek %(nummer)s: %(uitkomst)s")
                % {"nummer": verzoek.nummer, "uitkomst": verzoek.uitkomst_voor_client.lower()},
                body=verzoek.besluit_toelichting,
                url=reverse("portal:privacy"),
            )
        ]
    )
