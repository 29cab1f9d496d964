"""The case registry: the store of what was reported, where, when and by whom.

``Registry(url)`` opens a SQLite file or a PostgreSQL database (``postgresql+psycopg://``) and
migrates it to the newest schema (Alembic, run from code). See docs/dev/contracts.md section 2
for the interface. The rules it keeps:

- **All or nothing.** ``import_table`` checks everything first (the frame itself, then against
  the store: unknown areas, case-id conflicts, exposures naming unknown cases or settings) and
  raises one ``InputError`` listing file, row, field and reason; the writes run in one
  transaction, so a failure leaves every table as it was.
- **Never overwrite.** A changed value for the same key (counts: area, date, metric and source
  identity) inserts a new row and marks the old one superseded; the audit log records before
  and after. The source identity is the row's ``source`` value, else the file's base name, so
  re-importing a corrected ``counts.csv`` supersedes and importing the same file twice changes
  nothing. Two sources for the same key are both kept: a disagreement.
- **As of.** Every query takes ``as_of``: rows recorded by then and not superseded by then
  (a bare date means the end of that day, UTC).
- **Latest policy.** One figure per (area, date, metric): official kinds (bulletin, table
  file, lab, manual) before news, then the most recently published, then the last recorded.
- **Status.** ``status(area, date=, as_of=)``: per metric, a stock is the area's own latest
  figure on or before the date, else the sum of its children's (recursively); a flow is taken
  day by day the same way and reported as its latest day and its cumulative sum. Each
  ``MetricStatus`` says whether it is the area's ``own`` figure, summed from ``children`` (and
  which), or ``mixed`` (some days own, some summed). ``linelist`` counts line-list cases of
  the area and its sub-areas reported on or before the date.
- **Audit.** One ``insert`` entry per import and table (the file, how many rows, the id range),
  one ``supersede`` entry per corrected row with before and after, one ``delete`` entry per
  retracted row with the row and the reason.
- **Delete retracts.** ``delete(kind, keys, reason=)`` marks current rows superseded with no
  successor (areas: ``deleted_at``); nothing is removed, ``as_of`` earlier still shows them,
  all or nothing like imports, and re-importing a retracted row inserts it again.
"""

from __future__ import annotations

from flareup.registry.store import (
    AreaStatus,
    ExportSummary,
    ImportSummary,
    MetricStatus,
    Registry,
    default_url,
)

__all__ = [
    "AreaStatus",
    "ExportSummary",
    "ImportSummary",
    "MetricStatus",
    "Registry",
    "default_url",
]
