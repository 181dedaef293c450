from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boks.accounts.models import Organisatie
from boks.dossiers.models import Persoon, Traject

from .choices import Beoordelaar, HerinneringSoort, HerinneringStatus, Kanaal, Variant


class Instellingen(models.Model):
    """An organisation's Wat Telt scale, rhythm and signal threshold."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="wattelt_instellingen", verbose_name=_("organisatie")
    )
    schaal_min = models.PositiveSmallIntegerField(
        _("laagste score"),
        default=1,
        validators=[MaxValueValidator(99)],
        help_text=_("Het laagste cijfer op de schuifbalk. Elke meting bewaart de schaal waarmee ze is gedaan."),
    )
    schaal_max = models.PositiveSmallIntegerField(
        _("hoogste score"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Het hoogste cijfer op de schuifbalk."),
    )
    interval_maanden = models.PositiveSmallIntegerField(
        _("maanden tussen twee rondes"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Na een meting is de volgende ronde zoveel maanden later aan de beurt, zolang het traject loopt."),
    )
    daling_signaal = models.PositiveSmallIntegerField(
        _("signaal bij een daling van"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Daalt de eigen score van de cliënt op een leefgebied met minstens zoveel punten ten opzichte van "
            "de vorige meting, dan krijgt de regisseur een bericht."
        ),
    )

    class Meta:
        verbose_name = _("Wat Telt-instellingen")
        verbose_name_plural = _("Wat Telt-instellingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(schaal_min__lt=F("schaal_max")),
                name="wattelt_schaal_oplopend",
                violation_error_message=_("De laagste score moet lager zijn dan de hoogste."),
            )
        ]

    def __str__(self) -> str:
        return f"Wat Telt {self.organisatie}"

    def clean(self) -> None:
        if self.schaal_min is not None and self.schaal_max is not None:
            if self.schaal_min >= self.schaal_max:
                raise ValidationError({"schaal_max": _("De hoogste score moet hoger zijn dan de laagste.")})
            if self.daling_signaal and self.daling_signaal > self.schaal_max - self.schaal_min:
                raise ValidationError({"daling_signaal": _("Zo'n grote daling past niet op de schaal.")})


class Leefgebied(models.Model):
    """An entry of an organisation's Wat Telt catalogue. Functioneel beheer renames, orders and
    switches entries off; scores keep pointing at them, so entries are never deleted."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="wattelt_leefgebieden", verbose_name=_("organisatie")
    )
    code = models.SlugField(
        _("code"),
        max_length=30,
        help_text=_(
            "Een vast kenmerk, bijvoorbeeld 'wonen'. Doelen in het gezinsplan met dezelfde code staan naast de "
            "grafiek van dit leefgebied. Kan na het aanmaken niet meer veranderen."
        ),
    )
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Zoals de cliënt het leefgebied te zien krijgt."))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Zet een leefgebied uit als het niet meer gekozen mag worden. Eerdere scores blijven bewaard."),
    )

    class Meta:
        verbose_name = _("leefgebied (Wat Telt)")
        verbose_name_plural = _("leefgebieden (Wat Telt)")
        ordering = ["organisatie", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "code"],
                name="wattelt_leefgebied_code_uniek",
                violation_error_message=_("Deze organisatie heeft al een leefgebied met deze code."),
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Meting(models.Model):
    """One client's Wat Telt in one round of a traject. The raters' scores may arrive at different
    moments (the client online, the worker afterwards); the scale travels with the meting."""

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="wattelt_metingen", verbose_name=_("traject")
    )
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="wattelt_metingen", verbose_name=_("cliënt")
    )
    ronde = models.PositiveSmallIntegerField(
        _("ronde"), help_text=_("De hoeveelste Wat Telt-ronde van dit traject; gezinsleden in één ronde delen hem.")
    )
    datum = models.DateField(_("datum"))
    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices)
    gesprek_nummer = models.PositiveSmallIntegerField(
        _("gesprek"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Het hoeveelste gesprek na de kennismaking dit was."),
    )
    leefgebieden = models.ManyToManyField(
        Leefgebied,
        related_name="metingen",
        verbose_name=_("gekozen leefgebieden"),
        help_text=_("De leefgebieden die de cliënt belangrijk vindt; alleen die krijgen een score."),
    )
    schaal_min = models.PositiveSmallIntegerField(_("laagste score"))
    schaal_max = models.PositiveSmallIntegerField(_("hoogste score"))
    algemene_score = models.PositiveSmallIntegerField(
        _("algemene score"),
        null=True,
        blank=True,
        help_text=_("Het cijfer dat de cliënt geeft voor de huidige fase van zijn of haar leven."),
    )
    derde_naam = models.CharField(_("naam van de derde"), max_length=100, blank=True)
    derde_relatie = models.CharField(
        _("relatie van de derde"), max_length=100, blank=True, help_text=_("Bijvoorbeeld 'zus' of 'huisarts'.")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    volgende_ronde_op = models.DateField(
        _("volgende ronde op"), help_text=_("De datum plus het aantal maanden tussen twee rondes.")
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingevoerd door")
    )
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    aangemaakt_op = models.DateTimeField(_("ingevoerd op"), default=timezone.now)
    sleutel = models.UUIDField(
        _("sleutel"),
        unique=True,
        help_text=_("Komt hetzelfde formulier of verzoek twee keer binnen, dan blijft het één meting."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Wat Telt-meting")
        verbose_name_plural = _("Wat Telt-metingen")
        ordering = ["datum", "ronde", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(schaal_min__lt=F("schaal_max")), name="wattelt_meting_schaal_oplopend"),
            models.CheckConstraint(
                condition=Q(algemene_score__isnull=True)
                | Q(algemene_score__gte=F("schaal_min"), algemene_score__lte=F("schaal_max")),
                name="wattelt_algemene_score_op_schaal",
            ),
        ]
        indexes = [
            models.Index(fields=["traject", "-ronde", "volgende_ronde_op"], name="wattelt_meting_ronde_idx"),
            models.Index(fields=["persoon", "datum"], name="wattelt_meting_persoon_idx"),
            models.Index(fields=["datum"], name="wattelt_meting_datum_idx"),
        ]

    def __str__(self) -> str:
        return f"Wat Telt {self.datum:%d-%m-%Y} ronde {self.ronde}"


class Score(models.Model):
    meting = models.ForeignKey(Meting, on_delete=models.CASCADE, related_name="scores", verbose_name=_("meting"))
    leefgebied = models.ForeignKey(
        Leefgebied, on_delete=models.PROTECT, related_name="scores", verbose_name=_("leefgebied")
    )
    beoordelaar = models.CharField(_("wie geeft de score"), max_length=20, choices=Beoordelaar.choices)
    waarde = models.PositiveSmallIntegerField(_("score"))
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingevoerd door")
    )
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    ingevoerd_op = models.DateTimeField(_("ingevoerd op"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Wat Telt-score")
        verbose_name_plural = _("Wat Telt-scores")
        ordering = ["meting", "leefgebied__volgorde", "beoordelaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["meting", "leefgebied", "beoordelaar"],
                name="wattelt_een_score_per_beoordelaar",
                violation_error_message=_("Deze score is al gegeven."),
            )
        ]
        indexes = [models.Index(fields=["leefgebied", "beoordelaar"], name="wattelt_score_leefgebied_idx")]

    def __str__(self) -> str:
        return f"{self.leefgebied}: {self.waarde} ({self.get_beoordelaar_display()})"


class Herinnering(models.Model):
    """A reminder that is due: one row per round and kind, unique, so a sweep that runs twice (or
    at the same time, or again after a crash) plans it once. The sweep claims pending rows with
    SKIP LOCKED and writes the messages in the same transaction that marks the row sent."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="wattelt_herinneringen", verbose_name=_("traject")
    )
    ronde = models.PositiveSmallIntegerField(_("ronde"))
    soort = models.CharField(_("soort"), max_length=20, choices=HerinneringSoort.choices)
    vervaldatum = models.DateField(_("uiterlijk op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=HerinneringStatus.choices, default=HerinneringStatus.GEPLAND
    )
    aangemaakt_op = models.DateTimeField(_("gepland op"), default=timezone.now)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("Wat Telt-herinnering")
        verbose_name_plural = _("Wat Telt-herinneringen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "ronde", "soort"], name="wattelt_een_herinnering_per_ronde")
        ]
        indexes = [
            models.Index(
                fields=["id"], condition=Q(status=HerinneringStatus.GEPLAND), name="wattelt_herinnering_open_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.traject_id} ronde {self.ronde}: {self.get_soort_display()}"
