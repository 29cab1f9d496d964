"""What a validated input table is: the hand-over from ``ingest`` to ``registry``.

Kept apart from the readers so that the registry depends only on this small model, not on the
parsing code (see docs/dev/contracts.md, section 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from flareup.schema import SourceKind


class TableKind(StrEnum):
    """The kinds of table flareup imports and exports."""

    AREAS = "areas"
    COUNTS = "counts"
    CASES = "cases"
    DESIGNATIONS = "designations"
    SETTINGS = "settings"
    EXPOSURES = "exposures"
    CONTACTS = "contacts"
    SAMPLES = "samples"
    CAMPAIGNS = "campaigns"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a set of numbers came from: a file, a bulletin, a news report, a lab, a person."""

    kind: SourceKind
    title: str
    uri: str | None = None
    published: dt.date | None = None
    text: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ValidatedTable:
    """A table that passed every check that needs no store.

    ``frame`` has the canonical columns of ``kind`` (docs/dev/contracts.md) plus ``row``, the
    1-based data row in ``file`` so that the store's own checks can still name the row.
    ``given``: the canonical columns the file itself had (None: all of them). A correction of
    an area leaves a column the file does not have unchanged, and clears one given empty.
    """

    kind: TableKind
    frame: pd.DataFrame
    file: str
    source: SourceInfo
    given: tuple[str, ...] | None = None
