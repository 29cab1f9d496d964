"""Bulletin and news text into the registry: what ``flareup bulletin`` and the dashboard's
"Read a bulletin" form share.

The extraction itself is :func:`flareup.ingest.bulletin.extract` (docs/methods/bulletin.md);
this module is where its records meet the registry: the registry's areas resolve places to
area codes, and an import stores the counts that have a registry area and a day as news-kind
rows (the registry's latest-figure policy ranks them below every official source), keeps the
whole text as the source, and returns the counts it could not store with the reason, so that
nothing found is dropped without a word.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flareup.errors import InputError

if TYPE_CHECKING:
    from flareup.ingest.bulletin import Record
    from flareup.registry import Registry

#: Largest input read from a file, standard input or a form (bytes): a report is a few pages.
MAX_BYTES = 4_000_000


@dataclass(frozen=True)
class BulletinImport:
    """What an import of one text did: rows inserted / unchanged / superseded, and the counts
    that were not stored (each with the reason: no registry area, no single day)."""

    source: str
    inserted: int
    unchanged: int
    superseded: int
    not_stored: list[tuple[Record, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "inserted": self.inserted,
            "unchanged": self.unchanged,
            "superseded": self.superseded,
            "not_stored": [
                {
                    "category": r.category,
                    "value": r.value,
                    "date": r.date,
                    "place": r.place,
                    "evidence": r.evidence,
                    "reason": why,
                }
                for r, why in self.not_stored
            ],
        }


def check_published(text: str, *, field_name: str = "--published") -> dt.date:
    """An ISO publication date between 1900 and 2200, else an InputError naming the field."""
    try:
        d = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InputError(f"not an ISO date (YYYY-MM-DD): {text!r}", field=field_name) from None
    if not dt.date(1900, 1, 1) <= d <= dt.date(2200, 12, 31):
        raise InputError(f"publication date out of range: {text!r}", field=field_name)
    return d


def read_counts(
    text: str,
    published: dt.date,
    *,
    name: str,
    reg: Registry | None = None,
    place: str | None = None,
) -> list[Record]:
    """The counts in ``text`` (checked first: empty, binary-looking, too long or in a language
    the extractor does not read is an InputError naming ``name``); with ``reg``, places that
    are registry areas carry the area code; ``place``: the text's own place where it never
    names one (``extract``'s). No count found is an InputError too: a caller that stores
    nothing must say why."""
    from flareup.ingest.bulletin import check_text, extract

    check_text(text, name=name)
    records = extract(text, published, areas=reg.areas() if reg is not None else None, place=place)
    if not records:
        raise InputError(
            "no counts found in the text (numbers need a noun such as 'cases', "
            "'deaths', 'tested'; numbers above 9,223,372,036,854,775,807 are not read)",
            file=name,
        )
    return records


def records_json(records: list[Record]) -> list[dict[str, Any]]:
    """Records as SCHEMA.md's JSON objects, each with ``not_stored``: why an import would not
    store it (no registry area, no single day), or None."""
    from flareup.ingest.bulletin import unplaced

    why = {id(r): reason for r, reason in unplaced(records)}
    return [{**r.to_dict(), "not_stored": why.get(id(r))} for r in records]


def why_left(left: list[tuple[Record, str]]) -> str:
    """The reasons of :func:`~flareup.ingest.bulletin.unplaced` tallied, in brackets (empty
    where none): the counts without a place get the way to give the text's own place."""
    if not left:
        return ""
    # (read from the records, as unplaced decided: no area and no place / a place that is no
    # registry area / an area without a day)
    placeless = sum(1 for r, _ in left if r.area is None and not r.place)
    elsewhere = sum(1 for r, _ in left if r.area is None and r.place)
    undated = len(left) - placeless - elsewhere
    parts = []
    if placeless:
        parts.append(
            f"{placeless} with no place in the text: give the text's own place with "
            "--place NAME, or 'Its place' on the form"
        )
    if elsewhere:
        parts.append(f"{elsewhere} placed outside the registry's areas")
    if undated:
        parts.append(f"{undated} without a day")
    return " (" + "; ".join(parts) + ")"


def import_counts(
    reg: Registry,
    records: list[Record],
    text: str,
    *,
    name: str,
    source: str,
    published: dt.date,
    uri: str | None = None,
    user: str | None = None,
) -> BulletinImport:
    """Store ``records`` (from :func:`read_counts` with ``reg``) as news-kind counts, all or
    nothing, with the whole text as their source. Re-importing the same text changes nothing
    (the source is identified by the text's SHA-256). None storable is an InputError."""
    from flareup.ingest.bulletin import records_to_counts, unplaced
    from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
    from flareup.ingest.tables import validate_frame
    from flareup.schema import SourceKind

    counts = records_to_counts(records, source=source)
    left = unplaced(records)
    if counts.empty:
        raise InputError(
            f"none of the {len(records)} counts has a registry area and a day"
            f"{why_left(left)}; nothing was imported",
            file=name,
        )
    counts["source_kind"] = SourceKind.NEWS.value
    vt = validate_frame(counts, TableKind.COUNTS, file=name)
    info = SourceInfo(
        kind=SourceKind.NEWS,
        title=source,
        uri=uri,
        published=published,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    kw = {} if user is None else {"user": user}
    s = reg.import_table(ValidatedTable(vt.kind, vt.frame, vt.file, info), **kw)
    return BulletinImport(source, s.inserted, s.unchanged, s.superseded, left)


__all__ = [
    "MAX_BYTES",
    "BulletinImport",
    "check_published",
    "import_counts",
    "read_counts",
    "records_json",
    "why_left",
]
