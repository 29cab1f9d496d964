"""The text's own place, the one its counts belong to when a sentence names none: the first
place of its headline and lead (not a dateline, a place named to be left out or one people
came from); else the place in the name of the health authority it quotes ('the Shanghai
Health Commission'), the country whose national health authority's acronym it uses ('the
DGHS'), its dateline's country, or the one country holding every place it names. Split out
of ``place_scope`` (which reads a sentence's places) along that seam."""

from __future__ import annotations

import csv
import functools
import re
from importlib import resources

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _depth
from flareup.ingest.bulletin.dates import find_dates, masks
from flareup.ingest.bulletin.not_count_place import rate_place, share_place, spoken_in
from flareup.ingest.bulletin.numbers import find_numbers
from flareup.ingest.bulletin.place_scope import (
    _CJK,
    _LEVEL_ANAPHOR,
    _first_place,
    _left_out,
    _unnamed_country,
    breakdown_item,
    is_dateline_fragment,
)
from flareup.ingest.bulletin.places import Gazetteer, PlaceMention, dateline_end
from flareup.ingest.bulletin.text import Span
from flareup.ingest.bulletin.where_reported import reported_in_place

#: China's national health authorities: "国家卫健委", "国家卫生健康委员会", "国务院联防联控机制"
_ZH_NATIONAL_AUTHORITY = rx.compile(r"国家卫(?:生)?健(?:康)?委(?:员会)?|国务院联防联控机制")


@functools.lru_cache(maxsize=1)
def _authorities() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """National health authorities' acronyms ('DGHS', 'KCDC') and their countries' codes."""
    ref = resources.files("flareup.data.gazetteer").joinpath("authorities.csv")
    with ref.open("r", encoding="utf-8") as f:
        table = {r["acronym"]: r["country"] for r in csv.DictReader(f)}
    if not table:
        return None, table
    return rx.compile(r"\b(?:" + "|".join(map(re.escape, table)) + r")\b"), table


def _authority_country(sents: list[Span], gaz: Gazetteer) -> PlaceMention | None:
    """For a text that names no country: the country whose national health authority it
    quotes ('according to the DGHS' is Bangladesh's count)."""
    pattern, table = _authorities()
    if pattern is None or any(not rate_place(s.text, p) for s in sents for p in gaz.find(s.text)):
        return None  # only where the text names no place at all ("Florida DOH" is not Manila's)
    for s in sents:
        m = pattern.search(s.text)
        if m is not None:
            country = gaz.by_code.get(table[m.group(0)])
            if country is not None:
                return PlaceMention(m.start(), m.end(), m.group(0), country)
    return None


def _acronym_country(text: str, gaz: Gazetteer) -> PlaceMention | None:
    """The country of a national health authority's acronym in a sentence that names no
    place ('..., the DGHS said')."""
    pattern, table = _authorities()
    if pattern is None or gaz.find(text):
        return None
    m = pattern.search(text)
    country = gaz.by_code.get(table[m.group(0)]) if m is not None else None
    return PlaceMention(m.start(), m.end(), m.group(0), country) if m and country else None


