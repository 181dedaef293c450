"""Privacy: external requests for dossier data (Team Handhaving, police), the AVG rights of clients
(inzage, verbetering, vroegtijdige vernietiging) and the retention and destruction of dossiers.

Every request and every destruction keeps its status history as immutable rows (…Stap). They point at
the dossier with nullable foreign keys (SET_NULL) and keep a snapshot of the dossiernummer, because
they must outlive what they are about: after a dossier is destroyed they remain as the organisation's
account of what was asked, decided, shared and destroyed, without the client's data.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.accounts.models import Organisatie, Team
from boks.dossiers.models import Huishouden, Persoon, Traject

from .choices import (
    VERNIETIGING_OPEN,
    Aanleiding,
    AvgSoort,
    AvgStatus,
    DossierSoort,
    ExternStatus,
    ItemSoort,
    Kanaal,
    Omvang,
    SoortGrondslag,
    SoortVerzoeker,
    VernietigingStatus,
)

JEUGD_JAREN = 20
SOCIAAL_JAREN = 15


class Bewaarbeleid(models.Model):
    """How long an organisation keeps a dossier after its last change, per kind of dossier."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="bewaarbeleid", verbose_name=_("organisatie")
    )
    jeugd_jaren = models.PositiveSmallIntegerField(
        _("bewaartermijn jeugddossiers (jaren)"),
        default=JEUGD_JAREN,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Jaren na de laatste wijziging in het dossier. De Jeugdwet schrijft sinds 2020 twintig jaar voor "
            "(artikel 7.3.8); korter mag niet, langer alleen als goede hulpverlening dat vraagt."
        ),
    )
    sociaal_jaren = models.PositiveSmallIntegerField(
        _("bewaartermijn Wmo- en sociale dossiers (jaren)"),
        default=SOCIAAL_JAREN,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Jaren na de laatste wijziging in het dossier. De Wmo 2015 noemt geen termijn; BOKS volgt de "
            "Selectielijst gemeenten (ondersteuningsplan Wmo: 15 jaar), omdat het buurtteam in mandaat van de "
            "gemeente werkt."
        ),
    )

    class Meta:
        verbose_name = _("bewaartermijnen")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self) -> str:
        return f"Bewaartermijnen {self.organisatie}"

    def jaren_voor(self, soort: str) -> int:
        return self.jeugd_jaren if soort == DossierSoort.JEUGD else self.sociaal_jaren


STAP_LABELS = {
    "registreren": _("Geregistreerd"),
    "voorleggen": _("Voorgelegd ter goedkeuring"),
    "goedkeuren": _("Goedgekeurd"),
    "terugsturen": _("Teruggestuurd"),
    "afwijzen": _("Afgewezen"),
    "intrekken": _("Ingetrokken"),
    "verstrekken": _("Verstrekt"),
    "afronden": _("Uitkomst vastgelegd en afgerond"),
    "indienen": _("Ingediend"),
    "toewijzen": _("Toegewezen"),
    "verbeteren": _("Verbeterd"),
    "exporteren": _("Gegevens geëxporteerd"),
    "uitvoeren": _("Uitgevoerd"),
    "voorstellen": _("Voorgesteld voor vernietiging"),
    "langer_bewaren": _("Langer bewaren"),
    "goedkeuring_intrekken": _("Goedkeuring ingetrokken"),
    "vernietigen": _("Vernietigd"),
    "vervallen": _("Vervallen"),
}


class Stap(models.Model):
    """One status change: who moved the record from which status to which, when and why. Never changed."""

    stap = models.CharField(_("stap"), max_length=30)
    van_status = models.CharField(_("van"), max_length=20, blank=True)
    naar_status = models.CharField(_("naar"), max_length=20)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
        help_text=_("Leeg: BOKS zelf (de taak die dossiers vernietigt)."),
    )
    op = models.DateTimeField(_("op"), default=timezone.now)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        abstract = True
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.stap} {self.op:%d-%m-%Y %H:%M}"

    @property
    def label(self) -> str:
        return str(STAP_LABELS.get(self.stap, self.stap))


