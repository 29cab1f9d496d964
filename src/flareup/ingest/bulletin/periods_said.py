"""Date policies for the day a block of counts refers to when the counts do not say it.

``introduces_list``: a sentence that ends by announcing what follows ('from 0 to 24:00 on
September 23, the situation in the province is as follows:') heads the counts below it, which
take its day, as a heading line does."""

from __future__ import annotations

import re

_ANNOUNCES = re.compile(
    r"(?:as\s+follows|the\s+following|(?:are|is|were|was)\s+(?:listed\s+)?below|details?\s+"
    r"(?:are|is)\s+(?:as\s+)?(?:below|follows?))\s*[:：]\s*$",
    re.IGNORECASE,
)


def introduces_list(sent: str) -> bool:
    """Whether ``sent`` ends by announcing the counts that follow ('... is as follows:')."""
    return _ANNOUNCES.search(sent.rstrip()) is not None


#: "Globally, since September 2012, WHO has been notified of 1,769 cases": a total since a
#: start, in the present perfect, runs to the day of the report
_SINCE_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:now\s+)?been\s+(?:notified|reported|recorded|confirmed|registered)\b",
    re.IGNORECASE,
)


def runs_to_report_day(sent: str, has_start: bool, has_end: bool) -> bool:
    """Whether a sentence's counts are a total since a start day that runs up to the report
    (a 'since' start, no end day, a verb in the present perfect)."""
    return has_start and not has_end and _SINCE_PERFECT.search(sent) is not None
