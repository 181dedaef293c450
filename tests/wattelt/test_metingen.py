import datetime
import threading
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from boks.dossiers.models import TijdlijnGebeurtenis
from boks.wattelt import selectors, services
from boks.wattelt.choices import Beoordelaar, Variant
from boks.wattelt.errors import ScoresAlGegeven, TrajectAfgesloten
from boks.wattelt.models import Meting, Score
from tests.conftest import require
from tests.factories import PersoonFactory

from .factories import LeefgebiedFactory, meting_data, open_traject, registreer

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def traject(team, gezinswerker):
    return open_traject(team, gezinswerker)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_meting_keeps_choices_scores_scale_and_who_entered_it(traject, gezinswerker):
    meting = registreer(
        traject,
        klant={"wonen": 4, "financien": 3},
        medewerker={"wonen": 5, "financien": 3},
        algemene_score=6,
        gesprek_nummer=2,
    )
    assert (meting.ronde, meting.variant, meting.schaal_min, meting.schaal_max) == (1, "digitaal", 1, 10)
    assert sorted(lg.code for lg in meting.leefgebieden.all()) == ["financien", "wonen"]
    assert {(s.leefgebied.code, s.beoordelaar, s.waarde) for s in meting.scores.all()} == {
        ("wonen", "klant", 4),
        ("financien", "klant", 3),
        ("wonen", "medewerker", 5),
        ("financien", "medewerker", 3),
    }
    assert (meting.aangemaakt_door, meting.kanaal, meting.algemene_score) == (gezinswerker, "medewerker", 6)
    assert set(Score.objects.values_list("ingevoerd_door", "kanaal")) == {(gezinswerker.pk, "medewerker")}
    event = TijdlijnGebeurtenis.objects.get(soort="wattelt.meting")
    assert (event.titel, event.bron) == ("Wat Telt ingevuld (ronde 1)", meting)


def test_the_scale_stays_with_the_meting_when_the_organisation_changes_it(traject, team):
    first = registreer(traject, datum=days_ago(30))
    instellingen = selectors.instellingen_voor(team.organisatie_id)
    instellingen.schaal_min, instellingen.schaal_max = 0, 5
    instellingen.save()
    second = registreer(traject, klant={"wonen": 4}, medewerker={"wonen": 5})
    first.refresh_from_db()
    assert (first.schaal_min, first.schaal_max) == (1, 10)
    assert (second.schaal_min, second.schaal_max) == (0, 5)


def test_a_score_outside_the_scale_is_refused_beside_its_field_and_nothing_is_saved(traject):
    with pytest.raises(ValidationError) as refused:
        registreer(traject, klant={"wonen": 11}, medewerker={"wonen": 0}, algemene_score=12)
    assert errors_of(refused) == {
        "klant__wonen": ["Een score ligt tussen 1 en 10."],
        "medewerker__wonen": ["Een score ligt tussen 1 en 10."],
        "algemene_score": ["Een score ligt tussen 1 en 10."],
    }
    assert not Meting.objects.exists()


def test_a_leefgebied_outside_the_organisations_catalogue_is_refused(traject, team):
    LeefgebiedFactory(code="hobbys")  # another organisation's entry
    with pytest.raises(ValidationError) as refused:
        registreer(traject, klant={"hobbys": 5}, medewerker={})
    assert "niet in de lijst van de organisatie: hobbys" in errors_of(refused)["leefgebieden"][0]


def test_a_leefgebied_switched_off_by_beheer_can_no_longer_be_chosen(traject, team):
    wonen = next(row for row in selectors.catalogus(team.organisatie_id) if row.code == "wonen")
    wonen.actief = False
    wonen.save()
    with pytest.raises(ValidationError) as refused:
        registreer(traject, klant={"wonen": 5})
    assert "wonen" in errors_of(refused)["leefgebieden"][0]


def test_scores_only_on_leefgebieden_the_client_chose(traject):
    data = meting_data(traject, klant={"wonen": 5}, leefgebieden=["financien"])
    with pytest.raises(ValidationError) as refused:
        services.registreer_meting(actor=traject.regisseur, traject=traject, data=data)
    assert "niet gekozen" in errors_of(refused)["klant__wonen"][0]


