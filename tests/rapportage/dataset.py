"""A small hand-built world with known answers for the first quarter of 2025.

Organisation "Lokalis" has cluster Noord with teams Vechtzoom (wijk Overvecht) and Zuilen (wijk
Noordwest); another organisation has team Elders. Werkdagen to the kennismaking go through the
workflow, so Nieuwjaarsdag and weekends count as the calendar says; the other dates are set
directly, as a conversion would.

Q1 2025 (1 January - 31 March), peildatum 31 March 2025:

| traject | team | aangemeld | kennismaking (werkdagen) | begeleiding | afgesloten | reden, zelfstandig, cijfer |
|---|---|---|---|---|---|---|
| a | Vechtzoom | 30-12-2024 | 03-01-2025 (3: Nieuwjaarsdag skipped) | 10-01-2025 | - (uitvoering 01-02-2025, plan) | |
| b | Vechtzoom | 06-01-2025 | 20-01-2025 (10, over the norm) | - wachtend | - | |
| c | Vechtzoom | 03-02-2025, melder onbekend | - | - | 10-02-2025 before kennismaking | eenzijdig cliënt, nvt |
| d | Zuilen | 15-01-2023 | 18-01-2023 | 20-01-2023 | 14-03-2025 (25 months) | volgens plan, ja, 8 |
| e | Zuilen | 10-06-2024 | 12-06-2024 | 14-06-2024 | 31-01-2025 (7 months) | in overeenstemming, nee, 5 |
| f | Vechtzoom | 01-10-2024 | 03-10-2024 | 07-10-2024 | closed 15-01-2025, then reopened: open | |
| g | Zuilen, zonder buurtteam | 01-02-2025 | | | | (left out) |
| h | Elders (other organisation) | 10-01-2025 | | | | (left out) |
"""

import datetime
from dataclasses import dataclass

from boks.accounts.choices import TeamRole
from boks.dossiers import workflow
from boks.dossiers.choices import Afsluitreden, Melder, RedenVertraging, Status, TrajectSoort, ZelfstandigVerder
from boks.dossiers.models import Traject
from boks.gezinsplan import services as gezinsplan
from boks.gezinsplan.choices import InstemmingWijze
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisatieFactory,
    PersoonFactory,
    TeamFactory,
    TrajectFactory,
    UserFactory,
    WijkFactory,
)

D = datetime.date
VAN, TOT = D(2025, 1, 1), D(2025, 3, 31)


@dataclass
class World:
    organisatie: object
    cluster: object
    vechtzoom: object
    zuilen: object
    elders: object
    worker: object
    a: Traject
    b: Traject
    c: Traject
    d: Traject
    e: Traject
    f: Traject
    g: Traject
    h: Traject


def _kennismaking(traject, actor, datum, **data):
    return workflow.perform(traject_id=traject.pk, name="kennismaking_vastleggen", actor=actor, datum=datum, **data)


