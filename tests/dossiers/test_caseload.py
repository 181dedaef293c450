import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import TeamRole
from boks.dossiers import services
from boks.dossiers.choices import ContactSoort, Status
from tests.conftest import logged_in
from tests.factories import MembershipFactory, PersoonFactory, TeamFactory, TrajectFactory, UserFactory


def test_caseload_names_the_teams_and_roles_of_the_worker(gezinswerker, team):
    second = TeamFactory(organisatie=team.organisatie, naam="Overvecht De Gagel")
    MembershipFactory(user=gezinswerker, team=second, role=TeamRole.TEAMMANAGER)
    html = logged_in(gezinswerker).get(reverse("dossiers:caseload")).content.decode()
    assert "Overvecht Vechtzoom (gezinswerker / buurtteammedewerker)" in html
    assert "Overvecht De Gagel (teammanager / teamcoach)" in html


def test_caseload_tells_a_worker_without_a_team_what_to_do(db):
    html = logged_in(UserFactory(with_totp=True)).get(reverse("dossiers:caseload")).content.decode()
    assert "Vraag functioneel beheer om je aan je team toe te voegen." in html


def test_caseload_marks_its_menu_item_as_the_current_page(gezinswerker):
    html = logged_in(gezinswerker).get(reverse("dossiers:caseload")).content.decode()
    assert f'href="{reverse("dossiers:caseload")}" aria-current="page"' in html


def numbers(response) -> list[str]:
    return [traject.dossiernummer for traject in response.context["page"].object_list]


@pytest.fixture
def three(team, gezinswerker):
    closed = TrajectFactory(team=team, regisseur=gezinswerker, status=Status.AFGESLOTEN, afsluitreden="volgens_plan")
    late = TrajectFactory(
        team=team,
        regisseur=gezinswerker,
        status=Status.WACHTEND,
        werkdagen_tot_kennismaking=9,
        kennismaking_op=timezone.localdate(),
    )
    new = TrajectFactory(team=team, regisseur=gezinswerker)
    PersoonFactory(
        huishouden=new.huishouden,
        voornaam="Yara",
        achternaam="Bouzid",
        bsn="111222333",
        geboortedatum=datetime.date(2012, 5, 1),
    )
    return closed, late, new


def test_caseload_shows_open_trajecten_and_filters_by_status_and_norm(gezinswerker, three):
    closed, late, new = three
    client = logged_in(gezinswerker)
    assert set(numbers(client.get(reverse("dossiers:caseload")))) == {late.dossiernummer, new.dossiernummer}
    assert numbers(client.get(reverse("dossiers:caseload"), {"status": "afgesloten"})) == [closed.dossiernummer]
    assert numbers(client.get(reverse("dossiers:caseload"), {"over_norm": "on"})) == [late.dossiernummer]


@pytest.mark.parametrize("query", ["Yara", "bouzid", "01-05-2012", "111222333"])
def test_caseload_search_by_name_birth_date_or_bsn(query, gezinswerker, three):
    _closed, _late, new = three
    response = logged_in(gezinswerker).get(reverse("dossiers:caseload"), {"q": query})
    assert numbers(response) == [new.dossiernummer]


def test_caseload_search_by_dossiernummer(gezinswerker, three):
    _closed, late, _new = three
    response = logged_in(gezinswerker).get(reverse("dossiers:caseload"), {"q": late.dossiernummer})
    assert numbers(response) == [late.dossiernummer]


def test_caseload_sorts_and_paginates(team, gezinswerker):
    TrajectFactory.create_batch(30, team=team, regisseur=gezinswerker)
    client = logged_in(gezinswerker)
    first = client.get(reverse("dossiers:caseload"), {"sort": "dossiernummer"})
    second = client.get(reverse("dossiers:caseload"), {"sort": "dossiernummer", "pagina": 2})
    assert len(numbers(first)) == 25 and len(numbers(second)) == 5
    assert numbers(first) == sorted(numbers(first))
    assert numbers(first)[-1] < numbers(second)[0]


def query_count(client, url, django_assert_max_num_queries) -> int:
    client.get(url)
    with django_assert_max_num_queries(50) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_list_pages_use_a_constant_number_of_queries(team, gezinswerker, django_assert_max_num_queries):
    client = logged_in(gezinswerker)
    TrajectFactory(team=team, regisseur=gezinswerker, status=Status.WACHTEND, kennismaking_op=timezone.localdate())
    TrajectFactory(team=team, regisseur=None)
    urls = [reverse("dossiers:caseload"), reverse("dossiers:team_work", args=[team.pk])]
    with_one = [query_count(client, url, django_assert_max_num_queries) for url in urls]
    for index in range(30):
        traject = TrajectFactory(
            team=team,
            regisseur=gezinswerker if index % 2 else None,
            status=Status.WACHTEND if index % 3 else Status.AANGEMELD,
            kennismaking_op=timezone.localdate(),
        )
        PersoonFactory(huishouden=traject.huishouden)
    with_thirty = [query_count(client, url, django_assert_max_num_queries) for url in urls]
    assert with_thirty == with_one


