"""The tabs of a traject's page. Other apps register their own tab (the plan, Wat Telt, requests)
in their AppConfig.ready(), so this app never imports them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boks.accounts import authorization


@dataclass(frozen=True)
class Section:
    name: str
    label: str | Promise
    url_name: str
    """A URL name that takes the traject's id as its only argument."""
    order: int
    shown_to: Callable[[object, object], bool] | None = None
    """(user, traject) → whether the tab is there for this user; None: for whoever reads the traject."""


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[section.name] = section


@dataclass(frozen=True)
class Tab:
    name: str
    label: str
    url: str


def tabs_for(traject, user) -> list[Tab]:
    return [
        Tab(section.name, str(section.label), reverse(section.url_name, args=[traject.pk]))
        for section in sorted(_sections.values(), key=lambda section: section.order)
        if section.shown_to is None or section.shown_to(user, traject)
    ]


register_section(Section("overzicht", _("Overzicht"), "dossiers:traject", order=0))
register_section(
    Section("wijzigingen", _("Wijzigingen"), "dossiers:wijzigingen", order=90, shown_to=authorization.can_view_history)
)
