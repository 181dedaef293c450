"""Aanvullende zorg: referrals registered by the worker, and requests (maatwerk, PGB, hulp bij het
huishouden, …) that someone else decides.

A request's type is data (AanvraagSoort, per organisation): its routing and its assessment norm in
werkdagen. When a request is submitted its routing and norm are copied onto it, so changing the
configuration later never moves a request that is already with an assessor. Every status step is an
immutable AanvraagStap row. Texts meant only for staff are listed in INTERNE_VELDEN; the client's
view (selectors.client_view) shows only CLIENT_VELDEN.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boks.accounts.models import Organisatie, Team
from boks.dossiers.models import Traject
from boks.gezinsplan.models import Doel

from .choices import BESLUITEN, TE_BEOORDELEN, AanvraagStatus, Gecontracteerd, Routering, WettelijkKader, Zorgvorm

INTERN = _("Intern: de cliënt ziet dit niet.")


class Beoordelingsgroep(models.Model):
    """A named group that assesses requests of one or more types for all teams of an organisation,
    such as Lokalis's PGB-beoordelingsgroep (DOMAIN.md §2.8)."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="beoordelingsgroepen", verbose_name=_("organisatie")
    )
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Bijvoorbeeld 'PGB-beoordelingsgroep'."))
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="maatwerk_beoordelingsgroepen",
        verbose_name=_("leden"),
        help_text=_("Medewerkers van de organisatie die de aanvragen van deze groep beoordelen."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("beoordelingsgroep")
        verbose_name_plural = _("beoordelingsgroepen")
        ordering = ["organisatie", "naam"]
        constraints = [models.UniqueConstraint(fields=["organisatie", "naam"], name="beoordelingsgroep_naam_uniek")]

    def __str__(self) -> str:
        return self.naam


class Contactpersoon(models.Model):
    """A contactpersoon maatwerk (specialistische jeugdhulp) of a team for a period: assesses the
    requests of that team's trajecten whose type is routed to contactpersonen (DOMAIN.md §2.9)."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="maatwerk_contactpersonen", verbose_name=_("team")
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="maatwerk_contactpersoonschappen",
        verbose_name=_("medewerker"),
    )
    van = models.DateField(_("vanaf"), default=timezone.localdate)
    tot = models.DateField(_("tot en met"), null=True, blank=True, help_text=_("Leeg zolang het zo blijft."))

    class Meta:
        verbose_name = _("contactpersoon maatwerk")
        verbose_name_plural = _("contactpersonen maatwerk")
        ordering = ["team", "-van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")),
                name="contactpersoon_tot_na_van",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} – {self.team.naam}"


class Vervanging(models.Model):
    """An assessor names a vervanger for a period; during it, the vervanger assesses what they would."""

    afwezige = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="maatwerk_vervangingen",
        verbose_name=_("wordt vervangen"),
    )
    vervanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="maatwerk_vervangt",
        verbose_name=_("vervanger"),
    )
    van = models.DateField(_("vanaf"))
    tot = models.DateField(_("tot en met"))
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    beeindigd_op = models.DateTimeField(
        _("beëindigd op"), null=True, blank=True, help_text=_("Eerder gestopt dan gepland; de rij blijft bewaard.")
    )

    class Meta:
        verbose_name = _("vervanging")
        verbose_name_plural = _("vervangingen")
        ordering = ["-van", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=models.F("van")),
                name="vervanging_tot_na_van",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            models.CheckConstraint(condition=~Q(afwezige=models.F("vervanger")), name="vervanging_niet_door_zichzelf"),
        ]
        indexes = [models.Index(fields=["vervanger", "van", "tot"])]

    def __str__(self) -> str:
        return f"{self.vervanger} voor {self.afwezige}"

    @property
    def actief(self) -> bool:
        today = timezone.localdate()
        return self.beeindigd_op is None and self.van <= today <= self.tot


class AanvraagSoort(models.Model):
    """A type of request an organisation handles, with who assesses it and how fast."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="aanvraagsoorten", verbose_name=_("organisatie")
    )
    code = models.SlugField(_("code"), max_length=30, help_text=_("Vast kenmerk, bijvoorbeeld 'pgb'."))
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Bijvoorbeeld 'PGB (persoonsgebonden budget)'."))
    toelichting = models.TextField(
        _("toelichting"), blank=True, help_text=_("Wanneer gebruik je deze aanvraag? Staat boven het formulier.")
    )
    met_budget = models.BooleanField(
        _("aanvraag om een budget"),
        default=False,
        help_text=_(
            "Zoals een PGB: bedrag, begin- en einddatum zijn verplicht, en BOKS vraagt de einddatum van het "
            "huidige budget zodat het nieuwe naadloos aansluit."
        ),
    )
    periode_verplicht = models.BooleanField(
        _("periode verplicht"), default=False, help_text=_("Begin- en einddatum van de gevraagde hulp zijn verplicht.")
    )
    routering = models.CharField(
        _("wie beoordeelt"),
        max_length=20,
        choices=Routering.choices,
        default=Routering.TEAMMANAGER,
        help_text=_(
            "Standaard de teammanager van het team van het traject. Niemand beoordeelt een aanvraag die hij "
            "of zij zelf deed."
        ),
    )
    beoordelingsgroep = models.ForeignKey(
        Beoordelingsgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="soorten",
        verbose_name=_("beoordelingsgroep"),
        help_text=_("Alleen als een beoordelingsgroep beoordeelt."),
    )
    norm_werkdagen = models.PositiveSmallIntegerField(
        _("beoordelen binnen (werkdagen)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Werkdagen na het indienen, zonder weekenden en feestdagen. Voor een PGB is de norm 10."),
    )
    herinneren_werkdagen = models.PositiveSmallIntegerField(
        _("herinneren (werkdagen voor de termijn)"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_("Zoveel werkdagen voor de termijn krijgt de beoordelaar een herinnering; en op de termijn zelf."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)

    class Meta:
        verbose_name = _("soort aanvraag")
        verbose_name_plural = _("soorten aanvragen")
        ordering = ["organisatie", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "code"], name="aanvraagsoort_code_uniek"),
            models.CheckConstraint(
                condition=Q(routering=Routering.BEOORDELINGSGROEP, beoordelingsgroep__isnull=False)
                | ~Q(routering=Routering.BEOORDELINGSGROEP) & Q(beoordelingsgroep__isnull=True),
                name="aanvraagsoort_groep_bij_routering",
                violation_error_message=_("Kies een beoordelingsgroep als een beoordelingsgroep beoordeelt."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        if self.routering == Routering.BEOORDELINGSGROEP and not self.beoordelingsgroep_id:
            raise ValidationError({"beoordelingsgroep": _("Kies de beoordelingsgroep die deze aanvragen beoordeelt.")})
        if self.routering != Routering.BEOORDELINGSGROEP and self.beoordelingsgroep_id:
            raise ValidationError(
                {"beoordelingsgroep": _("Laat dit leeg, of kies 'Een beoordelingsgroep' bij wie beoordeelt.")}
            )
        if self.beoordelingsgroep_id and self.beoordelingsgroep.organisatie_id != self.organisatie_id:
            raise ValidationError({"beoordelingsgroep": _("Deze beoordelingsgroep hoort bij een andere organisatie.")})


class Verwijzing(models.Model):
    """A referral to aanvullende zorg, registered by the worker without approval (DOMAIN.md §2.7)."""

    CLIENT_VELDEN = ("zorgvorm", "wettelijk_kader", "aanbieder", "startdatum", "einddatum")
    INTERNE_VELDEN = ("toelichting",)

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="verwijzingen", verbose_name=_("traject")
    )
    zorgvorm = models.CharField(_("zorgvorm"), max_length=40, choices=Zorgvorm.choices)
    wettelijk_kader = models.CharField(_("wettelijk kader"), max_length=10, choices=WettelijkKader.choices)
    aanbieder = models.CharField(_("aanbieder"), max_length=200, help_text=_("Bijvoorbeeld 'Lister' of 'Kentalis'."))
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True, help_text=_("Leeg zolang de zorg loopt."))
    beschikking = models.CharField(
        _("beschikking"), max_length=60, blank=True, help_text=_("Het kenmerk van de beschikking, als die er is.")
    )
    doelen = models.ManyToManyField(
        Doel,
        blank=True,
        related_name="verwijzingen",
        verbose_name=_("bij de doelen"),
        help_text=_("De doelen uit het gezinsplan waar deze zorg bij helpt."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True, help_text=INTERN)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geregistreerd door")
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    versie = models.PositiveIntegerField(default=1, help_text=_("Telt op bij elke wijziging (optimistic locking)."))

    history = HistoricalRecords(m2m_fields=[doelen])

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-startdatum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")),
                name="verwijzing_einde_na_start",
                violation_error_message=_("De einddatum ligt vóór de startdatum."),
            )
        ]
        indexes = [models.Index(fields=["startdatum"]), models.Index(fields=["zorgvorm", "aanbieder"])]

    def __str__(self) -> str:
        return f"{self.get_zorgvorm_display()} – {self.aanbieder}"


