from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boks.accounts.models import Organisatie

from .choices import Codelijst, RunStatus, RunWijze


class Conversierun(models.Model):
    """One trial (dry run) or real import of a ZIP of CSV files, with its progress and report."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="conversieruns", verbose_name=_("organisatie")
    )
    bron = models.CharField(
        _("bron"),
        max_length=50,
        default="oud-systeem",
        help_text=_(
            "De naam van het oude systeem. Samen met de legacy-id's herkent BOKS bij een volgende run wat al "
            "is ingelezen."
        ),
    )
    bestand = models.FileField(
        _("ZIP-bestand"),
        upload_to="conversie/",
        blank=True,
        help_text=_("Verwijderd zodra het is ingelezen, en anders na twee weken."),
    )
    wijze = models.CharField(_("soort run"), max_length=20, choices=RunWijze.choices, default=RunWijze.PROEF)
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.WACHTEND)
    voortgang = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    stap = models.CharField(_("bezig met"), max_length=200, blank=True)
    aantallen = models.JSONField(_("aantallen per bestand"), default=dict, blank=True)
    fouten = models.JSONField(_("afgekeurde regels"), default=list, blank=True)
    aantal_fouten = models.PositiveIntegerField(_("aantal afgekeurde regels"), default=0)
    melding = models.TextField(_("melding"), blank=True)
    kan_inlezen = models.BooleanField(
        _("kan worden ingelezen"), default=False, help_text=_("Elk bestand kon helemaal worden gelezen.")
    )
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gestart door")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversierun")
        verbose_name_plural = _("conversieruns")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_wijze_display()} {self.organisatie} {timezone.localtime(self.aangemaakt_op):%d-%m-%Y %H:%M}"

    @property
    def bezig(self) -> bool:
        return self.status in {RunStatus.WACHTEND, RunStatus.BEZIG}


class Codekoppeling(models.Model):
    """Functioneel beheer maps a code of the old system to a BOKS code; an unmapped code is reported,
    never guessed."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="codekoppelingen", verbose_name=_("organisatie")
    )
    codelijst = models.CharField(_("codelijst"), max_length=30, choices=Codelijst.choices)
    oude_code = models.CharField(_("code in het oude systeem"), max_length=100)
    boks_code = models.CharField(
        _("code in BOKS"),
        max_length=200,
        help_text=_("De code uit de codelijst in docs/conversie.md; bij 'team' de naam van het team in BOKS."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("codekoppeling")
        verbose_name_plural = _("codekoppelingen")
        ordering = ["organisatie", "codelijst", "oude_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "codelijst", "oude_code"],
                name="codekoppeling_uniek",
                violation_error_message=_("Voor deze code in deze codelijst is al een koppeling."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_codelijst_display()}: {self.oude_code} → {self.boks_code}"

    def clean(self) -> None:
        from .formaat import geldige_codes

        if not self.organisatie_id or not self.codelijst:
            return
        geldig = geldige_codes(self.codelijst, self.organisatie_id)
        if self.boks_code not in geldig:
            raise ValidationError(
                {
                    "boks_code": _("Dit is geen code uit de codelijst. Kies uit: %(codes)s")
                    % {"codes": ", ".join(sorted(geldig))}
                }
            )


class Herkomst(models.Model):
    """Where an imported object came from: its source system, file and legacy id. A second run finds
    the object again through this row, so nothing is imported twice."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    bron = models.CharField(_("bron"), max_length=50)
    soort = models.CharField(_("bestand"), max_length=30)
    legacy_id = models.CharField(_("legacy-id"), max_length=100)
    object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # A generic relation, so destroying a dossier (privacy) takes its herkomst rows with it.
    object = GenericForeignKey("object_type", "object_id")
    run = models.ForeignKey(
        Conversierun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("run")
    )
    ingelezen_op = models.DateTimeField(_("ingelezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("herkomst")
        verbose_name_plural = _("herkomst van ingelezen gegevens")
        ordering = ["organisatie", "bron", "soort", "legacy_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "bron", "soort", "legacy_id"], name="herkomst_uniek")
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.bron}/{self.soort}/{self.legacy_id}"
