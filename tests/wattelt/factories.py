import datetime
import uuid

import factory
from django.utils import timezone

from boks.dossiers.choices import ContactSoort, Status
from boks.wattelt import schedule, services
from boks.wattelt.choices import Beoordelaar, Kanaal, Variant
from boks.wattelt.models import Leefgebied, Meting
from tests.factories import ContactmomentFactory, OrganisatieFactory, TrajectFactory, UserFactory


class LeefgebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leefgebied
        django_get_or_create = ["organisatie", "code"]

    organisatie = factory.SubFactory(OrganisatieFactory)
    code = factory.Sequence(lambda n: f"leefgebied-{n}")
    naam = factory.LazyAttribute(lambda leefgebied: leefgebied.code.replace("_", " ").capitalize())


class MetingFactory(factory.django.DjangoModelFactory):
    """A bare meting row (no scores, no timeline event): for tests about reading and scheduling.
    Tests about recording a meting go through services.registreer_meting."""

    class Meta:
        model = Meting

    traject = factory.SubFactory(TrajectFactory)
    persoon = factory.LazyAttribute(lambda meting: meting.traject.huishouden.personen.first())
    ronde = 1
    datum = factory.LazyFunction(timezone.localdate)
    variant = Variant.DIGITAAL
    schaal_min = 1
    schaal_max = 10
    volgende_ronde_op = factory.LazyAttribute(lambda meting: schedule.add_months(meting.datum, 3))
    aangemaakt_door = factory.SubFactory(UserFactory)
    kanaal = Kanaal.MEDEWERKER
    sleutel = factory.LazyFunction(uuid.uuid4)


def open_traject(team, regisseur, *, kennismaking_dagen_geleden: int = 60, **kwargs):
    """A traject in uitvoering whose kennismaking was `kennismaking_dagen_geleden` days ago."""
    today = timezone.localdate()
    kennismaking = today - datetime.timedelta(days=kennismaking_dagen_geleden)
    defaults = {
        "status": Status.UITVOERING,
        "aanmelddatum": kennismaking - datetime.timedelta(days=7),
        "kennismaking_op": kennismaking,
        "werkdagen_tot_kennismaking": 4,
        "begeleiding_gestart_op": kennismaking,
        "uitvoering_gestart_op": kennismaking,
    }
    return TrajectFactory(team=team, regisseur=regisseur, **{**defaults, **kwargs})


def gesprek(traject, dag: datetime.date, soort: str = ContactSoort.GESPREK, **kwargs):
    moment = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10, 0)))
    return ContactmomentFactory(
        traject=traject, auteur=traject.regisseur, plaatsgevonden_op=moment, soort=soort, **kwargs
    )


def meting_data(traject, *, datum=None, klant=None, medewerker=None, persoon=None, **kwargs) -> services.MetingData:
    """A meting's data; `klant` and `medewerker` map leefgebied codes to scores."""
    klant = klant if klant is not None else {"wonen": 5, "financien": 4}
    medewerker = medewerker if medewerker is not None else dict(klant)
    scores = [services.ScoreData(code, Beoordelaar.KLANT, value) for code, value in klant.items()]
    scores += [services.ScoreData(code, Beoordelaar.MEDEWERKER, value) for code, value in medewerker.items()]
    return services.MetingData(
        persoon_id=(persoon or traject.huishouden.personen.first()).pk,
        datum=datum or timezone.localdate(),
        variant=kwargs.pop("variant", Variant.DIGITAAL),
        leefgebieden=kwargs.pop("leefgebieden", list(dict.fromkeys([*klant, *medewerker]))),
        scores=kwargs.pop("scores", scores),
        **kwargs,
    )


def registreer(traject, actor=None, **kwargs) -> Meting:
    return services.registreer_meting(
        actor=actor or traject.regisseur, traject=traject, data=meting_data(traject, **kwargs)
    )
