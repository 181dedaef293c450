import datetime

import pytest
from django.urls import reverse

from boks.notifications.models import Notification
from boks.wattelt import selectors as wattelt_selectors
from boks.wattelt import services as wattelt_services
from boks.wattelt.choices import Beoordelaar, Kanaal
from boks.wattelt.models import Meting, Score
from boks.wattelt.services import herinneringen_sweep
from tests.conftest import logged_in
from tests.wattelt.factories import MetingFactory

from .helpers import TODAY, family

pytestmark = pytest.mark.django_db


@pytest.fixture
def fam(team, gezinswerker):
    return family(
        team,
        gezinswerker,
        status="uitvoering",
        aanmelddatum=TODAY - datetime.timedelta(days=200),
        kennismaking_op=TODAY - datetime.timedelta(days=190),
        werkdagen_tot_kennismaking=3,
        begeleiding_gestart_op=TODAY - datetime.timedelta(days=180),
        uitvoering_gestart_op=TODAY - datetime.timedelta(days=170),
    )


def form_for(fam, chosen: dict[str, int], overall=7, sleutel="8f6c2b1e-2f53-4a55-9a40-3f3f2c2d7a10"):
    data = {"sleutel": sleutel, "algemene_score": overall, "toelichting": ""}
    for code, value in chosen.items():
        data[f"kies__{code}"] = "on"
        data[f"klant__{code}"] = value
    return data


def codes(fam):
    return [leefgebied.code for leefgebied in wattelt_selectors.catalogus(fam.traject.team.organisatie_id)][:2]


def test_a_client_fills_in_wat_telt_online_and_the_regisseur_adds_their_scores(fam, gezinswerker):
    mother = fam.give_access(fam.moeder)
    client = logged_in(mother)
    page = client.get(reverse("portal:wattelt_invullen")).content.decode()
    assert 'type="range"' in page and "Dit is belangrijk voor mij" in page
    first, second = codes(fam)
    response = client.post(reverse("portal:wattelt_invullen"), form_for(fam, {first: 4, second: 8}))
    assert response.status_code == 302
    meting = Meting.objects.get()
    assert (meting.persoon, meting.kanaal, meting.algemene_score) == (fam.moeder, Kanaal.PORTAAL, 7)
    assert {(s.leefgebied.code, s.beoordelaar, s.waarde) for s in meting.scores.all()} == {
        (first, Beoordelaar.KLANT, 4),
        (second, Beoordelaar.KLANT, 8),
    }
    asked = Notification.objects.get(recipient=gezinswerker, key=f"wattelt:portaal:{meting.pk}")
    assert asked.url == reverse("wattelt:scores_aanvullen", args=[meting.pk])
    wattelt_services.geef_scores(
        actor=gezinswerker, meting=meting, beoordelaar=Beoordelaar.MEDEWERKER, scores={first: 5, second: 7}
    )
    assert Score.objects.filter(meting=meting, beoordelaar=Beoordelaar.MEDEWERKER).count() == 2
    history = client.get(reverse("portal:wattelt")).content.decode()
    assert "Uw scores" in history and "data-boks-chart" in history and "<table" in history


def test_a_double_submit_stays_one_meting_and_nothing_is_chosen_is_refused(fam):
    client = logged_in(fam.give_access(fam.moeder))
    first, _second = codes(fam)
    for _attempt in range(2):
        client.post(reverse("portal:wattelt_invullen"), form_for(fam, {first: 6}))
    assert Meting.objects.count() == 1
    refused = client.post(
        reverse("portal:wattelt_invullen"), form_for(fam, {}, sleutel="0b1c2d3e-4f50-4a55-9a40-3f3f2c2d7a11")
    )
    assert refused.status_code == 400
    assert "Kies minstens één leefgebied" in refused.content.decode()


def test_a_client_cannot_give_the_workers_scores(fam, gezinswerker):
    from django.core.exceptions import PermissionDenied

    mother = fam.give_access(fam.moeder)
    first, _second = codes(fam)
    data = wattelt_services.MetingData(
        persoon_id=fam.moeder.pk,
        datum=TODAY,
        variant="digitaal",
        leefgebieden=[first],
        scores=[wattelt_services.ScoreData(first, Beoordelaar.MEDEWERKER, 9)],
    )
    with pytest.raises(PermissionDenied):
        wattelt_services.registreer_meting(actor=mother, traject=fam.traject, data=data, kanaal=Kanaal.PORTAAL)
    other_person = wattelt_services.MetingData(
        persoon_id=fam.vader.pk, datum=TODAY, variant="digitaal", leefgebieden=[first]
    )
    with pytest.raises(PermissionDenied):
        wattelt_services.registreer_meting(actor=mother, traject=fam.traject, data=other_person, kanaal=Kanaal.PORTAAL)
    assert not Meting.objects.exists()


def test_the_history_follows_the_jeugdwet_rules(fam, gezinswerker):
    MetingFactory(traject=fam.traject, persoon=fam.kind, aangemaakt_door=gezinswerker)
    MetingFactory(traject=fam.traject, persoon=fam.jongere, aangemaakt_door=gezinswerker)
    MetingFactory(traject=fam.traject, persoon=fam.vader, aangemaakt_door=gezinswerker)
    mother = fam.give_access(fam.moeder)
    scope = fam.scope(mother)
    assert {meting.persoon for meting in wattelt_selectors.client_metingen(scope)} == {fam.kind}


def test_a_due_round_reminds_the_client_who_uses_the_portal(fam, gezinswerker):
    mother = fam.give_access(fam.moeder)
    fam.give_access(fam.kind)
    MetingFactory(
        traject=fam.traject,
        persoon=fam.moeder,
        datum=TODAY - datetime.timedelta(days=85),
        volgende_ronde_op=TODAY + datetime.timedelta(days=3),
        aangemaakt_door=gezinswerker,
    )
    herinneringen_sweep()
    herinneringen_sweep()
    assert set(Notification.objects.values_list("recipient", flat=True)) == {gezinswerker.pk, mother.pk}
    to_client = Notification.objects.get(recipient=mother)
    assert to_client.url == reverse("portal:wattelt_invullen")
    assert "Vul Wat Telt in" in to_client.title
