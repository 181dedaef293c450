"""Demo privacy data for Lokalis (and old dossiers for BTO Sociaal), made through the services as the
people involved would: external requests from Team Handhaving in every state (being compiled, waiting
for approval, shared and closed with the outcome, refused), AVG requests (a correction waiting, one
corrected, an inzage request for the privacyfunctionaris, a refused early destruction), and a few
closed dossiers whose retention period passed long ago: proposed, kept longer with a reason, approved,
and one destroyed by the nightly run. Idempotent: an organisation with external requests gets no more."""

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from boks.accounts.models import Organisatie, Team, User
from boks.dossiers.choices import Afsluitreden, ContactSoort, Melder, Rol, Status
from boks.dossiers.models import Contactmoment, Huishouden, Persoon, TijdlijnGebeurtenis, Traject

from . import export, selectors
from .choices import AvgSoort, SoortGrondslag, SoortVerzoeker, VernietigingStatus
from .models import ExternVerzoek, Vernietiging
from .services import avg, bewaren, exporteren, extern

logger = logging.getLogger(__name__)

WORKER = "gezinswerker@lokalis.example"
MANAGER = "teammanager@lokalis.example"
PRIVACY = "privacy@lokalis.example"

HANDHAVING = {
    "soort_verzoeker": SoortVerzoeker.HANDHAVING,
    "verzoeker": "Gemeente Utrecht, Team Handhaving",
    "contactpersoon": "R. Kok, handhaver",
    "contact_email": "handhaving@utrecht.example",
    "grondslag_soort": SoortGrondslag.WETTELIJKE_PLICHT,
    "grondslag": "Participatiewet art. 17 lid 2 en art. 53a: onderzoek naar de rechtmatigheid van de "
    "bijstandsuitkering en het PGB.",
    "gevraagde_gegevens": "Verslagen van huisbezoeken en de PGB-aanvraag van het afgelopen halfjaar, om te "
    "beoordelen of de zorg wordt geleverd zoals aangevraagd.",
}


def _extern(traject, worker, *, kenmerk: str) -> ExternVerzoek:
    today = timezone.localdate()
    verzoek = extern.registreer(
        actor=worker,
        traject=traject,
        data=extern.ExternVerzoekData(
            **HANDHAVING,
            kenmerk=kenmerk,
            ontvangen_op=today - datetime.timedelta(days=3),
            termijn=today + datetime.timedelta(days=11),
        ),
    )
    kandidaten = selectors.kandidaten(traject)[:3]
    gekozen: dict[str, list[int]] = {}
    for kandidaat in kandidaten:
        gekozen.setdefault(kandidaat.soort, []).append(kandidaat.object_id)
    extern.stel_samen(actor=worker, verzoek_id=verzoek.pk, gekozen=gekozen)
    return verzoek


def _external_requests(trajecten, worker, manager, privacy) -> None:
    _extern(trajecten[0], worker, kenmerk="HH-2026-0412")
    wachtend = _extern(trajecten[1], worker, kenmerk="HH-2026-0419")
    extern.perform(
        actor=worker,
        verzoek_id=wachtend.pk,
        stap="voorleggen",
        toelichting="Alleen de huisbezoeken die over de zorg gaan; het gesprek over de scheiding niet.",
    )
    klaar = _extern(trajecten[2], worker, kenmerk="HH-2026-0377")
    extern.perform(actor=worker, verzoek_id=klaar.pk, stap="voorleggen")
    extern.perform(
        actor=manager, verzoek_id=klaar.pk, stap="goedkeuren", toelichting="Grondslag en selectie zijn in orde."
    )
    try:
        exporteren.extern_verzoek(actor=worker, verzoek_id=klaar.pk, formaat=exporteren.PDF)
    except export.PdfUnavailable:
        extern.markeer_verstrekt(actor=worker, verzoek=ExternVerzoek.objects.get(pk=klaar.pk))
    extern.perform(
        actor=worker,
        verzoek_id=klaar.pk,
        stap="afronden",
        toelichting="Handhaving vond geen onrechtmatigheid. Besproken met moeder en met de teammanager.",
        gesprek_op=timezone.localdate(),
    )
    afgewezen = _extern(trajecten[3], worker, kenmerk="HH-2026-0398")
    extern.perform(actor=worker, verzoek_id=afgewezen.pk, stap="voorleggen")
    extern.perform(
        actor=privacy,
        verzoek_id=afgewezen.pk,
        stap="afwijzen",
        toelichting="Geen wettelijke grondslag genoemd voor gegevens over de kinderen; vraag om een nieuw, "
        "gericht verzoek.",
    )


