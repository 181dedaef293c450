import datetime

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from boks.accounts.choices import OrganisatieSoort, TeamRole, TeamSoort, UserKind
from boks.accounts.models import Cluster, Membership, Organisatie, Team, User, Wijk
from boks.dossiers.choices import ContactSoort, Melder, Rol, Status
from boks.dossiers.models import Contactmoment, Huishouden, Persoon, Traject

PASSWORD = "Een-goed-wachtwoord-42"


def dutch_name(part: str) -> factory.LazyFunction:
    """A Dutch first or last name as Faker makes them, minus apostrophes ("d' Heripon"): templates
    escape those, so tests that look for a name in a page would pass or fail by chance."""
    faker = factory.Faker._get_faker(locale="nl_NL")
    return factory.LazyFunction(lambda: getattr(faker, part)().replace("'", ""))


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Buurtteamorganisatie {n}")
    korte_naam = factory.Sequence(lambda n: f"BTO {n}")
    soort = OrganisatieSoort.JEUGD_EN_GEZIN


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = factory.Sequence(lambda n: f"Cluster {n}")


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        django_get_or_create = ["naam", "gemeente"]

    naam = factory.Sequence(lambda n: f"Wijk {n}")
    gemeente = "Utrecht"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = factory.Sequence(lambda n: f"Team {n}")
    soort = TeamSoort.WIJKTEAM
    wijk = factory.SubFactory(WijkFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"medewerker{n}@buurtteam.example")
    first_name = dutch_name("first_name")
    last_name = dutch_name("last_name")
    kind = UserKind.STAFF
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def with_totp(user, create, extracted, **kwargs):
        """UserFactory(with_totp=True) gives the user an activated authenticator app."""
        if create and extracted:
            user.totp_secret = generate_totp_secret()
            TOTP.activate(user, user.totp_secret)


class ClientUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"client{n}@mail.example")
    kind = UserKind.CLIENT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = TeamRole.GEZINSWERKER


class HuishoudenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Huishouden

    naam = factory.Sequence(lambda n: f"Huishouden {n}")
    team = factory.SubFactory(TeamFactory)


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    huishouden = factory.SubFactory(HuishoudenFactory)
    voornaam = dutch_name("first_name")
    achternaam = factory.Sequence(lambda n: f"Achternaam{n}")
    geboortedatum = datetime.date(1985, 6, 15)
    rol = Rol.OUDER_VERZORGER


class TrajectFactory(factory.django.DjangoModelFactory):
    """A traject in any status; the dates fit the status. Use the workflow to move it on."""

    class Meta:
        model = Traject
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    huishouden = factory.SubFactory(HuishoudenFactory, team=factory.SelfAttribute("..team"))
    dossiernummer = factory.Sequence(lambda n: f"2026-{n:06d}")
    status = Status.AANGEMELD
    aanmelddatum = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    melder = Melder.ZELFMELDER
    aanmeldvraag = "Wij willen hulp bij de opvoeding."

    @factory.post_generation
    def persoon(traject, create, extracted, **kwargs):
        """Every traject's household has at least the person who was registered."""
        if create:
            PersoonFactory(huishouden=traject.huishouden, **kwargs)


class ContactmomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactmoment

    traject = factory.SubFactory(TrajectFactory)
    auteur = factory.SubFactory(UserFactory)
    plaatsgevonden_op = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    soort = ContactSoort.GESPREK
    tekst = "Gesproken over de doelen."
