"""Exports, each one logged in the access log (Actie.EXPORTEREN):

- the records compiled for an external request, after approval: grondslag HANDHAVING with the request
  as the reason, an entry per shared record; the first export marks the request verstrekt;
- all data of a person on a registered inzage request (privacyfunctionaris): grondslag AVG_VERZOEK;
  the first export answers the request;
- a client's own data from the portal: grondslag CLIENT_ZELF.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.audit import log as access_log
from boks.audit.choices import Actie, Grondslag
from boks.documenten.models import DocumentVersie
from boks.errors import Conflict

from .. import export, selectors
from ..choices import AvgStatus, ExternStatus
from ..models import AvgVerzoek, ExternVerzoek
from . import avg, extern

JSON, PDF, ZIP = "json", "pdf", "zip"
CONTENT_TYPES = {JSON: "application/json", PDF: "application/pdf", ZIP: "application/zip"}


@dataclass(frozen=True)
class Bestand:
    inhoud: bytes
    naam: str
    formaat: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.formaat]


def _check_format(formaat: str, allowed: tuple[str, ...]) -> None:
    if formaat not in allowed:
        raise ValidationError({"formaat": _("Kies een van: %(formaten)s.") % {"formaten": ", ".join(allowed)}})


@transaction.atomic
def extern_verzoek(*, actor, verzoek_id: int, formaat: str) -> Bestand:
    _check_format(formaat, (PDF, ZIP))
    verzoek = (
        ExternVerzoek.objects.select_for_update(of=("self",))
        .select_related("traject__huishouden", "organisatie", "persoon", "beoordeeld_door")
        .get(pk=verzoek_id)
    )
    if not authorization.can_export_extern_verzoek(actor, verzoek):
        raise PermissionDenied(_("Je kunt de gegevens van dit verzoek niet exporteren."))
    if verzoek.status not in (ExternStatus.GOEDGEKEURD, ExternStatus.VERSTREKT, ExternStatus.AFGEROND):
        raise Conflict(_("Pas na goedkeuring kunnen de gegevens worden verstrekt."))
    if verzoek.traject is None:
        raise Conflict(_("Het dossier is vernietigd; er is niets meer te verstrekken."))
    inhoud = selectors.verstrekking(verzoek)
    pdf = export.verstrekking_pdf(verzoek, inhoud)
    if formaat == PDF:
        content = pdf
    else:
        bestanden = [versie for item in inhoud for versie in item.bestanden]
        content = export.als_zip([(f"{verzoek.nummer}.pdf", pdf)], bestanden)
    reden = f"Extern verzoek {verzoek.nummer} van {verzoek.verzoeker}"[:300]
    for item in inhoud:
        if item.bron is not None:
            access_log.record(
                Actie.EXPORTEREN,
                traject=verzoek.traject,
                obj=item.bron,
                grondslag=Grondslag.HANDHAVING,
                reden=reden,
                omschrijving=f"Verstrekt aan {verzoek.verzoeker}: {item.titel}"[:300],
                actor=actor,
            )
    access_log.record(
        Actie.EXPORTEREN,
        traject=verzoek.traject,
        persoon=verzoek.persoon,
        obj=verzoek,
        grondslag=Grondslag.HANDHAVING,
        reden=reden,
        omschrijving=f"{len(inhoud)} gegevens verstrekt als {formaat.upper()} "
        f"({verzoek.get_grondslag_soort_display()})",
        actor=actor,
    )
    extern.markeer_verstrekt(actor=actor, verzoek=verzoek)
    return Bestand(content, f"{verzoek.nummer}.{formaat}", formaat)


@transaction.atomic
def persoon(*, actor, verzoek_id: int, formaat: str) -> Bestand:
    """All data of a person, on a registered inzage request: JSON, PDF, or a ZIP with both and the files."""
    _check_format(formaat, (JSON, PDF, ZIP))
    verzoek = AvgVerzoek.objects.select_related("persoon__huishouden", "traject").get(pk=verzoek_id)
    if not authorization.can_export_person_data(actor, verzoek):
        raise PermissionDenied(_("Alleen de privacyfunctionaris exporteert alle gegevens van een persoon."))
    if verzoek.status not in (AvgStatus.INGEDIEND, AvgStatus.UITGEVOERD) or verzoek.persoon is None:
        raise Conflict(_("Bij dit verzoek kan geen export (meer) worden gemaakt."))
    gegevens = export.persoon_gegevens(verzoek.persoon, verzoek=verzoek)
    titel = _("Alle gegevens van %(naam)s") % {"naam": verzoek.persoon.volledige_naam}
    content = _render(gegevens, titel, formaat, bestanden=_document_files(verzoek.persoon))
    access_log.record(
        Actie.EXPORTEREN,
        traject=verzoek.traject,
        huishouden=verzoek.persoon.huishouden,
        persoon=verzoek.persoon,
        obj=verzoek,
        grondslag=Grondslag.AVG_VERZOEK,
        reden=f"Inzageverzoek {verzoek.nummer}",
        omschrijving=f"Alle gegevens van een persoon als {formaat.upper()}",
        actor=actor,
    )
    avg.markeer_inzage_uitgevoerd(actor=actor, verzoek=verzoek)
    return Bestand(content, export.bestandsnaam(verzoek.nummer, verzoek.persoon.voornaam, formaat), formaat)


def client(*, actor, scope: authorization.ClientScope, formaat: str) -> Bestand:
    """The client's own data as the portal shows it: JSON or PDF."""
    _check_format(formaat, (JSON, PDF))
    if not authorization.client_may_export(actor):
        raise PermissionDenied
    gegevens = export.client_gegevens(scope, actor)
    content = _render(gegevens, _("Mijn gegevens bij het buurtteam"), formaat)
    access_log.record(
        Actie.EXPORTEREN,
        huishouden=scope.viewer.huishouden,
        persoon=scope.viewer,
        grondslag=Grondslag.CLIENT_ZELF,
        omschrijving=f"Eigen gegevens gedownload als {formaat.upper()}",
        actor=actor,
    )
    return Bestand(content, export.bestandsnaam("mijn-gegevens", scope.viewer.voornaam, formaat), formaat)


def _render(gegevens: dict, titel: str, formaat: str, bestanden=()) -> bytes:
    if formaat == JSON:
        return export.als_json(gegevens)
    pdf = export.als_pdf(gegevens, titel=titel)
    if formaat == PDF:
        return pdf
    return export.als_zip([("gegevens.json", export.als_json(gegevens)), ("samenvatting.pdf", pdf)], list(bestanden))


def _document_files(persoon):
    return list(
        DocumentVersie.objects.filter(
            document__huishouden_id=persoon.huishouden_id, document__verwijderd_op__isnull=True
        )
        .filter(Q(document__betreft=persoon) | ~Q(document__zichtbaarheid="personen"))
        .exclude(bestand="")
        .distinct()
        .order_by("document_id", "nummer")
    )
