"""Break-the-glass: a staff member who needs a dossier of another team of their organisation opens
it by giving a reason. The access is read-only, lasts BOKS_NOODTOEGANG_UREN, is in the access log
with its reason, and the team's managers are told and judge afterwards whether it was justified.

Who may open and judge is decided by the authorisation matrix (Onderwerp.NOODTOEGANG, Relatie.NOODTOEGANG)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.choices import TeamRole
from boks.accounts.models import Membership, User
from boks.audit import log as access_log
from boks.audit.choices import Actie, Grondslag
from boks.errors import Conflict
from boks.notifications.services import Message, notify_many

from .models import Noodtoegang, Traject

MINIMUM_REASON_LENGTH = 20


def find_traject(user, dossiernummer: str) -> Traject:
    """The traject a staff member asks to open; the same answer whether it does not exist or may not
    be opened this way, so the form reveals nothing about other organisations."""
    traject = (
        Traject.objects.select_related("team__organisatie", "huishouden")
        .filter(dossiernummer__iexact=dossiernummer.strip())
        .first()
    )
    if traject is None or not (
        authorization.can_view_traject(user, traject) or authorization.can_open_with_noodtoegang(user, traject)
    ):
        raise ValidationError(
            {"dossiernummer": _("Geen dossier gevonden dat je met noodtoegang kunt openen. Controleer het nummer.")}
        )
    return traject


@transaction.atomic
def open_noodtoegang(*, actor: User, traject: Traject, reden: str) -> Noodtoegang:
    reden = reden.strip()
    if authorization.can_view_traject(actor, traject):
        raise Conflict(_("Je hebt al toegang tot dit dossier; noodtoegang is niet nodig."))
    if not authorization.can_open_with_noodtoegang(actor, traject):
        raise PermissionDenied(_("Je kunt dit dossier niet met noodtoegang openen."))
    if len(reden) < MINIMUM_REASON_LENGTH:
        raise ValidationError(
            {
                "reden": _("Beschrijf waarom je dit dossier nu nodig hebt (minstens %(n)d tekens).")
                % {"n": MINIMUM_REASON_LENGTH}
            }
        )
    now = timezone.now()
    toegang = Noodtoegang.objects.create(
        traject=traject,
        medewerker=actor,
        reden=reden,
        geopend_op=now,
        geldig_tot=now + datetime.timedelta(hours=settings.BOKS_NOODTOEGANG_UREN),
    )
    if hasattr(actor, "_boks_noodtoegang"):
        del actor._boks_noodtoegang
    access_log.record(
        Actie.NOODTOEGANG,
        traject=traject,
        obj=toegang,
        grondslag=Grondslag.BREAK_THE_GLASS,
        reden=reden,
        omschrijving=f"Noodtoegang tot {traject.dossiernummer}",
        actor=actor,
    )
    _tell_managers(toegang)
    return toegang


def _tell_managers(toegang: Noodtoegang) -> None:
    managers = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.current()
        .filter(team_id=toegang.traject.team_id, role=TeamRole.TEAMMANAGER)
        .values("user_id"),
    ).exclude(pk=toegang.medewerker_id)
    naam = toegang.medewerker.get_full_name() or toegang.medewerker.email
    notify_many(
        Message(
            recipient=manager,
            key=f"noodtoegang-{toegang.pk}-{manager.pk}",
            title=_("Noodtoegang tot dossier %(nummer)s") % {"nummer": toegang.traject.dossiernummer},
            body=_(
                "%(naam)s heeft dit dossier van je team geopend met noodtoegang. Reden: %(reden)s "
                "Beoordeel of dat terecht was."
            )
            % {"naam": naam, "reden": toegang.reden},
            url=reverse("dossiers:noodtoegang_overzicht"),
        )
        for manager in managers
    )


@transaction.atomic
def judge(*, actor: User, noodtoegang: Noodtoegang, oordeel: str, toelichting: str = "") -> Noodtoegang:
    noodtoegang = Noodtoegang.objects.select_for_update().select_related("traject").get(pk=noodtoegang.pk)
    if not authorization.can_judge_noodtoegang(actor, noodtoegang):
        raise PermissionDenied(_("Alleen een teammanager van het team beoordeelt deze noodtoegang."))
    if noodtoegang.oordeel:
        raise Conflict(_("Deze noodtoegang is al beoordeeld."))
    if oordeel not in Noodtoegang.Oordeel.values:
        raise ValidationError({"oordeel": _("Kies of de noodtoegang terecht was.")})
    if oordeel == Noodtoegang.Oordeel.ONTERECHT and not toelichting.strip():
        raise ValidationError({"toelichting": _("Licht toe waarom de noodtoegang niet terecht was.")})
    noodtoegang.oordeel = oordeel
    noodtoegang.oordeel_toelichting = toelichting.strip()
    noodtoegang.beoordeeld_door = actor
    noodtoegang.beoordeeld_op = timezone.now()
    noodtoegang.save(update_fields=["oordeel", "oordeel_toelichting", "beoordeeld_door", "beoordeeld_op"])
    return noodtoegang


def visible(user) -> QuerySet[Noodtoegang]:
    """Noodtoegangen to the user's teams' dossiers (managers) or organisation's (privacy officer)."""
    if not authorization.is_staff_member(user):
        return Noodtoegang.objects.none()
    return (
        Noodtoegang.objects.filter(authorization.noodtoegang_scope(user))
        .select_related("traject__team", "medewerker", "beoordeeld_door")
        .order_by("-geopend_op")
    )


def noodtoegang_for(user, noodtoegang_id: int) -> Noodtoegang:
    found = visible(user).filter(pk=noodtoegang_id).first()
    if found is None:
        raise Http404
    return found


def mine(user) -> QuerySet[Noodtoegang]:
    return Noodtoegang.objects.filter(medewerker=user).select_related("traject__team").order_by("-geopend_op")
