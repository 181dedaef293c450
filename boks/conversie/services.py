"""Running a conversion: read the files, validate everything, then write in one transaction (a dry
run rolls it back, so its counts are exactly what a commit would do). The command and the beheer
pages (through a Celery task) both come here."""

import datetime
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization

from . import rapport, schrijven
from .choices import RunStatus, RunWijze
from .models import Conversierun
from .valideren import Validatie, valideer

Voortgang = Callable[[float, str], None]
MAX_ZIP_BYTES = 500 * 1024 * 1024
# An uploaded ZIP holds the old system's personal data: it goes once imported, or after this long.
BEWAAR_ZIP = datetime.timedelta(days=14)


class Mislukt(Exception):
    """The conversion stopped; nothing was written."""


def bestanden_uit_map(map_: Path) -> dict[str, bytes]:
    return {pad.name: pad.read_bytes() for pad in sorted(map_.iterdir()) if pad.is_file()}


def bestanden_uit_zip(data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archief:
            leden = [lid for lid in archief.infolist() if not lid.is_dir()]
            if sum(lid.file_size for lid in leden) > MAX_ZIP_BYTES:
                raise Mislukt(_("Het ZIP-bestand is uitgepakt groter dan 500 MB."))
            return {lid.filename: archief.read(lid) for lid in leden}
    except (zipfile.BadZipFile, EOFError) as fout:
        raise Mislukt(_("Dit is geen (volledig) ZIP-bestand.")) from fout


def voer_uit(
    bestanden: dict[str, bytes],
    *,
    organisatie,
    bron: str,
    actor,
    inlezen: bool,
    run: Conversierun | None = None,
    voortgang: Voortgang | None = None,
) -> Validatie:
    """Validates and writes; `inlezen=False` is the dry run. A file that cannot be read whole
    blocks the import; rejected rows (and the rows that hang under them) are left out."""
    meld = voortgang or (lambda _fractie, _stap: None)
    validatie = valideer(
        bestanden, organisatie_id=organisatie.pk, bron=bron, voortgang=lambda f, stap: meld(f * 0.4, stap)
    )
    if inlezen and not validatie.kan_inlezen:
        return validatie
    with transaction.atomic():
        schrijven.schrijf(
            validatie,
            organisatie=organisatie,
            bron=bron,
            actor=actor,
            run=run,
            voortgang=lambda f, stap: meld(0.4 + f * 0.6, stap),
        )
        if not inlezen:
            transaction.set_rollback(True)
    return validatie


# The beheer pages: a run per upload, done by a Celery task, with progress in the cache because the
# run's own row is inside the task's transaction until it is done.


def _voortgang_sleutel(run_id: int) -> str:
    return f"conversie:voortgang:{run_id}"


def voortgang_van(run: Conversierun) -> tuple[int, str]:
    if run.bezig:
        return cache.get(_voortgang_sleutel(run.pk), (run.voortgang, run.stap))
    return run.voortgang, run.stap


def start(*, actor, run: Conversierun) -> Conversierun:
    """Saves an uploaded run (organisation, source name, ZIP) as a dry run and hands it to a task."""
    if not authorization.can_manage_organisation(actor, run.organisatie):
        raise PermissionDenied(_("Alleen functioneel beheer van de organisatie start een conversie."))
    run.wijze, run.status, run.gestart_door = RunWijze.PROEF, RunStatus.WACHTEND, actor
    run.bron = run.bron.strip() or "oud-systeem"
    run.full_clean()
    run.save()
    _plan(run)
    return run


def inlezen(*, actor, proefrun: Conversierun) -> Conversierun:
    """Imports the files of a finished dry run for real."""
    if not authorization.can_manage_organisation(actor, proefrun.organisatie):
        raise PermissionDenied(_("Alleen functioneel beheer van de organisatie start een conversie."))
    if proefrun.wijze != RunWijze.PROEF or proefrun.status != RunStatus.KLAAR or not proefrun.kan_inlezen:
        raise ValidationError(_("Lees pas in na een proefrun die klaar is en waarin elk bestand kon worden gelezen."))
    if not proefrun.bestand:
        raise ValidationError(_("Het ZIP-bestand van deze proefrun is al verwijderd. Upload het opnieuw."))
    run = Conversierun.objects.create(
        organisatie=proefrun.organisatie,
        bron=proefrun.bron,
        bestand=proefrun.bestand.name,
        wijze=RunWijze.INLEZEN,
        gestart_door=actor,
    )
    _plan(run)
    return run


def _plan(run: Conversierun) -> None:
    from .tasks import verwerk

    transaction.on_commit(lambda: verwerk.delay(run.pk))


def verwerk(run_id: int) -> None:
    """The task's work: runs the conversion and stores counts, rejections and the outcome."""
    run = Conversierun.objects.select_related("organisatie", "gestart_door").get(pk=run_id)
    if not run.bezig:
        return
    Conversierun.objects.filter(pk=run.pk).update(status=RunStatus.BEZIG)

    def voortgang(fractie: float, stap: str) -> None:
        cache.set(_voortgang_sleutel(run.pk), (int(fractie * 100), stap), 3600)

    inlezen_ = run.wijze == RunWijze.INLEZEN
    try:
        with run.bestand.open("rb") as archief:
            bestanden = bestanden_uit_zip(archief.read())
        validatie = voer_uit(
            bestanden,
            organisatie=run.organisatie,
            bron=run.bron,
            actor=run.gestart_door,
            inlezen=inlezen_,
            run=run if inlezen_ else None,
            voortgang=voortgang,
        )
    except (Mislukt, DatabaseError) as fout:
        run.status, run.melding = RunStatus.MISLUKT, str(fout)
    except Exception:
        # Whatever else went wrong, the transaction is rolled back: say so on the page, then fail loudly.
        Conversierun.objects.filter(pk=run.pk).update(
            status=RunStatus.MISLUKT, melding=_("Onverwachte fout; niets ingelezen."), klaar_op=timezone.now()
        )
        raise
    else:
        run.aantallen = {soort: aantallen.as_dict() for soort, aantallen in validatie.aantallen.items()}
        run.fouten = [fout.as_dict() for fout in validatie.fouten[: rapport.MAX_FOUTEN]]
        run.aantal_fouten = len(validatie.fouten)
        run.kan_inlezen = validatie.kan_inlezen
        if inlezen_ and not validatie.kan_inlezen:
            run.status = RunStatus.MISLUKT
            run.melding = _("Niets ingelezen: een bestand kon niet helemaal worden gelezen. Zie de meldingen.")
        else:
            run.status = RunStatus.KLAAR
    run.voortgang, run.stap, run.klaar_op = 100, "", timezone.now()
    run.save()
    cache.delete(_voortgang_sleutel(run.pk))
    if inlezen_ and run.status == RunStatus.KLAAR:
        verwijder_bestand(run.bestand.name)


def verwijder_bestand(naam: str) -> None:
    """Removes an uploaded ZIP from storage and from every run that used it (the dry run and the
    import share it); their reports stay."""
    if not naam:
        return
    Conversierun.objects.filter(bestand=naam).update(bestand="")
    storage = Conversierun._meta.get_field("bestand").storage
    transaction.on_commit(lambda: storage.delete(naam))


def ruim_oude_bestanden_op() -> int:
    """Removes the ZIPs of runs older than BEWAAR_ZIP that no newer run still uses; returns how many."""
    grens = timezone.now() - BEWAAR_ZIP
    in_gebruik = set(Conversierun.objects.filter(aangemaakt_op__gte=grens).values_list("bestand", flat=True))
    oud = set(
        Conversierun.objects.filter(aangemaakt_op__lt=grens).exclude(bestand="").values_list("bestand", flat=True)
    )
    weg = sorted(oud - in_gebruik)
    for naam in weg:
        verwijder_bestand(naam)
    return len(weg)


def rapport_html(run: Conversierun) -> str:
    return rapport.als_html(
        titel=_("Conversierapport: %(run)s") % {"run": run},
        aantallen=run.aantallen,
        fouten=run.fouten,
        aantal_fouten=run.aantal_fouten,
        inlezen=run.wijze == RunWijze.INLEZEN,
        melding=run.melding,
    )


def rapport_csv(run: Conversierun) -> str:
    return rapport.als_csv(aantallen=run.aantallen, fouten=run.fouten, inlezen=run.wijze == RunWijze.INLEZEN)
