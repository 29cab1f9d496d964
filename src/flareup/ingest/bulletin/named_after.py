"""Which place a sentence that names its place only after its counts hands on to the next
sentences. A round-up of states goes from one to the next: 'West Bengal reported 153 new
cases. ... 398 new cases have been reported in Gujarat. The total number of cases stands at
8,195': the total is Gujarat's, though Gujarat is named after the count (a place named after a
count is otherwise no subject the text carries on with)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _depth
from flareup.ingest.bulletin.places import Gazetteer, PlaceMention
from flareup.ingest.bulletin.records import Record


class _Part(Protocol):
    @property
    def parent(self) -> object | None: ...


#: "have been reported in", "were recorded from", "confirmed in": where the counts were found
_FOUND_IN = rx.compile(
    r"\b(?:reported|recorded|registered|confirmed|detected|found|logged|identified)\s+"
    r"(?:\w+\s+)?(?:in|from|at)\s+(?:the\s+)?$"
)

#: "This brings the known cases across Pakistan to 1,016": the whole country's count
_ACROSS = rx.compile(r"\b(?:across|throughout)\s+(?:the\s+)?$")


def found_in_place(
    sent: str,
    recs: list[Record],
    places: list[PlaceMention],
    items: Sequence[_Part],
    current: PlaceMention | None,
    gaz: Gazetteer,
) -> PlaceMention | None:
    """The one place a sentence's counts were found in, named after them ('398 new cases have
    been reported in Gujarat'), where the text was on another place of the same country
    below the country (another state, a city), or the country itself where the text was on a
    place inside it: the next sentences go on about it. Not where the text was on the unit
    holding it ('China reported 20 cases. 5 were reported in Shanghai' is a breakdown)."""
    if not recs or not places or current is None:
        return None
    outside = [p for p in places if _depth(sent, p.start) == 0]
    if len({p.place for p in outside}) != 1:
        return None  # (a bracket's places break its count down: "(2 from Jammu, 23 from ...)")
    pm = outside[0]
    names = {p.place.name for p in places}
    if any(r.place not in names for r in recs) or all(r.place != pm.place.name for r in recs):
        return None
    if any(
        it.parent is not None and getattr(it.parent, "record", None) not in recs for it in items
    ):
        return None  # a part of a count said before
    across = _ACROSS.search(sent, max(0, pm.start - 40), pm.start) is not None
    if not across and not _FOUND_IN.search(sent, max(0, pm.start - 40), pm.start):
        return None
    here, there = pm.place, current.place
    if here == there or not here.country or here.country != there.country:
        return None
    if (
        here.level == "country"
        and there.level not in ("country", "world", "region")
        and here in gaz.ancestors(there)
    ):
        # "748 new cases were reported in Mumbai. ... A total of 56,342 cases have been
        # reported in India so far. 16,540 persons have recovered": a city's story that turns
        # to its country's figures goes on about the country
        return pm
    if across:
        return None
    if there.level in ("country", "world", "region"):
        return None  # ("China reported 20 cases. 5 were reported in Shanghai": a breakdown)
    if there in gaz.ancestors(here) or here in gaz.ancestors(there):
        return None
    return pm


#: "Kerala alone reported 8,733 of them", "Gauteng accounted for 400 of the new cases", "Most
#: of the new cases were in Gauteng": a part of the count said before
_PART_OF_SAID = rx.compile(
    r"(?:\b\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)|\b(?:most|all|half|"
    r"majority|bulk))\s+of\s+(?:them|these|those|the\s+(?:new\s+|latest\s+|fresh\s+|daily\s+)?"
    r"(?:cases|infections|deaths|fatalities|patients))\b",
    re.IGNORECASE,
)


def part_of_said(sent: str) -> bool:
    """Whether the sentence's subject names where a part of the count said before lies ('Kerala
    alone reported 8,733 of them'): a breakdown of the text's place, whose place the next
    sentences do not go on about ('The active caseload stands at 1,75,745' is India's)."""
    return _PART_OF_SAID.search(sent) is not None
