"""Exports of personal data (AVG art. 15 and 20) and of the records shared with an external requester.

- `client_gegevens`: what a client may see in the portal about themselves and, under the Jeugdwet
  rules, their children — built from the same selectors and the same ClientScope as the portal pages,
  so the export never shows more than the screens do.
- `persoon_gegevens`: everything BOKS holds about one person, for the privacyfunctionaris on a
  registered inzage request: also what is hidden from the portal, marked as such, so the
  privacyfunctionaris can weigh what to hand over (Jeugdwet art. 7.3.10: not what would harm another).
- `als_json`, `als_pdf`, `als_zip`: the same dict as machine-readable JSON, a readable PDF (WeasyPrint,
  like the gezinsplan PDF) and a ZIP with both and the stored files.

Each dict has the same top-level keys (documented in docs/privacy.md), with dates as date objects; the
JSON encoder writes them in ISO 8601. The callers log every export (Actie.EXPORTEREN).
"""

import datetime
import decimal
import io
import json
import zipfile
from dataclasses import asdict

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.audit import selectors as audit_selectors
from boks.audit.choices import Actie
from boks.audit.models import Toegang
from boks.documenten import selectors as document_selectors
from boks.documenten.models import Document, DocumentVersie, Invulling
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.models import Contactmoment, Persoon, TijdlijnGebeurtenis, Traject
from boks.gezinsplan import selectors as plan_selectors
from boks.gezinsplan.choices import VersieStatus
from boks.gezinsplan.models import DoelVoorstel, PlanVersie
from boks.maatwerk import selectors as maatwerk_selectors
from boks.maatwerk.models import Aanvraag, Verwijzing
from boks.wattelt import selectors as wattelt_selectors
from boks.wattelt.models import Meting

from .choices import ExternStatus
from .models import AvgVerzoek, ExternVerzoek

FORMAT_VERSIE = 1
ACCESS_LOG_LENGTH = 1000
SECTIES = [
    ("personen", "Personen"),
    ("trajecten", "Trajecten"),
    ("contactjournaal", "Contactjournaal"),
    ("tijdlijn", "Tijdlijn"),
    ("gezinsplan", "Gezinsplan"),
    ("eigen_doelen", "Eigen doelen"),
    ("wat_telt", "Wat Telt"),
    ("documenten", "Documenten"),
    ("vragenlijsten", "Vragenlijsten"),
    ("aanvragen", "Aanvragen"),
    ("verwijzingen", "Verwijzingen"),
    ("privacyverzoeken", "Privacyverzoeken"),
    ("wie_keek_mee", "Wie bekeek het dossier"),
    ("verstrekt_aan_anderen", "Verstrekt aan anderen"),
]


class PdfUnavailable(Exception):
    pass


