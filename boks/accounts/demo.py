"""Demo organisations, teams and staff, following the seeds (DOMAIN.md §1 and §5.2).

Idempotent: running it again changes nothing. Every demo account shares DEMO_PASSWORD.
"""

from dataclasses import dataclass

from django.db import transaction

from . import services
from .choices import OrganisatieSoort, TeamRole, TeamSoort
from .models import Cluster, Membership, Organisatie, Team, User, Wijk

DEMO_PASSWORD = "Buurtteam-demo-2026"  # noqa: S105 (published on purpose; demo only)

UTRECHT_WIJKEN = [
    "Binnenstad",
    "Leidsche Rijn",
    "Noordoost",
    "Noordwest",
    "Oost",
    "Overvecht",
    "Vleuten-De Meern",
    "West",
    "Zuid",
    "Zuidwest",
]

# Buurtteamorganisatie Sociaal: 18 teams in 6 clusters (DOMAIN.md §5.2), each with its wijk.
SOCIAAL_CLUSTERS = {
    "Noord Oost, Binnenstad en Oost": [
        ("Binnenstad", "Binnenstad"),
        ("Noordoost", "Noordoost"),
        ("Oost", "Oost"),
    ],
    "Leidsche Rijn, De Meern en Vleuten": [
        ("De Meern", "Vleuten-De Meern"),
        ("Leidsche Rijn", "Leidsche Rijn"),
        ("Vleuten", "Vleuten-De Meern"),
    ],
    "Lunetten, Hoograven en Dichters- en Rivierenwijk": [
        ("Dichters- en Rivierenwijk", "Zuidwest"),
        ("Hoograven / Tolsteeg", "Zuid"),
        ("Lunetten", "Zuid"),
    ],
    "Kanaleneiland": [
        ("Kanaleneiland Noord", "Zuidwest"),
        ("Kanaleneiland Zuid", "Zuidwest"),
    ],
    "West, Zuilen en Ondiep": [
        ("Ondiep Pijlsweerd", "Noordwest"),
        ("West", "West"),
        ("Zuilen", "Noordwest"),
    ],
    "Overvecht": [
        ("Overvecht Centrum", "Overvecht"),
        ("Overvecht De Gagel", "Overvecht"),
        ("Overvecht Spoorzoom", "Overvecht"),
        ("Overvecht Vechtzoom", "Overvecht"),
    ],
}

# Lokalis: 18 wijk teams plus the VO & SO and MBO teams (DOMAIN.md §5.2).
LOKALIS_WIJKTEAMS = [
    ("Overvecht Vechtzoom", "Overvecht"),
    ("Overvecht De Gagel", "Overvecht"),
    ("Overvecht Spoorzoom", "Overvecht"),
    ("Kanaleneiland-Noord", "Zuidwest"),
    ("Kanaleneiland-Zuid", "Zuidwest"),
    ("Binnenstad", "Binnenstad"),
    ("Noordoost", "Noordoost"),
    ("Oost", "Oost"),
    ("Zuilen", "Noordwest"),
    ("Noordwest", "Noordwest"),
    ("Ondiep", "Noordwest"),
    ("Dichters- en Rivierenwijk", "Zuidwest"),
    ("Vleuten", "Vleuten-De Meern"),
    ("De Meern", "Vleuten-De Meern"),
    ("Leidsche Rijn", "Leidsche Rijn"),
    ("West", "West"),
    ("Hoograven", "Zuid"),
    ("Lunetten", "Zuid"),
]
LOKALIS_STADSTEAMS = [("VO & SO", TeamSoort.SCHOOLTEAM_VO_SO), ("MBO", TeamSoort.MBO_TEAM)]


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    organisatie: str
    roles: tuple[tuple[str, TeamRole], ...]


