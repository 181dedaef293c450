import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boks.accounts.models import Organisatie, Team, Wijk

from .choices import (
    Afsluitreden,
    Bevrijdingsdag,
    ContactSoort,
    Leefgebied,
    Melder,
    RedenNietZichtbaar,
    RedenVertraging,
    Rol,
    Status,
    TrajectSoort,
    Urgentie,
    ZelfstandigVerder,
)
from .managers import TrajectQuerySet
from .validators import BSNValidator


class Werkafspraken(models.Model):
    """An organisation's norms and periods for the dossier workflow."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="werkafspraken", verbose_name=_("organisatie")
    )
    kennismaking_norm_werkdagen = models.PositiveSmallIntegerField(
        _("norm kennismaking (werkdagen)"),
        default=5,
        help_text=_("Binnen hoeveel werkdagen na de aanmelding de kennismaking hoort plaats te vinden."),
    )
    goede_vrijdag_vrij = models.BooleanField(
        _("Goede Vrijdag is een vrije dag"), default=False, help_text=_("Telt Goede Vrijdag niet als werkdag.")
    )
    bevrijdingsdag = models.CharField(
        _("Bevrijdingsdag"), max_length=10, choices=Bevrijdingsdag.choices, default=Bevrijdingsdag.LUSTRUM
    )
    heropenen_binnen_dagen = models.PositiveSmallIntegerField(
        _("heropenen mogelijk binnen (dagen)"),
        default=90,
        help_text=_("Hoe lang na het afsluiten de regisseur of teammanager een traject nog kan heropenen."),
    )
    journaal_correctie_minuten = models.PositiveIntegerField(
        _("correctietermijn contactjournaal (minuten)"),
        default=60,
        help_text=_("Zo lang kan de schrijver een journaalregel nog verbeteren; daarna alleen een nieuwe regel."),
    )

    class Meta:
        verbose_name = _("werkafspraken")
        verbose_name_plural = _("werkafspraken")

    def __str__(self) -> str:
        return f"Werkafspraken {self.organisatie}"


class Huishouden(models.Model):
    """A household (gezin); a single adult client is a household of one."""

    naam = models.CharField(_("naam"), max_length=200, help_text=_("Bijvoorbeeld 'Gezin El Amrani'."))
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="huishoudens", verbose_name=_("team"))
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True, default="Utrecht")
    wijk = models.ForeignKey(
        Wijk, on_delete=models.PROTECT, null=True, blank=True, related_name="huishoudens", verbose_name=_("wijk")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def adres(self) -> str:
        return " ".join(part for part in [self.straat, self.huisnummer, self.postcode, self.woonplaats] if part)


class Persoon(models.Model):
    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.PROTECT, related_name="personen", verbose_name=_("huishouden")
    )
    voornaam = models.CharField(_("voornaam"), max_length=100)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    geboortedatum = models.DateField(_("geboortedatum"))
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        default="",
        validators=[BSNValidator()],
        help_text=_("Niet verplicht. Negen cijfers; BOKS controleert de elfproef."),
    )
    rol = models.CharField(_("rol in het huishouden"), max_length=20, choices=Rol.choices)
    gezag = models.BooleanField(
        _("heeft gezag"),
        default=False,
        help_text=_(
            "Ouderlijk gezag of voogdij over de jeugdigen in dit huishouden. Bepaalt wie het dossier van "
            "een kind onder de 16 mag inzien."
        ),
    )
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["geboortedatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["bsn"],
                condition=~Q(bsn=""),
                name="persoon_bsn_uniek",
                violation_error_message=_("Er is al een persoon met dit BSN."),
            )
        ]
        indexes = [models.Index(fields=["achternaam", "geboortedatum"]), models.Index(fields=["geboortedatum"])]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(part for part in [self.voornaam, self.tussenvoegsel, self.achternaam] if part)

    def leeftijd_op(self, day: datetime.date) -> int:
        """Age in whole years on `day`; a birthday counts from the day itself (29 February: 1 March)."""
        years = day.year - self.geboortedatum.year
        if (day.month, day.day) < (self.geboortedatum.month, self.geboortedatum.day):
            years -= 1
        return years

    @property
    def leeftijd(self) -> int:
        return self.leeftijd_op(timezone.localdate())


class Traject(models.Model):
    """One aanmelding and everything that follows it, up to and including afsluiten."""

    dossiernummer = models.CharField(_("dossiernummer"), max_length=20, unique=True, blank=True)
    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.PROTECT, related_name="trajecten", verbose_name=_("huishouden")
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="trajecten", verbose_name=_("team"))
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regie_trajecten",
        verbose_name=_("regisseur"),
        help_text=_("De gezinswerker die de regie voert: één gezin, één plan, één regisseur."),
    )
    betrokkenen = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="betrokken_trajecten",
        verbose_name=_("betrokken medewerkers"),
        help_text=_("Bijvoorbeeld het maatje of een ervaringsdeskundige."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AANGEMELD)
    soort = models.CharField(
        _("soort traject"),
        max_length=20,
        choices=TrajectSoort.choices,
        default=TrajectSoort.BUURTTEAM,
        help_text=_(
            "Kies 'Andere dienst' alleen als een andere dienst (bijvoorbeeld de sociaal raadslieden) het traject "
            "zonder het buurtteam uitvoert. Zulke trajecten tellen niet mee in de cijfers van het buurtteam."
        ),
    )

    aanmelddatum = models.DateField(_("aanmelddatum"))
    melder = models.CharField(_("melder"), max_length=30, choices=Melder.choices)
    melder_toelichting = models.CharField(
        _("melder, namelijk"), max_length=200, blank=True, help_text=_("Verplicht bij 'Overig, namelijk …'.")
    )
    aanmeldvraag = models.TextField(
        _("aanmeldvraag"), help_text=_("De vraag zoals de cliënt die zelf verwoordt, in zijn of haar eigen woorden.")
    )
    urgentie = models.CharField(_("urgentie"), max_length=20, choices=Urgentie.choices, default=Urgentie.GEEN)

    kennismaking_gepland_op = models.DateField(_("kennismaking gepland op"), null=True, blank=True)
    kennismaking_op = models.DateField(_("kennismaking gehouden op"), null=True, blank=True)
    werkdagen_tot_kennismaking = models.PositiveSmallIntegerField(
        _("werkdagen tot kennismaking"),
        null=True,
        blank=True,
        help_text=_("Werkdagen na de aanmelddag tot en met de kennismaking, zonder weekenden en feestdagen."),
    )
    kalenderdagen_tot_kennismaking = models.PositiveSmallIntegerField(
        _("kalenderdagen tot kennismaking"), null=True, blank=True
    )
    reden_vertraging = models.CharField(
        _("reden dat de norm niet is gehaald"), max_length=30, choices=RedenVertraging.choices, blank=True
    )
    begeleiding_gestart_op = models.DateField(_("begeleiding gestart op"), null=True, blank=True)
    uitvoering_gestart_op = models.DateField(_("uitvoering gestart op"), null=True, blank=True)

    afgesloten_op = models.DateField(_("afsluitdatum"), null=True, blank=True)
    afsluitreden = models.CharField(_("afsluitreden"), max_length=30, choices=Afsluitreden.choices, blank=True)
    zelfstandig_verder = models.CharField(
        _("kan zelfstandig verder"),
        max_length=10,
        choices=ZelfstandigVerder.choices,
        blank=True,
        help_text=_("Kan de cliënt verder zonder ondersteuning, bijvoorbeeld zonder aanvullende zorg?"),
    )
    rapportcijfer = models.PositiveSmallIntegerField(
        _("rapportcijfer"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Het cijfer van 1 tot en met 10 dat de cliënt de hulp geeft. Niet verplicht."),
    )
    status_voor_afsluiten = models.CharField(max_length=20, choices=Status.choices, blank=True)

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])
    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-aanmelddatum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rapportcijfer__isnull=True) | Q(rapportcijfer__gte=1, rapportcijfer__lte=10),
                name="rapportcijfer_1_tot_10",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.AFGESLOTEN) | ~Q(afsluitreden=""), name="afgesloten_heeft_reden"
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["regisseur", "status"]),
            models.Index(fields=["status", "kennismaking_op"]),
            models.Index(fields=["aanmelddatum"]),
            models.Index(fields=["werkdagen_tot_kennismaking"]),
        ]

    def __str__(self) -> str:
        return f"{self.dossiernummer} {self.huishouden}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.AFGESLOTEN

    @property
    def dagen_sinds_kennismaking(self) -> int | None:
        """Calendar days a wachtende has waited since the kennismaking."""
        if self.kennismaking_op is None:
            return None
        return (timezone.localdate() - self.kennismaking_op).days


class Ondersteuningsvraag(models.Model):
    """A leefgebied the aanmelding asks support on; a row each, so it can be counted and filtered."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="ondersteuningsvragen", verbose_name=_("traject")
    )
    leefgebied = models.CharField(_("leefgebied"), max_length=30, choices=Leefgebied.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ondersteuningsvraag")
        verbose_name_plural = _("ondersteuningsvragen")
        constraints = [models.UniqueConstraint(fields=["traject", "leefgebied"], name="ondersteuningsvraag_uniek")]

    def __str__(self) -> str:
        return self.get_leefgebied_display()


class Contactmoment(models.Model):
    """An entry in the contactjournaal. Client-visible unless hidden with a recorded reason."""

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="contactmomenten", verbose_name=_("traject")
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contactmomenten", verbose_name=_("auteur")
    )
    plaatsgevonden_op = models.DateTimeField(_("datum en tijd"))
    soort = models.CharField(_("soort contact"), max_length=30, choices=ContactSoort.choices)
    deelnemers = models.CharField(
        _("deelnemers"), max_length=300, blank=True, help_text=_("Wie waren erbij, bijvoorbeeld 'moeder, school'.")
    )
    duur_minuten = models.PositiveSmallIntegerField(
        _("duur (minuten)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    tekst = models.TextField(_("verslag"))
    zichtbaar_voor_client = models.BooleanField(
        _("zichtbaar voor de cliënt"),
        default=True,
        help_text=_("Het journaal is van de cliënt. Verberg een regel alleen met een van de vaste redenen."),
    )
    reden_niet_zichtbaar = models.CharField(
        _("reden niet zichtbaar"), max_length=30, choices=RedenNietZichtbaar.choices, blank=True
    )
    corrigeert = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correcties",
        verbose_name=_("corrigeert"),
        help_text=_("De eerdere regel die deze regel verbetert."),
    )
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    betreft = models.ManyToManyField(
        Persoon,
        blank=True,
        related_name="+",
        verbose_name=_("gaat over"),
        help_text=_(
            "Leeg: het hele huishouden. Gaat het over één kind of volwassene, kies die dan; dan zien alleen zij "
            "(en bij een kind de ouders met gezag, volgens de leeftijd) dit in het portaal."
        ),
    )

    history = HistoricalRecords(m2m_fields=[betreft])

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-plaatsgevonden_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(zichtbaar_voor_client=True, reden_niet_zichtbaar="")
                | Q(zichtbaar_voor_client=False) & ~Q(reden_niet_zichtbaar=""),
                name="verborgen_contactmoment_heeft_reden",
            )
        ]
        indexes = [models.Index(fields=["traject", "plaatsgevonden_op"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.plaatsgevonden_op:%d-%m-%Y}"


class TijdlijnGebeurtenis(models.Model):
    """One thing that happened in a traject. Any app records events here through
    ``timeline.record_event``; the timeline never needs to know those apps."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("traject")
    )
    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("huishouden")
    )
    soort = models.CharField(_("soort"), max_length=60, help_text=_("Bijvoorbeeld 'dossiers.afgesloten'."))
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    plaatsgevonden_op = models.DateTimeField(_("plaatsgevonden op"))
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    zichtbaar_voor_client = models.BooleanField(_("zichtbaar voor de cliënt"), default=True)
    bron_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    bron_id = models.PositiveBigIntegerField(null=True, blank=True)
    bron = GenericForeignKey("bron_type", "bron_id")
    betreft = models.ManyToManyField(
        Persoon, blank=True, related_name="+", verbose_name=_("gaat over"), help_text=_("Leeg: het hele huishouden.")
    )

    class Meta:
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijngebeurtenissen")
        ordering = ["-plaatsgevonden_op", "-pk"]
        indexes = [
            models.Index(fields=["traject", "-plaatsgevonden_op"]),
            models.Index(fields=["huishouden", "-plaatsgevonden_op"]),
            models.Index(fields=["bron_type", "bron_id"]),
        ]

    def __str__(self) -> str:
        return self.titel


class Portaaltoegang(models.Model):
    """A client user's access to the portal as one person of a household. A user can hold several
    (a parent who is a person in two households); access is ended, never deleted."""

    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="portaaltoegangen", verbose_name=_("persoon")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="portaaltoegangen", verbose_name=_("account")
    )
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("geactiveerd op"), default=timezone.now)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reden_intrekking = models.CharField(_("reden"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("portaaltoegang")
        verbose_name_plural = _("portaaltoegangen")
        constraints = [
            models.UniqueConstraint(
                fields=["persoon"], condition=Q(actief=True), name="een_actieve_portaaltoegang_per_persoon"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} → {self.persoon}"


class Uitnodiging(models.Model):
    """A one-time, expiring invitation to activate the portal. Only a hash of the token is stored."""

    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="uitnodigingen", verbose_name=_("persoon")
    )
    email = models.EmailField(_("e-mailadres"))
    token_hash = models.CharField(max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    uitgenodigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitnodiging voor het portaal")
        verbose_name_plural = _("uitnodigingen voor het portaal")
        indexes = [models.Index(fields=["persoon", "-aangemaakt_op"])]

    def __str__(self) -> str:
        return f"Uitnodiging {self.email}"

    @property
    def open(self) -> bool:
        return self.gebruikt_op is None and self.ingetrokken_op is None and self.verloopt_op > timezone.now()


class Toestemming(models.Model):
    """A young person of 16 or older lets their parents see their dossier (Jeugdwet), and may withdraw
    it; every change is a new row, so the history stays."""

    jeugdige = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="toestemmingen", verbose_name=_("jeugdige")
    )
    gegeven = models.BooleanField(_("toestemming gegeven"))
    op = models.DateTimeField(default=timezone.now)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toestemming voor de ouders")
        verbose_name_plural = _("toestemmingen voor de ouders")
        ordering = ["jeugdige", "-op", "-pk"]
        indexes = [models.Index(fields=["jeugdige", "-op"])]

    def __str__(self) -> str:
        return f"{self.jeugdige}: {'ja' if self.gegeven else 'nee'}"


class Afscherming(models.Model):
    """An item a worker withholds from one person (a parent) because access would harm the child."""

    item_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="afschermingen", verbose_name=_("afgeschermd voor")
    )
    reden = models.TextField(_("reden"), help_text=_("Waarom inzage het kind zou schaden."))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    opgeheven_op = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afscherming")
        verbose_name_plural = _("afschermingen")
        indexes = [models.Index(fields=["item_type", "item_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id", "persoon"],
                condition=Q(opgeheven_op__isnull=True),
                name="een_afscherming_per_item_en_persoon",
            )
        ]

    def __str__(self) -> str:
        return f"Afgeschermd voor {self.persoon}"


class Noodtoegang(models.Model):
    """Break-the-glass: a staff member outside the team opened a dossier, giving a reason. The access
    lasts a limited time (BOKS_NOODTOEGANG_UREN), is in the access log with its reason, and the team's
    managers are told and judge afterwards whether it was justified."""

    class Oordeel(models.TextChoices):
        TERECHT = "terecht", _("Terecht")
        ONTERECHT = "onterecht", _("Niet terecht")

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="noodtoegangen", verbose_name=_("traject")
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="noodtoegangen", verbose_name=_("medewerker")
    )
    reden = models.TextField(_("reden"))
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)
    geldig_tot = models.DateTimeField(_("geldig tot"))
    oordeel = models.CharField(_("oordeel"), max_length=20, choices=Oordeel.choices, blank=True)
    oordeel_toelichting = models.TextField(_("toelichting bij het oordeel"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        ordering = ["-geopend_op"]
        indexes = [models.Index(fields=["medewerker", "geldig_tot"])]

    def __str__(self) -> str:
        return f"Noodtoegang {self.medewerker} tot {self.traject}"

    @property
    def actief(self) -> bool:
        return self.geldig_tot > timezone.now()
