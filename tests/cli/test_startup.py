"""Start-up stays light (issue 12): what ``import flareup.analytics`` and ``flareup --help`` load.

No wall-clock assertion (benchmarks/bench_startup.py measures time); these check the cause of
slowness instead: which heavy modules a fresh interpreter has loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")
HEAVY = ("pandas", "scipy", "sqlalchemy", "numba", "pyarrow")


def _loaded_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    probe = (
        f"{code}\nimport sys\n"
        f"print('LOADED:', *(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    line = next(x for x in out.stderr.splitlines() if x.startswith("LOADED:"))
    return set(line.split()[1:])


@pytest.mark.parametrize(
    "code",
    [
        "import flareup.analytics",
        "import flareup.cli",
        "import sys; sys.argv = ['flareup', '--help']\nfrom flareup.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass",
    ],
)
def test_start_up_imports_nothing_heavy(code: str) -> None:
    assert _loaded_after(code) == set()


def test_a_name_still_loads_its_module() -> None:
    assert {"pandas", "scipy"} <= _loaded_after("from flareup.analytics import fit_growth")


def test_scipy_stats_is_not_loaded_by_the_pure_packages() -> None:
    code = (
        "import flareup.analytics as a, flareup.pooling, flareup.risk\n"
        "a.fit_growth; a.wilson_interval; a.CoriRt; a.nowcast\n"
        "import sys; assert 'scipy.stats' not in sys.modules, 'scipy.stats loaded'"
    )
    env = {**os.environ, "PYTHONPATH": SRC}
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
