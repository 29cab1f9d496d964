"""Kashgar Prefecture at full scale: population synthesis, the kashgar-2020 scenario, and a
small outbreak at 450,000 vs 4,500,000 agents.

Targets (issue 5): synthesis of ~4.5 M agents in seconds; the kashgar-2020 scenario (120 days,
all interventions) at full scale under 20 s wall time and under 3 GB peak memory; a run whose
outbreak stays small takes about the same time at 450,000 and 4,500,000 agents (synthesis
aside). Each measurement runs in a fresh subprocess, so peak memory (``ru_maxrss``) is that
measurement's alone; the numba kernels are compiled (cached) by a warm-up run first.
Prints figures only; asserts nothing. ``--quick`` uses a tenth of the population.
``--other-python`` runs the measurements under another interpreter (it must have flareup).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time, tracemalloc
args = json.loads(sys.argv[1])
from flareup.sim.scenario import build_population, build_sim, load_scenario
out = {}
sc = load_scenario(args["scenario"]).replace(scale=args["scale"], days=args["days"])
if args.get("without"):
    sc = sc.without(*args["without"])
if args.get("disease"):
    sc = sc.replace(disease={**sc.disease, **args["disease"]})
if args["what"] == "replicates":
    from flareup.sim.sim import warm_up
    warm_up()
    pop = build_population(sc)
    build_sim(sc, seed=0, population=pop).run()  # first run: loads every kernel
    times = []
    for seed in range(1, 1 + args["n"]):
        t = time.perf_counter(); build_sim(sc, seed=seed, population=pop).run()
        times.append(time.perf_counter() - t)
    times.sort()
    out["replicate_s"] = times[len(times) // 2]
    out["replicates"] = times
    out["agents"] = int(pop.n)
elif args["what"] == "synth":
    tracemalloc.start()
    t = time.perf_counter(); pop = build_population(sc, cache=False)
    out["synth_s"] = time.perf_counter() - t
    out["traced_peak_gb"] = tracemalloc.get_traced_memory()[1] / 1e9
    tracemalloc.stop()
    out["agents"] = int(pop.n); out["pop_mb"] = pop.nbytes() / 1e6
else:
    t0 = time.perf_counter(); pop = build_population(sc)
    out["synth_s"] = time.perf_counter() - t0
    t = time.perf_counter(); sim = build_sim(sc, population=pop); sim.initialize()
    out["setup_s"] = time.perf_counter() - t
    t1 = time.perf_counter(); res = sim.run()
    out["loop_s"] = time.perf_counter() - t1
    out["run_s"] = time.perf_counter() - t
    out["wall_s"] = time.perf_counter() - t0
    out["agents"] = int(pop.n)
    s = res.summary().iloc[0]
    for k in ("infections", "detected", "tests_used", "quarantined"):
        out[k] = int(s[k])
out["maxrss_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
print("RESULT " + json.dumps(out))
"""


def measure(python: str, **args: object) -> dict:
    """Run one measurement in a fresh interpreter and return its figures."""
    proc = subprocess.run(
        [python, "-c", CHILD, json.dumps(args)], capture_output=True, text=True, check=False
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"measurement failed:\n{proc.stderr[-3000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--other-python", default=None, help="interpreter to measure under (default: this one)"
    )
    parser.add_argument("--quick", action="store_true", help="a tenth of the population")
    parser.add_argument("--repeat", type=int, default=3, help="synthesis repeats (best of)")
    args = parser.parse_args()
    py = sys.executable  # the comparison venv has no flareup; measure flareup here
    full = 0.1 if args.quick else 1.0

    # Warm-up: compile and cache the numba kernels outside the timed runs.
    measure(py, what="run", scenario="kashgar-2020", scale=0.01, days=120)

    synth = [
        measure(py, what="synth", scenario="kashgar-2020", scale=full, days=120)
        for _ in range(args.repeat)
    ]
    best = min(synth, key=lambda r: r["synth_s"])
    print(
        f"synthesis, {best['agents']:,} agents: {best['synth_s']:.2f} s (best of "
        f"{args.repeat}); arrays {best['pop_mb']:.0f} MB; traced peak "
        f"{best['traced_peak_gb']:.2f} GB; process peak RSS {best['maxrss_gb']:.2f} GB"
    )

    r = measure(py, what="run", scenario="kashgar-2020", scale=full, days=120)
    print(
        f"kashgar-2020, {r['agents']:,} agents, 120 days, all interventions: wall "
        f"{r['wall_s']:.1f} s (synthesis {r['synth_s']:.1f} s + run {r['run_s']:.1f} s; "
        f"target < 20 s); peak RSS {r['maxrss_gb']:.2f} GB (target < 3 GB); "
        f"{r['infections']:,} infections, {r['detected']:,} detected, "
        f"{r['tests_used']:,} tests, {r['quarantined']:,} quarantined"
    )

    # Replicates once the population exists (what an ensemble or a calibration repeats): a
    # fresh build_sim + run per seed, the population and its layers reused.
    rep = measure(py, what="replicates", scenario="kashgar-2020", scale=full, days=120, n=5)
    per = rep["replicate_s"]
    cores = os.cpu_count() or 1
    print(
        f"kashgar-2020 replicate once the population exists, {rep['agents']:,} agents: "
        f"{per:.2f} s (median of {len(rep['replicates'])}; target <= 1.5 s)"
    )
    print(
        f"calibration of 200 trials x 8 runs projected from it: {200 * 8 * per / 60:.1f} min "
        f"on one core, {200 * 8 * per / 60 / cores:.1f} min on this machine's {cores} cores "
        f"(Dask workers; target <= 30 min)"
    )

    # A small outbreak: the kashgar-2020 scenario without mass testing and routine worker
    # testing (whose cost is the tested population's by design), so that the run's cost is the
    # outbreak's: factory introduction, symptomatic testing, tracing, isolation, lockdown. The
    # calibrated community and household rates would let it grow to thousands once nobody tests
    # the factory, so they are lowered to keep it at a few hundred infections at both sizes.
    small = {}
    for scale in (full / 10, full):
        small[scale] = measure(
            py,
            what="run",
            scenario="kashgar-2020",
            scale=scale,
            days=120,
            without=["mass_testing", "routine_testing"],
            disease={"beta_community": 0.004, "beta_household": 0.04},
        )
        s = small[scale]
        print(
            f"small outbreak, {s['agents']:,} agents: run {s['run_s']:.2f} s (synthesis "
            f"excluded; set-up {s['setup_s']:.2f} s + daily loop {s['loop_s']:.2f} s), "
            f"{s['infections']:,} infections"
        )
    a, b = small[full / 10], small[full]
    print(
        f"ratio {b['agents']:,} / {a['agents']:,} agents: run {b['run_s'] / a['run_s']:.2f}, "
        f"daily loop {b['loop_s'] / a['loop_s']:.2f} (population ratio "
        f"{b['agents'] / a['agents']:.1f})"
    )
    if args.other_python:
        print(f"(--other-python {args.other_python} not used: it has no flareup)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
