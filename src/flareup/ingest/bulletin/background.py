"""Background history in news text: a sentence whose counts all lie in a year before the
publication ('A cholera epidemic that hit Zimbabwe between August 2008 and July 2009 killed
more than 4,000 people') tells a past outbreak. The next sentence that gives no day of its own
and speaks in the present or present perfect ('Officials said 301 suspected typhoid cases have
been recorded') is back on the current outbreak: it takes neither the past day nor the past
place, but the day and place the text was on before the history."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _State
from flareup.ingest.bulletin.date_mention import DateMention
from flareup.ingest.bulletin.places import PlaceMention
from flareup.ingest.bulletin.records import Record

#: a verb in the present perfect or present ("have been recorded", "are 301", "has risen")
_NOW = rx.compile(
    r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+|also\s+)?(?:been|risen|reached|climbed|increased|"
    r"recorded|reported|confirmed|registered)\b|\b(?:are|is)\s+(?:now\s+)?(?:\d|over|more|about)",
    re.IGNORECASE,
)
#: a date of its own makes the sentence say when it is
_OWN_DAY = rx.compile(
    r"\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b|\btoday\b|\bweek\b",
    re.IGNORECASE,
)


@dataclass
class Before:
    """The text's day and place before a history sentence."""

    place: PlaceMention | None
    date: str | None
    period: str | None


def snapshot(st: _State) -> Before:
    """The state a history sentence may have to give back."""
    return Before(st.place, st.date, st.period)


def is_history(recs: list[Record], pub: str | None) -> bool:
    """Whether every count of a sentence is dated in a year before the publication's."""
    if not recs or not pub:
        return False
    return all(r.date is not None and r.date[:4] < pub[:4] for r in recs)


def back_to_now(sent: str, before: Before | None, st: _State) -> None:
    """After a history sentence: a sentence with no day of its own in the present (perfect)
    goes back to the day and place the text was on before it."""
    if before is None or _OWN_DAY.search(sent) or not _NOW.search(sent):
        return
    st.place, st.date, st.period = before.place, before.date, before.period


#: "declared the end of the outbreak in February 2018", "the epidemic ended in March 2019",
#: "was declared over in May 2015", "lasted until June 2016"
_ENDED = rx.compile(
    r"\b(?:declared\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:outbreak|epidemic)|"
    r"(?:outbreak|epidemic)\s+(?:was\s+declared\s+over|ended|was\s+over)|lasted\s+until)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:in|on)?\s*$",
    re.IGNORECASE,
)


def past_outbreak_end(sent: str, dates: list[DateMention], st: _State) -> None:
    """A sentence that counts nothing but says when a past outbreak ended ('... declared the
    end of the outbreak in February 2018') dates the totals told next ('A total of 1874
    suspected cases were reported'): its end day, from its start day."""
    if not st.pub:
        return
    for d in dates:
        if (
            d.value
            and d.value[:4] < st.pub[:4]
            and d.role in ("point", "end")
            and _ENDED.search(sent, max(0, d.start - 80), d.start)
        ):
            start = next(
                (
                    o.value
                    for o in dates
                    if o.value and o.start < d.start and o.value < d.value and o.role != "speech"
                ),
                None,
            )
            st.date, st.period = d.value, start
            return
