"""Increments written after a total: '3,407 (+59) in Astana', '1,204 [+12]', '560 (+ 8)'.

A regional table often gives each unit's running total with the day's rise in brackets right
after it. The bracketed number is no count of its own for attachment: it is taken out of the
sentence's numbers (so the total reaches the place after the bracket, '... (+59) in Astana'),
and once the total has its record, the rise gets a copy of it as the flow of the same stock,
place and date (the method of a two-column table read row by row).
"""

from __future__ import annotations

import dataclasses
import re

from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin.context import _TO_FLOW
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.records import Record

_OPEN = re.compile(r"\s*[(\[]\s*\+\s*$")
_CLOSE = re.compile(r"\s*[)\]]")


def split_increments(sent: str, nums: list[Number]) -> tuple[str, list[Number], dict[int, Number]]:
    """The sentence with its bracketed rises blanked out (same length, so that '4,512 (+120)
    cases' reads its noun), the numbers without the rises, and each rise by the start of its
    total."""
    kept: list[Number] = []
    rises: dict[int, Number] = {}
    blanked = sent
    for n in nums:
        prev = kept[-1] if kept else None
        close = _CLOSE.match(sent, n.end)
        if (
            prev is not None
            and close is not None
            and not prev.zero_word
            and not n.word
            and prev.end <= n.start
            and _OPEN.fullmatch(sent, prev.end, n.start)
        ):
            rises[prev.start] = n
            blanked = blanked[: prev.end] + " " * (close.end() - prev.end) + blanked[close.end() :]
            continue
        kept.append(n)
    return blanked, kept, rises


def add_increments(
    recs: list[Record], rises: dict[int, Number], sent: str, offset: int
) -> list[Record]:
    """``recs`` with, after each total that has a bracketed rise, the rise as its flow; the
    sentence and evidence as written (``sent``: the sentence before blanking)."""
    if not rises:
        return recs
    out: list[Record] = []
    for r in recs:
        if r.sentence != sent and len(r.sentence) == len(sent):
            r.sentence = sent
            r.evidence = sent[r.start - offset : r.end - offset]
        out.append(r)
        n = rises.get(r.start - offset)
        flow = _TO_FLOW.get(r.category)
        if n is None or flow is None or r.value == n.value:
            continue
        out.append(
            dataclasses.replace(
                r,
                category=flow,
                value=n.value,
                value_max=n.value_max,
                qualifier=n.qualifier,
                mention=n.mention,
                evidence=sent[n.start : n.end],
                start=offset + n.start,
                end=offset + n.end,
                metric=cat.metric_for(flow, False),
                stock=False,
                period_start=None,
            )
        )
    return out
