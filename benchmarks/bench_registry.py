"""Registry bulk paths: import 1,000,000 line-list rows and 100,000 count rows into SQLite and
into a throw-away PostgreSQL, then time ``status()`` for the prefecture over them.

Targets (issue 2): the million rows into SQLite in under 20 s; ``status`` under a second.
Prints figures only; asserts nothing. ``--quick`` uses a tenth of the rows.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
from flareup.registry import Registry
from flareup.registry.testing_pg import PostgresUnavailable, start_postgres
from flareup.rng import generator
from flareup.schema import METRIC_NAMES, SourceKind

PREF = "653100"


def _vt(kind: TableKind, df: pd.DataFrame, name: str) -> ValidatedTable:
    df = df.copy()
    df["row"] = np.arange(1, len(df) + 1)
    digest = hashlib.sha256(name.encode()).hexdigest()
    return ValidatedTable(
        kind, df, name, SourceInfo(SourceKind.TABLE_FILE, name, uri=name, sha256=digest)
    )


def make_data(n_cases: int, n_counts: int, seed: int = 2020) -> dict[str, pd.DataFrame]:
    """A prefecture with 12 counties of 20 townships each; counts and cases at townships."""
    rng = generator(seed)
    areas = [
        {"code": "650000", "name_en": "Xinjiang", "level": "province", "parent_code": None},
        {"code": PREF, "name_en": "Kashgar", "level": "prefecture", "parent_code": "650000"},
    ]
    towns = []
    for c in range(1, 13):
        county = f"6531{c:02d}"
        areas.append(
            {"code": county, "name_en": f"County {c}", "level": "county", "parent_code": PREF}
        )
        for t in range(1, 21):
            code = f"{county}{t:03d}"
            towns.append(code)
            areas.append(
                {
                    "code": code,
                    "name_en": f"Town {c}-{t}",
                    "level": "township",
                    "parent_code": county,
                }
            )
    days = pd.date_range("2020-09-01", periods=int(np.ceil(n_counts / (len(towns) * 14))))
    grid = pd.MultiIndex.from_product(
        [towns, days, METRIC_NAMES], names=["area", "date", "metric"]
    ).to_frame(index=False)
    counts = grid.iloc[:n_counts].copy()
    counts["value"] = rng.poisson(5, len(counts)).astype("int64")
    counts["qualifier"] = "exact"
    start = np.datetime64("2020-08-01")
    rep = start + rng.integers(0, 90, n_cases).astype("timedelta64[D]")
    onset = rep - rng.integers(0, 8, n_cases).astype("timedelta64[D]")
    cls = np.where(rng.random(n_cases) < 0.4, "confirmed", "asymptomatic")
    sev = np.where(
        cls == "confirmed",
        rng.choice(["mild", "moderate", "severe", "critical"], n_cases, p=[0.6, 0.3, 0.08, 0.02]),
        None,
    )
    cases = pd.DataFrame(
        {
            "id": [f"C{i:07d}" for i in range(n_cases)],
            "location": np.asarray(towns)[rng.integers(0, len(towns), n_cases)],
            "date_onset": pd.to_datetime(onset),
            "date_reporting": pd.to_datetime(rep),
            "classification": cls,
            "severity": sev,
            "outcome": rng.choice(["under_care", "recovered", "released"], n_cases),
            "imported": rng.random(n_cases) < 0.01,
            "age_group": rng.choice(["0-9", "10-19", "20-39", "40-59", "60+"], n_cases),
            "cluster": np.where(rng.random(n_cases) < 0.5, "K1", None),
        }
    )
    for c in ("classification", "severity", "outcome", "age_group", "cluster", "id", "location"):
        cases[c] = cases[c].astype("str").where(cases[c].notna(), None)
    return {"areas": pd.DataFrame(areas), "counts": counts, "cases": cases}


def run(url: str, data: dict[str, pd.DataFrame], label: str, repeats: int) -> None:
    reg = Registry(url)
    try:
        reg.import_table(_vt(TableKind.AREAS, data["areas"], "areas.csv"))
        t0 = time.perf_counter()
        reg.import_table(_vt(TableKind.COUNTS, data["counts"], "counts.csv"))
        t1 = time.perf_counter()
        reg.import_table(_vt(TableKind.CASES, data["cases"], "linelist.csv"))
        t2 = time.perf_counter()
        again = time.perf_counter()
        s = reg.import_table(_vt(TableKind.COUNTS, data["counts"], "counts.csv"))
        again = time.perf_counter() - again
        assert s.inserted == 0
        times = []
        for _ in range(repeats):
            a = time.perf_counter()
            st = reg.status(PREF, date="2020-10-15")
            times.append(time.perf_counter() - a)
        n_cases, n_counts = len(data["cases"]), len(data["counts"])
        print(
            f"{label:10s} import {n_counts:>9,} counts {t1 - t0:6.2f} s | "
            f"{n_cases:>9,} cases {t2 - t1:6.2f} s | re-import counts (no change) "
            f"{again:5.2f} s | status({PREF}) median of {repeats}: "
            f"{statistics.median(times):.3f} s (min {min(times):.3f})",
            flush=True,
        )
        print(
            f"{'':10s} status: {len(st.metrics)} metrics, line list {st.linelist['cases']:,}"
            f" cases on or before {st.date}",
            flush=True,
        )
    finally:
        reg.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows")
    parser.add_argument("--other-python", default=None, help="ignored (no comparison tool)")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    data = make_data(1_000_000 // scale, 100_000 // scale)
    repeats = 5
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'bench.db'}", data, "sqlite", repeats)
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        print(f"postgresql skipped: {exc}")
        return 0
    try:
        run(server.create_database("bench"), data, "postgresql", repeats)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
