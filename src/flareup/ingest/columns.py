"""The canonical columns of each table kind, declared once (docs/dev/contracts.md, section 1).

``ingest`` validates files against these columns and the registry re-checks the frames it is
handed against the same ones; both derive their own view from :data:`TABLE_COLUMNS`. Like
:mod:`flareup.ingest.model`, this module holds no parsing code, so the registry may import it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from flareup import schema
from flareup.ingest.model import TableKind

#: ``int``: a required count (``int64`` after ingest); ``Int``: an optional count (``Int64``);
#: ``json``: GeoJSON text.
ColType = Literal["str", "date", "datetime", "int", "Int", "bool", "json"]


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One canonical column: its name, type, whether required, allowed values and default."""

    name: str
    type: ColType = "str"
    required: bool = False
    choices: tuple[str, ...] | None = None
    default: str | None = None
    #: counts that may not be negative
    nonneg: bool = False
    #: dates that may not lie in the future (report dates, sample dates, ...)
    not_future: bool = True
    #: longest text accepted, in characters: the column's length in the registry's tables
    #: (``VARCHAR(n)``; a test keeps the two equal), so that SQLite, which would store a longer
    #: value, and PostgreSQL, which would refuse it, are given the same rows
    max_len: int | None = None
    #: largest whole number accepted (the ``round`` column is a 32-bit INTEGER)
    max_value: int | None = None


@dataclass(frozen=True, slots=True)
class TableSpec:
    """The columns of one table kind and the columns that identify a row within a file."""

    kind: TableKind
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


#: Cells that a spreadsheet would run as a formula (OWASP, "CSV Injection"): exports to CSV and
#: .xlsx prefix such text cells with ``'`` (:func:`escape_cell`) and imports of CSV, TSV and .xlsx
#: take one ``'`` off again, so an export read back gives exactly the stored text. Parquet and
#: JSON are neither escaped nor unescaped.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: str) -> str:
    """A text cell made safe for a spreadsheet: ``'`` before a leading = + - @ tab or CR, and
    before a value that already is such a prefixed cell, so that the import's unescaping gives
    back exactly the value (``=x`` -> ``'=x``; ``'=x`` -> ``''=x``)."""
    stripped = value.lstrip("'")
    if stripped and stripped[0] in FORMULA_START:
        return "'" + value
    return value


#: What .xlsx cannot hold as such: XML 1.0 has no control characters, and XML parsers turn a
#: CR (and CR LF) into LF. Office Open XML writes them as ``_xHHHH_`` (ECMA-376 Part 1,
#: 22.9.2.19 ST_Xstring), and a literal ``_xHHHH_`` as ``_x005F_xHHHH_``.
_XLSX_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XLSX_NEEDS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\r]|_(?=x[0-9A-Fa-f]{4}_)")


def xlsx_escape(value: str) -> str:
    """Text for an .xlsx cell as Excel writes it: control characters and CR as ``_xHHHH_``,
    the ``_`` of a literal ``_xHHHH_`` as ``_x005F_`` (:func:`xlsx_unescape` reverses it)."""
    return _XLSX_NEEDS.sub(lambda m: f"_x{ord(m.group()):04X}_", value)


def xlsx_unescape(value: str) -> str:
    """Text read from an .xlsx cell with Excel's ``_xHHHH_`` escapes decoded (openpyxl leaves
    them as written)."""
    return _XLSX_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


_C = ColumnSpec
#: lengths of codes, ids and short labels (as in flareup.registry.models)
CODE, ID, LABEL, NAME = 32, 64, 64, 200
# the kind of the row's own source (else the file's): lets the registry's latest policy rank a
# row-named news source below an official one
_SOURCE_KIND = _C("source_kind", choices=_values(schema.SourceKind))

