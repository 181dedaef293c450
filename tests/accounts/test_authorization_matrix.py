"""The authorisation matrix, proven: every URL of BOKS is called as every role, with data inside and
outside the role's reach, and the answer must be what MATRIX says.

ENDPOINTS classifies each URL pattern by the rule that governs it; a URL pattern without an entry
fails `test_every_url_has_a_rule`, so a new page or API endpoint cannot land unclassified. The
expectation is computed from MATRIX and the relations each actor has by construction (see
matrix_world.py), never by asking the authorisation module: the test checks the views against the
table, not the module against itself. Every allowed page is also searched for the names of a
household the actor may not read, so a list that leaks fails too.

Each probe runs in a savepoint that is rolled back, so a POST that is allowed changes nothing for
the next one.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from boks.accounts.admin import beheer_site
from boks.accounts.authorization import CLIENT, Handeling, Onderwerp, Relatie, relaties_voor
from boks.accounts.models import User
from boks.conversie.models import Conversierun
from boks.documenten.models import Link
from tests.conftest import logged_in_with_mfa

from .matrix_world import INSIDE_MARK, OUTSIDE_MARK, Actor, Side, World, build_world

pytestmark = pytest.mark.django_db

LEZEN, VASTLEGGEN, BEOORDELEN = Handeling.LEZEN, Handeling.VASTLEGGEN, Handeling.BEOORDELEN
Target = Callable[[Side, World], dict]


@dataclass(frozen=True)
class Public:
    """Anyone, logged in or not (login, password reset, activation link): only never a 5xx."""


@dataclass(frozen=True)
class LoggedIn:
    """Any logged-in user of this kind (None: staff and clients); the page shows only their own."""

    kind: str | None = None


@dataclass(frozen=True)
class Gate:
    """A page without an object: allowed when the actor's role may do this in some relation
    (or in the given one); with several onderwerpen, for any of them."""

    onderwerp: str | tuple[str, ...]
    handeling: str
    relatie: str | None = None
    channel: str = "staff"
    condition: Callable[[Actor, str], bool] | None = None
    """A further condition on the actor and the method, as the rule's voorwaarde in MATRIX says."""


@dataclass(frozen=True)
class Obj:
    """A page or endpoint of one object: probed with the inside object and the outside one. The
    object is a traject's (relations as the world gives them), a team's or an organisation's."""

    onderwerp: str | tuple[str, ...]
    handeling: str | dict[str, str]
    target: Target
    channel: str = "staff"
    condition: Callable[[Actor, Side], bool] | None = None
    assessed: bool = False
    """The object is an aanvraag routed to the teammanager (and their vervanger): TOEGEWEZEN."""
    level: str = "traject"
    also: tuple[str, str] | None = None
    """A second (onderwerp, handeling) the same relation must allow too."""

    def action(self, method: str) -> str:
        if isinstance(self.handeling, dict):
            return self.handeling.get(method, self.handeling["*"])
        return self.handeling


@dataclass(frozen=True)
class Own:
    """The user's own object (a notification): their own opens, someone else's does not."""

    target: Callable[[World, Actor, bool], dict]


@dataclass(frozen=True)
class Owned:
    """An object only its owner acts on (a vervanging is ended by whom it replaces)."""

    target: Target
    owner: Callable[[Side], object]


@dataclass(frozen=True)
class Beheer:
    """Beheer (the admin site): functioneel beheer of the organisation (Onderwerp.BEHEER), for objects
    of their own organisation; another organisation's objects are not found. Nothing is deleted
    there, and what holds for every organisation (wijken, scheduled tasks) only a superuser changes."""

    action: str
    model: type | None = None
    kwargs: dict = field(default_factory=dict)
    query: str = ""
    object_kwarg: str = "object_id"
    on_object: bool = True

    def allows(self) -> bool:
        if self.action == "delete":
            return False
        if self.action == "add" and self.model is not None:
            return not beheer_site._registry[self.model].superuser_only_writes
        return True


Rule = Public | LoggedIn | Gate | Obj | Own | Owned | Beheer


@dataclass(frozen=True)
class Endpoint:
    rule: Rule
    methods: tuple[str, ...] | None = None
    """None: every method the endpoint answers (found by calling it as someone allowed)."""
    body: Callable[[Side, World], dict] = field(default=lambda side, world: {})


def traject(side, world):
    return {"traject_id": side.traject.pk}


def pk(attribute: str, name: str = "pk") -> Target:
    return lambda side, world: {name: getattr(side, attribute).pk}


def organisation(side, world):
    return {"organisatie_id": side.team.organisatie_id}


def quarter(side, world):
    """The last quarter that has ended, as the report pack names it."""
    today = datetime.date.today()
    number = (today.month - 1) // 3
    year = today.year if number else today.year - 1
    return {"organisatie_id": side.team.organisatie_id, "periode": f"{year}-K{number or 4}"}


def plan_pk(side, world):
    return {"plan_id": side.plan.pk}


def concept(side, world):
    return {"versie_id": side.concept.pk}


def own_notification(world, actor, own):
    other = world.actor("regisseur" if actor.name != "regisseur" else "collega")
    recipient = actor.user if own else other.user
    return {"notification_id": recipient.notifications.get(key__startswith="matrix-").pk}


