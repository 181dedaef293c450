"""Frozen figures: what was published stays as it was, whatever happens to the trajecten later."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from boks.accounts.choices import TeamRole
from boks.dossiers.choices import TrajectSoort
from boks.dossiers.models import Traject
from boks.rapportage import kpi, selectors, services
from boks.rapportage.models import Vaststelling
from boks.rapportage.periods import huidig_kwartaal, jaar, kwartaal, maand
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

from .dataset import D, build, reopen_and_close_again

pytestmark = pytest.mark.django_db

Q1 = kwartaal(2025, 1)


@pytest.fixture
def world():
    return build()


@pytest.fixture
def kwaliteit(world):
    return MembershipFactory(team=world.zuilen, role=TeamRole.KWALITEITSMEDEWERKER, user=UserFactory()).user


def _cell(tabellen, tabel_id, rij, kolom):
    tabel = next(t for t in tabellen if t["id"] == tabel_id)
    row = next(r for r in tabel["rijen"] if r["sleutel"] == rij)
    return row["cellen"][tabel["kolommen"].index(kolom)]["waarde"]


def test_a_frozen_quarter_keeps_its_figures_after_later_edits(world, kwaliteit):
    frozen = services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=Q1)
    assert _cell(frozen.cijfers["tabellen"], "doelbereik.afsluitreden", "totaal", "K1") == 3
    # Afterwards d is reopened (its closing in Q1 undone) and closed again in Q2.
    reopen_and_close_again(world.d, D(2025, 4, 2))
    assert kpi.afsluitredenen(kpi.Scope(world.organisatie), Q1)[None]["afgesloten"] == 2
    frozen.refresh_from_db()
    assert _cell(frozen.cijfers["tabellen"], "doelbereik.afsluitreden", "totaal", "K1") == 3
    weergave = selectors.rapport_voor(kwaliteit, world.organisatie, Q1)
    changed = {(v.tabel, v.rij, v.kolom) for v in weergave.verschillen}
    assert ("Afgesloten trajecten per afsluitreden", "Beëindigd volgens plan", "mrt") in changed


def test_a_frozen_report_cannot_be_changed_or_deleted(world, kwaliteit):
    frozen = services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=Q1)
    frozen.toelichting = "Andere cijfers"
    with pytest.raises(ValidationError):
        frozen.save()
    with pytest.raises(ValidationError):
        frozen.delete()
    assert Vaststelling.objects.get().toelichting == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_the_database_refuses_to_change_a_frozen_report_even_past_the_orm(world, kwaliteit):
    services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=Q1)
    with pytest.raises(DatabaseError), transaction.atomic():
        Vaststelling.objects.update(cijfers={})
    with pytest.raises(DatabaseError), transaction.atomic():
        Vaststelling.objects.all()._raw_delete(Vaststelling.objects.db)
    assert Vaststelling.objects.get().cijfers["periode"] == "2025-K1"


def test_only_ended_quarters_and_years_are_frozen(world, kwaliteit):
    with pytest.raises(ValidationError) as running:
        services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=huidig_kwartaal())
    assert "nog niet voorbij" in str(running.value)
    with pytest.raises(ValidationError):
        services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=maand(2025, 1))
    assert services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=jaar(2025)).periode == "2025"


def test_a_teammanager_may_not_freeze(world):
    manager = MembershipFactory(team=world.vechtzoom, role=TeamRole.TEAMMANAGER, user=UserFactory()).user
    with pytest.raises(PermissionDenied):
        services.vaststellen(actor=manager, organisatie=world.organisatie, periode=Q1)


def test_freezing_again_needs_a_reason_and_keeps_the_first_version(world, kwaliteit):
    services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=Q1)
    with pytest.raises(ValidationError) as refused:
        services.vaststellen(actor=kwaliteit, organisatie=world.organisatie, periode=Q1)
    assert "toelichting" in refused.value.message_dict
    second = services.vaststellen(
        actor=kwaliteit, organisatie=world.organisatie, periode=Q1, toelichting="Correctie Zuilen."
    )
    assert second.versie == 2
    assert selectors.rapport_voor(kwaliteit, world.organisatie, Q1, versie=1).vaststelling.versie == 1
    assert selectors.rapport_voor(kwaliteit, world.organisatie, Q1).vaststelling == second


def test_an_aanmelding_for_another_service_stays_out_of_the_figures(world):
    worker = MembershipFactory(team=world.zuilen, role=TeamRole.GEZINSWERKER, user=UserFactory(with_totp=True)).user
    form = {
        "team": world.zuilen.pk,
        "aanmelddatum": "2025-02-03",
        "melder": "raadslieden",
        "aanmeldvraag": "Hulp bij een bezwaarschrift.",
        "urgentie": "geen",
        "soort": TrajectSoort.ZONDER_BUURTTEAM,
        "voornaam": "Sem",
        "achternaam": "Raadsman",
        "geboortedatum": "1970-01-31",
        "rol": "volwassene",
        "woonplaats": "Utrecht",
    }
    response = logged_in(worker).post(reverse("dossiers:aanmelding_new"), form)
    assert response.status_code == 302
    traject = Traject.objects.get(huishouden__personen__achternaam="Raadsman")
    assert traject.soort == TrajectSoort.ZONDER_BUURTTEAM
    scope = kpi.Scope(world.organisatie)
    assert traject.pk not in kpi.trajecten(scope).values_list("pk", flat=True)
    assert kpi.instroom(scope, Q1)[None]["aangemeld"] == 2
    assert kpi.buiten_buurtteamcijfers(scope, Q1) == 2  # g and this one
