"""A made-up conversion in the exchange format: households, people, trajecten in every status,
their journal, Wat Telt metingen with scores, plans with goals and scores, referrals and requests.
The benchmark imports 100 000 trajecten of it; the tests and the browser journey a few."""

import csv
import datetime
import io
import random
from collections.abc import Sequence

from boks.dossiers.choices import Afsluitreden, ContactSoort, Leefgebied, Melder, Status, ZelfstandigVerder
from boks.wattelt.choices import STANDAARD_LEEFGEBIEDEN, Beoordelaar

from . import formaat

VOORNAMEN = ["Anna", "Mohamed", "Sanne", "Daan", "Fatima", "Lucas", "Emma", "Yusuf", "Noor", "Sem", "Ayşe", "Jeroen"]
ACHTERNAMEN = ["de Vries", "El Amrani", "Jansen", "Yılmaz", "Bakker", "Visser", "Smit", "Bouzid", "Mulder", "de Boer"]
DOELEN = [
    ("Elke ochtend op tijd naar school", "opvoeden_opgroeien"),
    ("Weer overzicht over de rekeningen", "financien"),
    ("Minder ruzie thuis", "opvoeden_opgroeien"),
    ("Een vaste dagbesteding", "werk_participatie"),
    ("Iemand om mee te praten", "sociale_contacten"),
]
STRATEN = ["Vechtzoomlaan", "Kanaalstraat", "Amsterdamsestraatweg", "Columbuslaan", "Marco Pololaan"]


def _bsn(rng: random.Random) -> str:
    """A random number that passes the elfproef."""
    while True:
        cijfers = [rng.randint(0, 9) for _ in range(8)]
        som = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True))
        laatste = som % 11
        if laatste < 10 and cijfers[0] != 0:
            return "".join(map(str, cijfers)) + str(laatste)


def _csv(bestand: formaat.Bestand, rijen: list[dict]) -> bytes:
    uit = io.StringIO()
    schrijver = csv.DictWriter(uit, fieldnames=bestand.kolomnamen, delimiter=";", lineterminator="\r\n")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    return uit.getvalue().encode("utf-8")


def _plan(
    rng: random.Random, nummer: int, start: datetime.date, einde: datetime.date, rijen: dict, beslissers: Sequence[str]
):
    """A vastgesteld plan two weeks after the start, two goals with a scale question on the first, and
    for some a referral and a request (decided or waiting) by two different colleagues."""
    vastgesteld = start + datetime.timedelta(days=14)
    if vastgesteld >= einde:
        return
    traject = f"T{nummer}"
    rijen["gezinsplannen.csv"].append(
        {
            "legacy_id": f"GP{nummer}",
            "traject": traject,
            "vraagverheldering": "We willen weer rust en overzicht.",
            "vastgesteld_op": f"{vastgesteld:%d-%m-%Y}",
            "instemming_op": f"{vastgesteld:%d-%m-%Y}",
            "instemming_van": f"P{nummer}-0",
        }
    )
    for volgnummer, (omschrijving, leefgebied) in enumerate(rng.sample(DOELEN, 2), start=1):
        rijen["doelen.csv"].append(
            {
                "legacy_id": f"D{nummer}-{volgnummer}",
                "traject": traject,
                "omschrijving": omschrijving,
                "leefgebied": leefgebied,
                "prioriteit": str(volgnummer),
                "status": rng.choice(["actief", "actief", "behaald", "deels_behaald"]),
                "eigenaren": f"P{nummer}-0",
            }
        )
    for keer, dag in enumerate((vastgesteld, min(vastgesteld + datetime.timedelta(days=60), einde))):
        rijen["doelscores.csv"].append(
            {
                "legacy_id": f"DS{nummer}-{keer}",
                "doel": f"D{nummer}-1",
                "schaalvraag": "Hoe goed lukt het, van 0 tot 10?",
                "datum": f"{dag:%d-%m-%Y}",
                "beoordelaar": "client",
                "persoon": f"P{nummer}-0",
                "waarde": str(rng.randint(2, 9)),
            }
        )
    if nummer % 3 == 0:
        zorgvorm = rng.choice(["jeugd_ambulant_locatie", "wmo_begeleiding", "jeugd_dyslexie"])
        rijen["verwijzingen.csv"].append(
            {
                "legacy_id": f"V{nummer}",
                "traject": traject,
                "zorgvorm": zorgvorm,
                "aanbieder": rng.choice(["Lister", "Kentalis", "Altrecht"]),
                "startdatum": f"{vastgesteld:%d-%m-%Y}",
                "doelen": f"D{nummer}-1",
            }
        )
    ingediend = vastgesteld + datetime.timedelta(days=3)
    if nummer % 4 == 0 and len(beslissers) >= 2 and ingediend < einde:
        besluit = ingediend + datetime.timedelta(days=rng.randint(3, 20))
        besloten = besluit < einde and rng.random() < 0.8
        status = rng.choice(["toegekend", "afgewezen", "gedeeltelijk_toegekend"]) if besloten else "ingediend"
        rij = {
            "legacy_id": f"A{nummer}",
            "traject": traject,
            "soort": rng.choice(["pgb", "maatwerk"]),
            "status": status,
            "doelen": f"D{nummer}-1|D{nummer}-2",
            "vraag": "Begeleiding thuis, twee dagdelen per week.",
            "bedrag": f"{rng.randint(5, 90)}00,00",
            "aangevraagd_door": beslissers[0],
            "ingediend_op": f"{ingediend:%d-%m-%Y}",
        }
        if besloten:
            rij.update(
                besluit_op=f"{besluit:%d-%m-%Y}", besluit_door=beslissers[1], besluit_motivering="Past bij het plan."
            )
        rijen["aanvragen.csv"].append(rij)


