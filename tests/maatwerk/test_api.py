import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.maatwerk import statusflow
from boks.maatwerk.choices import AanvraagStatus
from boks.maatwerk.models import Aanvraag
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

from .factories import TODAY, aanvraag, doel_ids, pgb_soort, traject_met_plan

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def step(client, aanvraag_id, name, **data):
    return post(client, reverse("api-aanvraag-stap", args=[aanvraag_id, name]), data)


def new_pgb(traject, pgb, **overrides):
    data = {
        "traject": traject.pk,
        "soort": pgb.pk,
        "doelen": doel_ids(traject),
        "vraag": "Moeder raakt uitgeput.",
        "waarom_niet_regulier": "Wachtlijst.",
        "eigen_kracht": "Oma helpt.",
        "gevraagde_oplossing": "Begeleiding thuis.",
        "bedrag": "14400.00",
        "periode_van": (TODAY + datetime.timedelta(days=14)).isoformat(),
        "periode_tot": (TODAY + datetime.timedelta(days=378)).isoformat(),
        "indienen": True,
    }
    data.update(overrides)
    return data


def test_a_worker_submits_and_the_manager_decides_through_the_api(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    worker = logged_in(gezinswerker)
    soorten = worker.get(reverse("api-aanvraagsoort-list")).json()
    assert {item["code"] for item in soorten} >= {"pgb"}
    created = post(worker, reverse("api-aanvraag-list"), new_pgb(traject, soort))
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "ingediend" and body["termijn"] and body["mogelijke_stappen"] == ["intrekken"]
    boss = logged_in(manager)
    queue = boss.get(reverse("api-aanvraag-list"), {"wachtrij": "true"}).json()["results"]
    assert [item["id"] for item in queue] == [body["id"]]
    # The manager also works on the team's trajecten, so may withdraw it too.
    assert queue[0]["mogelijke_stappen"] == ["in_behandeling_nemen", "intrekken"]
    assert step(boss, body["id"], "in_behandeling_nemen").status_code == 200
    decided = step(boss, body["id"], "toekennen", reden="Goed onderbouwd.")
    assert decided.status_code == 200
    assert decided.json()["status"] == "toegekend" and decided.json()["toegekend_bedrag"] == "14400.00"
    assert worker.get(reverse("api-aanvraag-detail", args=[body["id"]])).json()["besluit_motivering"] == (
        "Goed onderbouwd."
    )


def test_bad_input_answers_400_with_field_errors_and_nothing_is_saved(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    client = logged_in(gezinswerker)
    for overrides, field in [
        ({"doelen": []}, "doelen"),
        ({"bedrag": None}, "bedrag"),
        ({"periode_van": None, "periode_tot": None}, "periode_tot"),
        ({"periode_tot": "2020-01-01"}, "periode_tot"),
        ({"soort": 999999}, "soort"),
    ]:
        response = post(client, reverse("api-aanvraag-list"), new_pgb(traject, soort, **overrides))
        assert response.status_code == 400, overrides
        assert field in response.json(), response.json()
    assert not Aanvraag.objects.exists()


def test_the_decision_endpoint_enforces_four_eyes_and_scope(team, gezinswerker, colleague, manager, outsider):
    MembershipFactory(team=team, user=UserFactory(), role=TeamRole.TEAMMANAGER)
    own = aanvraag(traject_met_plan(team, manager), manager, stappen=("indienen",))
    response = step(logged_in(manager), own.pk, "in_behandeling_nemen")
    assert response.status_code == 403
    assert "vier ogen" in response.json()["detail"]
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    refused = step(logged_in(colleague), made.pk, "toekennen", reden="Ja.")
    assert refused.status_code == 403 and "Je beoordeelt deze aanvraag niet" in refused.json()["detail"]
    assert step(logged_in(outsider), made.pk, "toekennen", reden="Ja.").status_code == 404
    no_reason = step(logged_in(manager), made.pk, "toekennen", reden="")
    assert no_reason.status_code == 400 and "reden" in no_reason.json()
    assert Aanvraag.objects.get(pk=made.pk).status == AanvraagStatus.IN_BEHANDELING


def test_a_second_besluit_answers_409(team, gezinswerker, manager):
    other = MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.TEAMMANAGER).user
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    assert step(logged_in(manager), made.pk, "toekennen", reden="Ja.").status_code == 200
    conflict = step(logged_in(other), made.pk, "afwijzen", reden="Nee.")
    assert conflict.status_code == 409
    assert conflict.json()["status"] == "toegekend"
    assert step(logged_in(manager), made.pk, "goedkeuren").status_code == 404


def test_changing_a_concept_needs_the_version_you_saw(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    made = aanvraag(traject, gezinswerker)
    client = logged_in(gezinswerker)
    url = reverse("api-aanvraag-detail", args=[made.pk])
    changed = patch(client, url, {"versie": made.versie, "aanbieder": "Lister"})
    assert changed.status_code == 200 and changed.json()["aanbieder"] == "Lister"
    assert changed.json()["vraag"] == made.vraag
    stale = patch(client, url, {"versie": made.versie, "aanbieder": "Youké"})
    assert stale.status_code == 409
    assert stale.json()["versie"] == made.versie + 1
    submitted = patch(client, url, {"versie": made.versie + 1, "stap": "indienen"})
    assert submitted.json()["status"] == "ingediend"
    assert patch(client, url, {"versie": made.versie + 2, "aanbieder": "X"}).status_code == 409


def test_attachments_through_the_api(team, gezinswerker):
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker)
    client = logged_in(gezinswerker)
    url = reverse("api-aanvraag-bijlagen", args=[made.pk])
    added = client.post(url, {"bestand": SimpleUploadedFile("advies.pdf", b"%PDF-1.7\n" + b"x" * 100)})
    assert added.status_code == 201 and added.json()["content_type"] == "application/pdf"
    refused = client.post(url, {"bestand": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 100)})
    assert refused.status_code == 400 and "bijlage" in refused.json()
    assert [item["naam"] for item in client.get(url).json()] == ["advies.pdf"]


