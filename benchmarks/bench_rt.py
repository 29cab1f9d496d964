"""R_t for many areas at once: flareup's vectorised Cori estimator against epyestim.

Same series (3,000 areas x 365 days, synthetic, seeded), same serial interval (EpiEstim's
discretised gamma, mean 4.7 sd 2.9 d), same prior (mean 5, sd 5), weekly windows; each tool
returns posterior mean, sd and the 7 EpiEstim quantiles for every area and window.
epyestim (Hilfiker et al., https://github.com/lo-hfk/epyestim) is called the way a user would:
``estimate_r`` per area (its Cori core, without its bootstrap/deconvolution wrapper) plus
``gamma_quantiles``, in the interpreter given by ``--other-python`` (the benchmark-only venv).
Prints medians of several runs, the ratio, and the largest difference between the two tools'
posterior means (they implement the same formula, so it should be at rounding level).

    python benchmarks/bench_rt.py --other-python .bench-venv/bin/python [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from flareup.analytics.rt import rt_matrix
from flareup.analytics.serial_interval import gamma_si
from flareup.errors import DataTooThinWarning
from flareup.schema import RT_QUANTILES

OTHER = r"""
import json, statistics, sys, time
import numpy as np, pandas as pd
from epyestim.estimate_r import estimate_r, gamma_quantiles
inc = np.load(sys.argv[1]); si = np.load(sys.argv[2]); repeats = int(sys.argv[3])
qs = json.loads(sys.argv[4])
a_prior, b_prior = 1.0, 5.0  # mean 5, sd 5
idx = pd.date_range("2020-01-01", periods=inc.shape[1])
series = [pd.Series(row, index=idx) for row in inc]
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    out = []
    for s in series:
        post = estimate_r(s, si, a_prior, b_prior, window_size=7)
        a, b = post["a_posterior"].to_numpy(), post["b_posterior"].to_numpy()
        res = {"mean": a * b, "std": np.sqrt(a) * b}
        for q in qs:
            res[q] = gamma_quantiles(q, a, b)
        out.append(res)
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times, "mean0": out[0]["mean"].tolist(),
                  "mean_last": out[-1]["mean"].tolist(),
                  "q975_0": out[0][0.975].tolist()}))
"""


def synthetic(n_areas: int, n_days: int, seed: int = 2020) -> np.ndarray:
    """Poisson counts around area-specific epidemic waves (sizes spanning 3 orders)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n_days)[None, :]
    peak = rng.uniform(60, 300, (n_areas, 1))
    width = rng.uniform(20, 60, (n_areas, 1))
    size = 10 ** rng.uniform(0, 3, (n_areas, 1))
    return rng.poisson(size * np.exp(-0.5 * ((t - peak) / width) ** 2) + 0.2).astype(np.int64)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--other-python", default=None, help="python of the venv with epyestim")
    p.add_argument("--quick", action="store_true", help="300 areas, fewer repeats")
    p.add_argument("--repeats", type=int, default=None)
    args = p.parse_args()
    n_areas, n_days = (300, 365) if args.quick else (3000, 365)
    repeats = args.repeats or (3 if args.quick else 7)
    inc = synthetic(n_areas, n_days)
    si = gamma_si(4.7, 2.9, n_days)
    print(
        f"R_t (Cori, weekly windows, mean + sd + 7 quantiles), {n_areas} areas x {n_days} days,"
        f" {int(inc.sum()):,} cases"
    )
    times = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataTooThinWarning)
        rt_matrix(inc[:10], si)  # warm-up
        for _ in range(repeats):
            t0 = time.perf_counter()
            m = rt_matrix(inc, si)
            times.append(time.perf_counter() - t0)
    ours = statistics.median(times)
    print(
        f"  flareup rt_matrix : median {ours:.3f} s over {repeats} runs "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )
    if not args.other_python:
        print("  epyestim          : not run (no --other-python given)")
        return 0
    with tempfile.TemporaryDirectory() as d:
        np.save(Path(d) / "inc.npy", inc)
        np.save(Path(d) / "si.npy", si)
        other_repeats = max(1, repeats // 2)
        cmd = [
            args.other_python,
            "-c",
            OTHER,
            str(Path(d) / "inc.npy"),
            str(Path(d) / "si.npy"),
            str(other_repeats),
            json.dumps(list(RT_QUANTILES)),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"  epyestim          : FAILED to run with {args.other_python}:")
        print("    " + "\n    ".join(proc.stderr.strip().splitlines()[-5:]))
        return 0
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    theirs = statistics.median(res["times"])
    print(f"  epyestim (loop)   : median {theirs:.3f} s over {len(res['times'])} runs")
    print(f"  ratio epyestim / flareup: {theirs / ours:.1f}x")
    # epyestim's windows end on days 7..T, ours (EpiEstim's) on 8..T: compare the overlap.
    m0 = np.asarray(res["mean0"])[1:]
    ml = np.asarray(res["mean_last"])[1:]
    q0 = np.asarray(res["q975_0"])[1:]
    diff = max(
        np.max(np.abs(m0 / m.mean[0] - 1)),
        np.max(np.abs(ml / m.mean[-1] - 1)),
        np.max(np.abs(q0 / m.quantile(0.975)[0] - 1)),
    )
    print(
        f"  agreement: largest relative difference in posterior mean / 97.5% quantile "
        f"(areas 1 and {n_areas}): {diff:.1e}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
