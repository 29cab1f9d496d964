"""The epidemic's state: pure functions and estimators on tidy frames and arrays.

incidence (epicurves, cumulative and current), serial_interval (EpiEstim's discretised gamma,
non-parametric, uncertain), rt (Cori et al. 2013 as EpiEstim, vectorised across areas), growth
(log-linear GLM growth rate, R incidence's least-squares fit and split, doubling time, Wallinga-Lipsitch r -> R), composition (asymptomatic and
severe shares with Wilson intervals), delays and nowcast. Never imports the registry.
"""

from __future__ import annotations

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
