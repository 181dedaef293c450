import pytest
from django.core.management import call_command

from boks.accounts.models import User
from boks.maatwerk import selectors
from boks.maatwerk.choices import AanvraagStatus, Routering
from boks.maatwerk.models import Aanvraag, AanvraagSoort, Verwijzing
from boks.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_referrals_and_requests_in_every_state_once():
    call_command("seed_demo")
    assert set(Aanvraag.objects.values_list("status", flat=True)) == set(AanvraagStatus.values)
    assert set(Verwijzing.objects.values_list("traject__team__organisatie__korte_naam", flat=True)) == {
        "Lokalis",
        "BTO Sociaal",
    }
    pgb = AanvraagSoort.objects.get(organisatie__korte_naam="Lokalis", code="pgb")
    assert pgb.routering == Routering.BEOORDELINGSGROEP
    beoordelaar = User.objects.get(email="pgb@lokalis.example")
    assert {item.soort_id for item in selectors.wachtrij(beoordelaar)} == {pgb.pk}
    manager_queue = list(selectors.wachtrij(User.objects.get(email="teammanager@lokalis.example")))
    assert any(item.te_laat for item in manager_queue)
    decided = Aanvraag.objects.filter(besluit_op__isnull=False)
    assert all(item.doorlooptijd_werkdagen is not None for item in decided)
    assert {item.binnen_norm for item in decided} == {True, False}
    assert not OutboundEmail.objects.filter(key__startswith="maatwerk:", sent_at__isnull=True).exists()
    counts = (Aanvraag.objects.count(), Verwijzing.objects.count())
    call_command("seed_demo")
    assert (Aanvraag.objects.count(), Verwijzing.objects.count()) == counts
