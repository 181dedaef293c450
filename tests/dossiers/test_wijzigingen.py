"""The change history of a traject: who changed which record when, field by field, for the
regisseur and the team's managers; not for colleagues who only read the dossier."""

import pytest
from django.urls import reverse

from boks.audit.models import Toegang
from boks.dossiers import services
from tests.conftest import logged_in
from tests.factories import ContactmomentFactory

pytestmark = pytest.mark.django_db


def change_name(traject, actor, achternaam):
    persoon = traject.huishouden.personen.get()
    data = services.PersoonData(
        voornaam=persoon.voornaam,
        achternaam=achternaam,
        geboortedatum=persoon.geboortedatum,
        rol=persoon.rol,
    )
    return services.update_persoon(actor=actor, traject=traject, persoon_id=persoon.pk, data=data)


def test_the_regisseur_sees_who_changed_what_with_the_value_before_and_after(traject, gezinswerker):
    before = traject.huishouden.personen.get().achternaam
    change_name(traject, gezinswerker, "Bouzid")
    response = logged_in(gezinswerker).get(reverse("dossiers:wijzigingen", args=[traject.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gezinslid" in html and "gewijzigd" in html
    assert before in html and "Bouzid" in html
    assert gezinswerker.get_full_name() in html
    assert Toegang.objects.filter(gebruiker=gezinswerker, omschrijving="Wijzigingshistorie").exists()


def test_one_record_on_its_own(traject, gezinswerker):
    change_name(traject, gezinswerker, "Bouzid")
    persoon = traject.huishouden.personen.get()
    html = (
        logged_in(gezinswerker)
        .get(reverse("dossiers:wijzigingen", args=[traject.pk]), {"object": f"dossiers.persoon:{persoon.pk}"})
        .content.decode()
    )
    assert "Bouzid" in html
    assert "Traject " + traject.dossiernummer not in html


def test_a_colleague_who_only_reads_the_dossier_has_no_history_tab(traject, colleague, manager):
    page = logged_in(colleague).get(reverse("dossiers:traject", args=[traject.pk])).content.decode()
    assert reverse("dossiers:wijzigingen", args=[traject.pk]) not in page
    assert logged_in(colleague).get(reverse("dossiers:wijzigingen", args=[traject.pk])).status_code == 404
    manager_page = logged_in(manager).get(reverse("dossiers:traject", args=[traject.pk])).content.decode()
    assert reverse("dossiers:wijzigingen", args=[traject.pk]) in manager_page


def test_the_page_costs_the_same_with_many_changes(traject, gezinswerker, django_assert_max_num_queries):
    client = logged_in(gezinswerker)
    url = reverse("dossiers:wijzigingen", args=[traject.pk])
    ContactmomentFactory(traject=traject, auteur=gezinswerker)
    client.get(url)
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for _index in range(15):
        ContactmomentFactory(traject=traject, auteur=gezinswerker)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
