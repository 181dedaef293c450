"""Who reaches which privacy page, as every kind of user: the regisseur, a colleague in the team, the
teammanager, a worker of another team and of another organisation, the privacyfunctionaris, a
kwaliteitsmedewerker, functioneel beheer, a client and a stranger. Refusals come before any form is
read, so a POST full of nonsense from someone without access gets 403/404, never a 400."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boks.accounts import authorization
from boks.accounts.choices import TeamRole
from boks.navigation import staff_navigation
from boks.privacy.choices import AvgSoort, ItemSoort
from boks.privacy.services import avg, bewaren, extern
from tests.conftest import logged_in
from tests.factories import MembershipFactory, TeamFactory, TrajectFactory, UserFactory

from .helpers import rich_dossier
from .test_bewaren import close, last_changed, years_ago

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def staff(team, role):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=role).user


@pytest.fixture
def world(team, gezinswerker, colleague, manager, outsider):
    dossier = rich_dossier(team, gezinswerker)
    privacy = staff(team, TeamRole.PRIVACYFUNCTIONARIS)
    other_team = staff(TeamFactory(organisatie=team.organisatie), TeamRole.GEZINSWERKER)
    verzoek = extern.registreer(
        actor=gezinswerker,
        traject=dossier.traject,
        data=extern.ExternVerzoekData(
            soort_verzoeker="handhaving",
            verzoeker="Team Handhaving",
            contactpersoon="R. Kok",
            grondslag_soort="wettelijke_plicht",
            grondslag="Participatiewet art. 53a",
            gevraagde_gegevens="Verslagen",
            ontvangen_op=TODAY,
            termijn=TODAY + datetime.timedelta(days=10),
        ),
    )
    entry = dossier.traject.contactmomenten.first()
    extern.stel_samen(actor=gezinswerker, verzoek_id=verzoek.pk, gekozen={ItemSoort.CONTACTMOMENT: [entry.pk]})
    extern.perform(actor=gezinswerker, verzoek_id=verzoek.pk, stap="voorleggen")
    verbetering = avg.dien_in(
        actor=dossier.client,
        scope=dossier.scope(),
        persoon_id=dossier.moeder.pk,
        data=avg.AvgVerzoekData(soort=AvgSoort.VERBETERING, wat_onjuist="a", wat_juist="b"),
    )
    inzage = avg.registreer(
        actor=privacy, traject=dossier.traject, persoon=dossier.moeder, data=avg.AvgVerzoekData(soort=AvgSoort.INZAGE)
    )
    old = TrajectFactory(team=team)
    close(old)
    last_changed(old.huishouden, years_ago(21))
    bewaren.stel_voor(vandaag=TODAY)
    return {
        "dossier": dossier,
        "verzoek": verzoek,
        "verbetering": verbetering,
        "inzage": inzage,
        "vernietiging": old.huishouden.vernietigingen.get(),
        "users": {
            "regisseur": gezinswerker,
            "collega": colleague,
            "teammanager": manager,
            "ander_team": other_team,
            "andere_organisatie": outsider,
            "privacy": privacy,
            "kwaliteit": staff(team, TeamRole.KWALITEITSMEDEWERKER),
            "beheer": staff(team, TeamRole.FUNCTIONEEL_BEHEERDER),
            "client": dossier.client,
        },
    }


OK = {200, 302}
DENIED = {403, 404}

# (url name, args from the world, method, who gets in); everyone else is refused.
CASES = [
    (
        "privacy:overzicht",
        lambda w: [],
        "get",
        {"regisseur", "collega", "teammanager", "ander_team", "andere_organisatie", "privacy"},
    ),
    (
        "privacy:extern_verzoeken",
        lambda w: [],
        "get",
        {"regisseur", "collega", "teammanager", "ander_team", "andere_organisatie", "privacy"},
    ),
    (
        "privacy:avg_verzoeken",
        lambda w: [],
        "get",
        {"regisseur", "collega", "teammanager", "ander_team", "andere_organisatie", "privacy"},
    ),
    ("privacy:bewaartermijnen", lambda w: [], "get", {"privacy"}),
    ("privacy:traject", lambda w: [w["dossier"].traject.pk], "get", {"regisseur", "teammanager"}),
    ("privacy:extern_verzoek", lambda w: [w["verzoek"].pk], "get", {"regisseur", "teammanager", "privacy"}),
    ("privacy:extern_verzoek_nieuw", lambda w: [w["dossier"].traject.pk], "post", {"regisseur", "teammanager"}),
    ("privacy:extern_samenstellen", lambda w: [w["verzoek"].pk], "get", {"regisseur", "teammanager"}),
    ("privacy:extern_stap", lambda w: [w["verzoek"].pk, "goedkeuren"], "post", {"teammanager", "privacy"}),
    ("privacy:extern_export", lambda w: [w["verzoek"].pk, "pdf"], "post", {"regisseur", "teammanager", "privacy"}),
    ("privacy:avg_verzoek", lambda w: [w["verbetering"].pk], "get", {"regisseur", "teammanager", "privacy"}),
    ("privacy:avg_verzoek_traject", lambda w: [w["dossier"].traject.pk], "post", {"regisseur", "teammanager"}),
    ("privacy:avg_verzoek_nieuw", lambda w: [], "post", {"privacy"}),
    ("privacy:avg_export", lambda w: [w["inzage"].pk, "json"], "post", {"privacy"}),
    ("privacy:vernietiging", lambda w: [w["vernietiging"].pk], "get", {"privacy"}),
    ("portal:privacy_download", lambda w: ["json"], "get", {"client"}),
    ("portal:privacy_verzoek", lambda w: ["verbetering"], "get", {"client"}),
]


@pytest.mark.parametrize(("name", "args", "method", "allowed"), CASES, ids=[case[0] for case in CASES])
def test_every_privacy_page_as_every_user(world, name, args, method, allowed):
    url = reverse(name, args=args(world))
    for label, user in world["users"].items():
        response = getattr(logged_in(user), method)(url, {"onzin": "x"} if method == "post" else {})
        expected = OK | ({400, 409} if method == "post" else set())
        if label in allowed:
            assert response.status_code in expected, (label, response.status_code)
        else:
            assert response.status_code in DENIED, (label, response.status_code)
    anonymous = getattr(Client(), method)(url)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous.url


def test_the_privacy_menu_item_follows_the_matrix(world, rf):
    for label, user in world["users"].items():
        request = rf.get("/")
        request.user = user
        labels = [item.label for item in staff_navigation(request)]
        assert ("Privacy" in labels) == (
            label in {"regisseur", "collega", "teammanager", "ander_team", "andere_organisatie", "privacy"}
        ), label


def test_lists_show_only_what_is_in_reach(world):
    users = world["users"]
    nummer = world["verzoek"].nummer
    for label in ("regisseur", "teammanager", "privacy"):
        assert nummer in logged_in(users[label]).get(reverse("privacy:extern_verzoeken")).content.decode(), label
    for label in ("collega", "ander_team", "andere_organisatie"):
        assert nummer not in logged_in(users[label]).get(reverse("privacy:extern_verzoeken")).content.decode(), label


def test_the_matrix_rules_for_external_requests(world):
    users, verzoek = world["users"], world["verzoek"]
    assert authorization.can_judge_extern_verzoek(users["teammanager"], verzoek)
    assert authorization.can_judge_extern_verzoek(users["privacy"], verzoek)
    assert not authorization.can_judge_extern_verzoek(users["regisseur"], verzoek)
    assert not authorization.can_work_on_extern_verzoek(users["privacy"], verzoek)
    assert authorization.can_export_extern_verzoek(users["privacy"], verzoek)
    assert not authorization.can_view_extern_verzoek(users["kwaliteit"], verzoek)
    assert authorization.relaties_voor(
        authorization.Onderwerp.BEWAARTERMIJN, authorization.Handeling.BEOORDELEN, TeamRole.PRIVACYFUNCTIONARIS
    ) == {authorization.Relatie.EIGEN_ORGANISATIE}