def build() -> World:
    organisatie = OrganisatieFactory(korte_naam="Lokalis", naam="Lokalis")
    cluster = ClusterFactory(organisatie=organisatie, naam="Noord")
    overvecht, noordwest = WijkFactory(naam="Overvecht"), WijkFactory(naam="Noordwest")
    vechtzoom = TeamFactory(organisatie=organisatie, cluster=cluster, naam="Vechtzoom", wijk=overvecht)
    zuilen = TeamFactory(organisatie=organisatie, cluster=cluster, naam="Zuilen", wijk=noordwest)
    elders = TeamFactory(naam="Elders")
    worker = MembershipFactory(team=vechtzoom, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    MembershipFactory(team=zuilen, role=TeamRole.GEZINSWERKER, user=worker)

    a = TrajectFactory(team=vechtzoom, regisseur=worker, aanmelddatum=D(2024, 12, 30))
    PersoonFactory(huishouden=a.huishouden)  # a household of two
    _kennismaking(a, worker, D(2025, 1, 3))
    workflow.perform(traject_id=a.pk, name="begeleiding_starten", actor=worker, datum=D(2025, 1, 10))
    a.refresh_from_db()
    versie = gezinsplan.start_plan(actor=worker, traject=a)
    gezinsplan.add_doel(actor=worker, versie_id=versie.pk, data=gezinsplan.DoelData(omschrijving="Rust in huis."))
    gezinsplan.vaststellen(
        actor=worker,
        versie_id=versie.pk,
        expected_gewijzigd_op=None,
        instemming_van=a.huishouden.personen.first(),
        instemming_op=D(2025, 2, 1),
        instemming_wijze=InstemmingWijze.GESPREK,
    )

    b = TrajectFactory(team=vechtzoom, regisseur=worker, aanmelddatum=D(2025, 1, 6), melder=Melder.SCHOOL)
    _kennismaking(b, worker, D(2025, 1, 20), reden_vertraging=RedenVertraging.OP_VERZOEK_KLANT)

    c = TrajectFactory(
        team=vechtzoom,
        aanmelddatum=D(2025, 2, 3),
        melder=Melder.ONBEKEND,
        status=Status.AFGESLOTEN,
        status_voor_afsluiten=Status.AANGEMELD,
        afgesloten_op=D(2025, 2, 10),
        afsluitreden=Afsluitreden.EENZIJDIG_CLIENT,
        zelfstandig_verder=ZelfstandigVerder.NIET_VAN_TOEPASSING,
    )
    closed = {"status": Status.AFGESLOTEN, "status_voor_afsluiten": Status.UITVOERING}
    d = TrajectFactory(
        team=zuilen,
        aanmelddatum=D(2023, 1, 15),
        kennismaking_op=D(2023, 1, 18),
        werkdagen_tot_kennismaking=3,
        kalenderdagen_tot_kennismaking=3,
        begeleiding_gestart_op=D(2023, 1, 20),
        uitvoering_gestart_op=D(2023, 2, 1),
        afgesloten_op=D(2025, 3, 14),
        afsluitreden=Afsluitreden.VOLGENS_PLAN,
        zelfstandig_verder=ZelfstandigVerder.JA,
        rapportcijfer=8,
        melder=Melder.HUISARTS,
        **closed,
    )
    e = TrajectFactory(
        team=zuilen,
        aanmelddatum=D(2024, 6, 10),
        kennismaking_op=D(2024, 6, 12),
        werkdagen_tot_kennismaking=2,
        kalenderdagen_tot_kennismaking=2,
        begeleiding_gestart_op=D(2024, 6, 14),
        uitvoering_gestart_op=D(2024, 7, 1),
        afgesloten_op=D(2025, 1, 31),
        afsluitreden=Afsluitreden.IN_OVERLEG_VOORTIJDIG,
        zelfstandig_verder=ZelfstandigVerder.NEE,
        rapportcijfer=5,
        **closed,
    )
    # Closed on 15 January and reopened: heropenen clears the closing, as the workflow does.
    f = TrajectFactory(
        team=vechtzoom,
        regisseur=worker,
        status=Status.PLAN,
        aanmelddatum=D(2024, 10, 1),
        kennismaking_op=D(2024, 10, 3),
        werkdagen_tot_kennismaking=2,
        kalenderdagen_tot_kennismaking=2,
        begeleiding_gestart_op=D(2024, 10, 7),
    )
    g = TrajectFactory(team=zuilen, aanmelddatum=D(2025, 2, 1), soort=TrajectSoort.ZONDER_BUURTTEAM)
    h = TrajectFactory(team=elders, aanmelddatum=D(2025, 1, 10))
    return World(organisatie, cluster, vechtzoom, zuilen, elders, worker, a, b, c, d, e, f, g, h)


def reopen_and_close_again(traject, datum: datetime.date) -> None:
    """What heropenen then afsluiten leaves on the row (the workflow refuses dates this old)."""
    Traject.objects.filter(pk=traject.pk).update(
        status=Status.AFGESLOTEN,
        status_voor_afsluiten=Status.PLAN,
        afgesloten_op=datum,
        afsluitreden=Afsluitreden.VOLGENS_PLAN,
        zelfstandig_verder=ZelfstandigVerder.JA,
    )
