"""What a journal entry can be linked to in other apps (the goals of the gezinsplan). An app
registers a link; the journal form offers its choices, the journal services save the chosen ids
in the entry's transaction, and the journal shows the linked items — without this app importing
the other one."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise


@dataclass(frozen=True)
class JournalLink:
    name: str
    """The form and API field, e.g. 'doelen'."""
    label: str | Promise
    choices: Callable[[object], list[tuple[int, str]]]
    """(id, label) of what an entry of this traject may link to."""
    current: Callable[[object], list[int]]
    """The ids an entry links to now."""
    save: Callable[[object, list[int]], None]
    """Replaces the entry's links; runs inside the journal service's transaction."""
    labels_for: Callable[[list], dict[int, list[str]]]
    """Entry id -> labels of what it links to, for a page of entries in a constant number of queries."""


_links: dict[str, JournalLink] = {}


def register_link(link: JournalLink) -> None:
    _links[link.name] = link


def links() -> list[JournalLink]:
    return list(_links.values())


def save_links(entry, chosen: dict[str, list[int]]) -> None:
    """Saves the links a form or API call sent; an id outside the link's choices is refused."""
    for name, ids in chosen.items():
        link = _links.get(name)
        if link is None:
            raise ValidationError({name: "Onbekende koppeling."})
        allowed = {choice for choice, _label in link.choices(entry.traject)}
        if not set(ids) <= allowed:
            raise ValidationError({name: "Kies uit de lijst."})
        link.save(entry, sorted(set(ids)))


def annotate(entries: list) -> list:
    """Gives each entry `koppelingen`: (label, [linked item labels]) per registered link."""
    found = {link.name: link.labels_for(entries) for link in _links.values()}
    for entry in entries:
        entry.koppelingen = [
            (str(link.label), found[link.name].get(entry.pk, []))
            for link in _links.values()
            if found[link.name].get(entry.pk)
        ]
    return entries
