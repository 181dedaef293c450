"""Portal access for household members: a worker invites, the client activates with a one-time link
that expires, a worker can revoke; a young person of 16+ gives or withdraws their parents' access;
a worker withholds an item from a parent when reading it would harm the child.

Who may then see what is decided by ``authorization.ClientScope``; this module only writes."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.choices import UserKind
from boks.accounts.models import User
from boks.errors import Conflict
from boks.notifications.services import Message, absolute_url, notify_many, send_private_email

from . import timeline
from .models import Afscherming, Persoon, Portaaltoegang, Toestemming, Traject, Uitnodiging


class InvitationInvalid(Conflict):
    """The activation link cannot be used (unknown, used, expired or withdrawn)."""


class LoginFirst(Conflict):
    """An account with this address exists: log in with it to add this access."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _valid_days() -> int:
    return settings.BOKS_PORTAL_INVITATION_DAYS


@transaction.atomic
def invite(*, actor, traject: Traject, persoon: Persoon, email: str) -> Uitnodiging:
    """Invites a household member of 12 or older to the portal. Earlier open invitations for the
    same person stop working; only a hash of the new link's token is stored."""
    persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
    if not authorization.can_invite_to_portal(actor, traject, persoon):
        raise PermissionDenied(_("Je kunt alleen gezinsleden van je eigen trajecten uitnodigen."))
    email = email.strip().lower()
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Vul een geldig e-mailadres in.")
    if not authorization.may_have_portal_access(persoon):
        errors["persoon"] = _("Het portaal is er vanaf 12 jaar. Voor jongere kinderen kijken de ouders met gezag mee.")
    if User.objects.filter(email__iexact=email, kind=UserKind.STAFF).exists():
        errors["email"] = _("Dit adres hoort bij een medewerker. Gebruik het privéadres van de cliënt.")
    if errors:
        raise ValidationError(errors)
    if persoon.portaaltoegangen.filter(actief=True).exists():
        raise Conflict(_("%(naam)s heeft al toegang tot het portaal.") % {"naam": persoon.voornaam})
    persoon.uitnodigingen.filter(gebruikt_op__isnull=True, ingetrokken_op__isnull=True).update(
        ingetrokken_op=timezone.now()
    )
    token = secrets.token_urlsafe(32)
    invitation = Uitnodiging.objects.create(
        persoon=persoon,
        email=email,
        token_hash=_hash(token),
        verloopt_op=timezone.now() + datetime.timedelta(days=_valid_days()),
        uitgenodigd_door=actor,
    )
    if not persoon.email:
        persoon.email = email
        persoon.save(update_fields=["email"])
    link = absolute_url(reverse("portal:activate", args=[token]))
    send_private_email(
        key=f"portaal:uitnodiging:{invitation.pk}",
        to=email,
        subject=_("Uw uitnodiging voor het portaal van het buurtteam"),
        body=_(
            "Beste %(naam)s,\n\n%(medewerker)s van buurtteam %(team)s nodigt u uit voor het portaal. Daar ziet u "
            "uw plan, de tijdlijn en uw documenten, en kunt u zelf doelen en vragenlijsten invullen.\n\n"
            "Maak uw account met deze link. De link werkt één keer en tot %(datum)s:\n%(link)s\n\n"
            "Heeft u deze uitnodiging niet verwacht? Dan kunt u deze e-mail weggooien."
        )
        % {
            "naam": persoon.voornaam,
            "medewerker": actor.get_full_name(),
            "team": traject.team.naam,
            "datum": timezone.localtime(invitation.verloopt_op).strftime("%d-%m-%Y"),
            "link": link,
        },
    )
    timeline.record_event(
        traject=traject,
        soort="dossiers.portaal_uitgenodigd",
        titel=_("%(naam)s uitgenodigd voor het portaal") % {"naam": persoon.voornaam},
        actor=actor,
        betreft=[persoon],
        bron=invitation,
    )
    return invitation


