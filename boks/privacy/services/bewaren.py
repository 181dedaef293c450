"""Retention: which dossiers have passed their retention period, the privacyfunctionaris's review
(destroy, or keep longer with a reason), and the nightly run that destroys what was approved.

A household's dossier is kept for a number of years after its last change (Bewaarbeleid, per
organisation and kind of dossier). The last change is the latest of: the household's creation, any
change to one of its trajecten, any timeline event (every change to a dossier writes one) and any
document change. A household with an open traject is never proposed.

`voer_uit` is what the beat schedule calls (through tasks.bewaartermijnen). It takes "today" as a
parameter, so tests and the management command can run it for any date; it proposes in keyset batches,
destroys one dossier per transaction (claimed with SKIP LOCKED, so two workers never take the same)
and at most `limiet` per run, and every step is idempotent: a row's status decides whether there is
anything left to do, and a unique constraint allows one open proposal per household.
"""

import datetime
import logging
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateTimeField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.choices import OrganisatieSoort
from boks.accounts.models import Organisatie, User
from boks.audit import log as access_log
from boks.audit.choices import Actie, Grondslag
from boks.documenten.models import Document
from boks.dossiers.choices import Status
from boks.dossiers.models import Huishouden, Persoon, Portaaltoegang, TijdlijnGebeurtenis, Traject
from boks.errors import Conflict
from boks.notifications.models import Notification, OutboundEmail
from boks.notifications.services import Message, notify_many

from ..choices import VERNIETIGING_OPEN, Aanleiding, AvgStatus, DossierSoort, Omvang, VernietigingStatus
from ..models import (
    AvgVerzoek,
    AvgVerzoekStap,
    Bewaarbeleid,
    ExternVerzoek,
    ExternVerzoekStap,
    Vernietiging,
    VernietigingStap,
)
from . import naam, organisation_holders, vernietigen

logger = logging.getLogger(__name__)

BATCH = 500
LIMIET = 200
GESCHRAPT = ""


def bewaarbeleid_voor(organisatie_id: int) -> Bewaarbeleid:
    beleid, _created = Bewaarbeleid.objects.get_or_create(organisatie_id=organisatie_id)
    return beleid


def dossiersoort_van(organisatie: Organisatie) -> str:
    return DossierSoort.JEUGD if organisatie.soort == OrganisatieSoort.JEUGD_EN_GEZIN else DossierSoort.SOCIAAL


def _latest(queryset, field_name: str):
    return Subquery(queryset.filter(huishouden=OuterRef("pk")).order_by(f"-{field_name}").values(field_name)[:1])


def laatste_wijziging() -> Greatest:
    """The moment of the household's last change, as an expression on Huishouden."""
    created = F("aangemaakt_op")
    return Greatest(
        created,
        Coalesce(_latest(Traject.objects.all(), "gewijzigd_op"), created),
        Coalesce(_latest(TijdlijnGebeurtenis.objects.all(), "vastgelegd_op"), created),
        Coalesce(_latest(Document.objects.all(), "gewijzigd_op"), created),
        output_field=DateTimeField(),
    )


def _open_traject():
    return Traject.objects.filter(huishouden=OuterRef("pk")).exclude(status=Status.AFGESLOTEN)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _stap(vernietiging: Vernietiging, stap: str, van: str, door=None, toelichting: str = "") -> None:
    VernietigingStap.objects.create(
        vernietiging=vernietiging,
        stap=stap,
        van_status=van,
        naar_status=vernietiging.status,
        door=door,
        toelichting=toelichting,
    )


# Proposing -------------------------------------------------------------------------------------


def verlopen_huishoudens(organisatie: Organisatie, vandaag: datetime.date):
    """Households of the organisation whose retention period has passed on `vandaag` and that are not
    already proposed, approved, or kept longer until a later day."""
    jaren = bewaarbeleid_voor(organisatie.pk).jaren_voor(dossiersoort_van(organisatie))
    grens = _start_of(vandaag - relativedelta(years=jaren) + datetime.timedelta(days=1))
    open_voorstel = Vernietiging.objects.filter(
        huishouden_nummer=OuterRef("pk"), omvang=Omvang.HUISHOUDEN, status__in=VERNIETIGING_OPEN
    )
    langer = Vernietiging.objects.filter(
        huishouden_nummer=OuterRef("pk"), status=VernietigingStatus.LANGER_BEWAREN, bewaren_tot__gt=vandaag
    )
    return (
        Huishouden.objects.filter(team__organisatie=organisatie)
        .exclude(Exists(_open_traject()))
        .exclude(Exists(open_voorstel))
        .exclude(Exists(langer))
        .annotate(laatste=laatste_wijziging())
        .filter(laatste__lt=grens)
    ), jaren


