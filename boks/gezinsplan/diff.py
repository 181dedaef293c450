"""A readable comparison of two plan versions: per section what was added, removed or reworded,
with word-level changes in texts. Rows are matched by their identity across versions (the goal,
the agreement, the network member), not by position."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .choices import ChecklistAntwoord
from .models import PlanVersie


@dataclass
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def parts(self) -> list[tuple[str, str]]:
        """The new text as (kind, words) segments: 'same', 'removed' or 'added'."""
        old_words = re.findall(r"\S+\s*", self.old)
        new_words = re.findall(r"\S+\s*", self.new)
        parts: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
            if tag == "equal":
                parts.append(("same", "".join(new_words[b_start:b_end])))
                continue
            if a_end > a_start:
                parts.append(("removed", "".join(old_words[a_start:a_end])))
            if b_end > b_start:
                parts.append(("added", "".join(new_words[b_start:b_end])))
        return parts


@dataclass
class RowChange:
    kind: str
    """'toegevoegd', 'verwijderd' or 'gewijzigd'."""
    title: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class SectionDiff:
    title: str
    fields: list[FieldChange] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.rows)


def _field_changes(old: dict[str, str], new: dict[str, str], labels: dict[str, str]) -> list[FieldChange]:
    return [
        FieldChange(labels[name], old.get(name, ""), new.get(name, ""))
        for name in labels
        if old.get(name, "") != new.get(name, "")
    ]


def _rows(old_rows: dict, new_rows: dict, labels: dict[str, str], title_field: str) -> list[RowChange]:
    changes = []
    for key, values in new_rows.items():
        if key not in old_rows:
            changes.append(RowChange("toegevoegd", values[title_field]))
        else:
            fields = _field_changes(old_rows[key], values, labels)
            if fields:
                changes.append(RowChange("gewijzigd", values[title_field], fields))
    changes.extend(
        RowChange("verwijderd", values[title_field]) for key, values in old_rows.items() if key not in new_rows
    )
    return changes


def _goals(versie: PlanVersie) -> dict:
    return {
        goal.doel_id: {
            "omschrijving": goal.omschrijving,
            "leefgebied": goal.get_leefgebied_display(),
            "prioriteit": str(goal.prioriteit),
            "eigenaren": ", ".join(persoon.voornaam for persoon in goal.eigenaren.all()),
        }
        for goal in versie.doelen.all()
    }


def _agreements(versie: PlanVersie) -> dict:
    return {
        item.afspraak_id: {
            "wat": item.wat,
            "wie": item.wie,
            "uiterlijk_op": item.uiterlijk_op.strftime("%d-%m-%Y") if item.uiterlijk_op else "",
        }
        for item in versie.afspraken.all()
    }


def _network(versie: PlanVersie) -> dict:
    return {lid.sleutel: {"naam": lid.naam, "relatie": lid.relatie, "rol": lid.rol} for lid in versie.netwerk.all()}


def _weighings(versie: PlanVersie) -> dict:
    return {
        item.sleutel: {
            "deskundige": f"{item.deskundige} ({item.deskundigheid})",
            "tekst": item.tekst,
        }
        for item in versie.afwegingen.all()
    }


def _regie(versie: PlanVersie) -> str:
    if versie.regie_naam:
        return f"{versie.get_regie_bij_display()}: {versie.regie_naam}, {versie.regie_organisatie}"
    return versie.get_regie_bij_display()


def _checklist(versie: PlanVersie) -> str:
    labels = dict(ChecklistAntwoord.choices)
    return "\n".join(
        f"{vraag} {labels.get(antwoord, antwoord)}" for vraag, antwoord in sorted(versie.veiligheid_antwoorden.items())
    )


def compare(old: PlanVersie, new: PlanVersie) -> list[SectionDiff]:
    """Both versions must come from ``selectors.versie_for`` (content prefetched)."""
    sections = [
        SectionDiff(
            _("Vraagverheldering"),
            fields=_field_changes(
                {"v": old.vraagverheldering, "c": old.visie_client},
                {"v": new.vraagverheldering, "c": new.visie_client},
                {"v": _("De vraag van het gezin"), "c": _("Zo kijkt het gezin er zelf naar")},
            ),
        ),
        SectionDiff(
            _("Doelen"),
            rows=_rows(
                _goals(old),
                _goals(new),
                {
                    "omschrijving": _("Doel"),
                    "leefgebied": _("Leefgebied"),
                    "prioriteit": _("Volgorde"),
                    "eigenaren": _("Van wie"),
                },
                "omschrijving",
            ),
        ),
        SectionDiff(
            _("Afspraken"),
            rows=_rows(
                _agreements(old),
                _agreements(new),
                {"wat": _("Wat"), "wie": _("Wie"), "uiterlijk_op": _("Uiterlijk op")},
                "wat",
            ),
        ),
        SectionDiff(
            _("Netwerk"),
            rows=_rows(
                _network(old), _network(new), {"naam": _("Naam"), "relatie": _("Relatie"), "rol": _("Rol")}, "naam"
            ),
        ),
        SectionDiff(
            _("Regie"), fields=_field_changes({"r": _regie(old)}, {"r": _regie(new)}, {"r": _("Regie ligt bij")})
        ),
        SectionDiff(
            _("Veiligheid"),
            fields=_field_changes(
                {
                    "o": old.get_veiligheid_oordeel_display(),
                    "t": old.veiligheid_toelichting,
                    "c": _checklist(old),
                },
                {
                    "o": new.get_veiligheid_oordeel_display(),
                    "t": new.veiligheid_toelichting,
                    "c": _checklist(new),
                },
                {"o": _("Oordeel"), "t": _("Afspraken en toelichting"), "c": _("Vragen")},
            ),
        ),
        SectionDiff(
            _("Afwegingen"),
            rows=_rows(
                _weighings(old), _weighings(new), {"deskundige": _("Wie"), "tekst": _("Afweging")}, "deskundige"
            ),
        ),
    ]
    return sections
