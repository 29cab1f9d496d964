"""Run every ``benchmarks/bench_*.py`` in turn and print their figures (``make bench``).

Each benchmark is a script that prints its own figures and ratios; none asserts on time.
``--other-python`` is the interpreter of the benchmark-only venv that holds the tools we compare
against (Covasim, epyestim); it is passed on to each script.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--other-python", default=None, help="python of the comparison venv")
    parser.add_argument("--only", default=None, help="run only benchmarks whose name has this")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    here = Path(__file__).parent
    failed = []
    for script in sorted(here.glob("bench_*.py")):
        if args.only and args.only not in script.stem:
            continue
        cmd = [sys.executable, str(script)]
        if args.other_python:
            cmd += ["--other-python", args.other_python]
        if args.quick:
            cmd.append("--quick")
        print(f"\n=== {script.stem} ===", flush=True)
        if subprocess.call(cmd) != 0:
            failed.append(script.stem)
    if failed:
        print(f"\nbenchmarks that failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
