import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from boks.accounts.middleware import LAST_ACTIVITY_KEY
from boks.accounts.models import User
from tests.conftest import logged_in, totp_code
from tests.factories import PASSWORD, ClientUserFactory, UserFactory

WRONG_CREDENTIALS = "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def worker_idle_for(user, *, minutes: int) -> Client:
    """A logged-in client whose last request was `minutes` ago."""
    client = logged_in(user)
    assert client.get(reverse("dossiers:caseload")).status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - minutes * 60
    session.save()
    return client


def log_in(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password}, follow=True)


def test_login_page_is_dutch_and_labels_every_field(db):
    response = Client().get(reverse("account_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert "Inloggen bij BOKS" in html
    assert '<label class="utrecht-form-label" for="id_login">' in html
    assert '<label class="utrecht-form-label" for="id_password">' in html


def test_staff_with_totp_logs_in_with_password_and_code_and_lands_on_caseload(gezinswerker):
    client = Client()
    response = client.post(reverse("account_login"), {"login": gezinswerker.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(gezinswerker.totp_secret)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dossiers:caseload")
    assert "Mijn caseload" in response.content.decode()


def test_wrong_code_keeps_staff_out_with_a_dutch_message(gezinswerker):
    client = Client()
    client.post(reverse("account_login"), {"login": gezinswerker.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "Ongeldige code." in response.content.decode()
    assert client.get(reverse("dossiers:caseload")).status_code == 302


def test_wrong_password_gets_a_dutch_message(gezinswerker):
    response = log_in(Client(), gezinswerker.email, "niet-het-wachtwoord")
    assert response.status_code == 200
    assert WRONG_CREDENTIALS in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_unknown_email_gets_the_same_message_as_a_wrong_password(db):
    response = log_in(Client(), "onbekend@buurtteam.example", "wat-dan-ook-123")
    assert WRONG_CREDENTIALS in response.content.decode()


def test_empty_form_names_the_missing_fields(db):
    response = Client().post(reverse("account_login"), {"login": "", "password": ""})
    html = response.content.decode()
    assert html.count("Dit veld is vereist.") == 2
    assert 'aria-invalid="true"' in html


def test_account_is_locked_after_five_failed_attempts_even_for_the_right_password(gezinswerker):
    client = Client()
    for _attempt in range(5):
        assert WRONG_CREDENTIALS in log_in(client, gezinswerker.email, "fout-wachtwoord-1").content.decode()

    response = log_in(client, gezinswerker.email, PASSWORD)
    assert "Te veel inlogpogingen. Probeer het later nogmaals." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_lockout_of_one_account_leaves_colleagues_alone(gezinswerker, colleague):
    client = Client()
    for _attempt in range(6):
        log_in(client, gezinswerker.email, "fout-wachtwoord-1")
    response = client.post(reverse("account_login"), {"login": colleague.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")


def test_logout_ends_the_session(gezinswerker):
    client = logged_in(gezinswerker)
    assert client.get(reverse("dossiers:caseload")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("dossiers:caseload")).status_code == 302


def test_staff_without_totp_must_set_it_up_before_anything_else(team):
    user = UserFactory()
    client = logged_in(user)
    response = client.get(reverse("dossiers:caseload"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    follow_up = client.get(response.url, follow=True)
    assert "Stel eerst tweestapsverificatie in" in follow_up.content.decode()
    assert client.get(reverse("api_me")).status_code == 403


def test_mfa_requirement_can_be_switched_off_for_the_demo_and_then_shows_a_banner(settings, team):
    settings.BOKS_REQUIRE_STAFF_MFA = False
    response = logged_in(UserFactory()).get(reverse("dossiers:caseload"))
    assert response.status_code == 200
    assert "Tweestapsverificatie staat uit" in response.content.decode()


def test_clients_are_not_forced_to_set_up_mfa(db):
    from boks.dossiers.models import Portaaltoegang
    from tests.factories import TrajectFactory

    client_user = ClientUserFactory()
    Portaaltoegang.objects.create(persoon=TrajectFactory().huishouden.personen.get(), gebruiker=client_user)
    response = logged_in(client_user).get(reverse("portal:home"))
    assert response.status_code == 200


def test_staff_session_expires_after_thirty_idle_minutes(gezinswerker):
    client = worker_idle_for(gezinswerker, minutes=31)

    response = client.get(reverse("dossiers:caseload"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "automatisch uitgelogd" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_activity_within_thirty_minutes_keeps_the_session(gezinswerker):
    client = worker_idle_for(gezinswerker, minutes=29)
    assert client.get(reverse("dossiers:caseload")).status_code == 200


def test_htmx_request_after_expiry_is_redirected_by_header(gezinswerker):
    client = worker_idle_for(gezinswerker, minutes=31)
    response = client.get(reverse("dossiers:caseload"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_password_reset_mail_is_sent_in_dutch(gezinswerker, mailoutbox):
    response = Client().post(reverse("account_reset_password"), {"email": gezinswerker.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [gezinswerker.email]
    assert "wachtwoord" in mailoutbox[0].body.lower()


def test_nobody_can_sign_up(db):
    response = Client().post(
        reverse("account_signup"),
        {"email": "nieuw@mail.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "Registratie gesloten" in response.content.decode()
    assert not User.objects.filter(email="nieuw@mail.example").exists()


def test_a_login_form_posted_after_it_expired_gets_a_plain_dutch_explanation(db):
    response = Client(enforce_csrf_checks=True).post(
        reverse("account_login"), {"login": "iemand@buurtteam.example", "password": "x"}
    )
    assert response.status_code == 403
    assert "Deze pagina was verlopen" in response.content.decode()


def test_activity_is_recorded_at_most_once_a_minute(gezinswerker):
    client = logged_in(gezinswerker)
    client.get(reverse("dossiers:caseload"))
    first = client.session[LAST_ACTIVITY_KEY]
    client.get(reverse("dossiers:caseload"))
    assert client.session[LAST_ACTIVITY_KEY] == first
