"""Aanvullende zorg: Verwijzingen, maatwerk and PGB Aanvragen with their routing and besluiten."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaatwerkConfig(AppConfig):
    name = "boks.maatwerk"
    verbose_name = _("Aanvullende zorg")

    def ready(self) -> None:
        from django.db.models import OuterRef, Subquery

        from boks.dossiers import sections, termijnen, wijzigingen

        from .choices import TE_BEOORDELEN
        from .models import Aanvraag, Verwijzing

        sections.register_section(
            sections.Section("aanvullende_zorg", _("Aanvullende zorg"), "maatwerk:traject", order=30)
        )
        # The worker sees on the caseload when a besluit is due; the "te laat" filter then shows
        # requests an assessor has not decided in time, so the worker can ask after them.
        termijnen.register_due_source(
            termijnen.DueSource(
                "maatwerk.aanvraag",
                _("Besluit aanvraag"),
                lambda: Subquery(
                    Aanvraag.objects.filter(traject=OuterRef("pk"), status__in=TE_BEOORDELEN)
                    .order_by("termijn")
                    .values("termijn")[:1]
                ),
            )
        )

        wijzigingen.register(
            wijzigingen.Bron(
                _("Aanvraag"), lambda traject: Aanvraag.history.filter(traject_id=traject.pk), lambda row: str(row.id)
            )
        )
        wijzigingen.register(
            wijzigingen.Bron(
                _("Verwijzing"),
                lambda traject: Verwijzing.history.filter(traject_id=traject.pk),
                lambda row: row.aanbieder,
            )
        )

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()
