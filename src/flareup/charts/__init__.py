"""Charts: tidy frames -> Altair (Vega-Lite) charts, and :func:`save_chart` (.svg, .png, .html,
.json; offline through vl-convert).

The builders take frames (or result objects read by attribute) and import nothing of flareup but
the foundations, so a pure package's ``.plot()`` can import its builder lazily without an arrow
pointing up (docs/architecture.md). Altair is imported inside the builders: importing this
package, or ``flareup.analytics``, does not import Altair.

==========================  ====================================================================
builder                     draws
==========================  ====================================================================
``epicurve_chart``          an epidemic curve stacked by category or by area (day, ISO/MMWR week)
``rt_chart``                R_t with its 95% and 50% credible bands, the serial interval stated
``growth_chart``            daily counts on a log scale with the fitted exponential trend
``nowcast_chart``           reported-so-far onsets with the nowcast band over truncated days
``composition_chart``       asymptomatic and severe shares with their confidence intervals
``risk_levels_chart``       risk level of each area over time, official beside the rule's
``campaign_chart``          mass-testing progress (reported) against plans A, B, ...
``fan_chart``               a simulation fan (median, 50% and 90% bands) with observed points
``counterfactual_chart``    several scenarios' medians and 90% bands side by side
``dashboard_chart``         an epicurve above an R_t chart (``flareup state --chart``)
==========================  ====================================================================
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "epicurve_chart": "epi",
    "rt_chart": "epi",
    "growth_chart": "epi",
    "nowcast_chart": "epi",
    "composition_chart": "epi",
    "dashboard_chart": "epi",
    "risk_levels_chart": "risk",
    "risk_timeline": "risk",
    "RISK_COLORS": "style",
    "METRIC_LABELS": "style",
    "campaign_chart": "testing",
    "campaign_curves": "testing",
    "fan_bands": "sim",
    "fan_chart": "sim",
    "counterfactual_chart": "sim",
    "save_chart": "save",
    "chart_to_svg": "save",
    "CHART_SUFFIXES": "save",
    "check_chart_path": "save",
    "chart_bytes": "save",
    "growth_frame": "epi",
    "FAN_QUANTILES": "sim",
}


def __getattr__(name: str) -> Any:
    mod = _WHERE.get(name)
    if mod is None:
        raise AttributeError(f"module 'flareup.charts' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"flareup.charts.{mod}"), name)
    globals()[name] = value
    return value


__all__ = sorted(_WHERE)
