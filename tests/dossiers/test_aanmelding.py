import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boks.dossiers import services
from boks.dossiers.choices import Leefgebied, Melder, Rol, Status
from boks.dossiers.errors import TransitionNotAllowed
from boks.dossiers.models import Huishouden, Persoon, TijdlijnGebeurtenis, Traject
from tests.conftest import logged_in
from tests.factories import PersoonFactory, TrajectFactory

TODAY = timezone.localdate()


def aanmelding(**changes):
    return services.AanmeldingData(
        **{
            "aanmelddatum": TODAY,
            "melder": Melder.SCHOOL,
            "aanmeldvraag": "Mijn zoon gaat niet meer naar school.",
            "leefgebieden": [Leefgebied.ONDERWIJS, Leefgebied.OPVOEDEN_OPGROEIEN],
            **changes,
        }
    )


def persoon(**changes):
    return services.PersoonData(
        **{
            "voornaam": "Naima",
            "achternaam": "Bouzid",
            "geboortedatum": datetime.date(1984, 3, 9),
            "rol": Rol.OUDER_VERZORGER,
            **changes,
        }
    )


HUISHOUDEN = services.HuishoudenData(naam="Huishouden Bouzid", postcode="3526AB")


def test_aanmelding_creates_household_person_traject_and_timeline(team, gezinswerker):
    traject = services.register_aanmelding(
        actor=gezinswerker, team=team, aanmelding=aanmelding(), persoon=persoon(), huishouden=HUISHOUDEN
    )
    assert traject.status == Status.AANGEMELD
    assert traject.dossiernummer == f"{TODAY.year}-{traject.pk:06d}"
    assert traject.huishouden.personen.get().volledige_naam == "Naima Bouzid"
    assert sorted(v.leefgebied for v in traject.ondersteuningsvragen.all()) == ["onderwijs", "opvoeden_opgroeien"]
    event = TijdlijnGebeurtenis.objects.get(traject=traject)
    assert event.soort == "dossiers.aangemeld" and event.actor == gezinswerker


def test_aanmelding_can_make_the_worker_regisseur(team, gezinswerker):
    traject = services.register_aanmelding(
        actor=gezinswerker,
        team=team,
        aanmelding=aanmelding(),
        persoon=persoon(),
        huishouden=HUISHOUDEN,
        regisseur=gezinswerker,
    )
    assert traject.regisseur == gezinswerker


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"aanmelddatum": TODAY + datetime.timedelta(days=1)}, "aanmelddatum"),
        ({"melder": Melder.OVERIG, "melder_toelichting": " "}, "melder_toelichting"),
        ({"aanmeldvraag": ""}, "aanmeldvraag"),
        ({"leefgebieden": ["astrologie"]}, "leefgebieden"),
    ],
)
def test_bad_aanmelding_is_refused_per_field_and_nothing_is_created(changes, field, team, gezinswerker):
    with pytest.raises(ValidationError) as error:
        services.register_aanmelding(
            actor=gezinswerker, team=team, aanmelding=aanmelding(**changes), persoon=persoon(), huishouden=HUISHOUDEN
        )
    assert field in error.value.message_dict
    assert not Huishouden.objects.exists() and not Traject.objects.exists()


def test_an_invalid_bsn_is_refused(team, gezinswerker):
    with pytest.raises(ValidationError) as error:
        services.register_aanmelding(
            actor=gezinswerker,
            team=team,
            aanmelding=aanmelding(),
            persoon=persoon(bsn="123456789"),
            huishouden=HUISHOUDEN,
        )
    assert "bsn" in error.value.message_dict
    assert not Traject.objects.exists()


def test_a_known_bsn_is_reported_as_a_possible_duplicate(team, gezinswerker):
    known = PersoonFactory(bsn="111222333")
    with pytest.raises(services.DuplicateSuspected) as suspected:
        services.register_aanmelding(
            actor=gezinswerker,
            team=team,
            aanmelding=aanmelding(),
            persoon=persoon(bsn="111222333"),
            huishouden=HUISHOUDEN,
        )
    assert suspected.value.matches == [known]
    assert suspected.value.details["mogelijke_dubbelen"][0]["persoon"] == known.pk


