import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boks.dossiers import services
from boks.dossiers.choices import ContactSoort, RedenNietZichtbaar, Status
from boks.dossiers.errors import EditConflict, TransitionNotAllowed
from boks.dossiers.models import Contactmoment, TijdlijnGebeurtenis
from tests.conftest import logged_in


def entry_data(**changes):
    return services.ContactmomentData(
        **{
            "plaatsgevonden_op": timezone.now() - datetime.timedelta(hours=2),
            "soort": ContactSoort.HUISBEZOEK,
            "tekst": "Thuis gesproken met moeder en Yara.",
            "deelnemers": "moeder, Yara",
            "duur_minuten": 60,
            **changes,
        }
    )


def test_a_journal_entry_is_client_visible_by_default_and_on_the_timeline(traject, gezinswerker):
    entry = services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())
    assert entry.zichtbaar_voor_client
    event = TijdlijnGebeurtenis.objects.get(soort="dossiers.contactmoment")
    assert event.bron == entry and event.zichtbaar_voor_client
    assert event.omschrijving == "Thuis gesproken met moeder en Yara."


def test_hiding_an_entry_from_the_client_needs_a_reason_that_is_recorded(traject, gezinswerker):
    with pytest.raises(ValidationError) as error:
        services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data(zichtbaar_voor_client=False))
    assert "reden_niet_zichtbaar" in error.value.message_dict
    entry = services.write_contactmoment(
        actor=gezinswerker,
        traject=traject,
        data=entry_data(zichtbaar_voor_client=False, reden_niet_zichtbaar=RedenNietZichtbaar.VEILIGHEID_KIND),
    )
    assert entry.reden_niet_zichtbaar == RedenNietZichtbaar.VEILIGHEID_KIND
    assert not TijdlijnGebeurtenis.objects.get(soort="dossiers.contactmoment").zichtbaar_voor_client


def test_an_entry_cannot_lie_in_the_future(traject, gezinswerker):
    with pytest.raises(ValidationError) as error:
        services.write_contactmoment(
            actor=gezinswerker,
            traject=traject,
            data=entry_data(plaatsgevonden_op=timezone.now() + datetime.timedelta(days=1)),
        )
    assert "plaatsgevonden_op" in error.value.message_dict


def test_a_closed_traject_takes_no_new_entries(traject, gezinswerker):
    traject.status = Status.AFGESLOTEN
    traject.afsluitreden = "volgens_plan"
    traject.save()
    with pytest.raises(TransitionNotAllowed, match="afgesloten"):
        services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())


def test_a_colleague_who_is_not_involved_cannot_write(traject, colleague):
    with pytest.raises(PermissionDenied):
        services.write_contactmoment(actor=colleague, traject=traject, data=entry_data())


def test_the_author_corrects_within_the_period_and_the_history_keeps_the_old_text(traject, gezinswerker):
    entry = services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())
    corrected = services.correct_contactmoment(
        actor=gezinswerker, contactmoment_id=entry.pk, expected_versie=1, data=entry_data(tekst="Verbeterde tekst.")
    )
    assert corrected.versie == 2
    assert [h.tekst for h in corrected.history.order_by("history_date")] == [
        "Thuis gesproken met moeder en Yara.",
        "Verbeterde tekst.",
    ]
    assert TijdlijnGebeurtenis.objects.get(soort="dossiers.contactmoment").omschrijving == "Verbeterde tekst."


def test_after_the_correction_period_an_entry_is_immutable(traject, gezinswerker):
    entry = services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())
    Contactmoment.objects.filter(pk=entry.pk).update(aangemaakt_op=timezone.now() - datetime.timedelta(minutes=61))
    with pytest.raises(TransitionNotAllowed, match="correctietermijn"):
        services.correct_contactmoment(
            actor=gezinswerker, contactmoment_id=entry.pk, expected_versie=1, data=entry_data(tekst="Te laat")
        )
    entry.refresh_from_db()
    assert entry.tekst == "Thuis gesproken met moeder en Yara."


def test_a_correction_of_an_old_entry_is_a_new_entry_pointing_at_it(traject, gezinswerker):
    entry = services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())
    correction = services.write_contactmoment(
        actor=gezinswerker, traject=traject, data=entry_data(tekst="Aanvulling: ook vader was erbij."), corrigeert=entry
    )
    assert correction.corrigeert == entry


def test_only_the_author_corrects(traject, gezinswerker, manager):
    entry = services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())
    with pytest.raises(PermissionDenied):
        services.correct_contactmoment(
            actor=manager, contactmoment_id=entry.pk, expected_versie=1, data=entry_data(tekst="Van een ander")
        )


def test_the_second_of_two_saves_gets_a_conflict_and_overwrites_nothing(traject, gezinswerker):
    entry = services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())
    services.correct_contactmoment(
        actor=gezinswerker, contactmoment_id=entry.pk, expected_versie=1, data=entry_data(tekst="Eerste")
    )
    with pytest.raises(EditConflict, match="intussen opgeslagen"):
        services.correct_contactmoment(
            actor=gezinswerker, contactmoment_id=entry.pk, expected_versie=1, data=entry_data(tekst="Tweede")
        )
    entry.refresh_from_db()
    assert entry.tekst == "Eerste"


def test_the_edit_page_shows_the_conflict_in_dutch_with_status_409(traject, gezinswerker):
    entry = services.write_contactmoment(actor=gezinswerker, traject=traject, data=entry_data())
    services.correct_contactmoment(
        actor=gezinswerker, contactmoment_id=entry.pk, expected_versie=1, data=entry_data(tekst="Eerste")
    )
    response = logged_in(gezinswerker).post(
        reverse("dossiers:contactmoment_edit", args=[entry.pk]),
        {
            "plaatsgevonden_op": timezone.localtime(entry.plaatsgevonden_op).strftime("%Y-%m-%dT%H:%M"),
            "soort": "gesprek",
            "tekst": "Tweede",
            "zichtbaar_voor_client": "on",
            "versie": 1,
        },
    )
    assert response.status_code == 409
    assert "Iemand anders heeft dit contactmoment intussen opgeslagen" in response.content.decode()
    entry.refresh_from_db()
    assert entry.tekst == "Eerste"
