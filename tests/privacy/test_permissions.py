"""Who sees the Privacy menu item follows MATRIX. Every privacy page and API endpoint is probed as
every role, inside and outside their reach, by tests/accounts/test_authorization_matrix.py."""

import pytest

from boks.accounts.authorization import CLIENT, Handeling, Onderwerp, relaties_voor
from boks.navigation import staff_navigation
from tests.accounts.matrix_world import build_world

pytestmark = pytest.mark.django_db

PRIVACY_SUBJECTS = (Onderwerp.EXTERN_VERZOEK, Onderwerp.AVG_VERZOEK, Onderwerp.BEWAARTERMIJN)


def test_the_privacy_menu_item_follows_the_matrix(rf):
    for actor in build_world().actors:
        if actor.role is None:
            continue
        request = rf.get("/")
        request.user = actor.user
        shown = "Privacy" in [item.label for item in staff_navigation(request)]
        expected = actor.role != CLIENT and any(
            relaties_voor(onderwerp, Handeling.LEZEN, actor.role) for onderwerp in PRIVACY_SUBJECTS
        )
        assert shown == expected, actor.name
