"""The unit holding the places of a count's parts listed with their own bracketed counts
('6 cases in Bikoro (5) and Wangata (1)': the count's place is the unit holding both), read
for ``attach`` (moved out of attach.py, which had reached its size limit)."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.places import PlaceMention, gazetteer

#: "followed by Cuttack (243) and Puri (139)": the items after a count, not its parts
_FOLLOWED_BY = rx.compile(r"\bfollowed\s+by\s+(?:the\s+)?$", re.IGNORECASE)


def parts_holder(sent: str, first: PlaceMention, places: list[PlaceMention]) -> PlaceMention | None:
    """'Huambo (14 cases) and Huila (7 cases)': the unit holding every place of a list whose
    items carry their own counts in brackets (None for one place, or none below the world).
    Not a list 'followed by' the count's own place ('Khurda reported 490 new cases followed by
    Cuttack (243) and Puri (139)': the next items, not the parts of 490)."""
    if _FOLLOWED_BY.search(sent, max(0, first.start - 20), first.start):
        return None
    listed = [first]
    for p in places:
        if p.start <= listed[-1].end:
            continue
        gap = sent[listed[-1].end : p.start]
        if not rx.fullmatch(r"\s*\([^()]{1,40}\)\s*(?:,\s*(?:and\s+)?|and\s+)", gap):
            break
        if not rx.match(r"\s*\(\s*\d", sent[p.end : p.end + 6]):
            break
        listed.append(p)
    if len(listed) < 2:
        return None
    common = gazetteer().common_ancestor([p.place for p in listed])
    if common is None or common.level in ("world", "region"):
        return None
    a, b = listed[0].start, listed[-1].end
    return PlaceMention(a, b, common.name, common)
