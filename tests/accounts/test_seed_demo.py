import pytest
from django.core.management import CommandError, call_command

from boks.accounts.choices import TeamRole
from boks.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from boks.accounts.models import Cluster, Membership, Organisatie, Team, User

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Organisatie, Cluster, Team, User, Membership)}


def test_seed_demo_creates_both_organisations_with_their_teams_and_every_role(capsys):
    call_command("seed_demo")
    assert set(Organisatie.objects.values_list("korte_naam", flat=True)) == {"Lokalis", "BTO Sociaal"}
    assert Team.objects.filter(organisatie__korte_naam="BTO Sociaal").count() == 18
    assert Team.objects.filter(organisatie__korte_naam="Lokalis").count() == 20
    assert Cluster.objects.filter(organisatie__korte_naam="BTO Sociaal").count() == 6
    assert set(Membership.objects.values_list("role", flat=True)) == set(TeamRole.values)
    output = capsys.readouterr().out
    for demo in DEMO_USERS:
        assert demo.email in output
    assert DEMO_PASSWORD in output


def test_seed_demo_accounts_can_log_in_with_the_printed_password():
    call_command("seed_demo")
    for demo in DEMO_USERS:
        assert User.objects.get(email=demo.email).check_password(DEMO_PASSWORD)


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first


def test_seed_demo_leaves_a_changed_password_alone():
    call_command("seed_demo")
    user = User.objects.get(email=DEMO_USERS[0].email)
    user.set_password("Een-eigen-wachtwoord-99")
    user.save()
    call_command("seed_demo")
    user.refresh_from_db()
    assert user.check_password("Een-eigen-wachtwoord-99")


def test_seed_demo_refuses_where_demo_data_is_not_allowed(settings):
    settings.BOKS_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="BOKS_ALLOW_DEMO_DATA"):
        call_command("seed_demo")
    assert User.objects.count() == 0
