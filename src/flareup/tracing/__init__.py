"""Investigation: contact follow-up, the case graph, clusters, chains and source ranking.

Pure: pandas frames in, frames out (registry column names); nothing here reads the registry
(``flareup.report.investigation`` does that). Methods and assumptions: docs/methods/tracing.md.
"""

from flareup.tracing.clusters import (
    CLUSTER_COLUMNS,
    SerialIntervals,
    adjusted_rand_index,
    attach_unlinked,
    bcubed,
    chains,
    cluster_labels,
    find_clusters,
    infector_pairs,
    serial_intervals,
    to_epicontacts,
)
from flareup.tracing.followup import FOLLOWUP_COLUMNS, STATUSES, followup, followup_counts
from flareup.tracing.graph import (
    MAX_INCUBATION_DAYS,
    case_graph,
    case_links,
    case_time,
    exposure_windows,
)
from flareup.tracing.protocols import Protocol, list_protocols, load_protocol
from flareup.tracing.sources import SOURCE_COLUMNS, Incubation, attack_llr, katz_rr, rank_sources

__all__ = [
    "CLUSTER_COLUMNS",
    "FOLLOWUP_COLUMNS",
    "MAX_INCUBATION_DAYS",
    "SOURCE_COLUMNS",
    "STATUSES",
    "Incubation",
    "Protocol",
    "SerialIntervals",
    "adjusted_rand_index",
    "attach_unlinked",
    "attack_llr",
    "bcubed",
    "case_graph",
    "case_links",
    "case_time",
    "chains",
    "cluster_labels",
    "exposure_windows",
    "find_clusters",
    "followup",
    "followup_counts",
    "infector_pairs",
    "katz_rr",
    "list_protocols",
    "load_protocol",
    "rank_sources",
    "serial_intervals",
    "to_epicontacts",
]
