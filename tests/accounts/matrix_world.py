"""The world the generated authorisation test probes: one organisation with the team whose dossier
is "inside", a second team of that organisation, and another organisation whose dossier is "outside".
Every actor holds one role and a known relation to the inside and outside data, so the test can look
up in MATRIX what each of them may do without asking the authorisation module itself.

Everything is made through the services (or the factories the apps' own tests use), so the objects
are in the states the pages expect: a vastgesteld plan with a concept for its next version, an
aanvraag submitted and routed to the teammanager, a document, a link, a meting, a referral.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from boks.accounts.authorization import CLIENT, Relatie, client_scope
from boks.accounts.choices import TeamRole
from boks.accounts.models import Cluster
from boks.conversie.choices import Codelijst, RunStatus
from boks.conversie.models import Codekoppeling, Conversierun, Herkomst
from boks.documenten import services as document_services
from boks.documenten.models import Link, Vraag, Vragenlijst
from boks.dossiers import toegang
from boks.dossiers.models import Huishouden, Noodtoegang, Portaaltoegang
from boks.dossiers.selectors import werkafspraken_for
from boks.gezinsplan import services as plan_services
from boks.gezinsplan.selectors import instellingen_for as gezinsplan_instellingen
from boks.maatwerk import services as maatwerk_services
from boks.maatwerk import statusflow
from boks.maatwerk.choices import Zorgvorm
from boks.notifications.models import Notification
from boks.privacy.choices import AvgSoort, ItemSoort
from boks.privacy.models import Vernietiging
from boks.privacy.services import avg, extern
from boks.privacy.services.bewaren import bewaarbeleid_voor
from boks.rapportage.services import instellingen_voor as rapportage_instellingen
from boks.wattelt.models import Leefgebied
from boks.wattelt.selectors import instellingen_voor as wattelt_instellingen
from tests.factories import (
    ClientUserFactory,
    ContactmomentFactory,
    MembershipFactory,
    OrganisatieFactory,
    PersoonFactory,
    TeamFactory,
    UserFactory,
)
from tests.gezinsplan.helpers import traject_in_plan, vastgesteld_plan
from tests.maatwerk.factories import (
    AanvraagSoortFactory,
    BeoordelingsgroepFactory,
    ContactpersoonFactory,
    VervangingFactory,
    aanvraag,
)
from tests.wattelt.factories import MetingFactory

TODAY = timezone.localdate()
INSIDE_MARK = "Binnenveld"
OUTSIDE_MARK = "Buitenhof"


@dataclass
class Side:
    """One household with a traject in uitvoering and an example of everything that belongs to it."""

    team: object
    regisseur: object
    traject: object
    moeder: object
    vader: object
    contactmoment: object
    afscherming: object
    plan: object
    vastgesteld: object
    concept: object
    plan_doel: object
    plan_afspraak: object
    afspraak: object
    netwerklid: object
    afweging: object
    voorstel: object
    meting: object
    aanvraag: object
    bijlage: object
    verwijzing: object
    document: object
    document_versie: object
    tekst: object
    link: object
    vragenlijst: object
    client: object
    noodtoegang: object = None
    vervanging: object = None
    extern_verzoek: object = None
    verbetering: object = None
    inzage: object = None
    vernietiging: object = None

    @property
    def huishouden(self):
        return self.traject.huishouden


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"x" * 200, content_type="application/pdf")


def _side(team, regisseur, mark: str) -> Side:
    traject = traject_in_plan(
        team,
        regisseur,
        huishouden__naam=f"Huishouden {mark}",
        persoon__voornaam="Mirjam",
        persoon__achternaam=mark,
        persoon__rol="ouder_verzorger",
        persoon__gezag=True,
        persoon__geboortedatum=datetime.date(1986, 3, 2),
    )
    moeder = traject.huishouden.personen.get()
    vader = PersoonFactory(
        huishouden=traject.huishouden, voornaam="Joost", achternaam=mark, rol="ouder_verzorger", gezag=True
    )
    vastgesteld = vastgesteld_plan(traject, regisseur, goals=(f"Rust in huis bij {mark}",))
    traject.refresh_from_db()
    plan = vastgesteld.plan
    concept = plan_services.new_version(actor=regisseur, plan=plan)
    plan_doel = concept.doelen.first()
    plan_afspraak = concept.afspraken.first()
    netwerklid = plan_services.add_netwerklid(actor=regisseur, versie_id=concept.pk, naam="Oma", relatie="oma")
    afweging = plan_services.add_afweging(
        actor=regisseur, versie_id=concept.pk, deskundige="Huisarts", deskundigheid="arts", tekst="Geen zorgen."
    )
    contactmoment = ContactmomentFactory(traject=traject, auteur=regisseur, tekst=f"Gesprek met {mark}.")
    afscherming = toegang.withhold(
        actor=regisseur, traject=traject, item=contactmoment, persoon=vader, reden="Inzage schaadt het kind."
    )
    client = ClientUserFactory(first_name="Mirjam", last_name=mark)
    Portaaltoegang.objects.create(persoon=moeder, gebruiker=client)
    scope = client_scope(client, traject.huishouden_id)
    voorstel = plan_services.submit_voorstel(actor=client, scope=scope, plan=plan, omschrijving="Meer buiten spelen.")
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    made = aanvraag(traject, regisseur, soort)
    bijlage = maatwerk_services.add_bijlage(actor=regisseur, aanvraag_id=made.pk, bestand=_pdf("offerte.pdf"))
    ingediend = statusflow.perform(aanvraag_id=made.pk, stap="indienen", actor=regisseur)
    verwijzing = maatwerk_services.register_verwijzing(
        actor=regisseur,
        traject=traject,
        data=maatwerk_services.VerwijzingData(
            zorgvorm=Zorgvorm.JEUGD_DIAGNOSTIEK, aanbieder="Kentalis", startdatum=TODAY
        ),
    )
    document = document_services.upload_document(
        actor=regisseur, traject=traject, titel=f"Brief {mark}", upload=_pdf("brief.pdf"), zichtbaarheid="huishouden"
    )
    tekst = document_services.write_text(
        actor=client,
        traject=traject,
        titel="Mijn verhaal",
        tekst="Zo gaat het.",
        zichtbaarheid="huishouden",
        scope=scope,
    )
    link = document_services.add_household_link(
        actor=regisseur, traject=traject, titel="Schuldhulp", url="https://example.org/schuldhulp"
    )
    vragenlijst = Vragenlijst.objects.create(
        organisatie=team.organisatie, titel=f"Vragenlijst van {team.organisatie.naam}", actief=True
    )
    Vraag.objects.create(vragenlijst=vragenlijst, tekst="Hoe gaat het?", volgorde=1)
    side = Side(
        team=team,
        regisseur=regisseur,
        traject=traject,
        moeder=moeder,
        vader=vader,
        contactmoment=contactmoment,
        afscherming=afscherming,
        plan=plan,
        vastgesteld=vastgesteld,
        concept=concept,
        plan_doel=plan_doel,
        plan_afspraak=plan_afspraak,
        afspraak=plan_afspraak.afspraak,
        netwerklid=netwerklid,
        afweging=afweging,
        voorstel=voorstel,
        meting=MetingFactory(traject=traject, persoon=moeder, aangemaakt_door=regisseur),
        aanvraag=ingediend,
        bijlage=bijlage,
        verwijzing=verwijzing,
        document=document,
        document_versie=document.versies.get(),
        tekst=tekst,
        link=link,
        vragenlijst=vragenlijst,
        client=client,
    )
    _privacy_requests(side, scope)
    return side


def _privacy_requests(side: Side, scope) -> None:
    """An external request submitted for approval, a client's correction request, an inzage request
    and a proposed destruction."""
    today = datetime.date.today()
    verzoek = extern.registreer(
        actor=side.regisseur,
        traject=side.traject,
        data=extern.ExternVerzoekData(
            soort_verzoeker="handhaving",
            verzoeker="Team Handhaving",
            contactpersoon="R. Kok",
            grondslag_soort="wettelijke_plicht",
            grondslag="Participatiewet art. 53a",
            gevraagde_gegevens="Verslagen",
            ontvangen_op=today,
            termijn=today + datetime.timedelta(days=10),
        ),
    )
    extern.stel_samen(
        actor=side.regisseur, verzoek_id=verzoek.pk, gekozen={ItemSoort.CONTACTMOMENT: [side.contactmoment.pk]}
    )
    side.extern_verzoek = extern.perform(actor=side.regisseur, verzoek_id=verzoek.pk, stap="voorleggen")
    side.verbetering = avg.dien_in(
        actor=side.client,
        scope=scope,
        persoon_id=side.moeder.pk,
        data=avg.AvgVerzoekData(soort=AvgSoort.VERBETERING, wat_onjuist="Mijn achternaam", wat_juist="Met een y"),
    )
    side.inzage = avg.registreer(
        actor=side.regisseur, traject=side.traject, persoon=side.moeder, data=avg.AvgVerzoekData(soort=AvgSoort.INZAGE)
    )
    side.vernietiging = Vernietiging.objects.create(
        organisatie=side.team.organisatie,
        team=side.team,
        huishouden=side.huishouden,
        huishouden_nummer=side.huishouden.pk,
        dossiersoort="jeugd",
        aanleiding="bewaartermijn",
        vernietigen_vanaf=today,
    )


@dataclass
class Actor:
    name: str
    user: object
    role: str | None
    inside: set[str] = field(default_factory=set)
    """Relations to the inside household's data; nobody has one to the outside household."""
    assesses: bool = False
    """Has requests routed to them of their own (the teammanager), so may name a vervanger."""
    team: object = None
    """The team the actor works in (staff only)."""


