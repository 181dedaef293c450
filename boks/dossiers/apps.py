from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "boks.dossiers"
    verbose_name = _("Dossiers")

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()
