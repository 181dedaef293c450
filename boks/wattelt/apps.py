from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatteltConfig(AppConfig):
    name = "boks.wattelt"
    verbose_name = _("Wat Telt")