@dataclass
class World:
    inside: Side
    outside: Side
    actors: list[Actor]
    other_team: object

    @property
    def organisations(self):
        return self.inside.team.organisatie, self.outside.team.organisatie

    def actor(self, name: str) -> Actor:
        return next(actor for actor in self.actors if actor.name == name)


def _noodtoegang(side: Side, medewerker) -> Noodtoegang:
    return Noodtoegang.objects.create(
        traject=side.traject,
        medewerker=medewerker,
        reden="Crisismelding in het weekend, de regisseur is niet bereikbaar.",
        geldig_tot=timezone.now() + datetime.timedelta(hours=4),
    )


def _beheer_data(team) -> None:
    """One of each thing beheer keeps for an organisation, so every beheer page has an object to open."""
    organisatie = team.organisatie
    Cluster.objects.create(organisatie=organisatie, naam=f"Cluster {organisatie.naam}")
    BeoordelingsgroepFactory(organisatie=organisatie)
    ContactpersoonFactory(team=team, medewerker=UserFactory())
    Link.objects.create(organisatie=organisatie, titel="Schuldhulpmaatje", url="https://example.org/schuldhulp")
    Leefgebied.objects.get_or_create(organisatie=organisatie, code="wonen", defaults={"naam": "Wonen"})
    werkafspraken_for(organisatie.pk)
    gezinsplan_instellingen(organisatie.pk)
    wattelt_instellingen(organisatie.pk)
    rapportage_instellingen(organisatie.pk)
    bewaarbeleid_voor(organisatie.pk)
    run = Conversierun.objects.create(
        organisatie=organisatie,
        bestand="conversie/matrix.zip",
        status=RunStatus.KLAAR,
        kan_inlezen=True,
        gestart_door=UserFactory(),
    )
    Codekoppeling.objects.create(
        organisatie=organisatie, codelijst=Codelijst.MELDER, oude_code="07", boks_code="school"
    )
    Herkomst.objects.create(
        organisatie=organisatie,
        bron="oud-systeem",
        soort="huishoudens",
        legacy_id="H1",
        object_type=ContentType.objects.get_for_model(Huishouden),
        object_id=0,
        run=run,
    )


