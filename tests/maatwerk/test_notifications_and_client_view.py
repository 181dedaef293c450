from decimal import Decimal

import pytest
from django.urls import reverse

from boks.dossiers.selectors import timeline
from boks.maatwerk import selectors
from boks.maatwerk.choices import AanvraagStatus, Zorgvorm
from boks.maatwerk.models import Aanvraag, Verwijzing
from boks.maatwerk.services import VerwijzingData, register_verwijzing
from boks.notifications.models import Notification

from .factories import TODAY, aanvraag, pgb_soort, traject_met_plan

pytestmark = pytest.mark.django_db


def test_submitting_tells_the_assessors(team, gezinswerker, manager):
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    message = Notification.objects.get(recipient=manager)
    assert message.title == f"Aanvraag Maatwerk te beoordelen ({made.traject.dossiernummer})"
    assert message.url == reverse("maatwerk:aanvraag", args=[made.pk])
    assert not Notification.objects.filter(recipient=gezinswerker).exists()


def test_the_requester_hears_of_a_request_for_information_and_of_the_besluit(team, gezinswerker, manager):
    made = aanvraag(
        traject_met_plan(team, gezinswerker),
        gezinswerker,
        stappen=(
            "indienen",
            "in_behandeling_nemen",
            "informatie_vragen",
            "aanvullen",
            "in_behandeling_nemen",
            "afwijzen",
        ),
        beoordelaar=manager,
    )
    titles = list(Notification.objects.filter(recipient=gezinswerker).order_by("pk").values_list("title", "body"))
    nummer = made.traject.dossiernummer
    assert titles == [
        (f"Aanvullende informatie gevraagd: aanvraag Maatwerk ({nummer})", "Graag de offerte erbij."),
        (f"Besluit over je aanvraag Maatwerk ({nummer}): afgewezen", "Het reguliere aanbod past."),
    ]


def test_the_client_sees_status_and_besluit_but_no_internal_notes(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    soort = pgb_soort(team.organisatie)
    concept = aanvraag(traject, gezinswerker, soort)
    withdrawn_concept = aanvraag(traject, gezinswerker, soort, stappen=("intrekken",))
    decided = aanvraag(
        traject,
        gezinswerker,
        soort,
        stappen=("indienen", "in_behandeling_nemen", "informatie_vragen", "aanvullen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    from boks.maatwerk import statusflow

    statusflow.perform(
        aanvraag_id=decided.pk,
        stap="gedeeltelijk_toekennen",
        actor=manager,
        reden="Toegekend voor de begeleiding.",
        beoordeling_notitie="GEHEIM: twijfel over de rechtmatigheid.",
        toegekend_bedrag=Decimal("9000"),
    )
    register_verwijzing(
        actor=gezinswerker,
        traject=traject,
        data=VerwijzingData(
            zorgvorm=Zorgvorm.JEUGD_DIAGNOSTIEK, aanbieder="Kentalis", startdatum=TODAY, toelichting="GEHEIM intern"
        ),
    )
    view = selectors.client_view(traject)
    assert [item.id for item in view.aanvragen] == [decided.pk]
    shown = view.aanvragen[0]
    assert shown.status == AanvraagStatus.GEDEELTELIJK_TOEGEKEND
    assert shown.besluit_motivering == "Toegekend voor de begeleiding."
    assert shown.toegekend_bedrag == Decimal("9000")
    assert [stap.status for stap in shown.stappen] == [
        "ingediend",
        "in_behandeling",
        "info_gevraagd",
        "ingediend",
        "in_behandeling",
        "gedeeltelijk_toegekend",
    ]
    text = repr(view)
    for secret in ("GEHEIM", decided.vraag, decided.eigen_kracht, decided.waarom_niet_regulier, "Graag de offerte"):
        assert secret not in text
    assert view.verwijzingen[0].aanbieder == "Kentalis"
    assert {concept.pk, withdrawn_concept.pk}.isdisjoint(item.id for item in view.aanvragen)


def test_the_client_view_takes_three_queries(team, gezinswerker, manager, django_assert_num_queries):
    traject = traject_met_plan(team, gezinswerker)
    for _ in range(3):
        aanvraag(traject, gezinswerker, stappen=("indienen",))
    with django_assert_num_queries(3):
        selectors.client_view(traject)


def test_internal_texts_are_marked_and_never_in_the_client_fields():
    for model in (Aanvraag, Verwijzing):
        assert not set(model.INTERNE_VELDEN) & set(model.CLIENT_VELDEN)
        for name in model.INTERNE_VELDEN:
            assert "Intern" in str(model._meta.get_field(name).help_text)
        client_fields = {field.name for field in model._meta.get_fields()} & set(model.CLIENT_VELDEN)
        assert client_fields == set(model.CLIENT_VELDEN)


def test_the_clients_timeline_shows_every_step_with_only_the_besluits_motivation(team, gezinswerker, manager):
    traject = traject_met_plan(team, gezinswerker)
    aanvraag(
        traject,
        gezinswerker,
        stappen=(
            "indienen",
            "in_behandeling_nemen",
            "informatie_vragen",
            "aanvullen",
            "in_behandeling_nemen",
            "toekennen",
        ),
        beoordelaar=manager,
    )
    aanvraag(traject, gezinswerker, stappen=("intrekken",))
    titles = [
        event.titel for event in timeline(traject=traject, client_only=True) if event.soort.startswith("maatwerk")
    ]
    assert titles == [
        "Besluit over aanvraag Maatwerk: toegekend",
        "Aanvraag Maatwerk in behandeling genomen",
        "Aanvraag Maatwerk aangevuld en opnieuw ingediend",
        "Aanvullende informatie gevraagd bij aanvraag Maatwerk",
        "Aanvraag Maatwerk in behandeling genomen",
        "Aanvraag Maatwerk ingediend",
    ]
    descriptions = {
        event.soort: event.omschrijving for event in timeline(traject=traject) if event.soort.startswith("maatwerk")
    }
    assert descriptions.pop("maatwerk.aanvraag_toekennen") == "Goed onderbouwd."
    assert set(descriptions.values()) == {""}
