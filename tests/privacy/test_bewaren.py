"""Retention: dossiers are proposed for destruction once their retention period has passed (per
organisation and kind of dossier), the privacyfunctionaris approves or keeps them longer, and the
nightly run destroys what was approved — every record, its history and its files — leaving the
append-only access log and an account of what was destroyed, when, and on whose approval. "Today" is
a parameter: the tests run the job on dated fixtures."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from boks.accounts.choices import OrganisatieSoort, TeamRole
from boks.audit.choices import Actie, Grondslag
from boks.audit.models import Toegang
from boks.documenten.models import Document, DocumentVersie, Invulling, Link
from boks.dossiers.choices import Afsluitreden, Status
from boks.dossiers.models import (
    Afscherming,
    Contactmoment,
    Huishouden,
    Persoon,
    Portaaltoegang,
    TijdlijnGebeurtenis,
    Traject,
)
from boks.errors import Conflict
from boks.gezinsplan.models import DoelVoorstel, Gezinsplan, PlanVersie
from boks.maatwerk.models import Aanvraag, Bijlage, Verwijzing
from boks.notifications.models import Notification
from boks.privacy import tasks
from boks.privacy.choices import AvgSoort, AvgStatus, VernietigingStatus
from boks.privacy.models import AvgVerzoek, Bewaarbeleid, Vernietiging
from boks.privacy.services import avg, bewaren
from boks.wattelt.models import Meting
from tests.factories import MembershipFactory, OrganisatieFactory, TeamFactory, TrajectFactory, UserFactory

from .helpers import rich_dossier

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def privacy_officer(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.PRIVACYFUNCTIONARIS).user


def close(traject) -> None:
    Traject.objects.filter(pk=traject.pk).update(
        status=Status.AFGESLOTEN, afsluitreden=Afsluitreden.VOLGENS_PLAN, afgesloten_op=TODAY
    )


def last_changed(huishouden, moment: datetime.datetime) -> None:
    """Moves every date that counts as a change of the household's dossier to `moment`."""
    Huishouden.objects.filter(pk=huishouden.pk).update(aangemaakt_op=moment)
    Traject.objects.filter(huishouden=huishouden).update(gewijzigd_op=moment)
    TijdlijnGebeurtenis.objects.filter(huishouden=huishouden).update(vastgelegd_op=moment)
    Document.objects.filter(huishouden=huishouden).update(gewijzigd_op=moment)


def years_ago(years: int, days: int = 0) -> datetime.datetime:
    return timezone.now() - relativedelta(years=years, days=days)


def closed_household(team, years: int, days: int = 0):
    traject = TrajectFactory(team=team)
    close(traject)
    last_changed(traject.huishouden, years_ago(years, days))
    return traject.huishouden


# Proposing ---------------------------------------------------------------------------------------


def test_a_jeugd_dossier_is_proposed_the_day_after_twenty_years_without_change(team):
    huishouden = closed_household(team, 20)
    moment_day = timezone.localtime(years_ago(20)).date()
    assert bewaren.stel_voor(vandaag=moment_day + relativedelta(years=20) - datetime.timedelta(days=1)) == 0
    assert bewaren.stel_voor(vandaag=moment_day + relativedelta(years=20)) == 1
    voorstel = Vernietiging.objects.get()
    assert (voorstel.huishouden_id, voorstel.status) == (huishouden.pk, VernietigingStatus.VOORGESTELD)
    assert (voorstel.dossiersoort, voorstel.bewaartermijn_jaren, voorstel.laatste_wijziging) == (
        "jeugd",
        20,
        moment_day,
    )
    assert voorstel.stappen.get().stap == "voorstellen"


def test_a_dossier_changed_nineteen_years_ago_or_with_an_open_traject_is_not_proposed(team):
    closed_household(team, 19)
    open_traject = TrajectFactory(team=team, status=Status.UITVOERING)
    last_changed(open_traject.huishouden, years_ago(25))
    assert bewaren.stel_voor(vandaag=TODAY) == 0


def test_wmo_dossiers_follow_the_organisations_sociaal_period():
    team = TeamFactory(organisatie=OrganisatieFactory(soort=OrganisatieSoort.SOCIAAL))
    closed_household(team, 14)
    sixteen = closed_household(team, 16)
    assert bewaren.stel_voor(vandaag=TODAY) == 1
    voorstel = Vernietiging.objects.get()
    assert (voorstel.huishouden_id, voorstel.dossiersoort, voorstel.bewaartermijn_jaren) == (sixteen.pk, "sociaal", 15)


