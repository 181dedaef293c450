"""Demo households and trajecten in every state, with the mixes of DOMAIN.md §6 (melders,
werkdagen to kennismaking, afsluitredenen, zelfstandig verder, rapportcijfers). Deterministic, and
idempotent: a team that already has trajecten gets no more."""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from boks.accounts.models import Team, User

from . import services, workflow
from .choices import (
    Afsluitreden,
    ContactSoort,
    Leefgebied,
    Melder,
    RedenVertraging,
    Rol,
    Status,
    Urgentie,
    ZelfstandigVerder,
)
from .models import Traject

DEMO_TEAMS = [
    # (organisation, team, number of households, regisseurs by e-mail, household size)
    ("Lokalis", "Overvecht Vechtzoom", 24, ["gezinswerker@lokalis.example", "collega@lokalis.example"], "gezin"),
    ("Lokalis", "Zuilen", 8, ["zuilen@lokalis.example"], "gezin"),
    ("BTO Sociaal", "Zuilen", 12, ["buurtteammedewerker@sociaal.example"], "alleen"),
]

ACHTERNAMEN = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "El Amrani"),
    ("", "Yilmaz"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Öztürk"),
    ("", "Bouzid"),
    ("", "Kaya"),
    ("", "Pinas"),
]
VOORNAMEN_VOLWASSEN = ["Fatima", "Mark", "Sanne", "Mohamed", "Linda", "Ahmet", "Priya", "Kees", "Naima", "Erik"]
VOORNAMEN_KIND = ["Noah", "Emma", "Sem", "Yara", "Daan", "Amira", "Liam", "Julia", "Adam", "Lina", "Milan", "Sara"]

MELDERS_JEUGD = [
    (Melder.ZELFMELDER, 44),
    (Melder.SCHOOL, 17),
    (Melder.OVERIG, 6),
    (Melder.SAVE_TEAM, 6),
    (Melder.AANVULLENDE_ZORG, 5),
    (Melder.HUISARTS, 3),
    (Melder.VEILIG_THUIS, 2),
    (Melder.POLITIE, 2),
    (Melder.GEMEENTE, 2),
    (Melder.ONBEKEND, 10),
    (Melder.SOCIAAL_NETWERK, 3),
]
MELDERS_SOCIAAL = [
    (Melder.ZELFMELDER, 49),
    (Melder.OVERIG, 12),
    (Melder.AANVULLENDE_ZORG, 10),
    (Melder.VEILIG_THUIS, 7),
    (Melder.HUISARTS, 4),
    (Melder.WONINGCORPORATIE, 6),
    (Melder.VROEGSIGNALERING, 6),
    (Melder.RAADSLIEDEN, 6),
]
AFSLUITREDENEN = [
    (Afsluitreden.VOLGENS_PLAN, 57),
    (Afsluitreden.IN_OVERLEG_VOORTIJDIG, 15),
    (Afsluitreden.EENZIJDIG_CLIENT, 12),
    (Afsluitreden.EENZIJDIG_AANBIEDER, 10),
    (Afsluitreden.EXTERNE_OMSTANDIGHEDEN, 6),
]
# The share of households that ends in each status, in order of the workflow.
EINDSTATUS = [
    ("aangemeld", 8),
    ("kennismaking", 7),
    ("wachtend", 10),
    ("plan", 10),
    ("uitvoering", 30),
    ("afgesloten", 35),
]
VRAGEN = [
    "Wij maken veel ruzie thuis over school en ik weet niet meer hoe ik met mijn zoon moet praten.",
    "Ik heb schulden en durf de post niet meer open te maken.",
    "Sinds de scheiding gaat het niet goed met de kinderen.",
    "Ik voel me eenzaam sinds mijn man is overleden en wil weer meedoen in de wijk.",
    "Mijn dochter gaat al weken niet naar school.",
    "We dreigen ons huis uit gezet te worden door een huurachterstand.",
    "Ik wil graag hulp bij het vinden van werk of vrijwilligerswerk.",
    "Het lukt me niet om het huishouden en de zorg voor mijn moeder te combineren.",
]
JOURNAAL = [
    (ContactSoort.HUISBEZOEK, "Kennisgemaakt met het gezin thuis. Samen de vraag op een rij gezet."),
    (ContactSoort.GESPREK, "Gesproken over de doelen. Moeder wil eerst rust in huis rond bedtijd."),
    (ContactSoort.TELEFONISCH, "Gebeld met school over de aanwezigheid. Afgesproken om over twee weken te evalueren."),
    (ContactSoort.DRIEGESPREK, "Driegesprek met de huisarts: de hulpvraag is duidelijk, geen verwijzing nodig."),
    (ContactSoort.GESPREK, "Budgetoverzicht gemaakt. Klant neemt zelf contact op met de woningcorporatie."),
    (ContactSoort.CASUISTIEKOVERLEG, "Besproken in het team. Maatje sluit aan bij het volgende gesprek."),
]


