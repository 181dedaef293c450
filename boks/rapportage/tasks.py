from celery import shared_task

from . import snapshots


@shared_task
def dashboards_verversen() -> int:
    """Every few minutes: the organisations' dashboards as they open, ready before anyone asks."""
    return snapshots.ververs_organisaties()