def stel_voor(*, vandaag: datetime.date, batch: int = BATCH) -> int:
    """Proposes for destruction every household whose retention period has passed. Idempotent: a
    household with an open proposal is skipped, and the unique constraint makes a concurrent second
    run insert nothing."""
    total = 0
    for organisatie in Organisatie.objects.order_by("pk"):
        candidates, jaren = verlopen_huishoudens(organisatie, vandaag)
        soort = dossiersoort_van(organisatie)
        created = 0
        last_pk = 0
        while True:
            rows = list(candidates.filter(pk__gt=last_pk).order_by("pk").values("pk", "team_id", "laatste")[:batch])
            if not rows:
                break
            last_pk = rows[-1]["pk"]
            created += _propose_batch(organisatie, soort, jaren, rows)
        if created:
            _tell_privacy_officers(organisatie, created, vandaag)
        total += created
    return total


def _propose_batch(organisatie, soort: str, jaren: int, rows: list[dict]) -> int:
    ids = [row["pk"] for row in rows]
    nummers: dict[int, list[str]] = {}
    for huishouden_id, nummer in Traject.objects.filter(huishouden_id__in=ids).values_list(
        "huishouden_id", "dossiernummer"
    ):
        nummers.setdefault(huishouden_id, []).append(nummer)
    with transaction.atomic():
        Vernietiging.objects.bulk_create(
            [
                Vernietiging(
                    organisatie=organisatie,
                    team_id=row["team_id"],
                    huishouden_id=row["pk"],
                    huishouden_nummer=row["pk"],
                    dossiernummers=", ".join(sorted(nummers.get(row["pk"], [])))[:500],
                    dossiersoort=soort,
                    aanleiding=Aanleiding.BEWAARTERMIJN,
                    omvang=Omvang.HUISHOUDEN,
                    laatste_wijziging=timezone.localtime(row["laatste"]).date(),
                    bewaartermijn_jaren=jaren,
                    vernietigen_vanaf=timezone.localtime(row["laatste"]).date() + relativedelta(years=jaren),
                )
                for row in rows
            ],
            ignore_conflicts=True,
        )
        new = list(
            Vernietiging.objects.filter(
                huishouden_nummer__in=ids, status=VernietigingStatus.VOORGESTELD, stappen__isnull=True
            )
        )
        VernietigingStap.objects.bulk_create(
            [
                VernietigingStap(
                    vernietiging=v,
                    stap="voorstellen",
                    naar_status=VernietigingStatus.VOORGESTELD,
                    toelichting=_("Bewaartermijn van %(jaren)d jaar verstreken.") % {"jaren": jaren},
                )
                for v in new
            ]
        )
    return len(new)


def _tell_privacy_officers(organisatie: Organisatie, aantal: int, vandaag: datetime.date) -> None:
    recipients = organisation_holders(
        organisatie.pk, authorization.Onderwerp.BEWAARTERMIJN, authorization.Handeling.BEOORDELEN
    )
    notify_many(
        Message(
            recipient=user,
            key=f"privacy:bewaartermijn:{organisatie.pk}:{vandaag.isoformat()}:{user.pk}",
            title=_("%(n)d dossiers hebben hun bewaartermijn bereikt") % {"n": aantal},
            body=_("Beoordeel of ze vernietigd kunnen worden, of dat ze met een reden langer bewaard blijven."),
            url=reverse("privacy:bewaartermijnen"),
        )
        for user in recipients
    )


# The privacyfunctionaris's review -----------------------------------------------------------------


def _locked(actor, vernietiging_ids) -> list[Vernietiging]:
    rows = list(Vernietiging.objects.select_for_update().filter(pk__in=list(vernietiging_ids)).order_by("pk"))
    if not rows or not all(authorization.can_review_retention(actor, v.organisatie_id) for v in rows):
        raise PermissionDenied(_("Alleen de privacyfunctionaris van de organisatie beoordeelt bewaartermijnen."))
    return rows