class ExternVerzoek(models.Model):
    """A request from outside the buurtteam (Team Handhaving, the police, the Raad voor de
    Kinderbescherming) for data from a dossier: registered, compiled in BOKS, approved by a second
    person, exported and logged, and closed with the outcome of the investigation."""

    nummer = models.CharField(
        _("nummer"), max_length=20, unique=True, null=True, blank=True, help_text=_("Gezet direct na het opslaan.")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="externe_verzoeken", verbose_name=_("organisatie")
    )
    traject = models.ForeignKey(
        Traject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="externe_verzoeken",
        verbose_name=_("traject"),
    )
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("over wie"),
        help_text=_("Leeg: het verzoek gaat over het hele huishouden."),
    )
    dossiernummer = models.CharField(_("dossiernummer"), max_length=20)
    soort_verzoeker = models.CharField(_("wie vraagt"), max_length=30, choices=SoortVerzoeker.choices)
    verzoeker = models.CharField(
        _("organisatie van de verzoeker"),
        max_length=200,
        help_text=_("Bijvoorbeeld 'Gemeente Utrecht, Team Handhaving'."),
    )
    contactpersoon = models.CharField(_("contactpersoon"), max_length=200)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contact_telefoon = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    kenmerk = models.CharField(
        _("kenmerk van de verzoeker"), max_length=100, blank=True, help_text=_("Hun zaak- of dossiernummer.")
    )
    grondslag_soort = models.CharField(_("soort grondslag"), max_length=30, choices=SoortGrondslag.choices)
    grondslag = models.TextField(
        _("wettelijke grondslag"),
        help_text=_(
            "Het wetsartikel waarop de verzoeker zich beroept en waarom het hier geldt, bijvoorbeeld "
            "'Participatiewet art. 53a lid 2: onderzoek naar rechtmatigheid van de uitkering'."
        ),
    )
    gevraagde_gegevens = models.TextField(
        _("gevraagde gegevens"), help_text=_("Welke gegevens de verzoeker vraagt, over welke periode, en waarom.")
    )
    ontvangen_op = models.DateField(_("ontvangen op"))
    termijn = models.DateField(_("uiterlijk verstrekken op"))
    status = models.CharField(
        _("status"), max_length=20, choices=ExternStatus.choices, default=ExternStatus.GEREGISTREERD
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geregistreerd door")
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    voorgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgelegd door"),
    )
    voorgelegd_op = models.DateTimeField(_("voorgelegd op"), null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    besluit_toelichting = models.TextField(_("toelichting bij het besluit"), blank=True)
    verstrekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstrekt door"),
    )
    verstrekt_op = models.DateTimeField(_("verstrekt op"), null=True, blank=True)
    gesprek_op = models.DateField(
        _("nagesprek gehouden op"),
        null=True,
        blank=True,
        help_text=_("Het gesprek van de medewerker met de leidinggevende en de verzoeker over de uitkomst."),
    )
    uitkomst = models.TextField(_("uitkomst van het onderzoek"), blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    dossier_vernietigd_op = models.DateTimeField(
        _("dossier vernietigd op"),
        null=True,
        blank=True,
        help_text=_(
            "Na vernietiging blijft het verzoek bestaan, zonder koppeling aan het dossier en zonder vrije tekst."
        ),
    )

    class Meta:
        verbose_name = _("extern verzoek")
        verbose_name_plural = _("externe verzoeken")
        ordering = ["-geregistreerd_op", "-pk"]
        indexes = [models.Index(fields=["organisatie", "status"]), models.Index(fields=["status", "termijn"])]

    def __str__(self) -> str:
        return f"{self.nummer} {self.verzoeker}"

    def clean(self) -> None:
        if self.ontvangen_op and self.termijn and self.termijn < self.ontvangen_op:
            raise ValidationError({"termijn": _("De termijn ligt vóór de dag waarop het verzoek binnenkwam.")})
        if self.persoon_id and self.traject_id and self.persoon.huishouden_id != self.traject.huishouden_id:
            raise ValidationError({"persoon": _("Deze persoon hoort niet bij dit huishouden.")})

    @property
    def te_laat(self) -> bool:
        return self.status in {ExternStatus.GEREGISTREERD, ExternStatus.TER_BEOORDELING, ExternStatus.GOEDGEKEURD} and (
            self.termijn < timezone.localdate()
        )


class ExternVerzoekStap(Stap):
    verzoek = models.ForeignKey(ExternVerzoek, on_delete=models.CASCADE, related_name="stappen")

    class Meta(Stap.Meta):
        verbose_name = _("stap van een extern verzoek")
        verbose_name_plural = _("stappen van externe verzoeken")


class VerstrekkingItem(models.Model):
    """One record of the dossier compiled into an external request. It names the record by kind and id
    (the export reads it fresh), and keeps a short label so the account survives the dossier."""

    verzoek = models.ForeignKey(ExternVerzoek, on_delete=models.CASCADE, related_name="items")
    soort = models.CharField(_("soort"), max_length=20, choices=ItemSoort.choices)
    object_id = models.PositiveBigIntegerField(_("id"))
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    datum = models.DateField(_("datum"), null=True, blank=True)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegevoegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("te verstrekken gegeven")
        verbose_name_plural = _("te verstrekken gegevens")
        ordering = ["soort", "datum", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["verzoek", "soort", "object_id"], name="verstrekking_item_eenmaal")
        ]

    def __str__(self) -> str:
        return self.omschrijving