def _schedules() -> None:
    """The beat schedule is the same for every organisation: one entry of each kind."""
    every_hour = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    CrontabSchedule.objects.create(minute="0", hour="7")
    PeriodicTask.objects.create(name="Matrix: voorbeeldtaak", task="boks.example", interval=every_hour)


def _staff(team, role) -> object:
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=role).user


def build_world() -> World:
    organisatie = OrganisatieFactory(naam="Lokalis")
    team = TeamFactory(organisatie=organisatie, naam="Overvecht")
    other_team = TeamFactory(organisatie=organisatie, naam="Zuilen")
    elsewhere = TeamFactory(organisatie=OrganisatieFactory(naam="Elders"), naam="Elders")

    regisseur = _staff(team, TeamRole.GEZINSWERKER)
    manager = _staff(team, TeamRole.TEAMMANAGER)
    inside = _side(team, regisseur, INSIDE_MARK)
    elsewhere_manager = _staff(elsewhere, TeamRole.TEAMMANAGER)
    outside = _side(elsewhere, _staff(elsewhere, TeamRole.GEZINSWERKER), OUTSIDE_MARK)

    betrokken = _staff(team, TeamRole.GEZINSWERKER)
    inside.traject.betrokkenen.add(betrokken)
    with_glass = _staff(other_team, TeamRole.GEZINSWERKER)
    inside.noodtoegang = _noodtoegang(inside, with_glass)
    outside.noodtoegang = _noodtoegang(
        outside, _staff(TeamFactory(organisatie=elsewhere.organisatie), TeamRole.GEZINSWERKER)
    )
    team_relations = {Relatie.EIGEN_TEAM}
    organisation_relations = {Relatie.EIGEN_TEAM, Relatie.EIGEN_ORGANISATIE}
    actors = [
        Actor("regisseur", regisseur, TeamRole.GEZINSWERKER, {Relatie.REGISSEUR, *team_relations}),
        Actor("betrokken", betrokken, TeamRole.GEZINSWERKER, {Relatie.BETROKKEN, *team_relations}),
        Actor("collega", _staff(team, TeamRole.GEZINSWERKER), TeamRole.GEZINSWERKER, team_relations),
        Actor("teammanager", manager, TeamRole.TEAMMANAGER, team_relations, assesses=True),
        Actor("kwaliteit", _staff(team, TeamRole.KWALITEITSMEDEWERKER), TeamRole.KWALITEITSMEDEWERKER, team_relations),
        Actor("pgb", _staff(team, TeamRole.PGB_BEOORDELAAR), TeamRole.PGB_BEOORDELAAR, team_relations),
        Actor(
            "beheerder",
            _staff(team, TeamRole.FUNCTIONEEL_BEHEERDER),
            TeamRole.FUNCTIONEEL_BEHEERDER,
            organisation_relations,
        ),
        Actor(
            "privacy", _staff(team, TeamRole.PRIVACYFUNCTIONARIS), TeamRole.PRIVACYFUNCTIONARIS, organisation_relations
        ),
        Actor("ander_team", _staff(other_team, TeamRole.GEZINSWERKER), TeamRole.GEZINSWERKER, set()),
        Actor("noodtoegang", with_glass, TeamRole.GEZINSWERKER, {Relatie.NOODTOEGANG}),
        Actor("client", inside.client, CLIENT, {Relatie.EIGEN_HUISHOUDEN}),
        Actor("anoniem", AnonymousUser(), None, set()),
    ]
    _beheer_data(team)
    _beheer_data(elsewhere)
    _schedules()
    inside.vervanging = VervangingFactory(afwezige=manager, vervanger=regisseur, aangemaakt_door=manager)
    outside.vervanging = VervangingFactory(
        afwezige=elsewhere_manager, vervanger=outside.regisseur, aangemaakt_door=elsewhere_manager
    )
    for actor in actors:
        memberships = list(getattr(actor.user, "memberships", Notification.objects.none()).all())
        actor.team = memberships[0].team if memberships else None
        if actor.user.is_authenticated:
            Notification.objects.create(recipient=actor.user, key=f"matrix-{actor.name}", title="Bericht")
    return World(
        inside=inside,
        outside=outside,
        actors=actors,
        other_team=other_team,
    )
