"""flareup.sim: a fast agent-based simulator of an outbreak and the response to it.

Engine API (contracts.md section 4 gives the population side)::

    from flareup.sim import Sim, Params, interventions as iv
    from flareup.sim.population import synthesize, kashgar_areas
    pop = synthesize(kashgar_areas(), seed=1)
    sim = Sim(pop, Params(), [iv.Importation(start="2020-09-25",
                                             workplace="shufu-garment-factory", n=3),
                              iv.RoutineTesting(group="factory_workers", interval=7),
                              iv.SymptomaticTesting(prob=0.5), iv.Isolation(),
                              iv.ContactTracing(start="2020-10-24", contacts_of_contacts=True),
                              iv.Lockdown(start="2020-10-25", areas=["653121"]),
                              iv.MassTesting(start="2020-10-25", rounds=4, interval=4,
                                             pool_size=10, areas=["653121", "653100"])],
              start_date="2020-09-20", n_days=120, seed=1)
    res = sim.run()          # SimResults: counts[run, day, area, metric]
    res.to_dataset(); res.to_frame(); res.summary(); SimResults.concat([...])

Names are imported lazily (PEP 562): ``import flareup.sim`` loads neither numba nor pandas,
``Params`` needs only numpy, and ``Sim`` loads numba and the kernels' modules. A process that
runs simulations and exits (the ``flareup simulate`` / ``calibrate`` commands, batch scripts) may
call :func:`streamline_process` first to cut two fixed costs of numba (see
:mod:`flareup.sim._startup`); importing the package changes nothing in the caller's process.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flareup.sim import analyzers, interventions
    from flareup.sim.params import LAYERS, Params
    from flareup.sim.results import SimResults
    from flareup.sim.results_idx import ALL_METRICS
    from flareup.sim.sim import PHASES, Sim

#: public name -> module that defines it (a module itself where the name is the module's)
_LAZY: dict[str, str] = {
    "ALL_METRICS": "flareup.sim.results_idx",
    "LAYERS": "flareup.sim.params",
    "PHASES": "flareup.sim.sim",
    "Params": "flareup.sim.params",
    "Sim": "flareup.sim.sim",
    "SimResults": "flareup.sim.results",
    "analyzers": "flareup.sim.analyzers",
    "interventions": "flareup.sim.interventions",
}

__all__ = [
    "ALL_METRICS",
    "LAYERS",
    "PHASES",
    "Params",
    "Sim",
    "SimResults",
    "analyzers",
    "interventions",
    "streamline_process",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'flareup.sim' has no attribute {name!r}")
    imported = importlib.import_module(module)
    value = imported if module.rsplit(".", 1)[1] == name else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def streamline_process() -> None:
    """Opt in, for a process that runs simulations and then exits, to cutting two fixed costs of
    numba there (:mod:`flareup.sim._startup`): numba's first kernel decides whether BLAS exists
    without importing SciPy's linear algebra, and the garbage collector skips the objects alive
    when the first kernel has loaded and at exit (so a cycle that was alive then and becomes
    garbage later is not reclaimed: not for a long-lived process such as a notebook or a
    server); automatic collection is paused from this call to the first kernel; numpy's
    OpenBLAS runs on one thread if numpy is not imported yet; numba's own import skips its
    SciPy version check, PyYAML and ``numpy.ma``, cached kernels load without parsing their
    bitcode, and numba's runtime library is cached as machine code in a file beside flareup's
    cached kernels (``flareup/sim/__pycache__``, or ``NUMBA_CACHE_DIR``); numpy does not ask
    for transparent huge pages for its arrays unless ``NUMPY_MADVISE_HUGEPAGE`` says so (their
    zeroing was ~30 % of a 1,000,000-agent run's timed work on the development machine). Call it before
    the first simulation, best right after ``import flareup.sim`` (a light import) and before
    importing the engine, whose imports then run without collections; idempotent. The
    simulator's results do not change."""
    from flareup.sim import _startup

    _startup.install()
