import datetime

from django.urls import reverse
from django.utils import timezone

from boks.dossiers.choices import Status
from boks.dossiers.models import Contactmoment, Traject
from tests.conftest import logged_in
from tests.factories import PersoonFactory, TrajectFactory

TODAY = timezone.localdate()


def aanmelding(team, **changes):
    return {
        "team": team.pk,
        "aanmelddatum": TODAY.isoformat(),
        "melder": "huisarts",
        "aanmeldvraag": "Ik slaap slecht door geldzorgen.",
        "leefgebieden": ["financien"],
        "persoon": {"voornaam": "Ahmet", "achternaam": "Kaya", "geboortedatum": "1979-02-11", "rol": "volwassene"},
        "huishouden": {"naam": "Huishouden Kaya"},
        **changes,
    }


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_list_and_filter_trajecten(traject, gezinswerker, team):
    TrajectFactory(team=team, regisseur=gezinswerker, status=Status.AFGESLOTEN, afsluitreden="volgens_plan")
    client = logged_in(gezinswerker)
    body = client.get(reverse("api-traject-list")).json()
    assert [row["dossiernummer"] for row in body["results"]] == [traject.dossiernummer]
    closed = client.get(reverse("api-traject-list"), {"status": "afgesloten"}).json()
    assert closed["count"] == 1 and closed["results"][0]["status"] == "afgesloten"
    assert client.get(reverse("api-traject-list"), {"mine": "1"}).json()["count"] == 1


def test_create_an_aanmelding(team, gezinswerker):
    response = post(logged_in(gezinswerker), reverse("api-traject-list"), aanmelding(team))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "aangemeld"
    assert body["huishouden"]["personen"][0]["achternaam"] == "Kaya"
    assert body["mogelijke_stappen"] == ["kennismaking_plannen", "kennismaking_vastleggen", "afsluiten"]


def test_bad_aanmelding_gets_400_with_field_errors(team, gezinswerker):
    client = logged_in(gezinswerker)
    future = post(client, reverse("api-traject-list"), aanmelding(team, aanmelddatum="2099-01-01"))
    assert future.status_code == 400
    assert future.json()["aanmelddatum"] == ["De aanmelddatum kan niet in de toekomst liggen."]
    bad_bsn = aanmelding(team)
    bad_bsn["persoon"]["bsn"] = "123456789"
    response = post(client, reverse("api-traject-list"), bad_bsn)
    assert response.status_code == 400 and "bsn" in response.json()
    assert not Traject.objects.exists()


def test_a_possible_duplicate_gets_409_with_the_matches(team, gezinswerker):
    known = PersoonFactory(achternaam="Kaya", geboortedatum=datetime.date(1979, 2, 11))
    client = logged_in(gezinswerker)
    response = post(client, reverse("api-traject-list"), aanmelding(team))
    assert response.status_code == 409
    assert response.json()["mogelijke_dubbelen"][0]["persoon"] == known.pk
    confirmed = post(client, reverse("api-traject-list"), aanmelding(team, duplicate_confirmed=True))
    assert confirmed.status_code == 201


def test_transitions_as_actions_with_409_for_an_impossible_step(traject, gezinswerker):
    client = logged_in(gezinswerker)
    url = lambda stap: reverse("api-traject-stap", args=[traject.pk, stap])  # noqa: E731
    assert post(client, url("uitvoering_starten"), {"datum": TODAY.isoformat()}).status_code == 409
    late = post(client, url("kennismaking_vastleggen"), {"datum": TODAY.isoformat()})
    assert late.status_code == 400 and "reden_vertraging" in late.json()
    response = post(
        client, url("kennismaking_vastleggen"), {"datum": TODAY.isoformat(), "reden_vertraging": "capaciteit"}
    )
    assert response.status_code == 200 and response.json()["status"] == "wachtend"
    closing = post(client, url("afsluiten"), {"datum": TODAY.isoformat(), "zelfstandig_verder": "ja"})
    assert closing.status_code == 400
    assert closing.json()["afsluitreden"] == ["Kies de reden van afsluiten."]
    assert post(client, url("opruimen"), {}).status_code == 404


def test_journal_entries_and_a_conflicting_correction(traject, gezinswerker):
    client = logged_in(gezinswerker)
    entry = {"plaatsgevonden_op": timezone.now().isoformat(), "soort": "telefonisch", "tekst": "Gebeld."}
    created = post(client, reverse("api-traject-contactmomenten", args=[traject.pk]), entry)
    assert created.status_code == 201
    entry_id = created.json()["id"]
    listed = client.get(reverse("api-traject-contactmomenten", args=[traject.pk])).json()
    assert [row["id"] for row in listed["results"]] == [entry_id]
    url = reverse("api-contactmoment-detail", args=[entry_id])
    first = client.put(url, {**entry, "tekst": "Gebeld met school.", "versie": 1}, content_type="application/json")
    assert first.status_code == 200 and first.json()["versie"] == 2
    stale = client.put(url, {**entry, "tekst": "Iets anders.", "versie": 1}, content_type="application/json")
    assert stale.status_code == 409
    assert "intussen opgeslagen" in stale.json()["detail"]
    assert Contactmoment.objects.get(pk=entry_id).tekst == "Gebeld met school."


def test_hidden_entry_without_reason_gets_400(traject, gezinswerker):
    response = post(
        logged_in(gezinswerker),
        reverse("api-traject-contactmomenten", args=[traject.pk]),
        {
            "plaatsgevonden_op": timezone.now().isoformat(),
            "soort": "gesprek",
            "tekst": "x",
            "zichtbaar_voor_client": False,
        },
    )
    assert response.status_code == 400
    assert response.json()["reden_niet_zichtbaar"] == ["Kies waarom de cliënt deze regel niet mag zien."]


def test_timeline_and_household(traject, gezinswerker):
    client = logged_in(gezinswerker)
    post(client, reverse("api-traject-stap", args=[traject.pk, "kennismaking_plannen"]), {"datum": TODAY.isoformat()})
    events = client.get(reverse("api-traject-tijdlijn", args=[traject.pk])).json()["results"]
    assert events[0]["soort"] == "dossiers.kennismaking_plannen"
    household = client.get(reverse("api-huishouden-detail", args=[traject.huishouden_id])).json()
    assert household["naam"] == traject.huishouden.naam
    assert client.get(reverse("api-huishouden-tijdlijn", args=[traject.huishouden_id])).status_code == 200


def test_assign_a_regisseur_from_the_team_only(traject, colleague, outsider, gezinswerker):
    client = logged_in(gezinswerker)
    url = reverse("api-traject-regisseur", args=[traject.pk])
    assert post(client, url, {"regisseur": colleague.pk}).json()["regisseur"] == colleague.pk
    refused = post(client, url, {"regisseur": outsider.pk})
    assert refused.status_code == 400
    assert "regisseur" in refused.json()


def test_the_schema_and_docs_are_served(gezinswerker):
    client = logged_in(gezinswerker)
    assert b"/api/v1/trajecten/" in client.get(reverse("api_schema")).content
    assert client.get(reverse("api_docs")).status_code == 200
