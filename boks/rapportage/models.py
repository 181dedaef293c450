from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.accounts.models import Organisatie


class Instellingen(models.Model):
    """An organisation's reporting settings."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="rapportage_instellingen", verbose_name=_("organisatie")
    )
    minimum_aantal = models.PositiveSmallIntegerField(
        _("kleinste getoonde aantal"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Buiten het eigen team toont BOKS een cijfer dat op minder trajecten of cliënten rust niet "
            "(het wordt '< n'), zodat niemand herkenbaar is. Nul blijft zichtbaar."
        ),
    )

    class Meta:
        verbose_name = _("rapportage-instellingen")
        verbose_name_plural = _("rapportage-instellingen")

    def __str__(self) -> str:
        return f"Rapportage {self.organisatie}"


class Vaststelling(models.Model):
    """The figures of a quarter's or a year's report as they were published: frozen with their
    peildatum, who and when. A row is never changed or removed (the model refuses it, and on
    PostgreSQL a trigger refuses it too); recomputing shows the differences beside it. A correction
    after publication is a new version with its reason; earlier versions stay."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="vaststellingen", verbose_name=_("organisatie")
    )
    periode = models.CharField(_("periode"), max_length=10, help_text=_("Bijvoorbeeld 2026-K1 of 2026."))
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))
    peildatum = models.DateField(
        _("peildatum"),
        help_text=_("De dag waarop de cijfers uit de registratie zijn genomen: latere wijzigingen tellen niet mee."),
    )
    cijfers = models.JSONField(_("cijfers"), help_text=_("De tabellen van het rapport, onafgerond en niet onderdrukt."))
    toelichting = models.TextField(
        _("toelichting"), blank=True, help_text=_("Bij een nieuwe versie: waarom de cijfers opnieuw zijn vastgesteld.")
    )
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgesteld door")
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), default=timezone.now)

    class Meta:
        verbose_name = _("vastgesteld rapport")
        verbose_name_plural = _("vastgestelde rapporten")
        ordering = ["organisatie", "-periode", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "periode", "versie"], name="een_vaststelling_per_periode_en_versie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} {self.periode} (versie {self.versie})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(
                _("Een vastgesteld rapport verandert niet meer. Stel zo nodig een nieuwe versie vast.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Een vastgesteld rapport blijft bewaard."))