def invitation_for(token: str) -> Uitnodiging:
    """The open invitation of an activation link, or InvitationInvalid with a message for the client."""
    invitation = Uitnodiging.objects.select_related("persoon__huishouden").filter(token_hash=_hash(token)).first()
    _refuse_unusable(invitation)
    return invitation


def _refuse_unusable(invitation: Uitnodiging | None) -> None:
    if invitation is None:
        raise InvitationInvalid(_("Deze link kennen we niet. Controleer of u de hele link uit de e-mail gebruikt."))
    if invitation.gebruikt_op is not None:
        raise InvitationInvalid(_("Deze link is al gebruikt. Log in met uw e-mailadres en wachtwoord."))
    if invitation.ingetrokken_op is not None:
        raise InvitationInvalid(
            _(
                "Deze link werkt niet meer, want er is een nieuwere uitnodiging. "
                "Kijk in uw e-mail of vraag uw buurtteam."
            )
        )
    if invitation.verloopt_op <= timezone.now():
        raise InvitationInvalid(_("Deze link is verlopen. Vraag uw buurtteam om een nieuwe uitnodiging."))


@transaction.atomic
def activate(*, token: str, user=None, password: str = "") -> Portaaltoegang:
    """Uses an invitation once: with a new password for a new account, or by a client who is logged
    in with the invited address and already has an account (a parent in two households)."""
    # The row lock makes the link single-use even when two tabs submit at the same moment.
    invitation = Uitnodiging.objects.select_for_update().filter(token_hash=_hash(token)).first()
    _refuse_unusable(invitation)
    persoon = invitation.persoon
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise LoginFirst(_("Er is al een account met dit e-mailadres. Log in; daarna voegen we deze toegang toe."))
        user = User(
            email=invitation.email,
            first_name=persoon.voornaam,
            last_name=" ".join(part for part in [persoon.tussenvoegsel, persoon.achternaam] if part),
            kind=UserKind.CLIENT,
        )
        try:
            validate_password(password, user)
        except ValidationError as weak:
            raise ValidationError({"password1": weak.messages}) from weak
        user.set_password(password)
        user.save()
    elif not authorization.is_client(user) or user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("Deze uitnodiging is voor een ander e-mailadres."))
    if persoon.portaaltoegangen.filter(actief=True).exists():
        raise InvitationInvalid(_("%(naam)s heeft al toegang tot het portaal.") % {"naam": persoon.voornaam})
    access = Portaaltoegang.objects.create(persoon=persoon, gebruiker=user)
    invitation.gebruikt_op = timezone.now()
    invitation.save(update_fields=["gebruikt_op"])
    traject = persoon.huishouden.trajecten.order_by("-aanmelddatum", "-pk").first()
    if traject is not None:
        timeline.record_event(
            traject=traject,
            soort="dossiers.portaal_geactiveerd",
            titel=_("%(naam)s gebruikt nu het portaal") % {"naam": persoon.voornaam},
            actor=user,
            betreft=[persoon],
            bron=access,
        )
        if traject.regisseur_id:
            notify_many(
                [
                    Message(
                        recipient=traject.regisseur,
                        key=f"portaal:geactiveerd:{access.pk}",
                        title=_("%(naam)s gebruikt nu het portaal") % {"naam": persoon.volledige_naam},
                        url=reverse("dossiers:traject", args=[traject.pk]),
                        email=False,
                    )
                ]
            )
    return access


