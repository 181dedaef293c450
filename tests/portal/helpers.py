"""A household as the portal sees it: a mother with gezag (with portal access), a father with gezag
(without), a child of 14, a young person who turns 16 today, and a toddler; plus another household."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from boks.accounts import authorization
from boks.dossiers.models import Persoon, Portaaltoegang, Traject
from tests.factories import ClientUserFactory, PersoonFactory, TrajectFactory

TODAY = timezone.localdate()


def born_years_ago(years: int, days: int = 0) -> datetime.date:
    return TODAY - relativedelta(years=years) - datetime.timedelta(days=days)


@dataclass
class Family:
    traject: Traject
    moeder: Persoon
    vader: Persoon
    kind: Persoon
    jongere: Persoon
    peuter: Persoon

    def give_access(self, persoon: Persoon, **user_fields):
        user = ClientUserFactory(
            first_name=persoon.voornaam, email=f"{persoon.voornaam.lower()}{persoon.pk}@mail.example", **user_fields
        )
        Portaaltoegang.objects.create(persoon=persoon, gebruiker=user)
        return user

    def scope(self, user, today=None):
        return authorization.client_scope(user, self.traject.huishouden_id, today=today)


def family(team, regisseur, **traject_fields) -> Family:
    traject = TrajectFactory(
        team=team,
        regisseur=regisseur,
        persoon__voornaam="Mira",
        persoon__rol="ouder_verzorger",
        persoon__gezag=True,
        persoon__geboortedatum=born_years_ago(38),
        **traject_fields,
    )
    moeder = traject.huishouden.personen.get()
    huishouden = traject.huishouden
    vader = PersoonFactory(
        huishouden=huishouden, voornaam="Jan", rol="ouder_verzorger", gezag=True, geboortedatum=born_years_ago(41)
    )
    kind = PersoonFactory(huishouden=huishouden, voornaam="Sem", rol="jeugdige", geboortedatum=born_years_ago(14))
    jongere = PersoonFactory(huishouden=huishouden, voornaam="Lotte", rol="jeugdige", geboortedatum=born_years_ago(16))
    peuter = PersoonFactory(huishouden=huishouden, voornaam="Bo", rol="jeugdige", geboortedatum=born_years_ago(3))
    return Family(traject, moeder, vader, kind, jongere, peuter)
