"""Reports in: table files (CSV, Parquet, JSON) and bulletin/news text -> validated records with
their provenance. No SQL here; ``flareup.registry`` stores what this package validates.

The names below load on first use (PEP 562): importing any submodule runs this file, and the
bulletin extractor's patterns cost about a quarter of a second to compile, which every command
that only reads a table or opens the registry paid at start."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flareup.ingest.bulletin import bulletin_to_counts, parse_bulletin
    from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
    from flareup.ingest.tables import read_table, validate_frame

__all__ = [
    "SourceInfo",
    "TableKind",
    "ValidatedTable",
    "bulletin_to_counts",
    "parse_bulletin",
    "read_table",
    "validate_frame",
]

_HOME = {
    "SourceInfo": "flareup.ingest.model",
    "TableKind": "flareup.ingest.model",
    "ValidatedTable": "flareup.ingest.model",
    "bulletin_to_counts": "flareup.ingest.bulletin",
    "parse_bulletin": "flareup.ingest.bulletin",
    "read_table": "flareup.ingest.tables",
    "validate_frame": "flareup.ingest.tables",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'flareup.ingest' has no attribute {name!r}")
