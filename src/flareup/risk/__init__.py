"""Risk areas by rule: rule sets as data, a pure classifier and the official-vs-rule comparison.

Pure: frames in, frames out; never imports the registry. See docs/methods/risk.md.

Usage::

    from flareup.risk import load_rules, classify
    rules = load_rules("china-2020")          # or the path of a user's TOML file
    res = classify(rules, counts, areas)      # counts: tidy [area, date, metric, value]
    res.daily; res.map_table("2020-10-27"); res.compare(official); res.to_designations()
"""

from __future__ import annotations

from flareup.risk.classify import DAILY_COLUMNS, MAP_COLUMNS, RiskResult, classify
from flareup.risk.clusters import derive_clusters
from flareup.risk.compare import COMPARE_COLUMNS, compare_designations, group_differences
from flareup.risk.ruleset import RuleSet, RuleSource, bundled_rule_sets, load_rules, parse_rules

__all__ = [
    "COMPARE_COLUMNS",
    "DAILY_COLUMNS",
    "MAP_COLUMNS",
    "RiskResult",
    "RuleSet",
    "RuleSource",
    "bundled_rule_sets",
    "classify",
    "compare_designations",
    "derive_clusters",
    "group_differences",
    "load_rules",
    "parse_rules",
]
