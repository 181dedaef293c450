"""What clients and workers exchange besides the plan: documents (uploaded files and texts written in
BOKS, each save a new version), questionnaires the organisation sets and clients fill in, and links
to e-health and offers in the neighbourhood."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boks.accounts.models import Organisatie, Team
from boks.dossiers.models import Huishouden, Persoon, Traject

from .choices import DocumentSoort, Moment, VraagSoort, Zichtbaarheid


class Document(models.Model):
    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.PROTECT, related_name="documenten", verbose_name=_("huishouden")
    )
    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="documenten", null=True, blank=True, verbose_name=_("traject")
    )
    titel = models.CharField(_("titel"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=DocumentSoort.choices)
    zichtbaarheid = models.CharField(
        _("wie mag het zien"), max_length=20, choices=Zichtbaarheid.choices, default=Zichtbaarheid.PERSONEN
    )
    betreft = models.ManyToManyField(
        Persoon,
        blank=True,
        related_name="+",
        verbose_name=_("voor wie"),
        help_text=_("Bij 'alleen de gekozen personen': wie het mogen zien (bij een kind ook de ouders met gezag)."),
    )
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)
    verwijderd_op = models.DateTimeField(
        null=True, blank=True, help_text=_("Verwijderde documenten verdwijnen uit beeld, maar blijven bewaard.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-gewijzigd_op", "-pk"]
        indexes = [models.Index(fields=["huishouden", "-gewijzigd_op"])]

    def __str__(self) -> str:
        return self.titel


class DocumentVersie(models.Model):
    """One saved state of a document: the uploaded file, or the text as it was saved."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField(_("versie"))
    bestand = models.FileField(_("bestand"), upload_to="documenten/%Y/%m/", blank=True)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    inhoudstype = models.CharField(_("soort inhoud"), max_length=120, blank=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    tekst = models.TextField(_("tekst"), blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("versie van een document")
        verbose_name_plural = _("versies van documenten")
        ordering = ["document", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["document", "nummer"], name="documentversie_uniek")]

    def __str__(self) -> str:
        return f"{self.document} v{self.nummer}"


class Vragenlijst(models.Model):
    """A questionnaire an organisation offers in the portal, e.g. on the quality of the help or the
    klantwaardering at closing."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="vragenlijsten", verbose_name=_("organisatie")
    )
    titel = models.CharField(_("titel"), max_length=200)
    uitleg = models.TextField(_("uitleg voor de cliënt"), blank=True)
    moment = models.CharField(_("wanneer"), max_length=20, choices=Moment.choices, default=Moment.ALTIJD)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["organisatie", "titel"]

    def __str__(self) -> str:
        return self.titel


class Vraag(models.Model):
    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.CASCADE, related_name="vragen")
    tekst = models.CharField(_("vraag"), max_length=300)
    soort = models.CharField(_("soort"), max_length=20, choices=VraagSoort.choices, default=VraagSoort.OPEN)
    keuzes = models.TextField(_("keuzes"), blank=True, help_text=_("Bij een keuzevraag: één keuze per regel."))
    verplicht = models.BooleanField(_("verplicht"), default=False)
    is_rapportcijfer = models.BooleanField(
        _("is het rapportcijfer"),
        default=False,
        help_text=_("Het cijfer komt als rapportcijfer bij het traject, als de medewerker er nog geen vastlegde."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["vragenlijst", "volgorde", "pk"]

    def __str__(self) -> str:
        return self.tekst

    @property
    def keuzelijst(self) -> list[str]:
        return [line.strip() for line in self.keuzes.splitlines() if line.strip()]


class Invulling(models.Model):
    """A client's answers to a questionnaire; the questions are copied with the answers, so a later
    change of the questionnaire does not change what was answered."""

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.PROTECT, related_name="invullingen")
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="vragenlijst_invullingen")
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, related_name="+")
    ingevuld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ingevuld_op = models.DateTimeField(default=timezone.now)
    antwoorden = models.JSONField(_("antwoorden"), default=list)
    sleutel = models.CharField(max_length=64, unique=True, help_text=_("Maakt dubbel versturen onschadelijk."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ingevulde vragenlijst")
        verbose_name_plural = _("ingevulde vragenlijsten")
        ordering = ["-ingevuld_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.vragenlijst} ({self.ingevuld_op:%d-%m-%Y})"


class Link(models.Model):
    """A curated external link: for a whole organisation, one team, or one household."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="links", verbose_name=_("organisatie")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="links", verbose_name=_("alleen voor team")
    )
    huishouden = models.ForeignKey(
        Huishouden,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("alleen voor huishouden"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("adres"), max_length=500)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["titel"]

    def __str__(self) -> str:
        return self.titel
