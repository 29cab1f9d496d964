"""Rule sets as data: loading and strict validation of ``risk/rules/*.toml``.

A rule file names its engine (``cumulative_cluster`` for China 2020, ``infection_residence`` for
China's protocol edition 9, ``incidence_threshold`` for ECDC-style cut-offs), the area units it
is written for, its source and version, what counts as a case, and the engine's parameters.
Every key is checked: an unknown key, a missing key or a value of the wrong type raises
:class:`~flareup.errors.ConfigError` naming the file and the dotted key, so a broken rule file
never reaches the classifier.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

from flareup.errors import ConfigError
from flareup.schema import (
    FLOW_METRICS,
    METRIC_NAMES,
    STOCK_METRICS,
    AreaLevel,
    Classification,
    RiskLevel,
)

ENGINES: Final[tuple[str, ...]] = (
    "cumulative_cluster",
    "infection_residence",
    "incidence_threshold",
)
INDICATORS: Final[tuple[str, ...]] = ("rate7", "rate14", "positivity", "testing_rate")
BOUNDS: Final[tuple[str, ...]] = ("min", "above", "max", "below")


# A spec maps each key to a type (str, int, float, bool, dt.date, list[str] as (list, str)),
# a nested spec (dict) or a list of tables ([spec]). Keys ending in "?" are optional.
Spec = dict[str, Any]

_COMMON: Final[Spec] = {
    "name": str,
    "version": str,
    "title": str,
    "engine": str,
    "units": (list, str),
    "source": {"citation": str, "url": str, "published": dt.date, "notes": str},
    "counting": {
        "case_metrics": (list, str),
        "subtract_metrics": (list, str),
        "not_counted_metrics": (list, str),
        # Stocks that bound the cumulative count from below (confirmed_current: everyone still
        # under treatment was once a new case), with the flows that leave the stock.
        "stock_metrics?": (list, str),
        "stock_outflow_metrics?": (list, str),
        "note": str,
    },
}

_ENGINE_SPECS: Final[dict[str, Spec]] = {
    "cumulative_cluster": {
        "thresholds": {
            "window_days": int,
            "cumulative_cases_above": int,
            "cluster_window_days": int,
        },
        "stepdown": {"quiet_days": int},
        "cluster": {"min_linked_cases": int, "window_days": int, "classifications": (list, str)},
    },
    "infection_residence": {
        "stepdown": {
            "high_quiet_days": int,
            "testing_day": int,
            "allow_late_testing_round": bool,
            "medium_quiet_days": int,
        },
    },
    "incidence_threshold": {
        "indicators": {"per_population": int, "positivity_window_days": int},
        "insufficient": {"testing_rate_max": float},
        "criteria": [
            {
                "level": str,
                "label": str,
                **{f"{ind}?": {f"{b}?": float for b in BOUNDS} for ind in INDICATORS},
            }
        ],
    },
}


@dataclass(frozen=True, slots=True)
class RuleSource:
    """Where a rule set comes from."""

    citation: str
    url: str
    published: dt.date
    notes: str


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A validated rule set. ``params`` holds the engine's sections as loaded (read-only use)."""

    name: str
    version: str
    title: str
    engine: str
    units: tuple[str, ...]
    source: RuleSource
    case_metrics: tuple[str, ...]
    subtract_metrics: tuple[str, ...]
    not_counted_metrics: tuple[str, ...]
    counting_note: str
    params: Mapping[str, Any] = field(repr=False)
    file: str = ""
    stock_metrics: tuple[str, ...] = ()
    stock_outflow_metrics: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``name@version``, as stored with computed designations."""
        return f"{self.name}@{self.version}"

    @property
    def metrics(self) -> tuple[str, ...]:
        """Every metric the rule reads (what to fetch from a registry), sorted."""
        return tuple(
            sorted(
                set(self.case_metrics)
                | set(self.subtract_metrics)
                | set(self.not_counted_metrics)
                | set(self.stock_metrics)
                | set(self.stock_outflow_metrics)
            )
        )


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return f"a list of {_type_name(expected[1])}"
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        dt.date: "a date (YYYY-MM-DD, unquoted)",
    }.get(expected, "a table")


def _check_scalar(value: Any, expected: Any) -> bool:
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if isinstance(expected, tuple):
        return isinstance(value, list) and all(_check_scalar(v, expected[1]) for v in value)
    return isinstance(value, expected)


def _validate(table: Any, spec: Spec, file: str, prefix: str = "") -> None:
    if not isinstance(table, dict):
        raise ConfigError(
            f"expected a table, got {type(table).__name__}", file=file, key=prefix or None
        )
    keys = {k.rstrip("?"): k for k in spec}
    for key in table:
        if key not in keys:
            known = ", ".join(sorted(keys))
            raise ConfigError(f"unknown key (known here: {known})", file=file, key=f"{prefix}{key}")
    for name, raw in keys.items():
        dotted = f"{prefix}{name}"
        expected = spec[raw]
        if name not in table:
            if raw.endswith("?"):
                continue
            raise ConfigError(
                f"missing key (expected {_type_name(expected)})", file=file, key=dotted
            )
        value = table[name]
        if isinstance(expected, dict):
            _validate(value, expected, file, f"{dotted}.")
        elif isinstance(expected, list):
            if not isinstance(value, list) or not value:
                raise ConfigError(
                    "expected a non-empty list of tables ([[...]])", file=file, key=dotted
                )
            for i, item in enumerate(value):
                _validate(item, expected[0], file, f"{dotted}[{i}].")
        elif not _check_scalar(value, expected):
            raise ConfigError(
                f"expected {_type_name(expected)}, got {type(value).__name__} {value!r}",
                file=file,
                key=dotted,
            )


def _positive(data: Mapping[str, Any], section: str, keys: tuple[str, ...], file: str) -> None:
    for key in keys:
        if data[section][key] < 1:
            raise ConfigError("must be at least 1", file=file, key=f"{section}.{key}")


def _check_values(data: dict[str, Any], file: str) -> None:
    engine = data["engine"]
    for unit in data["units"]:
        if unit not in {lv.value for lv in AreaLevel}:
            raise ConfigError(
                f"unknown area level {unit!r} (known: {', '.join(AreaLevel)})",
                file=file,
                key="units",
            )
    if not data["units"]:
        raise ConfigError("needs at least one area level", file=file, key="units")
    for key in ("case_metrics", "subtract_metrics", "not_counted_metrics"):
        for metric in data["counting"][key]:
            if metric not in METRIC_NAMES:
                raise ConfigError(
                    f"unknown metric {metric!r} (known: {', '.join(METRIC_NAMES)})",
                    file=file,
                    key=f"counting.{key}",
                )
    for key, allowed, kind in (
        ("stock_metrics", STOCK_METRICS, "stock"),
        ("stock_outflow_metrics", FLOW_METRICS, "flow"),
    ):
        for metric in data["counting"].get(key, []):
            if metric not in allowed:
                raise ConfigError(
                    f"{metric!r} is not a {kind} metric (known: {', '.join(allowed)})",
                    file=file,
                    key=f"counting.{key}",
                )
    if data["counting"].get("stock_outflow_metrics") and not data["counting"].get("stock_metrics"):
        raise ConfigError(
            "outflows need stock_metrics", file=file, key="counting.stock_outflow_metrics"
        )
    if not data["counting"]["case_metrics"]:
        raise ConfigError("needs at least one metric", file=file, key="counting.case_metrics")
    if engine == "cumulative_cluster":
        _positive(data, "thresholds", ("window_days", "cluster_window_days"), file)
        if data["thresholds"]["cumulative_cases_above"] < 0:
            raise ConfigError(
                "must be 0 or more", file=file, key="thresholds.cumulative_cases_above"
            )
        _positive(data, "stepdown", ("quiet_days",), file)
        _positive(data, "cluster", ("min_linked_cases", "window_days"), file)
        for c in data["cluster"]["classifications"]:
            if c not in {x.value for x in Classification}:
                raise ConfigError(
                    f"unknown classification {c!r}", file=file, key="cluster.classifications"
                )
    elif engine == "infection_residence":
        _positive(data, "stepdown", ("high_quiet_days", "testing_day", "medium_quiet_days"), file)
    elif engine == "incidence_threshold":
        _positive(data, "indicators", ("per_population", "positivity_window_days"), file)
        for i, crit in enumerate(data["criteria"]):
            if crit["level"] not in {lv.value for lv in RiskLevel}:
                raise ConfigError(
                    f"unknown level {crit['level']!r} (known: low, medium, high)",
                    file=file,
                    key=f"criteria[{i}].level",
                )
            if not any(ind in crit for ind in INDICATORS):
                raise ConfigError(
                    f"a criterion needs a bound on at least one of {', '.join(INDICATORS)}",
                    file=file,
                    key=f"criteria[{i}]",
                )


def parse_rules(data: dict[str, Any], *, file: str = "<rules>") -> RuleSet:
    """Validate a parsed rule table (as from :func:`tomllib.load`) and build a :class:`RuleSet`."""
    if not isinstance(data, dict):
        raise ConfigError("a rule file must be a TOML table", file=file)
    engine = data.get("engine")
    if engine is None:
        raise ConfigError(f"missing key (one of {', '.join(ENGINES)})", file=file, key="engine")
    if engine not in ENGINES:
        raise ConfigError(
            f"unknown engine {engine!r} (known: {', '.join(ENGINES)})", file=file, key="engine"
        )
    spec: Spec = {**_COMMON, **_ENGINE_SPECS[engine]}
    _validate(data, spec, file)
    _check_values(data, file)
    src = data["source"]
    counting = data["counting"]
    params = {k: data[k] for k in _ENGINE_SPECS[engine]}
    return RuleSet(
        name=data["name"],
        version=data["version"],
        title=data["title"],
        engine=engine,
        units=tuple(data["units"]),
        source=RuleSource(src["citation"], src["url"], src["published"], src["notes"]),
        case_metrics=tuple(counting["case_metrics"]),
        subtract_metrics=tuple(counting["subtract_metrics"]),
        not_counted_metrics=tuple(counting["not_counted_metrics"]),
        counting_note=counting["note"],
        params=params,
        file=file,
        stock_metrics=tuple(counting.get("stock_metrics", ())),
        stock_outflow_metrics=tuple(counting.get("stock_outflow_metrics", ())),
    )


def bundled_rule_sets() -> list[str]:
    """Names of the rule sets shipped with flareup (the files in ``flareup/risk/rules``)."""
    folder = resources.files("flareup.risk").joinpath("rules")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_rules(name_or_path: str | Path) -> RuleSet:
    """Load a bundled rule set by name (``china-2020``) or a user's TOML file by path."""
    text: str
    file: str
    candidate = Path(name_or_path)
    if isinstance(name_or_path, str) and name_or_path in bundled_rule_sets():
        res = resources.files("flareup.risk").joinpath("rules", f"{name_or_path}.toml")
        text, file = res.read_text(encoding="utf-8"), f"rules/{name_or_path}.toml"
    elif candidate.is_file():
        file = str(name_or_path)
        try:
            text = candidate.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=file
            ) from None
        except OSError as exc:
            raise ConfigError(f"cannot read file: {exc.strerror or exc}", file=file) from None
    else:
        raise ConfigError(
            f"no bundled rule set or file called {str(name_or_path)!r}; "
            f"bundled: {', '.join(bundled_rule_sets())}",
            file=str(name_or_path),
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=file) from None
    return parse_rules(data, file=file)