@transaction.atomic
def keur_goed(*, actor, vernietiging_ids, toelichting: str = "") -> int:
    """Approves proposed destructions; the nightly run carries them out. Rows already decided are
    left alone, so approving twice (or a page sent twice) changes nothing."""
    now = timezone.now()
    approved = 0
    for vernietiging in _locked(actor, vernietiging_ids):
        if vernietiging.status != VernietigingStatus.VOORGESTELD:
            continue
        vernietiging.status = VernietigingStatus.GOEDGEKEURD
        vernietiging.beoordeeld_door = actor
        vernietiging.beoordeeld_op = now
        vernietiging.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
        _stap(vernietiging, "goedkeuren", VernietigingStatus.VOORGESTELD, actor, toelichting.strip())
        approved += 1
    return approved


@transaction.atomic
def bewaar_langer(*, actor, vernietiging_id: int, tot: datetime.date | None, reden: str) -> Vernietiging:
    """Keeps a proposed (or approved, not yet destroyed) dossier until a later day, with a reason;
    after that day it is proposed again."""
    (vernietiging,) = _locked(actor, [vernietiging_id])
    if vernietiging.status not in VERNIETIGING_OPEN or vernietiging.aanleiding != Aanleiding.BEWAARTERMIJN:
        raise Conflict(_("Over dit dossier is al beslist."))
    errors = {}
    if not reden.strip():
        errors["reden"] = _("Schrijf op waarom het dossier langer bewaard moet blijven.")
    if tot is None:
        errors["tot"] = _("Kies tot wanneer het dossier bewaard blijft.")
    elif tot <= timezone.localdate():
        errors["tot"] = _("Kies een datum in de toekomst.")
    if errors:
        raise ValidationError(errors)
    van = vernietiging.status
    vernietiging.status = VernietigingStatus.LANGER_BEWAREN
    vernietiging.bewaren_tot = tot
    vernietiging.reden = reden.strip()
    vernietiging.beoordeeld_door = actor
    vernietiging.beoordeeld_op = timezone.now()
    vernietiging.save(update_fields=["status", "bewaren_tot", "reden", "beoordeeld_door", "beoordeeld_op"])
    _stap(vernietiging, "langer_bewaren", van, actor, reden.strip())
    return vernietiging


@transaction.atomic
def trek_goedkeuring_in(*, actor, vernietiging_id: int) -> Vernietiging:
    """Until the nightly run has destroyed it, an approval can be taken back."""
    (vernietiging,) = _locked(actor, [vernietiging_id])
    if vernietiging.status != VernietigingStatus.GOEDGEKEURD or vernietiging.aanleiding != Aanleiding.BEWAARTERMIJN:
        raise Conflict(_("Deze goedkeuring kan niet meer worden ingetrokken."))
    vernietiging.status = VernietigingStatus.VOORGESTELD
    vernietiging.save(update_fields=["status"])
    _stap(vernietiging, "goedkeuring_intrekken", VernietigingStatus.GOEDGEKEURD, actor)
    return vernietiging


def nieuwe_vernietiging_op_verzoek(*, actor, verzoek: AvgVerzoek, vandaag: datetime.date) -> Vernietiging:
    """An early destruction granted on an AVG request: approved at once, for the nightly run. Called by
    the AVG service inside its transaction. A person who is the household's only member takes the
    whole dossier with them."""
    persoon = verzoek.persoon
    huishouden = persoon.huishouden
    alleen = not huishouden.personen.exclude(pk=persoon.pk).exists()
    if alleen and huishouden.trajecten.exclude(status=Status.AFGESLOTEN).exists():
        raise ValidationError(
            {"besluit": _("Er loopt nog een traject. Sluit dat eerst af; daarna kan het dossier worden vernietigd.")}
        )
    organisatie = huishouden.team.organisatie
    vernietiging = Vernietiging.objects.create(
        organisatie=organisatie,
        team_id=huishouden.team_id,
        huishouden=huishouden,
        huishouden_nummer=huishouden.pk,
        persoon=None if alleen else persoon,
        persoon_nummer=None if alleen else persoon.pk,
        dossiernummers=", ".join(sorted(huishouden.trajecten.values_list("dossiernummer", flat=True)))[:500],
        dossiersoort=dossiersoort_van(organisatie),
        aanleiding=Aanleiding.VERZOEK,
        omvang=Omvang.HUISHOUDEN if alleen else Omvang.PERSOON,
        avg_verzoek=verzoek,
        vernietigen_vanaf=vandaag,
        status=VernietigingStatus.GOEDGEKEURD,
        beoordeeld_door=actor,
        beoordeeld_op=timezone.now(),
    )
    _stap(vernietiging, "goedkeuren", "", actor, _("Op verzoek %(nummer)s.") % {"nummer": verzoek.nummer})
    return vernietiging


