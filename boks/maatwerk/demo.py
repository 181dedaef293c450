"""Demo Aanvullende zorg: the default types per organisation, Lokalis's PGB-beoordelingsgroep (its PGB
requests go there, DOMAIN.md §2.8), referrals to real providers (DOMAIN.md §5.4), and requests in
every state, made and decided through the status flow and then moved back in time so deadlines,
lead times and overdue requests look like a few weeks of work. Deterministic and idempotent: an
organisation that already has requests or referrals gets no more."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from boks.accounts import authorization
from boks.accounts.choices import TeamRole
from boks.accounts.models import Organisatie, User
from boks.dossiers import calendar
from boks.dossiers.choices import Status
from boks.dossiers.models import TijdlijnGebeurtenis, Traject
from boks.gezinsplan import selectors as plan_selectors
from boks.gezinsplan.choices import VersieStatus
from boks.notifications.models import OutboundEmail

from . import selectors, services, statusflow
from .choices import Gecontracteerd, Routering, Zorgvorm
from .models import Aanvraag, AanvraagSoort, AanvraagStap, Beoordelingsgroep, Verwijzing

PGB_BEOORDELAAR = "pgb@lokalis.example"

CONTENT = {
    "pgb": {
        "vraag": "Moeder zorgt dag en nacht voor haar zoon met een ernstige beperking en raakt uitgeput.",
        "waarom_niet_regulier": "De gecontracteerde logeeropvang heeft een wachtlijst van een half jaar; de "
        "vertrouwde begeleider van de zoon werkt zelfstandig.",
        "eigen_kracht": "Oma past twee middagen per week op; de buurvrouw helpt bij het naar bed brengen. "
        "Meer kan het netwerk niet dragen.",
        "gevraagde_oplossing": "Begeleiding door de eigen begeleider, twaalf uur per week, en één logeerweekend "
        "per maand.",
        "aanbieder": "Zorgboerderij Griftenstein",
        "bedrag": Decimal("14400.00"),
    },
    "maatwerk": {
        "vraag": "Zoon (15) met autisme en beginnend middelengebruik gaat niet meer naar school en trekt zich terug.",
        "waarom_niet_regulier": "Het ingekochte aanbod biedt autisme- of verslavingszorg, niet de combinatie; "
        "twee aanbieders weigerden hem.",
        "eigen_kracht": "Ouders hebben samen met de mentor een dagritme geprobeerd; een oom neemt hem mee naar "
        "zijn werk. Dat helpt een paar dagen.",
        "gevraagde_oplossing": "Ambulante begeleiding thuis door een specialist in autisme en verslaving, "
        "drie keer per week, een half jaar.",
        "aanbieder": "Youké",
    },
    "hbh": {
        "vraag": "Meneer (78) kan na een heupoperatie het huis niet meer schoonhouden.",
        "waarom_niet_regulier": "Er is geen algemene voorziening in de wijk die wekelijks schoonmaakt.",
        "eigen_kracht": "Zijn dochter doet de boodschappen; de buren koken twee keer per week.",
        "gevraagde_oplossing": "Hulp bij het huishouden, drie uur per week.",
        "aanbieder": "Careyn",
    },
}


@dataclass(frozen=True)
class Scenario:
    soort: str
    stappen: tuple[str, ...]
    ingediend: int | None = None
    """Werkdagen ago that it was submitted (None: a concept)."""
    besloten: int | None = None
    """Werkdagen after submitting that it was decided."""


LOKALIS = [
    Scenario("pgb", ()),
    Scenario("pgb", ("indienen",), ingediend=2),
    Scenario("pgb", ("indienen", "in_behandeling_nemen"), ingediend=13),
    Scenario("pgb", ("indienen", "in_behandeling_nemen", "informatie_vragen"), ingediend=6),
    Scenario("pgb", ("indienen", "in_behandeling_nemen", "toekennen"), ingediend=30, besloten=8),
    Scenario("pgb", ("indienen", "in_behandeling_nemen", "gedeeltelijk_toekennen"), ingediend=45, besloten=14),
    Scenario("maatwerk", ("indienen",), ingediend=12),
    Scenario("maatwerk", ("indienen", "in_behandeling_nemen"), ingediend=4),
    Scenario("maatwerk", ("indienen", "in_behandeling_nemen", "afwijzen"), ingediend=25, besloten=9),
    Scenario("maatwerk", ("indienen", "in_behandeling_nemen", "toekennen"), ingediend=60, besloten=7),
    Scenario("hbh", ("indienen", "intrekken"), ingediend=20),
    Scenario("hbh", ("indienen",), ingediend=9),
]
SOCIAAL = [
    Scenario("maatwerk", ("indienen", "in_behandeling_nemen", "toekennen"), ingediend=35, besloten=6),
    Scenario("hbh", ("indienen",), ingediend=3),
    Scenario("hbh", ()),
]
REDENEN = {
    "informatie_vragen": "Graag een offerte van de begeleider en het zorgplan erbij; dan kan de groep beslissen.",
    "toekennen": "De onderbouwing is helder: het netwerk is ingezet en het reguliere aanbod past niet. Toegekend "
    "voor de gevraagde periode.",
    "gedeeltelijk_toekennen": "Toegekend voor de begeleiding; het logeerweekend valt onder de algemene voorziening.",
    "afwijzen": "Het aanbod van Altrecht jeugd past bij deze vraag en heeft plek. Afgewezen; bespreek dit aanbod "
    "met het gezin.",
    "intrekken": "Het gezin heeft via de kerk vrijwillige hulp gevonden.",
}
VERWIJZINGEN = {
    "Lokalis": [
        (Zorgvorm.JEUGD_AMBULANT_LOCATIE, "Youké", 90, None),
        (Zorgvorm.JEUGD_DIAGNOSTIEK, "Kentalis", 60, 20),
        (Zorgvorm.JEUGD_AMBULANT_NETWERK, "De Rading", 40, None),
        (Zorgvorm.JEUGD_DYSLEXIE, "Opvoedpoli", 120, 30),
        (Zorgvorm.JEUGD_AMBULANT_LOCATIE, "Altrecht", 25, None),
        (Zorgvorm.WMO_BEGELEIDING, "Lister", 70, None),
        (Zorgvorm.JEUGD_AMBULANT_LOCATIE, "Youké", 15, None),
    ],
    "BTO Sociaal": [
        (Zorgvorm.WMO_BEGELEIDING, "Lister", 100, None),
        (Zorgvorm.WMO_DAGBESTEDING, "Abrona", 80, None),
        (Zorgvorm.WMO_HUISHOUDEN, "Careyn", 50, None),
        (Zorgvorm.WMO_BEGELEID_WONEN, "Stichting de Tussenvoorziening", 30, None),
        (Zorgvorm.WMO_VERVOER, "Privazorg Wmo Beheer B.V.", 10, None),
    ],
}


def _trajecten(organisatie: Organisatie) -> list[Traject]:
    """Trajecten in uitvoering with an agreed plan and a team manager, oldest first."""
    return list(
        Traject.objects.filter(
            team__organisatie=organisatie,
            status=Status.UITVOERING,
            regisseur__isnull=False,
            gezinsplan__versies__status=VersieStatus.VASTGESTELD,
            team__memberships__role=TeamRole.TEAMMANAGER,
        )
        .select_related("team", "regisseur")
        .distinct()
        .order_by("pk")
    )


def _assessor(aanvraag: Aanvraag) -> User:
    return authorization.beoordelaars_voor([aanvraag])[aanvraag.pk][0]


def _backdate(aanvraag: Aanvraag, scenario: Scenario, today: datetime.date) -> None:
    """Moves a request's history back: submitted `ingediend` werkdagen ago, decided `besloten` later."""
    options = statusflow.calendar_options(aanvraag.traject.team.organisatie_id)
    start = statusflow.min_werkdagen(today, scenario.ingediend, **options)
    end = calendar.plus_werkdagen(start, scenario.besloten, **options) if scenario.besloten else today
    termijn = calendar.plus_werkdagen(start, aanvraag.norm_werkdagen, **options)
    changes = {
        "aangemaakt_op": timezone.make_aware(datetime.datetime.combine(start, datetime.time(9, 30))),
        "eerst_ingediend_op": start,
        "termijn": termijn,
        "herinneren_vanaf": statusflow.min_werkdagen(termijn, aanvraag.soort.herinneren_werkdagen, **options),
    }
    if aanvraag.info_gevraagd_op:
        changes["info_gevraagd_op"] = statusflow.min_werkdagen(today, 1, **options)
    if aanvraag.besluit_op:
        doorlooptijd = calendar.werkdagen_tussen(start, end, **options)
        changes.update(
            besluit_op=end, doorlooptijd_werkdagen=doorlooptijd, binnen_norm=doorlooptijd <= aanvraag.norm_werkdagen
        )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(**changes)
    stappen = list(aanvraag.stappen.order_by("pk"))
    for index, stap in enumerate(stappen):
        day = (
            start
            if index == 0
            else end
            if index == len(stappen) - 1
            else min(start + datetime.timedelta(days=index), end)
        )
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10 + index, 0)))
        AanvraagStap.objects.filter(pk=stap.pk).update(op=moment)
        TijdlijnGebeurtenis.objects.filter(bron_id=aanvraag.pk, soort=f"maatwerk.aanvraag_{stap.stap}").update(
            plaatsgevonden_op=moment
        )


