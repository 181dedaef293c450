from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentenConfig(AppConfig):
    name = "boks.documenten"
    verbose_name = _("Documenten, vragenlijsten en links")

    def ready(self) -> None:
        from boks.dossiers import sections, wijzigingen

        from .models import Document

        sections.register_section(sections.Section("documenten", _("Documenten"), "documenten:traject", order=40))
        wijzigingen.register(
            wijzigingen.Bron(
                _("Document"),
                lambda traject: Document.history.filter(huishouden_id=traject.huishouden_id),
                lambda row: row.titel,
            )
        )

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()
