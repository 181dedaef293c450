"""External requests (handhaving): registered on the traject, compiled inside BOKS, approved by a
second person, exported as PDF or ZIP with every export in the access log, and closed with the outcome;
every status change is a step in the history."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.audit.choices import Actie, Grondslag
from boks.audit.models import Toegang
from boks.dossiers.models import Contactmoment
from boks.errors import Conflict
from boks.notifications.models import Notification
from boks.privacy.choices import ExternStatus, ItemSoort
from boks.privacy.models import ExternVerzoek
from boks.privacy.services import extern
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

from .helpers import rich_dossier
from .pdftext import pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FORM = {
    "soort_verzoeker": "handhaving",
    "verzoeker": "Gemeente Utrecht, Team Handhaving",
    "contactpersoon": "R. Kok",
    "contact_email": "handhaving@utrecht.example",
    "kenmerk": "HH-0412",
    "grondslag_soort": "wettelijke_plicht",
    "grondslag": "Participatiewet art. 53a lid 2: onderzoek naar de rechtmatigheid.",
    "gevraagde_gegevens": "Verslagen van huisbezoeken van het afgelopen halfjaar.",
    "ontvangen_op": TODAY.isoformat(),
    "termijn": (TODAY + datetime.timedelta(days=14)).isoformat(),
}


@pytest.fixture
def privacy_officer(team):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.PRIVACYFUNCTIONARIS).user


@pytest.fixture
def dossier(team, gezinswerker, manager):
    return rich_dossier(team, gezinswerker)


def data(**overrides) -> extern.ExternVerzoekData:
    values = {
        **{k: v for k, v in FORM.items() if k not in {"ontvangen_op", "termijn"}},
        "ontvangen_op": TODAY,
        "termijn": TODAY + datetime.timedelta(days=14),
        **overrides,
    }
    return extern.ExternVerzoekData(**values)


def registered(dossier, actor=None) -> ExternVerzoek:
    return extern.registreer(actor=actor or dossier.regisseur, traject=dossier.traject, data=data())


def entries(dossier) -> list[Contactmoment]:
    return list(Contactmoment.objects.filter(traject=dossier.traject).order_by("pk"))


def compiled(dossier) -> ExternVerzoek:
    verzoek = registered(dossier)
    extern.stel_samen(
        actor=dossier.regisseur,
        verzoek_id=verzoek.pk,
        gekozen={ItemSoort.CONTACTMOMENT: [entries(dossier)[0].pk]},
    )
    return verzoek


def submitted(dossier) -> ExternVerzoek:
    verzoek = compiled(dossier)
    return extern.perform(actor=dossier.regisseur, verzoek_id=verzoek.pk, stap="voorleggen")


def test_the_regisseur_registers_a_request_on_the_traject(dossier, privacy_officer):
    response = logged_in(dossier.regisseur).post(
        reverse("privacy:extern_verzoek_nieuw", args=[dossier.traject.pk]), FORM
    )
    verzoek = ExternVerzoek.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("privacy:extern_samenstellen", args=[verzoek.pk])
    assert verzoek.nummer == f"EV-{TODAY.year}-{verzoek.pk:05d}"
    assert (verzoek.status, verzoek.dossiernummer, verzoek.organisatie_id) == (
        ExternStatus.GEREGISTREERD,
        dossier.traject.dossiernummer,
        dossier.traject.team.organisatie_id,
    )
    assert [s.stap for s in verzoek.stappen.all()] == ["registreren"]
    assert Notification.objects.filter(recipient=privacy_officer, title__contains=verzoek.nummer).exists()


def test_bad_input_comes_back_beside_the_fields_and_nothing_is_saved(dossier):
    response = logged_in(dossier.regisseur).post(
        reverse("privacy:extern_verzoek_nieuw", args=[dossier.traject.pk]),
        {**FORM, "grondslag": "", "termijn": (TODAY - datetime.timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit veld is vereist." in html
    assert "De termijn ligt vóór de dag waarop het verzoek binnenkwam." in html
    assert FORM["verzoeker"] in html
    assert not ExternVerzoek.objects.exists()


def test_a_colleague_outside_the_caseload_cannot_register(dossier, colleague, outsider):
    url = reverse("privacy:extern_verzoek_nieuw", args=[dossier.traject.pk])
    assert logged_in(colleague).post(url, FORM).status_code == 403
    assert logged_in(outsider).post(url, FORM).status_code == 404
    assert not ExternVerzoek.objects.exists()


def test_compiling_shows_the_trajects_records_and_saves_the_choice(dossier):
    verzoek = registered(dossier)
    client = logged_in(dossier.regisseur)
    url = reverse("privacy:extern_samenstellen", args=[verzoek.pk])
    page = client.get(url).content.decode()
    assert "Huisbezoek" in page and "Gezinsplan versie 1" in page and "Wat Telt-meting" in page
    first = entries(dossier)[0]
    response = client.post(url, {"items": [f"contactmoment:{first.pk}"]})
    assert response.status_code == 302
    item = verzoek.items.get()
    assert (item.soort, item.object_id) == (ItemSoort.CONTACTMOMENT, first.pk)
    assert dossier.huishouden.naam not in item.omschrijving


def test_records_of_another_traject_cannot_be_compiled(dossier, team, gezinswerker):
    other = rich_dossier(team, gezinswerker, mark="Anders")
    verzoek = registered(dossier)
    foreign = Contactmoment.objects.filter(traject=other.traject).first()
    response = logged_in(dossier.regisseur).post(
        reverse("privacy:extern_samenstellen", args=[verzoek.pk]), {"items": [f"contactmoment:{foreign.pk}"]}
    )
    assert response.status_code == 400
    assert not verzoek.items.exists()


def test_submitting_needs_at_least_one_record(dossier):
    verzoek = registered(dossier)
    with pytest.raises(Exception, match="Kies eerst welke gegevens"):
        extern.perform(actor=dossier.regisseur, verzoek_id=verzoek.pk, stap="voorleggen")


def test_four_eyes_who_registered_or_submitted_never_approves(dossier, manager, privacy_officer):
    # The regisseur's manager registers and the regisseur submits: neither may approve.
    verzoek = extern.registreer(actor=manager, traject=dossier.traject, data=data())
    extern.stel_samen(
        actor=dossier.regisseur, verzoek_id=verzoek.pk, gekozen={ItemSoort.CONTACTMOMENT: [entries(dossier)[0].pk]}
    )
    extern.perform(actor=dossier.regisseur, verzoek_id=verzoek.pk, stap="voorleggen")
    url = reverse("privacy:extern_stap", args=[verzoek.pk, "goedkeuren"])
    assert logged_in(manager).post(url, {"goedkeuren-toelichting": ""}).status_code == 403
    assert logged_in(dossier.regisseur).post(url, {"goedkeuren-toelichting": ""}).status_code == 403
    assert ExternVerzoek.objects.get().status == ExternStatus.TER_BEOORDELING
    response = logged_in(privacy_officer).post(url, {"goedkeuren-toelichting": "In orde."})
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.beoordeeld_door) == (ExternStatus.GOEDGEKEURD, privacy_officer)


def test_the_teammanager_approves_a_request_of_the_regisseur(dossier, manager):
    verzoek = submitted(dossier)
    assert Notification.objects.filter(recipient=manager, title__contains="ter goedkeuring").exists()
    extern.perform(actor=manager, verzoek_id=verzoek.pk, stap="goedkeuren")
    assert Notification.objects.filter(recipient=dossier.regisseur, title__contains="goedkeuren").exists()


def test_rejecting_needs_a_reason_and_is_final(dossier, manager):
    verzoek = submitted(dossier)
    client = logged_in(manager)
    url = reverse("privacy:extern_stap", args=[verzoek.pk, "afwijzen"])
    response = client.post(url, {"afwijzen-toelichting": ""})
    assert response.status_code == 400
    assert "Waarom worden de gegevens niet verstrekt?" in response.content.decode()
    assert (
        client.post(url, {"afwijzen-toelichting": "Geen grondslag voor gegevens over de kinderen."}).status_code == 302
    )
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.besluit_toelichting) == (
        ExternStatus.AFGEWEZEN,
        "Geen grondslag voor gegevens over de kinderen.",
    )
    with pytest.raises(Conflict):
        extern.perform(actor=manager, verzoek_id=verzoek.pk, stap="goedkeuren")


def test_a_second_manager_deciding_at_the_same_time_is_told_what_happened(dossier, manager, team):
    other_manager = MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.TEAMMANAGER).user
    verzoek = submitted(dossier)
    extern.perform(actor=manager, verzoek_id=verzoek.pk, stap="goedkeuren")
    response = logged_in(other_manager).post(
        reverse("privacy:extern_stap", args=[verzoek.pk, "afwijzen"]), {"afwijzen-toelichting": "Nee."}, follow=True
    )
    assert "Dit verzoek is inmiddels goedgekeurd" in response.content.decode()
    assert ExternVerzoek.objects.get().status == ExternStatus.GOEDGEKEURD


def test_sent_back_it_can_be_changed_and_submitted_again(dossier, manager):
    verzoek = submitted(dossier)
    extern.perform(actor=manager, verzoek_id=verzoek.pk, stap="terugsturen", toelichting="Alleen het huisbezoek.")
    extern.stel_samen(
        actor=dossier.regisseur, verzoek_id=verzoek.pk, gekozen={ItemSoort.CONTACTMOMENT: [entries(dossier)[1].pk]}
    )
    extern.perform(actor=dossier.regisseur, verzoek_id=verzoek.pk, stap="voorleggen")
    assert [s.stap for s in verzoek.stappen.all()] == [
        "registreren",
        "voorleggen",
        "terugsturen",
        "voorleggen",
    ]


def test_nothing_can_be_exported_before_approval(dossier):
    verzoek = submitted(dossier)
    response = logged_in(dossier.regisseur).post(
        reverse("privacy:extern_export", args=[verzoek.pk, "pdf"]), follow=True
    )
    assert "Pas na goedkeuring" in response.content.decode()
    assert not Toegang.objects.filter(actie=Actie.EXPORTEREN).exists()


def approved(dossier, manager) -> ExternVerzoek:
    verzoek = registered(dossier)
    document = dossier.traject.huishouden.documenten.get(titel__startswith="Brief")
    extern.stel_samen(
        actor=dossier.regisseur,
        verzoek_id=verzoek.pk,
        gekozen={ItemSoort.CONTACTMOMENT: [entries(dossier)[0].pk], ItemSoort.DOCUMENT: [document.pk]},
    )
    extern.perform(actor=dossier.regisseur, verzoek_id=verzoek.pk, stap="voorleggen")
    return extern.perform(actor=manager, verzoek_id=verzoek.pk, stap="goedkeuren", toelichting="In orde.")


def test_the_approver_sees_exactly_what_is_shared_and_that_reading_is_logged(dossier, manager):
    verzoek = submitted(dossier)
    page = logged_in(manager).get(reverse("privacy:extern_verzoek", args=[verzoek.pk])).content.decode()
    assert "Huisbezoek bij Vechtzoom: het gaat beter met de avonden." in page
    assert "Gesprek met Sem alleen over school." not in page


def test_the_export_is_a_pdf_of_exactly_the_approved_records_and_is_logged_as_handhaving(dossier, manager):
    verzoek = approved(dossier, manager)
    response = logged_in(dossier.regisseur).post(reverse("privacy:extern_export", args=[verzoek.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{verzoek.nummer}.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert verzoek.nummer in text
    assert "Gemeente Utrecht, Team Handhaving" in text
    assert "het gaat beter met de avonden." in text
    assert "Gesprek met Sem alleen over school." not in text

    logged = Toegang.objects.filter(actie=Actie.EXPORTEREN)
    assert {row.grondslag for row in logged} == {Grondslag.HANDHAVING}
    assert {row.reden for row in logged} == {f"Extern verzoek {verzoek.nummer} van Gemeente Utrecht, Team Handhaving"}
    assert {row.object_type for row in logged} == {
        "dossiers.contactmoment",
        "documenten.document",
        "privacy.externverzoek",
    }
    assert {row.traject_id for row in logged} == {dossier.traject.pk}
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.verstrekt_door) == (ExternStatus.VERSTREKT, dossier.regisseur)
    assert verzoek.stappen.last().stap == "verstrekken"


def test_the_zip_holds_the_pdf_and_the_documents(dossier, manager):
    verzoek = approved(dossier, manager)
    response = logged_in(manager).post(reverse("privacy:extern_export", args=[verzoek.pk, "zip"]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert f"{verzoek.nummer}.pdf" in names
    attachments = [name for name in names if name.startswith("bijlagen/")]
    assert len(attachments) == 1 and attachments[0].endswith(".pdf")
    assert archive.read(attachments[0]).startswith(b"%PDF-1.7")


def test_who_may_not_export_gets_403_and_nothing_is_logged(dossier, manager, colleague):
    verzoek = approved(dossier, manager)
    assert logged_in(colleague).post(reverse("privacy:extern_export", args=[verzoek.pk, "pdf"])).status_code == 404
    assert not Toegang.objects.filter(actie=Actie.EXPORTEREN).exists()


def test_closing_records_the_outcome_and_the_conversation(dossier, manager):
    verzoek = approved(dossier, manager)
    logged_in(dossier.regisseur).post(reverse("privacy:extern_export", args=[verzoek.pk, "pdf"]))
    client = logged_in(dossier.regisseur)
    url = reverse("privacy:extern_stap", args=[verzoek.pk, "afronden"])
    assert client.post(url, {"afronden-toelichting": ""}).status_code == 400
    response = client.post(
        url, {"afronden-toelichting": "Geen onrechtmatigheid gevonden.", "afronden-gesprek_op": TODAY.isoformat()}
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.uitkomst, verzoek.gesprek_op) == (
        ExternStatus.AFGEROND,
        "Geen onrechtmatigheid gevonden.",
        TODAY,
    )
    assert [s.stap for s in verzoek.stappen.all()] == [
        "registreren",
        "voorleggen",
        "goedkeuren",
        "verstrekken",
        "afronden",
    ]


def test_withdrawing_needs_a_reason(dossier):
    verzoek = compiled(dossier)
    with pytest.raises(Exception, match="Waarom vervalt het verzoek"):
        extern.perform(actor=dossier.regisseur, verzoek_id=verzoek.pk, stap="intrekken")
    extern.perform(actor=dossier.regisseur, verzoek_id=verzoek.pk, stap="intrekken", toelichting="Ingetrokken.")
    assert ExternVerzoek.objects.get().status == ExternStatus.INGETROKKEN
