import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boks.accounts.choices import UserKind
from boks.accounts.models import User
from boks.dossiers import toegang
from boks.dossiers.models import Portaaltoegang, Uitnodiging
from boks.notifications.models import OutboundEmail
from boks.notifications.services import SCRUBBED
from tests.conftest import logged_in

from .helpers import family

pytestmark = pytest.mark.django_db
PASSWORD = "Een-sterk-wachtwoord-2026"


def invite(worker, fam, persoon, email, captured):
    with captured(execute=True):
        response = logged_in(worker).post(
            reverse("dossiers:portaal_uitnodigen", args=[fam.traject.pk, persoon.pk]), {"email": email}
        )
    assert response.status_code == 302
    return re.search(r"/portaal/activeren/([\w-]+)/", mail.outbox[-1].body).group(1)


def test_a_worker_invites_and_the_client_activates_with_a_password(
    team, gezinswerker, django_capture_on_commit_callbacks
):
    fam = family(team, gezinswerker)
    token = invite(gezinswerker, fam, fam.moeder, "mira@mail.example", django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["mira@mail.example"]
    assert OutboundEmail.objects.get().body == SCRUBBED
    assert not Uitnodiging.objects.filter(token_hash=token).exists()

    browser = Client()
    page = browser.get(reverse("portal:activate", args=[token]))
    assert "mira@mail.example" in page.content.decode()
    mismatch = browser.post(reverse("portal:activate", args=[token]), {"password1": PASSWORD, "password2": "anders"})
    assert mismatch.status_code == 400
    response = browser.post(reverse("portal:activate", args=[token]), {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("portal:home")
    user = User.objects.get(email="mira@mail.example")
    assert user.kind == UserKind.CLIENT
    assert Portaaltoegang.objects.get(gebruiker=user).persoon == fam.moeder
    assert "Hallo Mira" in browser.get(reverse("portal:home")).content.decode()


def test_a_used_link_cannot_be_used_again(team, gezinswerker, django_capture_on_commit_callbacks):
    fam = family(team, gezinswerker)
    token = invite(gezinswerker, fam, fam.moeder, "mira@mail.example", django_capture_on_commit_callbacks)
    Client().post(reverse("portal:activate", args=[token]), {"password1": PASSWORD, "password2": PASSWORD})
    again = Client().get(reverse("portal:activate", args=[token]))
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()


def test_an_expired_or_replaced_link_gets_a_clear_page(team, gezinswerker, django_capture_on_commit_callbacks):
    fam = family(team, gezinswerker)
    first = invite(gezinswerker, fam, fam.moeder, "mira@mail.example", django_capture_on_commit_callbacks)
    second = invite(gezinswerker, fam, fam.moeder, "mira@mail.example", django_capture_on_commit_callbacks)
    replaced = Client().get(reverse("portal:activate", args=[first]))
    assert replaced.status_code == 410
    assert "nieuwere uitnodiging" in replaced.content.decode()
    Uitnodiging.objects.filter(gebruikt_op__isnull=True, ingetrokken_op__isnull=True).update(
        verloopt_op=timezone.now() - datetime.timedelta(minutes=1)
    )
    expired = Client().get(reverse("portal:activate", args=[second]))
    assert expired.status_code == 410
    assert "verlopen" in expired.content.decode()
    assert Client().get(reverse("portal:activate", args=["verzonnen"])).status_code == 410


def test_a_parent_in_two_households_adds_the_second_after_logging_in(
    team, gezinswerker, django_capture_on_commit_callbacks
):
    first = family(team, gezinswerker)
    second = family(team, gezinswerker)
    user = first.give_access(first.moeder)
    token = invite(gezinswerker, second, second.vader, user.email, django_capture_on_commit_callbacks)
    anonymous = Client().post(reverse("portal:activate", args=[token]), {"password1": PASSWORD, "password2": PASSWORD})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    browser = logged_in(user)
    assert "Toegang toevoegen" in browser.get(reverse("portal:activate", args=[token])).content.decode()
    browser.post(reverse("portal:activate", args=[token]))
    assert {a.persoon for a in Portaaltoegang.objects.filter(gebruiker=user)} == {first.moeder, second.vader}
    home = browser.get(reverse("portal:home")).content.decode()
    assert first.traject.huishouden.naam in home and second.traject.huishouden.naam in home


def test_children_under_twelve_and_staff_addresses_cannot_be_invited(team, gezinswerker, colleague):
    fam = family(team, gezinswerker)
    with pytest.raises(Exception, match="vanaf 12 jaar"):
        toegang.invite(actor=gezinswerker, traject=fam.traject, persoon=fam.peuter, email="bo@mail.example")
    with pytest.raises(Exception, match="medewerker"):
        toegang.invite(actor=gezinswerker, traject=fam.traject, persoon=fam.moeder, email=colleague.email)
    assert not Uitnodiging.objects.exists()


def test_a_worker_stops_access_and_the_client_is_told_plainly(team, gezinswerker):
    fam = family(team, gezinswerker)
    user = fam.give_access(fam.moeder)
    response = logged_in(gezinswerker).post(
        reverse("dossiers:portaal_intrekken", args=[fam.traject.pk, fam.moeder.pk]), {"reden": "Verhuisd"}
    )
    assert response.status_code == 302
    page = logged_in(user).get(reverse("portal:home"))
    assert page.status_code == 403
    assert "geen toegang" in page.content.decode()


def test_only_workers_on_the_traject_invite(team, gezinswerker, colleague, outsider):
    fam = family(team, gezinswerker)
    url = reverse("dossiers:portaal_uitnodigen", args=[fam.traject.pk, fam.moeder.pk])
    assert logged_in(outsider).post(url, {"email": "x@mail.example"}).status_code == 404
    assert logged_in(colleague).post(url, {"email": "x@mail.example"}).status_code == 403
    assert not Uitnodiging.objects.exists()


def test_the_traject_page_shows_portal_status_per_member(team, gezinswerker, django_capture_on_commit_callbacks):
    fam = family(team, gezinswerker)
    fam.give_access(fam.moeder)
    invite(gezinswerker, fam, fam.kind, "sem@mail.example", django_capture_on_commit_callbacks)
    html = logged_in(gezinswerker).get(reverse("dossiers:traject", args=[fam.traject.pk])).content.decode()
    assert "in gebruik sinds" in html
    assert "uitgenodigd op sem@mail.example" in html
    assert "jonger dan 12" in html