def test_referrals_through_the_api(team, gezinswerker, outsider):
    traject = traject_met_plan(team, gezinswerker)
    client = logged_in(gezinswerker)
    created = post(
        client,
        reverse("api-verwijzing-list"),
        {
            "traject": traject.pk,
            "zorgvorm": "jeugd_diagnostiek",
            "aanbieder": "Kentalis",
            "startdatum": TODAY.isoformat(),
        },
    )
    assert created.status_code == 201 and created.json()["wettelijk_kader"] == "jeugdwet"
    url = reverse("api-verwijzing-detail", args=[created.json()["id"]])
    bad = patch(client, url, {"versie": 1, "einddatum": "2020-01-01"})
    assert bad.status_code == 400 and "einddatum" in bad.json()
    assert patch(client, url, {"versie": 1, "beschikking": "BS-1"}).json()["beschikking"] == "BS-1"
    assert logged_in(outsider).get(url).status_code == 404
    listed = client.get(reverse("api-verwijzing-list"), {"traject": traject.pk}).json()["results"]
    assert [item["aanbieder"] for item in listed] == ["Kentalis"]


def test_vervangingen_through_the_api(team, gezinswerker, manager, outsider):
    client = logged_in(manager)
    url = reverse("api-vervanging-list")
    tot = (TODAY + datetime.timedelta(days=3)).isoformat()
    assert post(client, url, {"vervanger": outsider.pk, "van": TODAY.isoformat(), "tot": tot}).status_code == 400
    created = post(client, url, {"vervanger": gezinswerker.pk, "van": TODAY.isoformat(), "tot": tot})
    assert created.status_code == 201 and created.json()["actief"]
    ended = post(client, reverse("api-vervanging-beeindigen", args=[created.json()["id"]]))
    assert ended.status_code == 200 and not ended.json()["actief"]
    assert post(client, reverse("api-vervanging-beeindigen", args=[created.json()["id"]])).status_code == 409
    assert (
        post(logged_in(gezinswerker), url, {"vervanger": manager.pk, "van": TODAY.isoformat(), "tot": tot}).status_code
        == 403
    )


def test_figures_are_for_managers_and_quality_staff(team, gezinswerker, manager, monkeypatch):
    monkeypatch.setattr(statusflow, "_today", lambda: datetime.date(2026, 4, 24))
    aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    url = reverse("api-aanvullende-zorg-cijfers-list")
    assert logged_in(gezinswerker).get(url).status_code == 403
    body = logged_in(manager).get(url, {"van": "2026-01-01", "tot": "2026-12-31"}).json()
    assert body["aanvragen"] == [
        {
            "soort_code": "maatwerk",
            "soort_naam": "Maatwerk",
            "status": "ingediend",
            "team_id": team.pk,
            "team": team.naam,
            "aantal": 1,
        }
    ]
    assert logged_in(manager).get(url, {"van": "2026-12-31", "tot": "2026-01-01"}).status_code == 400


def test_lists_use_a_constant_number_of_queries(team, gezinswerker, manager, django_assert_max_num_queries):
    traject = traject_met_plan(team, gezinswerker)
    aanvraag(traject, gezinswerker, stappen=("indienen",))
    client = logged_in(manager)
    urls = [reverse("api-aanvraag-list"), reverse("api-aanvraag-list") + "?wachtrij=1"]
    counts = []
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(30) as one:
            client.get(url)
        counts.append(len(one.captured_queries))
    for _ in range(6):
        aanvraag(traject, gezinswerker, stappen=("indienen", "in_behandeling_nemen"), beoordelaar=manager)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert len(client.get(url).json()["results"]) == 7
