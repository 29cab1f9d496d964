"""Date policies for the day a block of counts refers to when the counts do not say it.

``introduces_list``: a sentence that ends by announcing what follows ('from 0 to 24:00 on
September 23, the situation in the province is as follows:') heads the counts below it, which
take its day, as a heading line does. ``runs_to_report_day``: a total since a start day in
the present perfect runs to the report's day. ``prior_day_bounds``: 'prior to Tuesday's new
cases' ends a total on the day before Tuesday."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.date_mention import DateMention

_ANNOUNCES = rx.compile(
    r"(?:as\s+follows|the\s+following|(?:are|is|were|was)\s+(?:listed\s+)?below|details?\s+"
    r"(?:are|is)\s+(?:as\s+)?(?:below|follows?))\s*[:：]\s*$",
    re.IGNORECASE,
)


def introduces_list(sent: str) -> bool:
    """Whether ``sent`` ends by announcing the counts that follow ('... is as follows:')."""
    return _ANNOUNCES.search(sent.rstrip()) is not None


#: "Globally, since September 2012, WHO has been notified of 1,769 cases": a total since a
#: start, in the present perfect, runs to the day of the report
_SINCE_PERFECT = rx.compile(
    r"\b(?:has|have)\s+(?:now\s+)?been\s+(?:notified|reported|recorded|confirmed|registered)\b",
    re.IGNORECASE,
)


def runs_to_report_day(sent: str, dates: list[DateMention]) -> bool:
    """Whether a sentence's counts are a total since a start day that runs up to the report
    (a 'since' start, no end day, a verb in the present perfect): "Globally, since September
    2012, WHO has been notified of 1,769 cases" is as of the report, not of the day of the
    event told before."""
    has_start = any(
        d.role == "start" and _SINCE.search(sent, max(0, d.start - 7), d.start) for d in dates
    )
    has_end = any(d.role in ("end", "point", "past24") for d in dates)
    return has_start and not has_end and _SINCE_PERFECT.search(sent) is not None


_SINCE = rx.compile(r"\bsince\s+$", re.IGNORECASE)


#: "Prior to Tuesday's new cases, Macao had reported 59": up to the day before that day
_PRIOR_TO = rx.compile(r"\b(?:prior\s+to|before)\s+(?:the\s+)?$", re.IGNORECASE)
#: ("56 days before June 11", "shortly before Monday": another period or no bound)
_NOT_BOUND = rx.compile(
    r"(?:\b(?:days?|weeks?|months?|hours?|shortly|just|long|day|eve)\s+|\bthe\s+)(?:prior\s+to|before)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def prior_day_bounds(sentence: str, out: list[DateMention]) -> list[DateMention]:
    """A day said as what a total came before ('Prior to Tuesday's new cases, ... had
    reported a total of 59') ends the total on the day before it."""
    res = []
    for d in out:
        head = sentence[max(0, d.start - 24) : d.start]
        if (
            d.value
            and len(d.value) == 10
            and d.role in ("point", "end")
            and _PRIOR_TO.search(head)
            and not _NOT_BOUND.search(head)
        ):
            day = dt.date.fromisoformat(d.value) - dt.timedelta(days=1)
            d = replace(d, value=day.isoformat(), role="end")
        res.append(d)
    return res


def heading_ends_on_day(sent: str, dates: list[DateMention], day: str) -> bool:
    """Whether ``sent`` is a short heading that ends on ``day`` and a colon ("Ebola update,
    Beni health zone, 11 May:"): it dates the lines of figures under it."""
    return (
        len(sent) < 90
        and sent.rstrip().endswith(":")
        and any(d.value == day and rx.fullmatch(r"[\s\d,]*:\s*", sent[d.end :]) for d in dates)
    )
