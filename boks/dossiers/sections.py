"""The tabs of a traject's page. Other apps register their own tab (the plan, Wat Telt, requests)
in their AppConfig.ready(), so this app never imports them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    name: str
    label: str | Promise
    url_name: str
    """A URL name that takes the traject's id as its only argument."""
    order: int


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[section.name] = section


@dataclass(frozen=True)
class Tab:
    name: str
    label: str
    url: str


def tabs_for(traject) -> list[Tab]:
    return [
        Tab(section.name, str(section.label), reverse(section.url_name, args=[traject.pk]))
        for section in sorted(_sections.values(), key=lambda section: section.order)
    ]


register_section(Section("overzicht", _("Overzicht"), "dossiers:traject", order=0))
