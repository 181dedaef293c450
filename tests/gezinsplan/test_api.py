import json

import pytest
from django.urls import reverse

from boks.dossiers.choices import Status
from boks.gezinsplan.models import PlanDoel
from tests.conftest import logged_in

from .helpers import TODAY, concept_with_goals, traject_in_plan, vastgesteld_plan

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def test_a_worker_drafts_and_agrees_a_plan_through_the_api(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    ouder = traject.huishouden.personen.first()
    client = logged_in(gezinswerker)
    created = post(client, reverse("api-gezinsplan-list"), {"traject": traject.pk})
    assert created.status_code == 201
    versie = created.json()
    goal = post(
        client,
        reverse("api-planversie-doelen", args=[versie["id"]]),
        {"omschrijving": "Samen eten", "leefgebied": "opvoeden_opgroeien", "eigenaren": [ouder.pk]},
    )
    assert goal.status_code == 201
    doel_id = goal.json()["doel"]
    agreement = post(
        client,
        reverse("api-planversie-afspraken", args=[versie["id"]]),
        {"wat": "Boodschappen doen", "wie_soort": "client", "wie_persoon": ouder.pk, "doel": doel_id},
    )
    assert agreement.status_code == 201
    section = patch(
        client,
        reverse("api-planversie-detail", args=[versie["id"]]),
        {"onderdeel": "visie", "versie": versie["versie"], "visie_client": "Het gaat beter."},
    )
    assert section.status_code == 200
    agreed = post(
        client,
        reverse("api-planversie-vaststellen", args=[versie["id"]]),
        {"instemming_van": ouder.pk, "instemming_op": TODAY.isoformat(), "instemming_wijze": "gesprek"},
    )
    assert agreed.status_code == 200
    assert agreed.json()["status"] == "vastgesteld"
    traject.refresh_from_db()
    assert traject.status == Status.UITVOERING
    plan = client.get(reverse("api-gezinsplan-list"), {"traject": traject.pk}).json()["results"][0]
    assert [v["status"] for v in plan["versies"]] == ["vastgesteld"]


def test_bad_input_gets_400_with_field_errors(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker, afspraken=False)
    client = logged_in(gezinswerker)
    response = post(
        client, reverse("api-planversie-afspraken", args=[versie.pk]), {"wat": "Bellen", "wie_soort": "partner"}
    )
    assert response.status_code == 400
    assert "wie_naam" in response.json()
    plan = versie.plan
    vraag = versie.doelen.get().doel.schaalvragen.get()
    scores = post(
        client,
        reverse("api-gezinsplan-scores", args=[plan.pk]),
        {"datum": TODAY.isoformat(), "beoordelaar": "medewerker", "scores": [{"schaalvraag": vraag.pk, "waarde": 42}]},
    )
    assert scores.status_code == 400
    assert f"score_{vraag.pk}" in scores.json()


def test_a_plan_without_goals_cannot_be_agreed_400(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    client = logged_in(gezinswerker)
    versie = post(client, reverse("api-gezinsplan-list"), {"traject": traject.pk}).json()
    response = post(
        client,
        reverse("api-planversie-vaststellen", args=[versie["id"]]),
        {
            "instemming_van": traject.huishouden.personen.first().pk,
            "instemming_op": TODAY.isoformat(),
            "instemming_wijze": "gesprek",
        },
    )
    assert response.status_code == 400
    assert "zonder doelen" in response.json()["non_field_errors"][0]


def test_editing_a_vastgestelde_version_or_a_stale_goal_gets_409(team, gezinswerker):
    versie = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    client = logged_in(gezinswerker)
    response = post(client, reverse("api-planversie-doelen", args=[versie.pk]), {"omschrijving": "Te laat"})
    assert response.status_code == 409
    concept = post(client, reverse("api-gezinsplan-nieuwe-versie", args=[versie.plan_id]), {}).json()
    plan_doel = PlanDoel.objects.get(versie_id=concept["id"])
    url = reverse("api-plandoel-detail", args=[plan_doel.pk])
    assert patch(client, url, {"omschrijving": "Eerste", "versie": plan_doel.versie_teller}).status_code == 200
    stale = patch(client, url, {"omschrijving": "Tweede", "versie": plan_doel.versie_teller})
    assert stale.status_code == 409
    assert stale.json()["huidig"]["omschrijving"] == "Eerste"


def test_the_api_applies_the_trajects_permissions(team, gezinswerker, colleague, outsider):
    versie = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    plan_doel = versie.doelen.get()
    assert logged_in(colleague).get(reverse("api-planversie-detail", args=[versie.pk])).status_code == 200
    assert (
        post(logged_in(colleague), reverse("api-gezinsplan-nieuwe-versie", args=[versie.plan_id]), {}).status_code
        == 403
    )
    stranger = logged_in(outsider)
    for url in [
        reverse("api-gezinsplan-detail", args=[versie.plan_id]),
        reverse("api-planversie-detail", args=[versie.pk]),
        reverse("api-gezinsplan-evaluaties", args=[versie.plan_id]),
    ]:
        assert stranger.get(url).status_code == 404, url
    assert (
        patch(stranger, reverse("api-plandoel-detail", args=[plan_doel.pk]), {"omschrijving": "x"}).status_code == 404
    )
    assert stranger.get(reverse("api-gezinsplan-list")).json()["count"] == 0


def test_evaluations_and_agreement_status_through_the_api(team, gezinswerker):
    versie = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    client = logged_in(gezinswerker)
    doel = versie.doelen.get().doel
    response = post(
        client,
        reverse("api-gezinsplan-evaluaties", args=[versie.plan_id]),
        {
            "datum": TODAY.isoformat(),
            "samenvatting": "Goed",
            "antwoorden": [["Wat vindt het gezin van de hulp?", "Prima"]],
            "doelen": [{"doel": doel.pk, "status": "behaald", "voortgang": "Gelukt"}],
        },
    )
    assert response.status_code == 201
    assert response.json()["doelen"][0]["status"] == "behaald"
    afspraak = versie.afspraken.get().afspraak
    done = post(client, reverse("api-afspraak-status", args=[afspraak.pk]), {"status": "gedaan"})
    assert done.status_code == 204
    afspraak.refresh_from_db()
    assert afspraak.status == "gedaan"