@transaction.atomic
def revoke(*, actor, traject: Traject, persoon: Persoon, reden: str) -> None:
    """Ends a person's portal access and any open invitation; the account itself stays (it may hold
    access to another household)."""
    if not authorization.can_invite_to_portal(actor, traject, persoon):
        raise PermissionDenied(_("Je kunt alleen toegang van gezinsleden van je eigen trajecten intrekken."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom de toegang stopt.")})
    now = timezone.now()
    ended = Portaaltoegang.objects.filter(persoon=persoon, actief=True).update(
        actief=False, ingetrokken_op=now, ingetrokken_door=actor, reden_intrekking=reden.strip()[:300]
    )
    withdrawn = persoon.uitnodigingen.filter(gebruikt_op__isnull=True, ingetrokken_op__isnull=True).update(
        ingetrokken_op=now
    )
    if not ended and not withdrawn:
        raise Conflict(_("%(naam)s heeft geen toegang tot het portaal.") % {"naam": persoon.voornaam})
    timeline.record_event(
        traject=traject,
        soort="dossiers.portaal_ingetrokken",
        titel=_("Portaaltoegang van %(naam)s gestopt") % {"naam": persoon.voornaam},
        omschrijving=reden.strip(),
        actor=actor,
        zichtbaar_voor_client=False,
        betreft=[persoon],
    )


@transaction.atomic
def set_consent(*, actor, scope: authorization.ClientScope, gegeven: bool) -> Toestemming:
    """A young person of 16 or 17 gives or withdraws their parents' access to what is about them."""
    if not authorization.is_client(actor) or not scope.can_give_consent:
        raise PermissionDenied(_("Alleen een jongere van 16 of 17 jaar geeft zelf toestemming."))
    jeugdige = scope.viewer
    consent = Toestemming.objects.create(jeugdige=jeugdige, gegeven=gegeven, door=actor)
    traject = jeugdige.huishouden.trajecten.order_by("-aanmelddatum", "-pk").first()
    if traject is not None:
        timeline.record_event(
            traject=traject,
            soort="dossiers.toestemming",
            titel=(
                _("%(naam)s geeft de ouders toestemming om mee te lezen")
                if gegeven
                else _("%(naam)s trekt de toestemming voor de ouders in")
            )
            % {"naam": jeugdige.voornaam},
            actor=actor,
            betreft=[jeugdige],
            bron=consent,
        )
    return consent


@transaction.atomic
def withhold(*, actor, traject: Traject, item, persoon: Persoon, reden: str) -> Afscherming:
    """Hides one item from one household member (a parent) because reading it would harm the child."""
    if not authorization.can_manage_portal_access(actor, traject) or persoon.huishouden_id != traject.huishouden_id:
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom inzage het kind zou schaden.")})
    item_type = ContentType.objects.get_for_model(item)
    existing = Afscherming.objects.filter(
        item_type=item_type, item_id=item.pk, persoon=persoon, opgeheven_op__isnull=True
    ).first()
    if existing is not None:
        return existing
    afscherming = Afscherming.objects.create(
        item_type=item_type, item_id=item.pk, persoon=persoon, reden=reden.strip(), door=actor
    )
    timeline.record_event(
        traject=traject,
        soort="dossiers.afgeschermd",
        titel=_("Afgeschermd voor %(naam)s") % {"naam": persoon.voornaam},
        omschrijving=reden.strip(),
        actor=actor,
        zichtbaar_voor_client=False,
        bron=afscherming,
    )
    return afscherming


@transaction.atomic
def lift_withholding(*, actor, traject: Traject, afscherming_id: int) -> None:
    afscherming = Afscherming.objects.select_for_update().get(pk=afscherming_id)
    if (
        not authorization.can_manage_portal_access(actor, traject)
        or afscherming.persoon.huishouden_id != traject.huishouden_id
    ):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    if afscherming.opgeheven_op is None:
        afscherming.opgeheven_op = timezone.now()
        afscherming.save(update_fields=["opgeheven_op"])
        timeline.record_event(
            traject=traject,
            soort="dossiers.afscherming_opgeheven",
            titel=_("Afscherming voor %(naam)s opgeheven") % {"naam": afscherming.persoon.voornaam},
            actor=actor,
            zichtbaar_voor_client=False,
            bron=afscherming,
        )
