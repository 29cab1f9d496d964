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

import re
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
        "new imported infections (acquired outside the area) in the period: confirmed cases; "
        "imported asymptomatic infections are asymptomatic_imported_new where a source tells "
        "them apart",
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
    # -- added for counts read from bulletin and news text (flareup.ingest.bulletin maps each
    # category of its vocabulary to one of these; the names above keep their meaning)
    Metric("local_new", MetricKind.FLOW, "new locally transmitted confirmed cases in the period"),
    Metric(
        "asymptomatic_local_new",
        MetricKind.FLOW,
        "new locally acquired asymptomatic infections in the period",
    ),
    Metric(
        "asymptomatic_imported_new",
        MetricKind.FLOW,
        "new imported asymptomatic infections in the period",
    ),
    Metric("suspected_new", MetricKind.FLOW, "new suspected cases reported in the period"),
    Metric(
        "contacts_released_new",
        MetricKind.FLOW,
        "close contacts released from medical observation in the period",
    ),
    Metric(
        "removed_new",
        MetricKind.FLOW,
        "cases removed from a previously reported total in the period (a correction)",
    ),
    Metric(
        "tested_negative_new",
        MetricKind.FLOW,
        "tests (or people tested) with a negative result in the period",
    ),
    Metric(
        "tested_positive_new",
        MetricKind.FLOW,
        "tests (or people tested) with a positive result in the period, not otherwise classified",
    ),
    Metric(
        "confirmed_cumulative",
        MetricKind.STOCK,
        "confirmed cases reported since the start of the outbreak (all cases as reported, for "
        "diseases without China's asymptomatic category)",
    ),
    Metric(
        "imported_cumulative", MetricKind.STOCK, "imported confirmed cases reported since the start"
    ),
    Metric(
        "asymptomatic_cumulative", MetricKind.STOCK, "asymptomatic infections reported in total"
    ),
    Metric(
        "infections_cumulative",
        MetricKind.STOCK,
        "infections of all kinds reported in total: confirmed plus asymptomatic",
    ),
    Metric("deaths_cumulative", MetricKind.STOCK, "deaths reported since the start (death toll)"),
    Metric(
        "recovered_cumulative", MetricKind.STOCK, "confirmed cases discharged / recovered in total"
    ),
    Metric(
        "released_cumulative",
        MetricKind.STOCK,
        "asymptomatic infections released from medical observation in total",
    ),
    Metric(
        "mild_current",
        MetricKind.STOCK,
        "confirmed cases in mild condition at the end of the period",
    ),
    Metric("hospitalized_current", MetricKind.STOCK, "people in hospital at the end of the period"),
    Metric("suspected_current", MetricKind.STOCK, "suspected cases at the end of the period"),
    Metric("probable_current", MetricKind.STOCK, "probable cases at the end of the period"),
    Metric(
        "contacts_cumulative",
        MetricKind.STOCK,
        "close contacts identified / traced since the start",
    ),
    Metric("tested_cumulative", MetricKind.STOCK, "people or samples tested since the start"),
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

#: The pinyin level words of China's official romanised names, in English.
_PINYIN_LEVEL: Final[dict[str, str]] = {
    "Xian": "County",
    "Zhen": "Town",
    "Xiang": "Township",
    "Shi": "City",
    "Diqu": "Prefecture",
}


def area_display_name(name_en: str) -> str:
    """An area's name as English text names it: the English gloss where the romanised name
    carries one ("Kashi Diqu (Kashgar Prefecture)" -> "Kashgar Prefecture"), else its pinyin
    level word in English ("Shufu Xian" -> "Shufu County"); other names unchanged."""
    m = re.search(r"\(([^)]+)\)", name_en)
    if m:
        return m.group(1)
    head, _, last = name_en.rpartition(" ")
    return f"{head} {_PINYIN_LEVEL[last]}" if head and last in _PINYIN_LEVEL else name_en


