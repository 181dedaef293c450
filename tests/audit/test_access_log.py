import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boks.audit import log
from boks.audit.choices import Actie, Grondslag, Kanaal
from boks.audit.models import AppendOnlyError, Toegang
from boks.dossiers import workflow
from tests.conftest import logged_in, require
from tests.factories import TeamFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def test_opening_a_traject_is_logged_with_who_what_and_why(traject, gezinswerker):
    logged_in(gezinswerker).get(reverse("dossiers:traject", args=[traject.pk]), REMOTE_ADDR="10.1.2.3")
    entry = Toegang.objects.get(actie=Actie.LEZEN, object_type="dossiers.traject")
    assert entry.gebruiker == gezinswerker
    assert (entry.huishouden_id, entry.traject_id) == (traject.huishouden_id, traject.pk)
    assert (entry.kanaal, entry.grondslag, entry.ip) == (Kanaal.UI, Grondslag.EIGEN_CASELOAD, "10.1.2.3")
    assert entry.team == traject.team.naam
    assert entry.rol == "Gezinswerker / buurtteammedewerker"
    assert entry.pad == reverse("dossiers:traject", args=[traject.pk])


def test_a_colleague_reads_on_the_basis_of_the_team(traject, colleague):
    logged_in(colleague).get(reverse("dossiers:traject", args=[traject.pk]))
    assert Toegang.objects.get(actie=Actie.LEZEN, gebruiker=colleague).grondslag == Grondslag.TEAM


def test_the_api_is_a_channel_of_its_own(traject, gezinswerker):
    logged_in(gezinswerker).get(reverse("api-traject-detail", args=[traject.pk]))
    assert Toegang.objects.get(actie=Actie.LEZEN).kanaal == Kanaal.API


def test_a_page_writes_its_log_entries_in_one_insert(traject, gezinswerker):
    client = logged_in(gezinswerker)
    client.get(reverse("dossiers:traject", args=[traject.pk]))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("dossiers:traject", args=[traject.pk]))
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "audit_toegang"')]
    assert len(inserts) == 1


def test_a_refused_read_leaves_no_read_in_the_log(traject, outsider):
    assert logged_in(outsider).get(reverse("dossiers:traject", args=[traject.pk])).status_code == 404
    assert not Toegang.objects.filter(traject_id=traject.pk).exists()


def test_changes_are_logged_through_the_timeline(traject, gezinswerker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(
            traject_id=traject.pk, name="kennismaking_plannen", actor=gezinswerker, datum=timezone.localdate()
        )
    entry = Toegang.objects.get(actie=Actie.WIJZIGEN, traject_id=traject.pk)
    assert entry.kanaal == Kanaal.TAAK  # outside a request, as a task or command would
    assert "Kennismaking gepland" in entry.omschrijving


def test_a_search_is_logged(gezinswerker):
    logged_in(gezinswerker).get(reverse("dossiers:caseload"), {"q": "Jansen"})
    assert Toegang.objects.get(actie=Actie.ZOEKEN).omschrijving == "Zoeken op 'Jansen'"


def test_the_application_cannot_change_or_delete_a_log_entry(traject, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        log.record(Actie.LEZEN, traject=traject, omschrijving="x")
    entry = Toegang.objects.get()
    entry.omschrijving = "anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_database_refuses_updates_and_deletes(traject, django_capture_on_commit_callbacks):
    require(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL to test the append-only trigger")
    with django_capture_on_commit_callbacks(execute=True):
        log.record(Actie.LEZEN, traject=traject, omschrijving="x")
    with pytest.raises(DatabaseError, match="alleen worden aangevuld"), transaction.atomic():
        Toegang.objects.update(omschrijving="weggepoetst")
    with pytest.raises(DatabaseError, match="alleen worden aangevuld"), transaction.atomic():
        Toegang.objects.all().delete()
    assert Toegang.objects.get().omschrijving == "x"


def test_reading_the_same_traject_twice_in_one_request_is_one_entry(team, gezinswerker):
    traject = TrajectFactory(team=team, regisseur=gezinswerker)
    logged_in(gezinswerker).get(reverse("gezinsplan:plan", args=[traject.pk]))
    assert Toegang.objects.filter(actie=Actie.LEZEN, object_type="dossiers.traject").count() == 1


def test_a_list_of_trajecten_reads_each_traject_it_shows_in_one_insert(team, gezinswerker):
    shown = [TrajectFactory(team=team, regisseur=gezinswerker) for _ in range(3)]
    client = logged_in(gezinswerker)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("dossiers:caseload"))
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "audit_toegang"')]
    assert len(inserts) == 1
    logged = Toegang.objects.filter(gebruiker=gezinswerker, actie=Actie.LEZEN, omschrijving__startswith="Mijn caseload")
    assert {entry.traject_id for entry in logged} == {traject.pk for traject in shown}
    assert {entry.grondslag for entry in logged} == {Grondslag.EIGEN_CASELOAD}


def test_the_api_list_reads_the_trajecten_of_its_page(team, gezinswerker):
    shown = TrajectFactory(team=team, regisseur=gezinswerker)
    logged_in(gezinswerker).get(reverse("api-traject-list"))
    entry = Toegang.objects.get(traject_id=shown.pk, actie=Actie.LEZEN)
    assert (entry.kanaal, entry.omschrijving) == (Kanaal.API, f"Lijst via de API: {shown.dossiernummer}")


def test_a_vervanger_reading_a_request_is_logged_on_behalf_of_the_one_replaced(team, gezinswerker, manager):
    from tests.factories import MembershipFactory, UserFactory
    from tests.maatwerk.factories import VervangingFactory, aanvraag, traject_met_plan

    elsewhere = TeamFactory(organisatie=team.organisatie)
    vervanger = MembershipFactory(team=elsewhere, user=UserFactory(with_totp=True), role="teammanager").user
    VervangingFactory(afwezige=manager, vervanger=vervanger, aangemaakt_door=manager)
    made = aanvraag(traject_met_plan(team, gezinswerker), gezinswerker, stappen=("indienen",))
    assert logged_in(vervanger).get(reverse("maatwerk:aanvraag", args=[made.pk])).status_code == 200
    entry = Toegang.objects.get(gebruiker=vervanger, object_type="maatwerk.aanvraag")
    assert entry.namens == manager
    assert entry.reden == "Beoordelaar van de aanvraag"