def test_same_surname_and_birth_date_is_a_possible_duplicate_until_confirmed(team, gezinswerker):
    PersoonFactory(achternaam="Bouzid", geboortedatum=datetime.date(1984, 3, 9))
    with pytest.raises(services.DuplicateSuspected):
        services.register_aanmelding(
            actor=gezinswerker, team=team, aanmelding=aanmelding(), persoon=persoon(), huishouden=HUISHOUDEN
        )
    traject = services.register_aanmelding(
        actor=gezinswerker,
        team=team,
        aanmelding=aanmelding(),
        persoon=persoon(),
        huishouden=HUISHOUDEN,
        duplicate_confirmed=True,
    )
    assert Persoon.objects.filter(achternaam="Bouzid").count() == 2
    assert traject.pk


def test_reregistration_adds_a_traject_to_the_known_household(team, gezinswerker):
    earlier = TrajectFactory(team=team, status=Status.AFGESLOTEN, afsluitreden="volgens_plan")
    traject = services.register_aanmelding(
        actor=gezinswerker, team=team, aanmelding=aanmelding(), bestaand_huishouden=earlier.huishouden
    )
    assert traject.huishouden == earlier.huishouden
    assert earlier.huishouden.trajecten.count() == 2


def test_a_household_with_a_running_traject_gets_no_second_one(traject, team, gezinswerker):
    with pytest.raises(TransitionNotAllowed, match="al een lopend traject"):
        services.register_aanmelding(
            actor=gezinswerker, team=team, aanmelding=aanmelding(), bestaand_huishouden=traject.huishouden
        )


def test_aanmelding_only_for_own_team(gezinswerker, outsider):
    other_team = outsider.memberships.get().team
    with pytest.raises(PermissionDenied):
        services.register_aanmelding(
            actor=gezinswerker, team=other_team, aanmelding=aanmelding(), persoon=persoon(), huishouden=HUISHOUDEN
        )


FORM = {
    "team": None,
    "aanmelddatum": TODAY.isoformat(),
    "melder": "zelfmelder",
    "aanmeldvraag": "Ik heb schulden.",
    "urgentie": "geen",
    "leefgebieden": ["financien"],
    "voornaam": "Kees",
    "achternaam": "Visser",
    "geboortedatum": "1970-01-31",
    "rol": "volwassene",
    "woonplaats": "Utrecht",
}


def test_the_form_registers_and_shows_the_new_traject(team, gezinswerker):
    response = logged_in(gezinswerker).post(reverse("dossiers:aanmelding_new"), {**FORM, "team": team.pk}, follow=True)
    traject = Traject.objects.get()
    assert response.redirect_chain[-1][0] == reverse("dossiers:traject", args=[traject.pk])
    assert "Huishouden Visser" in response.content.decode()


def test_the_form_shows_a_possible_duplicate_and_registers_after_confirmation(team, gezinswerker):
    PersoonFactory(achternaam="Visser", geboortedatum=datetime.date(1970, 1, 31))
    client = logged_in(gezinswerker)
    response = client.post(reverse("dossiers:aanmelding_new"), {**FORM, "team": team.pk})
    assert response.status_code == 200
    assert "Deze persoon is misschien al bekend." in response.content.decode()
    assert not Traject.objects.exists()
    client.post(reverse("dossiers:aanmelding_new"), {**FORM, "team": team.pk, "duplicate_confirmed": "on"})
    assert Traject.objects.count() == 1


def test_the_form_refuses_an_invalid_bsn_in_dutch(team, gezinswerker):
    response = logged_in(gezinswerker).post(
        reverse("dossiers:aanmelding_new"), {**FORM, "team": team.pk, "bsn": "123456789"}
    )
    assert response.status_code == 400
    assert "Dit is geen geldig BSN." in response.content.decode()
    assert not Traject.objects.exists()
