"""The gezinsplan: one plan per traject, agreed in versions.

A version (PlanVersie) holds the plan's wording as agreed with the family; an earlier version is
read-only. Goals and agreements have an identity that lasts across versions (Doel, Afspraak) and
carries their progress — status, scores over time, done or not — while each version holds how they
were worded then (PlanDoel, PlanAfspraak). So a new version keeps every score, and two versions
can be compared goal by goal.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boks.accounts.models import Organisatie
from boks.dossiers.choices import Leefgebied
from boks.dossiers.models import Persoon, Traject

from .choices import (
    AfspraakStatus,
    Beoordelaar,
    DoelStatus,
    Herkomst,
    InstemmingWijze,
    RegieBij,
    VeiligheidOordeel,
    VersieStatus,
    VoorstelStatus,
    WieSoort,
)


class Instellingen(models.Model):
    """An organisation's settings for plans: the score range and how often plans are evaluated."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="gezinsplan_instellingen", verbose_name=_("organisatie")
    )
    schaal_min = models.SmallIntegerField(_("laagste score"), default=0)
    schaal_max = models.SmallIntegerField(_("hoogste score"), default=10)
    evaluatie_interval_maanden = models.PositiveSmallIntegerField(
        _("evalueren elke (maanden)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Na het vaststellen en na elke evaluatie plant BOKS de volgende evaluatie zo ver vooruit."),
    )
    max_schaalvragen_per_doel = models.PositiveSmallIntegerField(
        _("schaalvragen per doel (hoogstens)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Weinig schaalvragen houden de doelen zichtbaar."),
    )

    class Meta:
        verbose_name = _("instellingen gezinsplan")
        verbose_name_plural = _("instellingen gezinsplan")
        constraints = [
            models.CheckConstraint(condition=Q(schaal_min__lt=models.F("schaal_max")), name="plan_schaal_oplopend")
        ]

    def __str__(self) -> str:
        return f"Gezinsplan {self.organisatie}"