def _document_place(sents: list[Span], gaz: Gazetteer) -> PlaceMention | None:
    """The text's own place: the first named in its first sentences (headline included)
    before any number (a place after a number is the place of that number's breakdown), or
    the first count's own place; the lead's own place refines the headline's when it lies in
    it ('... in east China' then '... in east China's port city of Qingdao')."""
    doc: PlaceMention | None = None
    unplaced = False  # a sentence with counts and no place came first
    for s in sents[:4]:
        if is_dateline_fragment(s.text):
            continue  # "BEIJING." of "BEIJING. KAZINFORM - ...": where the wire filed
        if _CJK.search(s.text):
            if doc is not None:
                break
            # "青岛市卫生健康委员会通报", "新疆维吾尔自治区(含兵团)": the first place outside
            # parentheses, before the first count
            first_count = rx.search(r"\d+\s*(?:例|人)", s.text)
            zlimit = first_count.start() if first_count else len(s.text)
            zfound = [
                p
                for p in gaz.find(s.text)
                if not p.text.isascii() and p.start < zlimit and _depth(s.text, p.start) == 0
            ]
            if zfound:
                return zfound[0]
            national = _ZH_NATIONAL_AUTHORITY.search(s.text, 0, zlimit)
            if national is not None and (china := gaz.lookup("China")) is not None:
                # "国家卫健委今(8)日早上通报,新增确诊病例89例": the National Health Commission
                # speaks for the mainland (SOURCES.md: national NHC figures are China's)
                return PlaceMention(national.start(), national.end(), national.group(0), china)
            continue
        nums = [
            n
            for n in find_numbers(s.text, masks(s.text, find_dates(s.text, None)))
            if not n.zero_word
        ]
        if doc is not None and not nums:
            continue
        cand = _first_place(s.text, nums, gaz)
        if cand is not None and breakdown_item(s.text, cand, gaz):
            cand = None
        if cand is not None and rate_place(s.text, cand):
            cand = None  # "higher than the regional average of 0.22% in the Western Pacific"
        if cand is None and doc is None and nums:
            # "The city reported 166 cases ..., said the Shanghai Health Commission": the
            # authority that speaks for the text's subject; "..., have been reported in six
            # villages in Lai district, Chad.": the place the counts are reported in
            cand = (
                _authority_place(s.text, gaz)
                or reported_in_place(s.text, nums, gaz)
                # "Seven new dengue patients were hospitalised ..., the DGHS said": the
                # country of the national authority the lead quotes
                or _acronym_country(s.text, gaz)
            )
        if cand is not None and doc is None and unplaced and cand.place.name == "World":
            # "At least 290 people tested positive ... Worldwide, 1,399,698 have died": the
            # world's figures after the text's own unplaced counts are a comparison
            cand = None
        if (
            nums
            and cand is None
            and doc is None
            and rx.search(
                r"\b(?:cases?|deaths?|died|positive|infections?|patients|people|recovered)\b",
                s.text,
                re.IGNORECASE,
            )
        ):
            unplaced = True
        if doc is None:
            doc = cand
            if doc is not None and s.text.rstrip().endswith((".", "!", "?", '"', "”", ":")):
                return doc  # not a headline: the text's first sentence says it
            continue
        # the lead, after the headline: a more specific place of the same text (not a
        # bulleted item's: "- Gauteng – 185 288 cases")
        if (
            cand is not None
            and doc.place in gaz.ancestors(cand.place)
            and not rx.match(r"\s*[-•*·]", s.text)
        ):
            doc = cand
        break
    if doc is not None:
        return doc
    # else the country the text names most often
    counts: dict[str, int] = {}
    first: dict[str, PlaceMention] = {}
    for s in sents:
        for p in gaz.find(s.text):
            if p.place.level == "country" and not _left_out(s.text, p):
                counts[p.place.name] = counts.get(p.place.name, 0) + 1
                first.setdefault(p.place.name, p)
    if counts:
        ranked = sorted(counts, key=lambda k: -counts[k])
        top = first[ranked[0]]
        if len(ranked) >= 3 and counts[ranked[0]] < 2 * counts[ranked[1]]:
            # a report on several countries, none of them its subject (WHO's Ebola
            # situation reports on Guinea, Liberia and Sierra Leone): the unit holding them
            holder = gaz.common_ancestor([first[k].place for k in ranked])
            if holder is not None:
                return PlaceMention(top.start, top.end, holder.name, holder)
        return top
    filed = _dateline_country(sents, gaz)
    if filed is not None:
        return filed
    held = _holding_country(sents, gaz)
    if held is not None:
        return held
    authority = _authority_country(sents, gaz)
    if authority is not None:
        return authority
    for s in sents:
        # "Dengue spread for the first time in the country in 2000": the one country of a
        # text that names none
        m = _LEVEL_ANAPHOR.search(s.text)
        if m and m.group("level").lower() in ("country", "nation") and not gaz.find(s.text):
            return PlaceMention(m.start(), m.end(), m.group(0), _unnamed_country(m.group(0)))
    return None