READ_WRITE = {"GET": LEZEN, "*": VASTLEGGEN}
EXTERN, AVG, BEWAAR = Onderwerp.EXTERN_VERZOEK, Onderwerp.AVG_VERZOEK, Onderwerp.BEWAARTERMIJN
EXPORTEREN = Handeling.EXPORTEREN
D, P, W, Z, DOC = (
    Onderwerp.DOSSIER,
    Onderwerp.GEZINSPLAN,
    Onderwerp.WAT_TELT,
    Onderwerp.AANVULLENDE_ZORG,
    Onderwerp.DOCUMENT,
)
NOT_OWN_REQUEST = lambda actor, side: actor.user.pk != side.aanvraag.aangemaakt_door_id  # noqa: E731
AUTHOR = lambda actor, side: actor.user.pk == side.contactmoment.auteur_id  # noqa: E731
OWN_AGREEMENT = lambda actor, side: side.plan_afspraak.wie_persoon_id == side.moeder.pk  # noqa: E731
NOT_OPENER = lambda actor, side: actor.user.pk != side.noodtoegang.medewerker_id  # noqa: E731

ENDPOINTS: dict[str, Endpoint] = {
    # The site and accounts (allauth): the forms are public, account pages need a login.
    "home": Endpoint(Public(), ("GET",)),
    "set_language": Endpoint(Public(), ("GET",)),
    **{
        name: Endpoint(Public(), ("GET",))
        for name in (
            "account_login",
            "account_signup",
            "account_inactive",
            "account_reset_password",
            "account_reset_password_done",
            "account_reset_password_from_key",
            "account_reset_password_from_key_done",
            "account_confirm_email",
            "account_email_verification_sent",
            "account_confirm_login_code",
            "account_logout",
            "mfa_authenticate",
            "mfa_deactivate_totp",
            "mfa_view_recovery_codes",
            "mfa_download_recovery_codes",
            "portal:activate",
        )
    },
    **{
        name: Endpoint(LoggedIn(), ("GET",))
        for name in (
            "account_reauthenticate",
            "account_email",
            "account_change_password",
            "account_set_password",
            "mfa_index",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_generate_recovery_codes",
        )
    },
    "accounts:team_overview": Endpoint(Gate(Onderwerp.TEAM, LEZEN)),
    "notifications:inbox": Endpoint(LoggedIn()),
    "notifications:mark_all_read": Endpoint(LoggedIn()),
    "notifications:open": Endpoint(Own(own_notification)),
    # Dossiers
    "dossiers:caseload": Endpoint(LoggedIn("staff")),
    "dossiers:team_work": Endpoint(
        Obj(Onderwerp.AANMELDING, LEZEN, lambda side, world: {"team_id": side.team.pk}, level="team")
    ),
    "dossiers:aanmelding_new": Endpoint(Gate(Onderwerp.AANMELDING, VASTLEGGEN)),
    "dossiers:traject": Endpoint(Obj(D, LEZEN, traject)),
    "dossiers:traject_step": Endpoint(
        Obj(D, VASTLEGGEN, lambda side, world: {"traject_id": side.traject.pk, "name": "afsluiten"})
    ),
    "dossiers:traject_regisseur": Endpoint(Obj(Onderwerp.AANMELDING, Handeling.VERDELEN, traject)),
    "dossiers:contactmoment_new": Endpoint(Obj(D, VASTLEGGEN, traject)),
    "dossiers:persoon_new": Endpoint(Obj(D, VASTLEGGEN, traject)),
    "dossiers:persoon_edit": Endpoint(
        Obj(D, VASTLEGGEN, lambda side, world: {"traject_id": side.traject.pk, "persoon_id": side.moeder.pk})
    ),
    "dossiers:portaal_uitnodigen": Endpoint(
        Obj(
            Onderwerp.PORTAALTOEGANG,
            Handeling.BEHEREN,
            lambda side, world: {"traject_id": side.traject.pk, "persoon_id": side.vader.pk},
        )
    ),
    "dossiers:portaal_intrekken": Endpoint(
        Obj(
            Onderwerp.PORTAALTOEGANG,
            Handeling.BEHEREN,
            lambda side, world: {"traject_id": side.traject.pk, "persoon_id": side.moeder.pk},
        )
    ),
    "dossiers:afscherming_opheffen": Endpoint(
        Obj(
            Onderwerp.PORTAALTOEGANG,
            Handeling.BEHEREN,
            lambda side, world: {"traject_id": side.traject.pk, "afscherming_id": side.afscherming.pk},
        )
    ),
    "dossiers:contactmoment_edit": Endpoint(
        Obj(D, VASTLEGGEN, pk("contactmoment", "contactmoment_id"), condition=AUTHOR)
    ),
    "dossiers:contactmoment_afschermen": Endpoint(
        Obj(Onderwerp.PORTAALTOEGANG, Handeling.BEHEREN, pk("contactmoment", "contactmoment_id"))
    ),
    "dossiers:wijzigingen": Endpoint(Obj(Onderwerp.WIJZIGINGSHISTORIE, LEZEN, traject)),
    "dossiers:huishouden": Endpoint(Obj(D, LEZEN, lambda side, world: {"huishouden_id": side.huishouden.pk})),
    "dossiers:noodtoegang": Endpoint(Gate(D, LEZEN, Relatie.NOODTOEGANG)),
    "dossiers:noodtoegang_overzicht": Endpoint(Gate(Onderwerp.NOODTOEGANG, LEZEN)),
    # The access log: staff sessions in the world signed in with a second factor, as the log demands.
    "audit:toegangslog": Endpoint(Gate(Onderwerp.TOEGANGSLOG, LEZEN, Relatie.EIGEN_ORGANISATIE)),
    "audit:toegangslog_export": Endpoint(Gate(Onderwerp.TOEGANGSLOG, LEZEN, Relatie.EIGEN_ORGANISATIE)),
    "dossiers:noodtoegang_beoordelen": Endpoint(
        Obj(Onderwerp.NOODTOEGANG, BEOORDELEN, pk("noodtoegang", "noodtoegang_id"), condition=NOT_OPENER)
    ),
    # Wat Telt
    "wattelt:traject": Endpoint(Obj(W, LEZEN, traject)),
    "wattelt:meting_digitaal": Endpoint(Obj(W, VASTLEGGEN, traject)),
    "wattelt:meting_papier": Endpoint(Obj(W, VASTLEGGEN, traject)),
    "wattelt:scores_aanvullen": Endpoint(Obj(W, VASTLEGGEN, pk("meting", "meting_id"))),
    # Gezinsplan
    "gezinsplan:plan": Endpoint(Obj(P, LEZEN, traject)),
    "gezinsplan:start": Endpoint(Obj(P, VASTLEGGEN, traject)),
    "gezinsplan:print": Endpoint(Obj(P, LEZEN, traject)),
    "gezinsplan:new_version": Endpoint(Obj(P, VASTLEGGEN, plan_pk)),
    "gezinsplan:scores": Endpoint(Obj(P, VASTLEGGEN, plan_pk)),
    "gezinsplan:evaluatie": Endpoint(Obj(P, VASTLEGGEN, plan_pk)),
    "gezinsplan:versie": Endpoint(Obj(P, LEZEN, lambda side, world: {"versie_id": side.vastgesteld.pk})),
    "gezinsplan:pdf": Endpoint(Obj(P, LEZEN, lambda side, world: {"versie_id": side.vastgesteld.pk})),
    "gezinsplan:vaststellen": Endpoint(Obj(P, VASTLEGGEN, concept)),
    "gezinsplan:compare": Endpoint(
        Obj(P, LEZEN, lambda side, world: {"old_id": side.vastgesteld.pk, "new_id": side.concept.pk})
    ),
    "gezinsplan:section": Endpoint(
        Obj(P, VASTLEGGEN, lambda side, world: {"versie_id": side.concept.pk, "name": "visie"})
    ),
    "gezinsplan:doel_add": Endpoint(Obj(P, VASTLEGGEN, concept)),
    "gezinsplan:afspraak_add": Endpoint(Obj(P, VASTLEGGEN, concept)),
    "gezinsplan:netwerk_add": Endpoint(Obj(P, VASTLEGGEN, concept)),
    "gezinsplan:afweging_add": Endpoint(Obj(P, VASTLEGGEN, concept)),
    **{
        f"gezinsplan:{name}": Endpoint(Obj(P, VASTLEGGEN, pk("plan_doel", "plan_doel_id")))
        for name in ("doel_edit", "doel_remove", "schaalvraag_add", "doel_up", "doel_down")
    },
    "gezinsplan:afspraak_edit": Endpoint(Obj(P, VASTLEGGEN, pk("plan_afspraak", "plan_afspraak_id"))),
    "gezinsplan:afspraak_remove": Endpoint(Obj(P, VASTLEGGEN, pk("plan_afspraak", "plan_afspraak_id"))),
    "gezinsplan:afspraak_status": Endpoint(Obj(P, VASTLEGGEN, pk("afspraak", "afspraak_id"))),
    "gezinsplan:netwerk_edit": Endpoint(Obj(P, VASTLEGGEN, pk("netwerklid", "row_id"))),
    "gezinsplan:netwerk_remove": Endpoint(Obj(P, VASTLEGGEN, pk("netwerklid", "row_id"))),
    "gezinsplan:afweging_edit": Endpoint(Obj(P, VASTLEGGEN, pk("afweging", "row_id"))),
    "gezinsplan:afweging_remove": Endpoint(Obj(P, VASTLEGGEN, pk("afweging", "row_id"))),
    "gezinsplan:voorstel_accept": Endpoint(Obj(P, VASTLEGGEN, pk("voorstel", "voorstel_id"))),
    "gezinsplan:voorstel_discuss": Endpoint(Obj(P, VASTLEGGEN, pk("voorstel", "voorstel_id"))),
    # Aanvullende zorg
    "maatwerk:traject": Endpoint(Obj(Z, LEZEN, traject)),
    "maatwerk:aanvraag_nieuw": Endpoint(Obj(Z, VASTLEGGEN, traject)),
    "maatwerk:verwijzing_nieuw": Endpoint(Obj(Z, VASTLEGGEN, traject)),
    "maatwerk:aanvragen": Endpoint(Gate(Z, LEZEN)),
    "maatwerk:vervanging": Endpoint(Gate(Z, BEOORDELEN, condition=lambda actor, method: actor.assesses)),
    "maatwerk:vervanging_beeindigen": Endpoint(
        Owned(pk("vervanging", "vervanging_id"), lambda side: side.vervanging.afwezige)
    ),
    "maatwerk:aanvraag": Endpoint(Obj(Z, LEZEN, pk("aanvraag", "aanvraag_id"), assessed=True)),
    "maatwerk:aanvraag_bewerken": Endpoint(Obj(Z, VASTLEGGEN, pk("aanvraag", "aanvraag_id"))),
    "maatwerk:stap": Endpoint(
        Obj(
            Z,
            BEOORDELEN,
            lambda side, world: {"aanvraag_id": side.aanvraag.pk, "naam": "in_behandeling_nemen"},
            condition=NOT_OWN_REQUEST,
            assessed=True,
        ),
        ("POST",),
    ),
    "maatwerk:bijlage_toevoegen": Endpoint(Obj(Z, VASTLEGGEN, pk("aanvraag", "aanvraag_id"))),
    "maatwerk:bijlage": Endpoint(Obj(Z, LEZEN, pk("bijlage", "bijlage_id"), assessed=True)),
    "maatwerk:bijlage_verwijderen": Endpoint(Obj(Z, VASTLEGGEN, pk("bijlage", "bijlage_id"))),
    "maatwerk:verwijzing": Endpoint(Obj(Z, VASTLEGGEN, pk("verwijzing", "verwijzing_id"))),
    # Documenten
    "documenten:traject": Endpoint(Obj(DOC, LEZEN, traject)),
    "documenten:upload": Endpoint(Obj(DOC, VASTLEGGEN, traject)),
    "documenten:link_add": Endpoint(Obj(DOC, VASTLEGGEN, traject)),
    "documenten:link_remove": Endpoint(
        Obj(DOC, VASTLEGGEN, lambda side, world: {"traject_id": side.traject.pk, "link_id": side.link.pk})
    ),
    "documenten:text": Endpoint(Obj(DOC, LEZEN, pk("tekst", "document_id"))),
    "documenten:download": Endpoint(
        Obj(
            DOC,
            LEZEN,
            lambda side, world: {"document_id": side.document.pk, "versie_id": side.document_versie.pk},
        )
    ),
    "documenten:remove": Endpoint(Obj(DOC, VASTLEGGEN, pk("document", "document_id"))),
    # The portal: the client's own household, nothing else.
    **{
        f"portal:{name}": Endpoint(Gate(D, LEZEN, Relatie.EIGEN_HUISHOUDEN, channel="portal"))
        for name in (
            "home",
            "timeline",
            "plan",
            "wattelt",
            "documents",
            "questionnaires",
            "requests",
            "links",
            "who_viewed",
        )
    },
    # Consent for the parents is given by a young person of 16 or 17; the world's client is a parent.
    "portal:privacy": Endpoint(
        Gate(D, LEZEN, Relatie.EIGEN_HUISHOUDEN, channel="portal", condition=lambda actor, method: method == "GET")
    ),
    "portal:wattelt_invullen": Endpoint(Gate(W, VASTLEGGEN, Relatie.EIGEN_HUISHOUDEN, channel="portal")),
    "portal:text_new": Endpoint(Gate(DOC, VASTLEGGEN, Relatie.EIGEN_HUISHOUDEN, channel="portal")),
    "portal:choose_household": Endpoint(
        Obj(D, LEZEN, lambda side, world: {"huishouden_id": side.huishouden.pk}, channel="portal")
    ),
    "portal:afspraak_done": Endpoint(
        Obj(P, VASTLEGGEN, pk("afspraak", "afspraak_id"), channel="portal", condition=OWN_AGREEMENT)
    ),
    "portal:text": Endpoint(Obj(DOC, READ_WRITE, pk("tekst", "document_id"), channel="portal")),
    "portal:download": Endpoint(
        Obj(
            DOC,
            LEZEN,
            lambda side, world: {"document_id": side.document.pk, "versie_id": side.document_versie.pk},
            channel="portal",
        )
    ),
    "portal:questionnaire": Endpoint(Obj(DOC, VASTLEGGEN, pk("vragenlijst", "vragenlijst_id"), channel="portal")),
    # Rapportage: a team's figures in full for its managers and quality staff, the organisation's
    # (other teams suppressed) for them too; the trajecten behind a figure need dossier rights as well.
    "rapportage:index": Endpoint(Gate((Onderwerp.TEAMCIJFERS, Onderwerp.ORGANISATIECIJFERS), LEZEN)),
    "rapportage:team": Endpoint(
        Obj(
            (Onderwerp.TEAMCIJFERS, Onderwerp.ORGANISATIECIJFERS),
            LEZEN,
            lambda side, world: {"team_id": side.team.pk},
            level="team",
        )
    ),
    "rapportage:organisatie": Endpoint(Obj(Onderwerp.ORGANISATIECIJFERS, LEZEN, organisation, level="organisatie")),
    "rapportage:trajecten": Endpoint(
        Obj(
            Onderwerp.TEAMCIJFERS,
            LEZEN,
            lambda side, world: {"?": f"?scope=team:{side.team.pk}&indicator=caseload"},
            level="team",
            also=(D, LEZEN),
        )
    ),
    "rapportage:rapport": Endpoint(Obj(Onderwerp.ORGANISATIECIJFERS, LEZEN, quarter, level="organisatie")),
    "rapportage:vaststellen": Endpoint(Obj(Onderwerp.ORGANISATIECIJFERS, VASTLEGGEN, quarter, level="organisatie")),
    "rapportage:download": Endpoint(
        Obj(
            Onderwerp.ORGANISATIECIJFERS,
            LEZEN,
            lambda side, world: {**quarter(side, world), "formaat": "csv"},
            level="organisatie",
        )
    ),
    "rapportage-indicatoren": Endpoint(
        Obj(
            Onderwerp.ORGANISATIECIJFERS,
            LEZEN,
            lambda side, world: {"?": f"?organisatie={side.team.organisatie_id}"},
            level="organisatie",
        )
    ),
    "rapportage-rapport": Endpoint(Obj(Onderwerp.ORGANISATIECIJFERS, LEZEN, quarter, level="organisatie")),
    # Privacy: external requests (handhaving), AVG requests and retention.
    "privacy:overzicht": Endpoint(Gate((EXTERN, AVG, BEWAAR), LEZEN), ("GET",)),
    "privacy:extern_verzoeken": Endpoint(Gate(EXTERN, LEZEN), ("GET",)),
    "privacy:avg_verzoeken": Endpoint(Gate(AVG, LEZEN), ("GET",)),
    "privacy:bewaartermijnen": Endpoint(Gate(BEWAAR, LEZEN)),
    "privacy:avg_verzoek_nieuw": Endpoint(Gate(AVG, VASTLEGGEN, Relatie.EIGEN_ORGANISATIE)),
    "privacy:traject": Endpoint(Obj(EXTERN, LEZEN, traject, also=(D, LEZEN)), ("GET",)),
    "privacy:extern_verzoek_nieuw": Endpoint(Obj(EXTERN, VASTLEGGEN, traject)),
    "privacy:avg_verzoek_traject": Endpoint(Obj(AVG, VASTLEGGEN, traject, also=(D, LEZEN))),
    "privacy:extern_verzoek": Endpoint(Obj(EXTERN, LEZEN, pk("extern_verzoek", "verzoek_id")), ("GET",)),
    "privacy:extern_samenstellen": Endpoint(Obj(EXTERN, VASTLEGGEN, pk("extern_verzoek", "verzoek_id"))),
    "privacy:extern_stap": Endpoint(
        Obj(
            EXTERN,
            BEOORDELEN,
            lambda side, world: {"verzoek_id": side.extern_verzoek.pk, "naam": "goedkeuren"},
            condition=lambda actor, side: (
                actor.user.pk not in {side.extern_verzoek.geregistreerd_door_id, side.extern_verzoek.voorgelegd_door_id}
            ),
        ),
        ("POST",),
    ),
    "privacy:extern_export": Endpoint(
        Obj(EXTERN, EXPORTEREN, lambda side, world: {"verzoek_id": side.extern_verzoek.pk, "formaat": "pdf"}),
        ("POST",),
    ),
    "privacy:avg_verzoek": Endpoint(Obj(AVG, {"GET": LEZEN, "*": BEOORDELEN}, pk("verbetering", "verzoek_id"))),
    "privacy:avg_export": Endpoint(
        Obj(AVG, EXPORTEREN, lambda side, world: {"verzoek_id": side.inzage.pk, "formaat": "zip"}), ("POST",)
    ),
    "privacy:vernietiging": Endpoint(
        Obj(BEWAAR, {"GET": LEZEN, "*": BEOORDELEN}, pk("vernietiging", "vernietiging_id"), level="organisatie")
    ),
    **{
        f"portal:privacy_download_{formaat}": Endpoint(
            Gate(AVG, EXPORTEREN, Relatie.EIGEN_HUISHOUDEN, channel="portal"), ("GET",)
        )
        for formaat in ("pdf", "json")
    },
    **{
        f"portal:privacy_{name}": Endpoint(Gate(AVG, VASTLEGGEN, Relatie.EIGEN_HUISHOUDEN, channel="portal"))
        for name in ("verbeteren", "inzage", "vernietigen")
    },
    "api-extern-verzoek-list": Endpoint(
        Gate(
            EXTERN,
            LEZEN,
            condition=lambda actor, method: method == "GET" or bool(relaties_voor(EXTERN, VASTLEGGEN, actor.role)),
        )
    ),
    "api-extern-verzoek-detail": Endpoint(Obj(EXTERN, LEZEN, pk("extern_verzoek"))),
    "api-avg-verzoek-list": Endpoint(Gate(AVG, LEZEN)),
    "api-avg-verzoek-detail": Endpoint(Obj(AVG, LEZEN, pk("verbetering"))),
    "api-vernietiging-list": Endpoint(Gate(BEWAAR, LEZEN)),
    "api-vernietiging-detail": Endpoint(Obj(BEWAAR, LEZEN, pk("vernietiging"), level="organisatie")),
    # The API: for staff only; reading is LEZEN, every other method VASTLEGGEN unless stated.
    "api_me": Endpoint(LoggedIn("staff")),
    "api_schema": Endpoint(LoggedIn("staff"), ("GET",)),
    "api_docs": Endpoint(LoggedIn("staff"), ("GET",)),
    **{
        name: Endpoint(LoggedIn("staff"))
        for name in (
            "api-traject-list",
            "api-huishouden-list",
            "api-gezinsplan-list",
            "api-wattelt-leefgebied-list",
            "api-wattelt-meting-list",
            "api-wattelt-ronde-list",
            "api-aanvraagsoort-list",
            "api-aanvraag-list",
            "api-verwijzing-list",
            "api-vervanging-list",
        )
    },
    "api-wattelt-cijfers-list": Endpoint(Gate(Onderwerp.TEAMCIJFERS, LEZEN)),
    "api-aanvullende-zorg-cijfers-list": Endpoint(Gate(Onderwerp.TEAMCIJFERS, LEZEN)),
    "api-vervanging-beeindigen": Endpoint(Owned(pk("vervanging"), lambda side: side.vervanging.afwezige)),
    "api-traject-detail": Endpoint(Obj(D, READ_WRITE, pk("traject"))),
    "api-traject-contactmomenten": Endpoint(Obj(D, READ_WRITE, pk("traject"))),
    "api-traject-gezinsleden": Endpoint(Obj(D, READ_WRITE, pk("traject"))),
    "api-traject-tijdlijn": Endpoint(Obj(D, LEZEN, pk("traject"))),
    "api-traject-regisseur": Endpoint(Obj(Onderwerp.AANMELDING, Handeling.VERDELEN, pk("traject"))),
    "api-traject-stap": Endpoint(
        Obj(D, VASTLEGGEN, lambda side, world: {"pk": side.traject.pk, "stap": "afsluiten"}), ("POST",)
    ),
    "api-huishouden-detail": Endpoint(Obj(D, LEZEN, lambda side, world: {"pk": side.huishouden.pk})),
    "api-huishouden-tijdlijn": Endpoint(Obj(D, LEZEN, lambda side, world: {"pk": side.huishouden.pk})),
    "api-contactmoment-detail": Endpoint(Obj(D, READ_WRITE, pk("contactmoment"), condition=lambda actor, side: True)),
    "api-gezinsplan-detail": Endpoint(Obj(P, LEZEN, pk("plan"))),
    "api-gezinsplan-evaluaties": Endpoint(Obj(P, READ_WRITE, pk("plan"))),
    "api-gezinsplan-nieuwe-versie": Endpoint(Obj(P, VASTLEGGEN, pk("plan"))),
    "api-gezinsplan-scores": Endpoint(Obj(P, READ_WRITE, pk("plan"))),
    "api-planversie-detail": Endpoint(Obj(P, READ_WRITE, pk("concept"))),
    **{
        f"api-planversie-{name}": Endpoint(Obj(P, READ_WRITE, pk("concept")))
        for name in ("afspraken", "afwegingen", "doelen", "netwerk", "vaststellen")
    },
    "api-plandoel-detail": Endpoint(Obj(P, READ_WRITE, pk("plan_doel"))),
    "api-plandoel-schaalvragen": Endpoint(Obj(P, READ_WRITE, pk("plan_doel"))),
    "api-plandoel-volgorde": Endpoint(Obj(P, READ_WRITE, pk("plan_doel"))),
    "api-planafspraak-detail": Endpoint(Obj(P, READ_WRITE, pk("plan_afspraak"))),
    "api-afspraak-status": Endpoint(Obj(P, READ_WRITE, pk("afspraak"))),
    "api-netwerklid-detail": Endpoint(Obj(P, READ_WRITE, pk("netwerklid"))),
    "api-afweging-detail": Endpoint(Obj(P, READ_WRITE, pk("afweging"))),
    "api-doelvoorstel-bespreken": Endpoint(Obj(P, VASTLEGGEN, pk("voorstel"))),
    "api-doelvoorstel-overnemen": Endpoint(Obj(P, VASTLEGGEN, pk("voorstel"))),
    "api-wattelt-meting-detail": Endpoint(Obj(W, LEZEN, pk("meting"))),
    "api-wattelt-meting-scores": Endpoint(Obj(W, VASTLEGGEN, pk("meting"))),
    "api-wattelt-historie-detail": Endpoint(Obj(W, LEZEN, pk("moeder"))),
    "api-aanvraag-detail": Endpoint(Obj(Z, READ_WRITE, pk("aanvraag"), assessed=True)),
    "api-aanvraag-bijlagen": Endpoint(Obj(Z, READ_WRITE, pk("aanvraag"), assessed=True)),
    "api-aanvraag-stap": Endpoint(
        Obj(
            Z,
            BEOORDELEN,
            lambda side, world: {"pk": side.aanvraag.pk, "stap": "in_behandeling_nemen"},
            condition=NOT_OWN_REQUEST,
            assessed=True,
        ),
        ("POST",),
    ),
    "api-verwijzing-detail": Endpoint(Obj(Z, READ_WRITE, pk("verwijzing"))),
}