# Another app can prepare what the uitvoering needs (the gezinsplan app agrees a plan with the family,
# which itself starts the uitvoering); the demo takes the step directly only when nothing did.
_uitvoering_preparers: list[Callable[..., None]] = []


def register_uitvoering_preparer(prepare: Callable[..., None]) -> None:
    """`prepare(traject=, actor=, datum=, rng=)` runs before a demo traject enters its uitvoering."""
    _uitvoering_preparers.append(prepare)


def _weighted(rng: random.Random, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _step_date(rng: random.Random, start: datetime.date, max_days: int, today: datetime.date) -> datetime.date:
    return min(today, start + datetime.timedelta(days=rng.randint(1, max_days)))


def _seed_team(rng: random.Random, team: Team, count: int, regisseurs: list[User], kind: str, today) -> None:
    for index in range(count):
        regisseur = regisseurs[index % len(regisseurs)]
        tussenvoegsel, achternaam = ACHTERNAMEN[(index + team.pk) % len(ACHTERNAMEN)]
        eindstatus = _weighted(rng, EINDSTATUS)
        days_ago = {"aangemeld": 3, "kennismaking": 6, "wachtend": 40, "plan": 80}.get(eindstatus, 400)
        aanmelddatum = today - datetime.timedelta(days=rng.randint(1, days_ago))
        adult = services.PersoonData(
            voornaam=rng.choice(VOORNAMEN_VOLWASSEN),
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
            geboortedatum=datetime.date(rng.randint(1955, 1995), rng.randint(1, 12), rng.randint(1, 28)),
            rol=Rol.OUDER_VERZORGER if kind == "gezin" else Rol.VOLWASSENE,
        )
        melder = _weighted(rng, MELDERS_JEUGD if kind == "gezin" else MELDERS_SOCIAAL)
        traject = services.register_aanmelding(
            actor=regisseur,
            team=team,
            aanmelding=services.AanmeldingData(
                aanmelddatum=aanmelddatum,
                melder=melder,
                melder_toelichting="Buurtvereniging" if melder == Melder.OVERIG else "",
                aanmeldvraag=rng.choice(VRAGEN),
                urgentie=Urgentie.VEILIGHEID if index % 11 == 0 else Urgentie.GEEN,
                leefgebieden=rng.sample(Leefgebied.values, rng.randint(1, 3)),
            ),
            persoon=adult,
            huishouden=services.HuishoudenData(
                naam=f"Huishouden {' '.join(p for p in [tussenvoegsel, achternaam] if p)}",
                straat="Vechtzoomlaan" if "Overvecht" in team.naam else "Amsterdamsestraatweg",
                huisnummer=str(10 + index),
                postcode="3526AB",
                wijk_id=team.wijk_id,
            ),
            duplicate_confirmed=True,
        )
        if eindstatus == "aangemeld":
            continue
        traject = services.assign_regisseur(actor=regisseur, traject=traject, regisseur=regisseur)
        children = rng.choice([1, 1, 2, 3]) if kind == "gezin" else 0
        for _child in range(children):
            services.add_persoon(
                actor=regisseur,
                traject=traject,
                persoon=services.PersoonData(
                    voornaam=rng.choice(VOORNAMEN_KIND),
                    tussenvoegsel=tussenvoegsel,
                    achternaam=achternaam,
                    geboortedatum=datetime.date(rng.randint(2008, 2022), rng.randint(1, 12), rng.randint(1, 28)),
                    rol=Rol.JEUGDIGE,
                ),
            )
        werkdagen_target = rng.choice([1, 2, 3, 3, 4, 5, 5, 6, 8])
        kennismaking = min(today, aanmelddatum + datetime.timedelta(days=werkdagen_target + 2))
        workflow.perform(traject_id=traject.pk, name="kennismaking_plannen", actor=regisseur, datum=kennismaking)
        if eindstatus == "kennismaking":
            continue
        workflow.perform(
            traject_id=traject.pk,
            name="kennismaking_vastleggen",
            actor=regisseur,
            datum=kennismaking,
            reden_vertraging=_weighted(
                rng,
                [
                    (RedenVertraging.OP_VERZOEK_KLANT, 60),
                    (RedenVertraging.AGENDA_PARTNERS, 25),
                    (RedenVertraging.CAPACITEIT, 15),
                ],
            ),
        )
        if eindstatus == "wachtend":
            continue
        start = _step_date(rng, kennismaking, 20, today)
        workflow.perform(traject_id=traject.pk, name="begeleiding_starten", actor=regisseur, datum=start)
        moment = start
        for soort, tekst in rng.sample(JOURNAAL, rng.randint(1, 4)):
            moment = _step_date(rng, moment, 14, today)
            services.write_contactmoment(
                actor=regisseur,
                traject=traject,
                data=services.ContactmomentData(
                    plaatsgevonden_op=min(
                        timezone.make_aware(datetime.datetime.combine(moment, datetime.time(10, 30))), timezone.now()
                    ),
                    soort=soort,
                    tekst=tekst,
                    duur_minuten=rng.choice([30, 45, 60, 90]),
                ),
            )
        if eindstatus == "plan":
            continue
        moment = _step_date(rng, moment, 14, today)
        for prepare in _uitvoering_preparers:
            prepare(traject=traject, actor=regisseur, datum=moment, rng=rng)
        if Traject.objects.get(pk=traject.pk).status == Status.PLAN:
            workflow.perform(traject_id=traject.pk, name="uitvoering_starten", actor=regisseur, datum=moment)
        if eindstatus == "uitvoering":
            continue
        workflow.perform(
            traject_id=traject.pk,
            name="afsluiten",
            actor=regisseur,
            datum=_step_date(rng, moment, 200, today),
            afsluitreden=_weighted(rng, AFSLUITREDENEN),
            zelfstandig_verder=_weighted(
                rng, [(ZelfstandigVerder.JA, 87), (ZelfstandigVerder.NEE, 8), (ZelfstandigVerder.ONBEKEND, 5)]
            ),
            rapportcijfer=rng.choice([None, 7, 8, 8, 8, 9, 9, 10, 6]),
        )


@transaction.atomic
def seed() -> list[tuple[str, str]]:
    rng = random.Random(2026)  # noqa: S311 (reproducible demo data, not security)
    today = timezone.localdate()
    for organisatie, team_naam, count, emails, kind in DEMO_TEAMS:
        team = Team.objects.get(organisatie__korte_naam=organisatie, naam=team_naam)
        if Traject.objects.filter(team=team).exists():
            continue
        regisseurs = [User.objects.get(email=email) for email in emails]
        _seed_team(rng, team, count, regisseurs, kind, today)
    return []
