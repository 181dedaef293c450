from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from boks.notifications import selectors, services
from boks.notifications.models import Notification, OutboundEmail
from tests.conftest import logged_in
from tests.factories import ClientUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def send(user, key="test:1", **kwargs):
    services.notify(recipient=user, key=key, title="Evaluatie gepland", body="Kijk even.", url="/caseload/", **kwargs)


def test_a_message_is_kept_in_boks_and_sent_by_email_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(user)
    assert Notification.objects.get().recipient == user
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "http://127.0.0.1:8000/caseload/" in mail.outbox[0].body
    assert OutboundEmail.objects.get().sent_at is not None


def test_the_same_key_sends_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(user)
        send(user)
    with django_capture_on_commit_callbacks(execute=True):
        send(user)
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send(user)
        raise RuntimeError("the cause was rolled back")
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_a_user_who_opted_out_of_email_still_gets_the_message_in_boks(django_capture_on_commit_callbacks):
    user = ClientUserFactory()
    services.set_email_preference(user=user, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        send(user)
    assert Notification.objects.filter(recipient=user).exists()
    assert mail.outbox == []


def test_a_failed_delivery_is_recorded_and_retried_later():
    user = UserFactory()
    with mock.patch("boks.notifications.services.transaction.on_commit"):
        send(user)
    with mock.patch("boks.notifications.services.send_mail", side_effect=ConnectionRefusedError("smtp down")):
        assert services.deliver_pending() == 0
    email = OutboundEmail.objects.get()
    assert (email.sent_at, email.attempts, email.last_error) == (None, 1, "smtp down")
    assert services.deliver_pending() == 1
    assert len(mail.outbox) == 1
    assert services.deliver_pending() == 0


def test_delivery_gives_up_after_the_maximum_number_of_attempts():
    user = UserFactory()
    with mock.patch("boks.notifications.services.transaction.on_commit"):
        send(user)
    with mock.patch("boks.notifications.services.send_mail", side_effect=OSError("no route")):
        for _attempt in range(services.MAX_DELIVERY_ATTEMPTS + 2):
            services.deliver_pending()
    assert OutboundEmail.objects.get().attempts == services.MAX_DELIVERY_ATTEMPTS


def test_the_inbox_lists_only_the_users_own_messages(gezinswerker, colleague):
    send(gezinswerker, key="mine", email=False)
    services.notify(recipient=colleague, key="theirs", title="Voor een collega", email=False)
    html = logged_in(gezinswerker).get(reverse("notifications:inbox")).content.decode()
    assert "Evaluatie gepland" in html
    assert "Voor een collega" not in html


def test_the_header_counts_unread_messages(gezinswerker):
    send(gezinswerker, email=False)
    html = logged_in(gezinswerker).get(reverse("notifications:inbox")).content.decode()
    assert "1 nieuw bericht" in html


def test_opening_a_message_marks_it_read_and_goes_to_its_page(gezinswerker):
    send(gezinswerker, email=False)
    notification = Notification.objects.get()
    response = logged_in(gezinswerker).post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/caseload/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_message_cannot_be_opened(gezinswerker, colleague):
    send(colleague, email=False)
    notification = Notification.objects.get()
    response = logged_in(gezinswerker).post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_all_messages_can_be_marked_read(gezinswerker):
    send(gezinswerker, key="a", email=False)
    send(gezinswerker, key="b", email=False)
    logged_in(gezinswerker).post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_a_client_sets_their_email_preference_in_the_client_layout():
    client_user = ClientUserFactory()
    browser = logged_in(client_user)
    page = browser.get(reverse("notifications:inbox")).content.decode()
    assert "boks-client" in page
    response = browser.post(reverse("notifications:inbox"), {})
    assert response.status_code == 302
    assert not selectors.wants_email(client_user)
    browser.post(reverse("notifications:inbox"), {"email": "on"})
    assert selectors.wants_email(client_user)
