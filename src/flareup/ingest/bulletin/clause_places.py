"""Which place a count takes from the shape of its clause (split out of ``attach``): the
country of a place, a place labelled with its own count, a running total after a list of the
new counts' places (the whole's), the antecedent of a relative clause that holds the count,
and the clause a with-phrase is appended to. Each says in its docstring the construction it
reads; ``attach.number_places`` decides when each applies."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _depth
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.places import Gazetteer, PlaceMention

#: a relative clause set off by commas, open before a place: ", where Kashgar ..."
_RELATIVE_OPEN = rx.compile(r",\s*(?:where|which|who|whose|when)\b[^,;()]*$", re.IGNORECASE)


def country_mention(pm: PlaceMention, gaz: Gazetteer) -> PlaceMention | None:
    """The country of a place, as a mention at the same words (for 'nationwide')."""
    if pm.place.level == "country":
        return pm
    for p in gaz.ancestors(pm.place):
        if p.level == "country":
            return PlaceMention(pm.start, pm.end, p.name, p)
    country = gaz.by_code.get(pm.place.country)
    return PlaceMention(pm.start, pm.end, country.name, country) if country else None


def labelled(sent: str, p: PlaceMention, n: Number) -> bool:
    """Whether place ``p`` carries its own count in brackets before ``n`` ('Wajir (24 cases)')."""
    return bool(rx.match(r"\s*\(\s*\d[\d,]*(?:\s+[a-z]+){0,2}\s*\)", sent[p.end : n.start]))


#: "..., raising the number of cases to", "bringing to", "taking the national tally to": a
#: running total said right before its number
_RUNNING_TOTAL = rx.compile(
    r"\b(?:bringing|raising|taking|pushing|brings|raises|takes|pushes)\s+(?:to\s+|"
    r"(?:the|its|their)\s+(?:[\w'’-]+\s+){0,6}?(?:to|at)\s+)"
    r"(?:about\s+|over\s+|more\s+than\s+|nearly\s+|some\s+)?$",
    re.IGNORECASE,
)


def list_then_total(
    sent: str, n: Number, places: list[PlaceMention], pm: PlaceMention, gaz: Gazetteer
) -> PlaceMention:
    """The country for a running total said after a clause that spreads the new counts over
    several places of it ("The nine new cases were detected in Riyadh, Jiddah and Mecca,
    raising the number of cases to 323"; "one died in Riyadh and the other in Jiddah,
    bringing to 94 the number of deaths"): the total is of the whole the items are parts of,
    not of the last place listed. One place named before it ("Wuhan reported 5 cases,
    bringing its total to 300") keeps its total."""
    m = _RUNNING_TOTAL.search(sent, max(0, n.start - 90), n.start)
    if m is None or any(m.start() <= p.start < n.start for p in places):
        return pm
    listed = [p for p in places if p.end <= m.start() and p.place.level not in ("world", "region")]
    if _depth(sent, pm.start) == 0:
        # "25 new cases in Jammu & Kashmir (2 from Jammu and 23 from Kashmir), taking the
        # total to 861": the bracket breaks the one place's count down, it lists no places
        listed = [p for p in listed if _depth(sent, p.start) == 0]
    if len({p.place.name for p in listed}) < 2 or pm not in listed:
        return pm
    countries = {c.place.name for p in listed if (c := country_mention(p, gaz)) is not None}
    if len(countries) != 1 or any(p.place.level == "country" for p in listed):
        return pm
    if any(not p.place.country for p in listed):
        # "A fresh cluster emerged from Nuapada district as Odisha recorded 1,833 new cases
        # taking the tally to 9,67,548": a place the gazetteer lacks may lie in the other
        return pm
    return country_mention(pm, gaz) or pm


#: ", which had only", "where ... reported": a relative clause opened right after a place
_RELATIVE_AFTER_PLACE = rx.compile(r"\s*,\s*(?:which|where)\s+(?:[\w-]+\s+){0,5}?$", re.IGNORECASE)


def antecedent_place(sent: str, places: list[PlaceMention], n: Number) -> PlaceMention | None:
    """The place a relative clause that holds ``n`` is about: "the district of N'Zerekore,
    which had only 4 new confirmed cases" (the count is N'Zerekore's, not a later place's)."""
    for p in reversed([p for p in places if p.end <= n.start]):
        if _RELATIVE_AFTER_PLACE.fullmatch(sent, p.end, n.start):
            return p
        return None
    return None


#: a with-phrase appended to a clause: ", with 15 new confirmed cases"
_WITH_OPENS = rx.compile(
    r",\s*with\s+(?:only\s+|about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+|some\s+)?$",
    re.IGNORECASE,
)


def with_appendage_place(
    sent: str, places: list[PlaceMention], n: Number, nums: list[Number]
) -> PlaceMention | None:
    """The place of the clause a with-phrase is appended to ("transmission in the neighbouring
    district of Macenta continues to be intense, with 15 new confirmed cases"; "; in Niger,
    incidence is falling, with 5 new cases"): the last place before it since the last
    semicolon, with no count in that place's own clause or after it (that count would own
    the phrase)."""
    w = _WITH_OPENS.search(sent, max(0, n.start - 30), n.start)
    if w is None:
        return None
    semi = sent.rfind(";", 0, n.start)
    cands = [
        p
        for p in places
        if semi < p.start
        and p.end <= w.start()
        and _depth(sent, p.start) == _depth(sent, n.start)
        and not labelled(sent, p, n)
    ]
    if not cands:
        return None
    p = cands[-1]
    seg = max(sent.rfind(",", 0, p.start), semi)
    if any(seg < o.start < n.start for o in nums):
        # ("430 were reported in ... Changchun, with one case in critical condition": the
        # with-phrase is that count's aside, of the place the counts are parts of)
        return None
    if _RELATIVE_OPEN.search(sent, max(0, p.start - 80), p.start):
        return None
    return p