AVG_SOORT_VOOR_CLIENT = {
    AvgSoort.INZAGE: _("Alles opvragen wat over u is vastgelegd"),
    AvgSoort.VERBETERING: _("Iets laten verbeteren"),
    AvgSoort.VERNIETIGING: _("Gegevens laten vernietigen"),
}


class AvgVerzoek(models.Model):
    """A data subject's request: inzage (a copy of all their data), verbetering (something is wrong),
    or vroegtijdige vernietiging (destroy before the retention period ends). Made by the client in
    the portal, or registered by a worker or the privacyfunctionaris."""

    nummer = models.CharField(
        _("nummer"), max_length=20, unique=True, null=True, blank=True, help_text=_("Gezet direct na het opslaan.")
    )
    soort = models.CharField(_("soort verzoek"), max_length=20, choices=AvgSoort.choices)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="avg_verzoeken", verbose_name=_("organisatie")
    )
    traject = models.ForeignKey(
        Traject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="avg_verzoeken",
        verbose_name=_("traject"),
    )
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="avg_verzoeken",
        verbose_name=_("over wie"),
        help_text=_("De persoon over wie de gegevens gaan (de betrokkene)."),
    )
    aanvrager = models.ForeignKey(
        Persoon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevraagd door"),
        help_text=_("Het gezinslid dat het vroeg: de betrokkene zelf of een ouder met gezag."),
    )
    aanvrager_toelichting = models.CharField(
        _("namens wie"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld 'voogd' of 'advocaat namens moeder', als een ander het verzoek deed."),
    )
    dossiernummer = models.CharField(_("dossiernummer"), max_length=20)
    kanaal = models.CharField(_("hoe binnengekomen"), max_length=20, choices=Kanaal.choices)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    termijn = models.DateField(
        _("uiterlijk beantwoorden op"),
        help_text=_("Binnen een maand (AVG art. 12 lid 3); met een reden kan dat twee maanden langer."),
    )
    wat_onjuist = models.TextField(_("wat klopt er niet?"), blank=True)
    wat_juist = models.TextField(_("wat moet het zijn?"), blank=True)
    waar = models.CharField(
        _("waar staat het?"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld 'Mijn plan' of 'Tijdlijn, 12 maart'."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AvgStatus.choices, default=AvgStatus.INGEDIEND)
    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besluit_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    besluit_toelichting = models.TextField(
        _("toelichting bij het besluit"),
        blank=True,
        help_text=_("Wat is verbeterd, of waarom het verzoek is afgewezen. De cliënt leest dit."),
    )
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    dossier_vernietigd_op = models.DateTimeField(_("dossier vernietigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("AVG-verzoek")
        verbose_name_plural = _("AVG-verzoeken")
        ordering = ["-ingediend_op", "-pk"]
        indexes = [models.Index(fields=["organisatie", "status"]), models.Index(fields=["status", "termijn"])]

    def __str__(self) -> str:
        return f"{self.nummer} {self.get_soort_display()}"

    @property
    def te_laat(self) -> bool:
        return self.status == AvgStatus.INGEDIEND and self.termijn < timezone.localdate()

    @property
    def status_label(self) -> str:
        """The status in the words of this kind of request."""
        if self.status == AvgStatus.UITGEVOERD and self.soort == AvgSoort.VERBETERING:
            return str(_("Verbeterd"))
        if self.status == AvgStatus.UITGEVOERD and self.soort == AvgSoort.INZAGE:
            return str(_("Overzicht gemaakt"))
        if self.status == AvgStatus.UITGEVOERD and self.soort == AvgSoort.VERNIETIGING:
            return str(_("Vernietigd"))
        if self.status == AvgStatus.TOEGEWEZEN and self.soort == AvgSoort.VERNIETIGING:
            return str(_("Toegewezen, wordt vernietigd"))
        return self.get_status_display()

    @property
    def soort_voor_client(self) -> str:
        return str(AVG_SOORT_VOOR_CLIENT[self.soort])

    @property
    def uitkomst_voor_client(self) -> str:
        """The status in plain words, as the client reads it in the portal."""
        if self.status == AvgStatus.INGEDIEND:
            return str(_("Wordt bekeken"))
        if self.status == AvgStatus.AFGEWEZEN:
            return str(_("Niet gedaan"))
        if self.soort == AvgSoort.VERBETERING:
            return str(_("Verbeterd"))
        if self.soort == AvgSoort.VERNIETIGING:
            if self.status == AvgStatus.UITGEVOERD:
                return str(_("Vernietigd"))
            return str(_("Goedgekeurd, wordt binnenkort vernietigd"))
        return str(_("Overzicht gemaakt"))


class AvgVerzoekStap(Stap):
    verzoek = models.ForeignKey(AvgVerzoek, on_delete=models.CASCADE, related_name="stappen")

    class Meta(Stap.Meta):
        verbose_name = _("stap van een AVG-verzoek")
        verbose_name_plural = _("stappen van AVG-verzoeken")


class Vernietiging(models.Model):
    """The destruction of a household's dossier (or of one person's data in it): proposed when the
    retention period has passed, approved or kept longer by the privacyfunctionaris, carried out by
    the nightly task. After it ran, this row is the proof of what was destroyed, when, and on whose
    approval: ids, dossiernummers and counts, never names."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="vernietigingen", verbose_name=_("organisatie")
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    huishouden = models.ForeignKey(
        Huishouden,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vernietigingen",
        verbose_name=_("huishouden"),
    )
    huishouden_nummer = models.BigIntegerField(
        _("huishouden (id)"), help_text=_("Het id blijft bewaard: het toegangslog verwijst ernaar.")
    )
    persoon = models.ForeignKey(
        Persoon, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("persoon")
    )
    persoon_nummer = models.BigIntegerField(_("persoon (id)"), null=True, blank=True)
    dossiernummers = models.CharField(_("dossiernummers"), max_length=500, blank=True)
    dossiersoort = models.CharField(_("soort dossier"), max_length=20, choices=DossierSoort.choices)
    aanleiding = models.CharField(_("aanleiding"), max_length=20, choices=Aanleiding.choices)
    omvang = models.CharField(_("omvang"), max_length=20, choices=Omvang.choices, default=Omvang.HUISHOUDEN)
    avg_verzoek = models.ForeignKey(
        AvgVerzoek,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vernietigingen",
        verbose_name=_("verzoek"),
    )
    laatste_wijziging = models.DateField(_("laatste wijziging in het dossier"), null=True, blank=True)
    bewaartermijn_jaren = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"), null=True, blank=True)
    vernietigen_vanaf = models.DateField(_("vernietigen vanaf"))
    status = models.CharField(
        _("status"), max_length=20, choices=VernietigingStatus.choices, default=VernietigingStatus.VOORGESTELD
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True, help_text=_("Waarom het dossier langer bewaard blijft."))
    bewaren_tot = models.DateField(_("bewaren tot"), null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("vernietigd op"), null=True, blank=True)
    telling = models.JSONField(_("wat is vernietigd"), default=dict, blank=True)
    bestanden = models.JSONField(
        _("bestanden nog te verwijderen"),
        default=list,
        blank=True,
        help_text=_("Namen in de opslag; leeg zodra de bestanden zijn verwijderd."),
    )
    bestanden_verwijderd_op = models.DateTimeField(_("bestanden verwijderd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vernietiging")
        verbose_name_plural = _("vernietigingen")
        ordering = ["vernietigen_vanaf", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["huishouden_nummer"],
                condition=Q(status__in=VERNIETIGING_OPEN, omvang=Omvang.HUISHOUDEN),
                name="een_open_vernietiging_per_huishouden",
            ),
            models.CheckConstraint(
                condition=~Q(status=VernietigingStatus.LANGER_BEWAREN) | Q(bewaren_tot__isnull=False),
                name="langer_bewaren_heeft_datum",
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "status"]),
            models.Index(fields=["huishouden_nummer", "status"]),
        ]

    def __str__(self) -> str:
        return f"Vernietiging {self.dossiernummers or self.huishouden_nummer}"


class VernietigingStap(Stap):
    vernietiging = models.ForeignKey(Vernietiging, on_delete=models.CASCADE, related_name="stappen")

    class Meta(Stap.Meta):
        verbose_name = _("stap van een vernietiging")
        verbose_name_plural = _("stappen van vernietigingen")
