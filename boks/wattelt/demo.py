"""Demo Wat Telt: open trajecten whose begeleiding started get rounds every three months since
soon after the kennismaking, with plausible progress (mostly up, sometimes a dip), some on paper,
some with a third party. Deterministic, and idempotent: a traject with metingen gets no more."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from boks.dossiers.choices import Status
from boks.dossiers.models import Traject

from . import schedule, selectors, services
from .choices import Beoordelaar, Variant
from .models import Meting

DERDEN = [("Samira", "zus"), ("Henk", "buurman"), ("dr. Verbeek", "huisarts"), ("Anouk", "maatje")]


def _rounds(traject: Traject, interval: int, today: datetime.date) -> list[datetime.date]:
    day = traject.kennismaking_op + datetime.timedelta(days=10)
    dates = []
    while day <= today:
        dates.append(day)
        day = schedule.add_months(day, interval)
    return dates


def _seed_traject(rng: random.Random, traject: Traject, today: datetime.date) -> None:
    organisatie_id = traject.team.organisatie_id
    instellingen = selectors.instellingen_voor(organisatie_id)
    low, high = instellingen.schaal_min, instellingen.schaal_max
    catalogus = [row.code for row in selectors.catalogus(organisatie_id)]
    gekozen = rng.sample(catalogus[:9], rng.randint(3, 5))
    client = min(traject.huishouden.personen.all(), key=lambda persoon: persoon.geboortedatum)
    klant = {code: rng.randint(low + 1, low + 4) for code in gekozen}
    medewerker = {code: max(low, min(high, klant[code] + rng.choice([-1, 0, 1]))) for code in gekozen}
    derde = rng.choice([None, None, *DERDEN])
    overall = rng.randint(low + 2, low + 4)
    for index, datum in enumerate(_rounds(traject, instellingen.interval_maanden, today)):
        if index:
            for code in gekozen:
                # Mostly progress, now and then a small setback (below the signal's default threshold,
                # so seeding sends no e-mail).
                step = rng.choice([0, 1, 1, 1, 2, -1]) if index < 4 else rng.choice([0, 0, 1, -1])
                klant[code] = max(low, min(high, klant[code] + step))
                medewerker[code] = max(low, min(high, medewerker[code] + rng.choice([0, 1, step])))
            overall = max(low, min(high, overall + rng.choice([0, 1, 1, -1])))
        scores = [services.ScoreData(code, Beoordelaar.KLANT, klant[code]) for code in gekozen]
        scores += [services.ScoreData(code, Beoordelaar.MEDEWERKER, medewerker[code]) for code in gekozen]
        if derde:
            scores += [
                services.ScoreData(code, Beoordelaar.DERDE, max(low, min(high, klant[code] + 1))) for code in gekozen
            ]
        services.registreer_meting(
            actor=traject.regisseur,
            traject=traject,
            data=services.MetingData(
                persoon_id=client.pk,
                datum=datum,
                variant=Variant.PAPIER if rng.random() < 0.3 else Variant.DIGITAAL,
                leefgebieden=gekozen,
                scores=scores,
                algemene_score=overall,
                derde_naam=derde[0] if derde else "",
                derde_relatie=derde[1] if derde else "",
            ),
        )


@transaction.atomic
def seed() -> list[tuple[str, str]]:
    rng = random.Random(2026)  # noqa: S311 (reproducible demo data, not security)
    today = timezone.localdate()
    trajecten = (
        Traject.objects.filter(status__in=[Status.PLAN, Status.UITVOERING], regisseur__isnull=False)
        .select_related("team", "regisseur")
        .prefetch_related("huishouden__personen")
        .order_by("dossiernummer")
    )
    if Meting.objects.exists():
        return []
    for traject in trajecten:
        # Not every worker uses Wat Telt yet: about one in five trajecten has no metingen.
        if rng.random() < 0.2:
            continue
        _seed_traject(rng, traject, today)
    return []
