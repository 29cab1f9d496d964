"""Start-up: how long ``import flareup.analytics`` and ``flareup --help`` take in a fresh process.

Prints figures only; asserts nothing. Each figure is the median (and the minimum) wall time of
``--repeat`` fresh interpreters, after one warm-up run so the operating system's file cache is
hot; the interpreter's own start (``python -c pass``) is printed beside them, and the targets of
issue 12 (0.3 s each) with the ratio to them. Heavy modules that an import pulls in (pandas,
SciPy, SQLAlchemy, numba) are listed, so a regression says where it comes from. The machine's
load average is printed too: on a loaded machine every figure grows.

    python benchmarks/bench_startup.py [--quick] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--other-python", default=None, help="unused: no comparator")
    args = ap.parse_args()
    repeat = args.repeat or (5 if args.quick else 15)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {repeat} runs each")
    base, _ = _wall([sys.executable, "-c", "pass"], repeat)
    print(f"python -c pass                 {base:.3f} s (the interpreter alone)")
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


if __name__ == "__main__":
    main()
