from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OrganisatieSoort, TeamRole, TeamSoort, UserKind
from .managers import MembershipQuerySet


class Organisatie(models.Model):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    korte_naam = models.CharField(
        _("korte naam"),
        max_length=50,
        unique=True,
        help_text=_("De naam zoals die in overzichten en rapportages staat, bijvoorbeeld 'Lokalis'."),
    )
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=OrganisatieSoort.choices,
        help_text=_("Jeugd en gezin werkt met gezinnen en een gezinsplan; sociaal vooral met volwassenen."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.korte_naam


class Cluster(models.Model):
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("organisatie")
    )
    naam = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["organisatie", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"], name="cluster_naam_uniek_per_organisatie")
        ]

    def __str__(self) -> str:
        return self.naam


class Wijk(models.Model):
    """A wijk of the municipality; reach and instroom are reported per wijk."""

    naam = models.CharField(_("naam"), max_length=100)
    gemeente = models.CharField(_("gemeente"), max_length=100, default="Utrecht")

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["gemeente", "naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="wijk_uniek_per_gemeente")]

    def __str__(self) -> str:
        return self.naam


class Team(models.Model):
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisatie")
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="teams",
        null=True,
        blank=True,
        verbose_name=_("cluster"),
        help_text=_("Optioneel; alleen als de organisatie haar teams in clusters indeelt."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=TeamSoort.choices, default=TeamSoort.WIJKTEAM)
    wijk = models.ForeignKey(
        Wijk,
        on_delete=models.PROTECT,
        related_name="teams",
        null=True,
        blank=True,
        verbose_name=_("wijk"),
        help_text=_("De wijk waar een wijkteam werkt. School-, MBO- en poolteams werken stadsbreed."),
    )
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Een opgeheven team blijft bestaan voor de historie.")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisatie", "naam"]
        constraints = [models.UniqueConstraint(fields=["organisatie", "naam"], name="team_naam_uniek_per_organisatie")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"

    def clean(self) -> None:
        if self.cluster_id and self.organisatie_id and self.cluster.organisatie_id != self.organisatie_id:
            raise ValidationError({"cluster": _("Dit cluster hoort bij een andere organisatie.")})
        if self.soort == TeamSoort.WIJKTEAM and not self.wijk_id:
            raise ValidationError({"wijk": _("Een wijkteam hoort bij een wijk.")})


class BoksUserManager(UserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    kind = models.CharField(
        _("soort gebruiker"),
        max_length=20,
        choices=UserKind.choices,
        default=UserKind.STAFF,
        help_text=_("Medewerkers werken in teams; cliënten gebruiken alleen het portaal."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = BoksUserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_client(self) -> bool:
        return self.kind == UserKind.CLIENT


class Membership(models.Model):
    """A staff member's role in a team for a period; history is kept by ending, never deleting."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("medewerker"))
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("team"))
    role = models.CharField(_("rol"), max_length=30, choices=TeamRole.choices)
    start_date = models.DateField(_("ingangsdatum"), default=timezone.localdate)
    end_date = models.DateField(
        _("einddatum"),
        null=True,
        blank=True,
        help_text=_("Leeg zolang de medewerker deze rol in het team heeft."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        ordering = ["team__naam", "user__last_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "team", "role"],
                condition=Q(end_date__isnull=True),
                name="one_open_membership_per_user_team_role",
                violation_error_message=_("Deze medewerker heeft deze rol in dit team al."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.team.naam}"

    def clean(self) -> None:
        if not self.user_id or not self.team_id:
            return
        if self.user.kind != UserKind.STAFF:
            raise ValidationError({"user": _("Alleen medewerkers kunnen lid zijn van een team.")})
        other_organisations = (
            Membership.objects.current()
            .filter(user_id=self.user_id)
            .exclude(pk=self.pk)
            .exclude(team__organisatie_id=self.team.organisatie_id)
        )
        if self.end_date is None and other_organisations.exists():
            raise ValidationError(
                {"team": _("Deze medewerker werkt al voor een andere organisatie. Beëindig dat lidmaatschap eerst.")}
            )
