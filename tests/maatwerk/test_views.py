import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from boks.accounts.choices import TeamRole
from boks.gezinsplan import services as plan_services
from boks.gezinsplan.choices import Beoordelaar
from boks.maatwerk import services, statusflow
from boks.maatwerk.choices import AanvraagStatus, Routering
from boks.maatwerk.models import Aanvraag, Bijlage
from tests.conftest import logged_in
from tests.factories import MembershipFactory, TeamFactory, UserFactory

from .factories import (
    TODAY,
    AanvraagSoortFactory,
    BeoordelingsgroepFactory,
    aanvraag,
    doel_ids,
    pgb_soort,
    traject_met_plan,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"x" * 500


def second_manager(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.TEAMMANAGER).user


def pgb_form(traject, soort, **overrides) -> dict:
    data = {
        "soort": soort.pk,
        "doelen": doel_ids(traject),
        "vraag": "Moeder raakt uitgeput.",
        "waarom_niet_regulier": "Wachtlijst van een half jaar.",
        "eigen_kracht": "Oma helpt twee middagen.",
        "gevraagde_oplossing": "Begeleiding thuis, twaalf uur per week.",
        "aanbieder": "Zorgboerderij Griftenstein",
        "aanbieder_gecontracteerd": "nee",
        "bedrag": "14400",
        "periode_van": (TODAY + datetime.timedelta(days=14)).isoformat(),
        "periode_tot": (TODAY + datetime.timedelta(days=378)).isoformat(),
        "indienen": "1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_tab_lists_requests_and_referrals_and_offers_to_add_them(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    made = aanvraag(traject, gezinswerker, stappen=("indienen",))
    html = logged_in(gezinswerker).get(reverse("maatwerk:traject", args=[traject.pk])).content.decode()
    assert reverse("maatwerk:aanvraag", args=[made.pk]) in html
    assert "Elke ochtend op tijd naar school." in html
    assert "Aanvraag maken" in html and "Verwijzing registreren" in html


def test_without_a_plan_the_tab_sends_the_worker_to_the_plan(traject, gezinswerker):
    html = logged_in(gezinswerker).get(reverse("maatwerk:traject", args=[traject.pk])).content.decode()
    assert "schrijf eerst samen met het gezin het gezinsplan" in html
    assert "Aanvraag maken" not in html


def test_a_worker_submits_a_pgb_request_through_the_form(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    url = reverse("maatwerk:aanvraag_nieuw", args=[traject.pk])
    client = logged_in(gezinswerker)
    assert "Einddatum huidig PGB" in client.get(url, {"soort": soort.pk}).content.decode()
    response = client.post(url, pgb_form(traject, soort))
    made = Aanvraag.objects.get()
    assert response.status_code == 302 and response.url == reverse("maatwerk:aanvraag", args=[made.pk])
    assert made.status == AanvraagStatus.INGEDIEND
    assert list(made.doelen.values_list("pk", flat=True)) == doel_ids(traject)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"doelen": []}, "doelen", "Koppel de aanvraag aan minstens één doel uit het gezinsplan."),
        ({"bedrag": ""}, "bedrag", "Vul het gevraagde bedrag in"),
        ({"periode_tot": "2020-01-01"}, "periode_tot", "De einddatum ligt vóór de begindatum."),
    ],
)
def test_bad_input_comes_back_beside_its_field_and_nothing_is_saved(team, gezinswerker, overrides, field, message):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    response = logged_in(gezinswerker).post(
        reverse("maatwerk:aanvraag_nieuw", args=[traject.pk]), pgb_form(traject, soort, **overrides)
    )
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(rf'id="id_{field}_error">(.*?)</div>', html, re.S)
    assert error and escape(message) in error.group(1)
    assert "Oma helpt twee middagen." in html
    assert not Aanvraag.objects.exists()


