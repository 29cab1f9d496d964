"""The epidemic's state: pure functions and estimators on tidy frames and arrays.

incidence (epicurves, cumulative and current), serial_interval (EpiEstim's discretised gamma,
non-parametric, uncertain), rt (Cori et al. 2013 as EpiEstim, vectorised across areas), growth
(log-linear GLM growth rate, R incidence's least-squares fit and split, doubling time,
Wallinga-Lipsitch r -> R), composition (asymptomatic and severe shares with Wilson intervals),
delays and nowcast. Never imports the registry.

Names are imported lazily (PEP 562), so ``import flareup.analytics`` loads neither pandas nor
SciPy until a name is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flareup.analytics.composition import (
        asymptomatic_share,
        reclassification_rate,
        severe_share,
        wilson_interval,
    )
    from flareup.analytics.delays import DelayDistribution, delay_distribution, reporting_delays
    from flareup.analytics.growth import (
        GrowthFit,
        OptimSplit,
        R_to_r,
        fit_growth,
        fit_loglinear,
        fit_loglinear_split,
        fit_optim_split,
        growth_windows,
        r_to_R,
    )
    from flareup.analytics.incidence import (
        aggregate_to_parents,
        cumulative_and_current,
        epicurve_from_counts,
        epicurve_from_linelist,
        incidence_from_linelist,
    )
    from flareup.analytics.nowcast import nowcast, nowcast_from_linelist, onset_series
    from flareup.analytics.rt import CoriRt, RtMatrix, overall_infectivity, rt_by_area, rt_matrix
    from flareup.analytics.serial_interval import (
        UncertainSI,
        check_si_distribution,
        discr_si,
        gamma_si,
        si_from_frame,
    )

#: public name -> module that defines it
_LAZY: dict[str, str] = {
    "CoriRt": "flareup.analytics.rt",
    "DelayDistribution": "flareup.analytics.delays",
    "GrowthFit": "flareup.analytics.growth",
    "OptimSplit": "flareup.analytics.growth",
    "R_to_r": "flareup.analytics.growth",
    "RtMatrix": "flareup.analytics.rt",
    "UncertainSI": "flareup.analytics.serial_interval",
    "aggregate_to_parents": "flareup.analytics.incidence",
    "asymptomatic_share": "flareup.analytics.composition",
    "check_si_distribution": "flareup.analytics.serial_interval",
    "cumulative_and_current": "flareup.analytics.incidence",
    "delay_distribution": "flareup.analytics.delays",
    "discr_si": "flareup.analytics.serial_interval",
    "epicurve_from_counts": "flareup.analytics.incidence",
    "epicurve_from_linelist": "flareup.analytics.incidence",
    "fit_growth": "flareup.analytics.growth",
    "fit_loglinear": "flareup.analytics.growth",
    "fit_loglinear_split": "flareup.analytics.growth",
    "fit_optim_split": "flareup.analytics.growth",
    "gamma_si": "flareup.analytics.serial_interval",
    "growth_windows": "flareup.analytics.growth",
    "incidence_from_linelist": "flareup.analytics.incidence",
    "nowcast": "flareup.analytics.nowcast",
    "nowcast_from_linelist": "flareup.analytics.nowcast",
    "onset_series": "flareup.analytics.nowcast",
    "overall_infectivity": "flareup.analytics.rt",
    "r_to_R": "flareup.analytics.growth",
    "reclassification_rate": "flareup.analytics.composition",
    "reporting_delays": "flareup.analytics.delays",
    "rt_by_area": "flareup.analytics.rt",
    "rt_matrix": "flareup.analytics.rt",
    "severe_share": "flareup.analytics.composition",
    "si_from_frame": "flareup.analytics.serial_interval",
    "wilson_interval": "flareup.analytics.composition",
}

__all__ = [
    "CoriRt",
    "DelayDistribution",
    "GrowthFit",
    "OptimSplit",
    "R_to_r",
    "RtMatrix",
    "UncertainSI",
    "aggregate_to_parents",
    "asymptomatic_share",
    "check_si_distribution",
    "cumulative_and_current",
    "delay_distribution",
    "discr_si",
    "epicurve_from_counts",
    "epicurve_from_linelist",
    "fit_growth",
    "fit_loglinear",
    "fit_loglinear_split",
    "fit_optim_split",
    "gamma_si",
    "growth_windows",
    "incidence_from_linelist",
    "nowcast",
    "nowcast_from_linelist",
    "onset_series",
    "overall_infectivity",
    "r_to_R",
    "reclassification_rate",
    "reporting_delays",
    "rt_by_area",
    "rt_matrix",
    "severe_share",
    "si_from_frame",
    "wilson_interval",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'flareup.analytics' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