def _naam(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def _persoon(persoon: Persoon) -> dict:
    return {
        "voornaam": persoon.voornaam,
        "tussenvoegsel": persoon.tussenvoegsel,
        "achternaam": persoon.achternaam,
        "geboortedatum": persoon.geboortedatum,
        "rol": persoon.get_rol_display(),
        "gezag": persoon.gezag,
        "bsn": persoon.bsn,
        "telefoon": persoon.telefoon,
        "email": persoon.email,
    }


def _traject(traject: Traject) -> dict:
    return {
        "dossiernummer": traject.dossiernummer,
        "team": traject.team.naam,
        "status": traject.get_status_display(),
        "aanmelddatum": traject.aanmelddatum,
        "aanmeldvraag": traject.aanmeldvraag,
        "kennismaking_op": traject.kennismaking_op,
        "begeleiding_gestart_op": traject.begeleiding_gestart_op,
        "afgesloten_op": traject.afgesloten_op,
        "afsluitreden": traject.get_afsluitreden_display() if traject.afsluitreden else "",
        "regisseur": _naam(traject.regisseur),
    }


def _event(event: TijdlijnGebeurtenis, *, staff: bool = False) -> dict:
    row = {
        "datum": timezone.localtime(event.plaatsgevonden_op),
        "titel": event.titel,
        "omschrijving": event.omschrijving,
        "door": _naam(event.actor) if event.actor and not event.actor.is_client else "",
    }
    if staff:
        row["zichtbaar_voor_client"] = event.zichtbaar_voor_client
    return row


def _plan_versie(versie: PlanVersie, goals=None, loose=None) -> dict:
    def afspraak(item) -> dict:
        return {
            "wat": item.wat,
            "wie": item.wie,
            "uiterlijk_op": item.uiterlijk_op,
            "status": item.afspraak.get_status_display(),
        }

    doelen = (
        [
            {
                "omschrijving": goal.plan_doel.omschrijving,
                "leefgebied": goal.plan_doel.get_leefgebied_display() if goal.plan_doel.leefgebied else "",
                "status": goal.plan_doel.doel.get_status_display(),
                "afspraken": [afspraak(item) for item in goal.afspraken],
            }
            for goal in goals
        ]
        if goals is not None
        else [
            {
                "omschrijving": plan_doel.omschrijving,
                "leefgebied": plan_doel.get_leefgebied_display() if plan_doel.leefgebied else "",
                "status": plan_doel.doel.get_status_display(),
                "afspraken": [afspraak(item) for item in versie.afspraken.all() if item.doel_id == plan_doel.doel_id],
            }
            for plan_doel in versie.doelen.all()
        ]
    )
    if loose is None:
        loose = [item for item in versie.afspraken.all() if item.doel_id is None]
    return {
        "dossiernummer": versie.plan.traject.dossiernummer,
        "versie": versie.nummer,
        "status": versie.get_status_display(),
        "vastgesteld_op": timezone.localtime(versie.vastgesteld_op) if versie.vastgesteld_op else None,
        "vraag_van_het_gezin": versie.vraagverheldering,
        "zo_kijkt_het_gezin_ernaar": versie.visie_client,
        "veiligheid": versie.veiligheid_toelichting,
        "doelen": doelen,
        "afspraken": [afspraak(item) for item in loose],
    }


def _meting(meting: Meting) -> dict:
    return {
        "datum": meting.datum,
        "van": meting.persoon.volledige_naam,
        "ronde": meting.ronde,
        "schaal": f"{meting.schaal_min}-{meting.schaal_max}",
        "algemene_score": meting.algemene_score,
        "toelichting": meting.toelichting,
        "scores": [
            {"leefgebied": score.leefgebied.naam, "wie": score.get_beoordelaar_display(), "waarde": score.waarde}
            for score in meting.scores.all()
        ],
    }


def _document(document: Document, *, staff: bool = False) -> dict:
    row = {
        "titel": document.titel,
        "soort": document.get_soort_display(),
        "gewijzigd_op": timezone.localtime(document.gewijzigd_op),
        "versies": [
            {
                "nummer": versie.nummer,
                "datum": timezone.localtime(versie.aangemaakt_op),
                "bestandsnaam": versie.bestandsnaam,
                "tekst": versie.tekst,
            }
            for versie in document.versies.all()
        ],
    }
    if staff:
        row["wie_mag_het_zien"] = document.get_zichtbaarheid_display()
    return row


def _invulling(invulling: Invulling) -> dict:
    return {
        "titel": invulling.vragenlijst.titel,
        "ingevuld_op": timezone.localtime(invulling.ingevuld_op),
        "antwoorden": [{"vraag": pair[0], "antwoord": pair[1]} for pair in invulling.antwoorden],
    }


def _avg(verzoek: AvgVerzoek) -> dict:
    return {
        "nummer": verzoek.nummer,
        "soort": verzoek.get_soort_display(),
        "ingediend_op": timezone.localtime(verzoek.ingediend_op),
        "status": verzoek.uitkomst_voor_client,
        "wat_klopt_er_niet": verzoek.wat_onjuist,
        "wat_moet_het_zijn": verzoek.wat_juist,
        "toelichting_bij_het_besluit": verzoek.besluit_toelichting,
    }


def _toegang(entry: Toegang) -> dict:
    return {
        "moment": timezone.localtime(entry.moment),
        "wie": entry.gebruiker_naam,
        "rol": entry.rol,
        "wat": entry.get_actie_display(),
        "omschrijving": entry.omschrijving,
    }


def _verstrekt(verzoek: ExternVerzoek) -> dict:
    return {
        "aan": verzoek.verzoeker,
        "op": timezone.localtime(verzoek.verstrekt_op) if verzoek.verstrekt_op else None,
        "grondslag": f"{verzoek.get_grondslag_soort_display()}: {verzoek.grondslag}",
        "gegevens": [item.omschrijving for item in verzoek.items.all()],
    }


def _header(*, voor: str, organisatie: str, uitleg: str, verzoek: str = "") -> dict:
    return {
        "formaat_versie": FORMAT_VERSIE,
        "gemaakt_op": timezone.localtime(),
        "gemaakt_voor": voor,
        "organisatie": organisatie,
        "verzoek": verzoek,
        "uitleg": uitleg,
    }


def _client_event_source(event):
    if event.bron_type_id is None:
        return None
    model = event.bron_type.model_class()
    return model(pk=event.bron_id) if model is not None else None


def client_gegevens(scope: authorization.ClientScope, user) -> dict:
    """Everything this client may see in the portal, in every traject of the household."""
    huishouden = scope.viewer.huishouden
    trajecten = list(
        Traject.objects.filter(huishouden_id=scope.huishouden_id)
        .select_related("team__organisatie", "regisseur", "huishouden")
        .order_by("aanmelddatum", "pk")
    )
    readable = scope.readable_person_ids()
    events = dossier_selectors.client_visible(
        scope,
        TijdlijnGebeurtenis.objects.filter(huishouden_id=scope.huishouden_id, zichtbaar_voor_client=True)
        .select_related("actor", "bron_type")
        .prefetch_related("betreft")
        .order_by("plaatsgevonden_op", "pk"),
        betreft_of=lambda event: [persoon.pk for persoon in event.betreft.all()],
        zichtbaar_of=lambda event: event.zichtbaar_voor_client,
        sources_of=_client_event_source,
    )
    plannen = []
    for traject in trajecten:
        plan = plan_selectors.client_plan(scope, traject)
        if plan is not None:
            plannen.append(_plan_versie(plan.versie, plan.goals, plan.loose_afspraken))
    overzichten = [maatwerk_selectors.client_view(traject) for traject in trajecten]
    verstrekt = [
        verzoek
        for verzoek in ExternVerzoek.objects.filter(
            traject__huishouden_id=scope.huishouden_id, status=ExternStatus.AFGEROND
        ).prefetch_related("items")
        if verzoek.persoon_id is None or scope.may_read_about(verzoek.persoon_id)
    ]
    organisatie = trajecten[-1].team.organisatie.naam if trajecten else ""
    return {
        "over_deze_export": _header(
            voor=scope.viewer.volledige_naam,
            organisatie=organisatie,
            uitleg=_(
                "Dit zijn de gegevens die u in het portaal van uw buurtteam kunt zien: over uzelf, en over uw "
                "kinderen voor zover de wet dat toestaat. Wilt u alles wat over u is vastgelegd? Vraag dan "
                "een volledig afschrift aan."
            ),
        ),
        "huishouden": {"naam": huishouden.naam, "adres": huishouden.adres},
        "personen": [_persoon(p) for p in scope.persons.values() if p.pk in readable],
        "trajecten": [_traject(t) for t in trajecten],
        "tijdlijn": [_event(event) for event in events],
        "gezinsplan": plannen,
        "eigen_doelen": [
            {
                "omschrijving": voorstel.omschrijving,
                "status": voorstel.get_status_display(),
                "ingediend_op": timezone.localtime(voorstel.ingediend_op),
                "reactie": voorstel.reactie,
            }
            for voorstel in plan_selectors.client_voorstellen(scope)
        ],
        "wat_telt": [_meting(m) for m in wattelt_selectors.client_metingen(scope)],
        "documenten": [_document(d) for d in document_selectors.client_documents(scope)],
        "vragenlijsten": [_invulling(i) for i in document_selectors.answers_of_client(scope)],
        "aanvragen": [asdict(aanvraag) for overzicht in overzichten for aanvraag in overzicht.aanvragen],
        "verwijzingen": [asdict(verwijzing) for overzicht in overzichten for verwijzing in overzicht.verwijzingen],
        "privacyverzoeken": [
            _avg(v)
            for v in AvgVerzoek.objects.filter(Q(ingediend_door=user) | Q(persoon_id=scope.viewer.pk))
            .filter(persoon__huishouden_id=scope.huishouden_id)
            .order_by("ingediend_op")
        ],
        "wie_keek_mee": [
            _toegang(entry) for entry in audit_selectors.views_by_staff([scope.huishouden_id], limit=ACCESS_LOG_LENGTH)
        ],
        "verstrekt_aan_anderen": [_verstrekt(v) for v in verstrekt],
    }


def _about(persoon: Persoon, relation: str = "betreft") -> Q:
    """Items about this person, or about the whole household (about nobody in particular)."""
    return Q(**{relation: persoon}) | Q(**{f"{relation}__isnull": True})


def persoon_gegevens(persoon: Persoon, *, verzoek: AvgVerzoek) -> dict:
    """Everything about one person for the privacyfunctionaris (an inzage request): the person, the
    household's trajecten, and every record about them or about the household as a whole, including
    what the portal does not show."""
    huishouden = persoon.huishouden
    trajecten = list(
        Traject.objects.filter(huishouden=huishouden).select_related("team__organisatie", "regisseur").order_by("pk")
    )
    journal = (
        Contactmoment.objects.filter(traject__huishouden=huishouden)
        .filter(_about(persoon))
        .select_related("auteur", "traject")
        .distinct()
        .order_by("plaatsgevonden_op", "pk")
    )
    events = (
        TijdlijnGebeurtenis.objects.filter(huishouden=huishouden)
        .filter(_about(persoon))
        .select_related("actor")
        .distinct()
        .order_by("plaatsgevonden_op", "pk")
    )
    versies = (
        PlanVersie.objects.filter(plan__traject__huishouden=huishouden)
        .exclude(status=VersieStatus.CONCEPT)
        .select_related("plan__traject")
        .prefetch_related("doelen__doel", "afspraken__afspraak", "afspraken__wie_persoon")
        .order_by("plan_id", "nummer")
    )
    documenten = (
        Document.objects.filter(huishouden=huishouden, verwijderd_op__isnull=True)
        .filter(Q(betreft=persoon) | ~Q(zichtbaarheid="personen"))
        .prefetch_related(Prefetch("versies", queryset=DocumentVersie.objects.order_by("-nummer")))
        .distinct()
        .order_by("aangemaakt_op", "pk")
    )
    aanvragen = (
        Aanvraag.objects.filter(traject__huishouden=huishouden).select_related("soort", "traject").order_by("pk")
    )
    toegang = Toegang.objects.filter(Q(huishouden_id=huishouden.pk) | Q(persoon_id=persoon.pk)).order_by("-moment")
    organisatie = trajecten[-1].team.organisatie.naam if trajecten else ""
    return {
        "over_deze_export": _header(
            voor=persoon.volledige_naam,
            organisatie=organisatie,
            verzoek=verzoek.nummer,
            uitleg=_(
                "Alle gegevens die BOKS over deze persoon bewaart, ook wat niet in het portaal staat. "
                "De privacyfunctionaris beoordeelt wat de betrokkene krijgt."
            ),
        ),
        "huishouden": {"naam": huishouden.naam, "adres": huishouden.adres},
        "personen": [_persoon(persoon)],
        "trajecten": [_traject(t) for t in trajecten],
        "contactjournaal": [
            {
                "datum": timezone.localtime(entry.plaatsgevonden_op),
                "dossiernummer": entry.traject.dossiernummer,
                "soort": entry.get_soort_display(),
                "door": _naam(entry.auteur),
                "deelnemers": entry.deelnemers,
                "tekst": entry.tekst,
                "zichtbaar_voor_client": entry.zichtbaar_voor_client,
                "reden_niet_zichtbaar": entry.get_reden_niet_zichtbaar_display() if entry.reden_niet_zichtbaar else "",
            }
            for entry in journal
        ],
        "tijdlijn": [_event(event, staff=True) for event in events],
        "gezinsplan": [_plan_versie(versie) for versie in versies],
        "eigen_doelen": [
            {
                "omschrijving": voorstel.omschrijving,
                "status": voorstel.get_status_display(),
                "ingediend_op": timezone.localtime(voorstel.ingediend_op),
                "reactie": voorstel.reactie,
            }
            for voorstel in DoelVoorstel.objects.filter(persoon=persoon).order_by("ingediend_op")
        ],
        "wat_telt": [
            _meting(m)
            for m in Meting.objects.filter(persoon=persoon)
            .select_related("persoon")
            .prefetch_related("scores__leefgebied")
            .order_by("datum", "pk")
        ],
        "documenten": [_document(d, staff=True) for d in documenten],
        "vragenlijsten": [
            _invulling(i)
            for i in Invulling.objects.filter(persoon=persoon).select_related("vragenlijst").order_by("ingevuld_op")
        ],
        "aanvragen": [
            {
                "dossiernummer": aanvraag.traject.dossiernummer,
                "soort": aanvraag.soort.naam,
                "status": aanvraag.get_status_display(),
                "vraag": aanvraag.vraag,
                "waarom_niet_regulier": aanvraag.waarom_niet_regulier,
                "eigen_kracht": aanvraag.eigen_kracht,
                "gevraagde_oplossing": aanvraag.gevraagde_oplossing,
                "aanbieder": aanvraag.aanbieder,
                "bedrag": aanvraag.bedrag,
                "besluit_op": aanvraag.besluit_op,
                "besluit_motivering": aanvraag.besluit_motivering,
                "beoordeling_notitie": aanvraag.beoordeling_notitie,
                "toegekend_bedrag": aanvraag.toegekend_bedrag,
            }
            for aanvraag in aanvragen
        ],
        "verwijzingen": [
            {
                "zorgvorm": verwijzing.get_zorgvorm_display(),
                "wettelijk_kader": verwijzing.get_wettelijk_kader_display(),
                "aanbieder": verwijzing.aanbieder,
                "startdatum": verwijzing.startdatum,
                "einddatum": verwijzing.einddatum,
                "toelichting": verwijzing.toelichting,
            }
            for verwijzing in Verwijzing.objects.filter(traject__huishouden=huishouden).order_by("startdatum", "pk")
        ],
        "privacyverzoeken": [
            _avg(v)
            for v in AvgVerzoek.objects.filter(Q(persoon=persoon) | Q(aanvrager=persoon)).order_by("ingediend_op")
        ],
        "wie_keek_mee": [_toegang(entry) for entry in toegang.exclude(actie=Actie.ZOEKEN)[:ACCESS_LOG_LENGTH]],
        "verstrekt_aan_anderen": [
            _verstrekt(v)
            for v in ExternVerzoek.objects.filter(
                traject__huishouden=huishouden, status__in=[ExternStatus.VERSTREKT, ExternStatus.AFGEROND]
            )
            .filter(Q(persoon=persoon) | Q(persoon__isnull=True))
            .prefetch_related("items")
        ],
    }


def aantallen(gegevens: dict) -> dict[str, int]:
    return {key: len(gegevens.get(key) or []) for key, _label in SECTIES if isinstance(gegevens.get(key), list)}


def als_json(gegevens: dict) -> bytes:
    return json.dumps(gegevens, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as missing_library:
        raise PdfUnavailable(
            _("De PDF kan op deze server niet worden gemaakt: de systeembibliotheek Pango ontbreekt.")
        ) from missing_library
    return HTML(string=html).write_pdf()


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _tekst(value) -> str:
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, decimal.Decimal):
        return formats.number_format(value, 2)
    return str(value)


def leesbaar(record: dict) -> list[tuple[str, str, list]]:
    """A record as (label, text, nested records) rows for the PDF: values formatted in Dutch, empty ones
    left out, lists of records nested (the template includes itself for those)."""
    rows = []
    for key, value in record.items():
        if value in (None, "", [], ()):
            continue
        if isinstance(value, list | tuple):
            nested = [leesbaar(item) if isinstance(item, dict) else [("", _tekst(item), [])] for item in value]
            rows.append((_label(key), "", nested))
        else:
            rows.append((_label(key), _tekst(value), []))
    return rows


def als_pdf(gegevens: dict, *, titel: str) -> bytes:
    """A readable summary of the same data, in plain Dutch headings."""
    secties = [(label, [leesbaar(record) for record in gegevens[key]]) for key, label in SECTIES if key in gegevens]
    return _html_to_pdf(
        render_to_string(
            "privacy/export_pdf.html",
            {
                "titel": titel,
                "over": gegevens["over_deze_export"],
                "huishouden": leesbaar(gegevens["huishouden"]),
                "secties": secties,
            },
        )
    )


def verstrekking_pdf(verzoek: ExternVerzoek, inhoud: list) -> bytes:
    return _html_to_pdf(
        render_to_string(
            "privacy/verstrekking_pdf.html", {"verzoek": verzoek, "inhoud": inhoud, "gemaakt_op": timezone.localtime()}
        )
    )


def als_zip(entries: list[tuple[str, bytes]], bestanden: list[DocumentVersie]) -> bytes:
    """A ZIP of the given files plus the stored documents, each under its own name in bijlagen/."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
        for versie in bestanden:
            base = versie.bestandsnaam or versie.bestand.name.rsplit("/", 1)[-1]
            stem, dot, extension = base.rpartition(".")
            name = (
                f"bijlagen/{versie.document_id}-{versie.nummer}-{slugify(stem or base)}{dot}{extension if stem else ''}"
            )
            if name in used:
                continue
            used.add(name)
            with versie.bestand.open("rb") as stored:
                archive.writestr(name, stored.read())
    return buffer.getvalue()


def bestandsnaam(prefix: str, wie: str, extensie: str) -> str:
    return f"{prefix}-{slugify(wie) or 'gegevens'}-{timezone.localdate():%Y%m%d}.{extensie}"
