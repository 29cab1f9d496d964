"""Helpers for the registry tests: hand-built validated tables and full table dumps."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
from sqlalchemy import select

from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
from flareup.registry import Registry
from flareup.registry.models import Base
from flareup.schema import SourceKind


def make_vt(
    kind: str,
    rows: list[dict[str, Any]] | pd.DataFrame,
    file: str = "data.csv",
    *,
    source_kind: SourceKind = SourceKind.TABLE_FILE,
    published: Any = None,
) -> ValidatedTable:
    """A ValidatedTable as ingest would hand it over (row = 1-based data row)."""
    df = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    for c in df.columns:
        if c.startswith("date") or c.startswith("valid_") or c == "timestamp":
            df[c] = pd.to_datetime(df[c])
    df["row"] = range(1, len(df) + 1)
    digest = hashlib.sha256(df.to_csv(index=False).encode()).hexdigest()
    name = file.rsplit("/", 1)[-1]
    return ValidatedTable(
        TableKind(kind),
        df,
        file,
        SourceInfo(source_kind, name, uri=file, published=published, sha256=digest),
    )


AREAS = [
    {"code": "650000", "name_en": "Xinjiang", "level": "province", "parent_code": None},
    {
        "code": "653100",
        "name_en": "Kashgar Prefecture",
        "level": "prefecture",
        "parent_code": "650000",
        "population": 4496377,
    },
    {
        "code": "653101",
        "name_en": "Kashgar City",
        "level": "county",
        "parent_code": "653100",
        "population": 782662,
    },
    {"code": "653121", "name_en": "Shufu County", "level": "county", "parent_code": "653100"},
    {"code": "653121001", "name_en": "Tokzak Town", "level": "township", "parent_code": "653121"},
    {
        "code": "653121002",
        "name_en": "Zhanmin Township",
        "level": "township",
        "parent_code": "653121",
        "name_zh": "站敏乡",
    },
]


def dump(reg: Registry) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: for byte-for-byte comparisons."""
    out = {}
    with reg.engine.connect() as conn:
        for name, t in Base.metadata.tables.items():
            out[name] = [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key))]
    return out
