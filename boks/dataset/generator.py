"""A city-sized dataset for benchmarks: `manage.py generate_dataset --scale N`.

Scale 1 is one city-year of Utrecht as DOMAIN.md §6 describes it, with five years of history: two
organisations (Lokalis, jeugd en gezin, about 5 200 new trajecten a year; BTO Sociaal about 6 000),
each in about 18 wijk teams, so that about 4 300 and 7 700 trajecten are open on any day. Scale N
gives each team N - 1 sister teams with the same mix, so a worker's caseload stays the size it is
in real life while the organisation, its reports and the tables grow N times.

Each traject walks the workflow with drawn durations (kennismaking, waiting, plan, uitvoering,
afsluiten) and stands today where its dates put it, so every status occurs in its real proportion.
Along the way it gets a contactjournaal entry per week of begeleiding, a gezinsplan with goals and
scores, a Wat Telt round every three months, sometimes a verwijzing or an aanvraag, and the timeline
events the services would have written. The last weeks get access-log rows.

The demo organisations, settings and accounts come first (`seed_demo`); generated staff and client
accounts share the demo password. Rows are written in bulk (see `writer.py`): no history rows from
django-simple-history and no signals, which a generated dataset does not need.
"""

import datetime
import hashlib
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from boks.accounts.choices import OrganisatieSoort, TeamRole, UserKind
from boks.accounts.demo import DEMO_PASSWORD
from boks.accounts.models import Membership, Organisatie, Team, User
from boks.audit import partitions
from boks.audit.choices import Actie, Grondslag
from boks.audit.choices import Kanaal as AuditKanaal
from boks.audit.models import Toegang
from boks.dossiers.choices import (
    Afsluitreden,
    ContactSoort,
    Leefgebied,
    Melder,
    Rol,
    Status,
    TrajectSoort,
    ZelfstandigVerder,
)
from boks.dossiers.models import (
    Contactmoment,
    Huishouden,
    Ondersteuningsvraag,
    Persoon,
    Portaaltoegang,
    TijdlijnGebeurtenis,
    Traject,
)
from boks.gezinsplan import selectors as plan_selectors
from boks.gezinsplan import services as plan_services
from boks.gezinsplan.choices import Beoordelaar as PlanBeoordelaar
from boks.gezinsplan.choices import InstemmingWijze, VersieStatus
from boks.gezinsplan.models import Doel, Gezinsplan, PlanDoel, PlanVersie, Schaalvraag, SjabloonVersie
from boks.gezinsplan.models import Score as PlanScore
from boks.maatwerk import selectors as maatwerk_selectors
from boks.maatwerk.choices import AanvraagStatus, Routering, WettelijkKader, Zorgvorm
from boks.maatwerk.models import Aanvraag, Verwijzing
from boks.wattelt import selectors as wattelt_selectors
from boks.wattelt.choices import Beoordelaar as WatteltBeoordelaar
from boks.wattelt.choices import Kanaal as WatteltKanaal
from boks.wattelt.choices import Variant
from boks.wattelt.models import Meting
from boks.wattelt.models import Score as WatteltScore

from .writer import Writer

YEARS = 5
DOMAIN = "dataset.example"


@dataclass(frozen=True)
class Profiel:
    """One organisation's figures (DOMAIN.md §6.1, §6.2 and §6.4)."""

    nieuw_per_jaar: int
    gezinswerkers: int
    begeleiding_maanden: float  # mean; with the inflow it gives the open stock
    gezin: bool  # households with children, or mostly single adults
    verwijzing_kans: float
    aanvraag_kans: float


