import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.gezinsplan import services as gezinsplan
from boks.wattelt.models import Meting
from tests.conftest import logged_in
from tests.factories import ClientUserFactory, PersoonFactory

from .factories import open_traject, registreer

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def traject(team, gezinswerker):
    return open_traject(team, gezinswerker, kennismaking_dagen_geleden=300)


def tab(traject) -> str:
    return reverse("wattelt:traject", args=[traject.pk])


def digital_post(traject, **overrides) -> dict:
    data = {
        "persoon": traject.huishouden.personen.first().pk,
        "datum": timezone.localdate().isoformat(),
        "gesprek_nummer": "2",
        "sleutel": "8a0d3c8e-2f1b-4c55-9d39-6a1c1f7a2b10",
        "algemene_score": "6",
        "kies__wonen": "on",
        "klant__wonen": "4",
        "medewerker__wonen": "5",
        "derde__wonen": "5",
        "kies__financien": "on",
        "klant__financien": "3",
        "medewerker__financien": "3",
        "derde__financien": "5",
        "klant__zingeving": "5",
        "medewerker__zingeving": "5",
        "derde__zingeving": "5",
        "toelichting": "",
    }
    return {**data, **overrides}


def test_the_tab_shows_the_next_round_and_the_history_per_client(traject, gezinswerker):
    registreer(traject, datum=days_ago(100), klant={"wonen": 4}, algemene_score=5)
    registreer(traject, datum=days_ago(10), klant={"wonen": 6}, algemene_score=7)
    html = logged_in(gezinswerker).get(tab(traject)).content.decode()
    assert 'aria-current="page">Wat Telt</a>' in html
    assert "Ronde 3 is uiterlijk" in html
    assert "Wat Telt invullen met de cliënt" in html
    persoon = traject.huishouden.personen.first()
    chart_id = f"wattelt-{persoon.pk}-wonen"
    assert f'data-boks-chart="{chart_id}"' in html
    data = json.loads(re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html).group(1))
    assert [dataset["label"] for dataset in data["datasets"]] == [
        "Cliënt",
        "Buurtteammedewerker",
        "Algemene score (cliënt)",
    ]
    assert data["datasets"][0]["data"] == [4, 6]
    assert f"Scores voor Wonen van {persoon.voornaam} per ronde" in html
    assert "vendor/chart.umd.min.js" in html
    assert "<script>" not in html, "no inline script: the chart reads its data from json_script"


def test_the_tab_explains_the_first_round_before_any_meting(traject, gezinswerker):
    html = logged_in(gezinswerker).get(tab(traject)).content.decode()
    assert "De eerste ronde valt in een van de eerste 3 gesprekken na de kennismaking." in html
    assert "Er zijn 0 gesprekken geweest." in html
    assert "Nog geen Wat Telt-metingen in dit traject." in html
    assert "chart.umd.min.js" not in html


def test_a_colleague_reads_but_cannot_record_and_outsiders_and_clients_get_nothing(traject, colleague, outsider):
    html = logged_in(colleague).get(tab(traject)).content.decode()
    assert "Volgende ronde" in html
    assert "Wat Telt invullen met de cliënt" not in html
    assert logged_in(colleague).get(reverse("wattelt:meting_digitaal", args=[traject.pk])).status_code == 403
    assert logged_in(outsider).get(tab(traject)).status_code == 404
    assert logged_in(outsider).post(reverse("wattelt:meting_papier", args=[traject.pk])).status_code == 404
    assert logged_in(ClientUserFactory()).get(tab(traject)).status_code == 403


def test_the_tab_runs_a_constant_number_of_queries(traject, gezinswerker, django_assert_max_num_queries):
    client = logged_in(gezinswerker)
    registreer(traject, datum=days_ago(250))
    versie = gezinsplan.start_plan(actor=gezinswerker, traject=traject)
    goal = gezinsplan.DoelData(omschrijving="Huur op tijd betalen.", leefgebied="wonen")
    gezinsplan.add_doel(actor=gezinswerker, versie_id=versie.pk, data=goal)
    client.get(tab(traject))
    with django_assert_max_num_queries(20) as one:
        client.get(tab(traject))
    partner = PersoonFactory(huishouden=traject.huishouden)
    for offset in (200, 150, 100, 50):
        registreer(traject, datum=days_ago(offset), klant={"wonen": 5, "financien": 4, "zingeving": 6})
        registreer(traject, datum=days_ago(offset - 2), persoon=partner, klant={"taal": 3, "wonen": 7})
        gezinsplan.add_doel(actor=gezinswerker, versie_id=versie.pk, data=goal)
    with django_assert_max_num_queries(len(one)):
        response = client.get(tab(traject))
    assert len(response.context["historie"]) == 2


def test_the_digital_form_has_sliders_that_show_their_number(traject, gezinswerker):
    html = logged_in(gezinswerker).get(reverse("wattelt:meting_digitaal", args=[traject.pk])).content.decode()
    slider = re.search(r'<input type="range"[^>]*id="id_klant__wonen"[^>]*>', html).group(0)
    assert 'min="1"' in slider
    assert 'max="10"' in slider
    assert 'value="5"' in slider
    assert '<output class="wt-slider__value" for="id_klant__wonen" id="id_klant__wonen_waarde">5</output>' in html
    assert '<span class="boks-visually-hidden">Wonen: </span>Cliënt</label>' in html
    assert "js/wattelt-sliders.js" in html


