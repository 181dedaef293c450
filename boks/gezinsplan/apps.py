from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinsplanConfig(AppConfig):
    name = "boks.gezinsplan"
    verbose_name = _("Gezinsplan")

    def ready(self) -> None:
        from django.db.models import OuterRef, Subquery

        from boks.dossiers import demo as dossiers_demo
        from boks.dossiers import journal_links, sections, termijnen, workflow

        from . import selectors, services
        from .choices import AfspraakStatus, VersieStatus
        from .models import Gezinsplan, PlanAfspraak

        workflow.register_guard("uitvoering_starten", services.uitvoering_needs_vastgesteld_plan)
        dossiers_demo.register_uitvoering_preparer(_prepare_demo_uitvoering)
        journal_links.register_link(
            journal_links.JournalLink(
                name="doelen",
                label=_("Ging over de doelen"),
                choices=selectors.goal_choices,
                current=lambda entry: list(entry.doelen.values_list("pk", flat=True)),
                save=services.link_journal_goals,
                labels_for=selectors.goal_labels_for,
            )
        )
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
