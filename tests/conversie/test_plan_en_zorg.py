"""The conversion of gezinsplannen, doelen with their scores, verwijzingen and aanvragen with their
besluiten: written as BOKS would have them, re-runs change nothing, bad input is reported."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from boks.accounts.choices import TeamRole
from boks.audit.models import Toegang
from boks.conversie.models import Herkomst
from boks.dossiers.models import Huishouden
from boks.gezinsplan.choices import VersieStatus
from boks.gezinsplan.models import Doel, PlanDoel, PlanVersie, Schaalvraag
from boks.gezinsplan.models import Score as PlanScore
from boks.maatwerk.models import Aanvraag, Verwijzing
from boks.privacy.services import vernietigen
from tests.conversie.test_conversie import _bestanden, _redenen, _voer_uit
from tests.factories import MembershipFactory, TeamFactory, UserFactory

GEZINSPLANNEN = (
    "legacy_id,traject,vraagverheldering,vastgesteld_op,instemming_op,instemming_van,volgende_evaluatie_op\n"
    "GP2,T2,Rust in de financiën,10-04-2024,10-04-2024,P3,\n"
)
DOELEN = (
    "legacy_id,traject,omschrijving,leefgebied,prioriteit,status,eigenaren\n"
    "D1,T2,Ik wil mijn post weer openen,financien,1,actief,P3\n"
    "D2,T2,Een regeling met de schuldeisers,financien,2,behaald,\n"
    "D3,T1,Tim gaat elke dag naar school,opvoeden_opgroeien,,,P1|P2\n"
)
DOELSCORES = (
    "legacy_id,doel,schaalvraag,datum,beoordelaar,persoon,beoordelaar_naam,waarde\n"
    "DS1,D1,Hoeveel post is open?,01-04-2024,client,P3,,3\n"
    "DS2,D1,Hoeveel post is open?,01-05-2024,client,P3,,7\n"
    "DS3,D1,Hoeveel post is open?,01-05-2024,anders,,Buurvrouw Els,6\n"
)
VERWIJZINGEN = (
    "legacy_id,traject,zorgvorm,aanbieder,startdatum,einddatum,doelen\nV1,T2,wmo_begeleiding,Lister,15-04-2024,,D1|D2\n"
)
AANVRAGEN = (
    "legacy_id,traject,soort,status,doelen,vraag,bedrag,aangevraagd_door,ingediend_op,besluit_op,besluit_door,"
    "besluit_motivering,toegekend_bedrag\n"
    'A1,T2,pgb,toegekend,D1,Budget voor begeleiding,"1.250,50",werker@oud.example,01-05-2024,08-05-2024,'
    "manager@oud.example,Past bij het plan,1250.50\n"
    "A2,T2,maatwerk,ingediend,D2,Een bewindvoerder,,werker@oud.example,2024-05-02,,,,\n"
)


@pytest.fixture
def beheerder(db):
    team = TeamFactory(naam="Overvecht")
    return MembershipFactory(team=team, user=UserFactory(), role=TeamRole.FUNCTIONEEL_BEHEERDER).user


@pytest.fixture
def medewerkers(db):
    return UserFactory(email="werker@oud.example"), UserFactory(email="manager@oud.example")


def _alles(**vervang) -> dict[str, bytes]:
    return _bestanden(
        **{
            "gezinsplannen.csv": GEZINSPLANNEN,
            "doelen.csv": DOELEN,
            "doelscores.csv": DOELSCORES,
            "verwijzingen.csv": VERWIJZINGEN,
            "aanvragen.csv": AANVRAGEN,
            **vervang,
        }
    )


def test_without_a_next_evaluation_it_is_counted_from_the_consent_as_in_boks(beheerder, medewerkers):
    plannen = GEZINSPLANNEN.replace("10-04-2024,10-04-2024", "12-04-2024,02-04-2024")
    validatie = _voer_uit(beheerder, _alles(**{"gezinsplannen.csv": plannen}))
    assert validatie.fouten == []
    plan = PlanVersie.objects.get(plan__traject__aanmeldvraag="Schulden").plan
    assert plan.volgende_evaluatie_op == datetime.date(2024, 7, 2)


def test_plans_goals_scores_referrals_and_requests_are_written_as_boks_makes_them(beheerder, medewerkers):
    werker, manager = medewerkers
    validatie = _voer_uit(beheerder, _alles())
    assert validatie.fouten == []
    assert {soort: validatie.aantallen[soort].nieuw for soort in ("gezinsplannen", "doelen", "doelscores")} == {
        "gezinsplannen": 1,
        "doelen": 3,
        "doelscores": 3,
    }

    versie = PlanVersie.objects.get(plan__traject__aanmeldvraag="Schulden")
    assert (versie.status, versie.nummer, versie.vraagverheldering) == (
        VersieStatus.VASTGESTELD,
        1,
        "Rust in de financiën",
    )
    assert versie.instemming_van.voornaam == "Kees"
    assert versie.plan.volgende_evaluatie_op == datetime.date(2024, 7, 10)
    assert list(versie.doelen.values_list("omschrijving", "prioriteit")) == [
        ("Ik wil mijn post weer openen", 1),
        ("Een regeling met de schuldeisers", 2),
    ]
    # T1 has goals but no plan row: it gets a concept plan that holds them.
    concept = PlanVersie.objects.get(plan__traject__melder="school")
    assert concept.status == VersieStatus.CONCEPT
    school = PlanDoel.objects.get(versie=concept)
    assert sorted(school.eigenaren.values_list("voornaam", flat=True)) == ["Anna", "Tim"]
    assert Doel.objects.get(formuleringen__omschrijving__startswith="Een regeling").status == "behaald"

    vraag = Schaalvraag.objects.get()
    assert list(vraag.scores.values_list("waarde", "beoordelaar_naam", "schaal_min", "schaal_max")) == [
        (3, "", 0, 10),
        (7, "", 0, 10),
        (6, "Buurvrouw Els", 0, 10),
    ]

    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.wettelijk_kader, verwijzing.geregistreerd_door) == ("wmo", beheerder)
    assert verwijzing.doelen.count() == 2

    besloten = Aanvraag.objects.get(status="toegekend")
    assert (besloten.bedrag, besloten.toegekend_bedrag) == (Decimal("1250.50"), Decimal("1250.50"))
    assert (besloten.aangemaakt_door, besloten.ingediend_door, besloten.besluit_door) == (werker, werker, manager)
    assert besloten.routering == besloten.soort.routering
    assert besloten.doorlooptijd_werkdagen == 5
    assert besloten.binnen_norm is True
    open_aanvraag = Aanvraag.objects.get(status="ingediend")
    assert open_aanvraag.termijn > open_aanvraag.eerst_ingediend_op
    assert open_aanvraag.herinneren_vanaf <= open_aanvraag.termijn

    assert Herkomst.objects.filter(soort__in=["gezinsplannen", "doelen", "doelscores", "aanvragen"]).count() == 9
    assert Toegang.objects.filter(traject_id=versie.plan.traject_id, gebruiker=beheerder).exists()


def test_a_second_run_changes_nothing_and_a_corrected_goal_is_updated(beheerder, medewerkers):
    _voer_uit(beheerder, _alles())
    tweede = _voer_uit(beheerder, _alles())
    assert tweede.fouten == []
    assert all(a.nieuw == a.gewijzigd == 0 for a in tweede.aantallen.values())
    assert (PlanVersie.objects.count(), PlanDoel.objects.count(), PlanScore.objects.count()) == (2, 3, 3)

    verbeterd = _voer_uit(
        beheerder,
        _alles(
            **{
                "doelen.csv": DOELEN.replace("post weer openen", "post elke week openen"),
                "verwijzingen.csv": VERWIJZINGEN.replace("D1|D2", "D1"),
            }
        ),
    )
    assert (verbeterd.aantallen["doelen"].gewijzigd, verbeterd.aantallen["doelen"].ongewijzigd) == (1, 2)
    assert verbeterd.aantallen["verwijzingen"].gewijzigd == 1
    assert PlanDoel.objects.filter(omschrijving="Ik wil mijn post elke week openen").exists()
    assert Verwijzing.objects.get().doelen.count() == 1
    assert PlanDoel.objects.count() == 3


@pytest.mark.parametrize(
    ("bestand", "inhoud", "fout"),
    [
        (
            "aanvragen.csv",
            AANVRAGEN.replace("manager@oud.example", "werker@oud.example"),
            ("aanvragen.csv", 2, "besluit_door", "Wie de aanvraag deed, besluit er niet over (vier ogen)."),
        ),
        (
            "aanvragen.csv",
            AANVRAGEN.replace(",D2,Een bewindvoerder", ",,Een bewindvoerder"),
            (
                "aanvragen.csv",
                3,
                "doelen",
                "Een aanvraag waarover nog niet is besloten hoort bij een of meer doelen uit het plan.",
            ),
        ),
        (
            "aanvragen.csv",
            AANVRAGEN.replace(",Past bij het plan,", ",,"),
            ("aanvragen.csv", 2, "besluit_motivering", "Een besluit heeft een motivering."),
        ),
        (
            "aanvragen.csv",
            AANVRAGEN.replace('"1.250,50"', "veel"),
            ("aanvragen.csv", 2, "bedrag", "'veel' is geen bedrag. Schrijf bijvoorbeeld 1250,00."),
        ),
        (
            "aanvragen.csv",
            AANVRAGEN.replace("T2,pgb", "T2,rolstoel"),
            (
                "aanvragen.csv",
                2,
                "soort",
                "Onbekende code 'rolstoel' in codelijst aanvraagsoort. Voeg een codekoppeling toe of gebruik een "
                "code uit docs/conversie.md.",
            ),
        ),
        (
            "aanvragen.csv",
            AANVRAGEN.replace("08-05-2024", "30-04-2024"),
            ("aanvragen.csv", 2, "besluit_op", "Het besluit ligt vóór het indienen."),
        ),
        (
            "verwijzingen.csv",
            VERWIJZINGEN.replace("D1|D2", "D3"),
            ("verwijzingen.csv", 2, "doelen", "Doel D3 hoort bij een ander traject."),
        ),
        (
            "verwijzingen.csv",
            VERWIJZINGEN.replace(",,D1", ",01-01-2024,D1"),
            ("verwijzingen.csv", 2, "einddatum", "De einddatum ligt vóór de startdatum."),
        ),
        (
            "doelscores.csv",
            DOELSCORES.replace(",,3\n", ",,11\n"),
            ("doelscores.csv", 2, "waarde", "De score ligt niet op de schaal 0–10."),
        ),
        (
            "doelscores.csv",
            DOELSCORES.replace("Buurvrouw Els", ""),
            ("doelscores.csv", 4, "beoordelaar_naam", "Vul in wie de score geeft."),
        ),
        (
            "doelen.csv",
            DOELEN.replace("P1|P2", "P1|P3"),
            ("doelen.csv", 4, "eigenaren", "Persoon P3 hoort niet bij het huishouden van het traject."),
        ),
        (
            "gezinsplannen.csv",
            GEZINSPLANNEN.replace("10-04-2024,10-04-2024", "10-04-2024,"),
            ("gezinsplannen.csv", 2, "instemming_op", "Een vastgesteld plan heeft een datum van instemming."),
        ),
        (
            "gezinsplannen.csv",
            GEZINSPLANNEN + "GP3,T2,Nog een plan,,,,\n",
            ("gezinsplannen.csv", 3, "traject", "Traject T2 heeft al een gezinsplan (GP2)."),
        ),
    ],
)
def test_bad_plan_and_request_rows_are_reported_and_left_out(beheerder, medewerkers, bestand, inhoud, fout):
    validatie = _voer_uit(beheerder, _alles(**{bestand: inhoud}))
    assert fout in _redenen(validatie)
    assert validatie.aantallen[bestand.removesuffix(".csv")].afgekeurd >= 1


def test_a_request_pointing_to_a_missing_goal_is_left_out(beheerder, medewerkers):
    validatie = _voer_uit(
        beheerder,
        _alles(**{"aanvragen.csv": AANVRAGEN.replace("T2,maatwerk,ingediend,D2", "T2,maatwerk,ingediend,D9")}),
    )
    assert (
        "aanvragen.csv",
        3,
        "doelen",
        "Onbekende verwijzing: er is geen doel met legacy-id D9.",
    ) in _redenen(validatie)
    assert Aanvraag.objects.count() == 1


def test_destroying_an_imported_dossier_takes_the_herkomst_of_its_plan_along(beheerder, medewerkers):
    _voer_uit(beheerder, _alles())
    huishouden = Huishouden.objects.get(naam="Gezin Bakker")
    with transaction.atomic():
        vernietigen.carry_out(vernietigen.plan_huishouden(huishouden.pk))
    assert not Aanvraag.objects.exists()
    assert sorted(
        Herkomst.objects.filter(
            soort__in=["gezinsplannen", "doelen", "doelscores", "verwijzingen", "aanvragen"]
        ).values_list("legacy_id", flat=True)
    ) == ["D3"]
