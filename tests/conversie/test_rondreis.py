"""Export → import into an empty database reproduces the same dossiers and the same report-pack figures."""

import datetime

import pytest
from django.core.management import call_command

from boks.accounts.choices import TeamRole
from boks.audit.models import Toegang
from boks.conversie import services, voorbeeld
from boks.conversie.models import Herkomst
from boks.dossiers.choices import Status
from boks.dossiers.models import Contactmoment, Huishouden, Ondersteuningsvraag, Persoon, TijdlijnGebeurtenis, Traject
from boks.gezinsplan.models import Doel, Gezinsplan, PlanDoel, PlanVersie, Schaalvraag
from boks.gezinsplan.models import Score as PlanScore
from boks.maatwerk.models import Aanvraag, Verwijzing
from boks.rapportage import rapport
from boks.rapportage.periods import jaar, kwartaal
from boks.wattelt.models import Meting, Score
from tests.factories import ContactmomentFactory, MembershipFactory, TeamFactory, TrajectFactory, UserFactory

PERIODES = [jaar(2024), jaar(2025), kwartaal(2025, 2)]


def _dossiers() -> dict:
    return {
        "huishoudens": sorted(Huishouden.objects.values_list("naam", "team_id", "straat", "huisnummer", "postcode")),
        "personen": sorted(
            Persoon.objects.values_list("voornaam", "achternaam", "geboortedatum", "bsn", "rol", "gezag")
        ),
        "trajecten": sorted(
            Traject.objects.values_list(
                "dossiernummer",
                "team_id",
                "status",
                "aanmelddatum",
                "melder",
                "kennismaking_op",
                "werkdagen_tot_kennismaking",
                "afgesloten_op",
                "afsluitreden",
                "rapportcijfer",
                "regisseur_id",
            )
        ),
        "leefgebieden": sorted(Ondersteuningsvraag.objects.values_list("traject__dossiernummer", "leefgebied")),
        "contactmomenten": sorted(
            Contactmoment.objects.values_list(
                "traject__dossiernummer", "plaatsgevonden_op", "soort", "tekst", "auteur_id"
            )
        ),
        "metingen": sorted(
            Meting.objects.values_list(
                "traject__dossiernummer",
                "persoon__bsn",
                "ronde",
                "datum",
                "algemene_score",
                "schaal_max",
                "volgende_ronde_op",
            )
        ),
        "wattelt_scores": sorted(
            Score.objects.values_list(
                "meting__traject__dossiernummer", "meting__ronde", "leefgebied__code", "beoordelaar", "waarde"
            )
        ),
        "metingleefgebieden": sorted(
            Meting.leefgebieden.through.objects.values_list("meting__traject__dossiernummer", "leefgebied__code")
        ),
        "gezinsplannen": sorted(
            PlanVersie.objects.values_list(
                "plan__traject__dossiernummer",
                "status",
                "vraagverheldering",
                "instemming_op",
                "instemming_van__voornaam",
                "plan__volgende_evaluatie_op",
            )
        ),
        "doelen": sorted(
            PlanDoel.objects.values_list(
                "doel__plan__traject__dossiernummer", "omschrijving", "leefgebied", "prioriteit", "doel__status"
            )
        ),
        "doeleigenaren": sorted(
            PlanDoel.eigenaren.through.objects.values_list("plandoel__omschrijving", "persoon__bsn")
        ),
        "doelscores": sorted(
            PlanScore.objects.values_list(
                "schaalvraag__doel__plan__traject__dossiernummer", "schaalvraag__vraag", "datum", "waarde"
            )
        ),
        "verwijzingen": sorted(
            Verwijzing.objects.values_list(
                "traject__dossiernummer", "zorgvorm", "aanbieder", "startdatum", "doelen__formuleringen__omschrijving"
            )
        ),
        "aanvragen": sorted(
            Aanvraag.objects.values_list(
                "traject__dossiernummer",
                "soort__code",
                "status",
                "bedrag",
                "aangemaakt_door_id",
                "besluit_door_id",
                "besluit_op",
                "termijn",
                "doorlooptijd_werkdagen",
                "binnen_norm",
            )
        ),
        "aanvraagdoelen": sorted(
            Aanvraag.doelen.through.objects.values_list(
                "aanvraag__traject__dossiernummer", "doel__formuleringen__omschrijving"
            )
        ),
    }