#: Canonical columns per table kind, in export order.
TABLE_COLUMNS: dict[TableKind, TableSpec] = {
    TableKind.AREAS: TableSpec(
        TableKind.AREAS,
        (
            _C("code", required=True, max_len=CODE),
            _C("name_en", required=True, max_len=NAME),
            _C("name_alt", max_len=NAME),
            _C("name_zh", max_len=NAME),
            _C("level", required=True, choices=_values(schema.AreaLevel)),
            _C("parent_code", max_len=CODE),
            _C("population", "Int", nonneg=True),
            _C("geometry", "json"),
        ),
        key=("code",),
    ),
    TableKind.COUNTS: TableSpec(
        TableKind.COUNTS,
        (
            _C("area", required=True, max_len=CODE),
            _C("date", "date", required=True),
            _C("metric", required=True, choices=schema.METRIC_NAMES),
            _C("value", "int", required=True, nonneg=True),
            _C(
                "qualifier", choices=_values(schema.Qualifier), default=schema.Qualifier.EXACT.value
            ),
            _C("source"),
            _SOURCE_KIND,
            _C("period"),
            _C("note"),
        ),
        key=("area", "date", "metric", "source"),
    ),
    TableKind.CASES: TableSpec(
        TableKind.CASES,
        (
            _C("id", required=True, max_len=ID),
            _C("location", required=True, max_len=CODE),
            _C("date_onset", "date"),
            _C("date_reporting", "date", required=True),
            _C("date_reclassified", "date"),
            _C("classification", required=True, choices=_values(schema.Classification)),
            _C("severity", choices=_values(schema.Severity)),
            _C("outcome", choices=_values(schema.Outcome)),
            _C("imported", "bool"),
            _C("age_group", max_len=CODE),
            _C("setting", max_len=ID),
            _C("cluster", max_len=ID),
            _C("source"),
            _SOURCE_KIND,
        ),
        key=("id",),
    ),
    TableKind.DESIGNATIONS: TableSpec(
        TableKind.DESIGNATIONS,
        (
            _C("area", required=True, max_len=CODE),
            _C("level", required=True, choices=_values(schema.RiskLevel)),
            # designations may be announced ahead of time, so no future check
            _C("valid_from", "date", required=True, not_future=False),
            _C("valid_to", "date", not_future=False),
            _C("rule_set", default=schema.OFFICIAL_RULE_SET, max_len=LABEL),
            _C("rule_version", max_len=LABEL),
            _C("reason"),
            _C("source"),
            _SOURCE_KIND,
        ),
        key=("area", "rule_set", "valid_from"),
    ),
    TableKind.SETTINGS: TableSpec(
        TableKind.SETTINGS,
        (
            _C("id", required=True, max_len=ID),
            _C("kind", required=True, choices=_values(schema.SettingKind)),
            _C("area", required=True, max_len=CODE),
            _C("name"),
            _C("note"),
        ),
        key=("id",),
    ),
    TableKind.EXPOSURES: TableSpec(
        TableKind.EXPOSURES,
        (
            _C("case_id", required=True, max_len=ID),
            _C("setting_id", required=True, max_len=ID),
            _C("date_start", "date"),
            _C("date_end", "date"),
        ),
        key=("case_id", "setting_id", "date_start"),
    ),
    TableKind.CONTACTS: TableSpec(
        TableKind.CONTACTS,
        (
            _C("from", required=True, max_len=ID),
            _C("to", required=True, max_len=ID),
            _C("type", choices=_values(schema.ContactType)),
            _C("date_last_exposure", "date"),
            # quarantine may be ordered to end in the future
            _C("date_quarantine_start", "date"),
            _C("date_quarantine_end", "date", not_future=False),
        ),
        key=("from", "to", "type"),
    ),
    TableKind.SAMPLES: TableSpec(
        TableKind.SAMPLES,
        (
            _C("setting_id", required=True, max_len=ID),
            _C("date", "date", required=True),
            _C("result", required=True, choices=_values(schema.SampleResult)),
            _C("sample_type", max_len=LABEL),
            _C("note"),
        ),
    ),
    TableKind.CAMPAIGNS: TableSpec(
        TableKind.CAMPAIGNS,
        (
            _C("timestamp", "datetime", required=True),
            _C("area", required=True, max_len=CODE),
            _C("round", "int", required=True, nonneg=True, max_value=2**31 - 1),
            _C("people_targeted", "Int", nonneg=True),
            _C("people_sampled", "Int", nonneg=True),
            _C("results_out", "Int", nonneg=True),
            _C("positives_new", "Int", nonneg=True),
            _C("source"),
            _SOURCE_KIND,
            _C("note"),
        ),
        key=("timestamp", "area", "round"),
    ),
}
