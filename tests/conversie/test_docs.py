"""docs/conversie.md describes the format BOKS reads: every file, column and code."""

import re
from pathlib import Path

from boks.conversie import formaat

DOC = (Path(__file__).resolve().parents[2] / "docs" / "conversie.md").read_text(encoding="utf-8")


def _sectie(kop: str) -> str:
    begin = DOC.index(kop)
    volgende = re.search(r"\n##+ ", DOC[begin + len(kop) :])
    return DOC[begin : begin + len(kop) + (volgende.start() if volgende else len(DOC))]


def test_every_file_and_column_is_documented():
    for bestand in formaat.BESTANDEN:
        sectie = _sectie(f"### `{bestand.bestandsnaam}`")
        gedocumenteerd = re.findall(r"^\| `([a-z_]+)` \| (ja)? ?\|", sectie, flags=re.M)
        assert [(naam, verplicht == "ja") for naam, verplicht in gedocumenteerd] == [
            (kolom.naam, kolom.verplicht) for kolom in bestand.kolommen
        ], bestand.bestandsnaam


def test_every_code_is_documented():
    for codelijst, keuzes in formaat.VASTE_CODELIJSTEN.items():
        sectie = _sectie(f"(`{codelijst}`)")
        assert re.findall(r"^\| `([a-z_]+)` \|", sectie, flags=re.M) == list(keuzes.values), codelijst
