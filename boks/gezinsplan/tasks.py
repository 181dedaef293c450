from celery import shared_task

from . import services


@shared_task
def evaluatie_herinneringen() -> int:
    """Idempotent: each reminder has a unique key, so running twice sends nothing twice."""
    return services.remind_due_evaluations()


@shared_task
def te_late_afspraken() -> int:
    """Idempotent: an agreement is reported once per deadline."""
    return services.report_overdue_afspraken()
