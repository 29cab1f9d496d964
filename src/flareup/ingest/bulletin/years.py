"""Years written without a digit of their own or as a range read item by item.

- 'last year', 'the previous year': the calendar year before the publication year; 'during the
  past year' too in a text published in January or February (a review of the year just ended;
  later in the year the words mean the twelve months to the text's day, left to the text's day).
- 'two years ago', 'a year ago': that many calendar years before the publication year ("an
  outbreak that ended two years ago killed 300 people", in a 2018 text: 2016).
- '54, 20 and 8 cases in 2016-2018, respectively': a range of years whose items a
  'respectively' list takes one by one, so each year is a mention of its own (all on the span
  of the range, in order).

Each is returned as (start, end, value); ``dates.find_dates`` gives it its role.
"""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.numbers import _EN_UNITS

_LAST_YEAR = rx.compile(
    r"\b(?:last|the\s+previous|the\s+preceding)\s+year\b"
    r"|\b(?:during|in|over|throughout)\s+the\s+past\s+year\b(?P<past>)",
    re.IGNORECASE,
)
#: words before 'last year' that make it a year compared with, a start or a month's year
_NOT_OWN = rx.compile(
    r"\b(?:compared|than|versus|vs\.?|since|same\s+(?:period|time|week|month)|start|beginning|"
    r"end|emerged|began|begun|started|first)\b[^,;]*$"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:of\s+)?$",
    re.IGNORECASE,
)
#: "two years ago", "a year ago", "3 years ago"
_YEARS_AGO = rx.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+ago\b",
    re.IGNORECASE,
)
_N_WORDS = {"a": 1, **{w: n for w, n in _EN_UNITS.items() if 1 <= n <= 10}}
#: "from 2015-2018", "in 2015 to 2018", "between 2015 and 2018"
_YEAR_RANGE = rx.compile(
    r"\b(?:(?:from|in|between|during)\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-|–|to|and)\s*"
    r"(?P<b>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def year_mentions(
    sentence: str, published: dt.date | None, year: int | None, month: int | None
) -> list[tuple[int, int, str]]:
    """(start, end, 'YYYY') of each year said in words or listed by a range for
    'respectively'; ``year``/``month``: those of a publication without its day."""
    out: list[tuple[int, int, str]] = []
    this_year = published.year if published else year
    this_month = published.month if published else month
    low = sentence.lower()
    if this_year is not None and "year" in low:
        for m in _LAST_YEAR.finditer(sentence):
            if m.group("past") is not None and not (this_month is not None and this_month <= 2):
                continue
            if rx.match(r"\s*(?:'s|’s)", sentence[m.end() :]):
                continue  # "last year's outbreak": a background, no count's year
            if _NOT_OWN.search(sentence[max(0, m.start() - 40) : m.start()]):
                # "compared to last year", "since the pandemic began last year", "in January
                # last year" (a month of that year, read with its month)
                continue
            ref = this_year
            said = rx.findall(r"\b((?:19|20)\d\d)\b", sentence[: m.start()])
            if said and not m.group(0).lower().startswith("last"):
                ref = int(said[-1])  # "In 2018, 230 cases, up from 150 the previous year": 2017
            out.append((m.start(), m.end(), str(ref - 1)))
    if this_year is not None and "ago" in low:
        for m in _YEARS_AGO.finditer(sentence):
            word = m.group("n").lower()
            k = int(word) if word.isdigit() else _N_WORDS[word]
            if 0 < k <= 50:
                out.append((m.start(), m.end(), str(this_year - k)))
    if "respectively" in low:
        for m in _YEAR_RANGE.finditer(sentence):
            a, b = int(m.group("a")), int(m.group("b"))
            if not 0 < b - a <= 12 or (this_year is not None and b > this_year):
                continue
            if "respectively" not in low[m.end() :]:
                continue
            out.extend((m.start("a"), m.end("b"), str(y)) for y in range(a, b + 1))
    return out
