"""Counts dated by the sentence after them: 'Pakistan reported 966 cases ... . These cases
were reported in just 24 hours on 1 Oct 2019.' A sentence that counts nothing but says when
the counts just said were made gives them that day (those left at the publication day)."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _State

#: "These cases were reported in just 24 hours on 1 Oct 2019": the day of the counts just said
_THESE_WERE = rx.compile(
    r"\W*(?:these|the|all(?:\s+of)?\s+(?:these|the))\s+(?:new\s+)?(?:[\w-]+\s+)?(?:cases|deaths|"
    r"infections)\s+(?:were|was|had\s+been|have\s+been)\s+(?:[\w-]+\s+){0,5}?(?:reported|"
    r"detected|confirmed|recorded|registered|notified)\b",
    re.IGNORECASE,
)


def dates_said_before(sent: str, main_date: str | None, st: _State) -> None:
    """A sentence without counts that says when the counts of the sentence before were made
    ('These cases were reported on 1 Oct') re-dates those left at the publication day."""
    if not main_date or len(main_date) != 10 or st.pub is None or not st.records:
        return
    if main_date >= st.pub or not _THESE_WERE.match(sent):
        return
    last = st.records[-1].sentence
    for r in reversed(st.records):
        if r.sentence != last:
            break
        if r.date == st.pub and not r.stock:
            r.date = main_date
