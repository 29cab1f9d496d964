"""Reports in: table files (CSV, Parquet, JSON) and bulletin/news text -> validated records with
their provenance. No SQL here; ``flareup.registry`` stores what this package validates."""

from __future__ import annotations

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
