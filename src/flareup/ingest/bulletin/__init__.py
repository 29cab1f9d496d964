"""Bulletin and news text -> counts, each with the sentence and the character span it came from.

A transparent rule-based extractor (no model; method, evaluation and figures in
docs/methods/bulletin.md): ``text`` splits sentences and clauses, ``numbers`` reads numbers,
``dates`` reads dates and ``dating`` decides which one a count takes, ``places`` holds the
shipped gazetteer, ``place_scope`` the places a text's sentences are about and ``doc_place``
the text's own place, ``categories`` types each number in the bulletin vocabulary
(``vocabulary``; ``families`` the category families; cue words in ``cues``, the sentence's
wording in ``wording``, periods that make a flow in ``periods``, wording that makes a stock in
``stocks``, a later larger total that makes a flow in ``totals``, predicates in
``predicates``; ``noncounts`` says which numbers are no count of the schema), ``attach`` finds the place and date each English number
belongs to (``where_reported``, ``landmarks``, ``bare_names``, ``background`` and ``periods_said`` hold
place and date policies: the place counts are reported in, places named for a distance, a
county read bare after its suffixed name, past outbreaks told for background, days that head
a block or bound a total), ``build`` makes a record, ``chinese`` reads Chinese bulletins,
``text_tables`` finds plain-text tables and lists of place lines and ``table_counts`` reads their
cells (``list_heads`` the day a count-less heading gives the list after it), ``breakdowns`` the leads and item places of breakdown lists in prose, ``extract`` puts
them together (``context`` is
what carries between sentences) and ``records`` holds the result. Records follow
``shared/bulletins/SCHEMA.md``; :func:`records_to_counts` turns them into the registry's
counts table (news-kind rows that never override official figures).

English (news wires, national and regional briefings, WHO outbreak news and situation
reports) and Chinese (国家卫健委/省市卫健委 每日疫情通报) are read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.ingest.bulletin.categories import CATEGORIES, metric_for
from flareup.ingest.bulletin.extract import extract
from flareup.ingest.bulletin.numbers import parse_number
from flareup.ingest.bulletin.places import gazetteer
from flareup.ingest.bulletin.records import RECORD_COLUMNS, Record, records_frame
from flareup.ingest.bulletin.text import check_text, language

__all__ = [
    "BULLETIN_COLUMNS",
    "CATEGORIES",
    "RECORD_COLUMNS",
    "Record",
    "bulletin_to_counts",
    "check_text",
    "extract",
    "gazetteer",
    "language",
    "metric_for",
    "parse_bulletin",
    "parse_number",
    "read_bulletin",
    "records_frame",
    "records_to_counts",
    "unplaced",
]

#: Columns of :func:`parse_bulletin`'s result (one row per count, registry vocabulary).
BULLETIN_COLUMNS = (
    "area",
    "date",
    "metric",
    "value",
    "qualifier",
    "area_mention",
    "number_text",
    "sentence",
)


def parse_bulletin(
    text: str,
    *,
    areas: pd.DataFrame | None = None,
    published: dt.date | str | None = None,
) -> pd.DataFrame:
    """Counts in ``text`` as a frame of :data:`BULLETIN_COLUMNS`: ``area`` is the registry code
    of the place where it is a registry area (NA otherwise), ``metric`` the registry metric,
    ``date`` NA where the text and ``published`` do not fix a day."""
    recs = extract(text, published, areas=areas)
    rows = [
        {
            "area": r.area,
            "date": r.date if r.date and len(r.date) == 10 else None,
            "metric": r.metric,
            "value": r.value,
            "qualifier": r.qualifier,
            "area_mention": r.place_text,
            "number_text": r.mention,
            "sentence": r.sentence,
        }
        for r in recs
    ]
    out = pd.DataFrame(rows, columns=list(BULLETIN_COLUMNS))
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out["value"] = out["value"].astype(np.int64)
    for c in ("area", "metric", "qualifier", "area_mention", "number_text", "sentence"):
        out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out


def unplaced(records: list[Record]) -> list[tuple[Record, str]]:
    """Records that cannot be stored as registry counts, each with the reason."""
    out = []
    for r in records:
        if r.area is None:
            why = f"place {r.place!r} is not a registry area" if r.place else "no place found"
            out.append((r, why))
        elif not r.date or len(r.date) != 10:
            out.append((r, f"date is not a day ({r.date or 'none found'})"))
    return out


def records_to_counts(records: list[Record], *, source: str | None = None) -> pd.DataFrame:
    """Records with a registry area and a day -> a counts table (``validate_frame`` ready).

    One figure per (area, date, metric): where the text states one twice the later statement
    wins. ``note`` keeps the sentence, so every stored number keeps its words."""
    rows = [
        {
            "area": r.area,
            "date": r.date,
            "metric": r.metric,
            "value": r.value,
            "qualifier": r.qualifier,
            "source": source,
            "period": f"{r.period_start}/{r.date}" if r.period_start else None,
            "note": r.sentence,
        }
        for r in records
        if r.area is not None and r.date and len(r.date) == 10
    ]
    cols = ["area", "date", "metric", "value", "qualifier", "source", "period", "note"]
    df = pd.DataFrame(rows, columns=cols)
    return df.drop_duplicates(subset=["area", "date", "metric"], keep="last").reset_index(drop=True)


def bulletin_to_counts(candidates: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """A :func:`parse_bulletin` frame -> a counts table; rows without an area or date are left
    out (use :func:`unplaced` on records to list them)."""
    c = candidates.dropna(subset=["area", "date"])
    c = c.drop_duplicates(subset=["area", "date", "metric"], keep="last")
    return pd.DataFrame(
        {
            "area": c["area"].to_numpy(),
            "date": c["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "metric": c["metric"].to_numpy(),
            "value": c["value"].to_numpy(),
            "qualifier": c["qualifier"].to_numpy(),
            "source": source,
            "period": None,
            "note": c["sentence"].to_numpy(),
        }
    )


def read_bulletin(path: str | Path) -> str:
    """Read a bulletin text file (UTF-8); an unreadable file is an InputError naming it."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=str(path)) from None
    return decode_text(raw, str(path))


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 bytes -> text; binary or other encodings are an InputError naming ``name``."""
    if b"\x00" in raw[:100_000]:
        raise InputError("the input looks binary, not text", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=name) from None
