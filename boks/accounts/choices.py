from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisatieSoort(models.TextChoices):
    JEUGD_EN_GEZIN = "jeugd_gezin", _("Buurtteams jeugd en gezin")
    SOCIAAL = "sociaal", _("Buurtteams sociaal")


class TeamSoort(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Wijkteam")
    SCHOOLTEAM_VO_SO = "schoolteam_vo_so", _("Schoolteam VO en SO")
    MBO_TEAM = "mbo_team", _("MBO-team")
    POOLTEAM = "poolteam", _("Poolteam")


class UserKind(models.TextChoices):
    STAFF = "medewerker", _("Medewerker")
    CLIENT = "client", _("Cliënt")


class TeamRole(models.TextChoices):
    """Roles a staff member holds in a team; the authorisation module decides what each may do."""

    GEZINSWERKER = "gezinswerker", _("Gezinswerker / buurtteammedewerker")
    TEAMMANAGER = "teammanager", _("Teammanager / teamcoach")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    KWALITEITSMEDEWERKER = "kwaliteitsmedewerker", _("Kwaliteitsmedewerker")
    PGB_BEOORDELAAR = "pgb_beoordelaar", _("PGB-beoordelaar")
    PRIVACYFUNCTIONARIS = "privacyfunctionaris", _("Privacyfunctionaris")
