"""The shared vocabulary of flareup: metric names, line-list columns, classifications, levels.

Every package speaks these names; nothing here imports anything else of ours. Where a name
follows an outside convention it says which: counts are tidy long frames as R's incidence2
(one row per area, date, metric, value); line lists use the Epiverse ``linelist`` tags;
contacts use epicontacts' ``from``/``to``; Rt output uses EpiEstim's ``t_start``/``t_end``.

Reporting categories follow China's 2020 practice (National Health Commission, "Protocol on
prevention and control of COVID-19", editions 6-8): an asymptomatic infection is not a
confirmed case; if symptoms appear it is *reclassified*, counted among that day's new confirmed
cases, and leaves the current asymptomatic stock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class MetricKind(StrEnum):
    """Whether a metric counts events in a period (flow) or people at a moment (stock)."""

    FLOW = "flow"
    STOCK = "stock"


@dataclass(frozen=True, slots=True)
class Metric:
    """One reported quantity: its name, whether it is a flow or a stock, and its definition."""

    name: str
    kind: MetricKind
    definition: str


_METRIC_LIST: Final[tuple[Metric, ...]] = (
    Metric(
        "confirmed_new",
        MetricKind.FLOW,
        "new confirmed (symptomatic) cases reported in the period, reclassifications included",
    ),
    Metric(
        "reclassified_new",
        MetricKind.FLOW,
        "asymptomatic infections confirmed in the period after symptoms appeared; already "
        "counted in confirmed_new and leaving the asymptomatic stock",
    ),
    Metric(
        "asymptomatic_new",
        MetricKind.FLOW,
        "new asymptomatic infections (test-positive, no symptoms) reported in the period",
    ),
    Metric("deaths_new", MetricKind.FLOW, "deaths reported in the period"),
    Metric(
        "recovered_new", MetricKind.FLOW, "confirmed cases discharged as recovered in the period"
    ),
    Metric(
        "released_new",
        MetricKind.FLOW,
        "asymptomatic infections released from medical observation in the period",
    ),
    Metric("tested_new", MetricKind.FLOW, "people tested (sampled and resulted) in the period"),
    Metric(
        "imported_new",
        MetricKind.FLOW,
        "new infections (confirmed or asymptomatic) acquired outside the area, in the period",
    ),
    Metric(
        "confirmed_current",
        MetricKind.STOCK,
        "confirmed cases under treatment at the end of the period",
    ),
    Metric(
        "severe_current",
        MetricKind.STOCK,
        "confirmed cases in severe condition at the end of the period (part of confirmed_current)",
    ),
    Metric(
        "critical_current",
        MetricKind.STOCK,
        "confirmed cases in critical condition at the end of the period "
        "(part of confirmed_current)",
    ),
    Metric(
        "asymptomatic_current",
        MetricKind.STOCK,
        "asymptomatic infections under medical observation at the end of the period",
    ),
    Metric(
        "positive_current",
        MetricKind.STOCK,
        "all current positives: confirmed_current plus asymptomatic_current",
    ),
    Metric(
        "under_observation_current",
        MetricKind.STOCK,
        "close contacts under medical observation (quarantine) at the end of the period",
    ),
)

#: All metrics by name, in a stable order.
METRICS: Final[dict[str, Metric]] = {m.name: m for m in _METRIC_LIST}
METRIC_NAMES: Final[tuple[str, ...]] = tuple(METRICS)
FLOW_METRICS: Final[tuple[str, ...]] = tuple(
    m.name for m in _METRIC_LIST if m.kind is MetricKind.FLOW
)
STOCK_METRICS: Final[tuple[str, ...]] = tuple(
    m.name for m in _METRIC_LIST if m.kind is MetricKind.STOCK
)


@dataclass(frozen=True, slots=True)
class DerivedMetric:
    """A flow computed from reported flows: the sum of ``plus`` minus the sum of ``minus``."""

    name: str
    plus: tuple[str, ...]
    minus: tuple[str, ...]
    definition: str


#: Derived flows, defined here once for every package. Under China's 2020 categories an
#: asymptomatic infection that develops symptoms is counted again among the day's new confirmed
#: cases (``reclassified_new``); these count each detected infection once, at first detection.
DERIVED_METRICS: Final[dict[str, DerivedMetric]] = {
    d.name: d
    for d in (
        DerivedMetric(
            "confirmed_direct",
            ("confirmed_new",),
            ("reclassified_new",),
            "new confirmed cases that were confirmed at first detection: "
            "confirmed_new - reclassified_new",
        ),
        DerivedMetric(
            "infections_new",
            ("confirmed_new", "asymptomatic_new"),
            ("reclassified_new",),
            "new detected infections, each once at first detection: "
            "confirmed_new + asymptomatic_new - reclassified_new",
        ),
    )
}
#: The same as (plus, minus) pairs, the shape analytics uses.
DERIVED_FLOWS: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    d.name: (d.plus, d.minus) for d in DERIVED_METRICS.values()
}
#: The stacked epicurve of detections: each infection once, at first detection
#: (``confirmed_direct + asymptomatic_new = infections_new``).
STACKED_METRICS: Final[tuple[str, ...]] = ("confirmed_direct", "asymptomatic_new")


def metric_inputs(name: str) -> tuple[str, ...]:
    """The reported metrics a flow needs: itself, or the parts of a derived one."""
    d = DERIVED_METRICS.get(name)
    return (*d.plus, *d.minus) if d is not None else (name,)


def check_metric(name: str) -> Metric:
    """Return the metric called ``name`` or raise ``KeyError`` listing the known ones."""
    try:
        return METRICS[name]
    except KeyError:
        raise KeyError(
            f"unknown metric {name!r}; known metrics: {', '.join(METRIC_NAMES)}"
        ) from None


class Qualifier(StrEnum):
    """How exact a reported number is ("more than 400" is AT_LEAST 400)."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class AreaLevel(StrEnum):
    """Administrative levels, outermost first (China: 国家, 省, 地区/州, 县, 乡镇, 社区/村)."""

    COUNTRY = "country"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"
    COMMUNITY = "community"