def test_the_decision_page_shows_the_plan_beside_the_request(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    plan = traject.gezinsplan
    vraag = plan.doelen.get().schaalvragen.get()
    plan_services.record_scores(
        actor=gezinswerker,
        plan=plan,
        datum=TODAY,
        beoordelaar=Beoordelaar.CLIENT,
        persoon=traject.huishouden.personen.first(),
        scores=[plan_services.ScoreInvoer(vraag, 4)],
    )
    made = aanvraag(traject, gezinswerker, stappen=("indienen",))
    html = logged_in(manager).get(reverse("maatwerk:aanvraag", args=[made.pk])).content.decode()
    plan_part = html[html.index('class="mw-plan"') :]
    assert "Elke ochtend op tijd naar school." in plan_part
    assert escape(vraag.vraag) in plan_part and ">4<" in plan_part
    assert escape(traject.aanmeldvraag) in plan_part
    assert "In behandeling nemen" in html


def test_the_manager_decides_with_a_reason_and_the_requester_sees_it(team, gezinswerker, manager):
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    client = logged_in(manager)
    client.post(reverse("maatwerk:stap", args=[made.pk, "in_behandeling_nemen"]))
    url = reverse("maatwerk:stap", args=[made.pk, "besluiten"])
    without_reason = client.post(url, {"besluit": "toekennen", "reden": ""})
    assert without_reason.status_code == 400
    assert "Een besluit heeft een motivering nodig." in without_reason.content.decode()
    response = client.post(url, {"besluit": "toekennen", "reden": "Goed onderbouwd.", "beoordeling_notitie": "Intern."})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == AanvraagStatus.TOEGEKEND and made.besluit_motivering == "Goed onderbouwd."
    html = logged_in(gezinswerker).get(reverse("maatwerk:aanvraag", args=[made.pk])).content.decode()
    assert "Besluit: toegekend" in html and "Goed onderbouwd." in html


def test_four_eyes_the_manager_gets_no_decision_form_for_their_own_request_and_a_forged_post_is_refused(team, manager):
    second_manager(team)
    made = aanvraag(traject_met_plan(team, manager), manager, stappen=("indienen",))
    client = logged_in(manager)
    html = client.get(reverse("maatwerk:aanvraag", args=[made.pk])).content.decode()
    assert "Je hebt deze aanvraag zelf gedaan" in html
    assert "In behandeling nemen" not in html and "Besluit vastleggen" not in html
    response = client.post(reverse("maatwerk:stap", args=[made.pk, "in_behandeling_nemen"]))
    assert response.status_code == 403
    assert "vier ogen" in response.content.decode()
    assert Aanvraag.objects.get(pk=made.pk).status == AanvraagStatus.INGEDIEND


def test_deciding_outside_ones_scope_is_refused(team, gezinswerker, colleague, outsider, manager):
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    url = reverse("maatwerk:stap", args=[made.pk, "besluiten"])
    refused = logged_in(colleague).post(url, {"besluit": "toekennen", "reden": "Ik vind het goed."})
    assert refused.status_code == 403
    assert "Je beoordeelt deze aanvraag niet" in refused.content.decode()
    assert logged_in(outsider).post(url, {"besluit": "toekennen", "reden": "Ja."}).status_code == 404
    assert Aanvraag.objects.get(pk=made.pk).status == AanvraagStatus.IN_BEHANDELING


def test_the_second_assessor_gets_a_conflict_and_keeps_what_they_typed(team, gezinswerker, manager):
    other = second_manager(team)
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    statusflow.perform(aanvraag_id=made.pk, stap="toekennen", actor=manager, reden="Eerst.")
    response = logged_in(other).post(
        reverse("maatwerk:stap", args=[made.pk, "besluiten"]),
        {"besluit": "afwijzen", "reden": "Mijn lange motivering."},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "al besloten (toegekend door" in html
    assert Aanvraag.objects.get(pk=made.pk).besluit_motivering == "Eerst."


def test_asking_for_information_and_supplying_it(team, gezinswerker, manager):
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    logged_in(manager).post(
        reverse("maatwerk:stap", args=[made.pk, "informatie_vragen"]), {"informatie_vragen-reden": "Graag de offerte."}
    )
    made.refresh_from_db()
    assert made.status == AanvraagStatus.INFO_GEVRAAGD
    client = logged_in(gezinswerker)
    edit = reverse("maatwerk:aanvraag_bewerken", args=[made.pk])
    assert "Graag de offerte." in client.get(edit).content.decode()
    form = {
        "doelen": doel_ids(made.traject),
        "vraag": made.vraag,
        "waarom_niet_regulier": made.waarom_niet_regulier,
        "eigen_kracht": made.eigen_kracht,
        "gevraagde_oplossing": made.gevraagde_oplossing + " Offerte: 40 euro per uur.",
        "aanbieder": made.aanbieder,
        "aanbieder_gecontracteerd": "ja",
        "versie": made.versie,
        "aanvullen": "1",
    }
    without = client.post(edit, {**form, "reden": ""})
    assert without.status_code == 400 and "wat is er aangevuld?" in without.content.decode()
    client.post(edit, {**form, "reden": "De offerte staat erbij.", "bijlage": SimpleUploadedFile("offerte.pdf", PDF)})
    made.refresh_from_db()
    assert made.status == AanvraagStatus.INGEDIEND
    assert made.gevraagde_oplossing.endswith("40 euro per uur.")
    assert made.bijlagen.get().naam == "offerte.pdf"


def test_saving_over_a_newer_version_is_a_conflict_showing_the_saved_text(team, gezinswerker, colleague):
    traject = traject_met_plan(team, gezinswerker)
    made = aanvraag(traject, gezinswerker)
    services.update_aanvraag(
        actor=gezinswerker,
        aanvraag_id=made.pk,
        expected_versie=made.versie,
        data=services.AanvraagData(doelen=doel_ids(traject), vraag="Nieuwe tekst van de collega."),
    )
    response = logged_in(gezinswerker).post(
        reverse("maatwerk:aanvraag_bewerken", args=[made.pk]),
        {
            "doelen": doel_ids(traject),
            "vraag": "Mijn eigen tekst.",
            "aanbieder_gecontracteerd": "ja",
            "versie": made.versie,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nieuwe tekst van de collega." in html and "Mijn eigen tekst." in html


def test_attachments_are_checked_and_served_as_downloads(team, gezinswerker, manager, outsider):
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker)
    client = logged_in(gezinswerker)
    url = reverse("maatwerk:bijlage_toevoegen", args=[made.pk])
    client.post(url, {"bestand": SimpleUploadedFile("advies.pdf", PDF)})
    refused = client.post(
        url, {"bestand": SimpleUploadedFile("leuk.pdf", b"<html><script>alert(1)</script></html>")}, follow=True
    )
    assert "Dit soort bestand kan niet worden geüpload" in refused.content.decode()
    bijlage = Bijlage.objects.get()
    statusflow.perform(aanvraag_id=made.pk, stap="indienen", actor=gezinswerker)
    download = logged_in(manager).get(reverse("maatwerk:bijlage", args=[bijlage.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    assert logged_in(outsider).get(reverse("maatwerk:bijlage", args=[bijlage.pk])).status_code == 404
    late = client.post(url, {"bestand": SimpleUploadedFile("nog-een.pdf", PDF)}, follow=True)
    assert "zolang de aanvraag een concept is" in late.content.decode()


def test_the_queue_puts_the_earliest_deadline_first_and_overdue_ones_stand_out(
    team, gezinswerker, manager, monkeypatch
):
    traject = traject_met_plan(team, gezinswerker)
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    made = {}
    for name, days_ago in [("recent", 1), ("overdue", 30), ("middle", 5)]:
        monkeypatch.setattr(statusflow, "_today", lambda days_ago=days_ago: TODAY - datetime.timedelta(days=days_ago))
        made[name] = aanvraag(traject, gezinswerker, soort, stappen=("indienen",))
    response = logged_in(manager).get(reverse("maatwerk:aanvragen"))
    queue = [item.pk for item in response.context["wachtrij"]]
    assert queue == [made["overdue"].pk, made["middle"].pk, made["recent"].pk]
    assert response.context["te_laat"] == 1
    html = response.content.decode()
    assert html.count("mw-rij--te-laat") == 1
    assert "1 over de termijn" in html


def test_the_worker_sees_their_requests_and_the_besluit_on_the_aanvragen_page(team, gezinswerker, manager):
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=("indienen", "in_behandeling_nemen", "afwijzen"),
        beoordelaar=manager,
    )
    response = logged_in(gezinswerker).get(reverse("maatwerk:aanvragen"))
    assert not response.context["is_beoordelaar"]
    assert list(response.context["page"].object_list) == [made]
    assert "Afgewezen" in response.content.decode()


def query_count(client, url, django_assert_max_num_queries) -> int:
    client.get(url)
    with django_assert_max_num_queries(60) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_pages_use_a_constant_number_of_queries(team, gezinswerker, manager, django_assert_max_num_queries):
    traject = traject_met_plan(team, gezinswerker, goals=("Eerste doel.", "Tweede doel."))
    soort = AanvraagSoortFactory(organisatie=team.organisatie)
    first = aanvraag(traject, gezinswerker, soort, stappen=("indienen", "in_behandeling_nemen"), beoordelaar=manager)
    services.register_verwijzing(
        actor=gezinswerker,
        traject=traject,
        data=services.VerwijzingData(zorgvorm="jeugd_dyslexie", aanbieder="Opvoedpoli", startdatum=TODAY),
    )
    pages = [
        (manager, reverse("maatwerk:aanvragen")),
        (gezinswerker, reverse("maatwerk:aanvragen")),
        (gezinswerker, reverse("maatwerk:traject", args=[traject.pk])),
        (manager, reverse("maatwerk:aanvraag", args=[first.pk])),
    ]
    with_one = [query_count(logged_in(user), url, django_assert_max_num_queries) for user, url in pages]
    for _ in range(8):
        extra = aanvraag(traject, gezinswerker, soort, stappen=("indienen",))
        services.register_verwijzing(
            actor=gezinswerker,
            traject=traject,
            data=services.VerwijzingData(zorgvorm="wmo_begeleiding", aanbieder="Lister", startdatum=TODAY),
        )
        statusflow.perform(aanvraag_id=extra.pk, stap="in_behandeling_nemen", actor=manager)
    for _ in range(3):
        statusflow.perform(aanvraag_id=first.pk, stap="informatie_vragen", actor=manager, reden="Meer graag.")
        services.add_bijlage(actor=gezinswerker, aanvraag_id=first.pk, bestand=SimpleUploadedFile("extra.pdf", PDF))
        statusflow.perform(aanvraag_id=first.pk, stap="aanvullen", actor=gezinswerker, reden="Hier.")
        statusflow.perform(aanvraag_id=first.pk, stap="in_behandeling_nemen", actor=manager)
    with_many = [query_count(logged_in(user), url, django_assert_max_num_queries) for user, url in pages]
    assert with_many == with_one


def test_the_menu_shows_aanvragen_to_workers_and_assessors(team, gezinswerker):
    beheerder = MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.FUNCTIONEEL_BEHEERDER).user
    assert "Aanvragen" in logged_in(gezinswerker).get(reverse("dossiers:caseload")).content.decode()
    assert logged_in(beheerder).get(reverse("maatwerk:aanvragen")).status_code == 403


def test_a_manager_names_a_vervanger_on_the_vervanging_page(team, gezinswerker, manager, colleague):
    client = logged_in(manager)
    url = reverse("maatwerk:vervanging")
    bad = client.post(url, {"vervanger": colleague.pk, "van": TODAY.isoformat(), "tot": "2020-01-01"})
    assert bad.status_code == 400 and "De einddatum ligt vóór de begindatum." in bad.content.decode()
    client.post(
        url,
        {"vervanger": colleague.pk, "van": TODAY.isoformat(), "tot": (TODAY + datetime.timedelta(days=5)).isoformat()},
    )
    assert colleague.maatwerk_vervangt.get().afwezige == manager
    assert logged_in(gezinswerker).get(url).status_code == 403


def test_a_worker_registers_and_updates_a_referral(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    client = logged_in(gezinswerker)
    url = reverse("maatwerk:verwijzing_nieuw", args=[traject.pk])
    bad = client.post(
        url,
        {
            "zorgvorm": "wmo_begeleiding",
            "wettelijk_kader": "jeugdwet",
            "aanbieder": "Lister",
            "startdatum": TODAY.isoformat(),
        },
    )
    assert bad.status_code == 400 and "valt onder de Wmo" in bad.content.decode()
    client.post(url, {"zorgvorm": "wmo_begeleiding", "aanbieder": "Lister", "startdatum": TODAY.isoformat()})
    verwijzing = traject.verwijzingen.get()
    edit = reverse("maatwerk:verwijzing", args=[verwijzing.pk])
    client.post(
        edit,
        {
            "zorgvorm": "wmo_begeleiding",
            "aanbieder": "Lister",
            "startdatum": TODAY.isoformat(),
            "beschikking": "BS-9",
            "versie": 1,
        },
    )
    verwijzing.refresh_from_db()
    assert verwijzing.beschikking == "BS-9"


def test_reading_a_request_and_downloading_an_attachment_are_in_the_access_log(team, gezinswerker, manager):
    from boks.audit.models import Toegang

    beoordelaar = MembershipFactory(
        team=TeamFactory(organisatie=team.organisatie), user=UserFactory(with_totp=True), role=TeamRole.PGB_BEOORDELAAR
    ).user
    groep = BeoordelingsgroepFactory(organisatie=team.organisatie, leden=[beoordelaar])
    soort = pgb_soort(team.organisatie, routering=Routering.BEOORDELINGSGROEP, beoordelingsgroep=groep)
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, soort)
    services.add_bijlage(actor=gezinswerker, aanvraag_id=made.pk, bestand=SimpleUploadedFile("advies.pdf", PDF))
    statusflow.perform(aanvraag_id=made.pk, stap="indienen", actor=gezinswerker)
    client = logged_in(beoordelaar)
    client.get(reverse("maatwerk:aanvraag", args=[made.pk]))
    client.get(reverse("maatwerk:bijlage", args=[made.bijlagen.get().pk]))
    entries = Toegang.objects.filter(gebruiker=beoordelaar)
    read = entries.get(actie="lezen", object_type="maatwerk.aanvraag")
    assert read.traject_id == made.traject_id and read.reden == "Beoordelaar van de aanvraag"
    assert entries.filter(actie="lezen", object_type="gezinsplan.planversie").exists()
    assert entries.filter(actie="downloaden", object_type="maatwerk.bijlage").exists()


def test_submitting_when_nobody_could_assess_keeps_the_typed_text(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    client = logged_in(gezinswerker)
    new = client.post(
        reverse("maatwerk:aanvraag_nieuw", args=[traject.pk]), pgb_form(traject, soort, vraag="Mijn getypte vraag.")
    )
    assert new.status_code == 400
    assert "Niemand kan deze aanvraag nu beoordelen" in new.content.decode()
    assert "Mijn getypte vraag." in new.content.decode()
    assert not Aanvraag.objects.exists()
    concept = aanvraag(traject, gezinswerker, soort)
    edit = client.post(
        reverse("maatwerk:aanvraag_bewerken", args=[concept.pk]),
        {**pgb_form(traject, soort, vraag="Nieuwe versie van de vraag."), "versie": concept.versie},
    )
    assert edit.status_code == 409
    assert "Nieuwe versie van de vraag." in edit.content.decode()
    concept.refresh_from_db()
    assert concept.status == AanvraagStatus.CONCEPT and concept.vraag != "Nieuwe versie van de vraag."