class PlanSjabloon(models.Model):
    """A plan format an organisation uses, e.g. the standard plan, one for jongeren or for gescheiden
    ouders. Every change is kept as a SjabloonVersie, and each plan version records the one it used."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="plansjablonen", verbose_name=_("organisatie")
    )
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Bijvoorbeeld 'Gezinsplan' of 'Plan jongeren'."))
    standaard = models.BooleanField(
        _("standaard"), default=False, help_text=_("Het sjabloon dat een nieuw plan krijgt als niemand iets kiest.")
    )
    actief = models.BooleanField(_("actief"), default=True)
    toelichting_vraagverheldering = models.TextField(_("toelichting vraagverheldering"), blank=True)
    toelichting_doelen = models.TextField(_("toelichting doelen"), blank=True)
    toelichting_afspraken = models.TextField(_("toelichting afspraken"), blank=True)
    toelichting_netwerk = models.TextField(_("toelichting netwerk"), blank=True)
    toelichting_regie = models.TextField(_("toelichting regie"), blank=True)
    toelichting_veiligheid = models.TextField(_("toelichting veiligheid"), blank=True)
    toelichting_afwegingen = models.TextField(_("toelichting afwegingen"), blank=True)
    toelichting_evaluatie = models.TextField(_("toelichting evaluatie"), blank=True)
    veiligheidsvragen = models.TextField(
        _("vragen veiligheid"),
        blank=True,
        help_text=_("Eén vraag per regel; te beantwoorden met ja, nee of weet niet."),
    )
    evaluatievragen = models.TextField(
        _("vragen bij de evaluatie"),
        blank=True,
        help_text=_("Eén vraag per regel, over de kwaliteit en het effect van de hulp en de samenwerking."),
    )

    class Meta:
        verbose_name = _("plansjabloon")
        verbose_name_plural = _("plansjablonen")
        ordering = ["organisatie", "-standaard", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"], name="plansjabloon_naam_uniek"),
            models.UniqueConstraint(
                fields=["organisatie"], condition=Q(standaard=True), name="een_standaard_plansjabloon"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class SjabloonVersie(models.Model):
    """A frozen copy of a template's content, as a plan version used it."""

    sjabloon = models.ForeignKey(PlanSjabloon, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField(_("versie"))
    inhoud = models.JSONField(_("inhoud"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("versie van een plansjabloon")
        verbose_name_plural = _("versies van plansjablonen")
        ordering = ["sjabloon", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["sjabloon", "nummer"], name="sjabloonversie_uniek")]

    def __str__(self) -> str:
        return f"{self.sjabloon} v{self.nummer}"

    def toelichting(self, section: str) -> str:
        return self.inhoud.get("toelichting", {}).get(section, "")

    @property
    def veiligheidsvragen(self) -> list[str]:
        return self.inhoud.get("veiligheidsvragen", [])

    @property
    def evaluatievragen(self) -> list[str]:
        return self.inhoud.get("evaluatievragen", [])


class Gezinsplan(models.Model):
    traject = models.OneToOneField(
        Traject, on_delete=models.PROTECT, related_name="gezinsplan", verbose_name=_("traject")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    volgende_evaluatie_op = models.DateField(
        _("volgende evaluatie"),
        null=True,
        blank=True,
        help_text=_("Na het vaststellen en na elke evaluatie gepland volgens de instellingen van de organisatie."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")
        indexes = [models.Index(fields=["volgende_evaluatie_op"])]

    def __str__(self) -> str:
        return f"Gezinsplan {self.traject.dossiernummer}"


class PlanVersie(models.Model):
    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="versies", verbose_name=_("plan"))
    nummer = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=20, choices=VersieStatus.choices, default=VersieStatus.CONCEPT)
    sjabloon_versie = models.ForeignKey(
        SjabloonVersie, on_delete=models.PROTECT, related_name="+", verbose_name=_("sjabloon")
    )
    vraagverheldering = models.TextField(
        _("vraagverheldering"), blank=True, help_text=_("De vraag van het gezin, in hun eigen woorden.")
    )
    visie_client = models.TextField(
        _("zo kijkt het gezin er zelf naar"),
        blank=True,
        help_text=_("Het eigen oordeel van het gezin; staat naast de afwegingen van de professionals."),
    )
    regie_bij = models.CharField(
        _("regie ligt bij"), max_length=20, choices=RegieBij.choices, default=RegieBij.BUURTTEAM
    )
    regie_naam = models.CharField(_("naam regisseur buiten het buurtteam"), max_length=200, blank=True)
    regie_organisatie = models.CharField(
        _("organisatie"), max_length=200, blank=True, help_text=_("Bijvoorbeeld 'SAVE (Samen Veilig)'.")
    )
    veiligheid_oordeel = models.CharField(
        _("veiligheid"), max_length=20, choices=VeiligheidOordeel.choices, default=VeiligheidOordeel.ONBEKEND
    )
    veiligheid_toelichting = models.TextField(
        _("veiligheidsafspraken en toelichting"), blank=True, help_text=_("Wat spreken jullie af over veiligheid?")
    )
    veiligheid_antwoorden = models.JSONField(_("antwoorden veiligheidsvragen"), default=dict, blank=True)
    wijzigingen = models.TextField(
        _("wat is er veranderd?"), blank=True, help_text=_("Kort, voor het gezin: waarom deze nieuwe versie?")
    )
    versie = models.PositiveIntegerField(default=1, help_text=_("Telt op bij elke wijziging (optimistic locking)."))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangemaakt door")
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gewijzigd door")
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    instemming_van = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingestemd door"),
        help_text=_("Het gezinslid dat met het plan heeft ingestemd."),
    )
    instemming_op = models.DateField(_("ingestemd op"), null=True, blank=True)
    instemming_wijze = models.CharField(_("hoe ingestemd"), max_length=20, choices=InstemmingWijze.choices, blank=True)

    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    class Meta:
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        ordering = ["plan", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_nummer_uniek"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status=VersieStatus.CONCEPT), name="een_concept_per_plan"
            ),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status=VersieStatus.VASTGESTELD), name="een_vastgestelde_versie_per_plan"
            ),
            models.CheckConstraint(
                condition=Q(status=VersieStatus.CONCEPT) | Q(vastgesteld_op__isnull=False, instemming_op__isnull=False),
                name="vastgestelde_versie_heeft_instemming",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} versie {self.nummer}"

    @property
    def is_concept(self) -> bool:
        return self.status == VersieStatus.CONCEPT


class Doel(models.Model):
    """A goal's identity and progress across the plan's versions; its wording lives in PlanDoel."""

    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="doelen", verbose_name=_("plan"))
    status = models.CharField(_("status"), max_length=20, choices=DoelStatus.choices, default=DoelStatus.ACTIEF)
    status_sinds = models.DateField(_("status sinds"), default=timezone.localdate)
    herkomst = models.CharField(_("herkomst"), max_length=20, choices=Herkomst.choices, default=Herkomst.MEDEWERKER)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    contactmomenten = models.ManyToManyField(
        "dossiers.Contactmoment",
        blank=True,
        related_name="doelen",
        verbose_name=_("contactmomenten"),
        help_text=_("Contactmomenten in het journaal die over dit doel gingen."),
    )

    history = HistoricalRecords(m2m_fields=[contactmomenten])

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Doel {self.pk}"