def test_periods_are_configured_per_organisation(team):
    closed_household(team, 21)
    Bewaarbeleid.objects.create(organisatie=team.organisatie, jeugd_jaren=25)
    assert bewaren.stel_voor(vandaag=TODAY) == 0
    assert bewaren.stel_voor(vandaag=TODAY + relativedelta(years=4, days=1)) == 1


def test_any_recent_change_restarts_the_clock(team):
    huishouden = closed_household(team, 21)
    TijdlijnGebeurtenis.objects.filter(huishouden=huishouden).update(vastgelegd_op=years_ago(2))
    traject = huishouden.trajecten.get()
    TijdlijnGebeurtenis.objects.create(
        traject=traject, huishouden=huishouden, soort="test", titel="Iets gewijzigd", plaatsgevonden_op=years_ago(2)
    )
    assert bewaren.stel_voor(vandaag=TODAY) == 0


def test_proposing_twice_proposes_once_and_tells_the_privacy_officer_once(team, privacy_officer):
    closed_household(team, 21)
    closed_household(team, 22)
    assert bewaren.stel_voor(vandaag=TODAY) == 2
    assert bewaren.stel_voor(vandaag=TODAY) == 0
    assert Vernietiging.objects.count() == 2
    message = Notification.objects.get(recipient=privacy_officer)
    assert message.title == "2 dossiers hebben hun bewaartermijn bereikt"


def test_proposing_works_in_batches_over_many_households(team, django_assert_max_num_queries):
    for _ in range(7):
        closed_household(team, 21)
    assert bewaren.stel_voor(vandaag=TODAY, batch=3) == 7
    assert Vernietiging.objects.filter(status=VernietigingStatus.VOORGESTELD).count() == 7


# The review ------------------------------------------------------------------------------------


def test_only_the_privacy_officer_approves(team, privacy_officer, manager):
    closed_household(team, 21)
    bewaren.stel_voor(vandaag=TODAY)
    voorstel = Vernietiging.objects.get()
    with pytest.raises(PermissionDenied):
        bewaren.keur_goed(actor=manager, vernietiging_ids=[voorstel.pk])
    assert bewaren.keur_goed(actor=privacy_officer, vernietiging_ids=[voorstel.pk]) == 1
    assert bewaren.keur_goed(actor=privacy_officer, vernietiging_ids=[voorstel.pk]) == 0
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.beoordeeld_door) == (VernietigingStatus.GOEDGEKEURD, privacy_officer)


def test_keeping_longer_needs_a_reason_and_a_future_date_and_then_proposes_again_after_it(team, privacy_officer):
    huishouden = closed_household(team, 21)
    bewaren.stel_voor(vandaag=TODAY)
    voorstel = Vernietiging.objects.get()
    with pytest.raises(ValidationError) as refused:
        bewaren.bewaar_langer(actor=privacy_officer, vernietiging_id=voorstel.pk, tot=TODAY, reden=" ")
    assert set(refused.value.message_dict) == {"tot", "reden"}
    tot = TODAY + relativedelta(years=1)
    bewaren.bewaar_langer(actor=privacy_officer, vernietiging_id=voorstel.pk, tot=tot, reden="Lopende klacht.")
    assert bewaren.stel_voor(vandaag=TODAY + datetime.timedelta(days=30)) == 0
    assert bewaren.stel_voor(vandaag=tot + datetime.timedelta(days=1)) == 1
    assert Vernietiging.objects.filter(huishouden=huishouden, status=VernietigingStatus.VOORGESTELD).count() == 1


def test_an_approval_can_be_taken_back_until_the_night(team, privacy_officer):
    closed_household(team, 21)
    bewaren.stel_voor(vandaag=TODAY)
    voorstel = Vernietiging.objects.get()
    bewaren.keur_goed(actor=privacy_officer, vernietiging_ids=[voorstel.pk])
    bewaren.trek_goedkeuring_in(actor=privacy_officer, vernietiging_id=voorstel.pk)
    assert bewaren.voer_uit(vandaag=TODAY).vernietigd == 0
    assert Huishouden.objects.filter(pk=voorstel.huishouden_id).exists()
    with pytest.raises(Conflict):
        bewaren.trek_goedkeuring_in(actor=privacy_officer, vernietiging_id=voorstel.pk)
    assert list(voorstel.stappen.values_list("stap", flat=True)) == [
        "voorstellen",
        "goedkeuren",
        "goedkeuring_intrekken",
    ]


# Destroying ------------------------------------------------------------------------------------


def approved(huishouden, privacy_officer) -> Vernietiging:
    bewaren.stel_voor(vandaag=TODAY)
    voorstel = Vernietiging.objects.get(huishouden=huishouden)
    bewaren.keur_goed(actor=privacy_officer, vernietiging_ids=[voorstel.pk])
    return voorstel