#: How a table column is headed where a person reads it (the dashboard's and the report's
#: tables). The data keep the bare names: the JSON twins and the CLI's csv/json write them, as
#: R's incidence2 and EpiEstim name them, so the labels never reach a file. Intervals are the
#: 95 % intervals their method computes (growth: the fit's CI; source ranking: the Wald CI).
COLUMN_LABELS: Final[dict[str, str]] = {
    # sub-areas (overview) and the map
    "code": "code",
    "area": "area code",
    "name": "name",
    "area_name": "area",
    "area_names": "areas",
    "level": "level",
    "population": "population",
    "infections_cum": "infections, cumulative",
    "infections_last7": "infections, last 7 days",
    "last_report": "last report",
    "basis": "basis",
    "official_level": "official risk level",
    "rule_level": "risk level by rule",
    "official_basis": "official level's basis",
    # epidemic curve
    "period_start": "period start",
    "confirmed_direct": "confirmed at detection",
    # Rt (EpiEstim's columns)
    "t_start": "window start (day)",
    "t_end": "window end (day)",
    "date_start": "from",
    "date_end": "to",
    "mean": "R (mean)",
    "std": "R (sd)",
    "q0.025": "R (2.5 %)",
    "q0.05": "R (5 %)",
    "q0.25": "R (25 %)",
    "q0.5": "R (median)",
    "q0.75": "R (75 %)",
    "q0.95": "R (95 %)",
    "q0.975": "R (97.5 %)",
    # growth (log-linear fit)
    "days": "days",
    "cases": "cases",
    "r": "r (per day)",
    # (i2extras' growth_rate() names: the same whether the epidemic grows or decays)
    "r_lower": "r (lower 95 %)",
    "r_upper": "r (upper 95 %)",
    "growth_or_decay": "growth or decay",
    "time": "doubling or halving time (days)",
    "time_lower": "doubling or halving time (lower 95 %)",
    "time_upper": "doubling or halving time (upper 95 %)",
    "nb_theta": "dispersion θ (neg. binomial)",
    "R": "R",
    "R_lower": "R (lower 95 %)",
    "R_upper": "R (upper 95 %)",
    # mass testing
    "timestamp": "date and time",
    "scope": "scope",
    "people_targeted": "people targeted",
    "people_sampled": "people sampled",
    "results_out": "results out",
    "reported_sampled": "sampled, reported",
    "plan_sampled": "sampled, plan",
    "reported_results_out": "results out, reported",
    "plan_results_out": "results out, plan",
    "sampled_diff": "sampled, plan minus reported",
    "results_diff": "results out, plan minus reported",
    "positives_new": "positives, new",
    # sources
    "source_title": "source",
    "source_kind": "source kind",
    "figures": "figures",
    "first": "first date",
    "last": "last date",
    "used_by_registry": "used by the registry",
    # investigation
    "first_onset": "first onset",
    "last_onset": "last onset",
    "n_contact_links": "contact links",
    "n_setting_links": "setting links",
    "share_exposed": "share of cases exposed",
    "rr": "relative risk",
    "rr_low": "relative risk (lower 95 %)",
    "rr_high": "relative risk (upper 95 %)",
    "samples_positive": "positive samples",
    "generation_1": "generation 1",
    "generation_2": "generation 2",
    "n": "number",
    # simulation
    "sim_median": "simulated (median)",
    "sim_low": "simulated (5 %)",
    "sim_high": "simulated (95 %)",
}

#: Metric-name endings, as a header reads them ("asymptomatic_current" -> "asymptomatic,
#: current").
_COLUMN_SUFFIXES: Final[dict[str, str]] = {
    "_new": "new",
    "_current": "current",
    "_cum": "cumulative",
}


def column_label(name: str) -> str:
    """A table column's header as a person reads it: :data:`COLUMN_LABELS` where it names the
    column, else a metric's name with its ending spelled out ("deaths_new" -> "deaths, new"),
    else the name with spaces for underscores. The data keep ``name`` itself."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    for suffix, word in _COLUMN_SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{name[: -len(suffix)].replace('_', ' ')}, {word}"
    return name.replace("_", " ")


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

#: RT-PCR cycle-threshold cut-off for a positive SARS-CoV-2 result (positive if Ct < cut-off),
#: the one value shared by ``pooling/`` (dilution of pooled samples) and ``sim/`` (the test
#: model). China CDC's protocol for its ORF1ab/N primers and probes (Jan 2020; National
#: Institute for Viral Disease Control and Prevention, "Specific primers and probes for detection
#: of 2019 novel coronavirus") calls Ct < 37 positive, Ct >= 40 or no Ct negative, and repeats a
#: sample at 37-40, calling it positive if the repeat again amplifies below 40; commercial kits
#: approved in China use 37-40 (J Clin Lab Anal 2021;35:e23605, Table 1), and the US CDC panel
#: 40 (CDC-006-00019). So after the repeat, a positive is Ct < 40: the cut-off used here.
PCR_CT_CUTOFF: Final[float] = 40.0
#: Lower end of China CDC's grey zone (Ct 37-40: repeat the test), for models that keep it.
PCR_CT_RETEST_FROM: Final[float] = 37.0


def days_interval_text(est: float, low: float, high: float, *, digits: int = 1) -> str:
    """A doubling or halving time and its 95% CI in words, as every output prints it (report,
    dashboard, ``flareup status``, chart titles).

    The interval maps the growth rate's (ln 2 / r); where r's interval reaches 0 its far end is
    infinite: "0.4 d or more" says so where "0.4–inf" read as a number. An infinite estimate
    (r = 0: nothing grows or declines) reads "not bounded". Machine output (CSV, JSON) keeps the
    numbers, infinity as ``inf``.
    """

    def d(x: float) -> str:
        return f"{x:.{digits}f} d"

    def bounded(x: float) -> bool:
        return x == x and x not in (float("inf"), float("-inf"))  # not NaN, not infinite

    head = d(est) if bounded(est) else "not bounded"
    if bounded(low) and bounded(high):
        return f"{head} (95% CI {d(low)[:-2]}–{d(high)})"
    if bounded(low):
        return f"{head} (95% CI {d(low)} or more; no upper bound)"
    return f"{head} (95% CI not bounded)"
