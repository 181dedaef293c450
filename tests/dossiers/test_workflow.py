import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from boks.dossiers import workflow
from boks.dossiers.choices import Afsluitreden, RedenVertraging, Status, ZelfstandigVerder
from boks.dossiers.errors import TransitionNotAllowed
from boks.dossiers.models import TijdlijnGebeurtenis, Traject, Werkafspraken
from tests.conftest import require
from tests.factories import TrajectFactory

TODAY = timezone.localdate()
AFSLUITEN = {
    "datum": TODAY,
    "afsluitreden": Afsluitreden.VOLGENS_PLAN,
    "zelfstandig_verder": ZelfstandigVerder.JA,
    "rapportcijfer": 8,
}
VALID_DATA = {
    "kennismaking_plannen": {"datum": TODAY},
    "kennismaking_vastleggen": {"datum": TODAY, "reden_vertraging": RedenVertraging.OP_VERZOEK_KLANT},
    "begeleiding_starten": {"datum": TODAY},
    "uitvoering_starten": {"datum": TODAY},
    "afsluiten": AFSLUITEN,
    "heropenen": {"reden": "Nieuwe zorgen over school."},
}
ALLOWED = {
    (Status.AANGEMELD, "kennismaking_plannen"): Status.KENNISMAKING,
    (Status.KENNISMAKING, "kennismaking_plannen"): Status.KENNISMAKING,
    (Status.AANGEMELD, "kennismaking_vastleggen"): Status.WACHTEND,
    (Status.KENNISMAKING, "kennismaking_vastleggen"): Status.WACHTEND,
    (Status.WACHTEND, "begeleiding_starten"): Status.PLAN,
    (Status.PLAN, "uitvoering_starten"): Status.UITVOERING,
    **{(status, "afsluiten"): Status.AFGESLOTEN for status in Status if status != Status.AFGESLOTEN},
    (Status.AFGESLOTEN, "heropenen"): Status.UITVOERING,
}


def traject_in(status, team, regisseur):
    """A traject whose dates fit `status`, as the workflow would have left it."""
    day = TODAY - datetime.timedelta(days=20)
    fields = {"status": status, "aanmelddatum": day - datetime.timedelta(days=10)}
    if status not in (Status.AANGEMELD, Status.KENNISMAKING):
        fields.update(kennismaking_op=day, werkdagen_tot_kennismaking=3)
    if status in (Status.PLAN, Status.UITVOERING, Status.AFGESLOTEN):
        fields["begeleiding_gestart_op"] = day
    if status == Status.AFGESLOTEN:
        fields.update(
            afgesloten_op=TODAY - datetime.timedelta(days=2),
            afsluitreden=Afsluitreden.VOLGENS_PLAN,
            zelfstandig_verder=ZelfstandigVerder.JA,
            status_voor_afsluiten=Status.UITVOERING,
        )
    return TrajectFactory(team=team, regisseur=regisseur, **fields)


@pytest.fixture
def without_other_apps_guards(monkeypatch):
    """The workflow's own rules; the guards other apps register are tested in those apps."""
    monkeypatch.setattr(workflow, "_guards", {})


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("name", list(workflow.TRANSITIONS))
def test_every_transition_from_every_status(status, name, team, gezinswerker, without_other_apps_guards):
    traject = traject_in(status, team, gezinswerker)
    expected = ALLOWED.get((status, name))
    if expected is None:
        with pytest.raises(TransitionNotAllowed) as refusal:
            workflow.perform(traject_id=traject.pk, name=name, actor=gezinswerker, **VALID_DATA[name])
        assert "kan niet" in refusal.value.message
        traject.refresh_from_db()
        assert traject.status == status
    else:
        workflow.perform(traject_id=traject.pk, name=name, actor=gezinswerker, **VALID_DATA[name])
        traject.refresh_from_db()
        assert traject.status == expected


def test_each_step_writes_a_timeline_event_with_actor_and_time(traject, gezinswerker):
    workflow.perform(traject_id=traject.pk, name="kennismaking_plannen", actor=gezinswerker, datum=TODAY)
    event = TijdlijnGebeurtenis.objects.get(traject=traject, soort="dossiers.kennismaking_plannen")
    assert event.actor == gezinswerker
    assert timezone.localdate(event.plaatsgevonden_op) == TODAY
    assert "Kennismaking gepland" in event.titel


