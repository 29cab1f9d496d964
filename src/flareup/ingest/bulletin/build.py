"""Building a :class:`Record` from a number read in an English sentence (its evidence span,
metric and stock flag), and the zero records of a coordinated 'no new cases or deaths'.
Split out of ``extract`` along that seam."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _STOCK_CATS
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span


def _record(
    category: str,
    n: Number,
    sent: str,
    s: Span,
    date: str | None,
    period_start: str | None,
    place: str | None,
    place_text: str | None,
    code: str | None,
    t: cat.Typing,
) -> Record:
    ev_end = min(len(sent), n.end + 40)
    cut = rx.search(
        r"[,;.()]|\s(?:and\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)",
        sent[n.end : ev_end],
    )
    if cut:
        ev_end = n.end + cut.start()
    else:  # never end the evidence inside a word ('were still being treate')
        word = rx.match(r"\w*", sent[ev_end:])
        ev_end += word.end() if word else 0
    evidence = sent[n.start : ev_end].rstrip()
    category = _pair_slot(sent, n, category)
    stock = category in _STOCK_CATS or (category == "tested" and t.stock is True)
    return Record(
        category=category,
        value=n.value,
        qualifier=n.qualifier,
        date=date,
        place=place,
        place_text=place_text,
        mention=n.mention,
        evidence=evidence,
        sentence=sent,
        start=s.start + n.start,
        end=s.start + n.start + len(evidence),
        metric=cat.metric_for(category, stock),
        value_max=n.value_max,
        period_start=period_start,
        place_code=code or None,
        stock=stock,
    )


#: a bracketed pair that names its counts: 'Benin (3 confirmed cases; 0 confirmed deaths)'
_PAIR_TEMPLATE = rx.compile(
    r"\(\s*[\d,]+\s+(?P<n1>[a-z][a-z ]{1,30}?)\s*;\s*[\d,]+\s+(?P<n2>[a-z][a-z ]{1,30}?)\s*\)"
)
#: a bare bracketed pair after it: 'Cameroon (18; 3)'
_PAIR_BARE = rx.compile(r"\(\s*(?P<a>[\d,]+)\s*;\s*(?P<b>[\d,]+)\s*\)")


def _pair_slot(sent: str, n: Number, category: str) -> str:
    """The category of a number in a bare bracketed pair ('Cameroon (18; 3)') that follows a
    pair naming its counts in the same sentence ('Benin (3 confirmed cases; 0 confirmed
    deaths)'): the first number counts what the template's first noun names, the second what
    its second names, a stock or a flow as the sentence's reading says; else ``category``."""
    pair = next(
        (m for m in _PAIR_BARE.finditer(sent) if m.start() < n.start and n.end <= m.end()), None
    )
    if pair is None:
        return category
    tpl = None
    for m in _PAIR_TEMPLATE.finditer(sent, 0, pair.start()):
        tpl = m
    if tpl is None:
        return category
    from flareup.ingest.bulletin.table_counts import _typing  # (no cycle at import time)

    noun = tpl.group("n1") if n.start < pair.start("b") else tpl.group("n2")
    t = _typing(noun)
    if t is None:
        return category
    k = cat.finish(t.category or "", t, category in _STOCK_CATS)
    return k if k in cat.CATEGORIES else category


_COORD_NP = rx.compile(
    r"(?:\s+(?:of|from|in)\s+[^,;]{0,60}?)?\s*(?:,\s*)?(?:or|nor|and)\s+(?:any\s+)?(?=(?:new|additional|suspected|confirmed|imported|local|asymptomatic|deaths?|fatalities|recoveries|patients|cases)\b)",
    re.IGNORECASE,
)


def _coordinated_zeros(
    sent: str,
    s: Span,
    n: Number,
    nxt: int,
    c0: int,
    date: str | None,
    period_start: str | None,
    first: Record,
) -> list[Record]:
    out = []
    m = rx.match(
        r"\s*(?:[\w-]+\s+){0,6}?(?:cases?|deaths?|infections?|patients?|fatalities)\b",
        sent[n.end :],
        re.IGNORECASE,
    )
    pos = n.end + (m.end() if m else 0)
    for _ in range(3):
        cm = _COORD_NP.match(sent, pos)
        if not cm:
            break
        t = cat.type_english(sent, cm.end() - 1, cm.end() - 1, c0, len(sent))
        if t.category is None:
            break
        if not first.stock and not rx.search(r"\b(?:total|cumulative)\b", cm.group(0), re.I):
            t.stock = False  # "no new cases or deaths": 'new' reaches every noun of the list
        if not (t.local or t.imported):
            # "no new imported confirmed cases and asymptomatic infections": the origin too
            t.imported = first.category.startswith("imported")
            t.local = first.category.startswith("local")
        category = cat.finish(t.category, t, None)
        if category not in cat.CATEGORIES or category == first.category:
            break
        z = Number(n.start, n.end, 0, None, "exact", n.mention, zero_word=True)
        out.append(
            _record(
                category,
                z,
                sent,
                s,
                date,
                period_start,
                first.place,
                first.place_text,
                first.place_code,
                t,
            )
        )
        m2 = rx.match(
            r"\s*(?:[\w-]+\s+){0,6}?(?:cases?|deaths?|infections?|patients?|fatalities)\b",
            sent[cm.end() :],
            re.IGNORECASE,
        )
        if not m2:
            break
        pos = cm.end() + m2.end()
    return out
