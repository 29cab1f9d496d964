"""A total with its day's increment in brackets: '3,407(+59) in Nur-Sultan', '1 234 (+56 new)'.

Tables of regional totals (ministry dashboards, wire copies of them) write each region's
running total with the rise since the last report as a signed number in brackets. The bracket
is no aside that ends the total's phrase (the place after it is the total's), and the signed
number counts the same thing as the total, as a flow: the new cases of that place.
"""

from __future__ import annotations

import dataclasses

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _TO_FLOW
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.vocabulary import metric_for

#: "(+59)", "( +1,203 )", "(+56 new)": a signed rise in brackets right after a number
_DELTA = rx.compile(r"\s*\(\s*\+\s*(?P<n>\d[\d,  ]*?)\s*(?:new|more)?\s*\)")


def delta_of(sentence: str, nums: list[Number], i: int) -> Number | None:
    """The bracketed rise '(+M)' right after ``nums[i]``, if the next number is one."""
    n = nums[i]
    if n.zero_word or i + 1 >= len(nums):
        return None
    m = _DELTA.match(sentence, n.end)
    nxt = nums[i + 1]
    if m is None or not (m.start("n") <= nxt.start and nxt.end <= m.end("n") + 1):
        return None
    return nxt


def is_delta(sentence: str, nums: list[Number], i: int) -> bool:
    """Whether ``nums[i]`` is the bracketed rise of the number before it."""
    return i > 0 and delta_of(sentence, nums, i - 1) is nums[i]


def phrase_end(sentence: str, nums: list[Number], i: int, nxt: int) -> int:
    """Where the phrase of ``nums[i]`` ends: past its bracketed rise, at the next count."""
    d = delta_of(sentence, nums, i)
    if d is None:
        return nxt
    return next((o.start for o in nums if o.start > d.end), len(sentence))


def delta_record(total: Record, delta: Number, sentence_start: int) -> Record | None:
    """The record of the rise '(+M)' after ``total``: the flow of what the total counts, of
    its place and day; None where the total has no flow (a count of people now in care)."""
    flow = _TO_FLOW.get(total.category)
    if flow is None:
        return None
    return dataclasses.replace(
        total,
        category=flow,
        value=delta.value,
        value_max=None,
        qualifier="exact",
        mention=delta.mention,
        evidence=delta.mention,
        start=sentence_start + delta.start,
        end=sentence_start + delta.end,
        metric=metric_for(flow, False),
        period_start=None,
        stock=False,
    )