def _avg_requests(trajecten, worker, privacy) -> None:
    def persoon(traject):
        return traject.huishouden.personen.order_by("geboortedatum").first()

    avg.registreer(
        actor=worker,
        traject=trajecten[0],
        persoon=persoon(trajecten[0]),
        data=avg.AvgVerzoekData(
            soort=AvgSoort.VERBETERING,
            waar="Tijdlijn, kennismaking",
            wat_onjuist="Er staat dat ik geen werk heb.",
            wat_juist="Ik werk drie dagen per week in de thuiszorg.",
        ),
    )
    verbeterd = avg.registreer(
        actor=worker,
        traject=trajecten[1],
        persoon=persoon(trajecten[1]),
        data=avg.AvgVerzoekData(
            soort=AvgSoort.VERBETERING,
            wat_onjuist="Mijn telefoonnummer is niet goed.",
            wat_juist="06-12345678",
        ),
    )
    avg.beslis(
        actor=worker,
        verzoek_id=verbeterd.pk,
        toewijzen=True,
        toelichting="Het telefoonnummer is aangepast in het dossier.",
    )
    avg.registreer(
        actor=privacy,
        traject=trajecten[2],
        persoon=persoon(trajecten[2]),
        data=avg.AvgVerzoekData(soort=AvgSoort.INZAGE, toelichting="Per brief gevraagd om een volledig afschrift."),
    )
    vernietigen = avg.registreer(
        actor=worker,
        traject=trajecten[3],
        persoon=persoon(trajecten[3]),
        data=avg.AvgVerzoekData(soort=AvgSoort.VERNIETIGING, toelichting="Wil niet dat er nog iets bewaard wordt."),
    )
    avg.beslis(
        actor=privacy,
        verzoek_id=vernietigen.pk,
        toewijzen=False,
        toelichting="De begeleiding loopt nog; de gegevens zijn nodig voor de hulp. Vraag het opnieuw na het "
        "afsluiten.",
    )


def _old_dossier(team: Team, regisseur: User, *, naam: str, jaren_geleden: int, index: int) -> Huishouden:
    """A closed dossier whose last change lies `jaren_geleden` years back."""
    moment = timezone.now() - relativedelta(years=jaren_geleden, days=30 + index)
    day = timezone.localtime(moment).date()
    huishouden = Huishouden.objects.create(naam=f"Huishouden {naam}", team=team, aangemaakt_op=moment)
    Persoon.objects.create(
        huishouden=huishouden,
        voornaam="Anna",
        achternaam=naam,
        geboortedatum=day - relativedelta(years=34),
        rol=Rol.OUDER_VERZORGER,
        gezag=True,
    )
    traject = Traject.objects.create(
        dossiernummer=f"{day.year}-9{index:05d}",
        huishouden=huishouden,
        team=team,
        regisseur=regisseur,
        status=Status.AFGESLOTEN,
        aanmelddatum=day - datetime.timedelta(days=200),
        melder=Melder.ZELFMELDER,
        aanmeldvraag="Hulp bij de opvoeding.",
        afgesloten_op=day,
        afsluitreden=Afsluitreden.VOLGENS_PLAN,
        aangemaakt_op=moment,
    )
    Contactmoment.objects.create(
        traject=traject,
        auteur=regisseur,
        plaatsgevonden_op=moment,
        soort=ContactSoort.GESPREK,
        tekst="Afsluitend gesprek: het gaat goed.",
        aangemaakt_op=moment,
    )
    TijdlijnGebeurtenis.objects.create(
        traject=traject,
        huishouden=huishouden,
        soort="dossiers.afgesloten",
        titel="Traject afgesloten",
        plaatsgevonden_op=moment,
        vastgelegd_op=moment,
        actor=regisseur,
    )
    Traject.objects.filter(pk=traject.pk).update(gewijzigd_op=moment)
    return huishouden


