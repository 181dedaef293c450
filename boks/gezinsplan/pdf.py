"""The full PDF of a plan version for the dossier, rendered with WeasyPrint from an HTML template.

WeasyPrint needs the Pango library of the operating system; without it the PDF is unavailable and
the page says so instead of failing."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import selectors
from .models import Instellingen, PlanVersie


class PdfUnavailable(Exception):
    pass


def render_versie(versie: PlanVersie, *, instellingen: Instellingen) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as missing_library:
        raise PdfUnavailable(
            _("De PDF kan op deze server niet worden gemaakt: de systeembibliotheek Pango ontbreekt.")
        ) from missing_library
    html = render_to_string(
        "gezinsplan/pdf.html",
        {
            "versie": versie,
            "traject": versie.plan.traject,
            "goals": selectors.goal_views(versie, instellingen),
            "evaluaties": selectors.evaluaties_of(versie.plan).filter(versie=versie),
        },
    )
    return HTML(string=html).write_pdf()
