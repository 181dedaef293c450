from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatteltConfig(AppConfig):
    name = "boks.wattelt"
    verbose_name = _("Wat Telt")

    def ready(self) -> None:
        from boks.dossiers import sections, termijnen

        from . import schedule

        sections.register_section(sections.Section("wattelt", _("Wat Telt"), "wattelt:traject", order=20))
        termijnen.register_due_source(termijnen.DueSource("wattelt.ronde", _("Wat Telt"), schedule.vervaldatum))

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()
