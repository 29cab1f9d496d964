"""Places named only as a reference point for a distance ('located about 100 km away from
Nanjing', '700 km north east of Kinshasa'): the sentence is not about them, so a later 'the
city' or 'the province' does not point back to them (it points to the subject before)."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.places import PlaceMention

#: a distance, then 'away', a compass direction or both, then 'from' / 'of'
_DISTANCE_FROM = rx.compile(
    r"\b\d[\d,.]*\s*(?:km|kms|kilomet(?:re|er)s?|miles?|mi)\b"
    r"(?:\s+(?:away|(?:to\s+the\s+)?(?:north|south|east|west)(?:[\s-]*(?:east|west))?(?:ern)?))*"
    r"\s+(?:from|of)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?$",
    re.IGNORECASE,
)


def is_reference_point(sent: str, pm: PlaceMention) -> bool:
    """Whether ``pm`` is named only to say how far something lies from it."""
    return _DISTANCE_FROM.search(sent, max(0, pm.start - 60), pm.start) is not None