PROFIELEN = {
    OrganisatieSoort.JEUGD_EN_GEZIN: Profiel(5193, 269, 9.5, True, 0.25, 0.04),
    OrganisatieSoort.SOCIAAL: Profiel(6036, 247, 14.0, False, 0.28, 0.05),
}
AFSLUITREDENEN = [
    (Afsluitreden.VOLGENS_PLAN, 58),
    (Afsluitreden.IN_OVERLEG_VOORTIJDIG, 16),
    (Afsluitreden.EENZIJDIG_CLIENT, 11),
    (Afsluitreden.EENZIJDIG_AANBIEDER, 9),
    (Afsluitreden.EXTERNE_OMSTANDIGHEDEN, 6),
]
VOORNAMEN = ["Fatima", "Joris", "Sanne", "Mohamed", "Lotte", "Daan", "Noor", "Sem", "Yara", "Liam", "Emma", "Adam"]
ACHTERNAMEN = ["de Vries", "Jansen", "El Amrani", "Bakker", "Yilmaz", "Visser", "Smit", "Meijer", "de Boer", "Kaya"]
STRATEN = ["Vechtzoom", "Gageldijk", "Amsterdamsestraatweg", "Kanaalstraat", "Biltstraat", "Ondiep", "Vleutenseweg"]
VRAGEN = [
    "We hebben veel ruzie thuis en ik weet niet hoe ik mijn zoon moet helpen.",
    "Ik heb schulden en de post stapelt zich op.",
    "Sinds de scheiding lukt het niet om afspraken te maken over de kinderen.",
    "Mijn dochter gaat niet meer naar school.",
    "Ik voel me eenzaam en weet niet waar ik terecht kan.",
    "Onze woning is te klein en de huur is te hoog.",
]
JOURNAAL = [
    "Huisbezoek. We hebben de afspraken van vorige week doorgelopen; het lukt steeds beter.",
    "Telefonisch contact met moeder over de planning van deze week.",
    "Gesprek op school met de mentor en de jongere. Afgesproken dat hij elke dag gaat.",
    "Samen de post doorgenomen en twee betalingsregelingen gemaakt.",
    "Kort contact; het is een drukke week, volgende week uitgebreider.",
]
DOELEN = [
    (Leefgebied.OPVOEDEN_OPGROEIEN, "Minder ruzie thuis", "Hoe rustig is het thuis?"),
    (Leefgebied.FINANCIEN, "Grip op de geldzaken", "Hoeveel overzicht heb je over je geld?"),
    (Leefgebied.ONDERWIJS, "Elke dag naar school", "Hoe gaat het op school?"),
    (Leefgebied.SOCIALE_CONTACTEN, "Meer mensen om me heen", "Hoeveel mensen kun je om hulp vragen?"),
    (Leefgebied.WONEN, "Een betaalbare woning", "Hoe tevreden ben je over je woning?"),
]
AANBIEDERS = ["Lister", "Kentalis", "Altrecht", "Youké", "Timon", "Abrona"]


def _weighted(rng: random.Random, choices: list[tuple]) -> object:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


@dataclass
class Pad:
    """A traject's dates as drawn; None where it has not got that far (or never will)."""

    aanmelddatum: datetime.date
    gepland: datetime.date | None = None
    kennismaking: datetime.date | None = None
    begeleiding: datetime.date | None = None
    uitvoering: datetime.date | None = None
    afgesloten: datetime.date | None = None

    def status(self) -> str:
        if self.afgesloten:
            return Status.AFGESLOTEN
        if self.uitvoering:
            return Status.UITVOERING
        if self.begeleiding:
            return Status.PLAN
        if self.kennismaking:
            return Status.WACHTEND
        if self.gepland:
            return Status.KENNISMAKING
        return Status.AANGEMELD

    def einde(self, today: datetime.date) -> datetime.date:
        return self.afgesloten or today


def draw_pad(rng: random.Random, aanmelddatum: datetime.date, profiel: Profiel, today: datetime.date) -> Pad:
    """The dates of one traject; steps after today do not happen (yet)."""
    pad = Pad(aanmelddatum)

    def step(day: datetime.date) -> datetime.date | None:
        return day if day <= today else None

    pad.gepland = step(aanmelddatum + datetime.timedelta(days=rng.randint(0, 3)))
    if not pad.gepland:
        return pad
    pad.kennismaking = step(pad.gepland + datetime.timedelta(days=rng.randint(2, 9)))
    if not pad.kennismaking:
        return pad
    if rng.random() < 0.08:  # advice at the kennismaking was enough
        pad.afgesloten = pad.kennismaking
        return pad
    wacht = 0 if rng.random() < 0.3 else min(180, int(rng.expovariate(1 / 27)))
    pad.begeleiding = step(pad.kennismaking + datetime.timedelta(days=wacht))
    if not pad.begeleiding:
        return pad
    pad.uitvoering = step(pad.begeleiding + datetime.timedelta(days=rng.randint(14, 45)))
    if not pad.uitvoering:
        return pad
    duur = max(30, int(rng.expovariate(1 / (profiel.begeleiding_maanden * 30.4))))
    pad.afgesloten = step(pad.uitvoering + datetime.timedelta(days=duur))
    return pad