BEHEER_ACTIONS = {"changelist": "view", "add": "add", "history": "view", "change": "view", "delete": "delete"}
BEHEER_PAGES = {
    "beheer:index": Beheer("view"),
    "beheer:jsi18n": Beheer("view"),
    "beheer:app_list": Beheer("view", kwargs={"app_label": "accounts"}),
    "beheer:autocomplete": Beheer("view", query="?app_label=accounts&model_name=membership&field_name=user&term=a"),
    # Functioneel beheer sets a colleague's password here (or sends the reset link).
    "beheer:auth_user_password_change": Beheer("view", User, object_kwarg="id"),
    # A conversion run's progress, its report and the confirmation before importing.
    "beheer:conversie_conversierun_voortgang": Beheer("view", Conversierun, object_kwarg="run_id"),
    "beheer:conversie_conversierun_rapport": Beheer("view", Conversierun, {"soort": "html"}, object_kwarg="run_id"),
    "beheer:conversie_conversierun_inlezen": Beheer("view", Conversierun, object_kwarg="run_id"),
}


def beheer_rule(name: str) -> Rule:
    """Beheer's pages come from the admin site: one rule for its own pages, one per model page."""
    if name in BEHEER_PAGES:
        return BEHEER_PAGES[name]
    for model in beheer_site._registry:
        prefix = f"beheer:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix) and name[len(prefix) :] in BEHEER_ACTIONS:
            action = BEHEER_ACTIONS[name[len(prefix) :]]
            return Beheer(action, model, on_object=name.endswith(("_history", "_change", "_delete")))
    # The login and logout hand over to the accounts pages; the catch-all and view-on-site answer 404.
    return Public()