def test_a_digital_meting_is_saved_with_the_chosen_leefgebieden_only(traject, gezinswerker):
    response = logged_in(gezinswerker).post(
        reverse("wattelt:meting_digitaal", args=[traject.pk]), digital_post(traject)
    )
    assert response.status_code == 302
    meting = Meting.objects.get()
    assert (meting.variant, meting.gesprek_nummer, meting.algemene_score) == ("digitaal", 2, 6)
    assert sorted(lg.code for lg in meting.leefgebieden.all()) == ["financien", "wonen"]
    assert not meting.scores.filter(beoordelaar="derde").exists(), "no derde ticked: the derde sliders are ignored"
    assert meting.scores.count() == 4


def test_posting_the_same_form_twice_keeps_one_meting(traject, gezinswerker):
    client = logged_in(gezinswerker)
    url = reverse("wattelt:meting_digitaal", args=[traject.pk])
    client.post(url, digital_post(traject))
    response = client.post(url, digital_post(traject), follow=True)
    assert "Deze meting was al opgeslagen" in response.content.decode()
    assert Meting.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"klant__wonen": "11"}, "klant__wonen", "Een score ligt tussen 1 en 10."),
        ({"medewerker__financien": ""}, "medewerker__financien", "Geef een score met de schuifbalk."),
        ({"algemene_score": "0"}, "algemene_score", "Een score ligt tussen 1 en 10."),
        ({"derde": "on"}, "derde_naam", "Vul de naam van de derde in."),
        (
            {"datum": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
            "datum",
            "Een meting kan niet in de toekomst liggen.",
        ),
    ],
)
def test_slider_form_errors_are_shown_beside_their_field(traject, gezinswerker, overrides, field, message):
    response = logged_in(gezinswerker).post(
        reverse("wattelt:meting_digitaal", args=[traject.pk]), digital_post(traject, **overrides)
    )
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Meting.objects.exists()


def test_a_digital_form_without_a_chosen_leefgebied_says_so(traject, gezinswerker):
    data = {key: value for key, value in digital_post(traject).items() if not key.startswith("kies__")}
    response = logged_in(gezinswerker).post(reverse("wattelt:meting_digitaal", args=[traject.pk]), data)
    assert response.status_code == 400
    assert "Kies minstens één leefgebied dat de cliënt belangrijk vindt." in response.content.decode()


def test_a_paper_meting_takes_the_rows_that_have_scores(traject, gezinswerker):
    data = {
        "persoon": traject.huishouden.personen.first().pk,
        "datum": days_ago(3).isoformat(),
        "sleutel": "0b6f7e1c-0a55-4e5e-a0d1-3b0c1b9d6c21",
        "klant__wonen": "6",
        "medewerker__wonen": "5",
        "klant__zingeving": "8",
        "medewerker__zingeving": "7",
        "derde__zingeving": "9",
        "derde_naam": "Samira",
        "derde_relatie": "zus",
        "algemene_score": "7",
    }
    response = logged_in(gezinswerker).post(reverse("wattelt:meting_papier", args=[traject.pk]), data)
    assert response.status_code == 302
    meting = Meting.objects.get()
    assert (meting.variant, meting.datum, meting.derde_naam) == ("papier", days_ago(3), "Samira")
    assert sorted(lg.code for lg in meting.leefgebieden.all()) == ["wonen", "zingeving"]
    assert meting.scores.count() == 5


def test_a_paper_row_without_the_clients_score_is_refused_on_that_cell(traject, gezinswerker):
    data = {
        "persoon": traject.huishouden.personen.first().pk,
        "datum": days_ago(3).isoformat(),
        "sleutel": "0b6f7e1c-0a55-4e5e-a0d1-3b0c1b9d6c22",
        "klant__wonen": "6",
        "medewerker__wonen": "5",
        "medewerker__financien": "4",
    }
    response = logged_in(gezinswerker).post(reverse("wattelt:meting_papier", args=[traject.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["klant__financien"] == ["Vul ook deze score van de cliënt in."]
    assert not Meting.objects.exists()


def test_a_closed_traject_offers_no_form(team, gezinswerker):
    closed = open_traject(team, gezinswerker, status="afgesloten", afsluitreden="volgens_plan")
    response = logged_in(gezinswerker).get(reverse("wattelt:meting_digitaal", args=[closed.pk]), follow=True)
    assert "Het traject is afgesloten. Heropen het om Wat Telt in te vullen." in response.content.decode()
    assert "Wat Telt invullen met de cliënt" not in response.content.decode()


def test_a_third_party_adds_scores_later(traject, gezinswerker):
    meting = registreer(traject, klant={"wonen": 4}, medewerker={"wonen": 5})
    client = logged_in(gezinswerker)
    url = reverse("wattelt:scores_aanvullen", args=[meting.pk])
    form = client.get(url).content.decode()
    assert 'value="derde"' in form
    assert 'value="klant"' not in form
    response = client.post(url, {"beoordelaar": "derde", "waarde__wonen": "6"})
    assert response.status_code == 400
    assert "Vul de naam in van de derde die scores geeft." in response.content.decode()
    response = client.post(
        url, {"beoordelaar": "derde", "waarde__wonen": "6", "derde_naam": "Henk", "derde_relatie": "buurman"}
    )
    assert response.status_code == 302
    assert meting.scores.get(beoordelaar="derde").waarde == 6


def test_a_worker_adds_their_scores_after_the_client(traject, gezinswerker):
    meting = registreer(traject, klant={"wonen": 4}, medewerker={})
    html = logged_in(gezinswerker).get(tab(traject)).content.decode()
    assert reverse("wattelt:scores_aanvullen", args=[meting.pk]) in html
    response = logged_in(gezinswerker).post(
        reverse("wattelt:scores_aanvullen", args=[meting.pk]), {"beoordelaar": "medewerker", "waarde__wonen": "12"}
    )
    assert response.context["form"].errors["waarde__wonen"] == ["Een score ligt tussen 1 en 10."]
