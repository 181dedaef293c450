from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task(name="boks.accounts.tasks.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Removes sessions past their expiry date; running it twice removes nothing more."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
