from celery import shared_task

from . import services


@shared_task
def herinneringen_versturen(batch_size: int = services.BATCH_SIZE) -> dict[str, int]:
    """The beat's Wat Telt sweep. Idempotent: reminders are unique rows and messages have unique
    keys, so a rerun, a redelivery after a killed worker or a concurrent run sends nothing twice."""
    return services.herinneringen_sweep(batch_size=batch_size).as_dict()