def bestanden(
    *,
    trajecten: int,
    teams: list[str],
    contactmomenten_per_traject: int = 5,
    tot: datetime.date,
    seed: int = 11,
    medewerkers: Sequence[str] = (),
) -> dict[str, bytes]:
    """The files (name → bytes), semicolons and dd-mm-jjjj dates as a Dutch spreadsheet writes them.
    Every date lies before `tot`. With two staff e-mail addresses there are aanvragen: the first
    colleague asks, the second decides."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, repeatable on purpose
    huishoudens, personen, trajectrijen, contacten, metingen, scores = [], [], [], [], [], []
    plannen = {
        naam: [] for naam in ("gezinsplannen.csv", "doelen.csv", "doelscores.csv", "verwijzingen.csv", "aanvragen.csv")
    }
    gebruikte_bsns: set[str] = set()
    for nummer in range(1, trajecten + 1):
        achternaam = rng.choice(ACHTERNAMEN)
        huishouden = f"H{nummer}"
        huishoudens.append(
            {
                "legacy_id": huishouden,
                "naam": f"Gezin {achternaam}",
                "team": teams[nummer % len(teams)],
                "straat": rng.choice(STRATEN),
                "huisnummer": str(rng.randint(1, 200)),
                "postcode": f"35{rng.randint(10, 99)}AB",
                "woonplaats": "Utrecht",
            }
        )
        for lid in range(rng.randint(1, 3)):
            bsn = _bsn(rng) if rng.random() < 0.5 else ""
            if bsn in gebruikte_bsns:
                bsn = ""
            gebruikte_bsns.add(bsn)
            volwassen = lid == 0
            geboren = datetime.date(
                rng.randint(1950, 1995) if volwassen else rng.randint(2008, 2020),
                rng.randint(1, 12),
                rng.randint(1, 28),
            )
            personen.append(
                {
                    "legacy_id": f"P{nummer}-{lid}",
                    "huishouden": huishouden,
                    "voornaam": rng.choice(VOORNAMEN),
                    "achternaam": achternaam,
                    "geboortedatum": geboren.strftime("%d-%m-%Y"),
                    "bsn": bsn,
                    "rol": "ouder_verzorger" if volwassen else "jeugdige",
                    "gezag": "ja" if volwassen else "nee",
                }
            )
        aanmelding = tot - datetime.timedelta(days=rng.randint(60, 900))
        kennismaking = aanmelding + datetime.timedelta(days=rng.randint(1, 20))
        start = kennismaking + datetime.timedelta(days=rng.randint(0, 30))
        afgesloten = start + datetime.timedelta(days=rng.randint(10, 300))
        status = rng.choice(
            [Status.AANGEMELD, Status.WACHTEND, Status.UITVOERING, Status.AFGESLOTEN, Status.AFGESLOTEN]
        )
        rij = {
            "legacy_id": f"T{nummer}",
            "huishouden": huishouden,
            "status": status,
            "aanmelddatum": aanmelding.strftime("%d-%m-%Y"),
            "melder": rng.choice([m for m in Melder.values if m != Melder.OVERIG]),
            "aanmeldvraag": "Hulp gevraagd bij " + rng.choice(Leefgebied.labels).lower(),
            "leefgebieden": formaat.CODES_SCHEIDING.join(sorted(rng.sample(Leefgebied.values, rng.randint(1, 3)))),
        }
        if status != Status.AANGEMELD:
            rij["kennismaking_op"] = kennismaking.strftime("%d-%m-%Y")
        if status in {Status.UITVOERING, Status.AFGESLOTEN}:
            rij["begeleiding_gestart_op"] = start.strftime("%d-%m-%Y")
        if status == Status.AFGESLOTEN and afgesloten < tot:
            rij["afgesloten_op"] = afgesloten.strftime("%d-%m-%Y")
            rij["afsluitreden"] = rng.choice(Afsluitreden.values)
            rij["zelfstandig_verder"] = rng.choice(ZelfstandigVerder.values)
            rij["rapportcijfer"] = str(rng.randint(5, 10))
        elif status == Status.AFGESLOTEN:
            rij["status"] = Status.UITVOERING
        trajectrijen.append(rij)
        if rij["status"] in {Status.UITVOERING, Status.AFGESLOTEN}:
            laatste = afgesloten if rij.get("afgesloten_op") else tot
            for ronde in (1, 2):
                datum = start + datetime.timedelta(days=120 * (ronde - 1))
                if datum >= laatste:
                    break
                meting = f"M{nummer}-{ronde}"
                metingen.append(
                    {
                        "legacy_id": meting,
                        "traject": f"T{nummer}",
                        "persoon": f"P{nummer}-0",
                        "ronde": str(ronde),
                        "datum": datum.strftime("%d-%m-%Y"),
                        "variant": "papier",
                        "algemene_score": str(rng.randint(3, 9)),
                    }
                )
                for leefgebied in rng.sample(STANDAARD_LEEFGEBIEDEN, 2):
                    for beoordelaar in (Beoordelaar.KLANT, Beoordelaar.MEDEWERKER):
                        scores.append(
                            {
                                "legacy_id": f"S{nummer}-{ronde}-{leefgebied}-{beoordelaar}",
                                "meting": meting,
                                "leefgebied": leefgebied,
                                "beoordelaar": beoordelaar,
                                "waarde": str(rng.randint(2, 9)),
                            }
                        )
        if rij["status"] in {Status.UITVOERING, Status.AFGESLOTEN}:
            _plan(rng, nummer, start, afgesloten if rij.get("afgesloten_op") else tot, plannen, medewerkers)
        for volgnummer in range(contactmomenten_per_traject):
            einde = afgesloten if rij.get("afgesloten_op") else tot - datetime.timedelta(days=1)
            moment = aanmelding + datetime.timedelta(days=rng.randint(0, (einde - aanmelding).days))
            contacten.append(
                {
                    "legacy_id": f"C{nummer}-{volgnummer}",
                    "traject": f"T{nummer}",
                    "plaatsgevonden_op": f"{moment:%d-%m-%Y} {rng.randint(8, 17):02d}:{rng.choice(['00', '30'])}",
                    "soort": rng.choice(ContactSoort.values),
                    "tekst": "Gesproken over hoe het gaat en wat de volgende stap is.",
                    "duur_minuten": str(rng.choice([15, 30, 45, 60, 90])),
                }
            )
    return {
        "huishoudens.csv": _csv(formaat.HUISHOUDENS, huishoudens),
        "personen.csv": _csv(formaat.PERSONEN, personen),
        "trajecten.csv": _csv(formaat.TRAJECTEN, trajectrijen),
        "contactmomenten.csv": _csv(formaat.CONTACTMOMENTEN, contacten),
        "metingen.csv": _csv(formaat.METINGEN, metingen),
        "wattelt_scores.csv": _csv(formaat.WATTELT_SCORES, scores),
        **{naam: _csv(formaat.PER_SOORT[naam.removesuffix(".csv")], rijen) for naam, rijen in plannen.items()},
    }
