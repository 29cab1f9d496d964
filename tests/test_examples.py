"""Every script in examples/ runs and prints what it promises (figures checked, not just exit 0)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_example(name: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_every_example_is_tested() -> None:
    tested = {"kashgar_state.py", "pooling_design.py", "registry_basics.py", "simulate_kashgar.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


def test_pooling_example_reproduces_dorfman() -> None:
    out = run_example("pooling_design.py")
    # Dorfman (1943): at p = 1% the optimal pool is 11 at 0.1956 expected tests per person.
    assert "prevalence 0.010: best Dorfman pool 11" in out
    assert "0.1956 tests per person" in out


def test_kashgar_state_example_counts_each_detection_once() -> None:
    out = run_example("kashgar_state.py")
    # 376 detections in Shufu up to 5 November (sum of the bundled asymptomatic_new reports).
    assert "2020-10-25                 137" in out
    assert "R_t by 7-day window" in out
    assert "halving time" in out or "doubling time" in out


def test_registry_example_shows_the_afp_disagreement() -> None:
    out = run_example("registry_basics.py")
    assert "counts        inserted  53" in out
    assert "vanguardngr" in out  # the AFP figures stay in the store as a disagreement


@pytest.mark.slow
def test_simulation_example_runs() -> None:
    out = run_example("simulate_kashgar.py")
    assert "detected" in out
