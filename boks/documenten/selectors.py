"""Reads for documents, questionnaires and links: for workers through the traject they may see, for
clients through their ClientScope (which applies the Jeugdwet rules and withheld items)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.models import Traject

from .choices import Moment, Zichtbaarheid
from .models import Document, DocumentVersie, Invulling, Link, Vragenlijst


def _documents() -> QuerySet[Document]:
    return (
        Document.objects.filter(verwijderd_op__isnull=True)
        .select_related("aangemaakt_door", "traject")
        .prefetch_related("betreft", Prefetch("versies", queryset=DocumentVersie.objects.order_by("-nummer")))
        .order_by("-gewijzigd_op", "-pk")
    )


def documents_of(traject: Traject) -> list[Document]:
    """All documents of the traject's household, for the workers (who may see the traject)."""
    return list(_documents().filter(huishouden_id=traject.huishouden_id))


def document_for_staff(user, document_id: int) -> Document:
    document = _documents().filter(pk=document_id).first()
    if (
        document is None
        or document.traject is None
        or not authorization.allows(
            user, authorization.Onderwerp.DOCUMENT, authorization.Handeling.LEZEN, document.traject
        )
    ):
        raise Http404
    access_log.read(traject=document.traject, obj=document, omschrijving=f"Document {document.titel}")
    return document


def _client_visible(scope: authorization.ClientScope, documents: list[Document]) -> list[Document]:
    withheld = dossier_selectors.withheld(documents)
    document_type = ContentType.objects.get_for_model(Document).pk
    return [
        document
        for document in documents
        if scope.may_see(
            zichtbaar=document.zichtbaarheid != Zichtbaarheid.MEDEWERKERS,
            betreft_ids=[p.pk for p in document.betreft.all()]
            if document.zichtbaarheid == Zichtbaarheid.PERSONEN
            else [],
            afgeschermd_voor_ids=[a.persoon_id for a in withheld.get((document_type, document.pk), [])],
        )
    ]


def client_documents(scope: authorization.ClientScope) -> list[Document]:
    return _client_visible(scope, list(_documents().filter(huishouden_id=scope.huishouden_id)))


def client_document(scope: authorization.ClientScope, document_id: int) -> Document:
    """One document the client may see; 404 for anything else, also another household's."""
    found = _client_visible(scope, list(_documents().filter(huishouden_id=scope.huishouden_id, pk=document_id)))
    if not found:
        raise Http404
    document = found[0]
    access_log.read(
        traject=document.traject,
        huishouden=document.huishouden,
        obj=document,
        omschrijving=f"Document {document.titel}",
    )
    return document


def version_of(document: Document, versie_id: int) -> DocumentVersie:
    version = next((v for v in document.versies.all() if v.pk == versie_id), None)
    if version is None:
        raise Http404
    return version


def open_questionnaires(traject: Traject) -> list[Vragenlijst]:
    """The organisation's active questionnaires for this traject: those that are always open, and the
    ones for closing once the traject is closed."""
    moments = [Moment.ALTIJD] + ([Moment.AFSLUITING] if not traject.is_open else [])
    return list(
        Vragenlijst.objects.filter(organisatie_id=traject.team.organisatie_id, actief=True, moment__in=moments)
        .prefetch_related("vragen")
        .order_by("titel")
    )


def questionnaire_for(traject: Traject, vragenlijst_id: int) -> Vragenlijst:
    found = next((v for v in open_questionnaires(traject) if v.pk == vragenlijst_id), None)
    if found is None:
        raise Http404
    return found


def answers_of_client(scope: authorization.ClientScope) -> QuerySet[Invulling]:
    return Invulling.objects.filter(persoon=scope.viewer).select_related("vragenlijst").order_by("-ingevuld_op")


def answers_for_staff(traject: Traject) -> QuerySet[Invulling]:
    return (
        Invulling.objects.filter(traject__huishouden_id=traject.huishouden_id)
        .select_related("vragenlijst", "persoon")
        .order_by("-ingevuld_op")
    )


def links_for(traject: Traject) -> QuerySet[Link]:
    """The organisation's links, those of the traject's team and those for this household."""
    return Link.objects.filter(
        Q(team__isnull=True, huishouden__isnull=True)
        | Q(team_id=traject.team_id)
        | Q(huishouden_id=traject.huishouden_id),
        organisatie_id=traject.team.organisatie_id,
        actief=True,
    ).order_by("huishouden_id", "team_id", "titel")


def household_links(traject: Traject) -> QuerySet[Link]:
    return Link.objects.filter(huishouden_id=traject.huishouden_id, actief=True).order_by("titel")
