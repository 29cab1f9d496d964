"""The bulletin vocabulary (the categories of ``shared/bulletins/SCHEMA.md``) and the map from
each category to the registry metric of ``flareup.schema`` that stores it."""

from __future__ import annotations

from flareup.schema import METRICS

#: The bulletin vocabulary (``shared/bulletins/vocab.py``): category -> (registry metric, meaning).
CATEGORIES: dict[str, tuple[str, str]] = {
    "confirmed_new": ("confirmed_new", "new confirmed cases in the period"),
    "local_new": ("local_new", "new locally transmitted confirmed cases"),
    "imported_new": ("imported_new", "new imported confirmed cases"),
    "asymptomatic_new": ("asymptomatic_new", "new asymptomatic infections"),
    "asymptomatic_local_new": ("asymptomatic_local_new", "new local asymptomatic infections"),
    "asymptomatic_imported_new": (
        "asymptomatic_imported_new",
        "new imported asymptomatic infections",
    ),
    "reclassified": ("reclassified_new", "asymptomatic infections re-categorised as confirmed"),
    "suspected_new": ("suspected_new", "new suspected cases"),
    "deaths_new": ("deaths_new", "new deaths"),
    "recovered_new": ("recovered_new", "discharged / recovered in the period"),
    "asymptomatic_released_new": ("released_new", "asymptomatic released from observation"),
    "contacts_released": ("contacts_released_new", "contacts released from observation"),
    "correction": ("removed_new", "cases removed from a previously reported total"),
    "confirmed_cumulative": ("confirmed_cumulative", "cumulative confirmed cases"),
    "imported_cumulative": ("imported_cumulative", "cumulative imported confirmed cases"),
    "asymptomatic_cumulative": ("asymptomatic_cumulative", "total asymptomatic infections"),
    "infections_cumulative": ("infections_cumulative", "cumulative infections of all kinds"),
    "active": ("confirmed_current", "existing / still-treated confirmed cases"),
    "asymptomatic_active": ("asymptomatic_current", "asymptomatic still under observation"),
    "severe": ("severe_current", "severe / serious / critical cases"),
    "mild": ("mild_current", "mild cases"),
    "hospitalized": ("hospitalized_current", "persons hospitalised"),
    "suspected": ("suspected_current", "suspected cases (stock)"),
    "probable": ("probable_current", "probable cases"),
    "deaths_cumulative": ("deaths_cumulative", "cumulative deaths"),
    "recovered_cumulative": ("recovered_cumulative", "cumulative recovered"),
    "asymptomatic_released_cumulative": (
        "released_cumulative",
        "cumulative asymptomatic released from observation",
    ),
    "contacts": ("contacts_cumulative", "close contacts identified / traced"),
    "under_observation": ("under_observation_current", "people under medical observation"),
    "tested": ("tested_new", "people / samples tested"),
    "tested_negative": ("tested_negative_new", "tests with a negative result"),
    "tested_positive": ("tested_positive_new", "tests with a positive result"),
}

#: Families whose category flow vs stock alone settles, in either language: family -> (flow, stock).
FLOW_STOCK: dict[str, tuple[str, str]] = {
    "deaths": ("deaths_new", "deaths_cumulative"),
    "recovered": ("recovered_new", "recovered_cumulative"),
    "asymptomatic_released": ("asymptomatic_released_new", "asymptomatic_released_cumulative"),
}

#: A cumulative test count goes to its own metric ('a total of 4.7 million people tested').
STOCK_METRIC_OVERRIDE = {"tested": "tested_cumulative"}


def metric_for(category: str, stock: bool = False) -> str:
    """The registry metric that stores ``category`` (every category has one)."""
    metric = CATEGORIES[category][0]
    if stock and category in STOCK_METRIC_OVERRIDE:
        metric = STOCK_METRIC_OVERRIDE[category]
    if metric not in METRICS:  # pragma: no cover - guarded by a test
        raise KeyError(metric)
    return metric
