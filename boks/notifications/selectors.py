from django.db.models import QuerySet
from django.http import Http404

from .models import Notification, Preference


def inbox(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    if not hasattr(user, "_boks_unread_notifications"):
        user._boks_unread_notifications = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return user._boks_unread_notifications


def notification_for(user, notification_id: int) -> Notification:
    try:
        return inbox(user).get(pk=notification_id)
    except Notification.DoesNotExist as missing:
        raise Http404 from missing


def wants_email(user) -> bool:
    preference = Preference.objects.filter(user=user).first()
    return True if preference is None else preference.email