def test_kennismaking_records_werkdagen_and_kalenderdagen(team, gezinswerker):
    traject = TrajectFactory(team=team, regisseur=gezinswerker, aanmelddatum=datetime.date(2026, 4, 24))
    workflow.perform(
        traject_id=traject.pk, name="kennismaking_vastleggen", actor=gezinswerker, datum=datetime.date(2026, 4, 30)
    )
    traject.refresh_from_db()
    assert (traject.werkdagen_tot_kennismaking, traject.kalenderdagen_tot_kennismaking) == (3, 6)
    assert traject.reden_vertraging == ""


def test_kennismaking_over_the_norm_needs_a_reden(team, gezinswerker):
    traject = TrajectFactory(team=team, regisseur=gezinswerker, aanmelddatum=datetime.date(2026, 3, 2))
    with pytest.raises(ValidationError) as error:
        workflow.perform(
            traject_id=traject.pk, name="kennismaking_vastleggen", actor=gezinswerker, datum=datetime.date(2026, 3, 13)
        )
    assert "later dan de norm van 5" in error.value.message_dict["reden_vertraging"][0]
    workflow.perform(
        traject_id=traject.pk,
        name="kennismaking_vastleggen",
        actor=gezinswerker,
        datum=datetime.date(2026, 3, 13),
        reden_vertraging=RedenVertraging.AGENDA_PARTNERS,
    )
    traject.refresh_from_db()
    assert traject.werkdagen_tot_kennismaking == 9
    assert traject.reden_vertraging == RedenVertraging.AGENDA_PARTNERS


def test_the_norm_is_a_setting_of_the_organisation(team, gezinswerker):
    Werkafspraken.objects.create(organisatie=team.organisatie, kennismaking_norm_werkdagen=10)
    traject = TrajectFactory(team=team, regisseur=gezinswerker, aanmelddatum=datetime.date(2026, 3, 2))
    workflow.perform(
        traject_id=traject.pk, name="kennismaking_vastleggen", actor=gezinswerker, datum=datetime.date(2026, 3, 13)
    )
    traject.refresh_from_db()
    assert traject.status == Status.WACHTEND


def test_a_held_kennismaking_cannot_lie_in_the_future(traject, gezinswerker):
    with pytest.raises(ValidationError) as error:
        workflow.perform(
            traject_id=traject.pk,
            name="kennismaking_vastleggen",
            actor=gezinswerker,
            datum=TODAY + datetime.timedelta(days=1),
        )
    assert error.value.message_dict["datum"] == ["Een gehouden kennismaking kan niet in de toekomst liggen."]


def test_a_kennismaking_cannot_be_before_the_aanmelding(traject, gezinswerker):
    for name in ("kennismaking_plannen", "kennismaking_vastleggen"):
        with pytest.raises(ValidationError) as error:
            workflow.perform(
                traject_id=traject.pk,
                name=name,
                actor=gezinswerker,
                datum=traject.aanmelddatum - datetime.timedelta(days=1),
            )
        assert error.value.message_dict["datum"] == ["De kennismaking kan niet vóór de aanmelding liggen."]


def test_begeleiding_needs_a_regisseur(team, gezinswerker, manager):
    traject = traject_in(Status.WACHTEND, team, None)
    with pytest.raises(ValidationError) as error:
        workflow.perform(traject_id=traject.pk, name="begeleiding_starten", actor=manager, datum=TODAY)
    assert "regisseur" in error.value.message_dict


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"afsluitreden": ""}, "afsluitreden", "Kies de reden van afsluiten."),
        ({"zelfstandig_verder": "misschien"}, "zelfstandig_verder", "Geef aan of de cliënt zelfstandig verder kan."),
        ({"rapportcijfer": 11}, "rapportcijfer", "Een rapportcijfer is een heel getal van 1 tot en met 10."),
        ({"datum": TODAY + datetime.timedelta(days=1)}, "datum", "De afsluitdatum kan niet in de toekomst liggen."),
    ],
)
def test_afsluiten_is_refused_with_a_field_error(change, field, message, traject, gezinswerker):
    with pytest.raises(ValidationError) as error:
        workflow.perform(traject_id=traject.pk, name="afsluiten", actor=gezinswerker, **{**AFSLUITEN, **change})
    assert error.value.message_dict[field] == [message]
    traject.refresh_from_db()
    assert traject.status == Status.AANGEMELD


