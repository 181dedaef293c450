from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinsplanConfig(AppConfig):
    name = "boks.gezinsplan"
    verbose_name = _("Gezinsplan")

    def ready(self) -> None:
        from django.db.models import OuterRef, Subquery

        from boks.dossiers import demo as dossiers_demo
        from boks.dossiers import sections, termijnen, workflow

        from .choices import AfspraakStatus, VersieStatus
        from .models import Gezinsplan, PlanAfspraak
        from .services import uitvoering_needs_vastgesteld_plan

        workflow.register_guard("uitvoering_starten", uitvoering_needs_vastgesteld_plan)
        dossiers_demo.register_uitvoering_preparer(_prepare_demo_uitvoering)
        sections.register_section(sections.Section("gezinsplan", _("Gezinsplan"), "gezinsplan:plan", order=10))
        termijnen.register_due_source(
            termijnen.DueSource(
                "gezinsplan.evaluatie",
                _("Evaluatie plan"),
                lambda: Subquery(Gezinsplan.objects.filter(traject=OuterRef("pk")).values("volgende_evaluatie_op")[:1]),
            )
        )
        termijnen.register_due_source(
            termijnen.DueSource(
                "gezinsplan.afspraak",
                _("Afspraak"),
                lambda: Subquery(
                    PlanAfspraak.objects.filter(
                        versie__plan__traject=OuterRef("pk"),
                        versie__status=VersieStatus.VASTGESTELD,
                        afspraak__status=AfspraakStatus.OPEN,
                        uiterlijk_op__isnull=False,
                    )
                    .order_by("uiterlijk_op")
                    .values("uiterlijk_op")[:1]
                ),
            )
        )

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()


def _prepare_demo_uitvoering(**kwargs) -> None:
    from .demo import prepare_uitvoering

    prepare_uitvoering(**kwargs)
