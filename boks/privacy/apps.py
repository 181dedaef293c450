"""Privacy: external requests for data (handhaving), the AVG rights of clients, and retention."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "boks.privacy"
    verbose_name = _("Privacy en AVG")

    def ready(self) -> None:
        from django.db.models import OuterRef, Subquery

        from boks.dossiers import sections, termijnen

        from .choices import EXTERN_OPEN, AvgStatus
        from .models import AvgVerzoek, ExternVerzoek

        sections.register_section(sections.Section("privacy", _("Privacy"), "privacy:traject", order=50))
        # An external request and an AVG request both have a legal deadline; the caseload shows it.
        termijnen.register_due_source(
            termijnen.DueSource(
                "privacy.extern_verzoek",
                _("Extern verzoek"),
                lambda: Subquery(
                    ExternVerzoek.objects.filter(traject=OuterRef("pk"), status__in=EXTERN_OPEN)
                    .order_by("termijn")
                    .values("termijn")[:1]
                ),
            )
        )
        termijnen.register_due_source(
            termijnen.DueSource(
                "privacy.avg_verzoek",
                _("AVG-verzoek"),
                lambda: Subquery(
                    AvgVerzoek.objects.filter(traject=OuterRef("pk"), status=AvgStatus.INGEDIEND)
                    .order_by("termijn")
                    .values("termijn")[:1]
                ),
            )
        )

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()