def test_a_rater_who_scores_scores_every_chosen_leefgebied(traject):
    data = meting_data(traject, klant={"wonen": 5}, medewerker={"wonen": 5}, leefgebieden=["wonen", "financien"])
    with pytest.raises(ValidationError) as refused:
        services.registreer_meting(actor=traject.regisseur, traject=traject, data=data)
    assert errors_of(refused) == {
        "klant__financien": ["Vul ook deze score van de cliënt in."],
        "medewerker__financien": ["Vul ook deze score van de buurtteammedewerker in."],
    }


def test_choosing_no_leefgebied_is_refused(traject):
    with pytest.raises(ValidationError) as refused:
        registreer(traject, klant={}, medewerker={}, leefgebieden=[])
    assert errors_of(refused) == {"leefgebieden": ["Kies minstens één leefgebied dat de cliënt belangrijk vindt."]}


def test_a_third_party_scores_only_with_a_name_and_a_relation(traject):
    scores = [services.ScoreData("wonen", Beoordelaar.DERDE, 6)]
    with pytest.raises(ValidationError) as refused:
        registreer(traject, klant={}, medewerker={}, leefgebieden=["wonen"], scores=scores)
    assert set(errors_of(refused)) == {"derde_naam", "derde_relatie"}
    meting = registreer(
        traject, leefgebieden=["wonen"], scores=scores, derde_naam="Samira", derde_relatie="zus", klant={}
    )
    assert (meting.derde_naam, meting.scores.get().beoordelaar) == ("Samira", "derde")


@pytest.mark.parametrize(
    ("datum", "message"),
    [
        ("tomorrow", "Een meting kan niet in de toekomst liggen."),
        (datetime.date(2020, 1, 1), "Een meting kan niet vóór de aanmelding"),
    ],
)
def test_a_meting_in_the_future_or_before_the_aanmelding_is_refused(traject, datum, message):
    if datum == "tomorrow":
        datum = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        registreer(traject, datum=datum)
    assert errors_of(refused)["datum"][0].startswith(message)


def test_a_person_of_another_household_is_refused(traject):
    stranger = PersoonFactory()
    with pytest.raises(ValidationError) as refused:
        registreer(traject, persoon=stranger)
    assert errors_of(refused) == {"persoon": ["Deze persoon hoort niet bij het huishouden van dit traject."]}


def test_no_round_on_a_closed_traject(team, gezinswerker):
    closed = open_traject(team, gezinswerker, status="afgesloten", afsluitreden="volgens_plan")
    with pytest.raises(TrajectAfgesloten, match="Het traject is afgesloten"):
        registreer(closed)
    assert not Meting.objects.exists()


def test_only_who_works_on_the_traject_records_a_meting(traject, colleague, outsider, manager):
    for stranger in (colleague, outsider):
        with pytest.raises(PermissionDenied):
            registreer(traject, actor=stranger)
    assert registreer(traject, actor=manager).aangemaakt_door == manager


def test_a_double_submit_with_the_same_key_is_one_meting(traject):
    key = uuid.uuid4()
    first = registreer(traject, sleutel=key)
    again = registreer(traject, sleutel=key, klant={"wonen": 9}, medewerker={"wonen": 9})
    assert (again.pk, again.herhaald, first.herhaald) == (first.pk, True, False)
    assert Meting.objects.count() == 1
    assert Score.objects.filter(waarde=9).count() == 0


def test_a_key_of_another_trajects_meting_is_refused(traject, team, gezinswerker):
    key = uuid.uuid4()
    registreer(traject, sleutel=key)
    other = open_traject(team, gezinswerker)
    with pytest.raises(ValidationError) as refused:
        registreer(other, sleutel=key)
    assert "ander traject" in errors_of(refused)["sleutel"][0]