def test_the_nightly_run_destroys_everything_of_an_approved_dossier_and_leaves_an_account(
    team, gezinswerker, privacy_officer, django_capture_on_commit_callbacks
):
    dossier = rich_dossier(team, gezinswerker)
    other = rich_dossier(team, gezinswerker, mark="Zuilenstein")
    huishouden, traject = dossier.huishouden, dossier.traject
    close(traject)
    last_changed(huishouden, years_ago(21))
    files = list(DocumentVersie.objects.filter(document__huishouden=huishouden).values_list("bestand", flat=True))
    files += list(Bijlage.objects.filter(aanvraag__traject=traject).values_list("bestand", flat=True))
    files = [name for name in files if name]
    assert files and all(default_storage.exists(name) for name in files)
    for actie in (Actie.LEZEN, Actie.WIJZIGEN):
        Toegang.objects.create(
            actie=actie,
            gebruiker=gezinswerker,
            kanaal="ui",
            grondslag=Grondslag.EIGEN_CASELOAD,
            huishouden_id=huishouden.pk,
            traject_id=traject.pk,
            omschrijving="Traject",
        )
    log_rows = Toegang.objects.filter(huishouden_id=huishouden.pk).count()
    voorstel = approved(huishouden, privacy_officer)
    Notification.objects.create(
        recipient=gezinswerker, key="test-link", title="Over het dossier", url=f"/trajecten/{traject.pk}/gezinsplan/"
    )

    with django_capture_on_commit_callbacks(execute=True):
        resultaat = tasks.bewaartermijnen.delay().get()

    assert resultaat["vernietigd"] == 1
    for model, lookup in [
        (Huishouden, {"pk": huishouden.pk}),
        (Persoon, {"huishouden_id": huishouden.pk}),
        (Traject, {"pk": traject.pk}),
        (Contactmoment, {"traject_id": traject.pk}),
        (TijdlijnGebeurtenis, {"huishouden_id": huishouden.pk}),
        (Afscherming, {"persoon__huishouden_id": huishouden.pk}),
        (Portaaltoegang, {"persoon__huishouden_id": huishouden.pk}),
        (Gezinsplan, {"traject_id": traject.pk}),
        (PlanVersie, {"plan__traject_id": traject.pk}),
        (DoelVoorstel, {"persoon__huishouden_id": huishouden.pk}),
        (Meting, {"traject_id": traject.pk}),
        (Aanvraag, {"traject_id": traject.pk}),
        (Bijlage, {"aanvraag__traject_id": traject.pk}),
        (Verwijzing, {"traject_id": traject.pk}),
        (Document, {"huishouden_id": huishouden.pk}),
        (Invulling, {"traject_id": traject.pk}),
        (Link, {"huishouden_id": huishouden.pk}),
    ]:
        assert not model._base_manager.filter(**lookup).exists(), model
    assert not Persoon.history.filter(huishouden_id=huishouden.pk).exists()
    assert not Traject.history.filter(id=traject.pk).exists()
    assert not Huishouden.history.filter(id=huishouden.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert not Notification.objects.filter(key="test-link").exists()

    # The other household is untouched.
    assert Contactmoment.objects.filter(traject=other.traject).count() == 2
    assert Persoon.objects.filter(huishouden=other.huishouden).count() == 3

    # The access log keeps every row (ids, no names of the clients) and says what was destroyed.
    assert Toegang.objects.filter(huishouden_id=huishouden.pk).exclude(actie=Actie.VERWIJDEREN).count() == log_rows
    entry = Toegang.objects.get(huishouden_id=huishouden.pk, actie=Actie.VERWIJDEREN)
    assert entry.grondslag == Grondslag.TAAK
    assert privacy_officer.get_full_name() in entry.reden
    assert traject.dossiernummer in entry.omschrijving

    voorstel.refresh_from_db()
    assert voorstel.status == VernietigingStatus.UITGEVOERD
    assert voorstel.huishouden_id is None and voorstel.huishouden_nummer == huishouden.pk
    assert voorstel.telling["dossiers.contactmoment"] == 2
    assert voorstel.telling["dossiers.persoon"] == 3
    assert voorstel.telling["historie"] > 0
    assert voorstel.bestanden == [] and voorstel.bestanden_verwijderd_op is not None
    assert voorstel.stappen.last().stap == "vernietigen"


def test_a_portal_account_that_only_opened_the_destroyed_dossier_is_anonymised(team, gezinswerker, privacy_officer):
    dossier = rich_dossier(team, gezinswerker)
    client = dossier.client
    close(dossier.traject)
    last_changed(dossier.huishouden, years_ago(21))
    approved(dossier.huishouden, privacy_officer)
    bewaren.voer_uit(vandaag=TODAY)
    client.refresh_from_db()
    assert (client.first_name, client.last_name, client.is_active) == ("", "", False)
    assert client.email == f"vernietigd-{client.pk}@boks.invalid"
    assert not client.has_usable_password()
    assert not Notification.objects.filter(recipient=client).exists()


def test_requests_about_a_destroyed_dossier_stay_without_the_clients_words(team, gezinswerker, privacy_officer):
    dossier = rich_dossier(team, gezinswerker)
    verzoek = avg.dien_in(
        actor=dossier.client,
        scope=dossier.scope(),
        persoon_id=dossier.moeder.pk,
        data=avg.AvgVerzoekData(soort=AvgSoort.VERBETERING, wat_onjuist="Mijn naam is fout", wat_juist="Mirjam"),
    )
    close(dossier.traject)
    last_changed(dossier.huishouden, years_ago(21))
    approved(dossier.huishouden, privacy_officer)
    bewaren.voer_uit(vandaag=TODAY)
    verzoek.refresh_from_db()
    assert verzoek.persoon_id is None and verzoek.traject_id is None
    assert (verzoek.wat_onjuist, verzoek.wat_juist) == ("", "")
    assert verzoek.dossier_vernietigd_op is not None
    assert verzoek.dossiernummer == dossier.traject.dossiernummer


def test_running_twice_destroys_once(team, privacy_officer, django_capture_on_commit_callbacks):
    huishouden = closed_household(team, 21)
    approved(huishouden, privacy_officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert bewaren.voer_uit(vandaag=TODAY).vernietigd == 1
        assert bewaren.voer_uit(vandaag=TODAY).vernietigd == 0
    assert Toegang.objects.filter(huishouden_id=huishouden.pk, actie=Actie.VERWIJDEREN).count() == 1


def test_a_dossier_opened_again_after_approval_is_not_destroyed(team, privacy_officer):
    huishouden = closed_household(team, 21)
    voorstel = approved(huishouden, privacy_officer)
    Traject.objects.filter(huishouden=huishouden).update(status=Status.UITVOERING)
    resultaat = bewaren.voer_uit(vandaag=TODAY)
    assert (resultaat.vernietigd, resultaat.vervallen) == (0, 1)
    voorstel.refresh_from_db()
    assert voorstel.status == VernietigingStatus.VERVALLEN
    assert Huishouden.objects.filter(pk=huishouden.pk).exists()


def test_a_run_destroys_at_most_its_limit_and_the_next_run_goes_on(team, privacy_officer):
    households = [closed_household(team, 21) for _ in range(3)]
    bewaren.stel_voor(vandaag=TODAY)
    bewaren.keur_goed(actor=privacy_officer, vernietiging_ids=Vernietiging.objects.values_list("pk", flat=True))
    assert bewaren.voer_uit(vandaag=TODAY, limiet=2).vernietigd == 2
    assert Huishouden.objects.filter(pk__in=[h.pk for h in households]).count() == 1
    assert bewaren.voer_uit(vandaag=TODAY, limiet=2).vernietigd == 1


def test_one_dossier_that_fails_does_not_stop_the_others(team, privacy_officer, monkeypatch):
    first, second = closed_household(team, 21), closed_household(team, 22)
    bewaren.stel_voor(vandaag=TODAY)
    bewaren.keur_goed(actor=privacy_officer, vernietiging_ids=Vernietiging.objects.values_list("pk", flat=True))
    failing = Vernietiging.objects.get(huishouden=first).pk
    real = bewaren.vernietig

    def sometimes_fails(vernietiging, **kwargs):
        if vernietiging.pk == failing:
            raise RuntimeError("opslag onbereikbaar")
        return real(vernietiging, **kwargs)

    monkeypatch.setattr(bewaren, "vernietig", sometimes_fails)
    resultaat = bewaren.voer_uit(vandaag=TODAY)
    assert (resultaat.vernietigd, resultaat.mislukt) == (1, [failing])
    assert Huishouden.objects.filter(pk=first.pk).exists()
    assert not Huishouden.objects.filter(pk=second.pk).exists()
    assert Vernietiging.objects.get(pk=failing).status == VernietigingStatus.GOEDGEKEURD


def test_the_command_runs_the_same_sweep_for_a_given_day(team, capsys):
    closed_household(team, 21)
    call_command("privacy_bewaartermijnen", "--vandaag", TODAY.isoformat(), "--alleen-voorstellen")
    assert "1 dossiers voorgesteld" in capsys.readouterr().out
    call_command("privacy_bewaartermijnen", "--vandaag", TODAY.isoformat())
    assert "0 vernietigd" in capsys.readouterr().out


def test_the_beat_schedule_runs_the_sweep_every_night():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["privacy-bewaartermijnen"]
    assert entry["task"] == tasks.bewaartermijnen.name
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {30}


# Early destruction on request ------------------------------------------------------------------


def test_early_destruction_of_a_childs_data_removes_what_is_about_the_child_alone(team, gezinswerker, privacy_officer):
    dossier = rich_dossier(team, gezinswerker)
    verzoek = avg.dien_in(
        actor=dossier.client,
        scope=dossier.scope(),
        persoon_id=dossier.kind.pk,
        data=avg.AvgVerzoekData(soort=AvgSoort.VERNIETIGING, toelichting="Sem wil dit niet meer."),
    )
    with pytest.raises(PermissionDenied):
        avg.beslis(actor=gezinswerker, verzoek_id=verzoek.pk, toewijzen=True, toelichting="")
    avg.beslis(actor=privacy_officer, verzoek_id=verzoek.pk, toewijzen=True, toelichting="Kan: alleen over Sem.")
    shared = Contactmoment.objects.get(traject=dossier.traject, betreft__isnull=True)
    assert bewaren.voer_uit(vandaag=TODAY).vernietigd == 1

    assert not Persoon.objects.filter(pk=dossier.kind.pk).exists()
    assert list(Contactmoment.objects.filter(traject=dossier.traject)) == [shared]
    assert not Document.objects.filter(titel="Schoolrapport Sem").exists()
    assert not Meting.objects.filter(persoon_id=dossier.kind.pk).exists()
    assert Persoon.objects.filter(huishouden=dossier.huishouden).count() == 2
    assert Traject.objects.filter(pk=dossier.traject.pk).exists()
    verzoek.refresh_from_db()
    assert verzoek.status == AvgStatus.UITGEVOERD
    assert verzoek.toelichting == ""
    assert Notification.objects.filter(recipient=dossier.client, title="Uw gegevens zijn vernietigd").exists()
    vernietiging = Vernietiging.objects.get(avg_verzoek=verzoek)
    assert vernietiging.omvang == "persoon" and vernietiging.telling["dossiers.persoon"] == 1


def test_the_only_person_of_a_household_takes_the_whole_closed_dossier(team, gezinswerker, privacy_officer):
    traject = TrajectFactory(team=team, regisseur=gezinswerker)
    persoon = traject.huishouden.personen.get()
    verzoek = avg.registreer(
        actor=gezinswerker, traject=traject, persoon=persoon, data=avg.AvgVerzoekData(soort=AvgSoort.VERNIETIGING)
    )
    with pytest.raises(ValidationError, match="traject"):
        avg.beslis(actor=privacy_officer, verzoek_id=verzoek.pk, toewijzen=True, toelichting="")
    close(traject)
    avg.beslis(actor=privacy_officer, verzoek_id=verzoek.pk, toewijzen=True, toelichting="")
    assert bewaren.voer_uit(vandaag=TODAY).vernietigd == 1
    assert not Huishouden.objects.filter(pk=traject.huishouden_id).exists()
    assert AvgVerzoek.objects.get(pk=verzoek.pk).status == AvgStatus.UITGEVOERD


def test_functioneel_beheer_sets_the_periods_of_its_own_organisation(team):
    from tests.conftest import logged_in

    beheerder = MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.FUNCTIONEEL_BEHEERDER).user
    other = Bewaarbeleid.objects.create(organisatie=OrganisatieFactory())
    client = logged_in(beheerder)
    page = client.get("/beheer/privacy/bewaarbeleid/")
    assert page.status_code == 200
    beleid = Bewaarbeleid.objects.get(organisatie=team.organisatie)
    assert (beleid.jeugd_jaren, beleid.sociaal_jaren) == (20, 15)
    response = client.post(
        f"/beheer/privacy/bewaarbeleid/{beleid.pk}/change/", {"jeugd_jaren": "25", "sociaal_jaren": "0"}
    )
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 1 is." in response.content.decode()
    client.post(f"/beheer/privacy/bewaarbeleid/{beleid.pk}/change/", {"jeugd_jaren": "25", "sociaal_jaren": "10"})
    beleid.refresh_from_db()
    assert (beleid.jeugd_jaren, beleid.sociaal_jaren) == (25, 10)
    assert client.get(f"/beheer/privacy/bewaarbeleid/{other.pk}/change/").status_code in {302, 404}