def _make(traject: Traject, soort: AanvraagSoort, scenario: Scenario, today: datetime.date) -> None:
    worker = traject.regisseur
    content = dict(CONTENT[soort.code])
    doelen = [doel_id for doel_id, _label in plan_selectors.goal_choices(traject)][:2]
    data = services.AanvraagData(
        doelen=doelen,
        aanbieder_gecontracteerd=Gecontracteerd.NEE if soort.code == "pgb" else Gecontracteerd.JA,
        **content,
    )
    if soort.met_budget or soort.periode_verplicht:
        data.periode_van = today + datetime.timedelta(days=14)
        data.periode_tot = data.periode_van + datetime.timedelta(days=364)
    if soort.met_budget:
        data.huidig_pgb_tot = data.periode_van - datetime.timedelta(days=1)
        data.periode_van = None
    aanvraag = services.create_aanvraag(actor=worker, traject=traject, soort=soort, data=data)
    for stap in scenario.stappen:
        definition = statusflow.STAPPEN[stap]
        actor = worker if definition.door == statusflow.AANVRAGER else _assessor(aanvraag)
        bedrag = (
            (aanvraag.bedrag * Decimal("0.75")).quantize(Decimal("1.00")) if stap == "gedeeltelijk_toekennen" else None
        )
        aanvraag = statusflow.perform(
            aanvraag_id=aanvraag.pk, stap=stap, actor=actor, reden=REDENEN.get(stap, ""), toegekend_bedrag=bedrag
        )
    if scenario.ingediend is not None:
        _backdate(aanvraag, scenario, today)


