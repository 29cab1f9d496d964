"""flareup's simulator against Covasim, side by side in one run (figures, never asserts).

1. Covasim (Kerr et al. 2021; run with ``--other-python``, the benchmark-only venv) and flareup
   with 1,000,000 agents, household/school/work/community layers, no interventions, 90 days,
   20 initial infections; flareup's betas are scaled (``--beta-scale``) for a similar attack
   rate, and both attack rates are printed. Times: population synthesis + initialisation + run,
   measured inside a fresh process after startup (median of ``--runs``), plus the whole process
   wall time (everything: interpreter, imports, numba's code generator and cached machine code)
   and peak memory (flareup's worker calls ``flareup.sim.streamline_process()`` first, as the
   ``flareup simulate`` command does: among other things its cached kernels then load without
   numba's implementation registries, ``flareup.sim._startup``). CPU times (user + system) are
   printed beside the wall times: on this shared 2-core machine they are the steadier figure;
   the ratios are of wall times (``--covasim-seconds`` prints them against Covasim's figures
   measured earlier, labelled, when Covasim is not rerun). Startup is not in the timed
   figures, for either tool, and is printed: Covasim's is ``import covasim``, which loads
   Covasim's numba kernels (typed eagerly) and so starts numba; flareup's is its imports plus
   ``flareup.sim.sim.warm_up()``, which loads flareup's numba kernels (they load lazily, at
   first call) by running a 200-agent population for five days. Compilation is in neither:
   main() first runs each tool once, on a small population, so that numba's on-disk caches are
   warm. Since transmission draws each infection's
   attempts as one thinned Poisson process (2026-12-03) a seed's draws differ from before, with
   the same distribution: seed 1 now infects 37.1 % (371,451) where it infected 52.8 %, so
   compare times per infection, or over seeds. Since the household envelope and two uniforms
   per attempt (2026-12-07) the draws differ again: seeds 1-5 infect 18.8, 33.8, 64.2, 62.3 and
   57.8 % (37.1, 53.9, 63.4, 45.1, 58.7 % before); over seeds 1-20 the mean is about the same.
2. A small outbreak (R < 1, a few hundred infections) at 450,000 and at 4,500,000 agents: the
   time excluding population synthesis should be about the same, since a day's work grows with
   the infectious agents and not with the population.
3. Kashgar Prefecture at full scale (4.5 million agents), 120 days, all interventions.

    python benchmarks/bench_sim_covasim.py --other-python .bench-venv/bin/python [--quick]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

# argparse, statistics and subprocess are imported where used, by the parent process only: a
# worker process imports what Covasim's does (json, resource, sys, time) and flareup.

COVASIM_CODE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import covasim as cv
t_import = time.perf_counter() - t0
n, days, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
c0 = time.process_time()
t0 = time.perf_counter()
sim = cv.Sim(pop_size=n, pop_type='hybrid', n_days=days, pop_infected=20, rand_seed=seed,
             verbose=0)
sim.initialize()
t1 = time.perf_counter()
sim.run()
t2 = time.perf_counter()
print(json.dumps(dict(import_s=t_import, init_s=t1 - t0, run_s=t2 - t1, total_s=t2 - t0,
                      total_cpu_s=time.process_time() - c0,
                      attack=float(sim.results['cum_infections'][-1] / n),
                      peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
"""


