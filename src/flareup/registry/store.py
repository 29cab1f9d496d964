"""The case registry: one SQL store (SQLite file or PostgreSQL) of what was reported, where,
when and by whom, that never loses or silently changes a number.

Corrections supersede, never overwrite (the bitemporal "transaction time" pattern: each row has
``recorded_at`` and ``superseded_at``; Snodgrass, *Developing Time-Oriented Database
Applications in SQL*, 1999, ch. 8), and every insert and supersession is in the audit log.
A deletion is a supersession with no successor (``Registry.delete``), audited with its reason.

The class is composed of its parts, one module each: ``_base`` (opening, the write transaction,
query helpers), ``_writes`` (imports), ``_reads`` (queries), ``_delete`` (retractions),
``_status`` (an area's state) and ``_export`` (files); ``_common`` holds the helpers they share
and ``_results`` the dataclasses they return. Everything is importable from here as before.
"""

from __future__ import annotations

from flareup.registry._base import SQLITE_BUSY_TIMEOUT, default_url
from flareup.registry._common import AREA_COLS, AREA_FIELDS, KINDS, OFFICIAL_KINDS, T
from flareup.registry._delete import DELETE_KEYS, REFERENCED_BY, DeleteMixin
from flareup.registry._export import EXPORT_SUFFIXES, XLSX_MAX_ROWS, ExportMixin
from flareup.registry._results import AreaStatus, ExportSummary, ImportSummary, MetricStatus
from flareup.registry._status import StatusMixin
from flareup.registry._writes import WritesMixin

__all__ = [
    "AREA_COLS",
    "AREA_FIELDS",
    "DELETE_KEYS",
    "EXPORT_SUFFIXES",
    "KINDS",
    "OFFICIAL_KINDS",
    "REFERENCED_BY",
    "SQLITE_BUSY_TIMEOUT",
    "XLSX_MAX_ROWS",
    "AreaStatus",
    "ExportSummary",
    "ImportSummary",
    "MetricStatus",
    "Registry",
    "T",
    "default_url",
]


class Registry(WritesMixin, DeleteMixin, StatusMixin, ExportMixin):
    """The store. ``Registry(url)``; ``None`` -> FLAREUP_DB or SQLite in the user data dir.

    Opening creates the database if needed and runs the Alembic migrations to head.
    """
