"""Writes for notifications. ``notify``/``notify_many`` run inside the caller's transaction, so a
message exists exactly when what caused it was committed; e-mail leaves after commit."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification, OutboundEmail, Preference

MAX_DELIVERY_ATTEMPTS = 5
SCRUBBED = "[tekst gewist na verzenden]"


@dataclass(frozen=True)
class Message:
    """One message to one user. `key` identifies it for good: sending the same key twice sends once."""

    recipient: object
    key: str
    title: str
    body: str = ""
    url: str = ""
    email: bool = True


def absolute_url(path: str) -> str:
    return f"{settings.BOKS_BASE_URL.rstrip('/')}{path}" if path.startswith("/") else path


def _email_for(message: Message) -> OutboundEmail:
    lines = [message.body] if message.body else []
    if message.url:
        lines.append(absolute_url(message.url))
    lines.append("")
    lines.append("Dit is een bericht van BOKS, het klantsysteem van de buurtteams.")
    return OutboundEmail(
        key=message.key,
        to=message.recipient.email,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{message.title}",
        body="\n\n".join(lines),
    )


def _deliver_after_commit() -> None:
    from .tasks import deliver_outbox  # the task module imports this one

    transaction.on_commit(deliver_outbox.delay)


def notify_many(messages: Iterable[Message]) -> None:
    """Writes the in-app messages and their e-mails; keys already used are skipped (the database's
    unique index decides, so two sweeps running at once still send each message once)."""
    messages = list(messages)
    if not messages:
        return
    Notification.objects.bulk_create(
        [Notification(recipient=m.recipient, key=m.key, title=m.title, body=m.body, url=m.url) for m in messages],
        ignore_conflicts=True,
    )
    opted_out = set(
        Preference.objects.filter(user__in={m.recipient.pk for m in messages}, email=False).values_list(
            "user_id", flat=True
        )
    )
    emails = [
        _email_for(m)
        for m in messages
        if m.email and m.recipient.email and m.recipient.is_active and m.recipient.pk not in opted_out
    ]
    if emails:
        OutboundEmail.objects.bulk_create(emails, ignore_conflicts=True)
        _deliver_after_commit()


def notify(*, recipient, key: str, title: str, body: str = "", url: str = "", email: bool = True) -> None:
    notify_many([Message(recipient=recipient, key=key, title=title, body=body, url=url, email=email)])


def send_private_email(*, key: str, to: str, subject: str, body: str) -> None:
    """An e-mail to an address that has no account yet (an invitation), with a personal link: it goes
    through the outbox like every message, and its text is wiped once it has been sent."""
    OutboundEmail.objects.bulk_create(
        [
            OutboundEmail(
                key=key,
                to=to,
                subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
                body=body,
                scrub_after_sending=True,
            )
        ],
        ignore_conflicts=True,
    )
    _deliver_after_commit()


def mark_read(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def set_email_preference(*, user, email: bool) -> Preference:
    preference, _created = Preference.objects.update_or_create(user=user, defaults={"email": email})
    return preference


def deliver_pending(*, batch_size: int = 100) -> int:
    """Sends unsent e-mails. Rows are claimed with SKIP LOCKED, so parallel runs never send the same
    row; a failure is recorded and retried by a later run, up to MAX_DELIVERY_ATTEMPTS."""
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                OutboundEmail.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True, attempts__lt=MAX_DELIVERY_ATTEMPTS)
                .order_by("created_at", "pk")[:batch_size]
            )
            if not batch:
                return sent
            for email in batch:
                email.attempts += 1
                try:
                    send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
                except Exception as error:  # any transport error: recorded, retried by a later run
                    email.last_error = str(error)[:1000]
                else:
                    email.sent_at = timezone.now()
                    email.last_error = ""
                    if email.scrub_after_sending:
                        email.body = SCRUBBED
                    sent += 1
            OutboundEmail.objects.bulk_update(batch, ["attempts", "sent_at", "last_error", "body"])
        if all(email.sent_at is None for email in batch):
            return sent