AREA_LEVEL_ORDER: Final[tuple[AreaLevel, ...]] = tuple(AreaLevel)


class SourceKind(StrEnum):
    """Where a stored number came from."""

    BULLETIN = "bulletin"
    NEWS = "news"
    TABLE_FILE = "table_file"
    MANUAL = "manual"
    LAB = "lab"


class Classification(StrEnum):
    """Line-list classification of a detected infection (China 2020 categories)."""

    CONFIRMED = "confirmed"
    ASYMPTOMATIC = "asymptomatic"


class Severity(StrEnum):
    """Clinical severity of a confirmed case (China protocol: mild, moderate, severe, critical)."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    CRITICAL = "critical"


class Outcome(StrEnum):
    """Line-list outcome."""

    UNDER_CARE = "under_care"
    RECOVERED = "recovered"
    RELEASED = "released"
    DIED = "died"


class RiskLevel(StrEnum):
    """Risk-area levels (China 2020: 低/中/高风险地区)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for low, 1 for medium, 2 for high: for comparing and stepping levels."""
        return RISK_LEVEL_ORDER.index(self)


RISK_LEVEL_ORDER: Final[tuple[RiskLevel, ...]] = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)

#: The rule_set value of a designation made by an authority rather than computed by flareup.
OFFICIAL_RULE_SET: Final[str] = "official"


class SettingKind(StrEnum):
    """Places where people are exposed together."""

    FACTORY = "factory"
    MARKET = "market"
    SCHOOL = "school"
    DORMITORY = "dormitory"
    HOUSEHOLD = "household"
    HEALTHCARE = "healthcare"
    COLD_CHAIN_LOT = "cold_chain_lot"
    TRANSPORT = "transport"
    OTHER = "other"


class ContactType(StrEnum):
    """Kinds of contact between two people (epicontacts' ``from``/``to`` with a type)."""

    HOUSEHOLD = "household"
    WORK = "work"
    SCHOOL = "school"
    COMMUNITY = "community"
    HEALTHCARE = "healthcare"
    OTHER = "other"


class SampleResult(StrEnum):
    """Result of an environmental or cold-chain sample."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    PENDING = "pending"


#: Columns of a tidy counts frame (the registry's counts and the ``import counts`` file).
COUNT_COLUMNS: Final[tuple[str, ...]] = ("area", "date", "metric", "value", "qualifier", "source")

#: Line-list columns, named as the Epiverse ``linelist`` package tags them where it has a tag.
LINELIST_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "location",
    "date_onset",
    "date_reporting",
    "date_reclassified",
    "classification",
    "severity",
    "outcome",
    "imported",
    "age_group",
    "setting",
    "cluster",
    "source",
)

#: Contact columns, as epicontacts: ``from`` and ``to`` are case or person ids.
CONTACT_COLUMNS: Final[tuple[str, ...]] = (
    "from",
    "to",
    "type",
    "date_last_exposure",
    "date_quarantine_start",
    "date_quarantine_end",
)

#: Rt estimate columns, as EpiEstim's ``estimate_R()$R`` plus dates.
RT_COLUMNS: Final[tuple[str, ...]] = (
    "t_start",
    "t_end",
    "date_start",
    "date_end",
    "mean",
    "std",
    "q0.025",
    "q0.05",
    "q0.25",
    "q0.5",
    "q0.75",
    "q0.95",
    "q0.975",
)

RT_QUANTILES: Final[tuple[float, ...]] = (0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975)
