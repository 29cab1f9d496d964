"""Breakdowns whose whole is named without a number: 'Of the new cases confirmed on Monday,
30 were local and 5 imported', 'Three of the new cases were in Beijing, two in Shanghai',
'The new infections were in Harbin (12) and Suihua (4)'.

The items of such a breakdown have no noun of their own and no count said before to inherit
from; they take the category that the noun phrase of the lead names (SCHEMA.md: breakdowns are
annotated level by level, each item with its own place). Method: the lead's noun phrase is
typed as if a number stood before it ('new local cases' -> ``local_new``), and that category
stands in for the missing head count (a record that is never output) so that the items
inherit it as they would a head said with a number.
"""

from __future__ import annotations

import re

from flareup.ingest.bulletin import breakdowns, rx
from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.places import PlaceMention
from flareup.ingest.bulletin.records import Record

_DAY_WORD = r"(?:today|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)'s"
#: the noun phrase of a lead: its determiner, up to four words and its noun
_LEAD_NP = rx.compile(
    rf"\b(?P<det>the|these|those|all\s+the|{_DAY_WORD})\s+"
    rf"(?P<np>(?:[\w-]+\s+){{0,4}}?{breakdowns._NOUN})\b",
    re.IGNORECASE,
)
#: "Three of the new cases were reported in Beijing": the first number, a part of a whole
#: named after it
_PART_OF_NP = rx.compile(
    rf"\s+of\s+(?P<det>the|these|those|all\s+the|{_DAY_WORD})\s+"
    rf"(?P<np>(?:[\w-]+\s+){{0,4}}?{breakdowns._NOUN})\b",
    re.IGNORECASE,
)
#: "The 45 new cases include 40 local ...", "... are broken down as 31 in Gauteng": a count
#: whose parts follow at once
_OPENS = rx.compile(
    r"\s+(?:[\w-]+\s+){0,4}?(?:include[sd]?|including|compris(?:e[sd]?|ing)|consist(?:s|ed)?\s+of|"
    r"(?:are|were)\s+(?:broken\s+down|distributed|split)\s+(?:as|into|among|across)|"
    r"(?:are|were)\s+(?:distributed|spread)\s+(?:as\s+follows|over|across))\b",
    re.IGNORECASE,
)
#: "three had arrived from the United States and one from Japan": where imported cases came
#: from, which is not where they are counted (countries of origin are not annotated)
_ORIGIN = rx.compile(
    r"\s+(?i:(?:(?:of\s+(?:them|whom|these)\s+)?(?:had|have|has)\s+)?"
    r"(?:arrived|came|returned|travell?ed|flew)\s+(?:back\s+)?from)\b"
    # "... and one from Japan": a named place, not "two from the community"
    r"|\s+from\s+(?:the\s+)?[A-Z]"
)


#: "The 12 deaths reported on Monday were in Conakry (7) and Kindia (5)": a count whose
#: parts follow by place, each with its number in brackets
_OPENS_BY_PLACE = rx.compile(
    r"\s+(?:[\w'’-]+\s+){0,6}?(?:were|are)\s+(?:(?:all|mainly|mostly|largely|reported|recorded|"
    r"detected|found|located)\s+)*(?:in|from|across)\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*){0,3}\s*\(\s*\d"
)
#: "... announced on Thursday were 10 in Kigali": the parts after the verb, the whole first
_INVERTED = rx.compile(
    rf"\s+(?:[\w'’-]+\s+){{1,8}}?(?:were|are)\s+(?:\d|(?:{breakdowns._NUM_WORD})\b)", re.IGNORECASE
)
#: "12 were detected in quarantine and 3 in the community", "377 were linked to a church":
#: parts by the way or the cluster they were found in (not annotated: SOURCES.md, the calls
#: of dev10 and dev11 on per-channel and provenance breakdowns). Not "managed isolation" or
#: "hotel quarantine": where arrivals from abroad are held, so an origin (imported; cues.py)
_CHANNEL = (
    r"(?:centrali[sz]ed\s+|home\s+)?(?:quarantine|isolation|close\s+contacts|screening|closed-loop)"
)
_PROVENANCE = rx.compile(
    r"\s+(?:(?:were|was|are|had\s+been|have\s+been)\s+)?(?:(?:detected|found|identified|"
    r"reported|confirmed)\s+)?(?:(?:in|from|among|through|during|under)\s+(?:the\s+)?"
    rf"(?P<where>{_CHANNEL}|community)\b|(?:linked|connected|related|traced)\s+to\b)",
    re.IGNORECASE,
)
#: "category one or two", "stage 3": a number that names a class, not a count
_LABEL_WORD = rx.compile(
    r"\b(?:category|categories|stage|stages|level|levels|phase|grade|type)\s+(?:[\w-]+\s+(?:or|and)\s+)?$",
    re.IGNORECASE,
)