DEMO_USERS = [
    DemoUser(
        "gezinswerker@lokalis.example",
        "Fatima",
        "El Amrani",
        "Lokalis",
        (("Overvecht Vechtzoom", TeamRole.GEZINSWERKER),),
    ),
    DemoUser(
        "collega@lokalis.example", "Joris", "de Vries", "Lokalis", (("Overvecht Vechtzoom", TeamRole.GEZINSWERKER),)
    ),
    DemoUser("zuilen@lokalis.example", "Sanne", "Bakker", "Lokalis", (("Zuilen", TeamRole.GEZINSWERKER),)),
    DemoUser(
        "teammanager@lokalis.example",
        "Marco",
        "Jansen",
        "Lokalis",
        (("Overvecht Vechtzoom", TeamRole.TEAMMANAGER), ("Overvecht De Gagel", TeamRole.TEAMMANAGER)),
    ),
    DemoUser("pgb@lokalis.example", "Ingrid", "Visser", "Lokalis", (("Overvecht De Gagel", TeamRole.PGB_BEOORDELAAR),)),
    DemoUser(
        "kwaliteit@lokalis.example",
        "Ahmed",
        "Yilmaz",
        "Lokalis",
        (("Overvecht Vechtzoom", TeamRole.KWALITEITSMEDEWERKER),),
    ),
    DemoUser("beheer@lokalis.example", "Petra", "Smit", "Lokalis", (("Binnenstad", TeamRole.FUNCTIONEEL_BEHEERDER),)),
    DemoUser("privacy@lokalis.example", "Eva", "de Boer", "Lokalis", (("Binnenstad", TeamRole.PRIVACYFUNCTIONARIS),)),
    DemoUser(
        "buurtteammedewerker@sociaal.example",
        "Kees",
        "van Dijk",
        "BTO Sociaal",
        (("Zuilen", TeamRole.GEZINSWERKER),),
    ),
    DemoUser("teamcoach@sociaal.example", "Noor", "Hendriks", "BTO Sociaal", (("Zuilen", TeamRole.TEAMMANAGER),)),
    DemoUser(
        "beheer@sociaal.example",
        "Lotte",
        "Mulder",
        "BTO Sociaal",
        (("Binnenstad", TeamRole.FUNCTIONEEL_BEHEERDER),),
    ),
]


@transaction.atomic
def seed_organisations() -> dict[str, Organisatie]:
    wijken = {naam: Wijk.objects.get_or_create(naam=naam, gemeente="Utrecht")[0] for naam in UTRECHT_WIJKEN}
    lokalis, _ = Organisatie.objects.get_or_create(
        korte_naam="Lokalis",
        defaults={"naam": "Stichting Lokalis – buurtteams jeugd en gezin", "soort": OrganisatieSoort.JEUGD_EN_GEZIN},
    )
    sociaal, _ = Organisatie.objects.get_or_create(
        korte_naam="BTO Sociaal",
        defaults={"naam": "Buurtteamorganisatie Sociaal Utrecht", "soort": OrganisatieSoort.SOCIAAL},
    )
    for naam, wijk in LOKALIS_WIJKTEAMS:
        Team.objects.get_or_create(organisatie=lokalis, naam=naam, defaults={"wijk": wijken[wijk]})
    for naam, soort in LOKALIS_STADSTEAMS:
        Team.objects.get_or_create(organisatie=lokalis, naam=naam, defaults={"soort": soort})
    for cluster_naam, teams in SOCIAAL_CLUSTERS.items():
        cluster, _ = Cluster.objects.get_or_create(organisatie=sociaal, naam=cluster_naam)
        for naam, wijk in teams:
            Team.objects.get_or_create(
                organisatie=sociaal, naam=naam, defaults={"wijk": wijken[wijk], "cluster": cluster}
            )
    return {"Lokalis": lokalis, "BTO Sociaal": sociaal}


@transaction.atomic
def seed_staff(organisaties: dict[str, Organisatie]) -> list[tuple[str, str]]:
    """Creates the demo staff and their roles; returns (e-mail, description) for each login."""
    logins = []
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first() or services.create_staff_user(
            email=demo.email, first_name=demo.first_name, last_name=demo.last_name, password=DEMO_PASSWORD
        )
        for team_naam, role in demo.roles:
            team = Team.objects.get(organisatie=organisaties[demo.organisatie], naam=team_naam)
            if not Membership.objects.current().filter(user=user, team=team, role=role).exists():
                services.add_membership(user=user, team=team, role=role)
        description = ", ".join(f"{role.label} {team}" for team, role in demo.roles)
        logins.append((demo.email, f"{demo.organisatie}: {description}"))
    return logins


def seed() -> list[tuple[str, str]]:
    return seed_staff(seed_organisations())
