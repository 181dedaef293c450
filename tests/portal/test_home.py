from django.urls import reverse

from tests.conftest import logged_in
from tests.factories import ClientUserFactory


def test_client_is_welcomed_by_first_name_and_can_manage_their_account(db):
    client_user = ClientUserFactory(first_name="Samira")
    html = logged_in(client_user).get(reverse("portal:home")).content.decode()
    assert "Welkom, Samira" in html
    assert reverse("account_change_password") in html
    assert reverse("mfa_index") in html


def test_portal_uses_the_simple_client_layout_without_the_staff_menu(db):
    html = logged_in(ClientUserFactory()).get(reverse("portal:home")).content.decode()
    assert "boks-client" in html
    assert "Hoofdmenu" not in html
