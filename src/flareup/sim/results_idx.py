"""Metric indices of the engine's counters (no heavy imports: the numba kernels read these).

The registry metrics the simulator produces (names from ``flareup.schema.METRICS``, so a
simulated run and the observed series share one vocabulary), then what only a simulation knows.

The list is written out here, not built from the schema's vocabulary: the numba kernels compile
these indices into their machine code, and numba's on-disk cache is keyed by the kernel's own
source file only, so a metric added to ``schema.py`` would shift every index while cached
kernels kept writing to the old ones (it happened: a schema change made cached kernels count
infections under ``local_new``). tests/sim/test_engine.py checks the names against the schema.
"""

from __future__ import annotations

from typing import Final

#: Registry metrics (``flareup.schema.METRIC_NAMES``) that the simulator counts.
REGISTRY_METRICS: Final[tuple[str, ...]] = (
    "confirmed_new",
    "reclassified_new",
    "asymptomatic_new",
    "deaths_new",
    "recovered_new",
    "released_new",
    "tested_new",
    "imported_new",
    "confirmed_current",
    "severe_current",
    "critical_current",
    "asymptomatic_current",
    "positive_current",
    "under_observation_current",
)
EXTRA_METRICS: Final[tuple[str, ...]] = (
    "infections_new",  # true new infections (all, detected or not)
    "deaths_true_new",  # all deaths, detected or not
    "tests_used",  # PCR tests run in the lab (a pool counts once)
    "quarantined_new",  # people entering quarantine
    "infectious_current",  # true infectious people
    "exposed_current",  # true infected, not yet infectious
    "quarantined_current",  # people in quarantine (= under_observation_current)
    "isolated_current",  # detected people in isolation
    "samples_resulted_new",  # samples whose result came out (shared lab, sim.lab)
    "result_wait_days_new",  # their days from sampling to result, summed
)
ALL_METRICS: Final[tuple[str, ...]] = (*REGISTRY_METRICS, *EXTRA_METRICS)
_I = {name: i for i, name in enumerate(ALL_METRICS)}

M_CONFIRMED_NEW: Final[int] = _I["confirmed_new"]
M_RECLASSIFIED_NEW: Final[int] = _I["reclassified_new"]
M_ASYMPTOMATIC_NEW: Final[int] = _I["asymptomatic_new"]
M_DEATHS_NEW: Final[int] = _I["deaths_new"]
M_RECOVERED_NEW: Final[int] = _I["recovered_new"]
M_RELEASED_NEW: Final[int] = _I["released_new"]
M_TESTED_NEW: Final[int] = _I["tested_new"]
M_IMPORTED_NEW: Final[int] = _I["imported_new"]
M_CONFIRMED_CUR: Final[int] = _I["confirmed_current"]
M_SEVERE_CUR: Final[int] = _I["severe_current"]
M_CRITICAL_CUR: Final[int] = _I["critical_current"]
M_ASYMPTOMATIC_CUR: Final[int] = _I["asymptomatic_current"]
M_POSITIVE_CUR: Final[int] = _I["positive_current"]
M_OBSERVATION_CUR: Final[int] = _I["under_observation_current"]
M_INFECTIONS_NEW: Final[int] = _I["infections_new"]
M_DEATHS_TRUE_NEW: Final[int] = _I["deaths_true_new"]
M_TESTS_USED: Final[int] = _I["tests_used"]
M_QUARANTINED_NEW: Final[int] = _I["quarantined_new"]
M_INFECTIOUS_CUR: Final[int] = _I["infectious_current"]
M_EXPOSED_CUR: Final[int] = _I["exposed_current"]
M_QUARANTINED_CUR: Final[int] = _I["quarantined_current"]
M_ISOLATED_CUR: Final[int] = _I["isolated_current"]
M_SAMPLES_RESULTED: Final[int] = _I["samples_resulted_new"]
M_RESULT_WAIT: Final[int] = _I["result_wait_days_new"]
N_METRICS: Final[int] = len(ALL_METRICS)

#: Flows are zeroed after each day's record; stocks carry over.
FLOW_MASK: Final[tuple[bool, ...]] = tuple(
    name.endswith("_new") or name == "tests_used" for name in ALL_METRICS
)