# Carrying out -----------------------------------------------------------------------------------


@dataclass
class Resultaat:
    voorgesteld: int = 0
    vernietigd: int = 0
    vervallen: int = 0
    mislukt: list[int] = field(default_factory=list)
    bestanden: int = 0


def voer_uit(*, vandaag: datetime.date, limiet: int = LIMIET, batch: int = BATCH) -> Resultaat:
    """The nightly run: propose what expired, destroy what was approved, remove leftover files."""
    resultaat = Resultaat(voorgesteld=stel_voor(vandaag=vandaag, batch=batch))
    overgeslagen: set[int] = set()
    while resultaat.vernietigd + resultaat.vervallen + len(resultaat.mislukt) < limiet:
        claimed = None
        try:
            with transaction.atomic():
                vernietiging = (
                    Vernietiging.objects.select_for_update(skip_locked=True)
                    .filter(status=VernietigingStatus.GOEDGEKEURD, vernietigen_vanaf__lte=vandaag)
                    .exclude(pk__in=overgeslagen)
                    .order_by("pk")
                    .first()
                )
                if vernietiging is None:
                    break
                claimed = vernietiging.pk
                if vernietig(vernietiging, vandaag=vandaag):
                    resultaat.vernietigd += 1
                else:
                    resultaat.vervallen += 1
        except Exception:
            if claimed is None:
                raise
            # One dossier that cannot be destroyed (say a new table points at it without SET_NULL) must
            # not stop the others; it stays approved, is logged, and is tried again on the next run.
            logger.exception("Vernietiging %s is mislukt", claimed)
            resultaat.mislukt.append(claimed)
            overgeslagen.add(claimed)
    resultaat.bestanden = ruim_bestanden_op()
    logger.info(
        "Bewaartermijnen %s: %d voorgesteld, %d vernietigd, %d vervallen, %d mislukt, %d bestanden verwijderd",
        vandaag,
        resultaat.voorgesteld,
        resultaat.vernietigd,
        resultaat.vervallen,
        len(resultaat.mislukt),
        resultaat.bestanden,
    )
    return resultaat


def _nog_verlopen(vernietiging: Vernietiging, vandaag: datetime.date) -> str:
    """Empty when the dossier may still be destroyed; otherwise why not."""
    if (
        vernietiging.omvang == Omvang.HUISHOUDEN
        and Traject.objects.filter(huishouden_id=vernietiging.huishouden_nummer)
        .exclude(status=Status.AFGESLOTEN)
        .exists()
    ):
        return _("Er loopt weer een traject.")
    if vernietiging.aanleiding == Aanleiding.BEWAARTERMIJN and vernietiging.bewaartermijn_jaren:
        laatste = (
            Huishouden.objects.filter(pk=vernietiging.huishouden_nummer)
            .annotate(laatste=laatste_wijziging())
            .values_list("laatste", flat=True)
            .first()
        )
        if (
            laatste is not None
            and timezone.localtime(laatste).date() + relativedelta(years=vernietiging.bewaartermijn_jaren) > vandaag
        ):
            return _("Het dossier is na het voorstel nog gewijzigd.")
    return ""