def flareup_worker(n: int, days: int, seed: int, beta_scale: float, seeds: int) -> dict:
    """One flareup run in this process: synthesis, initialisation, run; JSON-able figures."""
    import resource

    t0 = time.perf_counter()
    import flareup.sim

    # This process simulates and exits, as `flareup simulate` does: opt in to cutting numba's
    # fixed costs there (flareup.sim.streamline_process; results unchanged), first, as that
    # command does (`import flareup.sim` is light: neither numba nor pandas).
    flareup.sim.streamline_process()
    from flareup.sim import Params, Sim
    from flareup.sim.population import PopulationParams, kashgar_area_table, synthesize
    from flareup.sim.sim import warm_up

    t_import = time.perf_counter() - t0
    # Startup, outside the timed figures as Covasim's is: `import covasim` loads its numba
    # kernels (typed eagerly, cache=True) and so starts numba's code generator; flareup's kernels
    # load at first call, so warm_up() does that here (from the cache warmed by main()).
    t0 = time.perf_counter()
    warm_up()
    t_warm = time.perf_counter() - t0
    # The area table as numpy columns (kashgar_areas()'s rows): this process never imports
    # pandas (~0.3 s), nor do synthesis, the run and the results' totals.
    areas = kashgar_area_table()
    c0 = time.process_time()
    t0 = time.perf_counter()
    pop = synthesize(
        areas, PopulationParams.load(), seed=seed, scale=n / float(areas["population"].sum())
    )
    t1 = time.perf_counter()
    p = Params()
    p = p.replace(
        **{
            f"beta_{layer}": getattr(p, f"beta_{layer}") * beta_scale
            for layer in ("household", "dormitory", "workplace", "school", "community", "between")
        }
    )
    sim = Sim(pop, p, n_days=days, seed=seed, initial_infections=seeds)
    sim.initialize()
    t2 = time.perf_counter()
    res = sim.run()
    t3 = time.perf_counter()
    c3 = time.process_time()
    return dict(
        n=pop.n,
        total_cpu_s=c3 - c0,
        import_s=t_import,
        warm_s=t_warm,
        synth_s=t1 - t0,
        init_s=t2 - t1,
        run_s=t3 - t2,
        total_s=t3 - t0,
        attack=res.total("infections_new") / pop.n,
        infections=res.total("infections_new"),
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        pandas_loaded="pandas" in sys.modules,
    )


