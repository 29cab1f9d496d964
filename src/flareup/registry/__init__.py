"""The case registry: the store of what was reported, where, when and by whom.

``Registry(url)`` opens (and migrates) a SQLite file or a PostgreSQL database; see
docs/dev/contracts.md section 2 for the interface.
"""

from __future__ import annotations

from flareup.registry.store import AreaStatus, ImportSummary, MetricStatus, Registry, default_url

__all__ = ["AreaStatus", "ImportSummary", "MetricStatus", "Registry", "default_url"]
