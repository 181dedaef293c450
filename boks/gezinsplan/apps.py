from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinsplanConfig(AppConfig):
    name = "boks.gezinsplan"
    verbose_name = _("Gezinsplan")

    def ready(self) -> None:
        from django.db.models import OuterRef, Subquery

        from boks.dossiers import demo as dossiers_demo
        from boks.dossiers import journal_links, sections, termijnen, wijzigingen, workflow

        from . import selectors, services
        from .choices import AfspraakStatus, VersieStatus
        from .models import (
            Afspraak,
            Afweging,
            Doel,
            DoelVoorstel,
            Evaluatie,
            Gezinsplan,
            NetwerkLid,
            PlanAfspraak,
            PlanDoel,
            PlanVersie,
            Schaalvraag,
        )

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

        def plans(traject):
            return Gezinsplan.objects.filter(traject=traject).values("pk")

        def versions(traject):
            return PlanVersie.objects.filter(plan__traject=traject).values("pk")

        for label, rows, naam in [
            (_("Gezinsplan"), lambda t: Gezinsplan.history.filter(traject_id=t.pk), lambda row: str(_("het plan"))),
            (_("Planversie"), lambda t: PlanVersie.history.filter(plan_id__in=plans(t)), lambda row: f"{row.nummer}"),
            (_("Doel"), lambda t: Doel.history.filter(plan_id__in=plans(t)), lambda row: f"{row.id}"),
            (_("Afspraak"), lambda t: Afspraak.history.filter(plan_id__in=plans(t)), lambda row: f"{row.id}"),
            (_("Doel in plan"), lambda t: PlanDoel.history.filter(versie_id__in=versions(t)), lambda r: f"{r.doel_id}"),
            (
                _("Afspraak in plan"),
                lambda t: PlanAfspraak.history.filter(versie_id__in=versions(t)),
                lambda row: f"{row.afspraak_id}",
            ),
            (_("Netwerk"), lambda t: NetwerkLid.history.filter(versie_id__in=versions(t)), lambda row: row.naam),
            (_("Afweging"), lambda t: Afweging.history.filter(versie_id__in=versions(t)), lambda row: row.deskundige),
            (
                _("Schaalvraag"),
                lambda t: Schaalvraag.history.filter(doel__plan__traject=t),
                lambda row: row.vraag[:60],
            ),
            (_("Evaluatie"), lambda t: Evaluatie.history.filter(plan_id__in=plans(t)), lambda row: f"{row.datum}"),
            (
                _("Voorgesteld doel"),
                lambda t: DoelVoorstel.history.filter(plan_id__in=plans(t)),
                lambda row: row.omschrijving[:60],
            ),
        ]:
            wijzigingen.register(wijzigingen.Bron(label, rows, naam))
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