def vernietig(vernietiging: Vernietiging, *, vandaag: datetime.date) -> bool:
    """Destroys one approved dossier (call inside a transaction, with the row locked). False when it
    turned out not to be due any more: then the proposal lapses and nothing is destroyed."""
    if vernietiging.huishouden_id is not None:
        reden = _nog_verlopen(vernietiging, vandaag)
        if reden:
            vernietiging.status = VernietigingStatus.VERVALLEN
            vernietiging.save(update_fields=["status"])
            _stap(vernietiging, "vervallen", VernietigingStatus.GOEDGEKEURD, None, reden)
            return False
    if vernietiging.omvang == Omvang.PERSOON and vernietiging.persoon_id is not None:
        persoon = vernietiging.persoon
        if not Persoon.objects.filter(huishouden_id=persoon.huishouden_id).exclude(pk=persoon.pk).exists():
            vernietiging.omvang = Omvang.HUISHOUDEN
    if vernietiging.huishouden_id is None or (
        vernietiging.omvang == Omvang.PERSOON and vernietiging.persoon_id is None
    ):
        opruiming = vernietigen.Opruiming()  # destroyed already, e.g. with the whole household
    elif vernietiging.omvang == Omvang.PERSOON:
        opruiming = vernietigen.plan_persoon(vernietiging.persoon)
    else:
        opruiming = vernietigen.plan_huishouden(vernietiging.huishouden_id)
    now = timezone.now()
    _anonymise_clients(opruiming)
    _scrub_requests(vernietiging, opruiming, now)
    _remove_notifications(opruiming)
    vernietigen.carry_out(opruiming)
    vernietiging.status = VernietigingStatus.UITGEVOERD
    vernietiging.uitgevoerd_op = now
    vernietiging.telling = opruiming.telling()
    vernietiging.bestanden = opruiming.files
    vernietiging.huishouden = None
    vernietiging.persoon = None
    vernietiging.save(
        update_fields=["status", "uitgevoerd_op", "telling", "bestanden", "huishouden", "persoon", "omvang"]
    )
    goedkeuring = _("goedgekeurd door %(naam)s op %(datum)s") % {
        "naam": naam(vernietiging.beoordeeld_door),
        "datum": timezone.localtime(vernietiging.beoordeeld_op).strftime("%d-%m-%Y")
        if vernietiging.beoordeeld_op
        else "",
    }
    _stap(vernietiging, "vernietigen", VernietigingStatus.GOEDGEKEURD, None, goedkeuring)
    access_log.record(
        Actie.VERWIJDEREN,
        huishouden=Huishouden(pk=vernietiging.huishouden_nummer, team_id=vernietiging.team_id),
        persoon=Persoon(pk=vernietiging.persoon_nummer) if vernietiging.persoon_nummer else None,
        obj=vernietiging,
        grondslag=Grondslag.TAAK,
        reden=f"{vernietiging.get_aanleiding_display()}; {goedkeuring}",
        omschrijving=f"{vernietiging.get_omvang_display()} vernietigd ({vernietiging.dossiernummers})",
    )
    _finish_request(vernietiging, now)
    transaction.on_commit(lambda: ruim_bestanden_op(vernietiging_ids=[vernietiging.pk]))
    return True


def _anonymise_clients(opruiming: vernietigen.Opruiming) -> None:
    """Portal accounts that only gave access to destroyed data: no name, no address, no login. The
    account row itself stays, because the access log refers to it (append-only)."""
    accesses = opruiming.ids(Portaaltoegang)
    if not accesses:
        return
    user_ids = set(Portaaltoegang.objects.filter(pk__in=accesses).values_list("gebruiker_id", flat=True))
    still_used = set(
        Portaaltoegang.objects.filter(gebruiker_id__in=user_ids)
        .exclude(pk__in=accesses)
        .values_list("gebruiker_id", flat=True)
    )
    for user in User.objects.filter(pk__in=user_ids - still_used):
        OutboundEmail.objects.filter(to__iexact=user.email).delete()
        Notification.objects.filter(recipient=user).delete()
        for relation in User._meta.related_objects:
            # allauth's e-mail addresses, authenticator apps and linked DigiD accounts, and the
            # notification preference: everything that identifies or logs in this person.
            if relation.related_model._meta.app_label in {"account", "mfa", "socialaccount"} or (
                relation.related_model._meta.label_lower == "notifications.preference"
            ):
                relation.related_model._base_manager.filter(**{relation.field.name: user}).delete()
        user.email = f"vernietigd-{user.pk}@boks.invalid"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.password = make_password(None)
        user.save(update_fields=["email", "first_name", "last_name", "is_active", "password"])