class Aanvraag(models.Model):
    """A request for maatwerk, a PGB or another provision, anchored in goals of the gezinsplan."""

    CLIENT_VELDEN = (
        "soort",
        "status",
        "gevraagde_oplossing",
        "aanbieder",
        "bedrag",
        "periode_van",
        "periode_tot",
        "eerst_ingediend_op",
        "besluit_op",
        "besluit_motivering",
        "toegekend_bedrag",
    )
    INTERNE_VELDEN = ("vraag", "waarom_niet_regulier", "eigen_kracht", "beoordeling_notitie")

    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="aanvragen", verbose_name=_("traject"))
    soort = models.ForeignKey(
        AanvraagSoort, on_delete=models.PROTECT, related_name="aanvragen", verbose_name=_("soort")
    )
    status = models.CharField(
        _("status"), max_length=30, choices=AanvraagStatus.choices, default=AanvraagStatus.CONCEPT
    )
    doelen = models.ManyToManyField(
        Doel,
        related_name="aanvragen",
        verbose_name=_("bij de doelen"),
        help_text=_("Elke aanvraag hoort bij een of meer doelen uit het gezinsplan."),
    )

    vraag = models.TextField(
        _("de vraag"), blank=True, help_text=_("Wat is de hulpvraag, en wat is er aan de hand? ") + INTERN
    )
    waarom_niet_regulier = models.TextField(_("waarom past het reguliere aanbod niet?"), blank=True, help_text=INTERN)
    eigen_kracht = models.TextField(
        _("wat hebben eigen kracht en netwerk al geprobeerd?"),
        blank=True,
        help_text=_("Wat kan het gezin zelf, met familie, buren en vrienden, en wat is al geprobeerd? ") + INTERN,
    )
    gevraagde_oplossing = models.TextField(
        _("gevraagde oplossing"), blank=True, help_text=_("Wat is er nodig, hoe vaak en hoe lang?")
    )
    aanbieder = models.CharField(_("aanbieder"), max_length=200, blank=True)
    aanbieder_gecontracteerd = models.CharField(
        _("gecontracteerd?"), max_length=10, choices=Gecontracteerd.choices, default=Gecontracteerd.ONBEKEND
    )
    bedrag = models.DecimalField(
        _("bedrag (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Het gevraagde budget voor de hele periode."),
    )
    periode_van = models.DateField(_("van"), null=True, blank=True)
    periode_tot = models.DateField(_("tot en met"), null=True, blank=True)
    huidig_pgb_tot = models.DateField(
        _("einddatum huidig PGB"),
        null=True,
        blank=True,
        help_text=_("Als er al een PGB loopt: de nieuwe periode begint de dag erna, zodat het naadloos aansluit."),
    )

    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    versie = models.PositiveIntegerField(default=1, help_text=_("Telt op bij elke wijziging (optimistic locking)."))

    # Routing and deadline, fixed when submitted.
    routering = models.CharField(_("beoordeeld door"), max_length=20, choices=Routering.choices, blank=True)
    beoordelingsgroep = models.ForeignKey(
        Beoordelingsgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen",
        verbose_name=_("beoordelingsgroep"),
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    eerst_ingediend_op = models.DateField(_("ingediend op"), null=True, blank=True)
    norm_werkdagen = models.PositiveSmallIntegerField(_("norm (werkdagen)"), null=True, blank=True)
    termijn = models.DateField(
        _("beoordelen uiterlijk op"),
        null=True,
        blank=True,
        help_text=_("De norm in werkdagen na het indienen; schuift op met de werkdagen dat op informatie is gewacht."),
    )
    herinneren_vanaf = models.DateField(null=True, blank=True)
    termijn_herinnerd = models.DateField(
        null=True, blank=True, help_text=_("De termijn waarvoor de beoordelaar op de termijn zelf is herinnerd.")
    )
    info_gevraagd_op = models.DateField(_("informatie gevraagd op"), null=True, blank=True)
    werkdagen_opgeschort = models.PositiveSmallIntegerField(
        _("werkdagen gewacht op informatie"), default=0, help_text=_("Tellen niet mee in de doorlooptijd.")
    )
    in_behandeling_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in behandeling bij"),
    )

    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besluit door"),
    )
    besluit_op = models.DateField(_("besluit op"), null=True, blank=True)
    besluit_motivering = models.TextField(
        _("motivering van het besluit"), blank=True, help_text=_("De reden van het besluit; de cliënt ziet die.")
    )
    beoordeling_notitie = models.TextField(
        _("interne beoordeling"), blank=True, help_text=_("Beoordeling op inhoud en rechtmatigheid. ") + INTERN
    )
    toegekend_bedrag = models.DecimalField(
        _("toegekend bedrag (euro)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    doorlooptijd_werkdagen = models.PositiveSmallIntegerField(
        _("doorlooptijd (werkdagen)"),
        null=True,
        blank=True,
        help_text=_("Werkdagen van het eerste indienen tot het besluit, zonder de dagen gewacht op informatie."),
    )
    binnen_norm = models.BooleanField(_("binnen de norm"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[doelen], excluded_fields=["herinneren_vanaf", "termijn_herinnerd"])

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(periode_van__isnull=True)
                | Q(periode_tot__isnull=True)
                | Q(periode_tot__gte=models.F("periode_van")),
                name="aanvraag_periode_oplopend",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            models.CheckConstraint(
                condition=Q(status=AanvraagStatus.CONCEPT)
                | Q(status=AanvraagStatus.INGETROKKEN, eerst_ingediend_op__isnull=True)
                | ~Q(routering=""),
                name="ingediende_aanvraag_is_gerouteerd",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=BESLUITEN)
                | Q(besluit_op__isnull=False, besluit_door__isnull=False) & ~Q(besluit_motivering=""),
                name="besluit_heeft_datum_door_en_motivering",
            ),
            models.CheckConstraint(
                condition=~Q(besluit_door=models.F("aangemaakt_door")) & ~Q(besluit_door=models.F("ingediend_door"))
                | Q(besluit_door__isnull=True),
                name="vier_ogen_bij_besluit",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "termijn"]),
            models.Index(fields=["traject", "status"]),
            models.Index(fields=["eerst_ingediend_op"]),
            models.Index(fields=["besluit_op"]),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.traject.dossiernummer}"

    @property
    def is_besloten(self) -> bool:
        return self.status in BESLUITEN

    @property
    def te_laat(self) -> bool:
        return self.termijn is not None and self.status in TE_BEOORDELEN and self.termijn < timezone.localdate()


