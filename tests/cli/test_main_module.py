"""``python -m flareup`` runs the same command line as the ``flareup`` script."""

from __future__ import annotations

import subprocess
import sys


def test_python_dash_m_flareup_runs_the_cli() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "flareup", "--help"], capture_output=True, text=True, timeout=60
    )
    assert ok.returncode == 0, ok.stderr
    assert "Usage:" in ok.stdout and "bulletin" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "flareup", "no-such-command"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2  # a usage mistake, as from the script
