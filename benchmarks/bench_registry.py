"""Registry bulk paths: import 1,000,000 line-list rows and 100,000 count rows into SQLite and
into a throw-away PostgreSQL, then time ``status()`` for the prefecture over them.

Targets (issue 2): the million rows into SQLite in under 20 s; ``status`` under a second.

Then (issue 12): fault injection, SIGKILL of a first open (at a random schema statement or a
random moment) and of an import (at a random moment) on both backends, each followed by a check
that the store opens and is as before or as after; and two large imports at once on each
backend (no deadlock; the same file twice: the second finds nothing to do).

Prints figures only; asserts nothing. ``--quick`` uses a tenth of the rows and fewer trials;
``--faults N`` sets the trials per backend and kind.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

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


def _state(url: str, n_rows: int) -> str:
    """'before' (no counts, no counts audit entry), 'after' (all rows, one insert entry) or
    what is wrong; opening the store is part of the check."""
    reg = Registry(url)
    try:
        n = len(reg.counts(policy="all"))
        audits = len(reg.audit(table="counts"))
    finally:
        reg.close()
    if n == 0 and audits == 0:
        return "before"
    if n == n_rows and audits == 1:
        return "after"
    return f"HALF: {n} rows, {audits} audit entries"


def fault_trials(new_url: Any, label: str, trials: int, data: dict[str, pd.DataFrame]) -> None:
    """SIGKILL during first opens and imports; prints how many trials ended before / after."""
    import random
    import subprocess

    from flareup.registry.testing_faults import count_ops, random_delays, run_child

    n_ops = count_ops()
    rng = random.Random(12)
    opened, bad, killed = 0, [], 0
    for i in range(trials):
        url = new_url()
        if i % 2 == 0:  # a random schema statement
            killed += run_child(["open", url, "--kill-at-op", str(rng.randint(1, n_ops))], None)
        else:  # a random moment
            killed += run_child(["open", url], rng.uniform(0.0, 2.0))
        try:
            Registry(url).close()
            opened += 1
        except Exception as exc:  # a figure to report, not a crash of the benchmark
            bad.append(repr(exc)[:200])
    print(
        f"{label:10s} first open killed: {trials} trials ({killed} killed before the end, "
        f"{trials // 2 + trials % 2} at a random schema statement of {n_ops}); "
        f"store opened afterwards in {opened}/{trials}" + (f"; FAILED: {bad[:3]}" if bad else ""),
        flush=True,
    )
    counts = data["counts"].head(50_000)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "counts.csv"
        counts.to_csv(f, index=False)
        # how long an import takes here, to spread the kills over it
        url = new_url()
        reg = Registry(url)
        reg.import_table(_vt(TableKind.AREAS, data["areas"], "areas.csv"))
        reg.close()
        t0 = time.perf_counter()
        run_child(["import", url, "counts", str(f)], None)
        full = time.perf_counter() - t0
        outcomes: dict[str, int] = {}
        for delay in random_delays(trials, full * 1.1, seed=7):
            url = new_url()
            reg = Registry(url)
            reg.import_table(_vt(TableKind.AREAS, data["areas"], "areas.csv"))
            reg.close()
            try:
                was_killed = run_child(["import", url, "counts", str(f)], delay)
                state = _state(url, len(counts))
            except (RuntimeError, subprocess.SubprocessError, Exception) as exc:
                was_killed, state = True, f"ERROR {exc!r}"[:200]
            key = f"{'killed' if was_killed else 'finished'} -> {state}"
            outcomes[key] = outcomes.get(key, 0) + 1
    print(
        f"{label:10s} import of {len(counts):,} counts ({full:.1f} s in a child) killed at "
        f"random moments: {trials} trials: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())),
        flush=True,
    )


def concurrent_imports(url: str, label: str, data: dict[str, pd.DataFrame], n: int) -> None:
    """Two large imports at once (different files), then the same file twice at once."""
    import threading

    reg = Registry(url)
    reg.import_table(_vt(TableKind.AREAS, data["areas"], "areas.csv"))
    reg.close()
    counts = data["counts"]
    reps = -(-n // len(counts))
    big = pd.concat(
        [counts.assign(date=counts["date"] - pd.Timedelta(days=400 * k)) for k in range(reps)],
        ignore_index=True,
    ).head(n)
    frames = {
        "a.csv": big,
        "b.csv": big.assign(value=big["value"] + 1),
        "c.csv": big.assign(value=big["value"] + 2),
    }

    def both(names: list[str]) -> tuple[float, list[str]]:
        out: list[str] = []
        barrier = threading.Barrier(2)

        def one(name: str) -> None:
            r = Registry(url)
            try:
                barrier.wait()
                s = r.import_table(_vt(TableKind.COUNTS, frames[name], name))
                out.append(f"{s.inserted} inserted/{s.unchanged} unchanged")
            except Exception as exc:
                out.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            finally:
                r.close()

        t0 = time.perf_counter()
        threads = [threading.Thread(target=one, args=(nm,)) for nm in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - t0, out

    dt1, r1 = both(["a.csv", "b.csv"])
    dt2, r2 = both(["c.csv", "c.csv"])
    print(
        f"{label:10s} two imports of {n:,} rows at once: {dt1:.1f} s ({'; '.join(r1)}); "
        f"the same file twice at once: {dt2:.1f} s ({'; '.join(r2)})",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows")
    parser.add_argument("--other-python", default=None, help="ignored (no comparison tool)")
    parser.add_argument("--faults", type=int, default=None, help="fault trials per kind")
    parser.add_argument("--only-faults", action="store_true", help="only the fault trials")
    parser.add_argument(
        "--only-concurrent", action="store_true", help="only the concurrent imports"
    )
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    trials = args.faults if args.faults is not None else (6 if args.quick else 20)
    data = make_data(1_000_000 // scale, 100_000 // scale)
    repeats = 5
    with tempfile.TemporaryDirectory() as tmp:
        timing = not (args.only_faults or args.only_concurrent)
        if timing:
            run(f"sqlite:///{Path(tmp) / 'bench.db'}", data, "sqlite", repeats)
        k = iter(range(10**6))
        if not args.only_concurrent:
            fault_trials(
                lambda: f"sqlite:///{Path(tmp) / f'f{next(k)}.db'}", "sqlite", trials, data
            )
        if not args.only_faults:
            concurrent_imports(
                f"sqlite:///{Path(tmp) / 'conc.db'}", "sqlite", data, 500_000 // scale
            )
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        print(f"postgresql skipped: {exc}")
        return 0
    try:
        if not (args.only_faults or args.only_concurrent):
            run(server.create_database("bench"), data, "postgresql", repeats)
        if not args.only_concurrent:
            fault_trials(server.create_database, "postgresql", trials, data)
        if not args.only_faults:
            concurrent_imports(server.create_database("conc"), "postgresql", data, 500_000 // scale)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