# For the first trajecten of each team, so that even a tiny dataset has every status.
GEDWONGEN = {
    Status.AANGEMELD: lambda rng, profiel, today: Pad(today),
    Status.KENNISMAKING: lambda rng, profiel, today: Pad(today - datetime.timedelta(days=2), gepland=today),
    Status.WACHTEND: lambda rng, profiel, today: Pad(
        today - datetime.timedelta(days=40), today - datetime.timedelta(days=38), today - datetime.timedelta(days=33)
    ),
    Status.PLAN: lambda rng, profiel, today: Pad(
        today - datetime.timedelta(days=60),
        today - datetime.timedelta(days=58),
        today - datetime.timedelta(days=52),
        today - datetime.timedelta(days=20),
    ),
    Status.UITVOERING: lambda rng, profiel, today: Pad(
        today - datetime.timedelta(days=300),
        today - datetime.timedelta(days=298),
        today - datetime.timedelta(days=292),
        today - datetime.timedelta(days=270),
        today - datetime.timedelta(days=240),
    ),
    Status.AFGESLOTEN: lambda rng, profiel, today: Pad(
        today - datetime.timedelta(days=500),
        today - datetime.timedelta(days=498),
        today - datetime.timedelta(days=492),
        today - datetime.timedelta(days=470),
        today - datetime.timedelta(days=440),
        today - datetime.timedelta(days=100),
    ),
}


@dataclass
class TeamPlan:
    team: Team
    organisatie: Organisatie
    profiel: Profiel
    aandeel: float  # this team's share of its organisation's inflow in one copy of the city
    werkers: list[int] = field(default_factory=list)
    manager: int | None = None