def kashgar_worker(scale: float, seed: int) -> dict:
    """Kashgar Prefecture at ``scale`` (1.0 = 4.5 million agents), 120 days, every intervention
    of the kashgar-2020 story wired by hand (the bundled scenario file is E2's; this measures the
    engine): a factory introduction, weekly routine testing of factory workers, symptomatic
    testing, isolation, tracing with contacts of contacts, lockdown and movement restriction of
    Shufu County, four rounds of 10-pooled mass testing of Shufu then the prefecture."""
    import resource
    import warnings

    from flareup.sim import Params, Sim
    from flareup.sim import interventions as iv
    from flareup.sim.population import PopulationParams, kashgar_areas, synthesize
    from flareup.sim.sim import warm_up

    warm_up()  # numba's machine code, as in flareup_worker
    t0 = time.perf_counter()
    pop = synthesize(kashgar_areas(), PopulationParams.load(), seed=seed, scale=scale)
    t1 = time.perf_counter()
    shufu = ["653121"]
    ivs = [
        iv.Importation(start="2020-09-22", workplace="shufu-garment-factory", n=5),
        iv.RoutineTesting(start="2020-10-10", group="factory_workers", interval=7, areas=shufu),
        iv.SymptomaticTesting(prob=0.3, delay=2),
        iv.Isolation(),
        iv.ContactTracing(start="2020-10-24", coverage=0.9, contacts_of_contacts=True),
        iv.Lockdown(start="2020-10-25", areas=shufu),
        iv.MovementRestriction(start="2020-10-25", areas=shufu, factor=0.05),
        iv.MassTesting(
            start="2020-10-25",
            rounds=4,
            interval=5,
            areas=[*shufu, "653100"],
            pool_size=10,
            sampling_per_day=int(1.2e6 * scale),
            lab_tests_per_day=int(2.5e5 * scale),
        ),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sim = Sim(
            pop,
            Params().replace(beta_community=0.012, beta_workplace=0.06),
            ivs,
            start_date="2020-09-20",
            n_days=120,
            seed=seed,
        )
        sim.initialize()
        t2 = time.perf_counter()
        res = sim.run()
    t3 = time.perf_counter()
    summ = res.summary().iloc[0]
    return dict(
        n=pop.n,
        synth_s=t1 - t0,
        init_s=t2 - t1,
        run_s=t3 - t2,
        infections=int(summ["infections"]),
        detected=int(summ["detected"]),
        tests_used=int(summ["tests_used"]),
        quarantined=int(summ["quarantined"]),
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def _subprocess(cmd: list[str]) -> dict:
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    line = [x for x in out.stdout.splitlines() if x.startswith("{")][-1]
    res = json.loads(line)
    res["process_wall_s"] = wall
    # CPU time (user + system) of the whole process: steadier than wall time where other work
    # shares the machine's cores (it still grows with their contention for caches and memory).
    res["process_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return res


def _load() -> str:
    import os

    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _flareup(n: int, days: int, seed: int, beta_scale: float, seeds: int) -> dict:
    return _subprocess(
        [
            sys.executable,
            __file__,
            "--worker",
            str(n),
            str(days),
            str(seed),
            str(beta_scale),
            str(seeds),
        ]
    )


def _compile_bytecode() -> str:
    """Compile flareup's modules to bytecode (``__pycache__``), as pip does when it installs a
    package (Covasim's, numba's and numpy's modules have theirs): where PYTHONDONTWRITEBYTECODE
    is set and flareup is an editable checkout, every process would otherwise compile flareup's
    modules from source (~40 ms of CPU per process). A module edited later is recompiled from
    source as usual (its bytecode is keyed by the source's time and size)."""
    import compileall

    import flareup

    root = Path(flareup.__file__).resolve().parent
    ok = compileall.compile_dir(str(root), quiet=1)
    return f"{root} compiled to bytecode ({'ok' if ok else 'with errors'})"


def _worker_fast_path() -> bool:
    """Run a worker without the parent's imports (argparse, statistics, subprocess)."""
    argv = sys.argv[1:]
    if len(argv) == 6 and argv[0] == "--worker":
        n, days, seed, scale, seeds = argv[1:]
        print(json.dumps(flareup_worker(int(n), int(days), int(seed), float(scale), int(seeds))))
        return True
    return False


def main() -> int:
    if _worker_fast_path():
        return 0
    import argparse
    import statistics

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--other-python", default=None, help="python of the venv with covasim")
    ap.add_argument("--quick", action="store_true", help="100,000 agents, one run each")
    ap.add_argument("--runs", type=int, default=5, help="flareup runs (median reported)")
    ap.add_argument("--covasim-runs", type=int, default=3)
    # 1.45: attack rate 52.8 % (seed 1; Covasim 4.0.1: 56.0 %) with the infectiousness profile
    # over time since onset (total infectiousness infectious_days = 8; issue 9); it was 1.67
    # with the viral-load profile and 2.55 with flat infectiousness.
    ap.add_argument(
        "--beta-scale",
        type=float,
        default=1.45,
        help="flareup beta multiplier for an attack rate like Covasim's",
    )
    ap.add_argument(
        "--covasim-seconds",
        default=None,
        metavar="TIMED,WHOLE",
        help="without --other-python: Covasim's figures measured earlier on this machine "
        "(timed work, whole process, seconds) to print the ratios against, labelled as such",
    )
    ap.add_argument("--worker", nargs=5, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--kashgar-worker", nargs=2, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.kashgar_worker:
        scale, seed = args.kashgar_worker
        print(json.dumps(kashgar_worker(float(scale), int(seed))))
        return 0
    if args.worker:
        n, days, seed, scale, seeds = args.worker
        print(json.dumps(flareup_worker(int(n), int(days), int(seed), float(scale), int(seeds))))
        return 0

    n = 100_000 if args.quick else 1_000_000
    runs = 1 if args.quick else args.runs
    days = 90
    # Warm the caches once, for both tools (compilation is not part of any figure): flareup's
    # bytecode, as an installed package's (_compile_bytecode), and numba's on-disk caches.
    print(_compile_bytecode())
    _flareup(20_000, 5, 0, args.beta_scale, 20)
    if args.other_python:
        _subprocess([args.other_python, "-c", COVASIM_CODE, "20000", "5", "0"])

    print(f"1) {n:,} agents, 90 days, 20 initial infections, no interventions ({_load()})")
    fl = [_flareup(n, days, 1 + r, args.beta_scale, 20) for r in range(runs)]
    med = {
        k: statistics.median(r[k] for r in fl)
        for k in (
            "import_s",
            "warm_s",
            "synth_s",
            "init_s",
            "run_s",
            "total_s",
            "total_cpu_s",
            "process_wall_s",
            "process_cpu_s",
            "attack",
            "peak_rss_mb",
        )
    }
    print(
        f"   flareup : synthesis {med['synth_s']:.2f} s + init {med['init_s']:.2f} s + run "
        f"{med['run_s']:.2f} s = {med['total_s']:.2f} s (median of {runs}); whole process "
        f"{med['process_wall_s']:.2f} s; attack rate {med['attack']:.1%}; peak RSS "
        f"{med['peak_rss_mb']:.0f} MB (population: flareup.sim.population.synthesize, "
        f"Kashgar areas scaled); startup (not timed) {med['import_s']:.2f} s imports + "
        f"{med['warm_s']:.2f} s numba kernels\n"
        f"             CPU time: {med['total_cpu_s']:.2f} s timed work, "
        f"{med['process_cpu_s']:.2f} s whole process"
    )
    print(
        "             per run: "
        + ", ".join(f"{r['total_s']:.2f} s / {r['attack']:.0%}" for r in fl)
    )
    if args.other_python:
        cv = []
        for r in range(args.covasim_runs):
            cv.append(
                _subprocess([args.other_python, "-c", COVASIM_CODE, str(n), str(days), str(1 + r)])
            )
        cmed = {k: statistics.median(r[k] for r in cv) for k in cv[0]}
        print(
            f"   Covasim : init {cmed['init_s']:.2f} s + run {cmed['run_s']:.2f} s = "
            f"{cmed['total_s']:.2f} s (median of {len(cv)}); whole process "
            f"{cmed['process_wall_s']:.2f} s; attack rate {cmed['attack']:.1%}; peak RSS "
            f"{cmed['peak_rss_mb']:.0f} MB; startup (not timed) {cmed['import_s']:.2f} s "
            f"import covasim (numba kernels included)\n"
            f"             CPU time: {cmed['total_cpu_s']:.2f} s timed work, "
            f"{cmed['process_cpu_s']:.2f} s whole process"
        )
        print(
            "             per run: "
            + ", ".join(f"{r['total_s']:.1f} s / {r['attack']:.0%}" for r in cv)
        )
        print(
            f"   ratio   : Covasim / flareup = {cmed['total_s'] / med['total_s']:.1f}x "
            f"(synthesis+init+run), {cmed['process_wall_s'] / med['process_wall_s']:.1f}x "
            f"(whole process); in CPU time {cmed['total_cpu_s'] / med['total_cpu_s']:.1f}x and "
            f"{cmed['process_cpu_s'] / med['process_cpu_s']:.1f}x ({_load()})"
        )
    elif args.covasim_seconds and args.quick:
        print(
            "   Covasim : --covasim-seconds are figures at 1,000,000 agents: no ratio with --quick"
        )
    elif args.covasim_seconds:
        timed, whole = (float(x) for x in args.covasim_seconds.split(","))
        print(
            f"   Covasim : not rerun; figures given (--covasim-seconds): {timed:.1f} s timed "
            f"work, {whole:.1f} s whole process"
        )
        print(
            f"   ratio   : Covasim / flareup = {timed / med['total_s']:.1f}x (synthesis+init+run; "
            f"100x needs <= {timed / 100:.3f} s), {whole / med['process_wall_s']:.1f}x (whole "
            f"process; 60x needs <= {whole / 60:.3f} s) ({_load()})"
        )
    else:
        print("   Covasim : skipped (give --other-python PATH, e.g. .bench-venv/bin/python)")

    print("2) small outbreak (R < 1, 200 initial infections), 120 days")
    sizes = (45_000, 450_000) if args.quick else (450_000, 4_500_000)
    for size in sizes:
        r = _flareup(size, 120, 7, 0.45, 200)
        print(
            f"   {r['n']:>9,} agents: init {r['init_s']:.2f} s + run {r['run_s']:.2f} s "
            f"(synthesis {r['synth_s']:.2f} s aside); {r['infections']:,} infections; "
            f"peak RSS {r['peak_rss_mb']:.0f} MB"
        )

    scale = 0.1 if args.quick else 1.0
    print(f"3) Kashgar Prefecture at scale {scale} (kashgar-2020 interventions), 120 days")
    r = _subprocess([sys.executable, __file__, "--kashgar-worker", str(scale), "1"])
    print(
        f"   {r['n']:,} agents: synthesis {r['synth_s']:.2f} s, init {r['init_s']:.2f} s, run "
        f"{r['run_s']:.2f} s; {r['infections']:,} infections, {r['detected']:,} detected, "
        f"{r['tests_used']:,} tests, {r['quarantined']:,} quarantined; peak RSS "
        f"{r['peak_rss_mb']:.0f} MB (process {r['process_wall_s']:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    raise SystemExit(main())
