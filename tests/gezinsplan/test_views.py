import datetime

import pytest
from django.urls import reverse

from boks.dossiers.choices import Status
from boks.gezinsplan import selectors, services
from boks.gezinsplan.choices import VersieStatus
from boks.gezinsplan.models import PlanDoel
from tests.conftest import logged_in

from .helpers import TODAY, concept_with_goals, traject_in_plan, vastgesteld_plan

# A journal entry cannot lie in the future, and today at 09:00 does before nine.
YESTERDAY = TODAY - datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def test_the_plan_tab_offers_to_start_a_plan(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    client = logged_in(gezinswerker)
    html = client.get(reverse("gezinsplan:plan", args=[traject.pk])).content.decode()
    assert "Nog geen gezinsplan" in html
    assert "Gezinsplan starten" in html
    response = client.post(reverse("gezinsplan:start", args=[traject.pk]))
    versie = traject.gezinsplan.versies.get()
    assert response["Location"] == reverse("gezinsplan:versie", args=[versie.pk])


def test_the_plan_shows_goals_agreements_scores_and_the_next_evaluation(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = vastgesteld_plan(traject, gezinswerker, goals=("Elke ochtend op tijd naar school.",))
    vraag = versie.doelen.get().doel.schaalvragen.get()
    for days_ago, waarde in [(14, 3), (0, 6)]:
        services.record_scores(
            actor=gezinswerker,
            plan=versie.plan,
            datum=TODAY - datetime.timedelta(days=days_ago),
            beoordelaar="medewerker",
            scores=[services.ScoreInvoer(vraag, waarde)],
        )
    html = logged_in(gezinswerker).get(reverse("gezinsplan:plan", args=[traject.pk])).content.decode()
    assert "Elke ochtend op tijd naar school." in html
    assert "Eerste stap voor: Elke ochtend op tijd naar school." in html
    assert f'data-boks-chart="scores-{vraag.pk}"' in html
    assert f'id="scores-{vraag.pk}"' in html
    assert "Scores als tabel" in html
    assert "Volgende evaluatie:" in html
    assert "Evaluatie vastleggen" in html


def test_a_colleague_reads_the_plan_but_cannot_change_it(team, gezinswerker, colleague):
    traject = traject_in_plan(team, gezinswerker)
    versie = concept_with_goals(traject, gezinswerker)
    client = logged_in(colleague)
    plan_page = client.get(reverse("gezinsplan:plan", args=[traject.pk]))
    assert plan_page.status_code == 200
    assert "Concept bewerken" not in plan_page.content.decode()
    assert "Doel toevoegen" not in client.get(reverse("gezinsplan:versie", args=[versie.pk])).content.decode()
    response = client.post(
        reverse("gezinsplan:doel_add", args=[versie.pk]), {"nieuw-doel-omschrijving": "Stiekem erbij"}
    )
    assert response.status_code == 403
    assert not PlanDoel.objects.filter(omschrijving="Stiekem erbij").exists()


def test_an_outsider_gets_404_everywhere(team, gezinswerker, outsider):
    traject = traject_in_plan(team, gezinswerker)
    versie = vastgesteld_plan(traject, gezinswerker)
    plan_doel = versie.doelen.get()
    afspraak = versie.afspraken.get()
    client = logged_in(outsider)
    urls = [
        ("get", reverse("gezinsplan:plan", args=[traject.pk])),
        ("get", reverse("gezinsplan:versie", args=[versie.pk])),
        ("get", reverse("gezinsplan:print", args=[traject.pk])),
        ("get", reverse("gezinsplan:pdf", args=[versie.pk])),
        ("get", reverse("gezinsplan:scores", args=[versie.plan_id])),
        ("get", reverse("gezinsplan:evaluatie", args=[versie.plan_id])),
        ("get", reverse("gezinsplan:compare", args=[versie.pk, versie.pk])),
        ("post", reverse("gezinsplan:new_version", args=[versie.plan_id])),
        ("post", reverse("gezinsplan:doel_edit", args=[plan_doel.pk])),
        ("post", reverse("gezinsplan:afspraak_status", args=[afspraak.afspraak_id])),
        ("post", reverse("gezinsplan:vaststellen", args=[versie.pk])),
    ]
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404, url


def test_adding_a_goal_without_text_shows_the_message_beside_the_field(team, gezinswerker):
    versie = concept_with_goals(traject_in_plan(team, gezinswerker), gezinswerker)
    response = logged_in(gezinswerker).post(
        reverse("gezinsplan:doel_add", args=[versie.pk]), {"nieuw-doel-omschrijving": "", "nieuw-doel-leefgebied": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_nieuw-doel-omschrijving_error"' in html
    assert "Dit veld is vereist." in html


def test_a_stale_goal_edit_shows_what_the_colleague_saved_and_keeps_my_text(team, gezinswerker, colleague):
    traject = traject_in_plan(team, gezinswerker)
    traject.betrokkenen.add(colleague)
    versie = concept_with_goals(traject, gezinswerker)
    plan_doel = versie.doelen.get()
    services.update_doel(
        actor=colleague,
        plan_doel_id=plan_doel.pk,
        expected_versie=plan_doel.versie_teller,
        data=services.DoelData(omschrijving="Tekst van de collega"),
    )
    prefix = f"doel-{plan_doel.pk}"
    response = logged_in(gezinswerker).post(
        reverse("gezinsplan:doel_edit", args=[plan_doel.pk]),
        {f"{prefix}-omschrijving": "Mijn eigen tekst", f"{prefix}-versie": plan_doel.versie_teller},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tekst van de collega" in html
    assert "Mijn eigen tekst" in html
    assert "intussen opgeslagen" in html


def test_editing_a_vastgestelde_version_is_refused_with_a_message(team, gezinswerker):
    versie = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    client = logged_in(gezinswerker)
    response = client.post(
        reverse("gezinsplan:section", args=[versie.pk, "vraagverheldering"]),
        {"vraagverheldering-vraagverheldering": "Anders", "vraagverheldering-versie": versie.versie},
        follow=True,
    )
    assert "Maak een nieuwe versie" in response.content.decode()
    versie.refresh_from_db()
    assert versie.vraagverheldering != "Anders"


def test_vaststellen_through_the_page_moves_the_traject_to_uitvoering(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = concept_with_goals(traject, gezinswerker)
    client = logged_in(gezinswerker)
    assert client.get(reverse("gezinsplan:vaststellen", args=[versie.pk])).status_code == 200
    refused = client.post(reverse("gezinsplan:vaststellen", args=[versie.pk]), {"instemming_op": TODAY.isoformat()})
    assert refused.status_code == 400
    response = client.post(
        reverse("gezinsplan:vaststellen", args=[versie.pk]),
        {
            "instemming_van": traject.huishouden.personen.first().pk,
            "instemming_op": TODAY.isoformat(),
            "instemming_wijze": "gesprek",
            "gewijzigd_op": versie.gewijzigd_op.isoformat(),
        },
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    versie.refresh_from_db()
    assert (traject.status, versie.status) == (Status.UITVOERING, VersieStatus.VASTGESTELD)


def test_a_score_round_through_the_page(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = vastgesteld_plan(traject, gezinswerker)
    vraag = versie.doelen.get().doel.schaalvragen.get()
    client = logged_in(gezinswerker)
    url = reverse("gezinsplan:scores", args=[versie.plan_id])
    out_of_range = client.post(url, {"datum": TODAY.isoformat(), "beoordelaar": "medewerker", f"score_{vraag.pk}": 12})
    assert out_of_range.status_code == 400
    assert "hoogstens 10" in out_of_range.content.decode()
    done = client.post(url, {"datum": TODAY.isoformat(), "beoordelaar": "medewerker", f"score_{vraag.pk}": 7})
    assert done.status_code == 302
    assert vraag.scores.get().waarde == 7


def test_marking_an_agreement_done_from_the_plan(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    afspraak = vastgesteld_plan(traject, gezinswerker).afspraken.get().afspraak
    logged_in(gezinswerker).post(reverse("gezinsplan:afspraak_status", args=[afspraak.pk]), {"status": "gedaan"})
    afspraak.refresh_from_db()
    assert afspraak.status == "gedaan"
    assert traject.gebeurtenissen.filter(soort="gezinsplan.afspraak_gedaan").exists()


def test_the_comparison_page(team, gezinswerker):
    first = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    second = services.new_version(actor=gezinswerker, plan=first.plan)
    services.add_doel(actor=gezinswerker, versie_id=second.pk, data=services.DoelData(omschrijving="Samen eten"))
    html = logged_in(gezinswerker).get(reverse("gezinsplan:compare", args=[first.pk, second.pk])).content.decode()
    assert "<ins>Samen eten</ins>" in html


def test_the_print_view_is_the_plan_for_the_fridge(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    vastgesteld_plan(traject, gezinswerker, goals=("Elke ochtend op tijd naar school.",))
    html = logged_in(gezinswerker).get(reverse("gezinsplan:print", args=[traject.pk])).content.decode()
    assert "Ons plan" in html
    assert "Elke ochtend op tijd naar school." in html
    assert "Wie doet wat, en wanneer?" in html
    assert "Eerste stap voor: Elke ochtend op tijd naar school." in html
    assert gezinswerker.get_full_name().split()[0] in html
    assert "<script>" not in html


def test_the_pdf_of_a_version_renders(team, gezinswerker):
    versie = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker)
    response = logged_in(gezinswerker).get(reverse("gezinsplan:pdf", args=[versie.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_the_plan_page_uses_a_constant_number_of_queries(team, gezinswerker, django_assert_max_num_queries):
    """20 goals with 30 scores each cost no more queries than one goal with one score, within the
    budget of 25 queries for a key page (docs/scaling.md)."""
    traject = traject_in_plan(team, gezinswerker)
    versie = vastgesteld_plan(traject, gezinswerker, goals=("Eerste doel",))
    client = logged_in(gezinswerker)
    url = reverse("gezinsplan:plan", args=[traject.pk])
    services.record_scores(
        actor=gezinswerker,
        plan=versie.plan,
        datum=TODAY,
        beoordelaar="medewerker",
        scores=[services.ScoreInvoer(versie.doelen.get().doel.schaalvragen.get(), 5)],
    )
    client.get(url)
    with django_assert_max_num_queries(25) as small:
        client.get(url)
    second = services.new_version(actor=gezinswerker, plan=versie.plan)
    for index in range(19):
        services.add_doel(actor=gezinswerker, versie_id=second.pk, data=services.DoelData(omschrijving=f"Doel {index}"))
    second = services.vaststellen(
        actor=gezinswerker,
        versie_id=second.pk,
        expected_gewijzigd_op=None,
        instemming_van=traject.huishouden.personen.first(),
        instemming_op=TODAY,
        instemming_wijze="gesprek",
    )
    vragen = selectors.schaalvragen_of(second)
    for days_ago in range(30):
        services.record_scores(
            actor=gezinswerker,
            plan=versie.plan,
            datum=TODAY - datetime.timedelta(days=days_ago),
            beoordelaar="medewerker",
            scores=[services.ScoreInvoer(vraag, days_ago % 11) for vraag in vragen],
        )
    with django_assert_max_num_queries(len(small)):
        html = client.get(url).content.decode()
    assert "Doel 18" in html


def test_a_journal_entry_can_be_about_goals_of_the_plan(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    versie = vastgesteld_plan(traject, gezinswerker, goals=("Elke ochtend op tijd naar school.", "Minder ruzie"))
    school = versie.doelen.get(prioriteit=1).doel
    client = logged_in(gezinswerker)
    page = client.get(reverse("dossiers:traject", args=[traject.pk])).content.decode()
    assert "Ging over de doelen" in page
    response = client.post(
        reverse("dossiers:contactmoment_new", args=[traject.pk]),
        {
            "contact-plaatsgevonden_op": YESTERDAY.strftime("%Y-%m-%dT09:00"),
            "contact-soort": "gesprek",
            "contact-tekst": "Ochtendritueel besproken.",
            "contact-zichtbaar_voor_client": "on",
            "contact-doelen": [school.pk],
        },
    )
    assert response.status_code == 302
    entry = traject.contactmomenten.get()
    assert list(entry.doelen.all()) == [school]
    html = client.get(reverse("dossiers:traject", args=[traject.pk])).content.decode()
    assert "Ging over de doelen: Elke ochtend op tijd naar school." in html


def test_a_journal_entry_cannot_link_another_plans_goal(team, gezinswerker):
    traject = traject_in_plan(team, gezinswerker)
    vastgesteld_plan(traject, gezinswerker)
    other = vastgesteld_plan(traject_in_plan(team, gezinswerker), gezinswerker).doelen.get().doel
    response = logged_in(gezinswerker).post(
        reverse("dossiers:contactmoment_new", args=[traject.pk]),
        {
            "contact-plaatsgevonden_op": YESTERDAY.strftime("%Y-%m-%dT09:00"),
            "contact-soort": "gesprek",
            "contact-tekst": "Gesprek.",
            "contact-zichtbaar_voor_client": "on",
            "contact-doelen": [other.pk],
        },
    )
    assert response.status_code == 400
    assert not traject.contactmomenten.exists()


def test_the_journal_api_links_goals(team, gezinswerker):
    import json

    traject = traject_in_plan(team, gezinswerker)
    doel = vastgesteld_plan(traject, gezinswerker).doelen.get().doel
    response = logged_in(gezinswerker).post(
        reverse("api-traject-contactmomenten", args=[traject.pk]),
        json.dumps(
            {
                "plaatsgevonden_op": f"{YESTERDAY.isoformat()}T09:00:00+01:00",
                "soort": "gesprek",
                "tekst": "Over school.",
                "koppelingen": {"doelen": [doel.pk]},
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert list(traject.contactmomenten.get().doelen.all()) == [doel]


def test_a_worker_chooses_the_kind_of_plan_when_there_are_variants(team, gezinswerker):
    from boks.gezinsplan.models import PlanSjabloon

    services.standaard_sjabloon(team.organisatie)
    youth = PlanSjabloon.objects.create(
        organisatie=team.organisatie, naam="Plan jongeren", toelichting_doelen="Jouw doelen"
    )
    traject = traject_in_plan(team, gezinswerker)
    client = logged_in(gezinswerker)
    page = client.get(reverse("gezinsplan:plan", args=[traject.pk])).content.decode()
    assert "Soort plan" in page and "Plan jongeren" in page
    client.post(reverse("gezinsplan:start", args=[traject.pk]), {"sjabloon": youth.pk})
    versie = traject.gezinsplan.versies.get()
    assert versie.sjabloon_versie.sjabloon == youth
    assert "Jouw doelen" in client.get(reverse("gezinsplan:versie", args=[versie.pk])).content.decode()
