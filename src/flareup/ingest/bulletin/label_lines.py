"""Lines of a dashboard re-published as text, each a kind of count and its number set off by a
dash or spaces: "Total confirmed cases in Nigeria -160,537", "Total discharged case – 144,714",
"Cumulative deaths 123" (a colon's lines are the table reader's). Two such lines in a row at
least; each is a total unless its label says new, dated on the day a heading just above names
('Summary of cases as of 9 June 2020'), else on the day the text speaks of."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _State
from flareup.ingest.bulletin.dates import find_dates
from flareup.ingest.bulletin.places import Gazetteer
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span

_LINE = rx.compile(
    r"^[ \t]*(?:[-\u2022*][ \t]*)?(?P<label>[A-Za-z][A-Za-z ()/'\u2019.-]{2,70}?)[ \t]*"
    r"(?:[-\u2013\u2014=][ \t]*|[ \t]+)(?P<num>\d[\d,]*)[ \t]*$",
    re.MULTILINE,
)
_NEW = rx.compile(r"\b(?:new|daily|today|fresh|24\s*h)", re.IGNORECASE)
_NOT_A_COUNT = rx.compile(
    r"\b(?:rate|ratio|average|percent|per\s+cent|isolation|quarantine|week|age|median|beds?)\b",
    re.IGNORECASE,
)
#: (label pattern, category of a total, category of a new count)
_KINDS = (
    (rx.compile(r"\b(?:deaths?|died|dead|fatalit)", re.I), "deaths_cumulative", "deaths_new"),
    (
        rx.compile(r"\b(?:recover|discharg|cured)", re.I),
        "recovered_cumulative",
        "recovered_new",
    ),
    (rx.compile(r"\bactive\b", re.I), "active", "active"),
    (rx.compile(r"\b(?:tests?|tested|samples?)\b", re.I), "tested", "tested"),
    (rx.compile(r"\bsuspect", re.I), "suspected", "suspected"),
    (rx.compile(r"\bprobable\b", re.I), "probable", "probable"),
    (rx.compile(r"\b(?:icu|intensive\s+care|critical|severe)\b", re.I), "severe", "severe"),
    (rx.compile(r"\bhospitali[sz]", re.I), "hospitalized", "hospitalized"),
    (
        rx.compile(r"\b(?:cases?|infections?|confirmed|positive)\b", re.I),
        "confirmed_cumulative",
        "confirmed_new",
    ),
)


@dataclass(slots=True)
class _Block:
    start: int
    end: int
    lines: list[re.Match[str]]


def _kind(label: str) -> str | None:
    if _NOT_A_COUNT.search(label):
        return None
    for pattern, total, new in _KINDS:
        if pattern.search(label):
            return new if _NEW.search(label) else total
    return None


def _blocks(text: str) -> list[_Block]:
    out: list[_Block] = []
    run: list[re.Match[str]] = []
    for m in _LINE.finditer(text):
        if _kind(m.group("label")) is None:
            continue
        if run and text[run[-1].end() : m.start()].strip():
            if len(run) >= 2:
                out.append(_Block(run[0].start(), run[-1].end(), run))
            run = []
        run.append(m)
    if len(run) >= 2:
        out.append(_Block(run[0].start(), run[-1].end(), run))
    return out


class LabelLines:
    """The label lines of a text; ``consume`` reads each block once and keeps its lines from
    being read as prose."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks = _blocks(text) if "\n" in text else []
        self.read: set[int] = set()

    def consume(self, s: Span, pub: dt.date | None, gaz: Gazetteer, st: _State) -> bool:
        """Whether sentence ``s`` lies in a block of label lines (its records then added to
        ``st.records`` once)."""
        for k, block in enumerate(self.blocks):
            if block.start <= s.start < block.end:
                if k not in self.read:
                    self.read.add(k)
                    st.records.extend(self._records(block, pub, gaz, st))
                return True
        return False

    def _records(
        self, block: _Block, pub: dt.date | None, gaz: Gazetteer, st: _State
    ) -> list[Record]:
        head_start = self.text.rfind("\n", 0, max(0, block.start - 1)) + 1
        head = self.text[head_start : block.start]
        days = [d.value for d in find_dates(head, pub) if d.value and len(d.value) == 10]
        date = days[0] if days else (st.date or st.pub)
        found = [p for p in gaz.find(head) if p.place.level != "locality"]
        default = found[-1] if found else (st.place or st.doc_place)
        out: list[Record] = []
        for m in block.lines:
            label = m.group("label")
            category = _kind(label)
            if category is None:
                continue
            own = [p for p in gaz.find(label) if p.place.level != "locality"]
            pm = own[-1] if own else default
            raw = m.group("num")
            a = m.start("num")
            out.append(
                Record(
                    category=category,
                    value=int(raw.replace(",", "")),
                    qualifier="exact",
                    date=date,
                    place=pm.place.name if pm else None,
                    place_text=pm.text if pm else None,
                    mention=raw,
                    evidence=m.group(0).strip(),
                    sentence=m.group(0).strip(),
                    start=a,
                    end=a + len(raw),
                    metric=category,
                    place_code=pm.place.code if pm else None,
                    stock=not category.endswith("_new"),
                )
            )
        return out