def beheer_object(model, organisatie, world: World):
    """An object of `model` that belongs to `organisatie`, as beheer would find it."""
    if model is User:
        side = world.inside if organisatie == world.inside.team.organisatie else world.outside
        return side.regisseur
    lookup = beheer_site._registry[model].organisation_lookup
    if lookup is None:
        return model.objects.order_by("pk").first() if organisatie == world.inside.team.organisatie else None
    queryset = model.objects.filter(**{lookup: organisatie.pk})
    if model is Link:
        queryset = queryset.filter(huishouden__isnull=True)
    found = queryset.order_by("pk").first()
    assert found is not None, f"matrix_world.py makes no {model._meta.label} for {organisatie}: add one"
    return found


def _walk(patterns, namespace=None, prefix=""):
    """(name, route) of every URL pattern, the name with its namespace."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield ":".join(filter(None, [namespace, pattern.name])), prefix + str(pattern.pattern)


def url_names() -> list[str]:
    return sorted({name for name, _route in _walk(get_resolver().url_patterns)})


API_NAMES = {name for name, route in _walk(get_resolver().url_patterns) if route.startswith("api/")}


ENDPOINTS.update({name: Endpoint(beheer_rule(name), ("GET",)) for name in url_names() if name.startswith("beheer")})


def test_every_url_has_a_rule():
    unclassified = [name for name in url_names() if name not in ENDPOINTS]
    assert not unclassified, (
        "These URLs have no rule in ENDPOINTS (tests/accounts/test_authorization_matrix.py). Add the rule from "
        f"boks/accounts/authorization.py's MATRIX that protects each: {unclassified}"
    )
    stale = [name for name in ENDPOINTS if name not in url_names()]
    assert not stale, f"ENDPOINTS names URLs that no longer exist: {stale}"


# The probes.

UI_METHODS = ("GET", "POST")
API_METHODS = ("GET", "POST", "PATCH", "DELETE")
DENIED = {401, 403, 404}


def is_api(name: str) -> bool:
    return name in API_NAMES


def relations(actor: Actor, rule: Obj, side: Side, inside: bool) -> set[str]:
    """The actor's relations to the object the rule is about, known by construction."""
    if not inside:
        return set()
    if rule.level != "traject":
        if actor.team is None:
            return set()
        found = {Relatie.EIGEN_ORGANISATIE} if actor.team.organisatie_id == side.team.organisatie_id else set()
        if rule.level == "team" and actor.team == side.team:
            found.add(Relatie.EIGEN_TEAM)
        return found
    found = set(actor.inside)
    if rule.assessed and actor.name in {"teammanager", "regisseur"}:
        # The request is routed to the teammanager; the regisseur stands in for them (see the world).
        found.add(Relatie.TOEGEWEZEN)
    return found