def provenance_item(sentence: str, start: int, end: int) -> bool:
    """Whether the item at ``sentence[start:end]`` is a part by provenance ('12 were detected
    in quarantine', '377 were linked to a church') or a class label ('category one or two'):
    none is a count of its own (SOURCES.md conventions: such breakdowns are not annotated)."""
    m = _PROVENANCE.match(sentence, end)
    if m is not None and (m.group("where") or "").lower() == "community":
        # "six imported and two from the community": local cases, unless the sibling parts
        # are channels ("12 in quarantine and 3 in the community")
        return rx.search(rf"\b{_CHANNEL}\b", sentence, re.IGNORECASE) is not None
    return m is not None or _LABEL_WORD.search(sentence, max(0, start - 30), start) is not None


def opens_breakdown(sentence: str, end: int) -> bool:
    """Whether the count ending at ``end`` is followed at once by a verb that lists its parts
    ('The 45 new cases include 40 local infections ...'): a count said here first, whose
    definite article does not make it a repetition."""
    return (
        _OPENS.match(sentence, end) is not None
        or _OPENS_BY_PLACE.match(sentence, end) is not None
        # "Among the 18 new cases announced on Thursday were 10 in Kigali and 8 in ..."
        or (
            rx.match(r"\W*among\s+(?:the|these|those)\s+\S+$", sentence[:end], re.IGNORECASE)
            is not None
            and _INVERTED.match(sentence, end) is not None
        )
        # "Eight nurses were among the 40 new cases in Kano": the whole after its part
        or _AMONG_AFTER_PART.search(sentence[max(0, end - 90) : end]) is not None
    )


#: a part counted first, then 'were among the N ...': N is said here first
_AMONG_AFTER_PART = rx.compile(
    r"(?:^|[,;:]\s*)\W*(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|twenty|thirty|forty|fifty)\s+[^,;.\d]{0,50}?\b(?:were|are|was|is)\s+(?:also\s+)?"
    r"among\s+(?:the|these|those)\s+\S+$",
    re.IGNORECASE,
)


def origin_item(sentence: str, end: int, head: Record | None) -> bool:
    """Whether the item ending at ``end`` says where imported cases came from ('Among them,
    three had arrived from the United States'), not where they are counted."""
    if head is None or "imported" not in head.category:
        return False
    return rx.match(_ORIGIN.pattern, sentence[end : end + 60]) is not None


_BEFORE_PART = (
    r"\W*|(?:[\w'’-]+\s+){1,6}?(?:said|says|reported|announced|noted|added|stated)\s+(?:that\s+)?"
)