def test_traject_page_uses_a_constant_number_of_queries(traject, gezinswerker, django_assert_max_num_queries):
    """One journal entry or thirty: the same queries, within the budget of 25 for a key page
    (docs/scaling.md); the page shows the newest 25 entries and pages back to the older ones."""
    client = logged_in(gezinswerker)
    url = reverse("dossiers:traject", args=[traject.pk])

    def write():
        services.write_contactmoment(
            actor=gezinswerker,
            traject=traject,
            data=services.ContactmomentData(
                plaatsgevonden_op=timezone.now() - datetime.timedelta(hours=1), soort=ContactSoort.GESPREK, tekst="x"
            ),
        )

    write()
    with_one = query_count(client, url, django_assert_max_num_queries)
    assert with_one <= 25
    for _ in range(29):
        write()
    assert query_count(client, url, django_assert_max_num_queries) == with_one
    assert client.get(url).content.decode().count('<article class="boks-entry') == 25
    assert client.get(url, {"pagina": 2}).content.decode().count('<article class="boks-entry') == 5


def test_the_team_queue_assigns_a_regisseur_and_returns_to_the_team_page(team, gezinswerker, colleague):
    waiting = TrajectFactory(team=team, regisseur=None)
    client = logged_in(gezinswerker)
    team_url = reverse("dossiers:team_work", args=[team.pk])
    assert waiting.dossiernummer in client.get(team_url).content.decode()
    response = client.post(
        reverse("dossiers:traject_regisseur", args=[waiting.pk]), {"regisseur": colleague.pk, "terug": team_url}
    )
    assert response.status_code == 302 and response.url == team_url
    waiting.refresh_from_db()
    assert waiting.regisseur == colleague


def test_an_outside_return_address_is_ignored(traject, gezinswerker, colleague):
    response = logged_in(gezinswerker).post(
        reverse("dossiers:traject_regisseur", args=[traject.pk]),
        {"regisseur": colleague.pk, "terug": "https://evil.example/"},
    )
    assert response.url == reverse("dossiers:traject", args=[traject.pk])


def test_filter_on_days_waiting_since_the_kennismaking(team, gezinswerker):
    long_wait = TrajectFactory(
        team=team,
        regisseur=gezinswerker,
        status=Status.WACHTEND,
        kennismaking_op=timezone.localdate() - datetime.timedelta(days=120),
    )
    TrajectFactory(team=team, regisseur=gezinswerker, status=Status.WACHTEND, kennismaking_op=timezone.localdate())
    response = logged_in(gezinswerker).get(reverse("dossiers:caseload"), {"min_dagen_wachtend": 100})
    assert numbers(response) == [long_wait.dossiernummer]


def test_functioneel_beheer_sets_the_kennismaking_norm_of_its_organisation(team):
    from boks.dossiers.models import Werkafspraken

    beheerder = MembershipFactory(team=team, role=TeamRole.FUNCTIONEEL_BEHEERDER, user=UserFactory(with_totp=True)).user
    response = logged_in(beheerder).post(
        reverse("beheer:dossiers_werkafspraken_add"),
        {
            "organisatie": team.organisatie_id,
            "kennismaking_norm_werkdagen": 7,
            "bevrijdingsdag": "lustrum",
            "heropenen_binnen_dagen": 90,
            "journaal_correctie_minuten": 60,
        },
    )
    assert response.status_code == 302
    assert Werkafspraken.objects.get(organisatie=team.organisatie).kennismaking_norm_werkdagen == 7


def test_the_list_marks_a_kennismaking_over_the_organisations_norm(team, gezinswerker):
    from boks.dossiers.models import Werkafspraken

    TrajectFactory(
        team=team,
        regisseur=gezinswerker,
        status=Status.WACHTEND,
        werkdagen_tot_kennismaking=6,
        kennismaking_op=timezone.localdate(),
    )
    client = logged_in(gezinswerker)
    assert "boven de norm" in client.get(reverse("dossiers:caseload")).content.decode()
    Werkafspraken.objects.create(organisatie=team.organisatie, kennismaking_norm_werkdagen=8)
    assert "boven de norm" not in client.get(reverse("dossiers:caseload")).content.decode()
    assert numbers(client.get(reverse("dossiers:caseload"), {"over_norm": "on"})) == []
