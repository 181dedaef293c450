from celery import shared_task

from . import services


@shared_task
def herinneringen_beoordelaars() -> int:
    """Idempotent: each reminder has a unique key, so running twice sends nothing twice."""
    return services.remind_assessors()
