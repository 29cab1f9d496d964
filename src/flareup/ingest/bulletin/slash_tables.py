"""Tables whose columns are set apart by slashes, as ProMED re-posts a weekly surveillance
table: a header line of periods ("Current week (24) [14-20 Jun 2021] / Cumulative 2021 week
1-24 / Cumulative 2020 week 1-24"), then one line per kind of count ("- Suspected cases: 70 /
2167 / 5079"). Each cell is a count of its column's period: the week's (a flow) or the
cumulative total of the weeks of its year (a stock), dated on the period's last day (ISO
weeks), with the period's first day as ``period_start``; rates and counts of states or
districts affected are not counts of people."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _State
from flareup.ingest.bulletin.places import Gazetteer
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span

#: a header cell that names a period: a week, or weeks counted together
_PERIOD_CELL = rx.compile(r"\b(?:week|cumulative)\b", re.IGNORECASE)
_ROW = rx.compile(
    r"^[ \t]*[-\u2022*]?[ \t]*(?P<label>[A-Za-z][^:\n]{1,60}?)[ \t]*:[ \t]*"
    r"(?P<cells>[\d][\d,.]*(?:[ \t]*/[ \t]*[\d][\d,.]*)+)[ \t]*$",
    re.MULTILINE,
)
#: the kinds of count a row may hold: (flow category, stock category, population-kept kind)
_KINDS = (
    (rx.compile(r"^suspected\b", re.I), "suspected", "suspected"),
    (rx.compile(r"^probable\b", re.I), "probable", "probable"),
    (rx.compile(r"^(?:confirmed|cases)\b", re.I), "confirmed_new", "confirmed_cumulative"),
    (rx.compile(r"^deaths?\b", re.I), "deaths_new", "deaths_cumulative"),
)


@dataclass(slots=True)
class _Column:
    stock: bool
    start: str
    end: str


@dataclass(slots=True)
class _Table:
    start: int
    end: int
    columns: list[_Column]


def _column(cell: str, pub: dt.date | None) -> _Column | None:
    years = rx.findall(r"\b((?:19|20)\d\d)\b", cell)
    year = int(years[-1]) if years else (pub.year if pub else None)
    span = rx.search(r"\bweeks?\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b", cell, re.IGNORECASE)
    one = rx.search(r"\bweek\s*(?:\(\s*)?(\d{1,2})\b", cell, re.IGNORECASE)
    if year is None:
        return None
    if span is not None:
        a, b = int(span.group(1)), int(span.group(2))
    elif one is not None:
        a = b = int(one.group(1))
    else:
        return None
    try:
        first = dt.date.fromisocalendar(year, a, 1)
        last = dt.date.fromisocalendar(year, b, 7)
    except ValueError:
        return None
    stock = bool(rx.search(r"\bcumulative|\btotal\b", cell, re.IGNORECASE))
    return _Column(stock, first.isoformat(), last.isoformat())


def _tables(text: str, pub: dt.date | None) -> list[_Table]:
    out: list[_Table] = []
    lines = list(rx.finditer(r"[^\n]+", text))
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.group(0).split(" / ")]
        if len(cells) < 2 or not all(_PERIOD_CELL.search(c) for c in cells):
            continue
        cols = [_column(c, pub) for c in cells]
        if any(c is None for c in cols):
            continue
        end = line.end()
        for nxt in lines[i + 1 :]:
            if _ROW.match(nxt.group(0)) is None:
                break
            end = nxt.end()
        if end > line.end():
            out.append(_Table(line.start(), end, [c for c in cols if c is not None]))
    return out


class SlashTables:
    """The slash tables of a text; ``consume`` reads each once and keeps its lines from
    being read as prose."""

    def __init__(self, text: str, pub: dt.date | None) -> None:
        self.text = text
        self.tables = _tables(text, pub) if " / " in text and ":" in text else []
        self.read: set[int] = set()

    def consume(self, s: Span, gaz: Gazetteer, st: _State) -> bool:
        """Whether sentence ``s`` lies in a slash table (its records then added to
        ``st.records`` once)."""
        for k, table in enumerate(self.tables):
            if table.start <= s.start < table.end:
                if k not in self.read:
                    self.read.add(k)
                    st.records.extend(self._records(table, gaz, st))
                return True
        return False

    def _records(self, table: _Table, gaz: Gazetteer, st: _State) -> list[Record]:
        # the place a line just above names ("Lassa Fever -- Nigeria"), else the text's
        above = self.text[
            max(0, self.text.rfind("\n", 0, max(0, table.start - 1)) + 1) : table.start
        ]
        found = [p for p in gaz.find(above) if p.place.level != "locality"]
        pm = found[-1] if found else (st.place or st.doc_place)
        out: list[Record] = []
        for row in _ROW.finditer(self.text, table.start, table.end):
            kind = next((k for k in _KINDS if k[0].search(row.group("label").strip())), None)
            if kind is None:
                continue  # a rate, the states or districts affected
            cells = list(rx.finditer(r"[\d][\d,.]*", row.group("cells")))
            if len(cells) != len(table.columns):
                continue
            for cell, col in zip(cells, table.columns, strict=True):
                raw = cell.group(0)
                if "." in raw:
                    continue
                category = kind[2] if col.stock else kind[1]
                a = row.start("cells") + cell.start()
                population = None
                if category in ("suspected", "probable"):
                    population = "cumulative" if col.stock else "week"
                out.append(
                    Record(
                        category=category,
                        value=int(raw.replace(",", "")),
                        qualifier="exact",
                        date=col.end,
                        place=pm.place.name if pm else None,
                        place_text=pm.text if pm else None,
                        mention=raw,
                        evidence=raw,
                        sentence=row.group(0).strip(),
                        start=a,
                        end=a + len(raw),
                        metric=category,
                        period_start=col.start,
                        population=population,
                        place_code=pm.place.code if pm else None,
                        stock=col.stock,
                    )
                )
        return out
