"""The access log (after NEN 7513): who did what with whose dossier data, when, where and why.

Rows are only ever added. The application refuses to change or delete them, and on PostgreSQL a
trigger refuses it too (see migration 0002), so not even a direct UPDATE or DELETE gets through.
The subjects (household, traject, person) are stored as plain ids, not foreign keys: the log must
outlive, and never block, what it describes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Actie, Grondslag, Kanaal


class AppendOnlyError(Exception):
    pass


class Toegang(models.Model):
    moment = models.DateTimeField(_("moment"), default=timezone.now)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    gebruiker_naam = models.CharField(_("naam"), max_length=200, blank=True)
    namens = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens"),
        help_text=_("De gebruiker namens wie werd gehandeld, als dat een ander was."),
    )
    rol = models.CharField(_("rol"), max_length=100, blank=True)
    team = models.CharField(_("team"), max_length=200, blank=True)
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    pad = models.CharField(_("pagina of endpoint"), max_length=300, blank=True)
    grondslag = models.CharField(_("grondslag"), max_length=20, choices=Grondslag.choices)
    reden = models.CharField(_("reden"), max_length=300, blank=True)
    organisatie_id = models.BigIntegerField(
        _("organisatie"),
        null=True,
        blank=True,
        help_text=_("De organisatie wier dossiergegevens het betreft: haar privacyfunctionaris ziet de regel."),
    )
    huishouden_id = models.BigIntegerField(_("huishouden"), null=True, blank=True)
    traject_id = models.BigIntegerField(_("traject"), null=True, blank=True)
    dossiernummer = models.CharField(
        _("dossiernummer"),
        max_length=20,
        blank=True,
        help_text=_("Zodat de regel leesbaar blijft, ook als het dossier na de bewaartermijn is vernietigd."),
    )
    persoon_id = models.BigIntegerField(_("persoon"), null=True, blank=True)
    object_type = models.CharField(_("soort gegevens"), max_length=60, blank=True)
    object_id = models.CharField(_("id"), max_length=40, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("toegang")
        verbose_name_plural = _("toegangslog")
        ordering = ["-moment", "-pk"]
        indexes = [
            models.Index(fields=["organisatie_id", "-moment"]),
            models.Index(fields=["huishouden_id", "-moment"]),
            models.Index(fields=["traject_id", "-moment"]),
            models.Index(fields=["dossiernummer", "-moment"]),
            models.Index(fields=["gebruiker", "-moment"]),
            models.Index(fields=["-moment"]),
        ]

    def __str__(self) -> str:
        return f"{self.moment:%d-%m-%Y %H:%M} {self.gebruiker_naam} {self.get_actie_display()} {self.omschrijving}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Het toegangslog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Het toegangslog kan niet worden verwijderd.")