class AanvraagStap(models.Model):
    """One status step of a request: who, when, from which status to which, and why. Never changed."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="stappen", verbose_name=_("aanvraag"))
    stap = models.CharField(_("stap"), max_length=30)
    van_status = models.CharField(_("van"), max_length=30, choices=AanvraagStatus.choices)
    naar_status = models.CharField(_("naar"), max_length=30, choices=AanvraagStatus.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), default=timezone.now)
    reden = models.TextField(_("reden"), blank=True, help_text=INTERN)

    class Meta:
        verbose_name = _("stap van een aanvraag")
        verbose_name_plural = _("stappen van aanvragen")
        ordering = ["aanvraag", "op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_van_status_display()} → {self.get_naar_status_display()}"


def _bijlage_pad(bijlage: "Bijlage", filename: str) -> str:
    return f"maatwerk/{timezone.now():%Y/%m}/{bijlage.aanvraag_id}-{filename}"


class Bijlage(models.Model):
    """An attachment to a request; its type was checked by content and it is served only as a download."""

    aanvraag = models.ForeignKey(
        Aanvraag, on_delete=models.PROTECT, related_name="bijlagen", verbose_name=_("aanvraag")
    )
    bestand = models.FileField(_("bestand"), upload_to=_bijlage_pad, max_length=300)
    naam = models.CharField(_("naam"), max_length=200)
    content_type = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegevoegd_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["aanvraag", "toegevoegd_op", "pk"]

    def __str__(self) -> str:
        return self.naam
