"""The day a count-less heading names for the figures listed after it ("Liberia's daily Ebola
report for 30 September.", "New figures for Monday:"): the day of the list's counts, as a
table's caption dates its cells. Method: a heading noun (report, update, figures ...) then
'for' / 'of' / 'on' and one calendar day, in a short sentence that counts nothing. The same
day said after the list ('... (figures for Sunday).', 'The figures are for Tuesday.') dates
it too."""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.categories import metric_for
from flareup.ingest.bulletin.context import _TO_FLOW
from flareup.ingest.bulletin.dates import find_dates
from flareup.ingest.bulletin.records import Record

_HEADING = rx.compile(
    r"\b(?:report|update|figures|data|bulletin|numbers|statistics|summary|sitrep|briefing)"
    r"\s+(?:for|of|on|as\s+(?:of|at))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def heading_day(sent: str, pub: dt.date | None, before: list[Record] | None = None) -> str | None:
    """The one day a short count-less heading gives its figures ('... report for 30
    September', 'New figures for Monday:'), else None. With ``before`` (the counts read so
    far), a sentence that dates the list before it ('The figures are for Tuesday.') dates
    those counts (``redate_list_before``)."""
    if before:
        redate_list_before(sent, pub, before)
    if len(sent) > 90:
        return None
    days = [d for d in find_dates(sent, pub) if d.value and len(d.value) == 10]
    if len(days) != 1 or days[0].role == "start":
        return None
    d = days[0]
    if not _HEADING.search(sent, max(0, d.start - 40), d.start):
        return None
    if not rx.fullmatch(r"\s*[:.]?\s*", sent[d.end :]):
        return None  # "the report for Monday showed ...": a sentence, not a heading
    return d.value


#: "(figures for Sunday)", "(data as of 12 June)", ", figures for Tuesday": the words before a
#: day said after a list, which date its items
_TRAILER = rx.compile(
    r"(?:[(,;]\s*(?:the\s+)?(?:figures|data|numbers|statistics|counts|totals)\s+"
    r"(?:(?:are|were)\s+)?(?:for|of|on|as\s+(?:of|at))|\(\s*(?:for|as\s+(?:of|at)))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "The figures are for Tuesday.", "Data as of 19 October.": a sentence that dates the list
#: said just before it
_TRAILING_SENTENCE = rx.compile(
    r"^\W*(?:the\s+|these\s+|all\s+)?(?:figures|data|numbers|statistics|counts)\s+"
    r"(?:(?:above|here)\s+)?(?:(?:are|were)\s+)?(?:for|as\s+(?:of|at))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: a cheap look at a sentence's end before its dates are read: a trailer's words, then at
#: most a few words and a closing bracket
_TRAILER_END = rx.compile(
    r"(?:[(,;]\s*(?:the\s+)?(?:figures|data|numbers|statistics|counts|totals)\s+[^()]{0,50}|"
    r"\(\s*(?:for|as\s+(?:of|at))\s+[^()]{0,40})\)?\s*[.;]?\s*$",
    re.IGNORECASE,
)
_TRAILING_HINT = rx.compile(
    r"\W*(?:the\s+|these\s+|all\s+)?(?:figures|data|numbers|statistics|counts)\b", re.IGNORECASE
)


def trailing_day(sentence: str, records: list[Record], pub: dt.date | None) -> None:
    """Date the counts of ``sentence`` by the one day said after the last of them ('Kano: 42
    new cases; Kaduna: 31 new cases (figures for Sunday).'), as a caption dates a table: the
    sentence names no other date."""
    if not records or pub is None or _TRAILER_END.search(sentence) is None:
        return
    days = find_dates(sentence, pub)
    if len(days) != 1 or days[0].value is None or days[0].role == "start":
        return
    d = days[0]
    if not rx.fullmatch(r"\s*\)?\s*[.;]?\s*", sentence[d.end :]):
        return
    m = _TRAILER.search(sentence, max(0, d.start - 40), d.start)
    if m is None:
        return
    for r in records:
        r.date = d.value
    _days_figures(m.group(0), records)


#: words that make a count a total, whatever day it is of
_TOTAL_WORD = rx.compile(
    r"\b(?:total|cumulative|so\s+far|to\s+date|in\s+all|overall|tally|toll|since)\b",
    re.IGNORECASE,
)


def _days_figures(trailer: str, records: list[Record]) -> None:
    """A list's figures 'for' one day ('(figures for Sunday)', not '(as of Sunday)') are that
    day's counts, as 'Deaths by state on Saturday: ...' are: a count typed a total only for
    want of a flow word, in a sentence with no word of a total, is the day's flow."""
    if rx.search(r"\bas\s+(?:of|at)\b", trailer, re.IGNORECASE):
        return
    for r in records:
        flow = _TO_FLOW.get(r.category)
        if flow is not None and not _TOTAL_WORD.search(r.sentence):
            r.category, r.stock = flow, False
            r.metric = metric_for(flow, False)


def redate_list_before(sentence: str, pub: dt.date | None, records: list[Record]) -> None:
    """A count-less sentence that dates the list said before it ('The figures are for
    Tuesday.'): the counts of the sentence before, where it names no date, take that day."""
    if not records or pub is None or len(sentence) > 60 or not _TRAILING_HINT.match(sentence):
        return
    days = [d for d in find_dates(sentence, pub) if d.value and d.role != "start"]
    if len(days) != 1 or not rx.fullmatch(r"\s*[.;]?\s*", sentence[days[0].end :]):
        return
    m = _TRAILING_SENTENCE.match(sentence[: days[0].start])
    if m is None:
        return
    last = records[-1].sentence
    if find_dates(last, pub):
        return  # the list names its own day
    listed = []
    for r in reversed(records):
        if r.sentence != last:
            break
        r.date = days[0].value
        listed.append(r)
    _days_figures(m.group(0), listed)
