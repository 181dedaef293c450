"""The authorisation matrix as people read it: one row per subject and action, one column per role,
in each cell the relations in which that role may act. Beheer shows it (/beheer/autorisatie/) and
`manage.py autorisatiematrix` writes it into docs/authorisation.md, both from authorization.MATRIX."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .authorization import CLIENT, MATRIX, Handeling, Onderwerp, Relatie
from .choices import TeamRole

ROLES = [*TeamRole.choices, (CLIENT, _("Cliënt (portaal)"))]


@dataclass(frozen=True)
class Row:
    onderwerp: str
    handeling: str
    cells: list[str]
    voorwaarden: list[str]


def _relations(relaties) -> str:
    ordered = [relatie for relatie in Relatie.values if relatie in relaties]
    return ", ".join(str(Relatie(relatie).label) for relatie in ordered)


def rows() -> list[Row]:
    by_key: dict[tuple[str, str], dict] = {}
    for regel in MATRIX:
        entry = by_key.setdefault((regel.onderwerp, regel.handeling), {"cells": {}, "voorwaarden": []})
        entry["cells"][regel.rol] = _relations(regel.relaties)
        if regel.voorwaarde and str(regel.voorwaarde) not in entry["voorwaarden"]:
            entry["voorwaarden"].append(str(regel.voorwaarde))
    order = {value: index for index, value in enumerate(Onderwerp.values)}
    action_order = {value: index for index, value in enumerate(Handeling.values)}
    return [
        Row(
            onderwerp=str(Onderwerp(onderwerp).label),
            handeling=str(Handeling(handeling).label),
            cells=[entry["cells"].get(role, "") for role, _label in ROLES],
            voorwaarden=entry["voorwaarden"],
        )
        for (onderwerp, handeling), entry in sorted(
            by_key.items(), key=lambda item: (order[item[0][0]], action_order[item[0][1]])
        )
    ]


def markdown() -> str:
    header = ["Onderwerp", "Handeling", *(str(label) for _role, label in ROLES), "Voorwaarden"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows():
        cells = [row.onderwerp, row.handeling, *(cell or "—" for cell in row.cells), "; ".join(row.voorwaarden)]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