class PlanDoel(models.Model):
    """A goal as worded in one plan version."""

    versie = models.ForeignKey(PlanVersie, on_delete=models.CASCADE, related_name="doelen", verbose_name=_("versie"))
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, related_name="formuleringen", verbose_name=_("doel"))
    omschrijving = models.TextField(_("doel"), help_text=_("In de woorden van het gezin."))
    leefgebied = models.CharField(_("leefgebied"), max_length=30, choices=Leefgebied.choices, blank=True)
    prioriteit = models.PositiveSmallIntegerField(_("volgorde"), default=1, help_text=_("1 is het belangrijkste."))
    eigenaren = models.ManyToManyField(Persoon, blank=True, related_name="+", verbose_name=_("van wie is dit doel?"))
    versie_teller = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doel in een planversie")
        verbose_name_plural = _("doelen in een planversie")
        ordering = ["versie", "prioriteit", "pk"]
        constraints = [models.UniqueConstraint(fields=["versie", "doel"], name="doel_eenmaal_per_versie")]

    def __str__(self) -> str:
        return self.omschrijving[:60]

    @property
    def status(self) -> str:
        return self.doel.status

    def get_status_display(self) -> str:
        return self.doel.get_status_display()


class Schaalvraag(models.Model):
    """A scale question tied to a goal ("hoe vaak ga je naar school?"); only a few per goal."""

    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="schaalvragen", verbose_name=_("doel"))
    vraag = models.CharField(_("schaalvraag"), max_length=300)
    betekenis_laag = models.CharField(
        _("laagste score betekent"), max_length=150, blank=True, help_text=_("Bijvoorbeeld 'het lukt helemaal niet'.")
    )
    betekenis_hoog = models.CharField(
        _("hoogste score betekent"), max_length=150, blank=True, help_text=_("Bijvoorbeeld 'het lukt elke dag'.")
    )
    volgorde = models.PositiveSmallIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("schaalvraag")
        verbose_name_plural = _("schaalvragen")
        ordering = ["doel", "volgorde", "pk"]

    def __str__(self) -> str:
        return self.vraag


class Score(models.Model):
    """A score on a scale question, given on a date by a named rater. The scale is stored with it, so
    scores stay comparable when the organisation changes its range."""

    schaalvraag = models.ForeignKey(
        Schaalvraag, on_delete=models.CASCADE, related_name="scores", verbose_name=_("schaalvraag")
    )
    datum = models.DateField(_("datum"))
    beoordelaar = models.CharField(_("wie geeft de score"), max_length=20, choices=Beoordelaar.choices)
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("gezinslid")
    )
    beoordelaar_naam = models.CharField(_("naam"), max_length=200, blank=True)
    waarde = models.SmallIntegerField(_("score"))
    schaal_min = models.SmallIntegerField()
    schaal_max = models.SmallIntegerField()
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["schaalvraag", "datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(waarde__gte=models.F("schaal_min"), waarde__lte=models.F("schaal_max")),
                name="score_binnen_schaal",
            )
        ]
        indexes = [models.Index(fields=["schaalvraag", "datum"])]

    def __str__(self) -> str:
        return f"{self.waarde} ({self.datum})"


class Afspraak(models.Model):
    """An agreement's identity and progress across versions; its wording lives in PlanAfspraak."""

    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="afspraken", verbose_name=_("plan"))
    status = models.CharField(_("status"), max_length=20, choices=AfspraakStatus.choices, default=AfspraakStatus.OPEN)
    status_sinds = models.DateTimeField(_("status sinds"), default=timezone.now)
    status_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    te_laat_gemeld_voor = models.DateField(
        null=True, blank=True, help_text=_("De termijn waarvoor 'te laat' al op de tijdlijn staat.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Afspraak {self.pk}"


class PlanAfspraak(models.Model):
    versie = models.ForeignKey(PlanVersie, on_delete=models.CASCADE, related_name="afspraken", verbose_name=_("versie"))
    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.PROTECT, related_name="formuleringen", verbose_name=_("afspraak")
    )
    doel = models.ForeignKey(
        Doel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_afspraken",
        verbose_name=_("bij doel"),
    )
    wat = models.TextField(_("wat"), help_text=_("Wat gaat er gebeuren?"))
    wie_soort = models.CharField(_("wie"), max_length=20, choices=WieSoort.choices)
    wie_persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("gezinslid")
    )
    wie_naam = models.CharField(
        _("naam"), max_length=200, blank=True, help_text=_("De naam van wie het doet, als het geen gezinslid is.")
    )
    uiterlijk_op = models.DateField(_("uiterlijk op"), null=True, blank=True)
    versie_teller = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afspraak in een planversie")
        verbose_name_plural = _("afspraken in een planversie")
        ordering = ["versie", "uiterlijk_op", "pk"]
        constraints = [models.UniqueConstraint(fields=["versie", "afspraak"], name="afspraak_eenmaal_per_versie")]
        indexes = [models.Index(fields=["versie", "uiterlijk_op"])]

    def __str__(self) -> str:
        return self.wat[:60]

    @property
    def wie(self) -> str:
        if self.wie_persoon_id:
            return self.wie_persoon.voornaam
        return self.wie_naam or self.get_wie_soort_display()