def _as_tuple(onderwerp) -> tuple[str, ...]:
    return onderwerp if isinstance(onderwerp, tuple) else (onderwerp,)


def kind_of(actor: Actor) -> str | None:
    if not actor.user.is_authenticated:
        return None
    return "client" if actor.role == CLIENT else "staff"


def expected(rule: Rule, actor: Actor, method: str, inside: bool, side: Side) -> bool | None:
    """Whether MATRIX lets the actor do this; None when anything goes (public pages)."""
    kind = kind_of(actor)
    if isinstance(rule, Public):
        return None
    if isinstance(rule, LoggedIn):
        return kind is not None and rule.kind in (None, kind)
    if isinstance(rule, Own):
        return kind is not None and inside
    if isinstance(rule, Owned):
        return kind == "staff" and actor.user == rule.owner(side)
    if isinstance(rule, Beheer):
        permitted = Relatie.EIGEN_ORGANISATIE in relaties_voor(Onderwerp.BEHEER, Handeling.BEHEREN, actor.role or "")
        return permitted and inside and rule.allows()
    channel = "portal" if rule.channel == "portal" else "staff"
    if kind != ("client" if channel == "portal" else "staff"):
        return False
    if isinstance(rule, Gate):
        allowed = set().union(*(relaties_voor(o, rule.handeling, actor.role) for o in _as_tuple(rule.onderwerp)))
        permitted = bool(allowed) if rule.relatie is None else rule.relatie in allowed
        return permitted and (rule.condition is None or rule.condition(actor, method))
    handeling = rule.action(method)
    allowed = set().union(*(relaties_voor(o, handeling, actor.role) for o in _as_tuple(rule.onderwerp)))
    if rule.also:
        allowed &= relaties_voor(*rule.also, actor.role)
    if not relations(actor, rule, side, inside) & allowed:
        return False
    return rule.condition is None or rule.condition(actor, side)


