"""What a simulator process pays once, before its first day and after its last, made smaller.

A run of the simulator in a fresh process pays, besides its imports, two fixed costs of numba
that have nothing to do with the simulation (measured by ``benchmarks/bench_startup.py``, row
"simulator process"):

1. **SciPy's linear algebra at numba's first kernel.** At the first call of any jitted function
   (compiled, or loaded from numba's on-disk cache) numba initialises its CPU target, which
   imports all of numba's implementation modules. One of them, ``numba.np.arraymath``, decides
   once whether ``np.dot`` and friends may call BLAS by *importing*
   ``scipy.linalg.cython_blas``, that is the whole of ``scipy.linalg`` (with SciPy 1.16 about
   0.2 s, more than all of flareup's kernels take to load). The simulator uses no linear
   algebra. :func:`install` registers an import hook that, when ``numba.np.arraymath`` is
   about to be imported, lets that one decision be made from whether SciPy's ``cython_blas``
   module is *installed* (a look at SciPy's files, nothing imported). numba's own check
   (``numba.np.linalg.ensure_blas``) is put back at once and still runs, importing SciPy, the
   first time a jitted function types ``np.dot``, ``np.linalg.*`` etc., exactly as before.
2. **Garbage collection at exit.** CPython's finalisation runs several full collections while
   it tears the modules down, each traversing every object the collector tracks; numba's
   typing and lowering registries alone are about 100,000 objects, so exit took 0.3 s and more.
   :func:`install` registers an ``atexit`` handler that, once numba's target exists, collects
   once (so the finalisers of whatever is garbage at exit still run, as the interpreter's own
   first collection would have run them) and then moves the survivors to the permanent
   generation (``gc.freeze``), which the interpreter's later collections skip.

Both apply only once numba has initialised its target in this process; neither is an
environment setting, and a process that never calls a kernel is not affected.
"""

from __future__ import annotations

import atexit
import gc
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

_ARRAYMATH = "numba.np.arraymath"
_installed: list[bool] = []


def _scipy_blas_installed() -> bool:
    """Whether ``scipy.linalg.cython_blas`` exists, found without importing SciPy."""
    try:
        spec = importlib.util.find_spec("scipy")
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return any(
        (Path(loc) / "linalg" / f"cython_blas{suffix}").is_file()
        for loc in spec.submodule_search_locations
        for suffix in suffixes
    )


class _BlasProbe(importlib.abc.MetaPathFinder):
    """Meta-path hook: just before ``numba.np.arraymath`` is imported, swap numba's BLAS probe
    for one that looks for SciPy's file; the swap undoes itself at its first call."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname != _ARRAYMATH:
            return None
        _remove_hook()
        try:
            import numba.np.linalg as linalg
        except Exception:  # never break numba's own import over an optimisation
            return None
        original = linalg.ensure_blas

        def ensure_blas_installed() -> None:
            # Called once, by arraymath's module-level _check_blas(): restore numba's probe
            # everywhere it was bound, then answer from the files.
            linalg.ensure_blas = original
            arraymath = sys.modules.get(_ARRAYMATH)
            if arraymath is not None and getattr(arraymath, "ensure_blas", None) is probe:
                arraymath.ensure_blas = original  # type: ignore[attr-defined]
            if not _scipy_blas_installed():
                raise ImportError("scipy.linalg.cython_blas is not installed")

        probe = ensure_blas_installed
        linalg.ensure_blas = probe
        return None  # the ordinary finders import arraymath


def _remove_hook() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _BlasProbe)]


def _freeze_at_exit() -> None:
    if _ARRAYMATH not in sys.modules:  # numba's target never started: nothing to skip
        return
    gc.collect()
    gc.freeze()


def install() -> None:
    """Install the import hook and the exit handler (once per process; idempotent)."""
    if _installed:
        return
    _installed.append(True)
    if _ARRAYMATH not in sys.modules:
        sys.meta_path.insert(0, _BlasProbe())
    atexit.register(_freeze_at_exit)


def _status() -> dict[str, Any]:
    """For tests: whether the hook is still waiting, and whether SciPy's linalg is loaded."""
    return {
        "hook_waiting": any(isinstance(f, _BlasProbe) for f in sys.meta_path),
        "scipy_linalg_loaded": "scipy.linalg" in sys.modules,
    }
