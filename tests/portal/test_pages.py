import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from boks.audit.choices import Actie
from boks.audit.models import Toegang
from boks.documenten import services as document_services
from boks.documenten.models import Document, Invulling, Link, Vraag, Vragenlijst
from boks.dossiers.choices import Status
from boks.gezinsplan import services as plan_services
from boks.gezinsplan.models import DoelVoorstel
from boks.notifications.models import Notification
from tests.conftest import logged_in
from tests.factories import TeamFactory

from .helpers import TODAY, family

pytestmark = pytest.mark.django_db


@pytest.fixture
def fam(team, gezinswerker):
    return family(team, gezinswerker)


@pytest.fixture
def other(gezinswerker):
    """A second household of another team and organisation, with its own client and data."""
    from boks.accounts.choices import TeamRole
    from tests.factories import MembershipFactory, UserFactory

    team = TeamFactory()
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSWERKER, user=UserFactory()).user
    return family(team, worker)


def pdf(name="brief.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"x" * 200, content_type="application/pdf")


def agreed_plan(fam, worker, goals=(("Rust in huis", None),)):
    fam.traject.status = Status.PLAN
    fam.traject.begeleiding_gestart_op = TODAY - datetime.timedelta(days=10)
    fam.traject.kennismaking_op = TODAY - datetime.timedelta(days=12)
    fam.traject.save()
    versie = plan_services.start_plan(actor=worker, traject=fam.traject)
    for text, who in goals:
        plan_doel = plan_services.add_doel(
            actor=worker, versie_id=versie.pk, data=plan_services.DoelData(omschrijving=text)
        )
        if who is not None:
            plan_services.add_afspraak(
                actor=worker,
                versie_id=versie.pk,
                data=plan_services.AfspraakData(
                    wat=f"Stap voor {text}", wie_soort="client", wie_persoon=who, doel=plan_doel.doel
                ),
            )
    return plan_services.vaststellen(
        actor=worker,
        versie_id=versie.pk,
        expected_gewijzigd_op=None,
        instemming_van=fam.moeder,
        instemming_op=TODAY,
        instemming_wijze="gesprek",
    )


def test_another_households_ids_give_404_on_every_portal_url(fam, other, django_capture_on_commit_callbacks):
    intruder = fam.give_access(fam.moeder)
    theirs = other.give_access(other.moeder)
    other_scope = other.scope(theirs)
    document = document_services.upload_document(
        actor=theirs,
        traject=other.traject,
        titel="Hun brief",
        upload=pdf(),
        zichtbaarheid="huishouden",
        scope=other_scope,
    )
    text = document_services.write_text(
        actor=theirs,
        traject=other.traject,
        titel="Hun verhaal",
        tekst="Privé",
        zichtbaarheid="huishouden",
        scope=other_scope,
    )
    versie = agreed_plan(other, other.traject.regisseur, goals=(("Hun doel", other.moeder),))
    afspraak = versie.afspraken.get().afspraak
    vragenlijst = Vragenlijst.objects.create(organisatie=other.traject.team.organisatie, titel="Hun vragenlijst")
    client = logged_in(intruder)
    for method, url in [
        ("get", reverse("portal:download", args=[document.pk, document.versies.get().pk])),
        ("get", reverse("portal:text", args=[text.pk])),
        ("post", reverse("portal:text", args=[text.pk])),
        ("get", reverse("portal:questionnaire", args=[vragenlijst.pk])),
        ("post", reverse("portal:afspraak_done", args=[afspraak.pk])),
        ("post", reverse("portal:choose_household", args=[other.traject.huishouden_id])),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    for page in ["home", "timeline", "plan", "documents"]:
        html = client.get(reverse(f"portal:{page}")).content.decode()
        assert "Hun brief" not in html and "Hun doel" not in html and other.traject.huishouden.naam not in html


def test_staff_do_not_use_the_portal_and_clients_not_the_staff_pages_or_api(fam, gezinswerker):
    mother = fam.give_access(fam.moeder)
    assert logged_in(gezinswerker).get(reverse("portal:home")).status_code == 403
    client = logged_in(mother)
    assert client.get(reverse("dossiers:traject", args=[fam.traject.pk])).status_code == 403
    assert client.get(reverse("dossiers:caseload")).status_code == 403
    assert client.get(reverse("api-traject-detail", args=[fam.traject.pk])).status_code == 403
    assert client.get(reverse("documenten:traject", args=[fam.traject.pk])).status_code == 403


def test_the_timeline_shows_client_visible_events_newest_first(fam, gezinswerker):
    from boks.dossiers import timeline

    mother = fam.give_access(fam.moeder)
    timeline.record_event(
        traject=fam.traject, soort="t", titel="Eerst", plaatsgevonden_op=TODAY - datetime.timedelta(days=3)
    )
    timeline.record_event(
        traject=fam.traject, soort="t", titel="Daarna", plaatsgevonden_op=TODAY - datetime.timedelta(days=1)
    )
    html = logged_in(mother).get(reverse("portal:timeline")).content.decode()
    assert html.index("Daarna") < html.index("Eerst")


def test_a_client_proposes_a_goal_and_the_regisseur_hears_of_it(fam, gezinswerker):
    agreed_plan(fam, gezinswerker)
    mother = fam.give_access(fam.moeder)
    client = logged_in(mother)
    refused = client.post(reverse("portal:plan"), {"omschrijving": " "})
    assert refused.status_code == 400
    response = client.post(reverse("portal:plan"), {"omschrijving": "Ik wil weer gaan sporten.", "leefgebied": ""})
    assert response.status_code == 302
    voorstel = DoelVoorstel.objects.get()
    assert (voorstel.persoon, voorstel.status) == (fam.moeder, "ingediend")
    assert Notification.objects.filter(recipient=gezinswerker, title__startswith="Nieuw doel van").exists()
    assert "Uw contactpersoon bekijkt het." in client.get(reverse("portal:plan")).content.decode()


def test_a_client_ticks_off_their_own_agreement_but_not_someone_elses(fam, gezinswerker):
    versie = agreed_plan(fam, gezinswerker, goals=(("Rust in huis", fam.moeder), ("Jan zoekt werk", fam.vader)))
    mine = versie.afspraken.get(wie_persoon=fam.moeder).afspraak
    his = versie.afspraken.get(wie_persoon=fam.vader).afspraak
    client = logged_in(fam.give_access(fam.moeder))
    assert client.post(reverse("portal:afspraak_done", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    assert mine.status == "gedaan"
    assert client.post(reverse("portal:afspraak_done", args=[his.pk])).status_code == 404
    his.refresh_from_db()
    assert his.status == "open"


def test_a_client_uploads_a_document_its_type_checked_by_content(fam):
    client = logged_in(fam.give_access(fam.moeder))
    ok = client.post(reverse("portal:documents"), {"titel": "Brief van de woningcorporatie", "bestand": pdf()})
    assert ok.status_code == 302
    refused = client.post(
        reverse("portal:documents"),
        {"titel": "Programma", "bestand": SimpleUploadedFile("factuur.pdf", b"MZ\x90\x00" + b"\x00" * 300)},
    )
    assert refused.status_code == 400
    assert "kan niet worden geüpload" in refused.content.decode()
    document = Document.objects.get()
    assert (document.titel, document.zichtbaarheid, list(document.betreft.all())) == (
        "Brief van de woningcorporatie",
        "personen",
        [fam.moeder],
    )


def test_a_download_is_an_attachment_and_is_logged(fam):
    mother = fam.give_access(fam.moeder)
    logged_in(mother).post(reverse("portal:documents"), {"titel": "Brief", "bestand": pdf()})
    document = Document.objects.get()
    response = logged_in(mother).get(reverse("portal:download", args=[document.pk, document.versies.get().pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Toegang.objects.filter(actie=Actie.DOWNLOADEN, huishouden_id=fam.traject.huishouden_id).exists()


def test_a_document_for_one_person_is_not_shown_to_the_rest_of_the_household(fam):
    mother, jan = fam.give_access(fam.moeder), fam.give_access(fam.vader)
    logged_in(jan).post(reverse("portal:documents"), {"titel": "Mijn loonstrook", "bestand": pdf()})
    assert "Mijn loonstrook" not in logged_in(mother).get(reverse("portal:documents")).content.decode()
    logged_in(jan).post(reverse("portal:documents"), {"titel": "Voor iedereen", "bestand": pdf(), "delen": "on"})
    assert "Voor iedereen" in logged_in(mother).get(reverse("portal:documents")).content.decode()


def test_a_client_writes_and_edits_a_text_and_every_version_is_kept(fam):
    client = logged_in(fam.give_access(fam.moeder))
    client.post(reverse("portal:text_new"), {"titel": "Voor het gesprek", "tekst": "Eerste versie"})
    document = Document.objects.get()
    url = reverse("portal:text", args=[document.pk])
    client.post(url, {"tekst": "Tweede versie", "versie": 1})
    stale = client.post(url, {"tekst": "Uit een oud venster", "versie": 1})
    assert stale.status_code == 409
    assert "Tweede versie" in stale.content.decode() and "Uit een oud venster" in stale.content.decode()
    assert list(document.versies.order_by("nummer").values_list("tekst", flat=True)) == [
        "Eerste versie",
        "Tweede versie",
    ]


def test_questionnaire_answers_land_in_the_traject_once(fam, gezinswerker):
    vragenlijst = Vragenlijst.objects.create(organisatie=fam.traject.team.organisatie, titel="Hoe vindt u de hulp?")
    verplicht = Vraag.objects.create(vragenlijst=vragenlijst, tekst="Helpt het?", soort="ja_nee", verplicht=True)
    open_vraag = Vraag.objects.create(vragenlijst=vragenlijst, tekst="Wat kan beter?", volgorde=2)
    client = logged_in(fam.give_access(fam.moeder))
    url = reverse("portal:questionnaire", args=[vragenlijst.pk])
    missing = client.post(url, {"sleutel": "abc", f"vraag_{open_vraag.pk}": "Niets"})
    assert missing.status_code == 400
    for _attempt in range(2):
        client.post(url, {"sleutel": "abc", f"vraag_{verplicht.pk}": "ja", f"vraag_{open_vraag.pk}": "Niets"})
    invulling = Invulling.objects.get()
    assert invulling.antwoorden == [["Helpt het?", "ja"], ["Wat kan beter?", "Niets"]]
    staff = logged_in(gezinswerker).get(reverse("documenten:traject", args=[fam.traject.pk])).content.decode()
    assert "Hoe vindt u de hulp?" in staff and "Wat kan beter?" in staff


def test_the_closing_questionnaire_gives_the_rapportcijfer(fam, gezinswerker):
    fam.traject.status = Status.AFGESLOTEN
    fam.traject.afsluitreden = "volgens_plan"
    fam.traject.afgesloten_op = TODAY
    fam.traject.save()
    vragenlijst = Vragenlijst.objects.create(
        organisatie=fam.traject.team.organisatie, titel="Terugblik", moment="afsluiting"
    )
    cijfer = Vraag.objects.create(vragenlijst=vragenlijst, tekst="Welk cijfer?", soort="cijfer", is_rapportcijfer=True)
    client = logged_in(fam.give_access(fam.moeder))
    assert "Terugblik" in client.get(reverse("portal:questionnaires")).content.decode()
    client.post(reverse("portal:questionnaire", args=[vragenlijst.pk]), {"sleutel": "k", f"vraag_{cijfer.pk}": "9"})
    fam.traject.refresh_from_db()
    assert fam.traject.rapportcijfer == 9


def test_links_of_the_organisation_the_team_and_the_household(fam, other, gezinswerker):
    organisatie = fam.traject.team.organisatie
    Link.objects.create(organisatie=organisatie, titel="Voor iedereen", url="https://example.org/a")
    Link.objects.create(
        organisatie=organisatie, team=fam.traject.team, titel="Voor het team", url="https://example.org/b"
    )
    Link.objects.create(
        organisatie=organisatie,
        team=TeamFactory(organisatie=organisatie),
        titel="Ander team",
        url="https://example.org/c",
    )
    logged_in(gezinswerker).post(
        reverse("documenten:link_add", args=[fam.traject.pk]),
        {"titel": "Voor dit gezin", "url": "https://example.org/d"},
    )
    Link.objects.create(
        organisatie=other.traject.team.organisatie,
        huishouden=other.traject.huishouden,
        titel="Hun link",
        url="https://example.org/e",
    )
    html = logged_in(fam.give_access(fam.moeder)).get(reverse("portal:links")).content.decode()
    for title in ["Voor iedereen", "Voor het team", "Voor dit gezin"]:
        assert title in html
    assert "Ander team" not in html and "Hun link" not in html


def test_the_client_sees_which_staff_viewed_the_file(fam, gezinswerker):
    mother = fam.give_access(fam.moeder)
    logged_in(gezinswerker).get(reverse("dossiers:traject", args=[fam.traject.pk]))
    logged_in(mother).get(reverse("portal:timeline"))
    html = logged_in(mother).get(reverse("portal:who_viewed")).content.decode()
    assert escape(gezinswerker.get_full_name()) in html
    assert f"Traject {fam.traject.dossiernummer}" in html
    assert "Tijdlijn in het portaal" not in html


def test_the_client_sees_requests_and_referrals_without_internal_notes(team, gezinswerker, manager):
    from decimal import Decimal

    from boks.dossiers.models import Portaaltoegang
    from boks.maatwerk import statusflow
    from boks.maatwerk.choices import Zorgvorm
    from boks.maatwerk.services import VerwijzingData, register_verwijzing
    from tests.factories import ClientUserFactory
    from tests.maatwerk.factories import aanvraag, pgb_soort, traject_met_plan

    traject = traject_met_plan(team, gezinswerker)
    made = aanvraag(
        traject,
        gezinswerker,
        pgb_soort(team.organisatie),
        stappen=("indienen", "in_behandeling_nemen"),
        beoordelaar=manager,
    )
    statusflow.perform(
        aanvraag_id=made.pk,
        stap="gedeeltelijk_toekennen",
        actor=manager,
        reden="Het PGB past bij het plan.",
        beoordeling_notitie="GEHEIM: overleg met de gemeente.",
        toegekend_bedrag=Decimal("4800"),
    )
    register_verwijzing(
        actor=gezinswerker,
        traject=traject,
        data=VerwijzingData(
            zorgvorm=Zorgvorm.JEUGD_DIAGNOSTIEK, aanbieder="Kentalis", startdatum=TODAY, toelichting="GEHEIM intern"
        ),
    )
    user = ClientUserFactory()
    Portaaltoegang.objects.create(persoon=traject.huishouden.personen.first(), gebruiker=user)
    html = logged_in(user).get(reverse("portal:requests")).content.decode()
    assert "Het PGB past bij het plan." in html
    assert "Kentalis" in html
    assert "GEHEIM" not in html


def test_the_home_page_stays_within_the_query_budget(fam, gezinswerker, django_assert_max_num_queries):
    """The portal home with an agreed plan, recent events and questionnaires: at most 25 queries, the
    budget of a key page (docs/scaling.md), including the access log's INSERT."""
    agreed_plan(fam, gezinswerker, goals=(("Rust in huis", fam.moeder), ("Naar school", fam.kind)))
    client = logged_in(fam.give_access(fam.moeder))
    client.get(reverse("portal:home"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("portal:home")).status_code == 200