@dataclass
class Probe:
    name: str
    method: str
    actor: str
    scope: str
    expected: bool | None
    status: int
    location: str = ""

    @property
    def denied(self) -> bool:
        # Beheer sends whoever may not enter to its login, and an object it cannot find back to its index.
        refused_to = ("/account/login/", "/beheer/login/")
        return self.status in DENIED or (
            self.status == 302 and (self.location.startswith(refused_to) or self.location == "/beheer/")
        )

    def __str__(self) -> str:
        want = {True: "allow", False: "deny", None: "any"}[self.expected]
        where = f" → {self.location}" if self.location else ""
        return f"{self.method} {self.name} as {self.actor} ({self.scope}): want {want}, got {self.status}{where}"


def _client_for(actor: Actor) -> Client:
    if actor.user.is_authenticated:
        return logged_in_with_mfa(actor.user)
    return Client()


def _call(client: Client, method: str, url: str, api: bool):
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif api:
            response = getattr(client, method.lower())(url, data={}, content_type="application/json")
        else:
            response = client.post(url, data={})
        transaction.set_rollback(True)
    return response


def _markers(response) -> str:
    if response.status_code != 200 or response.get("Content-Type", "").split(";")[0] not in {
        "text/html",
        "application/json",
    }:
        return ""
    return response.content.decode(errors="replace")


