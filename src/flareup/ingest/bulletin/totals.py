"""A count read as a total that the next sentence shows to be the day's flow: where a count
with no word of a total ('159 people have died', '639 people had recovered') is followed
within the next sentence by the total of the same kind and place, larger, in words of a total
('The total deaths are now 2,600', 'Thus, the total number of recovered persons is 62,668'),
the first count is what was added; so too where the total follows in the count's own sentence
('Around 2,914 patients have recovered and the total recoveries stood at 1,412,429'). The method is the one a reader uses: a report that states
both gives the increment first and the running total after it."""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.vocabulary import FLOW_STOCK, metric_for

#: words that make a count a total by themselves
_TOTAL_WORDS = rx.compile(
    r"\b(?:total|cumulative(?:ly)?|so\s+far|to\s+date|as\s+(?:of|at)|overall|in\s+all|"
    # "since they were hospitalized" is no period of a total
    r"since(?!\s+(?:they|he|she|it|we|then)\b)|"
    r"altogether|tally|toll|thus\s+far|until\s+now|up\s+to\s+now|ever)\b",
    re.IGNORECASE,
)
#: the total said in the next sentence: 'the total ... is/are now/stands at', 'brings the total'
_STATED_TOTAL = rx.compile(
    r"\b(?:the\s+)?total(?:\s+number)?\b[^.;]{0,60}?\b(?:is|are|was|were|stands?|stood|reache[sd]|"
    r"rose|r[ie]sen|climbed|now)\b|\bbring(?:s|ing)?\s+the\s+total\b|\bcumulative\b",
    re.IGNORECASE,
)
#: the same said of a later count in one sentence: 'and the total recoveries stood at',
#: 'bringing Kenya's fatalities since March to'
_TOTAL_AFTER = rx.compile(
    r"\b(?:the\s+)?total(?:\s+number)?\b[^.;]{0,60}?\b(?:is|are|was|were|stands?|stood|"
    r"reache[sd]|rose|r[ie]sen|climbed|now)\b|"
    # ("raising", "taking": not raise+ing)
    r"\b(?:bring(?:s|ing)?|tak(?:es|ing)|rais(?:es|ing)|push(?:es|ing)?|brought|took|raised|pushed)\s+"
    r"(?:the\s+|its\s+|their\s+|[\w'’-]+['’]s?\s+)?"
    r"(?:[\w-]+\s+){0,6}?to\s+(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
_STOCK_TO_FLOW = {stock: flow for flow, stock in FLOW_STOCK.values()}


def flows_before_totals(records: list[Record]) -> None:
    """Retype, in place, each total with no word of a total that the next sentence's stated
    total of the same kind and place (larger) shows to be a flow."""
    for i, r in enumerate(records):
        flow = _STOCK_TO_FLOW.get(r.category)
        if flow is None:
            continue
        if _flow_before_total_in_sentence(r, records[i + 1 :]):
            r.category = flow
            r.metric = metric_for(flow)
            r.stock = False
            continue
        if _TOTAL_WORDS.search(r.sentence):
            continue
        later = [q for q in records[i + 1 :] if q.sentence != r.sentence and q.start > r.end]
        if not later or later[0].start - r.end > 400:
            continue
        for q in (q for q in later if q.sentence == later[0].sentence):
            said = q.sentence[: q.sentence.find(q.mention) + 1 or None]
            if (
                q.category == r.category
                and q.value > r.value
                and q.place == r.place
                and _STATED_TOTAL.search(said)
            ):
                r.category = flow
                r.metric = metric_for(flow)
                r.stock = False
                break
    totals_after_flows(records)
    short_since_flows(records)


#: a total's own words, other than the 'since' of its period
_TOTAL_NOT_SINCE = rx.compile(
    r"\b(?:total|cumulative(?:ly)?|so\s+far|to\s+date|as\s+(?:of|at)|overall|in\s+all|"
    r"altogether|tally|toll|thus\s+far|until\s+now|up\s+to\s+now|ever)\b",
    re.IGNORECASE,
)
#: "since July 3", "since 3 July": a day of the month the period runs from
_SINCE_DAY = rx.compile(
    r"\bsince\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.IGNORECASE,
)


def short_since_flows(records: list[Record]) -> None:
    """Retype, in place, a count 'since' a day at most a week before its own ('Guinea's
    ministry reported two deaths since July 3' on July 8) and with no word of a total: the
    days' count, a flow, not a total."""
    for r in records:
        flow = _STOCK_TO_FLOW.get(r.category)
        if (
            flow is None
            or not r.period_start
            or not r.date
            or len(r.period_start) != 10
            or len(r.date) != 10
            or not _SINCE_DAY.search(r.sentence)
            or _TOTAL_NOT_SINCE.search(r.sentence)
        ):
            continue
        days = (dt.date.fromisoformat(r.date) - dt.date.fromisoformat(r.period_start)).days
        if 0 < days <= 7:
            r.category = flow
            r.metric = metric_for(flow)
            r.stock = False


#: words that make a count a flow by themselves
_FLOW_WORDS = rx.compile(
    r"\b(?:new|newly|more|additional|another|further|fresh|daily|today|yesterday|overnight|"
    r"past|last|previous|this\s+(?:morning|week)|24\s+hours|on\s+(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day)\b",
    re.IGNORECASE,
)
_FLOW_TO_STOCK = {flow: stock for flow, stock in FLOW_STOCK.values()}


def totals_after_flows(records: list[Record]) -> None:
    """'Seven more people died in the past day ... 127 people died.': a later count of the
    same kind, place and day, larger, said with no word of a flow after the day's flow was
    said with one, is the running total (the mirror of :func:`flows_before_totals`)."""
    for i, r in enumerate(records):
        stock = _FLOW_TO_STOCK.get(r.category)
        if stock is None or _FLOW_WORDS.search(r.sentence) or _TOTAL_WORDS.search(r.sentence):
            continue
        said = [
            q
            for q in records[:i]
            if q.category == r.category
            and q.place == r.place
            and q.date == r.date
            and q.sentence != r.sentence
            and _FLOW_WORDS.search(q.sentence)
        ]
        if said and all(q.value < r.value for q in said):
            if any(
                q.qualifier in ("at_least", "approximate") and r.value <= q.value * 1.1
                for q in said
            ):
                # "the death toll surged by more than 6,500 ... the number of deaths gained
                # 6,572": the exact figure of the rounded flow said before, not a total
                continue
            r.category = stock
            r.metric = metric_for(stock)
            r.stock = True


def _flow_before_total_in_sentence(r: Record, after: list[Record]) -> bool:
    """'Around 2,914 patients have recovered and the total recoveries stood at 1,412,429',
    'two patients have succumbed, bringing the fatalities since March to 1,728': a count
    with no word of a total before a larger total of its kind and place, said as a total in
    the same sentence, is what was added."""
    at = r.sentence.find(r.evidence)
    if at < 0:
        return False
    for q in after:
        if q.sentence != r.sentence or q.start <= r.end:
            continue
        q_at = at + (q.start - r.start)
        if not (
            q.category == r.category
            and q.value > r.value
            and q.place == r.place
            and 0 < q_at <= len(r.sentence)
        ):
            continue
        # (from the number's end: "two patients have succumbed to the disease bringing" is
        # an evidence that runs into the cue)
        inner = r.evidence.find(r.mention) if r.mention else -1
        own_end = at + (inner + len(r.mention) if inner >= 0 else len(r.evidence))
        if own_end >= q_at:
            continue
        between = r.sentence[own_end:q_at]
        cue = _TOTAL_AFTER.search(between)
        own = r.sentence[:own_end] + between[: cue.start() if cue else 0]
        if cue is not None and not _TOTAL_WORDS.search(own):
            return True
    return False
