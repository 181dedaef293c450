from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatteltConfig(AppConfig):
    name = "boks.wattelt"
    verbose_name = _("Wat Telt")

    def ready(self) -> None:
        from boks.dossiers import sections, termijnen, wijzigingen

        from . import schedule
        from .models import Meting

        sections.register_section(sections.Section("wattelt", _("Wat Telt"), "wattelt:traject", order=20))
        termijnen.register_due_source(termijnen.DueSource("wattelt.ronde", _("Wat Telt"), schedule.vervaldatum))
        wijzigingen.register(
            wijzigingen.Bron(
                _("Wat Telt-meting"),
                lambda traject: Meting.history.filter(traject_id=traject.pk),
                lambda row: f"{row.datum:%d-%m-%Y}",
            )
        )

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()