def _cijfers(organisatie) -> list[dict]:
    return [rapport.bouw(organisatie, periode).as_dict() for periode in PERIODES]


def _leeg_maken() -> None:
    Herkomst.objects.all().delete()
    Aanvraag.objects.all().delete()
    Verwijzing.objects.all().delete()
    PlanScore.objects.all().delete()
    Schaalvraag.objects.all().delete()
    PlanVersie.objects.all().delete()
    Doel.objects.all().delete()
    Gezinsplan.objects.all().delete()
    Score.objects.all().delete()
    Meting.leefgebieden.through.objects.all().delete()
    Meting.objects.all().delete()
    Contactmoment.objects.all().delete()
    Ondersteuningsvraag.objects.all().delete()
    TijdlijnGebeurtenis.objects.all().delete()
    Traject.objects.all().delete()
    Persoon.objects.all().delete()
    Huishouden.objects.all().delete()


@pytest.mark.django_db
def test_round_trip_reproduces_dossiers_and_figures(tmp_path):
    noord = TeamFactory(naam="Noord")
    zuid = TeamFactory(naam="Zuid", organisatie=noord.organisatie)
    organisatie = noord.organisatie
    beheerder = MembershipFactory(team=noord, user=UserFactory(), role=TeamRole.FUNCTIONEEL_BEHEERDER).user
    werker = MembershipFactory(team=zuid, user=UserFactory(), role=TeamRole.GEZINSWERKER).user
    manager = MembershipFactory(team=zuid, user=UserFactory(), role=TeamRole.TEAMMANAGER).user
    bestanden = voorbeeld.bestanden(
        trajecten=60,
        teams=["Noord", "Zuid"],
        tot=datetime.date(2025, 12, 31),
        medewerkers=[werker.email, manager.email],
    )
    validatie = services.voer_uit(bestanden, organisatie=organisatie, bron="oud", actor=beheerder, inlezen=True)
    assert validatie.fouten == []
    # And a dossier made in BOKS itself, with a regisseur and a journal entry by its worker.
    eigen = TrajectFactory(
        team=zuid,
        regisseur=werker,
        status=Status.WACHTEND,
        aanmelddatum=datetime.date(2025, 4, 1),
        kennismaking_op=datetime.date(2025, 4, 3),
        werkdagen_tot_kennismaking=2,
    )
    ContactmomentFactory(traject=eigen, auteur=werker)

    voor, cijfers_voor = _dossiers(), _cijfers(organisatie)
    assert voor["metingen"] and voor["wattelt_scores"]
    assert voor["doelen"] and voor["doelscores"] and voor["verwijzingen"] and voor["aanvragen"]
    assert {status for _nummer, _soort, status, *_rest in voor["aanvragen"]} >= {"ingediend", "toegekend"}
    assert any(tabel["rijen"] for tabel in cijfers_voor[0]["tabellen"])
    call_command("conversie-export", str(tmp_path), organisatie=organisatie.korte_naam, gebruiker=beheerder.email)
    assert Toegang.objects.filter(actie="exporteren", traject_id=eigen.pk).exists()

    _leeg_maken()
    assert _cijfers(organisatie) != cijfers_voor
    call_command(
        "conversie",
        str(tmp_path),
        organisatie=organisatie.korte_naam,
        gebruiker=beheerder.email,
        bron="boks",
        commit=True,
    )
    assert _dossiers() == voor
    assert _cijfers(organisatie) == cijfers_voor


@pytest.mark.django_db
def test_export_of_one_team(tmp_path):
    noord = TeamFactory(naam="Noord")
    TeamFactory(naam="Zuid", organisatie=noord.organisatie)
    beheerder = MembershipFactory(team=noord, user=UserFactory(), role=TeamRole.FUNCTIONEEL_BEHEERDER).user
    bestanden = voorbeeld.bestanden(trajecten=10, teams=["Noord", "Zuid"], tot=datetime.date(2025, 12, 31))
    services.voer_uit(bestanden, organisatie=noord.organisatie, bron="oud", actor=beheerder, inlezen=True)
    call_command(
        "conversie-export",
        str(tmp_path),
        organisatie=noord.organisatie.korte_naam,
        team="Noord",
        gebruiker=beheerder.email,
    )
    trajecten = (tmp_path / "trajecten.csv").read_text(encoding="utf-8").splitlines()
    assert len(trajecten) == 1 + Traject.objects.filter(team=noord).count()
