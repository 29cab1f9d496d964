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
