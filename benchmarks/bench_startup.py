"""Start-up: how long ``import flareup.analytics``, ``flareup --help`` and the simulator's start take.

Prints figures only; asserts nothing. Each figure is the median (and the minimum) wall time of
``--repeat`` fresh interpreters, after one warm-up run so the operating system's file cache is
hot; the interpreter's own start (``python -c pass``) is printed beside them, and the targets of
issue 12 (0.3 s each) with the ratio to them. Heavy modules that an import pulls in (pandas,
SciPy, SQLAlchemy, numba) are listed, so a regression says where it comes from. The machine's
load average is printed too: on a loaded machine every figure grows.

The simulator process (issue 9: 1,000,000 agents x 90 days >= 60x Covasim *as whole processes*)
is timed as a fresh interpreter that imports what ``benchmarks/bench_sim_covasim.py``'s worker
imports, loads the engine's numba kernels (``flareup.sim.sim.warm_up()``, from numba's on-disk
cache) and exits, split into interpreter start, imports, kernel loading and exit; once as
shipped, and with :mod:`flareup.sim._startup`'s measures undone in that process (its import
hook, which makes numba's BLAS probe skip importing scipy.linalg and freezes the survivors of a
collection after the first kernel, removed before numba starts; its pause of automatic
collection from the opt-in to the first kernel, lifted; its exit handler unregistered;
its light loading of cached kernels, without numba's implementation registries, undone), so the
saving of each is measured side by side, in wall time and in CPU time.

    python benchmarks/bench_startup.py [--quick] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_S = 0.3
HEAVY = ("pandas", "scipy", "scipy.stats", "sqlalchemy", "numba", "pyarrow", "rich")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _wall(cmd: list[str], repeat: int) -> tuple[float, float]:
    env = _env()
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def _loaded(statement: str) -> list[str]:
    code = f"{statement}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=_env(), capture_output=True, text=True, check=True
    )
    return out.stdout.split()


SIM_CODE = r"""
import resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t0, c0 = time.time(), cpu()
import flareup.sim._startup as st
import flareup.sim
flareup.sim.streamline_process()  # first, as `flareup simulate` and bench_sim_covasim's worker do
if "--no-gc-pause" in sys.argv:
    st._resume()
from flareup.sim import Params, Sim
from flareup.sim.population import PopulationParams, kashgar_area_table, synthesize
from flareup.sim.sim import warm_up
if "--no-hook" in sys.argv:
    st._remove_hook()
if "--no-loader" in sys.argv:
    st._restore_loader()
if "--no-exit" in sys.argv:
    import atexit
    atexit.unregister(st._freeze_at_exit)
t1, c1 = time.time(), cpu()
warm_up()
t2, c2 = time.time(), cpu()
print(t0, t1, t2, c0, c1, c2, "scipy.linalg" in sys.modules, "pandas" in sys.modules, flush=True)
"""


def _sim_process(flags: list[str], repeat: int) -> dict[str, float]:
    """Median phases (s) of a fresh simulator process: start, imports, kernels, exit, wall, in
    wall-clock time and in CPU time (user + system; steadier than wall time on a loaded
    machine)."""
    env = _env()
    cmd = [sys.executable, "-c", SIM_CODE, *flags]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm caches (numba's too)
    rows = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.time()
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        end = time.time()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        child_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        *times, linalg, pandas = out.stdout.split()
        t0, t1, t2, c0, c1, c2 = map(float, times)
        rows.append(
            {
                "start": t0 - start,
                "imports": t1 - t0,
                "kernels": t2 - t1,
                "exit": end - t2,
                "wall": end - start,
                "cpu_start": c0,
                "cpu_imports": c1 - c0,
                "cpu_kernels": c2 - c1,
                "cpu_exit": child_cpu - c2,
                "cpu": child_cpu,
                "linalg": float(linalg == "True"),
                "pandas": float(pandas == "True"),
            }
        )
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}


def _sim_rows(repeat: int) -> None:
    print("simulator process (imports of bench_sim_covasim's worker + warm_up() + exit):")
    for label, flags in (
        ("as shipped", []),
        (
            "without the _startup measures",
            ["--no-hook", "--no-exit", "--no-loader", "--no-gc-pause"],
        ),
        ("  without the light loading", ["--no-loader"]),
        ("  without the exit handler", ["--no-exit"]),
        ("  without the import hook", ["--no-hook"]),
        ("  without the collection pause", ["--no-gc-pause"]),
    ):
        r = _sim_process(flags, repeat)
        loaded = ", ".join(m for m, k in (("scipy.linalg", "linalg"), ("pandas", "pandas")) if r[k])
        print(
            f"  {label:<31} wall {r['wall']:.3f} s median = start {r['start']:.3f} + imports "
            f"{r['imports']:.3f} + kernels {r['kernels']:.3f} + exit {r['exit']:.3f}"
            f"; loads {loaded or 'neither scipy.linalg nor pandas'}\n"
            f"  {'':<31} CPU  {r['cpu']:.3f} s median = start {r['cpu_start']:.3f} + imports "
            f"{r['cpu_imports']:.3f} + kernels {r['cpu_kernels']:.3f} + exit {r['cpu_exit']:.3f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--other-python", default=None, help="unused: no comparator")
    ap.add_argument("--sim-only", action="store_true", help="only the simulator process rows")
    args = ap.parse_args()
    repeat = args.repeat or (5 if args.quick else 15)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {repeat} runs each")
    base, _ = _wall([sys.executable, "-c", "pass"], repeat)
    print(f"python -c pass                 {base:.3f} s (the interpreter alone)")
    if args.sim_only:
        _sim_rows(repeat)
        return
    cli = shutil.which("flareup", path=str(Path(sys.executable).parent))
    cases = [
        ("import flareup", [sys.executable, "-c", "import flareup"], "import flareup"),
        (
            "import flareup.analytics",
            [sys.executable, "-c", "import flareup.analytics"],
            "import flareup.analytics",
        ),
        (
            "flareup --help",
            [cli] if cli else [sys.executable, "-c", "from flareup.cli import main; main()"],
            "import flareup.cli",
        ),
        (
            "analytics, first estimator",
            [sys.executable, "-c", "from flareup.analytics import fit_growth"],
            "from flareup.analytics import fit_growth",
        ),
        ("import flareup.sim", [sys.executable, "-c", "import flareup.sim"], "import flareup.sim"),
    ]
    for label, cmd, statement in cases:
        if label == "flareup --help":
            cmd = [*cmd, "--help"]
        med, low = _wall(cmd, repeat)
        target = (
            f"  target {TARGET_S} s: {med / TARGET_S:.2f}x"
            if label in ("import flareup.analytics", "flareup --help")
            else ""
        )
        heavy = _loaded(statement)
        print(
            f"{label:<30} {med:.3f} s median, {low:.3f} s min{target}; "
            f"loads {', '.join(heavy) if heavy else 'none of ' + '/'.join(HEAVY)}"
        )
    _sim_rows(repeat)


if __name__ == "__main__":
    main()