def _url(name: str, kwargs: dict) -> str:
    """The URL; a key "?" in the target's kwargs is its query string."""
    kwargs = dict(kwargs)
    query = kwargs.pop("?", "")
    return reverse(name, kwargs=kwargs) + query


def _cases(name: str, endpoint: Endpoint, world: World, actor: Actor):
    """(scope, url, side) for each object the endpoint is probed with."""
    rule = endpoint.rule
    if isinstance(rule, Obj | Owned):
        yield "inside", _url(name, rule.target(world.inside, world)), world.inside
        yield "outside", _url(name, rule.target(world.outside, world)), world.outside
    elif isinstance(rule, Own):
        if actor.user.is_authenticated:
            yield "inside", _url(name, rule.target(world, actor, True)), world.inside
            yield "outside", _url(name, rule.target(world, actor, False)), world.inside
    elif isinstance(rule, Beheer):
        for scope, organisatie in zip(("inside", "outside"), world.organisations, strict=True):
            if rule.model is None or not rule.on_object:
                if scope == "inside":
                    yield scope, _url(name, rule.kwargs) + rule.query, world.inside
                continue
            found = beheer_object(rule.model, organisatie, world)
            if found is not None:
                yield scope, _url(name, {**rule.kwargs, rule.object_kwarg: found.pk}), world.inside
    elif name == "beheer":
        # The admin site's unnamed patterns: an object id without /change/, and its catch-all.
        yield "inside", f"/beheer/accounts/team/{world.inside.team.pk}/", world.inside
        yield "inside", "/beheer/bestaat-niet/", world.inside
    elif name == "beheer:view_on_site":
        team_type = ContentType.objects.get_for_model(world.inside.team).pk
        yield "inside", _url(name, {"content_type_id": team_type, "object_id": world.inside.team.pk}), world.inside
    elif name == "portal:activate":
        yield "inside", _url(name, {"token": "geen-geldige-uitnodiging"}), world.inside
    elif name in {"account_reset_password_from_key", "account_confirm_email"}:
        kwargs = {"uidb36": "x", "key": "geen-sleutel"} if "password" in name else {"key": "geen-sleutel"}
        yield "inside", _url(name, kwargs), world.inside
    else:
        yield "inside", _url(name, {}), world.inside