def _lead_np(sentence: str, nums: list[Number], partition: str | None) -> re.Match[str] | None:
    """The noun phrase naming the whole of a breakdown: in the partition lead before the
    first number, else right after a first number at the sentence's start ('Three of the new
    cases ...')."""
    if partition:
        # the last noun phrase of the lead is the whole ('that among the new cases')
        at = max(0, sentence.find(partition))
        found = list(_LEAD_NP.finditer(sentence, at, at + len(partition)))
        return found[-1] if found else None
    # ("The ministry said 22 of the new infections were in Gaza": after a reporting clause)
    if not nums or not rx.fullmatch(_BEFORE_PART, sentence[: nums[0].start], re.IGNORECASE):
        return None
    return _PART_OF_NP.match(sentence, nums[0].end)


def implied_head(
    sentence: str,
    offset: int,
    nums: list[Number],
    partition: str | None,
    records: list[Record],
    places: list[PlaceMention],
    context: PlaceMention | None,
) -> Record | None:
    """The head count that a breakdown's lead names without a number ('Of the new cases, 30
    were local'), as a record that stands in for it and is not output: its category typed
    from the lead's noun phrase, its place the one the lead names, else ``context``. None
    where the lead names no count, or a count of that kind was said before (its items then
    belong to that one)."""
    m = _lead_np(sentence, nums, partition)
    if m is None and partition:
        m = rx.search(rf"\b(?P<det>){breakdowns._WHO_DIED}", sentence, re.IGNORECASE)
        np = "deaths"  # "Among those who died on Monday, 3 were in Kenema"
    elif m is not None:
        np = m.group("np")
    if m is None:
        return None
    if rx.search(r"\b\d", np):
        return None  # "Of the 25 new cases": the whole is said here, with its number
    if breakdowns.partition_head(m.group(0), records, nums) is not None:
        return None
    day = rx.fullmatch(_DAY_WORD, m.group("det"), re.IGNORECASE) is not None
    phrase = f"9 {'new ' if day else ''}{np}"
    t = cat.type_english(phrase, 0, 1, 0, len(phrase))
    if t.category is None or t.skip:
        return None
    category = cat.finish(t.category, t, None)
    if category not in cat.CATEGORIES:
        return None
    lead_end = nums[0].start if nums else len(sentence)
    # "The new infections were in Harbin (12)": the places after the verb are the items'
    verb = rx.search(r"\b(?:were|are|was|is|occurred|emerged)\b", sentence[m.end() : lead_end])
    if verb is not None:
        lead_end = m.end() + verb.start()
    own = [p for p in places if p.end <= lead_end and p.start >= m.start()]
    place = own[0] if own else context
    return Record(
        category=category,
        value=0,
        qualifier="exact",
        date=None,
        place=place.place.name if place else None,
        place_text=place.text if place else None,
        mention="",
        evidence=m.group(0),
        sentence=sentence,
        start=offset,
        end=offset,
        metric=cat.metric_for(category, False),
        place_code=(place.place.code or None) if place else None,
    )


_WORD_VALUES = {w: i for i, w in enumerate(breakdowns._NUM_WORD.split("|"), 1)}
#: "Four of the five deaths ...", "Six of these 25 suspected cases": the whole with its number
_WHOLE_WITH_NUMBER = rx.compile(
    rf"\s+of\s+(?:the|these|those|all\s+the)\s+(?P<w>\d[\d,]*|{breakdowns._NUM_WORD})\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?P<noun>{breakdowns._NOUN})\b",
    re.IGNORECASE,
)


def named_whole(sentence: str, end: int, records: list[Record]) -> Record | None:
    """The count said before that a part names with its number ('Four of the five deaths
    were ...': the five deaths said before), whose flow or stock and day the part shares;
    None where the words name no number or none was said."""
    m = _WHOLE_WITH_NUMBER.match(sentence, end)
    if m is None:
        return None
    w = m.group("w").lower()
    value = int(w.replace(",", "")) if w[0].isdigit() else _WORD_VALUES.get(w)
    deaths = m.group("noun").lower() in ("deaths", "fatalities")
    for r in reversed(records):
        if r.value == value and r.category.startswith("deaths") == deaths:
            return r
    return None
