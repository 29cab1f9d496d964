"""Breakdown lists in prose: the words that make a sentence's numbers the parts of a count
said before it, and the places of their items that the gazetteer lacks.

A breakdown ('Of the new cases, 33 were detected in Kirehe, 12 in Rusizi') has items with no
noun of their own: each inherits the category and date of the lead count and gets its own
place. The lead is marked by a partition phrase ('of the new cases', 'most of the cases were
from'), at the start of the sentence or after a reporting clause ('it was noted that of the
new cases; ...'). Method: regular expressions over the words before the first number.
"""

from __future__ import annotations

import re

from flareup.ingest.bulletin.records import Record

_NOUN = r"(?:cases|infections|deaths|fatalities|patients|carriers|positives)"
#: "..., it was noted that of the new cases; 33 were ...", "The ministry said among the new
#: infections, 12 were ...": a partition after a reporting clause, just before the items
_MID_PARTITION = re.compile(
    rf"(?:\bthat|[,;:])\s+(?:out\s+)?(?:of|among)\s+(?:the|these|those|today's|yesterday's|"
    rf"this\s+week's|all\s+the)\s+(?:[\w-]+\s+){{0,3}}?{_NOUN}\s*[,;:]?\s*$",
    re.IGNORECASE,
)
#: "Most of the cases were from NCR (3,002 or 24%), ...", "The majority of deaths were in
#: ...": a share of the count said before, broken down by place
_MOST_OF = re.compile(
    rf"^\W*(?:most|the\s+(?:majority|bulk)|majority)\s+of\s+(?:(?:the|these|those|all\s+the)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_NOUN}\s+(?:(?:were|are|was|have\s+been|had\s+been)\s+)?"
    r"(?:(?:reported|recorded|detected|found|located|registered|notified|concentrated)\s+)?"
    r"(?:from|in|at|across)\b",
    re.IGNORECASE,
)


#: "Of the new cases, ...", "Among the deaths, ...": a partition opening the sentence
_OPEN_PARTITION = re.compile(
    rf"^\W*(?:out\s+)?(?:of|among)\s+(?:the|these|those|today's|yesterday's|this\s+week's|"
    rf"all\s+the)\s+(?:[\w-]+\s+){{0,3}}?{_NOUN}\s*[,;:]?\s*$",
    re.IGNORECASE,
)


def partition_lead(sentence: str, first_number: int) -> str | None:
    """The partition phrase before the sentence's first number that announces a breakdown
    of a count said before ('it was noted that of the new cases; 33 ...', 'Most of the cases
    were from ...'), else None."""
    head = sentence[:first_number]
    m = _MID_PARTITION.search(head) or _MOST_OF.match(head) or _OPEN_PARTITION.match(head)
    return m.group(0) if m else None


_FAMILY = {
    "cases": ("confirmed", "local", "imported", "asymptomatic", "suspected", "probable", "infect"),
    "infections": ("confirmed", "local", "imported", "asymptomatic", "infect"),
    "positives": ("confirmed", "local", "imported", "asymptomatic", "infect", "tested_positive"),
    "carriers": ("asymptomatic",),
    "deaths": ("deaths",),
    "fatalities": ("deaths",),
}


def partition_head(phrase: str, records: list[Record]) -> Record | None:
    """The count said before whose parts follow a partition ``phrase``: the latest record of
    the phrase's noun ('of the new cases' -> the last count of new cases, not the discharges
    said after it); None where none fits ('patients': any)."""
    noun = re.search(_NOUN, phrase, re.IGNORECASE)
    kinds = _FAMILY.get(noun.group(0).lower()) if noun else None
    if kinds is None:
        return None
    new = re.search(r"\b(?:new|today's|yesterday's|this\s+week's)\b", phrase, re.IGNORECASE)
    for r in reversed(records[-30:]):
        if not r.category.startswith(kinds) or r.category == "correction":
            continue
        if new and r.stock:
            continue
        return r
    return None


_NUM_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
)
#: "18 in the South, nine in the Interlake and one in Prairie Mountain": items of a breakdown
#: by place, numbers in digits or words, a place with its article
_ITEM = re.compile(
    rf"(?:\b\d[\d,]*|\b(?:{_NUM_WORD}))\s+(?:[a-z]+\s+){{0,3}}?(?:in|from|at)\s+"
    r"(?P<n>(?:the\s+)?[A-Z][a-z][\w'’]*(?:[\s-](?!(?:Cases?|Deaths?|Patients?)\b)"
    r"[A-Z][a-z][\w'’]*){0,2})"
)


def item_places(sentence: str, known: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The places of a breakdown's items (span, name as written, article kept: 'the South'),
    where the sentence has at least two items and one of them is a place in ``known`` (the
    spans of the places found so far): its siblings are places too."""
    items = list(_ITEM.finditer(sentence))
    if len(items) < 2:
        return []
    starts = {a for a, _ in known}
    article = [m.start("n") + (4 if m.group("n").startswith("the ") else 0) for m in items]
    if not any(a in starts for a in article):
        return []
    return [(m.start("n"), m.end("n"), m.group("n")) for m in items]
