from celery import shared_task

from . import services


@shared_task(soft_time_limit=3 * 3600, time_limit=3 * 3600 + 300)
def verwerk(run_id: int) -> None:
    """A dry run or an import of one uploaded ZIP; a large conversion takes minutes, not seconds."""
    services.verwerk(run_id)


@shared_task
def oude_bestanden_opruimen() -> int:
    """Daily: uploaded ZIPs older than two weeks leave storage (they hold the old system's data)."""
    return services.ruim_oude_bestanden_op()