#: A place in a health authority's name: "the Shanghai Health Commission", "the Ministry of
#: Health of Oman", "Kerala health authorities"
_AUTHORITY_AFTER = rx.compile(
    r"\s*(?:'s\s+|’s\s+)?(?:(?:Municipal|Provincial|Regional|State|National|Public)\s+)?"
    r"(?:Health\s+(?:Commission|Ministry|Department|Bureau|Authority|Office)|Ministry\s+of\s+"
    r"(?:Public\s+)?Health|Department\s+of\s+Health|health\s+(?:commission|ministry|"
    r"department|bureau|authorit(?:y|ies)|officials))\b",
    re.IGNORECASE,
)
_AUTHORITY_BEFORE = rx.compile(
    r"\b(?:Ministry\s+of\s+(?:Public\s+)?Health|Department\s+of\s+Health|Health\s+Ministry)"
    r"\s+(?:of|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _authority_place(text: str, gaz: Gazetteer) -> PlaceMention | None:
    """The place of the health authority a sentence quotes ('..., said the Shanghai Health
    Commission'), for a lead whose subject is only 'the city' or 'the country'."""
    for p in gaz.find(text):
        if _AUTHORITY_AFTER.match(text, p.end) or _AUTHORITY_BEFORE.search(
            text, max(0, p.start - 40), p.start
        ):
            return p
    return None


def _holding_country(sents: list[Span], gaz: Gazetteer) -> PlaceMention | None:
    """For a text that names no country: the one country that holds every place it names
    ('eight were in Guangdong province and three in Fujian' is China's news), or the unit
    below it that holds them all where the text names that unit ('Kerala' and 'Kozhikode':
    Kerala's)."""
    first: PlaceMention | None = None
    codes: set[str] = set()
    named: list[PlaceMention] = []
    for s in sents:
        for p in gaz.find(s.text):
            if rate_place(s.text, p):
                continue  # where a rate is measured names no text's country
            if spoken_in(s.text, p) or share_place(s.text, p):
                continue  # "told reporters in Geneva", "85 per cent of which are in Europe"
            if not p.place.country:
                return None  # a region, a group of countries or an unlisted place
            # (a place left out still names its country: "Outside Hubei, ... the rest of
            # the country")
            codes.add(p.place.country)
            if len(codes) > 1:
                return None
            first = first or p
            named.append(p)
    if first is None or len(codes) != 1:
        return None
    # "Kerala Health Minister ... at the Kozhikode Medical College": every place the text
    # names lies in one of them, which it names: that unit is the text's, not its country
    # (two places at least, one inside the other: a text that names one district alone,
    # 'Kenema', may be its country's report that quotes it)
    holder = gaz.common_ancestor([p.place for p in named])
    if holder is not None and holder.level != "country" and len({p.place for p in named}) >= 2:
        own = next((p for p in named if p.place == holder), None)
        if own is not None:
            return own
    country = gaz.by_code.get(codes.pop())
    # (the country is not written: its name stands for the text)
    return PlaceMention(first.start, first.end, country.name, country) if country else None


def _dateline_country(sents: list[Span], gaz: Gazetteer) -> PlaceMention | None:
    """For a text that names no country: the country of the city its dateline was filed from
    ('New Delhi, Apr 19 (ANI): ...' is India's news). A dateline is never a count's place,
    but a wire filed from a country's capital reports that country's figures."""
    for s in sents[:4]:
        end = dateline_end(s.text)
        if is_dateline_fragment(s.text):
            end = len(s.text)
        if end == 0:
            continue
        # ("LAGOS (Reuters) - ...": the agency's bracket ends the city too)
        m = rx.match(r"\s*([A-Za-z][A-Za-z .'’-]*?)\s*(?:[,.:(]|--|—|–|\s-\s|$)", s.text[:end])
        place = gaz.lookup(m.group(1)) if m else None
        if place is None:
            continue
        country = place if place.level == "country" else gaz.by_code.get(place.country)
        if country is not None:
            return PlaceMention(m.start(1), m.end(1), country.name, country) if m else None
    return None