class NetwerkLid(models.Model):
    """An important other in the family's network (belangrijke anderen)."""

    versie = models.ForeignKey(PlanVersie, on_delete=models.CASCADE, related_name="netwerk", verbose_name=_("versie"))
    sleutel = models.UUIDField(default=uuid.uuid4, help_text=_("Blijft gelijk in volgende versies."))
    naam = models.CharField(_("naam"), max_length=200)
    relatie = models.CharField(_("relatie"), max_length=200, help_text=_("Bijvoorbeeld 'oma', 'buurvrouw', 'mentor'."))
    rol = models.CharField(_("rol"), max_length=300, blank=True, help_text=_("Wat doet deze persoon voor het gezin?"))
    versie_teller = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("netwerklid")
        verbose_name_plural = _("netwerk")
        ordering = ["versie", "naam", "pk"]

    def __str__(self) -> str:
        return self.naam


class Afweging(models.Model):
    """A professional's weighing: which expert, with which expertise, advises what and why. It may differ
    from the family's own view, and the plan shows the two side by side."""

    versie = models.ForeignKey(
        PlanVersie, on_delete=models.CASCADE, related_name="afwegingen", verbose_name=_("versie")
    )
    sleutel = models.UUIDField(default=uuid.uuid4)
    deskundige = models.CharField(_("wie"), max_length=200, help_text=_("Naam van de professional."))
    deskundigheid = models.CharField(
        _("deskundigheid"), max_length=200, help_text=_("Bijvoorbeeld 'gezinswerker', 'jeugdarts', 'SAVE'.")
    )
    tekst = models.TextField(_("afweging en advies"))
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    versie_teller = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afweging")
        verbose_name_plural = _("afwegingen")
        ordering = ["versie", "pk"]

    def __str__(self) -> str:
        return f"{self.deskundige} ({self.deskundigheid})"


class Evaluatie(models.Model):
    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="evaluaties", verbose_name=_("plan"))
    versie = models.ForeignKey(
        PlanVersie, on_delete=models.PROTECT, related_name="evaluaties", verbose_name=_("geëvalueerde versie")
    )
    datum = models.DateField(_("datum"))
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    antwoorden = models.JSONField(
        _("antwoorden"), default=list, help_text=_("De vragen van het sjabloon met de antwoorden, als lijst van paren.")
    )
    gehouden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["plan", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"Evaluatie {self.datum}"


class EvaluatieDoel(models.Model):
    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="doelen")
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, related_name="evaluaties")
    voortgang = models.TextField(_("hoe gaat het met dit doel?"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DoelStatus.choices)

    class Meta:
        verbose_name = _("voortgang van een doel")
        verbose_name_plural = _("voortgang van doelen")
        constraints = [models.UniqueConstraint(fields=["evaluatie", "doel"], name="doel_eenmaal_per_evaluatie")]

    def __str__(self) -> str:
        return self.get_status_display()


class DoelVoorstel(models.Model):
    """A goal a client proposes in the portal. It enters the plan only when a worker takes it over."""

    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="voorstellen", verbose_name=_("plan"))
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="doelvoorstellen", verbose_name=_("voorgesteld door")
    )
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    omschrijving = models.TextField(_("doel"))
    leefgebied = models.CharField(_("leefgebied"), max_length=30, choices=Leefgebied.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=VoorstelStatus.choices, default=VoorstelStatus.INGEDIEND
    )
    reactie = models.TextField(_("reactie van de medewerker"), blank=True)
    ingediend_op = models.DateTimeField(default=timezone.now)
    behandeld_op = models.DateTimeField(null=True, blank=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    doel = models.OneToOneField(
        Doel, on_delete=models.PROTECT, null=True, blank=True, related_name="voorstel", verbose_name=_("doel")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voorgesteld doel")
        verbose_name_plural = _("voorgestelde doelen")
        ordering = ["plan", "-ingediend_op"]

    def __str__(self) -> str:
        return self.omschrijving[:60]
