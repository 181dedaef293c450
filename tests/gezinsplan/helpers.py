"""Plans built through the services, as a worker would build them."""

import datetime

from django.utils import timezone

from boks.dossiers.choices import Status
from boks.gezinsplan import services
from boks.gezinsplan.choices import InstemmingWijze, WieSoort
from tests.factories import PersoonFactory, TrajectFactory

TODAY = timezone.localdate()


def traject_in_plan(team, regisseur, **fields):
    """A traject whose begeleiding started a month ago, ready for its plan."""
    start = TODAY - datetime.timedelta(days=30)
    defaults = {
        "status": Status.PLAN,
        "aanmelddatum": start - datetime.timedelta(days=20),
        "kennismaking_op": start - datetime.timedelta(days=14),
        "werkdagen_tot_kennismaking": 4,
        "begeleiding_gestart_op": start,
    }
    traject = TrajectFactory(team=team, regisseur=regisseur, **{**defaults, **fields})
    return traject


def concept_with_goals(traject, actor, goals=("Elke ochtend op tijd naar school.",), afspraken=True):
    versie = services.start_plan(actor=actor, traject=traject)
    ouder = traject.huishouden.personen.first()
    for text in goals:
        plan_doel = services.add_doel(
            actor=actor,
            versie_id=versie.pk,
            data=services.DoelData(omschrijving=text, leefgebied="onderwijs", eigenaren=[ouder]),
        )
        if afspraken:
            services.add_afspraak(
                actor=actor,
                versie_id=versie.pk,
                data=services.AfspraakData(
                    wat=f"Eerste stap voor: {text}",
                    wie_soort=WieSoort.CLIENT,
                    wie_persoon=ouder,
                    uiterlijk_op=TODAY + datetime.timedelta(days=14),
                    doel=plan_doel.doel,
                ),
            )
    versie.refresh_from_db()
    return versie


def vastgesteld_plan(traject, actor, **kwargs):
    versie = concept_with_goals(traject, actor, **kwargs)
    return services.vaststellen(
        actor=actor,
        versie_id=versie.pk,
        expected_gewijzigd_op=None,
        instemming_van=traject.huishouden.personen.first(),
        instemming_op=TODAY,
        instemming_wijze=InstemmingWijze.GESPREK,
    )


def child_of(traject, **fields):
    return PersoonFactory(
        huishouden=traject.huishouden, rol="jeugdige", geboortedatum=datetime.date(2012, 5, 1), **fields
    )
