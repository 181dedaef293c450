from celery import shared_task

from . import services


@shared_task
def deliver_outbox() -> int:
    """Idempotent: only unsent rows are sent, each claimed by one run."""
    return services.deliver_pending()
