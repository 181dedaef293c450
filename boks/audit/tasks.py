from celery import shared_task

from . import partitions


@shared_task
def onderhoud_toegangslog() -> dict[str, list[str]]:
    """Idempotent: partitions that exist are left alone, and a month is dropped only once."""
    return {"aangemaakt": partitions.ensure_partitions(), "verwijderd": partitions.drop_expired()}
