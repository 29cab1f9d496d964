"""The day a count-less heading names for the figures listed after it ("Liberia's daily Ebola
report for 30 September.", "New figures for Monday:"): the day of the list's counts, as a
table's caption dates its cells. Method: a heading noun (report, update, figures ...) then
'for' / 'of' / 'on' and one calendar day, in a short sentence that counts nothing."""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.dates import find_dates

_HEADING = re.compile(
    r"\b(?:report|update|figures|data|bulletin|numbers|statistics|summary|sitrep|briefing)"
    r"\s+(?:for|of|on|as\s+(?:of|at))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def heading_day(sent: str, pub: dt.date | None) -> str | None:
    """The one day a short count-less heading gives its figures ('... report for 30
    September', 'New figures for Monday:'), else None."""
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
