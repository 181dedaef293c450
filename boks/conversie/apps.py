"""Conversie: bringing a team's history in from an older system, and taking it out again, in a
documented CSV format (docs/conversie.md)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversieConfig(AppConfig):
    name = "boks.conversie"
    verbose_name = _("Conversie")
