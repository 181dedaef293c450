"""Summarises the locust CSVs of bench/load.sh into one table and build/bench/load.json."""

import csv
import json
import sys
from pathlib import Path


def aggregated(path: Path) -> dict:
    with path.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 1),
                    "p50_ms": float(row["50%"]),
                    "p95_ms": float(row["95%"]),
                }
    return {}


def main() -> None:
    out = Path(sys.argv[1])
    runs = {"think": aggregated(out / "load-think_stats.csv")}
    steps = sorted(out.glob("load-sat-*_stats.csv"), key=lambda p: int(p.name.split("-")[2].split("_")[0]))
    for path in steps:
        runs[f"saturation {path.name.split('-')[2].split('_')[0]} users"] = aggregated(path)
    print(f"{'run':24} {'requests':>8} {'errors':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for name, f in runs.items():
        if f:
            print(
                f"{name:24} {f['requests']:8d} {f['failures']:6d} {f['rps']:6.1f} {f['p50_ms']:7.0f} {f['p95_ms']:7.0f}"
            )
    below = [f["rps"] for name, f in runs.items() if name != "think" and f and f["p95_ms"] <= 1000]
    capacity = max(below) if below else None
    print(f"throughput with p95 <= 1 s: {capacity} req/s")
    (out / "load.json").write_text(json.dumps({"runs": runs, "throughput_p95_under_1s": capacity}, indent=2))


if __name__ == "__main__":
    main()