def _methods(name: str, endpoint: Endpoint, world: World) -> tuple[str, ...]:
    """The methods the endpoint answers: asked of someone who may use it, with the inside object."""
    if endpoint.methods:
        return endpoint.methods
    candidates = API_METHODS if is_api(name) else UI_METHODS
    answering = []
    for method in candidates:
        for actor in world.actors:
            if expected(endpoint.rule, actor, method, True, world.inside):
                _scope, url, _side = next(iter(_cases(name, endpoint, world, actor)))
                if _call(_client_for(actor), method, url, is_api(name)).status_code != 405:
                    answering.append(method)
                break
    return tuple(answering) or ("GET",)


# Pages of these subjects name the people they concern on purpose: an AVG request names its client,
# approving a disclosure means reading what goes out, a destruction names the household it ends.
NAMING_SUBJECTS = {Onderwerp.EXTERN_VERZOEK, Onderwerp.AVG_VERZOEK, Onderwerp.BEWAARTERMIJN}


def readable(rule: Rule, actor: Actor) -> set[str]:
    """The relations in which this page may show the actor a household's names."""
    relations = set(relaties_voor(Onderwerp.DOSSIER, LEZEN, actor.role or ""))
    for onderwerp in _as_tuple(getattr(rule, "onderwerp", ())):
        if onderwerp in NAMING_SUBJECTS:
            relations |= relaties_voor(onderwerp, LEZEN, actor.role or "")
    return relations


def probe_all(names: list[str]) -> tuple[list[Probe], list[str]]:
    world = build_world()
    clients = {actor.name: _client_for(actor) for actor in world.actors}
    probes, leaks = [], []
    for name in names:
        endpoint = ENDPOINTS[name]
        for method in _methods(name, endpoint, world):
            for actor in world.actors:
                for scope, url, side in _cases(name, endpoint, world, actor):
                    inside = scope == "inside"
                    response = _call(clients[actor.name], method, url, is_api(name))
                    probe = Probe(
                        name,
                        method,
                        actor.name,
                        scope,
                        expected(endpoint.rule, actor, method, inside, side),
                        response.status_code,
                        response.get("Location", ""),
                    )
                    probes.append(probe)
                    body = _markers(response)
                    if OUTSIDE_MARK in body:
                        leaks.append(f"{probe}: shows the outside household")
                    reads_inside = bool(actor.inside & readable(endpoint.rule, actor))
                    if INSIDE_MARK in body and not reads_inside:
                        leaks.append(f"{probe}: shows a household this role may not read")
    return probes, leaks


def mismatches(probes: list[Probe]) -> list[str]:
    wrong = []
    for probe in probes:
        if probe.status >= 500:
            wrong.append(f"{probe}: server error")
        elif probe.status == 405 or probe.expected is None:
            continue
        elif probe.expected and probe.denied:
            wrong.append(f"{probe}: refused what the matrix allows")
        elif not probe.expected and not probe.denied:
            wrong.append(f"{probe}: allowed what the matrix refuses")
    return wrong


GROUPS = {
    "accounts": lambda name: (":" not in name and not is_api(name)) or name.startswith(("accounts:", "notifications:")),
    "dossiers": lambda name: name.startswith(("dossiers:", "audit:")),
    "gezinsplan": lambda name: name.startswith("gezinsplan:"),
    "wattelt-maatwerk-documenten": lambda name: name.startswith(("wattelt:", "maatwerk:", "documenten:")),
    "portal": lambda name: name.startswith("portal:"),
    "api": is_api,
    "beheer": lambda name: name.startswith("beheer"),
    "rapportage": lambda name: name.startswith("rapportage:"),
    "privacy": lambda name: name.startswith("privacy:"),
}


@pytest.fixture
def quiet_request_log():
    """Thousands of refusals are the point here, not news: keep django.request's warnings out."""
    loggers = [logging.getLogger(name) for name in ("django.request", "weasyprint")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.mark.parametrize("group", GROUPS)
def test_every_url_answers_every_role_as_the_matrix_says(group, quiet_request_log):
    names = [name for name in ENDPOINTS if GROUPS[group](name)]
    probes, leaks = probe_all(names)
    wrong = mismatches(probes)
    print(f"{group}: {len(probes)} probes over {len(names)} URLs")
    if wrong or leaks:
        pytest.fail("\n".join(wrong + leaks), pytrace=False)
