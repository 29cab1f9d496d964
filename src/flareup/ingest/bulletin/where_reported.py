"""The place a WHO-style opening sentence reports its counts from when it names it only at
the end ('As of 11 May, 120 suspected cases, of which 14 confirmed and three deaths, have been
reported in four villages in Kanem district, Lac region, Chad.'): the first place after the
verb of reporting that follows the counts is the sentence's, and so the text's, place."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.place_scope import _unlisted_places
from flareup.ingest.bulletin.places import Gazetteer, PlaceMention

#: "have been reported in six villages in", "were notified from", "occurred in the"
_REPORTED_IN = rx.compile(
    r"\b(?:reported|recorded|notified|registered|detected|identified|occurred)\s+"
    r"(?:(?:so\s+far|to\s+date|overall)\s+)?(?:in|from|across)\s+(?:the\s+)?"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+"
    r"(?:villages?|towns?|communities|localities|health\s+(?:areas?|zones?|districts?)|"
    r"districts?|sub-?counties|counties|camps?)\s+(?:in|of)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


def reported_in_place(text: str, nums: list[Number], gaz: Gazetteer) -> PlaceMention | None:
    """The place a sentence's counts are 'reported in', named after the last count; None
    when the sentence names a place before that (a breakdown or the subject said first)."""
    if not nums:
        return None
    # (with the places the gazetteer lacks, known by their unit word: "in Lai district")
    found = sorted(_unlisted_places(text, gaz.find(text)), key=lambda p: p.start)
    if not found or found[0].start < nums[-1].end:
        return None
    first = found[0]
    if _REPORTED_IN.search(text, max(0, first.start - 80), first.start) is None:
        return None
    return first


#: "sickened 17,058 people and killed 8 in Hunan": two verb phrases of one subject, joined by
#: 'and', whose place at the end is both counts'
_PARALLEL_VERB = rx.compile(
    r"\s*(?:[a-z-]+\s+){0,2}?(?:,\s*)?and\s+(?:killed|sickened|infected|affected|claimed|left)\s+"
    r"(?:the\s+lives\s+of\s+)?(?:at\s+least\s+|more\s+than\s+|over\s+|about\s+|some\s+)?$",
    re.IGNORECASE,
)


def parallel_verbs(between: str) -> bool:
    """Whether the words between two counts join two verb phrases of one subject ('people
    and killed'), so that a place after the second is the first's too."""
    return _PARALLEL_VERB.fullmatch(between) is not None
