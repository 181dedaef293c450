"""AVG requests handled by staff: a verbetering decided by the worker on the traject, an inzage request
registered by the privacyfunctionaris and answered with a complete export (JSON + PDF + documents),
and who may decide what."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.audit.choices import Actie, Grondslag
from boks.audit.models import Toegang
from boks.dossiers.models import Contactmoment
from boks.errors import Conflict
from boks.notifications.models import Notification
from boks.privacy.choices import AvgSoort, AvgStatus, Kanaal
from boks.privacy.models import AvgVerzoek
from boks.privacy.services import avg
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

from .helpers import rich_dossier
from .pdftext import pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def privacy_officer(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.PRIVACYFUNCTIONARIS).user


@pytest.fixture
def dossier(team, gezinswerker, manager):
    return rich_dossier(team, gezinswerker)


def verbetering(dossier) -> AvgVerzoek:
    return avg.dien_in(
        actor=dossier.client,
        scope=dossier.scope(),
        persoon_id=dossier.moeder.pk,
        data=avg.AvgVerzoekData(
            soort=AvgSoort.VERBETERING,
            waar="Tijdlijn",
            wat_onjuist="Ik heb geen werk.",
            wat_juist="Ik werk drie dagen.",
        ),
    )


def test_a_correction_request_goes_to_the_worker_with_a_deadline_of_a_month(dossier):
    verzoek = verbetering(dossier)
    assert verzoek.nummer == f"AVG-{TODAY.year}-{verzoek.pk:05d}"
    assert datetime.timedelta(days=28) <= verzoek.termijn - TODAY <= datetime.timedelta(days=31)
    assert (verzoek.kanaal, verzoek.aanvrager, verzoek.ingediend_door) == (
        Kanaal.PORTAAL,
        dossier.moeder,
        dossier.client,
    )
    message = Notification.objects.get(recipient=dossier.regisseur, key__startswith="privacy:avg")
    assert verzoek.nummer in message.title and message.url == reverse("privacy:avg_verzoek", args=[verzoek.pk])


def test_the_worker_corrects_and_says_what_changed_and_the_client_is_told(dossier):
    verzoek = verbetering(dossier)
    client = logged_in(dossier.regisseur)
    url = reverse("privacy:avg_verzoek", args=[verzoek.pk])
    page = client.get(url).content.decode()
    assert "Ik heb geen werk." in page and "Ik werk drie dagen." in page
    response = client.post(url, {"besluit": "toewijzen", "toelichting": ""})
    assert response.status_code == 400
    assert "Schrijf op wat je hebt verbeterd." in response.content.decode()
    response = client.post(url, {"besluit": "toewijzen", "toelichting": "Aangepast: u werkt drie dagen."})
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.besluit_door) == (AvgStatus.UITGEVOERD, dossier.regisseur)
    assert verzoek.uitkomst_voor_client == "Verbeterd"
    assert [stap.stap for stap in verzoek.stappen.all()] == ["indienen", "verbeteren"]
    message = Notification.objects.get(recipient=dossier.client)
    assert message.title == f"Uw verzoek {verzoek.nummer}: verbeterd"
    assert message.body == "Aangepast: u werkt drie dagen."


def test_a_refusal_needs_a_reason_and_a_decided_request_stays_decided(dossier):
    verzoek = verbetering(dossier)
    with pytest.raises(ValidationError) as refused:
        avg.beslis(actor=dossier.regisseur, verzoek_id=verzoek.pk, toewijzen=False, toelichting="")
    assert "toelichting" in refused.value.message_dict
    avg.beslis(
        actor=dossier.regisseur, verzoek_id=verzoek.pk, toewijzen=False, toelichting="Het klopt zoals het er staat."
    )
    with pytest.raises(Conflict):
        avg.beslis(actor=dossier.regisseur, verzoek_id=verzoek.pk, toewijzen=True, toelichting="Toch wel.")


def test_who_decides_follows_the_matrix(dossier, colleague, manager, privacy_officer, outsider):
    verzoek = verbetering(dossier)
    url = reverse("privacy:avg_verzoek", args=[verzoek.pk])
    assert logged_in(colleague).post(url, {"besluit": "afwijzen", "toelichting": "Nee."}).status_code == 404
    assert logged_in(outsider).post(url, {"besluit": "afwijzen", "toelichting": "Nee."}).status_code == 404
    assert logged_in(manager).get(url).status_code == 200
    assert logged_in(privacy_officer).get(url).status_code == 200
    vernietiging = avg.dien_in(
        actor=dossier.client,
        scope=dossier.scope(),
        persoon_id=dossier.moeder.pk,
        data=avg.AvgVerzoekData(soort=AvgSoort.VERNIETIGING),
    )
    with pytest.raises(PermissionDenied):
        avg.beslis(actor=dossier.regisseur, verzoek_id=vernietiging.pk, toewijzen=False, toelichting="Nee.")
    response = logged_in(dossier.regisseur).post(
        reverse("privacy:avg_verzoek", args=[vernietiging.pk]), {"besluit": "afwijzen", "toelichting": "Nee."}
    )
    assert response.status_code == 403
    assert AvgVerzoek.objects.get(pk=vernietiging.pk).status == AvgStatus.INGEDIEND


def test_the_privacy_officer_registers_an_inzage_request_by_dossiernummer_and_birth_date(dossier, privacy_officer):
    client = logged_in(privacy_officer)
    url = reverse("privacy:avg_verzoek_nieuw")
    base = {"soort": "inzage", "ontvangen_op": TODAY.isoformat(), "aanvrager_toelichting": "per brief"}
    response = client.post(url, {**base, "dossiernummer": "1999-000000", "geboortedatum": "2000-01-01"})
    assert response.status_code == 400
    assert "Geen dossier met dit nummer gevonden" in response.content.decode()
    response = client.post(url, {**base, "dossiernummer": dossier.traject.dossiernummer, "geboortedatum": "2000-01-01"})
    assert "niet precies één persoon" in response.content.decode()
    response = client.post(
        url,
        {
            **base,
            "dossiernummer": dossier.traject.dossiernummer.lower(),
            "geboortedatum": dossier.moeder.geboortedatum.isoformat(),
        },
    )
    verzoek = AvgVerzoek.objects.get()
    assert response.url == reverse("privacy:avg_verzoek", args=[verzoek.pk])
    assert (verzoek.soort, verzoek.persoon, verzoek.kanaal) == (AvgSoort.INZAGE, dossier.moeder, Kanaal.MEDEWERKER)


def test_a_worker_of_another_organisation_finds_no_dossier_by_number(dossier, outsider):
    with pytest.raises(ValidationError):
        avg.find_traject(outsider, dossier.traject.dossiernummer)


def inzage(dossier, privacy_officer) -> AvgVerzoek:
    return avg.registreer(
        actor=privacy_officer,
        traject=dossier.traject,
        persoon=dossier.moeder,
        data=avg.AvgVerzoekData(soort=AvgSoort.INZAGE),
    )


def test_the_complete_export_holds_everything_about_the_person_also_what_the_portal_hides(dossier, privacy_officer):
    Contactmoment.objects.filter(traject=dossier.traject, betreft__isnull=True).update(
        zichtbaar_voor_client=False, reden_niet_zichtbaar="derden"
    )
    verzoek = inzage(dossier, privacy_officer)
    response = logged_in(privacy_officer).post(reverse("privacy:avg_export", args=[verzoek.pk, "zip"]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    gegevens = json.loads(archive.read("gegevens.json"))
    assert set(gegevens) >= {
        "over_deze_export",
        "huishouden",
        "personen",
        "trajecten",
        "contactjournaal",
        "tijdlijn",
        "gezinsplan",
        "eigen_doelen",
        "wat_telt",
        "documenten",
        "vragenlijsten",
        "aanvragen",
        "verwijzingen",
        "privacyverzoeken",
        "wie_keek_mee",
        "verstrekt_aan_anderen",
    }
    assert gegevens["over_deze_export"]["verzoek"] == verzoek.nummer
    assert [p["voornaam"] for p in gegevens["personen"]] == ["Mirjam"]
    journaal = {entry["tekst"]: entry for entry in gegevens["contactjournaal"]}
    assert journaal["Huisbezoek bij Vechtzoom: het gaat beter met de avonden."]["zichtbaar_voor_client"] is False
    assert "Gesprek met Sem alleen over school." not in journaal
    assert {d["titel"] for d in gegevens["documenten"]} == {"Brief Vechtzoom", "Mijn verhaal"}
    assert [m["van"] for m in gegevens["wat_telt"]] == ["Mirjam Vechtzoom"]
    assert gegevens["aanvragen"][0]["vraag"]
    assert gegevens["vragenlijsten"][0]["antwoorden"] == [{"vraag": "Hoe gaat het?", "antwoord": "Goed"}]
    pdf = pdf_text(archive.read("samenvatting.pdf"))
    assert "Alle gegevens van Mirjam Vechtzoom" in pdf
    assert "Contactjournaal" in pdf and "Rust in huis bij Vechtzoom" in pdf
    assert [name for name in archive.namelist() if name.startswith("bijlagen/")]

    entry = Toegang.objects.get(actie=Actie.EXPORTEREN)
    assert (entry.grondslag, entry.reden, entry.persoon_id) == (
        Grondslag.AVG_VERZOEK,
        f"Inzageverzoek {verzoek.nummer}",
        dossier.moeder.pk,
    )
    verzoek.refresh_from_db()
    assert verzoek.status == AvgStatus.UITGEVOERD
    assert verzoek.stappen.last().stap == "exporteren"


def test_only_the_privacy_officer_exports_all_data_of_a_person(dossier, privacy_officer, manager):
    verzoek = inzage(dossier, privacy_officer)
    for user in (dossier.regisseur, manager):
        assert logged_in(user).post(reverse("privacy:avg_export", args=[verzoek.pk, "json"])).status_code == 403
    assert not Toegang.objects.filter(actie=Actie.EXPORTEREN).exists()
    response = logged_in(privacy_officer).post(reverse("privacy:avg_export", args=[verzoek.pk, "json"]))
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["personen"][0]["achternaam"] == "Vechtzoom"


def test_a_verbetering_cannot_be_exported(dossier, privacy_officer):
    verzoek = verbetering(dossier)
    assert logged_in(privacy_officer).post(reverse("privacy:avg_export", args=[verzoek.pk, "zip"])).status_code == 403