def test_afsluiten_records_reden_zelfstandigheid_and_cijfer(traject, gezinswerker):
    workflow.perform(traject_id=traject.pk, name="afsluiten", actor=gezinswerker, **AFSLUITEN)
    traject.refresh_from_db()
    assert (traject.afsluitreden, traject.zelfstandig_verder, traject.rapportcijfer) == ("volgens_plan", "ja", 8)
    assert traject.afgesloten_op == TODAY


def test_heropenen_returns_to_the_status_before_afsluiten_and_clears_the_closing(team, gezinswerker):
    traject = traject_in(Status.AFGESLOTEN, team, gezinswerker)
    workflow.perform(traject_id=traject.pk, name="heropenen", actor=gezinswerker, reden="Nieuwe vraag over school")
    traject.refresh_from_db()
    assert traject.status == Status.UITVOERING
    assert traject.afsluitreden == "" and traject.afgesloten_op is None


def test_heropenen_needs_a_reden(team, gezinswerker):
    traject = traject_in(Status.AFGESLOTEN, team, gezinswerker)
    with pytest.raises(ValidationError):
        workflow.perform(traject_id=traject.pk, name="heropenen", actor=gezinswerker, reden="  ")


def test_heropenen_is_refused_after_the_period(team, gezinswerker):
    traject = traject_in(Status.AFGESLOTEN, team, gezinswerker)
    Traject.objects.filter(pk=traject.pk).update(afgesloten_op=TODAY - datetime.timedelta(days=91))
    with pytest.raises(TransitionNotAllowed) as refusal:
        workflow.perform(traject_id=traject.pk, name="heropenen", actor=gezinswerker, reden="Toch nog iets")
    assert "Meld de cliënt opnieuw aan" in refusal.value.message


def test_only_regisseur_or_manager_may_heropenen(team, gezinswerker, colleague, manager):
    traject = traject_in(Status.AFGESLOTEN, team, gezinswerker)
    traject.betrokkenen.add(colleague)
    with pytest.raises(PermissionDenied):
        workflow.perform(traject_id=traject.pk, name="heropenen", actor=colleague, reden="Waarom niet")
    workflow.perform(traject_id=traject.pk, name="heropenen", actor=manager, reden="Op verzoek van moeder")


def test_a_colleague_who_is_not_involved_cannot_move_the_workflow(traject, colleague):
    with pytest.raises(PermissionDenied):
        workflow.perform(traject_id=traject.pk, name="kennismaking_plannen", actor=colleague, datum=TODAY)


def test_the_second_of_two_identical_steps_is_refused(traject, gezinswerker):
    workflow.perform(traject_id=traject.pk, name="afsluiten", actor=gezinswerker, **AFSLUITEN)
    with pytest.raises(TransitionNotAllowed) as refusal:
        workflow.perform(traject_id=traject.pk, name="afsluiten", actor=gezinswerker, **AFSLUITEN)
    assert "Afgesloten" in refusal.value.message
    assert TijdlijnGebeurtenis.objects.filter(traject=traject, soort="dossiers.afsluiten").count() == 1


def test_a_guard_registered_by_another_app_can_refuse_a_step(team, gezinswerker, monkeypatch):
    monkeypatch.setattr(workflow, "_guards", {})
    workflow.register_guard("uitvoering_starten", lambda traject: "Stel eerst het gezinsplan vast.")
    traject = traject_in(Status.PLAN, team, gezinswerker)
    with pytest.raises(TransitionNotAllowed, match="Stel eerst het gezinsplan vast"):
        workflow.perform(traject_id=traject.pk, name="uitvoering_starten", actor=gezinswerker, datum=TODAY)


@pytest.mark.django_db(transaction=True)
def test_two_people_closing_at_the_same_moment_cannot_both_succeed(team, gezinswerker, manager):
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to test row locking")
    traject = traject_in(Status.UITVOERING, team, gezinswerker)
    results = []
    barrier = threading.Barrier(2)

    def close(actor):
        barrier.wait()
        try:
            workflow.perform(traject_id=traject.pk, name="afsluiten", actor=actor, **AFSLUITEN)
            results.append("ok")
        except TransitionNotAllowed:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(actor,)) for actor in (gezinswerker, manager)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    assert TijdlijnGebeurtenis.objects.filter(traject=traject, soort="dossiers.afsluiten").count() == 1