def _retention(organisatie: Organisatie, team: Team, regisseur: User, privacy: User | None, jaren: int) -> None:
    names = ["Verhoef", "Kramer", "Bos", "Mulder"]
    for index, naam in enumerate(names):
        _old_dossier(team, regisseur, naam=naam, jaren_geleden=jaren + 1, index=index + organisatie.pk * 10)
    bewaren.stel_voor(vandaag=timezone.localdate())
    if privacy is None:
        return
    voorstellen = list(
        Vernietiging.objects.filter(organisatie=organisatie, status=VernietigingStatus.VOORGESTELD).order_by("pk")
    )
    if len(voorstellen) < 3:
        return
    bewaren.bewaar_langer(
        actor=privacy,
        vernietiging_id=voorstellen[0].pk,
        tot=timezone.localdate() + relativedelta(years=2),
        reden="Een klacht over de hulp loopt nog bij de klachtencommissie.",
    )
    bewaren.keur_goed(actor=privacy, vernietiging_ids=[voorstellen[1].pk, voorstellen[2].pk])
    with transaction.atomic():
        vernietiging = Vernietiging.objects.select_for_update().get(pk=voorstellen[2].pk)
        bewaren.vernietig(vernietiging, vandaag=timezone.localdate())


def seed() -> list[tuple[str, str]]:
    lokalis = Organisatie.objects.filter(korte_naam="Lokalis").first()
    if lokalis is None:
        return []
    if not ExternVerzoek.objects.filter(organisatie=lokalis).exists():
        _seed_requests(lokalis)
    if not Vernietiging.objects.filter(organisatie=lokalis).exists():
        team = Team.objects.get(organisatie=lokalis, naam="Overvecht Vechtzoom")
        jaren = bewaren.bewaarbeleid_voor(lokalis.pk).jeugd_jaren
        _retention(lokalis, team, User.objects.get(email=WORKER), User.objects.get(email=PRIVACY), jaren)
    sociaal = Organisatie.objects.filter(korte_naam="BTO Sociaal").first()
    if sociaal is not None and not Vernietiging.objects.filter(organisatie=sociaal).exists():
        sociaal_team = Team.objects.filter(organisatie=sociaal, naam="Zuilen").first()
        sociaal_worker = User.objects.filter(email="buurtteammedewerker@sociaal.example").first()
        if sociaal_team and sociaal_worker:
            jaren = bewaren.bewaarbeleid_voor(sociaal.pk).sociaal_jaren
            _retention(sociaal, sociaal_team, sociaal_worker, None, jaren)
    return []


def _seed_requests(lokalis: Organisatie) -> None:
    worker = User.objects.get(email=WORKER)
    manager = User.objects.get(email=MANAGER)
    privacy = User.objects.get(email=PRIVACY)
    team = Team.objects.get(organisatie=lokalis, naam="Overvecht Vechtzoom")
    trajecten = list(
        Traject.objects.filter(team=team, regisseur=worker)
        .exclude(status=Status.AANGEMELD)
        .select_related("team__organisatie", "huishouden")
        .order_by("pk")[:8]
    )
    if len(trajecten) < 8:
        logger.warning("Privacy demo: fewer than 8 trajecten of %s, no requests made", WORKER)
        return
    with transaction.atomic():
        _external_requests(trajecten[:4], worker, manager, privacy)
        _avg_requests(trajecten[4:8], worker, privacy)
