"""Factories and builders for Aanvullende zorg. Requests are made through the services and the
status flow, as a worker and an assessor would, so every test starts from a consistent state."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from boks.maatwerk import services, statusflow
from boks.maatwerk.choices import Routering
from boks.maatwerk.models import AanvraagSoort, Beoordelingsgroep, Contactpersoon, Vervanging
from tests.factories import OrganisatieFactory, TeamFactory, UserFactory
from tests.gezinsplan.helpers import traject_in_plan, vastgesteld_plan

TODAY = timezone.localdate()


class AanvraagSoortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AanvraagSoort
        django_get_or_create = ["organisatie", "code"]

    organisatie = factory.SubFactory(OrganisatieFactory)
    code = "maatwerk"
    naam = factory.LazyAttribute(lambda soort: soort.code.capitalize())
    routering = Routering.TEAMMANAGER
    norm_werkdagen = 10


def pgb_soort(organisatie, **fields) -> AanvraagSoort:
    return AanvraagSoortFactory(
        organisatie=organisatie,
        code="pgb",
        naam="PGB (persoonsgebonden budget)",
        met_budget=True,
        periode_verplicht=True,
        **fields,
    )


class BeoordelingsgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beoordelingsgroep
        skip_postgeneration_save = True

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = factory.Sequence(lambda n: f"Beoordelingsgroep {n}")

    @factory.post_generation
    def leden(groep, create, extracted, **kwargs):
        if create and extracted:
            groep.leden.set(extracted)


class ContactpersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactpersoon

    team = factory.SubFactory(TeamFactory)
    medewerker = factory.SubFactory(UserFactory)
    van = factory.LazyFunction(lambda: TODAY - datetime.timedelta(days=30))


class VervangingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vervanging

    afwezige = factory.SubFactory(UserFactory)
    vervanger = factory.SubFactory(UserFactory)
    van = factory.LazyFunction(lambda: TODAY - datetime.timedelta(days=1))
    tot = factory.LazyFunction(lambda: TODAY + datetime.timedelta(days=7))
    aangemaakt_door = factory.SelfAttribute("afwezige")


def traject_met_plan(team, regisseur, goals=("Elke ochtend op tijd naar school.",), **fields):
    """A traject in uitvoering whose plan was agreed with the family."""
    traject = traject_in_plan(team, regisseur, **fields)
    vastgesteld_plan(traject, regisseur, goals=goals)
    traject.refresh_from_db()
    return traject


def doel_ids(traject) -> list[int]:
    from boks.gezinsplan.selectors import goal_choices

    return [doel_id for doel_id, _label in goal_choices(traject)]


def volledige_data(traject, soort, **overrides) -> services.AanvraagData:
    """Everything a request needs to be submitted."""
    values = {
        "doelen": doel_ids(traject)[:1],
        "vraag": "Moeder raakt uitgeput van de zorg voor haar zoon.",
        "waarom_niet_regulier": "De logeeropvang heeft een wachtlijst van een half jaar.",
        "eigen_kracht": "Oma past twee middagen op; meer kan het netwerk niet.",
        "gevraagde_oplossing": "Begeleiding thuis, twaalf uur per week.",
        "aanbieder": "Zorgboerderij Griftenstein",
    }
    if soort.met_budget or soort.periode_verplicht:
        values.update(periode_van=TODAY + datetime.timedelta(days=14), periode_tot=TODAY + datetime.timedelta(days=378))
    if soort.met_budget:
        values["bedrag"] = Decimal("14400.00")
    values.update(overrides)
    return services.AanvraagData(**values)


def aanvraag(traject, actor, soort=None, *, stappen=(), beoordelaar=None, **overrides):
    """A request made by `actor`, then taken through `stappen`: steps of the requester by `actor`,
    steps of an assessor by `beoordelaar`."""
    soort = soort or AanvraagSoortFactory(organisatie=traject.team.organisatie)
    made = services.create_aanvraag(
        actor=actor, traject=traject, soort=soort, data=volledige_data(traject, soort, **overrides)
    )
    redenen = {
        "informatie_vragen": "Graag de offerte erbij.",
        "aanvullen": "Offerte toegevoegd.",
        "toekennen": "Goed onderbouwd.",
        "gedeeltelijk_toekennen": "Alleen de begeleiding.",
        "afwijzen": "Het reguliere aanbod past.",
        "intrekken": "Het gezin wil het niet meer.",
    }
    for stap in stappen:
        door = actor if statusflow.STAPPEN[stap].door == statusflow.AANVRAGER else beoordelaar
        bedrag = made.bedrag / 2 if stap == "gedeeltelijk_toekennen" and made.bedrag else None
        made = statusflow.perform(
            aanvraag_id=made.pk, stap=stap, actor=door, reden=redenen.get(stap, ""), toegekend_bedrag=bedrag
        )
    return made
