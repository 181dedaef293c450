"""Tables of figures: what dashboards, the report pack, exports, snapshots and the API show.

A table is plain data (it becomes JSON in a frozen report). Every cell carries the number it shows
and `n`, the number of trajecten (or clients, referrals, metingen) it rests on; suppression looks
at `n`. A row names the team it is about, if it is about exactly one, so the viewer's own team is
shown in full and the rest with small numbers suppressed."""

from dataclasses import asdict, dataclass, field

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class CelSoort(models.TextChoices):
    AANTAL = "aantal", gettext_lazy("Aantal")
    GEMIDDELDE = "gemiddelde", gettext_lazy("Gemiddelde of mediaan")
    AANDEEL = "aandeel", gettext_lazy("Aandeel (fractie)")


AANTAL, GEMIDDELDE, AANDEEL = CelSoort.AANTAL.value, CelSoort.GEMIDDELDE.value, CelSoort.AANDEEL.value


@dataclass
class Cel:
    waarde: float | int | None
    n: int = 0
    soort: str = AANTAL
    onderdrukt_onder: int = 0
    """Set by `onderdruk`: the minimum this cell fell below (0: shown)."""
    link: str = ""

    @classmethod
    def aantal(cls, value: int | None) -> "Cel":
        return cls(value or 0, value or 0, AANTAL)

    @classmethod
    def gemiddelde(cls, value, n: int | None) -> "Cel":
        return cls(value, n or 0, GEMIDDELDE)

    @classmethod
    def aandeel(cls, value, n: int | None) -> "Cel":
        return cls(value, n or 0, AANDEEL)

    @property
    def onderdrukt(self) -> bool:
        return bool(self.onderdrukt_onder)

    @property
    def tekst(self) -> str:
        """The cell as a reader sees it: '12', '6,5', '87%', '—' (nothing to count) or '< 5'."""
        if self.onderdrukt:
            return f"< {self.onderdrukt_onder}"
        if self.waarde is None:
            return "—"
        if self.soort == AANDEEL:
            return f"{number_format(round(self.waarde * 100), 0)}%"
        if self.soort == GEMIDDELDE:
            return number_format(self.waarde, 1)
        return number_format(self.waarde, 0, force_grouping=True)

    @property
    def export_waarde(self):
        """For CSV and XLSX: the number (a share as a fraction), empty when suppressed or absent."""
        if self.onderdrukt or self.waarde is None:
            return None
        return self.waarde


@dataclass
class Rij:
    sleutel: str
    label: str
    cellen: list[Cel]
    team_id: int | None = None
    totaal: bool = False


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: list[str]
    rijen: list[Rij] = field(default_factory=list)
    toelichting: str = ""
    rij_kop: str = ""
    bijlage: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Tabel":
        rows = [
            Rij(**{**row, "cellen": [Cel(**{**cel, "onderdrukt_onder": 0, "link": ""}) for cel in row["cellen"]]})
            for row in data["rijen"]
        ]
        return cls(**{**data, "rijen": rows})

    def kolom(self, index: int) -> list[Cel]:
        return [row.cellen[index] for row in self.rijen]


def onderdruk(tabellen: list[Tabel], *, eigen_team_ids: set[int], minimum: int, scope_team_id: int | None = None):
    """Suppresses, in rows that are not entirely about one of the viewer's own teams, every cell
    resting on fewer than `minimum` (but more than zero) trajecten or clients. Changes in place."""
    for tabel in tabellen:
        for row in tabel.rijen:
            team_id = row.team_id if row.team_id is not None else scope_team_id
            if team_id is not None and team_id in eigen_team_ids:
                continue
            for cel in row.cellen:
                if 0 < cel.n < minimum:
                    cel.onderdrukt_onder = minimum
    return tabellen


@dataclass(frozen=True)
class Verschil:
    tabel: str
    rij: str
    kolom: str
    gepubliceerd: str
    nu: str


def verschillen(gepubliceerd: list[Tabel], nu: list[Tabel]) -> list[Verschil]:
    """Every cell whose value differs between a frozen report and the same report computed now,
    matched by table id, row key and column; rows that appeared or disappeared count too."""
    result = []
    current = {tabel.id: tabel for tabel in nu}
    for old in gepubliceerd:
        new = current.get(old.id)
        if new is None:
            continue
        new_rows = {row.sleutel: row for row in new.rijen}
        old_rows = {row.sleutel: row for row in old.rijen}
        for key in list(old_rows) + [key for key in new_rows if key not in old_rows]:
            old_row, new_row = old_rows.get(key), new_rows.get(key)
            label = (old_row or new_row).label
            for index, kolom in enumerate(old.kolommen):
                before = old_row.cellen[index] if old_row else None
                after = new_row.cellen[index] if new_row and index < len(new_row.cellen) else None
                before_value = before.waarde if before else None
                after_value = after.waarde if after else None
                if _same(before_value, after_value):
                    continue
                if before and after and before.onderdrukt and after.onderdrukt:
                    continue  # both too small to show: saying that they differ would say too much
                result.append(
                    Verschil(
                        tabel=old.titel,
                        rij=label,
                        kolom=kolom,
                        gepubliceerd=before.tekst if before else _("(geen rij)"),
                        nu=after.tekst if after else _("(geen rij)"),
                    )
                )
    return result


def _same(before, after) -> bool:
    if before is None or after is None:
        return before is after
    return abs(before - after) < 1e-9
