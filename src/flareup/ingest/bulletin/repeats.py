"""A count said again with the smaller place it all lies in: 'Liaoning reported three
asymptomatic cases. The three new asymptomatic cases were reported in Dalian.'

A definite repetition ('the three cases', 'all 22 cases') is the count said before, no new
fact, unless it names where the whole count lies: then the text writes a numeral for that
place, and a count with its own numeral is its own record (the breakdown rule of the
annotation conventions), of the kind, day and flow or stock of the count it repeats.
"""

from __future__ import annotations

import dataclasses
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.places import PlaceMention
from flareup.ingest.bulletin.records import Record

#: "... cases were (all) reported in", "... patients are from", "... were all in the capital"
_IN_PLACE = rx.compile(
    r"\s*(?:[\w-]+\s+){0,4}?(?:cases|infections|patients|carriers|deaths)\s+(?:were|was|are|is)\s+"
    r"(?:all\s+)?(?:(?:reported|detected|found|identified|confirmed|located|recorded|registered)\s+)?"
    r"(?:in|from|at)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?$",
    re.IGNORECASE,
)


def in_place(
    sentence: str, end: int, places: list[PlaceMention], said: Record
) -> PlaceMention | None:
    """The place a repeated count (ending at ``end``) is said to lie in, where it is another
    place than the one the count was said of."""
    for p in places:
        if p.start < end:
            continue
        if p.start - end > 90 or not _IN_PLACE.fullmatch(sentence, end, p.start):
            return None
        if rx.match(r"\s*(?:,\s*|\s+and\s+)(?:the\s+)?(?-i:[A-Z])", sentence[p.end :]):
            # "The nine new cases were detected in Riyadh, Jiddah and Mecca": spread over a
            # list of places, the count lies in none of them whole
            return None
        return p if p.place.name != said.place else None
    return None


def record_in_place(
    said: Record, n: Number, sentence: str, sentence_start: int, where: PlaceMention
) -> Record:
    """The repeated count as its own record of the place it lies in."""
    evidence = sentence[n.start : where.end]
    return dataclasses.replace(
        said,
        place=where.place.name,
        place_text=where.text,
        place_code=where.place.code or None,
        mention=n.mention,
        evidence=evidence,
        sentence=sentence,
        start=sentence_start + n.start,
        end=sentence_start + n.start + len(evidence),
        area=None,
    )
