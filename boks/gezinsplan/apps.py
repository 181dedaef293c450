from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinsplanConfig(AppConfig):
    name = "boks.gezinsplan"
    verbose_name = _("Gezinsplan")
