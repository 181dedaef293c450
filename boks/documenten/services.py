"""Writes for documents, questionnaire answers and links. Clients act through their ClientScope
(the household and person they are), workers through the traject they work on."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.dossiers import services as dossier_services
from boks.dossiers import timeline
from boks.dossiers.errors import EditConflict
from boks.dossiers.models import Persoon, Traject
from boks.uploads import check_upload

from .choices import DocumentSoort, VraagSoort, Zichtbaarheid
from .models import Document, DocumentVersie, Invulling, Link, Vragenlijst


def _may_write(actor, traject: Traject, scope: authorization.ClientScope | None) -> None:
    if scope is not None:
        if not authorization.is_client(actor) or scope.huishouden_id != traject.huishouden_id:
            raise PermissionDenied(_("Dit is niet uw dossier."))
        return
    if not authorization.can_add_documents(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))


def _audience(scope, zichtbaarheid: str, betreft: list[Persoon], traject: Traject) -> tuple[str, list[Persoon]]:
    """Validates who may see a new document. A client's document is for themselves unless they share
    it with the household; a client cannot hide a document from the workers."""
    if zichtbaarheid not in Zichtbaarheid.values:
        raise ValidationError({"zichtbaarheid": _("Kies wie het document mag zien.")})
    if scope is not None:
        if zichtbaarheid == Zichtbaarheid.MEDEWERKERS:
            raise ValidationError({"zichtbaarheid": _("Kies wie het document mag zien.")})
        return zichtbaarheid, [scope.viewer] if zichtbaarheid == Zichtbaarheid.PERSONEN else []
    if any(persoon.huishouden_id != traject.huishouden_id for persoon in betreft):
        raise ValidationError({"betreft": _("Kies gezinsleden van dit huishouden.")})
    if zichtbaarheid == Zichtbaarheid.PERSONEN and not betreft:
        raise ValidationError({"betreft": _("Kies voor wie het document is.")})
    return zichtbaarheid, betreft if zichtbaarheid == Zichtbaarheid.PERSONEN else []


def _record_added(actor, document: Document, traject: Traject, betreft) -> None:
    timeline.record_event(
        traject=traject,
        soort="documenten.toegevoegd",
        titel=_("Document toegevoegd: %(titel)s") % {"titel": document.titel},
        actor=actor,
        zichtbaar_voor_client=document.zichtbaarheid != Zichtbaarheid.MEDEWERKERS,
        betreft=betreft,
        bron=document,
    )


def _file_version(document: Document, upload, actor, nummer: int) -> DocumentVersie:
    checked = check_upload(upload)
    version = DocumentVersie(
        document=document,
        nummer=nummer,
        bestandsnaam=checked.safe_name(upload.name),
        inhoudstype=checked.content_type,
        grootte=checked.size,
        aangemaakt_door=actor,
    )
    version.bestand.save(checked.safe_name(upload.name), upload, save=False)
    version.save()
    return version


@transaction.atomic
def upload_document(
    *,
    actor,
    traject: Traject,
    titel: str,
    upload,
    zichtbaarheid: str,
    betreft: list[Persoon] | None = None,
    scope: authorization.ClientScope | None = None,
) -> Document:
    _may_write(actor, traject, scope)
    if not titel.strip():
        raise ValidationError({"titel": _("Geef het document een titel.")})
    try:
        check_upload(upload)
    except ValidationError as refused:
        raise ValidationError({"bestand": refused.messages}) from refused
    zichtbaarheid, betreft = _audience(scope, zichtbaarheid, list(betreft or []), traject)
    document = Document.objects.create(
        huishouden_id=traject.huishouden_id,
        traject=traject,
        titel=titel.strip(),
        soort=DocumentSoort.BESTAND,
        zichtbaarheid=zichtbaarheid,
        aangemaakt_door=actor,
    )
    document.betreft.set(betreft)
    _file_version(document, upload, actor, nummer=1)
    _record_added(actor, document, traject, betreft)
    return document


@transaction.atomic
def write_text(
    *,
    actor,
    traject: Traject,
    titel: str,
    tekst: str,
    zichtbaarheid: str,
    betreft: list[Persoon] | None = None,
    scope: authorization.ClientScope | None = None,
) -> Document:
    """A text written in BOKS (a client's own story, a letter), saved as its first version."""
    _may_write(actor, traject, scope)
    errors = {}
    if not titel.strip():
        errors["titel"] = _("Geef het document een titel.")
    if not tekst.strip():
        errors["tekst"] = _("Schrijf eerst iets.")
    if errors:
        raise ValidationError(errors)
    zichtbaarheid, betreft = _audience(scope, zichtbaarheid, list(betreft or []), traject)
    document = Document.objects.create(
        huishouden_id=traject.huishouden_id,
        traject=traject,
        titel=titel.strip(),
        soort=DocumentSoort.TEKST,
        zichtbaarheid=zichtbaarheid,
        aangemaakt_door=actor,
    )
    document.betreft.set(betreft)
    DocumentVersie.objects.create(document=document, nummer=1, tekst=tekst, aangemaakt_door=actor)
    _record_added(actor, document, traject, betreft)
    return document


@transaction.atomic
def save_text(*, actor, document_id: int, expected_versie: int, tekst: str) -> DocumentVersie:
    """Saves a new version of a text the actor wrote. A stale version (saved meanwhile, e.g. in
    another tab) raises EditConflict and nothing is overwritten."""
    document = Document.objects.select_for_update().get(pk=document_id)
    if document.aangemaakt_door_id != actor.pk or document.soort != DocumentSoort.TEKST:
        raise PermissionDenied(_("U kunt alleen uw eigen teksten aanpassen."))
    latest = document.versies.order_by("-nummer").first()
    if latest.nummer != expected_versie:
        raise EditConflict(
            _("Deze tekst is intussen opgeslagen (misschien in een ander venster). Uw tekst staat hieronder nog."),
            huidig={"tekst": latest.tekst},
        )
    if not tekst.strip():
        raise ValidationError({"tekst": _("Een lege tekst kan niet worden opgeslagen.")})
    if tekst == latest.tekst:
        return latest
    version = DocumentVersie.objects.create(
        document=document, nummer=latest.nummer + 1, tekst=tekst, aangemaakt_door=actor
    )
    document.gewijzigd_op = timezone.now()
    document.save(update_fields=["gewijzigd_op"])
    access_log.change(
        traject=document.traject, obj=document, omschrijving=f"Document {document.titel}, versie {version.nummer}"
    )
    return version


@transaction.atomic
def remove_document(*, actor, document_id: int) -> None:
    """Takes a document out of view; it stays stored (nothing is lost) and the removal is logged."""
    document = Document.objects.select_for_update(of=("self",)).select_related("traject").get(pk=document_id)
    is_author = document.aangemaakt_door_id == actor.pk
    if not is_author and not (document.traject and authorization.can_add_documents(actor, document.traject)):
        raise PermissionDenied(_("U kunt dit document niet verwijderen."))
    if document.verwijderd_op is None:
        document.verwijderd_op = timezone.now()
        document.save(update_fields=["verwijderd_op"])
        if document.traject is not None:
            timeline.record_event(
                traject=document.traject,
                soort="documenten.verwijderd",
                titel=_("Document verwijderd: %(titel)s") % {"titel": document.titel},
                actor=actor,
                zichtbaar_voor_client=False,
                bron=document,
            )


# Questionnaires --------------------------------------------------------------------------------


def _answer(vraag, raw: str) -> str:
    value = (raw or "").strip()
    if not value:
        if vraag.verplicht:
            raise ValidationError(_("Deze vraag is verplicht."))
        return ""
    if vraag.soort == VraagSoort.KEUZE and value not in vraag.keuzelijst:
        raise ValidationError(_("Kies een van de antwoorden."))
    if vraag.soort == VraagSoort.CIJFER and (not value.isdigit() or not 1 <= int(value) <= 10):
        raise ValidationError(_("Geef een cijfer van 1 tot en met 10."))
    if vraag.soort == VraagSoort.JA_NEE and value not in ("ja", "nee"):
        raise ValidationError(_("Kies ja of nee."))
    return value


@transaction.atomic
def fill_in(
    *,
    actor,
    scope: authorization.ClientScope,
    traject: Traject,
    vragenlijst: Vragenlijst,
    antwoorden: dict[int, str],
    sleutel: str,
) -> Invulling:
    """Stores a client's answers in the traject. The same form sent twice (a double click, a retried
    request) is stored once: the form's key is unique."""
    if scope.huishouden_id != traject.huishouden_id or vragenlijst.organisatie_id != traject.team.organisatie_id:
        raise PermissionDenied(_("Deze vragenlijst hoort niet bij uw dossier."))
    existing = Invulling.objects.filter(sleutel=_key(actor, sleutel)).first()
    if existing is not None:
        return existing
    vragen = list(vragenlijst.vragen.order_by("volgorde", "pk"))
    errors, rows, rating = {}, [], None
    for vraag in vragen:
        try:
            value = _answer(vraag, antwoorden.get(vraag.pk, ""))
        except ValidationError as wrong:
            errors[f"vraag_{vraag.pk}"] = wrong.messages
            continue
        rows.append([vraag.tekst, value])
        if vraag.is_rapportcijfer and value:
            rating = int(value)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            invulling = Invulling.objects.create(
                vragenlijst=vragenlijst,
                traject=traject,
                persoon=scope.viewer,
                ingevuld_door=actor,
                antwoorden=rows,
                sleutel=_key(actor, sleutel),
            )
    except IntegrityError:
        return Invulling.objects.get(sleutel=_key(actor, sleutel))
    timeline.record_event(
        traject=traject,
        soort="documenten.vragenlijst",
        titel=_("Vragenlijst ingevuld: %(titel)s") % {"titel": vragenlijst.titel},
        actor=actor,
        betreft=[scope.viewer],
        bron=invulling,
    )
    if rating is not None:
        dossier_services.record_client_rating(actor=actor, traject=traject, rapportcijfer=rating)
    return invulling


def _key(actor, sleutel: str) -> str:
    return hashlib.sha256(f"{actor.pk}:{sleutel}".encode()).hexdigest()


# Links -----------------------------------------------------------------------------------------


@transaction.atomic
def add_household_link(*, actor, traject: Traject, titel: str, url: str, omschrijving: str = "") -> Link:
    if not authorization.can_add_documents(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    link = Link(
        organisatie_id=traject.team.organisatie_id,
        huishouden_id=traject.huishouden_id,
        titel=titel.strip(),
        url=url.strip(),
        omschrijving=omschrijving.strip(),
        aangemaakt_door=actor,
    )
    link.full_clean()
    link.save()
    access_log.change(traject=traject, obj=link, omschrijving=f"Link voor het huishouden: {link.titel}")
    return link


@transaction.atomic
def remove_household_link(*, actor, traject: Traject, link_id: int) -> None:
    link = Link.objects.select_for_update().get(pk=link_id, huishouden_id=traject.huishouden_id)
    if not authorization.can_add_documents(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    link.actief = False
    link.save(update_fields=["actief"])
    access_log.change(traject=traject, obj=link, omschrijving=f"Link weggehaald: {link.titel}")
