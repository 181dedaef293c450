"""The beheer pages of the conversion: upload a ZIP, the dry run as a task, the report, then import."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.conversie import tasks, voorbeeld
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
    zip_naam = proef.bestand.name
    assert default_storage.exists(zip_naam)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(inlezen)
    echt = Conversierun.objects.get(wijze=RunWijze.INLEZEN)
    assert response["Location"] == reverse("beheer:conversie_conversierun_change", args=[echt.pk])
    assert echt.status == RunStatus.KLAAR
    assert Traject.objects.count() == 5

    # Imported: the old system's data leaves storage; the reports stay.
    proef.refresh_from_db()
    assert (proef.bestand.name, echt.bestand.name) == ("", "")
    assert not default_storage.exists(zip_naam)
    assert "trajecten.csv" in client.get(
        reverse("beheer:conversie_conversierun_rapport", args=[proef.pk, "csv"])
    ).content.decode("utf-8-sig")
    opnieuw = client.post(inlezen, follow=True)
    assert "Het ZIP-bestand van deze proefrun is al verwijderd. Upload het opnieuw." in opnieuw.content.decode()
    assert Conversierun.objects.count() == 2


def test_uploaded_zips_older_than_two_weeks_are_removed(beheerder, django_capture_on_commit_callbacks):
    organisatie = beheerder.memberships.first().team.organisatie
    oud, recent = (
        Conversierun.objects.create(
            organisatie=organisatie,
            bestand=default_storage.save("conversie/oud.zip", ContentFile(b"PK")),
            status=RunStatus.KLAAR,
            gestart_door=beheerder,
            aangemaakt_op=timezone.now() - datetime.timedelta(days=dagen),
        )
        for dagen in (15, 2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.oude_bestanden_opruimen() == 1
    oud.refresh_from_db()
    recent.refresh_from_db()
    assert oud.bestand.name == ""
    assert not default_storage.exists("conversie/oud.zip")
    assert default_storage.exists(recent.bestand.name)


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
