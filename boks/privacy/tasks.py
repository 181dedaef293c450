"""The nightly retention run. Thin: it passes today's date to the service, which does the work in
batches, one dossier per transaction, and is safe to run twice (see services/bewaren.py)."""

from celery import shared_task
from django.utils import timezone

from .services import bewaren


@shared_task(name="boks.privacy.tasks.bewaartermijnen")
def bewaartermijnen(limiet: int = bewaren.LIMIET) -> dict:
    resultaat = bewaren.voer_uit(vandaag=timezone.localdate(), limiet=limiet)
    return {
        "voorgesteld": resultaat.voorgesteld,
        "vernietigd": resultaat.vernietigd,
        "vervallen": resultaat.vervallen,
        "mislukt": resultaat.mislukt,
        "bestanden": resultaat.bestanden,
    }
