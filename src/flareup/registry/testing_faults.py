"""Fault injection for the registry: a child process that is killed (SIGKILL) in the middle of a
first open or an import, and the check that the store is as before or as after, and opens.

Used by ``tests/registry/test_faults.py`` (a handful of trials) and by
``benchmarks/bench_registry.py --faults N`` (many). Run as a module, the child does one thing:

``python -m flareup.registry.testing_faults open URL [--kill-at-op N]``
    open (create and migrate) the store; with ``--kill-at-op`` it kills itself with SIGKILL at
    the N-th schema operation (deterministic: a kill between two ``CREATE`` statements).
``python -m flareup.registry.testing_faults import URL KIND FILE``
    import one table file (the parent kills it after a random delay).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _patch_exec(hook: Callable[[int], None]) -> None:
    """Call ``hook(n)`` before the n-th statement a migration executes (alembic's
    ``DefaultImpl._exec`` runs every DDL and data statement of a migration)."""
    from alembic.ddl.impl import DefaultImpl

    count = [0]
    orig = DefaultImpl._exec

    def inner(self: Any, *args: Any, **kwargs: Any) -> Any:
        count[0] += 1
        hook(count[0])
        return orig(self, *args, **kwargs)

    DefaultImpl._exec = inner  # type: ignore[method-assign]


def _kill_at_op(n: int) -> None:
    """The ``n``-th schema statement of the first open kills this process (SIGKILL)."""

    def hook(i: int) -> None:
        if i == n:
            os.kill(os.getpid(), signal.SIGKILL)

    _patch_exec(hook)


def _main(argv: list[str]) -> int:
    from flareup.registry import Registry

    mode, url = argv[0], argv[1]
    if mode == "open":
        if "--kill-at-op" in argv:
            _kill_at_op(int(argv[argv.index("--kill-at-op") + 1]))
        Registry(url).close()
        return 0
    if mode == "import":
        from flareup.ingest.tables import read_table

        kind, file = argv[2], argv[3]
        vt = read_table(file, kind)
        reg = Registry(url)
        try:
            reg.import_table(vt, user="fault-test")
        finally:
            reg.close()
        return 0
    raise SystemExit(f"unknown mode {mode!r}")


@dataclass
class Trial:
    """One killed child: when it was killed (None: it finished first) and what was found."""

    kind: str
    delay_s: float | None
    killed: bool
    outcome: str  # "before", "after" or a description of what was wrong


def run_child(args: list[str], kill_after_s: float | None, timeout_s: float = 120.0) -> bool:
    """Run the child with ``args``; SIGKILL it after ``kill_after_s``. True if it was killed
    before finishing."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen(
        [sys.executable, "-m", "flareup.registry.testing_faults", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if kill_after_s is None:
        _, err = proc.communicate(timeout=timeout_s)
        if proc.returncode not in (0, -signal.SIGKILL):
            raise RuntimeError(f"child failed: {err.decode(errors='replace')[-2000:]}")
        return proc.returncode == -signal.SIGKILL
    try:
        proc.wait(timeout=kill_after_s)
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"child failed: {err.decode(errors='replace')[-2000:]}")
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        return True


def count_ops() -> int:
    """How many statements a first open runs (the range for ``--kill-at-op``), counted on a
    throw-away SQLite file in a child process (the count patch must not leak into this one)."""
    import tempfile

    code = (
        "import sys; from flareup.registry import testing_faults as t; n=[0]\n"
        "t._patch_exec(lambda i: n.__setitem__(0, i))\n"
        "from flareup.registry import Registry; Registry(sys.argv[1]).close(); print(n[0])"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = (
        str(Path(__file__).resolve().parents[2]) + os.pathsep + env.get("PYTHONPATH", "")
    )
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run(
            [sys.executable, "-c", code, f"sqlite:///{d}/count.db"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return int(out.stdout.split()[-1])


def random_delays(n: int, max_s: float, seed: int) -> list[float]:
    """``n`` kill delays, uniform in [0, max_s), reproducible from ``seed``."""
    rng = random.Random(seed)
    return [rng.uniform(0.0, max_s) for _ in range(n)]


if __name__ == "__main__":  # pragma: no cover - run in a child process
    raise SystemExit(_main(sys.argv[1:]))
