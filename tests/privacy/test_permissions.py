"""Every privacy page and API endpoint, called as every kind of user with an object inside and one
outside their reach; what each may do is computed from MATRIX and the relations the users have by
construction (as tests/accounts/test_authorization_matrix.py does for the whole site), never by asking
the authorisation module. Refusals come before any form is read: a POST of nothing from someone
without access is 403/404, never a 400. Each call runs in a savepoint that is rolled back."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boks.accounts import authorization
from boks.accounts.authorization import CLIENT, Handeling, Onderwerp, Relatie, relaties_voor
from boks.accounts.choices import TeamRole
from boks.navigation import staff_navigation
from boks.privacy.choices import AvgSoort, ItemSoort, VernietigingStatus
from boks.privacy.models import Vernietiging
from boks.privacy.services import avg, extern
from tests.factories import MembershipFactory, OrganisatieFactory, TeamFactory, UserFactory

from .helpers import rich_dossier

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LEZEN, VASTLEGGEN, BEOORDELEN, EXPORTEREN = (
    Handeling.LEZEN,
    Handeling.VASTLEGGEN,
    Handeling.BEOORDELEN,
    Handeling.EXPORTEREN,
)
E, A, B, D = Onderwerp.EXTERN_VERZOEK, Onderwerp.AVG_VERZOEK, Onderwerp.BEWAARTERMIJN, Onderwerp.DOSSIER


@dataclass
class Side:
    dossier: object
    verzoek: object
    verbetering: object
    inzage: object
    vernietiging: object

    @property
    def traject(self):
        return self.dossier.traject


@dataclass
class Actor:
    name: str
    user: object
    role: str | None
    inside: set[str] = field(default_factory=set)
    organisatie_id: int | None = None


@dataclass(frozen=True)
class Gate:
    onderwerp: tuple[str, ...]
    handeling: str
    relatie: str | None = None
    channel: str = "staff"
    condition: object = None


@dataclass(frozen=True)
class Obj:
    onderwerp: str
    handeling: str | dict
    target: object
    also: tuple[str, str] | None = None
    level: str = "traject"
    condition: object = None
    channel: str = "staff"

    def action(self, method: str) -> str:
        if isinstance(self.handeling, dict):
            return self.handeling.get(method, self.handeling["*"])
        return self.handeling


def _side(team, regisseur, mark: str, privacy) -> Side:
    dossier = rich_dossier(team, regisseur, mark=mark)
    verzoek = extern.registreer(
        actor=regisseur,
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
    extern.stel_samen(actor=regisseur, verzoek_id=verzoek.pk, gekozen={ItemSoort.CONTACTMOMENT: [entry.pk]})
    extern.perform(actor=regisseur, verzoek_id=verzoek.pk, stap="voorleggen")
    verbetering = avg.dien_in(
        actor=dossier.client,
        scope=dossier.scope(),
        persoon_id=dossier.moeder.pk,
        data=avg.AvgVerzoekData(soort=AvgSoort.VERBETERING, wat_onjuist="Iets", wat_juist="Iets anders"),
    )
    inzage = avg.registreer(
        actor=privacy, traject=dossier.traject, persoon=dossier.moeder, data=avg.AvgVerzoekData(soort=AvgSoort.INZAGE)
    )
    vernietiging = Vernietiging.objects.create(
        organisatie=team.organisatie,
        team=team,
        huishouden=dossier.huishouden,
        huishouden_nummer=dossier.huishouden.pk,
        dossiernummers=dossier.traject.dossiernummer,
        dossiersoort="jeugd",
        aanleiding="bewaartermijn",
        vernietigen_vanaf=TODAY,
        status=VernietigingStatus.VOORGESTELD,
    )
    return Side(dossier, verzoek, verbetering, inzage, vernietiging)


def staff(team, role):
    return MembershipFactory(team=team, user=UserFactory(with_totp=True), role=role).user


@pytest.fixture
def world():
    team = TeamFactory(naam="Overvecht")
    other_team = TeamFactory(organisatie=team.organisatie, naam="Zuilen")
    elsewhere = TeamFactory(organisatie=OrganisatieFactory(), naam="Elders")
    regisseur = staff(team, TeamRole.GEZINSWERKER)
    privacy = staff(team, TeamRole.PRIVACYFUNCTIONARIS)
    staff(team, TeamRole.TEAMMANAGER)
    staff(elsewhere, TeamRole.TEAMMANAGER)
    inside = _side(team, regisseur, "Binnenveld", privacy)
    outside = _side(
        elsewhere, staff(elsewhere, TeamRole.GEZINSWERKER), "Buitenhof", staff(elsewhere, TeamRole.PRIVACYFUNCTIONARIS)
    )
    betrokken = staff(team, TeamRole.GEZINSWERKER)
    inside.traject.betrokkenen.add(betrokken)
    with_glass = staff(other_team, TeamRole.GEZINSWERKER)
    inside.traject.noodtoegangen.create(
        medewerker=with_glass,
        reden="Crisismelding in het weekend, de regisseur is niet bereikbaar.",
        geldig_tot=timezone.now() + datetime.timedelta(hours=4),
    )
    team_rel = {Relatie.EIGEN_TEAM}
    org_rel = {Relatie.EIGEN_TEAM, Relatie.EIGEN_ORGANISATIE}
    manager = authorization.Membership.objects.get(team=team, role=TeamRole.TEAMMANAGER).user
    org = team.organisatie_id
    actors = [
        Actor("regisseur", regisseur, TeamRole.GEZINSWERKER, {Relatie.REGISSEUR, *team_rel}, org),
        Actor("betrokken", betrokken, TeamRole.GEZINSWERKER, {Relatie.BETROKKEN, *team_rel}, org),
        Actor("collega", staff(team, TeamRole.GEZINSWERKER), TeamRole.GEZINSWERKER, team_rel, org),
        Actor("teammanager", manager, TeamRole.TEAMMANAGER, team_rel, org),
        Actor("kwaliteit", staff(team, TeamRole.KWALITEITSMEDEWERKER), TeamRole.KWALITEITSMEDEWERKER, team_rel, org),
        Actor("pgb", staff(team, TeamRole.PGB_BEOORDELAAR), TeamRole.PGB_BEOORDELAAR, team_rel, org),
        Actor("beheerder", staff(team, TeamRole.FUNCTIONEEL_BEHEERDER), TeamRole.FUNCTIONEEL_BEHEERDER, org_rel, org),
        Actor("privacy", privacy, TeamRole.PRIVACYFUNCTIONARIS, org_rel, org),
        Actor("ander_team", staff(other_team, TeamRole.GEZINSWERKER), TeamRole.GEZINSWERKER, set(), org),
        Actor("noodtoegang", with_glass, TeamRole.GEZINSWERKER, {Relatie.NOODTOEGANG}, org),
        Actor("client", inside.dossier.client, CLIENT, {Relatie.EIGEN_HUISHOUDEN}),
        Actor("anoniem", AnonymousUser(), None),
    ]
    return inside, outside, actors


def traject(side):
    return {"traject_id": side.traject.pk}


def not_made(actor, side) -> bool:
    """Four eyes: who registered or submitted the request never approves it."""
    return actor.user.pk not in {side.verzoek.geregistreerd_door_id, side.verzoek.voorgelegd_door_id}


RULES = {
    "privacy:overzicht": (Gate((E, A, B), LEZEN), ("GET",)),
    "privacy:extern_verzoeken": (Gate((E,), LEZEN), ("GET",)),
    "privacy:avg_verzoeken": (Gate((A,), LEZEN), ("GET",)),
    "privacy:bewaartermijnen": (Gate((B,), LEZEN), ("GET", "POST")),
    "privacy:avg_verzoek_nieuw": (Gate((A,), VASTLEGGEN, Relatie.EIGEN_ORGANISATIE), ("GET", "POST")),
    "privacy:traject": (Obj(E, LEZEN, traject, also=(D, LEZEN)), ("GET",)),
    "privacy:extern_verzoek_nieuw": (Obj(E, VASTLEGGEN, traject), ("GET", "POST")),
    "privacy:avg_verzoek_traject": (Obj(A, VASTLEGGEN, traject, also=(D, LEZEN)), ("GET", "POST")),
    "privacy:extern_verzoek": (Obj(E, LEZEN, lambda side: {"verzoek_id": side.verzoek.pk}), ("GET",)),
    "privacy:extern_samenstellen": (
        Obj(E, VASTLEGGEN, lambda side: {"verzoek_id": side.verzoek.pk}),
        ("GET", "POST"),
    ),
    "privacy:extern_stap": (
        Obj(E, BEOORDELEN, lambda side: {"verzoek_id": side.verzoek.pk, "naam": "goedkeuren"}, condition=not_made),
        ("POST",),
    ),
    "privacy:extern_export": (
        Obj(E, EXPORTEREN, lambda side: {"verzoek_id": side.verzoek.pk, "formaat": "pdf"}),
        ("POST",),
    ),
    "privacy:avg_verzoek": (
        Obj(A, {"GET": LEZEN, "*": BEOORDELEN}, lambda side: {"verzoek_id": side.verbetering.pk}),
        ("GET", "POST"),
    ),
    "privacy:avg_export": (
        Obj(A, EXPORTEREN, lambda side: {"verzoek_id": side.inzage.pk, "formaat": "zip"}),
        ("POST",),
    ),
    "privacy:vernietiging": (
        Obj(B, {"GET": LEZEN, "*": BEOORDELEN}, lambda side: {"vernietiging_id": side.vernietiging.pk}, level="org"),
        ("GET", "POST"),
    ),
    "portal:privacy_download_pdf": (Gate((A,), EXPORTEREN, Relatie.EIGEN_HUISHOUDEN, "portal"), ("GET",)),
    "portal:privacy_download_json": (Gate((A,), EXPORTEREN, Relatie.EIGEN_HUISHOUDEN, "portal"), ("GET",)),
    "portal:privacy_verbeteren": (Gate((A,), VASTLEGGEN, Relatie.EIGEN_HUISHOUDEN, "portal"), ("GET", "POST")),
    "portal:privacy_inzage": (Gate((A,), VASTLEGGEN, Relatie.EIGEN_HUISHOUDEN, "portal"), ("GET", "POST")),
    "portal:privacy_vernietigen": (Gate((A,), VASTLEGGEN, Relatie.EIGEN_HUISHOUDEN, "portal"), ("GET", "POST")),
    "api-extern-verzoek-list": (
        Gate(
            (E,),
            LEZEN,
            condition=lambda actor, method: method == "GET" or bool(relaties_voor(E, VASTLEGGEN, actor.role)),
        ),
        ("GET", "POST"),
    ),
    "api-extern-verzoek-detail": (Obj(E, LEZEN, lambda side: {"pk": side.verzoek.pk}), ("GET",)),
    "api-avg-verzoek-list": (Gate((A,), LEZEN), ("GET",)),
    "api-avg-verzoek-detail": (Obj(A, LEZEN, lambda side: {"pk": side.verbetering.pk}), ("GET",)),
    "api-vernietiging-list": (Gate((B,), LEZEN), ("GET",)),
    "api-vernietiging-detail": (Obj(B, LEZEN, lambda side: {"pk": side.vernietiging.pk}, level="org"), ("GET",)),
}


def expected(rule, actor: Actor, method: str, side, inside: bool) -> bool:
    if actor.role is None:
        return False
    if (rule.channel == "portal") != (actor.role == CLIENT):
        return False
    if isinstance(rule, Gate):
        allowed = set().union(*(relaties_voor(o, rule.handeling, actor.role) for o in rule.onderwerp))
        permitted = bool(allowed) if rule.relatie is None else rule.relatie in allowed
        return permitted and (rule.condition is None or rule.condition(actor, method))
    allowed = set(relaties_voor(rule.onderwerp, rule.action(method), actor.role))
    if rule.also:
        allowed &= relaties_voor(*rule.also, actor.role)
    if rule.level == "org":
        relations = {Relatie.EIGEN_ORGANISATIE} if inside and actor.organisatie_id else set()
    else:
        relations = actor.inside if inside else set()
    return bool(relations & allowed) and (rule.condition is None or rule.condition(actor, side))


def call(client: Client, method: str, url: str, api: bool):
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif api:
            response = client.post(url, data={}, content_type="application/json")
        else:
            response = client.post(url, data={})
        transaction.set_rollback(True)
    return response


def test_every_privacy_url_answers_as_the_matrix_says(world):
    inside, outside, actors = world
    clients = {}
    for actor in actors:
        clients[actor.name] = Client()
        if actor.role is not None:
            clients[actor.name].force_login(actor.user)
    wrong, probes = [], 0
    for name, (rule, methods) in RULES.items():
        api = name.startswith("api-")
        cases = [("inside", inside), ("outside", outside)] if isinstance(rule, Obj) else [("inside", inside)]
        for method in methods:
            for actor in actors:
                for scope, side in cases:
                    url = reverse(name, kwargs=rule.target(side) if isinstance(rule, Obj) else {})
                    response = call(clients[actor.name], method, url, api)
                    probes += 1
                    want = expected(rule, actor, method, side, scope == "inside")
                    refused = response.status_code in {401, 403, 404} or (
                        response.status_code == 302 and response["Location"].startswith("/account/login/")
                    )
                    if response.status_code >= 500:
                        wrong.append(f"{method} {name} as {actor.name} ({scope}): server error")
                    elif want and refused:
                        wrong.append(f"{method} {name} as {actor.name} ({scope}): refused what the matrix allows")
                    elif not want and not refused:
                        wrong.append(
                            f"{method} {name} as {actor.name} ({scope}): got {response.status_code}, the matrix refuses"
                        )
    assert probes > 500
    assert not wrong, "\n".join(wrong)


def test_every_privacy_url_has_a_rule_here():
    from django.urls import get_resolver

    def names(patterns, namespace=None):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from names(pattern.url_patterns, ":".join(filter(None, [namespace, pattern.namespace])) or None)
            elif pattern.name:
                yield ":".join(filter(None, [namespace, pattern.name]))

    ours = {
        name
        for name in names(get_resolver().url_patterns)
        if name.startswith(("privacy:", "portal:privacy_", "api-extern-verzoek", "api-avg-verzoek", "api-vernietiging"))
    }
    assert ours == set(RULES)


def test_the_privacy_menu_item_follows_the_matrix(world, rf):
    _inside, _outside, actors = world
    for actor in actors:
        if actor.role is None:
            continue
        request = rf.get("/")
        request.user = actor.user
        shown = "Privacy" in [item.label for item in staff_navigation(request)]
        assert shown == (actor.role != CLIENT and any(relaties_voor(o, LEZEN, actor.role) for o in (E, A, B))), (
            actor.name
        )
