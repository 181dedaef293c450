"""The privacyfunctionaris reads the organisation's access log, only after signing in with a second
factor; filters, keyset pages and the CSV download, each of them recorded in the log itself."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.audit.choices import Actie, Grondslag, Kanaal
from boks.audit.models import Toegang
from tests.conftest import logged_in, logged_in_with_mfa
from tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("audit:toegangslog")


@pytest.fixture
def privacy(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.PRIVACYFUNCTIONARIS).user


def row(organisatie, **fields) -> Toegang:
    values = {
        "actie": Actie.LEZEN,
        "kanaal": Kanaal.UI,
        "grondslag": Grondslag.TEAM,
        "gebruiker_naam": "Ria Smit",
        "dossiernummer": "2026-000001",
        "omschrijving": "Traject 2026-000001",
        "organisatie_id": organisatie.pk,
    }
    return Toegang.objects.create(**{**values, **fields})


def test_the_privacy_officer_reads_the_log_of_their_own_organisation_only(team, privacy):
    row(team.organisatie, omschrijving="Van ons")
    row(TeamFactory().organisatie, omschrijving="Van een ander")
    html = logged_in_with_mfa(privacy).get(URL).content.decode()
    assert "Van ons" in html
    assert "Van een ander" not in html


def test_without_a_second_factor_the_log_stays_closed_and_says_why(team, privacy):
    row(team.organisatie, omschrijving="Van ons")
    response = logged_in(privacy).get(URL)
    assert response.status_code == 403
    assert "tweestapsverificatie" in response.content.decode()
    assert "Van ons" not in response.content.decode()


def test_a_gezinswerker_has_no_access_log(team, gezinswerker):
    assert logged_in_with_mfa(gezinswerker).get(URL).status_code == 403


def test_filters_on_dossier_staff_member_and_basis(team, privacy):
    row(team.organisatie, dossiernummer="2026-000001", omschrijving="Eerste dossier")
    row(team.organisatie, dossiernummer="2026-000002", omschrijving="Tweede dossier")
    row(
        team.organisatie,
        gebruiker_naam="Kees Bakker",
        grondslag=Grondslag.BREAK_THE_GLASS,
        reden="Crisis",
        omschrijving="Met noodtoegang",
    )
    client = logged_in_with_mfa(privacy)
    by_dossier = client.get(URL, {**week(), "dossiernummer": "2026-000002"}).content.decode()
    assert "Tweede dossier" in by_dossier and "Eerste dossier" not in by_dossier
    glass = client.get(URL, {**week(), "grondslag": Grondslag.BREAK_THE_GLASS}).content.decode()
    assert "Met noodtoegang" in glass and "Crisis" in glass and "Eerste dossier" not in glass
    kees = client.get(URL, {**week(), "medewerker": "bakker"}).content.decode()
    assert "Met noodtoegang" in kees and "Tweede dossier" not in kees


def week() -> dict:
    today = timezone.localdate()
    return {"van": (today - datetime.timedelta(days=6)).isoformat(), "tot": today.isoformat()}


def test_an_impossible_period_is_refused_in_dutch(team, privacy):
    today = timezone.localdate()
    response = logged_in_with_mfa(privacy).get(URL, {"van": today.isoformat(), "tot": "2020-01-01"})
    assert response.status_code == 400
    assert "ligt voor" in response.content.decode()


def test_pages_follow_each_other_without_gaps_or_repeats(team, privacy, django_assert_max_num_queries):
    moment = timezone.now() - datetime.timedelta(hours=1)
    Toegang.objects.bulk_create(
        Toegang(
            moment=moment,
            actie=Actie.LEZEN,
            kanaal=Kanaal.UI,
            grondslag=Grondslag.TEAM,
            omschrijving=f"regel-{index:03d}",
            organisatie_id=team.organisatie_id,
        )
        for index in range(150)
    )
    client = logged_in_with_mfa(privacy)
    with django_assert_max_num_queries(14):
        first = client.get(URL)
    html = first.content.decode()
    assert html.count("regel-") == 100
    next_link = first.context["next_query"]
    second = client.get(f"{URL}?{next_link}").content.decode()
    assert second.count("regel-") == 50
    seen = {f"regel-{index:03d}" for index in range(150)}
    assert {part for part in seen if part in html} | {part for part in seen if part in second} == seen


def test_the_download_holds_the_rows_and_reading_and_downloading_are_logged(team, privacy):
    row(team.organisatie, omschrijving="In de download")
    client = logged_in_with_mfa(privacy)
    client.get(URL)
    response = client.get(reverse("audit:toegangslog_export"), week())
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "In de download" in body and "Medewerker;" in body
    mine = Toegang.objects.filter(gebruiker=privacy)
    assert mine.filter(actie=Actie.LEZEN, omschrijving__startswith="Toegangslog bekeken").exists()
    assert mine.filter(actie=Actie.EXPORTEREN, omschrijving__startswith="Toegangslog gedownload").exists()
