"""The beheer pages of the conversion: upload a ZIP, the dry run as a task, the report, then import."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.conversie import voorbeeld
from boks.conversie.choices import Codelijst, RunStatus, RunWijze
from boks.conversie.models import Codekoppeling, Conversierun
from boks.dossiers.models import Traject
from tests.conftest import logged_in_with_mfa
from tests.factories import MembershipFactory, TeamFactory, UserFactory


def _zip(bestanden: dict[str, bytes]) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as archief:
        for naam, inhoud in bestanden.items():
            archief.writestr(f"export/{naam}", inhoud)
    return uit.getvalue()


@pytest.fixture
def beheerder(db):
    team = TeamFactory(naam="Noord")
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.FUNCTIONEEL_BEHEERDER).user


def test_upload_dry_run_report_and_import(beheerder, django_capture_on_commit_callbacks):
    organisatie = beheerder.memberships.first().team.organisatie
    client = logged_in_with_mfa(beheerder)
    bestanden = voorbeeld.bestanden(trajecten=5, teams=["Noord"], tot=datetime.date(2025, 12, 31))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("beheer:conversie_conversierun_add"),
            {
                "organisatie": organisatie.pk,
                "bron": "oud",
                "bestand": SimpleUploadedFile("export.zip", _zip(bestanden), content_type="application/zip"),
            },
        )
    proef = Conversierun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("beheer:conversie_conversierun_change", args=[proef.pk])
    assert (proef.wijze, proef.status, proef.kan_inlezen) == (RunWijze.PROEF, RunStatus.KLAAR, True)
    assert proef.aantallen["trajecten"]["nieuw"] == 5
    assert not Traject.objects.exists()

    pagina = client.get(response["Location"])
    assert "Nu echt inlezen" in pagina.content.decode()
    voortgang = client.get(reverse("beheer:conversie_conversierun_voortgang", args=[proef.pk]), HTTP_HX_REQUEST="true")
    assert voortgang["HX-Refresh"] == "true"
    csv_rapport = client.get(reverse("beheer:conversie_conversierun_rapport", args=[proef.pk, "csv"]))
    assert csv_rapport["Content-Disposition"].startswith("attachment;")
    assert "trajecten.csv;5;5;0;5" in csv_rapport.content.decode("utf-8-sig")
    html_rapport = client.get(reverse("beheer:conversie_conversierun_rapport", args=[proef.pk, "html"]))
    assert "Aantallen per bestand" in html_rapport.content.decode()

    inlezen = reverse("beheer:conversie_conversierun_inlezen", args=[proef.pk])
    assert "Inlezen" in client.get(inlezen).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(inlezen)
    echt = Conversierun.objects.get(wijze=RunWijze.INLEZEN)
    assert response["Location"] == reverse("beheer:conversie_conversierun_change", args=[echt.pk])
    assert echt.status == RunStatus.KLAAR
    assert Traject.objects.count() == 5


def test_a_file_that_is_no_zip_is_refused(beheerder):
    organisatie = beheerder.memberships.first().team.organisatie
    client = logged_in_with_mfa(beheerder)
    response = client.post(
        reverse("beheer:conversie_conversierun_add"),
        {"organisatie": organisatie.pk, "bron": "oud", "bestand": SimpleUploadedFile("x.zip", b"geen zip")},
    )
    assert response.status_code == 200
    assert "Dit is geen ZIP-bestand" in response.content.decode()
    assert not Conversierun.objects.exists()


def test_a_dry_run_with_an_unreadable_file_cannot_be_imported(beheerder, django_capture_on_commit_callbacks):
    organisatie = beheerder.memberships.first().team.organisatie
    client = logged_in_with_mfa(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("beheer:conversie_conversierun_add"),
            {
                "organisatie": organisatie.pk,
                "bron": "oud",
                "bestand": SimpleUploadedFile("export.zip", _zip({"huishoudens.csv": b""})),
            },
        )
    proef = Conversierun.objects.get()
    assert (proef.status, proef.kan_inlezen) == (RunStatus.KLAAR, False)
    assert proef.fouten[0]["reden"] == "Het bestand is leeg."
    response = client.post(reverse("beheer:conversie_conversierun_inlezen", args=[proef.pk]))
    assert response.status_code == 302
    assert Conversierun.objects.count() == 1


def test_code_mapping_must_name_a_boks_code(beheerder):
    organisatie = beheerder.memberships.first().team.organisatie
    koppeling = Codekoppeling(organisatie=organisatie, codelijst=Codelijst.MELDER, oude_code="07", boks_code="juf")
    with pytest.raises(ValidationError):
        koppeling.full_clean()
    Codekoppeling(organisatie=organisatie, codelijst=Codelijst.TEAM, oude_code="N", boks_code="Noord").full_clean()