def _referrals(organisatie: Organisatie, trajecten: list[Traject], today: datetime.date) -> None:
    for index, (zorgvorm, aanbieder, days_ago, duration) in enumerate(VERWIJZINGEN.get(organisatie.korte_naam, [])):
        traject = trajecten[index % len(trajecten)]
        start = today - datetime.timedelta(days=days_ago)
        doelen = [doel_id for doel_id, _label in plan_selectors.goal_choices(traject)][:1]
        services.register_verwijzing(
            actor=traject.regisseur,
            traject=traject,
            data=services.VerwijzingData(
                zorgvorm=zorgvorm,
                aanbieder=aanbieder,
                startdatum=start,
                einddatum=start + datetime.timedelta(days=duration) if duration else None,
                beschikking=f"BS-{start:%Y}-{4100 + index}",
                doelen=doelen,
                toelichting="Besproken in het teamoverleg; het gezin koos zelf de aanbieder.",
            ),
        )


def _pgb_group(organisatie: Organisatie) -> None:
    """Lokalis routes PGB requests to its PGB-beoordelingsgroep instead of the team managers."""
    member = User.objects.filter(email=PGB_BEOORDELAAR).first()
    if member is None:
        return
    groep, _created = Beoordelingsgroep.objects.get_or_create(organisatie=organisatie, naam="PGB-beoordelingsgroep")
    groep.leden.add(member)
    AanvraagSoort.objects.filter(organisatie=organisatie, code="pgb").update(
        routering=Routering.BEOORDELINGSGROEP, beoordelingsgroep=groep
    )


@transaction.atomic
def seed() -> list[tuple[str, str]]:
    today = timezone.localdate()
    for organisatie in Organisatie.objects.order_by("pk"):
        selectors.soorten_voor(organisatie.pk)
        if organisatie.korte_naam == "Lokalis":
            _pgb_group(organisatie)
        already = (
            Aanvraag.objects.filter(traject__team__organisatie=organisatie).exists()
            or Verwijzing.objects.filter(traject__team__organisatie=organisatie).exists()
        )
        trajecten = _trajecten(organisatie)
        if already or not trajecten:
            continue
        soorten = {soort.code: soort for soort in selectors.soorten_voor(organisatie.pk)}
        scenarios = LOKALIS if organisatie.korte_naam == "Lokalis" else SOCIAAL
        for index, scenario in enumerate(scenarios):
            _make(trajecten[index % len(trajecten)], soorten[scenario.soort], scenario, today)
        _referrals(organisatie, trajecten, today)
    # The demo's messages stay in Berichten, but no e-mail leaves for demo addresses while seeding.
    OutboundEmail.objects.filter(key__startswith="maatwerk:", sent_at__isnull=True).delete()
    return []
