"""The rapportage tests' world: two teams with known figures, and who looks at them."""

import pytest

from boks.accounts.choices import TeamRole
from tests.factories import MembershipFactory, UserFactory

from .dataset import build


@pytest.fixture
def world():
    return build()


def member(team, role):
    return MembershipFactory(team=team, role=role, user=UserFactory(with_totp=True)).user


@pytest.fixture
def manager(world):
    """Teammanager of Vechtzoom: their own team in full, the organisation with suppression."""
    return member(world.vechtzoom, TeamRole.TEAMMANAGER)


@pytest.fixture
def kwaliteit(world):
    """Kwaliteitsmedewerker of Zuilen: may also freeze the organisation's report."""
    return member(world.zuilen, TeamRole.KWALITEITSMEDEWERKER)