def test_the_same_client_twice_on_one_day_is_refused(traject):
    registreer(traject)
    with pytest.raises(ValidationError) as refused:
        registreer(traject)
    assert errors_of(refused) == {"datum": ["Deze cliënt heeft op deze datum al een Wat Telt-meting."]}


def test_rounds_count_up_and_household_members_share_a_round(traject):
    partner = PersoonFactory(huishouden=traject.huishouden)
    assert registreer(traject, datum=days_ago(50)).ronde == 1
    assert registreer(traject, datum=days_ago(48), persoon=partner).ronde == 1
    assert registreer(traject, datum=days_ago(5)).ronde == 2
    assert registreer(traject, datum=days_ago(4)).ronde == 3, "an extra session of the same client is a new round"


def test_a_meting_dated_before_the_latest_round_is_refused(traject):
    registreer(traject, datum=days_ago(10))
    with pytest.raises(ValidationError) as refused:
        registreer(traject, datum=days_ago(20))
    assert errors_of(refused)["datum"][0].startswith("Ronde 1 begon al op")


def test_raters_add_their_scores_at_different_moments(traject, gezinswerker):
    meting = registreer(traject, klant={"wonen": 3, "financien": 5}, medewerker={}, algemene_score=5)
    services.geef_scores(
        actor=gezinswerker, meting=meting, beoordelaar=Beoordelaar.MEDEWERKER, scores={"wonen": 4, "financien": 6}
    )
    services.geef_scores(
        actor=gezinswerker,
        meting=meting,
        beoordelaar=Beoordelaar.DERDE,
        scores={"wonen": 5},
        derde_naam="Henk",
        derde_relatie="buurman",
    )
    meting.refresh_from_db()
    assert (meting.derde_naam, meting.derde_relatie) == ("Henk", "buurman")
    assert sorted(meting.scores.values_list("beoordelaar", "leefgebied__code", "waarde")) == [
        ("derde", "wonen", 5),
        ("klant", "financien", 5),
        ("klant", "wonen", 3),
        ("medewerker", "financien", 6),
        ("medewerker", "wonen", 4),
    ]


def test_sending_a_raters_scores_again_changes_nothing_and_other_values_are_refused(traject, gezinswerker):
    meting = registreer(traject, klant={"wonen": 3}, medewerker={})
    add = {"actor": gezinswerker, "meting": meting, "beoordelaar": Beoordelaar.MEDEWERKER}
    services.geef_scores(**add, scores={"wonen": 4})
    services.geef_scores(**add, scores={"wonen": 4})
    with pytest.raises(ScoresAlGegeven, match="heeft voor deze meting al scores gegeven"):
        services.geef_scores(**add, scores={"wonen": 7})
    assert list(meting.scores.filter(beoordelaar="medewerker").values_list("waarde", flat=True)) == [4]


def test_added_scores_are_checked_like_the_first_ones(traject, gezinswerker):
    meting = registreer(traject, klant={"wonen": 3}, medewerker={})
    with pytest.raises(ValidationError) as refused:
        services.geef_scores(
            actor=gezinswerker,
            meting=meting,
            beoordelaar=Beoordelaar.MEDEWERKER,
            scores={"wonen": 0, "financien": 5},
            algemene_score=5,
        )
    assert errors_of(refused) == {
        "medewerker__wonen": ["Een score ligt tussen 1 en 10."],
        "medewerker__financien": [
            "De cliënt heeft dit leefgebied niet gekozen; geef alleen scores op gekozen leefgebieden."
        ],
        "algemene_score": ["Alleen de cliënt geeft de algemene score."],
    }


def test_a_paper_meting_is_counted_as_paper(traject):
    assert registreer(traject, variant=Variant.PAPIER).variant == "papier"


@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_the_same_time_make_one_meting(team, gezinswerker):
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to test concurrent requests")
    traject = open_traject(team, gezinswerker)
    key = uuid.uuid4()
    start = threading.Barrier(2)
    results, failures = [], []

    def submit():
        try:
            start.wait()
            results.append(registreer(traject, sleutel=key).pk)
        except Exception as error:  # collected and asserted below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(set(results)) == 1
    assert Meting.objects.count() == 1
