import pytest
from django.urls import reverse

from boks.audit.choices import Actie, Kanaal
from boks.audit.models import Toegang
from tests.conftest import logged_in

from .factories import open_traject, registreer

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(team, gezinswerker):
    return open_traject(team, gezinswerker, kennismaking_dagen_geleden=100)


def test_opening_the_wat_telt_tab_is_logged(traject, colleague):
    logged_in(colleague).get(reverse("wattelt:traject", args=[traject.pk]))
    entry = Toegang.objects.get(actie=Actie.LEZEN, gebruiker=colleague)
    assert (entry.traject_id, entry.omschrijving) == (traject.pk, f"Wat Telt van traject {traject.dossiernummer}")


def test_recording_and_adding_scores_are_logged_as_changes(traject, gezinswerker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meting = registreer(traject, klant={"wonen": 4}, medewerker={})
    logged_in(gezinswerker).post(
        reverse("api-wattelt-meting-scores", args=[meting.pk]),
        {"beoordelaar": "medewerker", "scores": [{"leefgebied": "wonen", "waarde": 5}]},
        content_type="application/json",
    )
    changes = Toegang.objects.filter(actie=Actie.WIJZIGEN, object_type="wattelt.meting")
    assert sorted(changes.values_list("omschrijving", flat=True)) == [
        "Wat Telt ingevuld (ronde 1)",
        "Wat Telt-scores van de buurtteammedewerker toegevoegd",
    ]
    added = changes.get(kanaal=Kanaal.API)
    assert (added.gebruiker, added.persoon_id) == (gezinswerker, meting.persoon_id)


def test_reading_a_clients_history_through_the_api_is_logged(traject, gezinswerker):
    registreer(traject)
    persoon = traject.huishouden.personen.first()
    logged_in(gezinswerker).get(reverse("api-wattelt-historie-detail", args=[persoon.pk]))
    entry = Toegang.objects.get(actie=Actie.LEZEN, object_type="dossiers.persoon")
    assert (entry.persoon_id, entry.huishouden_id, entry.kanaal) == (persoon.pk, traject.huishouden_id, Kanaal.API)
