"""Demo plans: every demo traject that enters its uitvoering gets a plan agreed with the family, with
goals in the family's words, agreements, a few rounds of scores and sometimes an evaluation;
trajecten still in the plan phase get a concept. Deterministic and idempotent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from boks.accounts.choices import OrganisatieSoort
from boks.accounts.models import Organisatie
from boks.dossiers.choices import Leefgebied, Rol, Status
from boks.dossiers.models import Traject

from . import services
from .choices import AfspraakStatus, Beoordelaar, DoelStatus, InstemmingWijze, VeiligheidOordeel, WieSoort
from .models import Gezinsplan, PlanAfspraak, PlanSjabloon

# (leefgebied, goal in the family's words, scale question, low, high, agreements: (what, who, days))
GOALS = [
    (
        Leefgebied.OPVOEDEN_OPGROEIEN,
        "Ik blijf rustig als mijn zoon boos wordt, en we maken minder ruzie.",
        "Hoe vaak lukt het om rustig te blijven?",
        "bijna nooit",
        "bijna altijd",
        [("Naar de oudercursus Pittige Jaren, op donderdagavond", "client", 30)],
    ),
    (
        Leefgebied.ONDERWIJS,
        "Elke ochtend op tijd naar school.",
        "Hoeveel dagen per week op tijd op school?",
        "geen dag",
        "elke dag",
        [("Gesprek met de mentor over een rustige start van de dag", "medewerker", 14)],
    ),
    (
        Leefgebied.FINANCIEN,
        "Ik heb overzicht over mijn geld en maak geen nieuwe schulden.",
        "Hoeveel overzicht heb ik over mijn geld?",
        "geen overzicht",
        "helemaal overzicht",
        [
            ("Alle post over geld samen doorlopen en sorteren", "client", 10),
            ("Aanmelden bij de schulddienstverlening van de gemeente", "medewerker", 21),
        ],
    ),
    (
        Leefgebied.WONEN,
        "We blijven in ons huis wonen; de huurachterstand is geregeld.",
        "Hoe zeker voelen we ons over ons huis?",
        "heel onzeker",
        "heel zeker",
        [("Bellen met de woningcorporatie voor een betalingsregeling", "client", 7)],
    ),
    (
        Leefgebied.SOCIALE_CONTACTEN,
        "Ik ga één keer per week naar de buurtkoffie.",
        "Hoe vaak heb ik contact met anderen?",
        "nooit",
        "elke dag",
        [("Buurvrouw gaat de eerste keer mee naar de buurtkoffie", "netwerk", 14)],
    ),
    (
        Leefgebied.WERK_PARTICIPATIE,
        "Ik doe twee ochtenden per week vrijwilligerswerk.",
        "Hoe dicht ben ik bij vrijwilligerswerk?",
        "heel ver weg",
        "ik doe het",
        [("Kennismaken bij het vrijwilligerspunt", "client", 21)],
    ),
    (
        Leefgebied.OUDERSCHAP_SCHEIDING,
        "Wij maken samen afspraken over de kinderen, zonder ruzie waar zij bij zijn.",
        "Hoe goed lukt het om samen afspraken te maken?",
        "het lukt niet",
        "het lukt goed",
        [("Ouderschapsplan samen opnieuw doornemen", "client", 28)],
    ),
    (
        Leefgebied.GEESTELIJKE_GEZONDHEID,
        "Ik slaap beter en pieker minder.",
        "Hoe goed slaap ik?",
        "heel slecht",
        "heel goed",
        [("Afspraak maken met de praktijkondersteuner van de huisarts", "client", 14)],
    ),
]
NETWERK = [("Oma Riet", "oma", "past op dinsdag op de kinderen"), ("Sandra", "buurvrouw", "gaat mee naar afspraken")]


def _date_at_or_before(day: datetime.date, today: datetime.date) -> datetime.date:
    return min(day, today)


def _write_plan(traject: Traject, actor, rng: random.Random, *, instemming_op: datetime.date | None):
    """A plan with two or three goals; agreed on `instemming_op` when given, else left as concept."""
    versie = services.start_plan(actor=actor, traject=traject)
    personen = list(traject.huishouden.personen.order_by("geboortedatum"))
    adults = [p for p in personen if p.rol != Rol.JEUGDIGE] or personen
    children = [p for p in personen if p.rol == Rol.JEUGDIGE]
    wanted = set(traject.ondersteuningsvragen.values_list("leefgebied", flat=True))
    candidates = [goal for goal in GOALS if goal[0] in wanted] + [goal for goal in GOALS if goal[0] not in wanted]
    if not children:
        candidates = [goal for goal in candidates if goal[0] not in (Leefgebied.ONDERWIJS,)]
    chosen = candidates[: rng.choice([2, 2, 3])]
    start = traject.begeleiding_gestart_op or traject.aanmelddatum
    goals = []
    for leefgebied, text, question, low, high, agreements in chosen:
        owners = [adults[0]] + ([children[0]] if leefgebied == Leefgebied.ONDERWIJS and children else [])
        plan_doel = services.add_doel(
            actor=actor,
            versie_id=versie.pk,
            data=services.DoelData(omschrijving=text, leefgebied=leefgebied, eigenaren=owners),
            schaalvraag=question,
        )
        vraag = plan_doel.doel.schaalvragen.get()
        vraag.betekenis_laag, vraag.betekenis_hoog = low, high
        vraag.save(update_fields=["betekenis_laag", "betekenis_hoog"])
        goals.append(plan_doel)
        for what, who, days in agreements:
            services.add_afspraak(
                actor=actor,
                versie_id=versie.pk,
                data=services.AfspraakData(
                    wat=what,
                    wie_soort=who,
                    wie_persoon=adults[0] if who == WieSoort.CLIENT else None,
                    wie_naam={"medewerker": actor.get_full_name(), "netwerk": "Sandra (buurvrouw)"}.get(who, ""),
                    uiterlijk_op=(instemming_op or start) + datetime.timedelta(days=days),
                    doel=plan_doel.doel,
                ),
            )
    naam, relatie, rol = NETWERK[rng.randrange(len(NETWERK))]
    services.add_netwerklid(actor=actor, versie_id=versie.pk, naam=naam, relatie=relatie, rol=rol)
    versie.refresh_from_db()
    services.update_section(
        actor=actor,
        versie_id=versie.pk,
        section="visie",
        expected_versie=versie.versie,
        data={"visie_client": "Het gaat al iets beter dan een paar maanden geleden, maar het is nog zwaar."},
    )
    versie.refresh_from_db()
    services.update_section(
        actor=actor,
        versie_id=versie.pk,
        section="veiligheid",
        expected_versie=versie.versie,
        data={
            "veiligheid_oordeel": VeiligheidOordeel.GEEN_ZORGEN,
            "veiligheid_toelichting": "",
            "veiligheid_antwoorden": {},
        },
    )
    services.add_afweging(
        actor=actor,
        versie_id=versie.pk,
        deskundige=actor.get_full_name(),
        deskundigheid="gezinswerker",
        tekst="Het gezin zet zelf stappen. Ik maak me nog zorgen over de rust in huis als moeder moe is; "
        "daarom houden we de afspraken klein.",
    )
    if instemming_op is None:
        return goals
    services.vaststellen(
        actor=actor,
        versie_id=versie.pk,
        expected_gewijzigd_op=None,
        instemming_van=adults[0],
        instemming_op=instemming_op,
        instemming_wijze=InstemmingWijze.GESPREK,
    )
    return goals


def _score_rounds(traject: Traject, actor, goals, rng: random.Random, first: datetime.date, today) -> None:
    plan = traject.gezinsplan
    client = traject.huishouden.personen.order_by("geboortedatum").first()
    level = {goal.doel_id: rng.randint(2, 5) for goal in goals}
    day = first
    while day <= today:
        for beoordelaar in (Beoordelaar.CLIENT, Beoordelaar.MEDEWERKER):
            offset = 0 if beoordelaar == Beoordelaar.CLIENT else -1
            services.record_scores(
                actor=actor,
                plan=plan,
                datum=day,
                beoordelaar=beoordelaar,
                persoon=client if beoordelaar == Beoordelaar.CLIENT else None,
                scores=[
                    services.ScoreInvoer(goal.doel.schaalvragen.get(), max(0, min(10, level[goal.doel_id] + offset)))
                    for goal in goals
                ],
            )
        for goal in goals:
            level[goal.doel_id] = min(10, level[goal.doel_id] + rng.choice([0, 1, 1, 2]))
        day += datetime.timedelta(days=rng.choice([28, 35, 42]))


def prepare_uitvoering(*, traject: Traject, actor, datum: datetime.date, rng: random.Random) -> None:
    """Registered with the dossiers demo: agree a plan with the family, which starts the uitvoering."""
    if Gezinsplan.objects.filter(traject=traject).exists():
        return
    today = timezone.localdate()
    goals = _write_plan(traject, actor, rng, instemming_op=datum)
    traject.refresh_from_db()
    for item in PlanAfspraak.objects.filter(versie__plan__traject=traject, uiterlijk_op__lt=today):
        if rng.random() < 0.8:
            services.set_afspraak_status(actor=actor, afspraak_id=item.afspraak_id, status=AfspraakStatus.GEDAAN)
    _score_rounds(traject, actor, goals, rng, datum, today)
    months_running = (today - datum).days // 30
    if months_running >= 3:
        evaluated = _date_at_or_before(datum + datetime.timedelta(days=91), today)
        services.record_evaluatie(
            actor=actor,
            plan=traject.gezinsplan,
            datum=evaluated,
            samenvatting="We zien vooruitgang. De afspraken blijven staan; het eerste doel is bijna gehaald.",
            antwoorden=[
                ("Wat vindt het gezin van de hulp tot nu toe?", "Fijn dat er iemand meedenkt."),
                ("Hoe gaat de samenwerking met de gezinswerker?", "Goed, de afspraken zijn duidelijk."),
            ],
            doelen=[
                services.DoelEvaluatie(
                    doel=goal.doel,
                    status=DoelStatus.BEHAALD if index == 0 and months_running >= 6 else DoelStatus.ACTIEF,
                    voortgang="Gaat steeds beter.",
                )
                for index, goal in enumerate(goals)
            ],
        )


YOUTH_TEMPLATE = {
    "naam": "Plan jongeren",
    "toelichting_vraagverheldering": "Wat wil jij? Schrijf het op zoals jij het zegt.",
    "toelichting_doelen": "Jouw doelen, in jouw woorden. Wat wil je over drie maanden anders?",
    "toelichting_afspraken": "Wat ga jij doen, wat doen anderen, en wanneer?",
    "toelichting_netwerk": "Wie vind jij belangrijk? Vrienden, familie, een mentor, je coach.",
    "toelichting_regie": "Wie houdt het overzicht? Meestal je gezinswerker, soms iemand anders.",
    "toelichting_veiligheid": "Voel je je veilig thuis, op school en online?",
    "toelichting_afwegingen": "Wat denken de professionals, en waarom? Dat mag anders zijn dan wat jij vindt.",
    "toelichting_evaluatie": "Samen kijken: wat lukt er al, wat nog niet?",
    "veiligheidsvragen": "\n".join(
        [
            "Voel je je veilig thuis?",
            "Voel je je veilig op school en online?",
            "Weet je wie je kunt bellen als het niet goed gaat?",
        ]
    ),
    "evaluatievragen": "Wat heb je aan de hulp?\nWat is er veranderd?\nHoe gaat het samenwerken met je gezinswerker?",
}


def _youth_template() -> None:
    """Lokalis also uses a plan written for jongeren (a variant of the format)."""
    for organisatie in Organisatie.objects.filter(soort=OrganisatieSoort.JEUGD_EN_GEZIN):
        services.standaard_sjabloon(organisatie)
        sjabloon, created = PlanSjabloon.objects.get_or_create(
            organisatie=organisatie, naam=YOUTH_TEMPLATE["naam"], defaults=YOUTH_TEMPLATE
        )
        if created:
            services.snapshot_sjabloon(sjabloon)


@transaction.atomic
def seed() -> list[tuple[str, str]]:
    _youth_template()
    rng = random.Random(2027)  # noqa: S311 (reproducible demo data, not security)
    for traject in Traject.objects.filter(status=Status.PLAN, gezinsplan__isnull=True, regisseur__isnull=False):
        _write_plan(traject, traject.regisseur, rng, instemming_op=None)
    return []
