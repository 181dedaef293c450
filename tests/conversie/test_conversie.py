"""The conversion: bad input is reported with its place and reason and nothing is imported half;
a second run changes nothing; a corrected file updates what changed."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from boks.accounts.choices import TeamRole
from boks.audit.models import Toegang
from boks.conversie import services
from boks.conversie.choices import Codelijst
from boks.conversie.models import Codekoppeling, Herkomst
from boks.dossiers.models import Contactmoment, Huishouden, Persoon, TijdlijnGebeurtenis, Traject
from boks.privacy.services import vernietigen
from boks.wattelt.models import Meting
from tests.factories import MembershipFactory, TeamFactory, UserFactory

HUISHOUDENS = (
    "legacy_id,naam,team,straat,huisnummer,postcode,woonplaats\n"
    "H1,Gezin Jansen,Overvecht,Vechtzoomlaan,12,3563AB,Utrecht\n"
    "H2,Gezin Bakker,Overvecht,,,,\n"
)
PERSONEN = (
    "legacy_id,huishouden,voornaam,achternaam,geboortedatum,bsn,rol,gezag\n"
    "P1,H1,Anna,Jansen,12-03-1985,111222333,ouder_verzorger,ja\n"
    "P2,H1,Tim,Jansen,2015-06-01,,jeugdige,nee\n"
    "P3,H2,Kees,Bakker,01-01-1960,,volwassene,\n"
)
TRAJECTEN = (
    "legacy_id,huishouden,status,aanmelddatum,melder,aanmeldvraag,leefgebieden,kennismaking_op,afgesloten_op,"
    "afsluitreden,rapportcijfer\n"
    "T1,H1,afgesloten,02-01-2024,school,Hulp bij opvoeden,opvoeden_opgroeien|financien,08-01-2024,01-06-2024,"
    "volgens_plan,8\n"
    "T2,H2,uitvoering,2024-03-04,huisarts,Schulden,financien,2024-03-06,,,\n"
)
CONTACTMOMENTEN = (
    "legacy_id,traject,plaatsgevonden_op,soort,tekst,duur_minuten\n"
    "C1,T1,08-01-2024 10:00,huisbezoek,Kennismaking thuis,60\n"
    "C2,T1,15-01-2024,telefonisch,Even gebeld,\n"
    "C3,T2,2024-03-06T09:30,gesprek,Eerste gesprek,45\n"
)

METINGEN = "legacy_id,traject,persoon,ronde,datum,algemene_score\nM1,T2,P3,1,01-04-2024,6\n"
SCORES = (
    "legacy_id,meting,leefgebied,beoordelaar,waarde\n"
    "S1,M1,financien,klant,4\n"
    "S2,M1,financien,medewerker,5\n"
    "S3,M1,wonen,klant,7\n"
)


def _bestanden(**vervang) -> dict[str, bytes]:
    bestanden = {
        "huishoudens.csv": HUISHOUDENS,
        "personen.csv": PERSONEN,
        "trajecten.csv": TRAJECTEN,
        "contactmomenten.csv": CONTACTMOMENTEN,
        "metingen.csv": METINGEN,
        "wattelt_scores.csv": SCORES,
    }
    bestanden.update(vervang)
    return {naam: inhoud if isinstance(inhoud, bytes) else inhoud.encode() for naam, inhoud in bestanden.items()}


@pytest.fixture
def beheerder(db):
    team = TeamFactory(naam="Overvecht")
    return MembershipFactory(team=team, user=UserFactory(), role=TeamRole.FUNCTIONEEL_BEHEERDER).user


def _voer_uit(beheerder, bestanden, *, inlezen=True):
    organisatie = beheerder.memberships.first().team.organisatie
    return services.voer_uit(bestanden, organisatie=organisatie, bron="oud", actor=beheerder, inlezen=inlezen)


def _redenen(validatie) -> list[tuple[str, int | None, str, str]]:
    return [(f.bestand, f.regel, f.kolom, f.reden) for f in validatie.fouten]


def test_import_writes_dossiers_with_herkomst_history_and_access_log(beheerder):
    validatie = _voer_uit(beheerder, _bestanden())
    assert validatie.fouten == []
    assert {s: a.nieuw for s, a in validatie.aantallen.items()} == {
        "huishoudens": 2,
        "personen": 3,
        "trajecten": 2,
        "contactmomenten": 3,
        "metingen": 1,
        "wattelt_scores": 3,
    }
    meting = Meting.objects.get()
    assert (meting.schaal_min, meting.schaal_max, meting.aangemaakt_door) == (1, 10, beheerder)
    assert sorted(meting.leefgebieden.values_list("code", flat=True)) == ["financien", "wonen"]
    t1 = Traject.objects.get(melder="school")
    assert t1.dossiernummer == f"2024-{t1.pk:06d}"
    assert t1.werkdagen_tot_kennismaking == 4
    assert sorted(t1.ondersteuningsvragen.values_list("leefgebied", flat=True)) == ["financien", "opvoeden_opgroeien"]
    assert t1.history.count() == 1
    # The old system's steps as the workflow writes them (by someone unknown), and where it came from.
    assert sorted(t1.gebeurtenissen.values_list("soort", "titel", "actor", "zichtbaar_voor_client")) == [
        ("conversie.ingelezen", "Conversie uit oud", beheerder.pk, False),
        ("dossiers.aangemeld", "Aangemeld bij buurtteam Overvecht", None, True),
        ("dossiers.afsluiten", "Traject afgesloten: Beëindigd volgens plan", None, True),
        (
            "dossiers.kennismaking_vastleggen",
            "Kennismakingsgesprek gehouden (4 werkdagen na de aanmelding)",
            None,
            True,
        ),
    ]
    assert t1.gebeurtenissen.get(soort="dossiers.afsluiten").plaatsgevonden_op.date() == datetime.date(2024, 6, 1)
    assert Herkomst.objects.filter(bron="oud").count() == 14
    assert Toegang.objects.filter(traject_id=t1.pk, actie="aanmaken", gebruiker=beheerder).exists()
    assert Contactmoment.objects.get(tekst="Even gebeld").auteur == beheerder


def test_dry_run_counts_but_writes_nothing(beheerder):
    validatie = _voer_uit(beheerder, _bestanden(), inlezen=False)
    assert validatie.aantallen["trajecten"].nieuw == 2
    assert not Traject.objects.exists()
    assert not Herkomst.objects.exists()
    assert not Toegang.objects.exists()


def test_a_second_run_changes_nothing_and_a_corrected_file_updates_what_changed(beheerder):
    _voer_uit(beheerder, _bestanden())
    gebeurtenissen = TijdlijnGebeurtenis.objects.count()
    tweede = _voer_uit(beheerder, _bestanden())
    assert {s: (a.nieuw, a.gewijzigd) for s, a in tweede.aantallen.items()} == {
        "huishoudens": (0, 0),
        "personen": (0, 0),
        "trajecten": (0, 0),
        "contactmomenten": (0, 0),
        "metingen": (0, 0),
        "wattelt_scores": (0, 0),
    }
    assert Traject.objects.count() == 2
    assert Persoon.objects.count() == 3
    assert TijdlijnGebeurtenis.objects.count() == gebeurtenissen == 7
    verbeterd = _voer_uit(beheerder, _bestanden(**{"trajecten.csv": TRAJECTEN.replace("Schulden", "Schulden en huur")}))
    assert verbeterd.aantallen["trajecten"].gewijzigd == 1
    assert verbeterd.aantallen["trajecten"].ongewijzigd == 1
    assert Traject.objects.get(melder="huisarts").aanmeldvraag == "Schulden en huur"
    assert Traject.objects.count() == 2


@pytest.mark.parametrize(
    "encoding,scheiding,bom", [("utf-8", ",", False), ("utf-8", ";", True), ("cp1252", ";", False)]
)
def test_encodings_and_delimiters(beheerder, encoding, scheiding, bom):
    huishoudens = "legacy_id,naam,team\nH1,Gezin Çelik-Müller,Overvecht\n".replace(",", scheiding)
    data = huishoudens.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    validatie = _voer_uit(beheerder, {"huishoudens.csv": data})
    assert validatie.fouten == []
    assert Huishouden.objects.get().naam == "Gezin Çelik-Müller"


def test_missing_required_column_blocks_the_import(beheerder):
    validatie = _voer_uit(beheerder, _bestanden(**{"personen.csv": PERSONEN.replace(",rol,", ",rolletje,")}))
    assert ("personen.csv", 1, "rol", "De verplichte kolom 'rol' ontbreekt.") in _redenen(validatie)
    assert not validatie.kan_inlezen
    assert not Huishouden.objects.exists()


def test_unknown_code_is_reported_and_a_code_mapping_fixes_it(beheerder):
    bestanden = _bestanden(**{"trajecten.csv": TRAJECTEN.replace(",school,", ",SCH,")})
    validatie = _voer_uit(beheerder, bestanden, inlezen=False)
    (fout,) = [f for f in validatie.fouten if f.kolom == "melder"]
    assert (fout.bestand, fout.regel, fout.legacy_id) == ("trajecten.csv", 2, "T1")
    assert "Onbekende code 'SCH'" in fout.reden
    # The contactmomenten of the rejected traject hang under it and are rejected too.
    assert [f.legacy_id for f in validatie.fouten if f.bestand == "contactmomenten.csv"] == ["C1", "C2"]
    organisatie = beheerder.memberships.first().team.organisatie
    Codekoppeling.objects.create(
        organisatie=organisatie, codelijst=Codelijst.MELDER, oude_code="SCH", boks_code="school"
    )
    assert _voer_uit(beheerder, bestanden).fouten == []
    assert Traject.objects.filter(melder="school").exists()


def test_impossible_dates(beheerder):
    trajecten = TRAJECTEN.replace("08-01-2024,01-06-2024", "01-01-2024,01-12-2023").replace("2024-03-04", "2024-02-30")
    validatie = _voer_uit(beheerder, _bestanden(**{"trajecten.csv": trajecten}), inlezen=False)
    redenen = _redenen(validatie)
    assert ("trajecten.csv", 2, "kennismaking_op", "De kennismaking ligt vóór de aanmelding.") in redenen
    assert ("trajecten.csv", 2, "afgesloten_op", "De afsluiting ligt vóór de aanmelding.") in redenen
    assert ("trajecten.csv", 3, "aanmelddatum", "De datum 2024-02-30 bestaat niet.") in redenen


def test_duplicate_legacy_ids_missing_parents_and_bsn(beheerder):
    personen = (
        PERSONEN + "P1,H1,Dubbel,Jansen,01-01-1990,,volwassene,\nP4,H9,Wees,Kind,01-01-2010,123456789,jeugdige,\n"
    )
    contactmomenten = CONTACTMOMENTEN + "C4,T9,01-02-2024,gesprek,Van niemand,\n"
    validatie = _voer_uit(
        beheerder, _bestanden(**{"personen.csv": personen, "contactmomenten.csv": contactmomenten}), inlezen=False
    )
    redenen = _redenen(validatie)
    assert ("personen.csv", 5, "legacy_id", "Legacy-id P1 komt al voor op regel 2.") in redenen
    assert ("personen.csv", 6, "bsn", "Het BSN klopt niet met de elfproef.") in redenen
    assert (
        "contactmomenten.csv",
        5,
        "traject",
        "Onbekende verwijzing: er is geen traject met legacy-id T9.",
    ) in redenen
    assert validatie.aantallen["personen"].afgekeurd == 2
    assert validatie.aantallen["personen"].geldig == 3


def test_empty_and_truncated_files_block_the_import(beheerder):
    leeg = _voer_uit(beheerder, _bestanden(**{"personen.csv": b""}))
    assert ("personen.csv", None, "", "Het bestand is leeg.") in _redenen(leeg)
    assert not Huishouden.objects.exists()
    afgebroken = _voer_uit(beheerder, _bestanden(**{"contactmomenten.csv": CONTACTMOMENTEN[:-25]}))
    assert any("afgebroken" in f.reden and f.regel == 4 for f in afgebroken.fouten)
    aanhaling = _voer_uit(
        beheerder, _bestanden(**{"contactmomenten.csv": CONTACTMOMENTEN + 'C9,T1,01-02-2024,gesprek,"Niet af'})
    )
    assert any("afgebroken" in f.reden for f in aanhaling.fouten)
    assert not Huishouden.objects.exists()


def test_command_writes_the_report(beheerder, tmp_path, capsys):
    for naam, inhoud in _bestanden(**{"trajecten.csv": TRAJECTEN.replace(",school,", ",SCH,")}).items():
        (tmp_path / naam).write_bytes(inhoud)
    organisatie = beheerder.memberships.first().team.organisatie
    call_command(
        "conversie", str(tmp_path), organisatie=organisatie.korte_naam, gebruiker=beheerder.email, dry_run=True
    )
    assert not Traject.objects.exists()
    csv_rapport = (tmp_path / "conversierapport.csv").read_text(encoding="utf-8-sig")
    assert "trajecten.csv;2;melder;T1;Onbekende code 'SCH'" in csv_rapport
    assert "Onbekende code" in (tmp_path / "conversierapport.html").read_text()
    (tmp_path / "huishoudens.csv").write_text(HUISHOUDENS + "=1+1,Gezin Formule,Nergens,,,,\n")
    call_command(
        "conversie", str(tmp_path), organisatie=organisatie.korte_naam, gebruiker=beheerder.email, dry_run=True
    )
    assert "huishoudens.csv;4;team;'=1+1;" in (tmp_path / "conversierapport.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "huishoudens.csv").write_text(HUISHOUDENS)
    call_command("conversie", str(tmp_path), organisatie=organisatie.korte_naam, gebruiker=beheerder.email, commit=True)
    assert Traject.objects.count() == 1
    (tmp_path / "personen.csv").write_bytes(b"")
    with pytest.raises(CommandError):
        call_command(
            "conversie", str(tmp_path), organisatie=organisatie.korte_naam, gebruiker=beheerder.email, commit=True
        )


def test_wattelt_rules(beheerder):
    metingen = METINGEN + "M2,T2,P1,1,01-04-2024,11\n"
    scores = SCORES + "S4,M1,financien,klant,3\nS5,M1,wonen,medewerker,12\nS6,M2,wonen,klant,5\n"
    validatie = _voer_uit(
        beheerder, _bestanden(**{"metingen.csv": metingen, "wattelt_scores.csv": scores}), inlezen=False
    )
    redenen = _redenen(validatie)
    assert ("metingen.csv", 3, "persoon", "Persoon P1 hoort niet bij het huishouden van het traject.") in redenen
    assert ("metingen.csv", 3, "algemene_score", "De score ligt niet op de schaal 1–10.") in redenen
    assert (
        "wattelt_scores.csv",
        5,
        "leefgebied",
        "Meting M1 heeft voor dit leefgebied al een score van deze beoordelaar (S1).",
    ) in redenen
    assert ("wattelt_scores.csv", 6, "waarde", "De score ligt niet op de schaal 1–10.") in redenen
    assert ("wattelt_scores.csv", 7, "meting", "Hoort bij meting M2, en die regel is afgekeurd.") in redenen


def test_destroying_an_imported_dossier_takes_its_herkomst_along(beheerder):
    _voer_uit(beheerder, _bestanden())
    huishouden = Huishouden.objects.get(naam="Gezin Jansen")
    with transaction.atomic():
        vernietigen.carry_out(vernietigen.plan_huishouden(huishouden.pk))
    assert sorted(Herkomst.objects.values_list("legacy_id", flat=True)) == [
        "C3",
        "H2",
        "M1",
        "P3",
        "S1",
        "S2",
        "S3",
        "T2",
    ]