def _scrub_requests(vernietiging: Vernietiging, opruiming: vernietigen.Opruiming, now) -> None:
    """Requests about destroyed data stay as the organisation's account, without the client's words."""
    trajecten = opruiming.ids(Traject)
    personen = opruiming.ids(Persoon)
    about = Q(persoon_id__in=personen) | Q(aanvrager_id__in=personen)
    if vernietiging.omvang == Omvang.HUISHOUDEN:
        extern_ids = list(
            ExternVerzoek.objects.filter(Q(traject_id__in=trajecten) | Q(persoon_id__in=personen)).values_list(
                "pk", flat=True
            )
        )
        ExternVerzoek.objects.filter(pk__in=extern_ids).update(
            gevraagde_gegevens=GESCHRAPT, uitkomst=GESCHRAPT, besluit_toelichting=GESCHRAPT, dossier_vernietigd_op=now
        )
        ExternVerzoekStap.objects.filter(verzoek_id__in=extern_ids).update(toelichting=GESCHRAPT)
        about |= Q(traject_id__in=trajecten)
    # For one person only the requests about (or by) them; the household's other requests stay as they are.
    avg_ids = list(AvgVerzoek.objects.filter(about).values_list("pk", flat=True))
    AvgVerzoek.objects.filter(pk__in=avg_ids).update(
        wat_onjuist=GESCHRAPT,
        wat_juist=GESCHRAPT,
        waar=GESCHRAPT,
        toelichting=GESCHRAPT,
        aanvrager_toelichting=GESCHRAPT,
        besluit_toelichting=GESCHRAPT,
        dossier_vernietigd_op=now,
    )
    AvgVerzoekStap.objects.filter(verzoek_id__in=avg_ids).update(toelichting=GESCHRAPT)
    Vernietiging.objects.filter(huishouden_nummer=vernietiging.huishouden_nummer).exclude(pk=vernietiging.pk).filter(
        Q(omvang=Omvang.HUISHOUDEN) | Q(persoon_nummer__in=personen)
    ).update(reden=GESCHRAPT)


def _remove_notifications(opruiming: vernietigen.Opruiming) -> None:
    """Messages to staff that link into destroyed trajecten or households."""
    prefixes = [reverse("dossiers:traject", args=[pk]) for pk in opruiming.ids(Traject)]
    prefixes += [reverse("dossiers:huishouden", args=[pk]) for pk in opruiming.ids(Huishouden)]
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(url__startswith=prefix)
    if prefixes:
        Notification.objects.filter(condition).delete()


def _finish_request(vernietiging: Vernietiging, now) -> None:
    verzoek = vernietiging.avg_verzoek
    if verzoek is None or verzoek.status != AvgStatus.TOEGEWEZEN:
        return
    verzoek.status = AvgStatus.UITGEVOERD
    verzoek.uitgevoerd_op = now
    verzoek.save(update_fields=["status", "uitgevoerd_op"])
    AvgVerzoekStap.objects.create(
        verzoek=verzoek,
        stap="uitvoeren",
        van_status=AvgStatus.TOEGEWEZEN,
        naar_status=AvgStatus.UITGEVOERD,
        toelichting=GESCHRAPT,
    )
    requester = verzoek.ingediend_door
    if requester.is_active and requester.is_client:
        notify_many(
            [
                Message(
                    recipient=requester,
                    key=f"privacy:avg:{verzoek.pk}:uitgevoerd",
                    title=_("Uw gegevens zijn vernietigd"),
                    body=_("Wat u vroeg, is gedaan: de gegevens zijn uit BOKS verwijderd."),
                    url=reverse("portal:privacy"),
                )
            ]
        )


def ruim_bestanden_op(*, vernietiging_ids=None) -> int:
    """Deletes the stored files of destroyed rows. Runs after the commit that destroyed them, and again
    in every nightly run for files a failure left behind; deleting a missing file is harmless."""
    removed = 0
    pending = Vernietiging.objects.filter(status=VernietigingStatus.UITGEVOERD).exclude(bestanden=[])
    if vernietiging_ids is not None:
        pending = pending.filter(pk__in=vernietiging_ids)
    for vernietiging in pending.order_by("pk").iterator():
        try:
            for name in vernietiging.bestanden:
                default_storage.delete(name)
        except Exception:
            logger.exception("Bestanden van vernietiging %s konden niet worden verwijderd", vernietiging.pk)
            continue
        removed += len(vernietiging.bestanden)
        Vernietiging.objects.filter(pk=vernietiging.pk).update(bestanden=[], bestanden_verwijderd_op=timezone.now())
    return removed
