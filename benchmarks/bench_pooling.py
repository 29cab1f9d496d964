"""Pooled testing: how fast the design search and the campaign planner run, and what they give.

Prints figures only; asserts nothing. Figures: time for ``compare_designs`` over a grid of
prevalences (every family, pool sizes up to 20 and 40), the Kashgar round-1 plan (one area,
4,746,500 people) and a 200-area, 20-million-person plan; plus the designs' tests per person at a
few prevalences next to the entropy bound. ``--quick`` shrinks the grid and the large plan.
``--other-python`` is accepted for the common benchmark interface; there is no outside tool to
compare with here (R's binGroup2 is not installed in the benchmark environment).

    python benchmarks/bench_pooling.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np
import pandas as pd

from flareup.pooling import (
    UnvalidatedPoolSizeWarning,
    compare_designs,
    entropy_bound,
    plan_campaign,
)


def _time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--other-python", default=None, help="unused: no comparator")
    args = ap.parse_args()
    warnings.simplefilter("ignore", UnvalidatedPoolSizeWarning)
    grid = np.geomspace(1e-4, 0.25, 10 if args.quick else 50)
    for max_pool in (20, 40):
        t = _time(lambda mp=max_pool: [compare_designs(float(p), max_pool=mp) for p in grid], 3)
        print(
            f"compare_designs, {len(grid)} prevalences, max pool {max_pool}: {t:.3f} s "
            f"({t / len(grid) * 1e3:.1f} ms each)"
        )
    print("\nprevalence  H(p)    individual  Dorfman  3-stage  array  array+master")
    for p in (0.001, 0.01, 0.05, 0.15):
        tab = compare_designs(p, max_pool=40).set_index("design")["tests_per_person"]
        print(
            f"{p:<10g}  {entropy_bound(p):.4f}  {tab.get('individual', np.nan):.4f}      "
            f"{tab.get('dorfman', np.nan):.4f}   {tab.get('three_stage', np.nan):.4f}   "
            f"{tab.get('array', np.nan):.4f} {tab.get('array_master', np.nan):.4f}"
        )
    kash = pd.DataFrame({"code": ["653100"], "population": [4_746_500]})
    kw = dict(
        start="2020-10-24T14:00",
        teams=4110,
        swabs_per_team_hour=37.0,
        lab_tubes_per_day=392_000,
        turnaround_hours=6,
        pool_size=5,
        prevalence=26 / 4746500,
    )
    t = _time(lambda: plan_campaign(kash, **kw), 5)
    s = plan_campaign(kash, **kw).summary
    print(
        f"\nKashgar plan: {t * 1e3:.1f} ms; sampling complete {s['sampling_complete']}, "
        f"results {s['results_complete']}, {s['tests']:,.0f} tests"
    )
    n_areas = 50 if args.quick else 200
    rng = np.random.default_rng(1)
    pops = rng.integers(20_000, 180_000, n_areas)
    big = pd.DataFrame({"code": [f"A{i}" for i in range(n_areas)], "population": pops})
    t = _time(
        lambda: plan_campaign(
            big,
            start="2021-01-01T08:00",
            teams=20_000,
            swabs_per_team_hour=30,
            lab_tubes_per_day=2_000_000,
            pool_size=10,
            prevalence=0.001,
        ),
        3,
    )
    print(f"{n_areas}-area plan ({int(pops.sum()):,} people): {t:.2f} s")


if __name__ == "__main__":
    main()