class Generator:
    def __init__(self, *, scale: float, seed: int, access_log_days: int, progress: Callable | None = None):
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 (reproducible test data, not security)
        self.access_log_days = access_log_days
        self.progress = progress
        self.today = timezone.localdate()
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.password = make_password(DEMO_PASSWORD, salt=f"dataset{seed}")
        self.prefix = f"s{seed}-"
        self.w = Writer()
        w = self.w
        self.users = w.table(
            User,
            ["email", "password", "first_name", "last_name", "kind", "is_staff", "is_active", "date_joined"],
        )
        self.memberships = w.table(Membership, ["user", "team", "role", "start_date"])
        self.huishoudens = w.table(
            Huishouden, ["naam", "team", "straat", "huisnummer", "postcode", "wijk", "aangemaakt_op"]
        )
        self.personen = w.table(Persoon, ["huishouden", "voornaam", "achternaam", "geboortedatum", "rol", "gezag"])
        self.trajecten = w.table(
            Traject,
            [
                "dossiernummer",
                "huishouden",
                "team",
                "regisseur",
                "status",
                "soort",
                "aanmelddatum",
                "melder",
                "aanmeldvraag",
                "kennismaking_gepland_op",
                "kennismaking_op",
                "werkdagen_tot_kennismaking",
                "kalenderdagen_tot_kennismaking",
                "begeleiding_gestart_op",
                "uitvoering_gestart_op",
                "afgesloten_op",
                "afsluitreden",
                "zelfstandig_verder",
                "rapportcijfer",
                "aangemaakt_op",
                "gewijzigd_op",
            ],
        )
        self.vragen = w.table(Ondersteuningsvraag, ["traject", "leefgebied"])
        self.toegangen = w.table(Portaaltoegang, ["persoon", "gebruiker", "aangemaakt_op"])
        self.plannen = w.table(Gezinsplan, ["traject", "aangemaakt_op", "volgende_evaluatie_op"])
        self.versies = w.table(
            PlanVersie,
            [
                "plan",
                "nummer",
                "status",
                "sjabloon_versie",
                "vraagverheldering",
                "aangemaakt_op",
                "aangemaakt_door",
                "gewijzigd_op",
                "gewijzigd_door",
                "vastgesteld_op",
                "vastgesteld_door",
                "instemming_van",
                "instemming_op",
                "instemming_wijze",
            ],
        )
        self.doelen = w.table(Doel, ["plan", "status_sinds", "aangemaakt_op"])
        self.plandoelen = w.table(PlanDoel, ["versie", "doel", "omschrijving", "leefgebied", "prioriteit"])
        self.schaalvragen = w.table(Schaalvraag, ["doel", "vraag", "aangemaakt_op"])
        self.planscores = w.table(
            PlanScore,
            ["schaalvraag", "datum", "beoordelaar", "persoon", "waarde", "schaal_min", "schaal_max", "vastgelegd_door"],
        )
        self.contacten = w.table(
            Contactmoment,
            ["traject", "auteur", "plaatsgevonden_op", "soort", "duur_minuten", "tekst", "aangemaakt_op"],
        )
        self.metingen = w.table(
            Meting,
            [
                "traject",
                "persoon",
                "ronde",
                "datum",
                "variant",
                "schaal_min",
                "schaal_max",
                "algemene_score",
                "volgende_ronde_op",
                "aangemaakt_door",
                "kanaal",
                "aangemaakt_op",
                "sleutel",
            ],
        )
        self.meting_leefgebieden = w.table(Meting.leefgebieden.through, ["meting", "leefgebied"])
        self.watteltscores = w.table(
            WatteltScore, ["meting", "leefgebied", "beoordelaar", "waarde", "ingevoerd_door", "kanaal", "ingevoerd_op"]
        )
        self.verwijzingen = w.table(
            Verwijzing,
            ["traject", "zorgvorm", "wettelijk_kader", "aanbieder", "startdatum", "einddatum", "geregistreerd_door"],
        )
        self.aanvragen = w.table(
            Aanvraag,
            [
                "traject",
                "soort",
                "status",
                "vraag",
                "aangemaakt_door",
                "aangemaakt_op",
                "routering",
                "beoordelingsgroep",
                "ingediend_door",
                "eerst_ingediend_op",
                "norm_werkdagen",
                "termijn",
                "herinneren_vanaf",
                "besluit_door",
                "besluit_op",
                "besluit_motivering",
            ],
        )
        self.gebeurtenissen = w.table(
            TijdlijnGebeurtenis,
            [
                "traject",
                "huishouden",
                "soort",
                "titel",
                "plaatsgevonden_op",
                "vastgelegd_op",
                "actor",
                "bron_type",
                "bron_id",
            ],
        )
        self.log = w.table(
            Toegang,
            [
                "moment",
                "actie",
                "gebruiker",
                "gebruiker_naam",
                "rol",
                "team",
                "kanaal",
                "ip",
                "pad",
                "grondslag",
                "organisatie_id",
                "huishouden_id",
                "traject_id",
                "dossiernummer",
                "object_type",
                "object_id",
                "omschrijving",
            ],
        )
        self.contact_type = ContentType.objects.get_for_model(Contactmoment).pk
        self.meting_type = ContentType.objects.get_for_model(Meting).pk
        self.open_trajecten: dict[int, list[tuple]] = {}
        self.seconds: dict[str, float] = {}  # how long writing the rows and building the indexes took

    # -- helpers ---------------------------------------------------------------------------------

    def moment(self, day: datetime.date, hour: int | None = None) -> datetime.datetime:
        hour = self.rng.randint(9, 16) if hour is None else hour
        return datetime.datetime.combine(day, datetime.time(hour, self.rng.choice([0, 15, 30, 45])), self.tz)

    def naam(self) -> tuple[str, str]:
        return self.rng.choice(VOORNAMEN), self.rng.choice(ACHTERNAMEN)

    def user(self, email: str, kind: str, first: str, last: str) -> int:
        joined = self.moment(self.today - datetime.timedelta(days=YEARS * 365))
        return self.users.add(email, self.password, first, last, kind, False, True, joined)

    def event(self, traject, huishouden, soort, titel, when, actor, bron_type=None, bron_id=None):
        self.gebeurtenissen.add(traject, huishouden, soort, titel, when, when, actor, bron_type, bron_id)

    # -- the organisation ------------------------------------------------------------------------

    def teams(self) -> list[TeamPlan]:
        """The demo teams plus, at scale N > 1, N - 1 sister teams of each; and their staff."""
        plans = []
        copies = max(1, round(self.scale))
        fraction = min(1.0, self.scale)
        for organisatie in Organisatie.objects.order_by("pk"):
            profiel = PROFIELEN[organisatie.soort]
            base = list(Team.objects.filter(organisatie=organisatie, actief=True).order_by("pk"))
            for copy in range(copies):
                for team in base:
                    if copy:
                        team, _created = Team.objects.get_or_create(
                            organisatie=organisatie,
                            naam=f"{team.naam} ({copy + 1})",
                            defaults={"soort": team.soort, "wijk": team.wijk, "cluster": team.cluster},
                        )
                    plans.append(TeamPlan(team, organisatie, profiel, 1 / len(base)))
            per_team = max(2, round(profiel.gezinswerkers * fraction / len(base)))
            start = self.today - datetime.timedelta(days=YEARS * 365)
            for plan in (p for p in plans if p.organisatie == organisatie):
                slug = f"{organisatie.pk}-{plan.team.pk}"
                for index in range(per_team):
                    first, last = self.naam()
                    user = self.user(f"{self.prefix}gw{slug}-{index}@{DOMAIN}", UserKind.STAFF, first, last)
                    self.memberships.add(user, plan.team.pk, TeamRole.GEZINSWERKER, start)
                    plan.werkers.append(user)
                first, last = self.naam()
                plan.manager = self.user(f"{self.prefix}tm{slug}@{DOMAIN}", UserKind.STAFF, first, last)
                self.memberships.add(plan.manager, plan.team.pk, TeamRole.TEAMMANAGER, start)
        return plans

    # -- one traject -----------------------------------------------------------------------------

    def traject(self, plan: TeamPlan, pad: Pad, org: dict) -> None:
        rng = self.rng
        team = plan.team
        profiel = plan.profiel
        status = pad.status()
        regisseur = rng.choice(plan.werkers) if pad.kennismaking or pad.gepland else None
        achternaam = rng.choice(ACHTERNAMEN)
        huishouden = self.huishoudens.add(
            f"{'Gezin' if profiel.gezin else 'Huishouden'} {achternaam}",
            team.pk,
            rng.choice(STRATEN),
            str(rng.randint(1, 250)),
            f"35{rng.randint(10, 99)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}",
            team.wijk_id,
            self.moment(pad.aanmelddatum),
        )
        personen = []
        if profiel.gezin:
            for _ in range(rng.choice([1, 2, 2])):
                born = self.today - datetime.timedelta(days=rng.randint(25 * 365, 50 * 365))
                personen.append(
                    (
                        self.personen.add(
                            huishouden, rng.choice(VOORNAMEN), achternaam, born, Rol.OUDER_VERZORGER, True
                        ),
                        Rol.OUDER_VERZORGER,
                    )
                )
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                born = self.today - datetime.timedelta(days=rng.randint(365, 18 * 365))
                personen.append(
                    (
                        self.personen.add(huishouden, rng.choice(VOORNAMEN), achternaam, born, Rol.JEUGDIGE, False),
                        Rol.JEUGDIGE,
                    )
                )
        else:
            for _ in range(2 if rng.random() < 0.08 else 1):
                born = self.today - datetime.timedelta(days=rng.randint(19 * 365, 85 * 365))
                personen.append(
                    (
                        self.personen.add(huishouden, rng.choice(VOORNAMEN), achternaam, born, Rol.VOLWASSENE, False),
                        Rol.VOLWASSENE,
                    )
                )
        client = personen[0][0]

        kalenderdagen = (pad.kennismaking - pad.aanmelddatum).days if pad.kennismaking else None
        werkdagen = None if kalenderdagen is None else max(0, kalenderdagen * 5 // 7)
        afsluitreden = zelfstandig = ""
        cijfer = None
        if pad.afgesloten:
            afsluitreden = _weighted(rng, AFSLUITREDENEN)
            zelfstandig = ZelfstandigVerder.JA if rng.random() < 0.87 else ZelfstandigVerder.NEE
            if rng.random() < 0.3:
                cijfer = 5 if rng.random() < 0.02 else rng.choice([7, 8, 8, 8, 9, 9, 10])
        created = self.moment(pad.aanmelddatum)
        traject = self.trajecten.next_id
        nummer = f"{pad.aanmelddatum.year}-{traject:06d}"
        self.trajecten.add(
            nummer,
            huishouden,
            team.pk,
            regisseur,
            status,
            TrajectSoort.ZONDER_BUURTTEAM if rng.random() < 0.02 else TrajectSoort.BUURTTEAM,
            pad.aanmelddatum,
            rng.choice([Melder.ZELFMELDER, Melder.ZELFMELDER, Melder.SCHOOL, Melder.HUISARTS, Melder.SOCIAAL_NETWERK]),
            rng.choice(VRAGEN),
            pad.gepland,
            pad.kennismaking,
            werkdagen,
            kalenderdagen,
            pad.begeleiding,
            pad.uitvoering,
            pad.afgesloten,
            afsluitreden,
            zelfstandig,
            cijfer,
            created,
            self.moment(pad.einde(self.today)),
        )
        for leefgebied in rng.sample([d[0] for d in DOELEN], rng.randint(1, 3)):
            self.vragen.add(traject, leefgebied)
        self.event(traject, huishouden, "dossiers.aangemeld", "Aangemeld", created, None)
        if pad.kennismaking:
            self.event(
                traject,
                huishouden,
                "dossiers.kennismaking_vastleggen",
                "Kennismaking",
                self.moment(pad.kennismaking),
                regisseur,
            )
        if pad.begeleiding:
            self.event(
                traject,
                huishouden,
                "dossiers.begeleiding_starten",
                "Begeleiding gestart",
                self.moment(pad.begeleiding),
                regisseur,
            )
        if pad.afgesloten:
            self.event(traject, huishouden, "dossiers.afsluiten", "Afgesloten", self.moment(pad.afgesloten), regisseur)
        if regisseur and pad.kennismaking:
            self.journaal(traject, huishouden, regisseur, pad)
        if pad.begeleiding:
            self.gezinsplan(traject, huishouden, regisseur, pad, personen, org)
            self.wattelt(traject, huishouden, regisseur, pad, client, org)
        if pad.uitvoering:
            self.maatwerk(traject, huishouden, regisseur, pad, plan, org)
        if status != Status.AFGESLOTEN:
            if regisseur and rng.random() < 0.25:
                first, last = rng.choice(VOORNAMEN), achternaam
                account = self.user(f"{self.prefix}client{client}@{DOMAIN}", UserKind.CLIENT, first, last)
                self.toegangen.add(client, account, created)
            self.open_trajecten.setdefault(team.pk, []).append((traject, huishouden, nummer, regisseur, client))

    def journaal(self, traject, huishouden, regisseur, pad: Pad) -> None:
        """About one entry a week from the kennismaking until the end; each also a timeline event."""
        day = pad.kennismaking
        end = pad.einde(self.today)
        while day <= end:
            when = self.moment(day)
            contact = self.contacten.add(
                traject,
                regisseur,
                when,
                self.rng.choice([ContactSoort.GESPREK, ContactSoort.GESPREK, ContactSoort.TELEFONISCH]),
                self.rng.choice([15, 30, 45, 60, 90]),
                self.rng.choice(JOURNAAL),
                when,
            )
            self.event(
                traject,
                huishouden,
                "dossiers.contactmoment",
                "Contactmoment",
                when,
                regisseur,
                self.contact_type,
                contact,
            )
            if not pad.begeleiding or day > pad.begeleiding + datetime.timedelta(days=YEARS * 365):
                break
            day += datetime.timedelta(days=self.rng.randint(5, 9))

    def gezinsplan(self, traject, huishouden, regisseur, pad: Pad, personen, org: dict) -> None:
        rng = self.rng
        interval = org["evaluatie_maanden"]
        volgende = None
        if pad.uitvoering and not pad.afgesloten:
            volgende = pad.uitvoering + relativedelta(months=interval)
            while volgende < self.today - datetime.timedelta(days=30):
                volgende += relativedelta(months=interval)
        plan = self.plannen.add(traject, self.moment(pad.begeleiding), volgende)
        vastgesteld = pad.uitvoering is not None
        started = self.moment(pad.begeleiding)
        versie = self.versies.add(
            plan,
            1,
            VersieStatus.VASTGESTELD if vastgesteld else VersieStatus.CONCEPT,
            org["sjabloon_versie"],
            rng.choice(VRAGEN),
            started,
            regisseur,
            started,
            regisseur,
            self.moment(pad.uitvoering) if vastgesteld else None,
            regisseur if vastgesteld else None,
            personen[0][0] if vastgesteld else None,
            pad.uitvoering,
            InstemmingWijze.GESPREK if vastgesteld else "",
        )
        self.event(traject, huishouden, "gezinsplan.versie_gemaakt", "Gezinsplan versie 1 gemaakt", started, regisseur)
        if vastgesteld:
            self.event(
                traject,
                huishouden,
                "gezinsplan.vastgesteld",
                "Gezinsplan vastgesteld",
                self.moment(pad.uitvoering),
                regisseur,
            )
        low, high = org["plan_schaal"]
        for prioriteit, (leefgebied, tekst, vraag) in enumerate(rng.sample(DOELEN, rng.choice([2, 2, 3])), start=1):
            doel = self.doelen.add(plan, pad.begeleiding, started)
            self.plandoelen.add(versie, doel, tekst, leefgebied, prioriteit)
            schaalvraag = self.schaalvragen.add(doel, vraag, started)
            if not vastgesteld:
                continue
            level = rng.randint(low + 2, low + 5)
            day = pad.uitvoering
            while day <= pad.einde(self.today):
                self.planscores.add(
                    schaalvraag, day, PlanBeoordelaar.CLIENT, personen[0][0], level, low, high, regisseur
                )
                self.planscores.add(
                    schaalvraag, day, PlanBeoordelaar.MEDEWERKER, None, max(low, level - 1), low, high, regisseur
                )
                level = min(high, level + rng.choice([0, 1, 1, 2]))
                day += datetime.timedelta(days=rng.choice([42, 56, 91]))

    def wattelt(self, traject, huishouden, regisseur, pad: Pad, client, org: dict) -> None:
        """A round every `interval` months from soon after the kennismaking, for four in five trajecten."""
        rng = self.rng
        if rng.random() < 0.2:
            return
        low, high = org["wattelt_schaal"]
        interval = org["wattelt_maanden"]
        gekozen = rng.sample(org["wattelt_leefgebieden"], min(len(org["wattelt_leefgebieden"]), rng.randint(3, 5)))
        level = {pk: rng.randint(low + 1, low + 4) for pk in gekozen}
        day = pad.kennismaking + datetime.timedelta(days=10)
        ronde = 1
        while day <= pad.einde(self.today):
            when = self.moment(day)
            digest = hashlib.sha256(f"{self.seed}:{traject}:{ronde}".encode()).digest()
            meting = self.metingen.add(
                traject,
                client,
                ronde,
                day,
                Variant.PAPIER if rng.random() < 0.3 else Variant.DIGITAAL,
                low,
                high,
                rng.randint(low + 2, high - 1),
                day + relativedelta(months=interval),
                regisseur,
                WatteltKanaal.MEDEWERKER,
                when,
                uuid.UUID(bytes=digest[:16]),
            )
            for pk in gekozen:
                self.meting_leefgebieden.add(meting, pk)
                level[pk] = max(low, min(high, level[pk] + rng.choice([0, 1, 1, -1])))
                self.watteltscores.add(
                    meting, pk, WatteltBeoordelaar.KLANT, level[pk], regisseur, WatteltKanaal.MEDEWERKER, when
                )
                self.watteltscores.add(
                    meting,
                    pk,
                    WatteltBeoordelaar.MEDEWERKER,
                    max(low, level[pk] - 1),
                    regisseur,
                    WatteltKanaal.MEDEWERKER,
                    when,
                )
            self.event(
                traject,
                huishouden,
                "wattelt.meting",
                f"Wat Telt ronde {ronde}",
                when,
                regisseur,
                self.meting_type,
                meting,
            )
            ronde += 1
            day += relativedelta(months=interval)

    def maatwerk(self, traject, huishouden, regisseur, pad: Pad, plan: TeamPlan, org: dict) -> None:
        rng = self.rng
        if rng.random() < plan.profiel.verwijzing_kans:
            start = pad.uitvoering + datetime.timedelta(days=rng.randint(7, 60))
            if start <= self.today:
                end = start + datetime.timedelta(days=rng.randint(60, 365))
                self.verwijzingen.add(
                    traject,
                    rng.choice(org["zorgvormen"]),
                    WettelijkKader.JEUGDWET if plan.profiel.gezin else WettelijkKader.WMO,
                    rng.choice(AANBIEDERS),
                    start,
                    end if end <= self.today else None,
                    regisseur,
                )
        if rng.random() >= plan.profiel.aanvraag_kans or not org["soorten"]:
            return
        soort = rng.choice(org["soorten"])
        ingediend = pad.uitvoering + datetime.timedelta(days=rng.randint(7, 30))
        if ingediend > self.today:
            return
        termijn = ingediend + datetime.timedelta(days=soort.norm_werkdagen * 7 // 5)
        if pad.afgesloten or termijn < self.today - datetime.timedelta(days=30):
            status = rng.choice([AanvraagStatus.TOEGEKEND] * 3 + [AanvraagStatus.AFGEWEZEN])
        else:
            status = rng.choice([AanvraagStatus.INGEDIEND, AanvraagStatus.IN_BEHANDELING, AanvraagStatus.CONCEPT])
        besluit = status in (AanvraagStatus.TOEGEKEND, AanvraagStatus.AFGEWEZEN)
        ingediend_op = None if status == AanvraagStatus.CONCEPT else ingediend
        assessor = org["pgb_beoordelaar"] if soort.routering == Routering.BEOORDELINGSGROEP else plan.manager
        self.aanvragen.add(
            traject,
            soort.pk,
            status,
            rng.choice(VRAGEN),
            regisseur,
            self.moment(ingediend),
            soort.routering if ingediend_op else "",
            soort.beoordelingsgroep_id if ingediend_op else None,
            regisseur if ingediend_op else None,
            ingediend_op,
            soort.norm_werkdagen if ingediend_op else None,
            termijn if ingediend_op else None,
            termijn - datetime.timedelta(days=2) if ingediend_op else None,
            assessor if besluit else None,
            min(self.today, termijn) if besluit else None,
            "Past binnen de afspraken over maatwerk." if besluit else "",
        )

    # -- the access log --------------------------------------------------------------------------

    def access_log(self, plans: list[TeamPlan]) -> None:
        """Each worker reads some of their open trajecten every workday in the last days."""
        rng = self.rng
        first = self.today - datetime.timedelta(days=self.access_log_days)
        partitions.ensure_partitions(since=first)
        names = dict(User.objects.filter(email__startswith=self.prefix).values_list("pk", "last_name"))
        for plan in plans:
            open_here = self.open_trajecten.get(plan.team.pk, [])
            by_worker: dict[int, list[tuple]] = {}
            for row in open_here:
                by_worker.setdefault(row[3], []).append(row)
            for worker, rows in by_worker.items():
                day = first
                while day <= self.today:
                    if day.weekday() < 5:
                        for _ in range(rng.randint(10, 30)):
                            traject, huishouden, nummer, _regisseur, _client = rng.choice(rows)
                            self.log.add(
                                self.moment(day),
                                Actie.LEZEN,
                                worker,
                                names.get(worker, ""),
                                str(TeamRole.GEZINSWERKER.label),
                                plan.team.naam,
                                AuditKanaal.UI,
                                "127.0.0.1",
                                f"/trajecten/{traject}/",
                                Grondslag.EIGEN_CASELOAD,
                                plan.organisatie.pk,
                                huishouden,
                                traject,
                                nummer,
                                "traject",
                                str(traject),
                                "Traject bekeken",
                            )
                    day += datetime.timedelta(days=1)

    # -- the whole run ---------------------------------------------------------------------------

    def org_settings(self, organisatie: Organisatie) -> dict:
        sjabloon = plan_services.standaard_sjabloon(organisatie)
        sjabloon_versie = SjabloonVersie.objects.filter(sjabloon=sjabloon).order_by("-nummer").first()
        if sjabloon_versie is None:
            sjabloon_versie = plan_services.snapshot_sjabloon(sjabloon)
        plan_instellingen = plan_selectors.instellingen_for(organisatie.pk)
        wattelt_instellingen = wattelt_selectors.instellingen_voor(organisatie.pk)
        soorten = [
            s for s in maatwerk_selectors.soorten_voor(organisatie.pk) if s.routering != Routering.CONTACTPERSONEN
        ]
        pgb = (
            Membership.objects.current()
            .filter(team__organisatie=organisatie, role=TeamRole.PGB_BEOORDELAAR)
            .values_list("user_id", flat=True)
        )
        return {
            "sjabloon_versie": sjabloon_versie.pk,
            "evaluatie_maanden": plan_instellingen.evaluatie_interval_maanden,
            "plan_schaal": (plan_instellingen.schaal_min, plan_instellingen.schaal_max),
            "wattelt_schaal": (wattelt_instellingen.schaal_min, wattelt_instellingen.schaal_max),
            "wattelt_maanden": wattelt_instellingen.interval_maanden,
            "wattelt_leefgebieden": [row.pk for row in wattelt_selectors.catalogus(organisatie.pk)],
            "zorgvormen": [choice for choice, _label in Zorgvorm.choices],
            "soorten": [s for s in soorten if s.routering != Routering.BEOORDELINGSGROEP or pgb],
            "pgb_beoordelaar": pgb.first(),
        }

    def run(self) -> dict[str, int]:
        if User.objects.filter(email__startswith=self.prefix, email__endswith=f"@{DOMAIN}").exists():
            raise ValueError(
                f"This database already holds a dataset generated with seed {self.seed}; use another --seed."
            )
        plans = self.teams()
        settings_by_org = {o.pk: self.org_settings(o) for o in {p.organisatie for p in plans}}
        first_day = self.today - datetime.timedelta(days=YEARS * 365)
        per_team = {
            p.team.pk: max(len(GEDWONGEN), round(p.profiel.nieuw_per_jaar * YEARS * min(1.0, self.scale) * p.aandeel))
            for p in plans
        }
        total = sum(per_team.values())
        step = self.progress(total) if self.progress else None
        started = time.monotonic()
        with self.w.indexes_built_after():
            for plan in plans:
                org = settings_by_org[plan.organisatie.pk]
                for index in range(per_team[plan.team.pk]):
                    forced = list(GEDWONGEN)[index] if index < len(GEDWONGEN) else None
                    if forced:
                        pad = GEDWONGEN[forced](self.rng, plan.profiel, self.today)
                    else:
                        aanmelddatum = first_day + datetime.timedelta(days=self.rng.randint(0, YEARS * 365))
                        pad = draw_pad(self.rng, aanmelddatum, plan.profiel, self.today)
                    self.traject(plan, pad, org)
                    if step:
                        step(1)
            if self.access_log_days:
                self.access_log(plans)
            self.w.flush()
            self.seconds["rows"] = time.monotonic() - started
        self.seconds["indexes"] = time.monotonic() - started - self.seconds["rows"]
        counts = self.w.finish()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        return counts
