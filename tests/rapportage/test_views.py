"""The dashboards, the drill-down and the report pack as their users meet them: who gets in, what
they see, what is suppressed, what is logged, and how many queries a page costs."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from boks.accounts.choices import TeamRole
from boks.audit.models import Toegang
from boks.rapportage.models import Instellingen, Vaststelling
from tests.conftest import logged_in
from tests.factories import TrajectFactory

from .conftest import member
from .dataset import D

pytestmark = pytest.mark.django_db

Q1 = {"periode": "2025-K1"}


def test_the_team_dashboard_shows_the_known_figures_with_charts_and_tables(world, manager):
    response = logged_in(manager).get(reverse("rapportage:team", args=[world.vechtzoom.pk]), Q1)
    assert response.status_code == 200
    page = response.content.decode()
    board = response.context["board"]
    tiles = {tile.label: tile.cel.tekst for tile in board.tegels}
    assert tiles["Actieve trajecten"] == "3"
    assert tiles["Aangemeld"] == "2"
    assert tiles["Werkdagen tot kennismaking"] == "6,5"
    assert tiles["Kennismaking binnen de norm"] == "50%"
    assert tiles["Wachtenden"] == "1"
    assert 'data-rapportage-chart="grafiek-instroom"' in page
    assert 'id="grafiek-instroom" type="application/json"' in page
    assert "Cijfers van team Vechtzoom" in page
    assert "style=" not in page


def test_own_team_figures_are_not_suppressed_but_other_teams_are(world, manager):
    response = logged_in(manager).get(reverse("rapportage:organisatie", args=[world.organisatie.pk]), Q1)
    assert response.status_code == 200
    [overview] = response.context["board"].secties[0].tabellen
    rows = {row.label: row for row in overview.rijen}
    assert rows["Vechtzoom"].cellen[0].tekst == "3"  # own team: 3 active trajecten, shown
    assert rows["Zuilen"].cellen[2].tekst == "< 5"  # 2 closed in Zuilen: suppressed
    assert rows["Zuilen"].cellen[0].tekst == "0"  # nothing to hide in a zero
    assert rows["Totaal"].cellen[0].tekst == "< 5"


def test_a_suppressed_key_figure_gives_away_nothing_in_its_explanation(world, manager):
    response = logged_in(manager).get(reverse("rapportage:organisatie", args=[world.organisatie.pk]), Q1)
    suppressed = [tile for tile in response.context["board"].tegels if tile.cel.onderdrukt]
    assert len(suppressed) > 5
    for tile in suppressed:
        settings_and_dates = tile.toelichting.replace("31-03-2025", "").replace("norm: 5 werkdagen", "")
        assert not any(char.isdigit() for char in settings_and_dates), tile.label


def test_the_minimum_is_configurable_per_organisation(world, manager):
    Instellingen.objects.create(organisatie=world.organisatie, minimum_aantal=2)
    response = logged_in(manager).get(reverse("rapportage:organisatie", args=[world.organisatie.pk]), Q1)
    [overview] = response.context["board"].secties[0].tabellen
    zuilen = next(row for row in overview.rijen if row.label == "Zuilen")
    assert zuilen.cellen[2].tekst == "2"


def test_charts_never_show_what_the_table_suppresses(world, kwaliteit):
    response = logged_in(kwaliteit).get(reverse("rapportage:organisatie", args=[world.organisatie.pk]), Q1)
    instroom = next(s for s in response.context["board"].secties if s.id == "instroom")
    per_team = instroom.tabellen[0]
    vechtzoom = next(row for row in per_team.rijen if row.label == "Vechtzoom")
    assert vechtzoom.cellen[0].onderdrukt
    index = [row.label for row in per_team.rijen if not row.totaal].index("Vechtzoom")
    assert instroom.grafiek["datasets"][0]["data"][index] is None


@pytest.mark.parametrize("role", [TeamRole.GEZINSWERKER, TeamRole.FUNCTIONEEL_BEHEERDER, TeamRole.PGB_BEOORDELAAR])
def test_roles_without_figures_get_404_and_no_menu_item(world, role):
    user = member(world.vechtzoom, role)
    client = logged_in(user)
    assert client.get(reverse("rapportage:index")).status_code == 404
    assert client.get(reverse("rapportage:team", args=[world.vechtzoom.pk])).status_code == 404
    assert client.get(reverse("rapportage:organisatie", args=[world.organisatie.pk])).status_code == 404
    assert client.get(reverse("rapportage:rapport", args=[world.organisatie.pk, "2025-K1"])).status_code == 404
    assert "Rapportage" not in client.get(reverse("dossiers:caseload")).content.decode()


def test_a_manager_of_another_organisation_sees_nothing_of_this_one(world):
    outsider = member(world.elders, TeamRole.TEAMMANAGER)
    client = logged_in(outsider)
    assert client.get(reverse("rapportage:team", args=[world.vechtzoom.pk])).status_code == 404
    assert client.get(reverse("rapportage:organisatie", args=[world.organisatie.pk])).status_code == 404
    query = {"indicator": "actief", "scope": f"team:{world.vechtzoom.pk}", "van": "2025-01-01", "tot": "2025-03-31"}
    assert client.get(reverse("rapportage:trajecten"), query).status_code == 404
    assert "Rapportage" in client.get(reverse("dossiers:caseload")).content.decode()


def test_a_client_gets_no_figures(world):
    from tests.factories import ClientUserFactory

    client = logged_in(ClientUserFactory())
    assert client.get(reverse("rapportage:index")).status_code in (302, 403, 404)
    assert client.get(reverse("rapportage:organisatie", args=[world.organisatie.pk])).status_code in (302, 403, 404)


def test_drilldown_lists_the_trajecten_behind_a_figure_and_logs_them(world, manager):
    response = logged_in(manager).get(
        reverse("rapportage:trajecten"),
        {
            "indicator": "kennismaking",
            "scope": f"team:{world.vechtzoom.pk}",
            "van": "2025-01-01",
            "tot": "2025-03-31",
            "norm": "buiten",
        },
    )
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [world.b]
    assert world.b.dossiernummer in response.content.decode()
    entry = Toegang.objects.get(traject_id=world.b.pk)
    assert entry.gebruiker == manager
    assert entry.omschrijving == "Rapportage: Kennismaking in de periode: buiten de norm"


def test_the_dashboard_links_own_team_figures_to_their_trajecten_only(world, manager):
    response = logged_in(manager).get(reverse("rapportage:organisatie", args=[world.organisatie.pk]), Q1)
    [overview] = response.context["board"].secties[0].tabellen
    rows = {row.label: row for row in overview.rijen}
    assert rows["Vechtzoom"].cellen[0].link.startswith(reverse("rapportage:trajecten"))
    assert rows["Zuilen"].cellen[0].link == ""
    assert rows["Totaal"].cellen[0].link == ""


def test_drilldown_into_another_team_is_refused_even_with_organisation_figures(world, manager):
    query = {"indicator": "afgesloten", "scope": f"team:{world.zuilen.pk}", "van": "2025-01-01", "tot": "2025-03-31"}
    assert logged_in(manager).get(reverse("rapportage:trajecten"), query).status_code == 404


def test_drilldown_with_bad_parameters_says_what_is_wrong(world, manager):
    base = {"scope": f"team:{world.vechtzoom.pk}", "van": "2025-01-01", "tot": "2025-03-31"}
    client = logged_in(manager)
    response = client.get(reverse("rapportage:trajecten"), {**base, "indicator": "onzin"})
    assert response.status_code == 400
    assert "Onbekend cijfer" in response.content.decode()
    response = client.get(reverse("rapportage:trajecten"), {**base, "indicator": "aangemeld", "afsluitreden": "x"})
    assert response.status_code == 400
    response = client.get(reverse("rapportage:trajecten"), {**base, "indicator": "actief", "tot": "2024-01-01"})
    assert response.status_code == 400
    assert "einddatum ligt vóór de begindatum" in response.content.decode()


def test_a_bad_period_gets_a_dutch_message_not_a_500(world, manager):
    client = logged_in(manager)
    response = client.get(reverse("rapportage:team", args=[world.vechtzoom.pk]), {"periode": "2025-K7"})
    assert response.status_code == 400
    assert "Onbekende periode" in response.content.decode()
    response = client.get(
        reverse("rapportage:team", args=[world.vechtzoom.pk]), {"periode": "eigen", "van": "2025-03-01"}
    )
    assert response.status_code == 400
    assert "zowel de begin- als de einddatum" in response.content.decode()
    response = client.get(reverse("rapportage:organisatie", args=[world.organisatie.pk]), {"scope": "team:999999"})
    assert response.status_code == 400


def _dashboard_queries(client, url, django_assert_max_num_queries, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_the_number_of_trajecten(world, manager, django_assert_max_num_queries):
    client = logged_in(manager)
    team_url = reverse("rapportage:team", args=[world.vechtzoom.pk])
    org_url = reverse("rapportage:organisatie", args=[world.organisatie.pk])
    client.get(team_url, Q1)  # the first visit makes the organisation's settings and session rows
    client.get(org_url, Q1)
    before_team = _dashboard_queries(client, team_url, django_assert_max_num_queries, Q1)
    before_org = _dashboard_queries(client, org_url, django_assert_max_num_queries, Q1)
    for day in range(1, 31):
        TrajectFactory(team=world.vechtzoom if day % 2 else world.zuilen, aanmelddatum=D(2025, 1, day))
    assert _dashboard_queries(client, team_url, django_assert_max_num_queries, Q1) == before_team
    assert _dashboard_queries(client, org_url, django_assert_max_num_queries, Q1) == before_org


def test_drilldown_queries_are_constant_in_the_number_of_rows(world, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in(manager)
    query = {"indicator": "lopend", "scope": f"team:{world.vechtzoom.pk}", "van": "2025-01-01", "tot": "2025-03-31"}
    client.get(reverse("rapportage:trajecten"), query)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("rapportage:trajecten"), query)
    for day in range(1, 31):
        TrajectFactory(team=world.vechtzoom, regisseur=world.worker, aanmelddatum=D(2025, 1, day))
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("rapportage:trajecten"), query)
    assert response.context["page"].paginator.count == 34
    assert len(many) == len(one)


def test_the_report_pack_shows_the_six_appendices(world, kwaliteit):
    response = logged_in(kwaliteit).get(reverse("rapportage:rapport", args=[world.organisatie.pk, "2025-K1"]))
    assert response.status_code == 200
    page = response.content.decode()
    for bijlage in ("Aantal", "Snelheid", "Bereik", "Instroom", "Doorstroom", "Doelbereik"):
        assert f"– {bijlage}" in page
    assert "Nog niet vastgesteld" in page


def test_vaststellen_freezes_the_quarter_and_a_recompute_shows_differences(world, kwaliteit):
    client = logged_in(kwaliteit)
    url = reverse("rapportage:vaststellen", args=[world.organisatie.pk, "2025-K1"])
    response = client.post(url, {"toelichting": ""}, follow=True)
    assert "De cijfers van 1e kwartaal 2025 zijn vastgesteld (versie 1" in response.content.decode()
    vaststelling = Vaststelling.objects.get()
    assert vaststelling.vastgesteld_door == kwaliteit

    # A late registration in the quarter: the frozen report keeps what was published.
    TrajectFactory(team=world.zuilen, aanmelddatum=D(2025, 3, 20))
    response = client.get(reverse("rapportage:rapport", args=[world.organisatie.pk, "2025-K1"]))
    aantal = next(t for t in response.context["weergave"].tabellen if t.id == "aantal.per_team")
    totaal = next(row for row in aantal.rijen if row.totaal)
    assert totaal.cellen[0].waarde == 2
    verschillen = response.context["weergave"].verschillen
    # Zuilen is the kwaliteitsmedewerker's own team: shown in full. The totals (2 → 3) are too small to
    # show outside the own team, so their change is not listed either.
    assert any(v.rij == "Zuilen" and v.kolom == "Gestart" and (v.gepubliceerd, v.nu) == ("0", "1") for v in verschillen)
    assert not any(v.rij == "Totaal" and v.kolom == "Gestart" for v in verschillen)
    assert "Opnieuw berekend" in response.content.decode()

    # Freezing again needs a reason and makes version 2; version 1 stays.
    response = client.post(url, {"toelichting": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom" in response.content.decode()
    client.post(url, {"toelichting": "Late registratie van Zuilen verwerkt."})
    assert list(Vaststelling.objects.order_by("versie").values_list("versie", flat=True)) == [1, 2]


def test_only_kwaliteitsmedewerkers_freeze_and_only_ended_periods(world, manager, kwaliteit):
    url = reverse("rapportage:vaststellen", args=[world.organisatie.pk, "2025-K1"])
    assert logged_in(manager).post(url).status_code == 403
    from boks.rapportage.periods import huidig_kwartaal

    current = huidig_kwartaal().code
    response = logged_in(kwaliteit).post(reverse("rapportage:vaststellen", args=[world.organisatie.pk, current]))
    assert response.status_code == 400
    assert "is nog niet voorbij" in response.content.decode()
    assert not Vaststelling.objects.exists()


def test_downloads_as_csv_xlsx_and_pdf_with_suppression(world, manager):
    client = logged_in(manager)
    csv = client.get(reverse("rapportage:download", args=[world.organisatie.pk, "2025-K1", "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Bijlage 1 – Aantal: Gestarte, lopende en afgesloten trajecten per team" in text
    assert "Vechtzoom;2;4;1;4;5" in text  # own team, in full
    assert "Zuilen;0;< 5;< 5;< 5;< 5" in text  # another team, suppressed

    xlsx = client.get(reverse("rapportage:download", args=[world.organisatie.pk, "2025-K1", "xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Aantal", "Snelheid", "Bereik", "Instroom", "Doorstroom", "Doelbereik"]
    values = [[cell.value for cell in row] for row in workbook["Aantal"].iter_rows()]
    assert ["Vechtzoom", 2, 4, 1, 4, 5] in values

    pdf = client.get(reverse("rapportage:download", args=[world.organisatie.pk, "2025-K1", "pdf"]))
    assert pdf.status_code in (200, 503)
    if pdf.status_code == 200:
        assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("rapportage:download", args=[world.organisatie.pk, "2025-K1", "doc"])).status_code == 404
