"""flareup: outbreak surveillance and response.

A case registry with provenance and audit (``flareup.registry``), reports in (``flareup.ingest``),
the epidemic's state (``flareup.analytics``), risk areas by rule (``flareup.risk``), pooled mass
testing (``flareup.pooling``) and an agent-based simulator (``flareup.sim``).

The names in ``__all__`` are the curated public API (checked by tests/test_public_api.py). They
are imported lazily, so ``import flareup`` stays fast and does not load SQLAlchemy until needed.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_LAZY: dict[str, str] = {
    # errors
    "FlareupError": "flareup.errors",
    "InputError": "flareup.errors",
    "ConfigError": "flareup.errors",
    "RegistryError": "flareup.errors",
    "NotFoundError": "flareup.errors",
    "EstimationError": "flareup.errors",
    "MissingExtraError": "flareup.errors",
    "DataTooThinWarning": "flareup.errors",
    "Problem": "flareup.errors",
    # vocabulary
    "METRICS": "flareup.schema",
    "METRIC_NAMES": "flareup.schema",
    "AreaLevel": "flareup.schema",
    "Classification": "flareup.schema",
    "Qualifier": "flareup.schema",
    "RiskLevel": "flareup.schema",
    "SourceKind": "flareup.schema",
    # reports in
    "TableKind": "flareup.ingest.model",
    "SourceInfo": "flareup.ingest.model",
    "ValidatedTable": "flareup.ingest.model",
    "read_table": "flareup.ingest.tables",
    "validate_frame": "flareup.ingest.tables",
    "parse_bulletin": "flareup.ingest.bulletin",
    "bulletin_to_counts": "flareup.ingest.bulletin",
    # the store
    "Registry": "flareup.registry",
    "ImportSummary": "flareup.registry",
    "AreaStatus": "flareup.registry",
    # the epidemic's state
    "CoriRt": "flareup.analytics",
    "UncertainSI": "flareup.analytics",
    "discr_si": "flareup.analytics",
    "rt_matrix": "flareup.analytics",
    "fit_growth": "flareup.analytics",
    "r_to_R": "flareup.analytics",
    "epicurve_from_counts": "flareup.analytics",
    "epicurve_from_linelist": "flareup.analytics",
    "nowcast": "flareup.analytics",
    # risk areas
    "load_rules": "flareup.risk",
    "classify": "flareup.risk",
    # pooled testing
    "DorfmanDesign": "flareup.pooling",
    "compare_designs": "flareup.pooling",
    "optimal_pool_size": "flareup.pooling",
    "plan_campaign": "flareup.pooling",
    # foresight
    "Sim": "flareup.sim",
    "Params": "flareup.sim",
    "SimResults": "flareup.sim",
    "synthesize": "flareup.sim.population",
    "load_scenario": "flareup.sim.scenario",
    "build_sim": "flareup.sim.scenario",
    "run_ensemble": "flareup.sim.ensemble",
    # bundled data
    "kashgar_2020": "flareup.data",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'flareup' has no attribute {name!r}")
    if name == "kashgar_2020":
        value: Any = importlib.import_module("flareup.data.kashgar_2020")
    else:
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
