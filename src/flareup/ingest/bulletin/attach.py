"""Where a number belongs in an English sentence: its place (its own phrase, a parenthesis, a
"respectively" or "each" list, the clause, its head count's, the speaker's, the sentence's
subject, the text's); which places the sentence names is ``place_scope``'s."""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.asides import in_person_story
from flareup.ingest.bulletin.clause_places import (
    _RELATIVE_OPEN,
    antecedent_place,
    country_mention,
    labelled,
    list_then_total,
    with_appendage_place,
)
from flareup.ingest.bulletin.context import (
    _SUBORDINATE,
    _depth,
    _State,
)
from flareup.ingest.bulletin.doc_place import _authority_place
from flareup.ingest.bulletin.each_lists import each_listed
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.parts_holder import parts_holder
from flareup.ingest.bulletin.place_holds import _holder_of_later, _lies_in, wider_than_carried
from flareup.ingest.bulletin.place_scope import _origin, units_beyond
from flareup.ingest.bulletin.places import (
    LEVEL_RANK,
    Gazetteer,
    PlaceMention,
    gazetteer,
)
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.where_reported import parallel_verbs

_CJK = rx.compile(r"[\u4e00-\u9fff]")

_PREP_BEFORE_PLACE = rx.compile(
    r"(?:\bin|\bon|\bat|\bacross|\bthroughout|\bwithin|\bfor|\bof|\bfrom|\bby|\beach\s+(?:in|from)|\bnamely|"
    r"\bin\s+both|\band|,|\bwhile|\bwhereas)\s+(?:the\s+)?(?:(?:city|county|province|region|"
    r"prefecture|district|state|capital|eastern|western|northern|southern|northwest|northeast|"
    # ("in south China's Guangdong Province", "in East China's Jiangsu province")
    r"north|south|east|west|"
    r"southwest|southeast|central|neighbouring|neighboring|nearby|coastal|provincial|regional|"
    r"national|port|border|(?:north|south)(?:east|west)ern|"
    r"autonomous|[a-z]+-hit|\w+ese|\w+ian|[A-Z]\w+(?:'s|’s))\s+){0,4}(?:of\s+)?$",
    re.IGNORECASE,
)


_WORLD_WORDS = rx.compile(
    r"\b(?:globally|worldwide|world-wide|around\s+the\s+world|across\s+the\s+world|"
    r"reported\s+to\s+(?:the\s+)?(?:WHO|World\s+Health\s+Organi[sz]ation)|Member\s+States|"
    r"multi-country)\b",
    re.I,
)
#: "(cases) in the city to": a running total's own place said right before its number
_TOTAL_LINK = rx.compile(
    r"\s+(?:(?:is|was|stands|stood|rose|climbed|jumped|reached|now|to|at)\s+){1,3}"
)
_PLACED_TOTAL = rx.compile(
    r"\bin\s+the\s+(?:city|state|province|country|county|region|district)\s+(?:to|at|stood\s+at|"
    r"stands\s+at|rose\s+to|reached)\s+$",
    re.I,
)
#: "and the evacuee was quarantined": a coordinated clause with its own subject and verb
_NEW_CLAUSE = rx.compile(
    r"\s(?:and|but|while|whereas)\s+(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:was|were|is|are|has|had|have|will)\b",
    re.I,
)
#: "bringing", "raising": a running total said after a count, whose own words are its own
_TOTAL_VERB = rx.compile(r",\s*(?:bringing|raising|taking|pushing)\b", re.I)
#: WHO or PAHO as the subject that reports: "WHO said ...", "Through June 30, the Pan American
#: Health Organization (PAHO) has reported ..."
_GLOBAL_BODY = rx.compile(
    r"\s*(?:[^,;]{0,40},\s*)?(?:[Tt]he\s+)?(?P<who>WHO|World\s+Health\s+Organi[sz]ation(?:\s*\(WHO\))?|"
    r"(?P<paho>PAHO|Pan\s+American\s+Health\s+Organi[sz]ation(?:\s*\(PAHO\))?))\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:said|says|reported|reports|counted|recorded|tallied)\b"
)
#: figures "released by the WHO spokeswoman", "given by the WHO": the body as their source
_BY_GLOBAL_BODY = rx.compile(
    r"\b(?:released|given|published|issued|provided|compiled)\s+by\s+(?:the\s+)?"
    r"(?P<who>WHO|World\s+Health\s+Organi[sz]ation|(?P<paho>PAHO|Pan\s+American\s+Health\s+"
    r"Organi[sz]ation))\b"
)
_GROUP_OF = rx.compile(
    r"\b(?:in|from|across)\s+(?:\d[\d,]*|[a-z]+)\s+(?:[\w-]+\s+)?(?:countries|nations|"
    r"member\s+states)(?:\s+and\s+(?:territories|areas))?\s+(?:of|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NATIONWIDE = rx.compile(r"\b(?:nationwide|nationally|countrywide|across\s+the\s+country)\b", re.I)


#: A national health authority that receives the reports of the whole country
_NATIONAL_REPORTS = rx.compile(r"\b(?:National\s+Health\s+Commission|NHC)\b")


#: "bringing the national total to 12", "the national cumulative total is 4,625": the count
#: of the whole country, whatever smaller place the sentence named
_NATIONAL_TOTAL = rx.compile(
    r"\b(?:national|nationwide|country-?wide|(?:the\s+)?(?:country|nation)(?:'s|’s))\s+(?:cumulative\s+)?"
    r"(?:total|tally|count|toll|caseload|figure)(?:\s+of\s+[\w-]+(?:\s+[\w-]+){0,2})?\s+"
    r"(?:(?:has\s+|had\s+|now\s+)?(?:is|was|stands|stood|rose|reached|climbed|to|at|of)\s+)+"
    r"(?:about\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)


def _national_total(
    sent: str, n: Number, places: list[PlaceMention], st: _State, gaz: Gazetteer
) -> list[PlaceMention]:
    """The country of 'the national total' before the number: of the sentence's places (the
    nearest before it), else of the text's current place."""
    if _NATIONAL_TOTAL.search(sent, max(0, n.start - 70), n.start) is None:
        return []
    before = [p for p in places if p.end <= n.start and p.place.level != "world"]
    for ctx in ([before[-1]] if before else []) + [
        p for p in (st.place, st.doc_place) if p is not None
    ]:
        country = country_mention(ctx, gaz)
        if country is not None and country.place.level == "country":
            return [country]
    return []


def _clause_of(cls: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in cls:
        if a <= pos < b:
            return a, b
    return 0, 0


#: ", the government said", ", health officials told reporters": who says it, after the count
_ATTRIBUTION = rx.compile(
    r",\s*(?:the\s+|a\s+|its\s+)?(?:[\w'’-]+\s+){0,4}?(?:said|says|told|announced|added|"
    r"stated)\b"
)


#: "33 cases on Saturday amid the emergence of Omicron cases in the country": the background
#: the count is set against ends its phrase
_AMID = rx.compile(r"\b(?:amid|amidst|despite)\b", re.IGNORECASE)
#: "since the first case was reported in", "after the index case was found in": where an
#: outbreak began, not where the cases counted since are
_FIRST_CASE = rx.compile(
    r"\b(?:since|after|when)\s+the\s+(?:first|index)\b[^,;.()]{0,50}?\s(?:in|at|from)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


def _own_places(
    sent: str,
    n: Number,
    nxt: int,
    c1: int,
    places: list[PlaceMention],
    t: cat.Typing,
    nums: list[Number] | None = None,
) -> list[PlaceMention]:
    """Places in the number's own phrase: '8 in Guangdong', 'one each in Shanxi and
    Sichuan', '11,446 cases ... had been reported in the Hong Kong SAR'."""
    end = min(nxt, c1 if c1 > n.end else len(sent))
    start = n.end
    said = _ATTRIBUTION.search(sent, n.end, end) or _AMID.search(sent, n.end, end)
    if said is not None:
        # "... has risen to 25, the government said Thursday as WHO warned it is spreading in
        # the capital Harare": the count's phrase ends where its attribution begins
        end = said.start()
    anew = _NEW_CLAUSE.search(sent, n.end, end)
    if anew is not None:
        # "... brings the number of U.S. cases to 14 and the evacuee was quarantined at a
        # base in San Diego": a clause with its own subject and verb is no longer the count's
        end = anew.start()
    clause_end = c1 if c1 > n.end else len(sent)
    if nums and nxt < clause_end:
        # "31 suspected cases and 2 deaths were from the province of Luanda": counts listed
        # as one subject share the place after them
        run = [o for o in nums if n.end <= o.start < clause_end]
        # ("cases in the city to four and 13 overall in New York state": a count whose own
        # place is said before it shares no place after the next one)
        placed = _PLACED_TOTAL.search(sent, max(0, n.start - 40), n.start) is not None or any(
            _TOTAL_LINK.fullmatch(sent, p.end, n.start) for p in places if p.end <= n.start
        )
        if run and not placed and _coordinated(sent, n, run[:1]):
            last = run[0]
            after = next((o.start for o in nums if o.start >= last.end), len(sent))
            end = min(after, clause_end)
    # past a subordinate count, "870 cases, including seven deaths, in Taiwan": the place
    # right after it is the head count's (so too between dashes: "58 new infections —
    # including one epi-linked case — in British Columbia")
    sub = rx.match(
        r"\s*(?:[\w-]+\s+){0,3}?[\w-]+(?:,\s*|\s*[—–]\s*|\s+--?\s+)(?:including|of\s+which|"
        r"of\s+whom)\s+[^,;()—–]{1,40}?(?:,|\s*[—–]|\s+--?)"
        r"\s*(?=(?:in|at|from)\s)",
        sent[n.end :],
    )
    if sub is not None and nxt < n.end + sub.end():
        start = n.end + sub.end()
        end = next((p.end for p in places if p.start >= start and p.start - start <= 12), start)
    out: list[PlaceMention] = []
    origin_end = -1
    for p in places:
        if not (start <= p.start < end):
            continue
        if in_person_story(sent, n.end, p.start):
            break  # "one case, who lived in Sri Lanka": where the person was, not the count
        if rx.match(r"\s*[-–—:]\s*\d", sent[p.end : p.end + 6]) and not _PREP_BEFORE_PLACE.search(
            sent[max(0, p.start - 30) : p.start].replace(",", " ")
        ):
            break  # "Moscow – 5,210, Tver – 980": the label of the next item, not this one's
        if _PARTS_AFTER.match(sent, p.end):
            # "6 cases in Bikoro (5) and Wangata (1)": the places of the parts; the count's
            # is the unit that holds them all, where the gazetteer knows one
            if not out and _PREP_BEFORE_PLACE.search(sent[max(0, p.start - 60) : p.start]):
                held = parts_holder(sent, p, places)
                if held is not None:
                    out.append(held)
            break
        if gazetteer().is_demonym(p):
            continue  # "..., the Ugandan health ministry said": who reports, after the count
        pre = sent[max(0, p.start - 60) : p.start]
        authority = rx.match(
            r"\s*(?:'s\s+|’s\s+)?(?:Ministry|MOH|Health|health\s+(?:ministry|authorit|commission|department))",
            sent[p.end : p.end + 25],
        )
        if (_origin(pre) and not authority) or (
            origin_end >= 0
            and rx.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", sent[origin_end : p.start])
        ):
            # "imported from Russia" is not where the count is, nor "... and Zhanjiang" after
            # "transferred from the cities of Foshan"
            origin_end = p.end
            continue
        if _FIRST_CASE.search(pre):
            continue  # "since the first was reported in Bayelsa State": where it began
        if rx.search(
            r"\b(?:all|both|most|many|some|half|nearly\s+all|almost\s+all|the\s+majority|mostly|"
            r"mainly|largely|majority)(?:\s+of\s+(?:them|which|whom|these|those))?\s+"
            r"(?:were\s+|are\s+|(?:have\s+|has\s+|had\s+)?been\s+)?(?:in|from)\s+(?:the\s+)?$",
            pre,
            re.IGNORECASE,
        ):
            break  # "..., all in Shufu County": where they were, the count stays the subject's
        if (
            not (
                _PREP_BEFORE_PLACE.search(pre)
                # ("56 cases outside of China": the place holds its preposition; not "175 in an
                # outbreak that is the largest outside Saudi Arabia")
                or (
                    rx.match(r"outside\b", p.text, re.I)
                    and rx.fullmatch(
                        r"\s*(?:(?:new|confirmed|[a-z]+ed|cases?|deaths?|patients|people|persons|were|was|"
                        r"have|has|been|to|in|at|hospitals?)\s+){0,6}"
                        r"(?:(?:in|from|across)\s+(?:\d[\d,]*|[a-z]+)\s+(?:other\s+)?countries\s+)?",
                        sent[n.end : p.start],
                    )
                )
            )
            or rx.search(r"\bfollowed\s+by\s+(?:the\s+)?$", pre, re.I)
        ):
            break  # a new subject ("... and Beijing reported 3", "followed by Pahang with 2")
        if (
            not out
            # (also "... and the southern city of Gwangju with two")
            and rx.search(
                r"(?:\band|,|\bwhile|\bwhereas)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:city|town|"
                r"province|state|county|region|prefecture|district)\s+of\s+)?$",
                pre,
                re.I,
            )
            and rx.match(
                # (also "..., and Guangdong's capital, Guangzhou, has been hit hardest"; "...
                # while Benue and Bauchi state recorded one each": a list as the new subject)
                r"(?:\s*(?:,\s*(?:and\s+)?|and\s+)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)*"
                # (the unit word also capitalised, part of the name: "..., Wenchi District
                # recorded 49")
                r"(?:\s+(?:[Ss]tates?|[Pp]rovinces?|[Cc]ount(?:y|ies)|[Dd]istricts?|[Rr]egions?|"
                r"[Mm]unicipality))?"
                r"(?:\s+|\s*,\s+(?=(?:had|has|have|was|were)\b))"
                # (an adverb between: "..., Sene West also recorded one case")
                r"(?:(?:also|both|too)\s+)?"
                r"(?:(?:for|with|had|has|have|was|were|reported|recorded|registered|logged|saw)\b|\(?\d)",
                sent[p.end :],
            )
        ):
            break  # "Seoul accounted for 5 cases and Gyeonggi for 4": Gyeonggi's own count
        if out and not rx.match(
            # ("Kongo central province and Kinshasa": the first one's unit word between)
            r"^\s*(?:(?:province|district|county|region|state|city|prefecture|governorate)s?\s*)?"
            r"(?:,|and|,\s*and)\s*(?:the\s+(?:[A-Z][\w-]*\s+){0,3}(?:Prefecture|Region|"
            r"County|Province|City|State|District|Municipality)\s+of\s+)?$",
            sent[out[-1].end : p.start],
        ):
            break
        out.append(p)
    if (
        len(out) > 1
        and n.value != 0
        and not rx.search(
            r"\beach\b|\brespectively\b",
            sent[n.end : out[0].start + 1] + sent[out[-1].end : out[-1].end + 15],
        )
    ):
        # "339 cases in Kashgar and Kizilsu": the unit that holds them all, when the
        # gazetteer knows one below the world; else the first named
        common = gazetteer().common_ancestor([p.place for p in out])
        a, b = out[0].start, out[-1].end
        if common is not None and common.level != "world":
            return [PlaceMention(a, b, sent[a:b], common)]
        # "in Guinea and Liberia": no unit holds them; the first, with the list as written
        return [PlaceMention(a, b, sent[a:b], out[0].place)]
    beyond = units_beyond(sent, out[-1], gazetteer()) if out and n.value != 0 else None
    if beyond is not None:
        # "164 new infections in FCT and 14 States": the larger unit that holds them
        return [
            PlaceMention(out[0].start, beyond.end, sent[out[0].start : beyond.end], beyond.place)
        ]
    return out


def _days_between(a: str | None, b: str | None) -> int:
    """Days from ``a`` to ``b`` (ISO days; months and years count from their first day)."""
    if not a or not b:
        return 0
    try:
        da = dt.date.fromisoformat((a + "-01-01")[:10] if len(a) < 10 else a)
        db = dt.date.fromisoformat((b + "-01-01")[:10] if len(b) < 10 else b)
    except ValueError:
        return 0
    return (db - da).days


_LIST_SEP = rx.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\s*")


def _chain(sent: str, nums: list[Number], i: int) -> list[Number]:
    """The numbers listed with ``nums[i]`` after it ("342, 223, 104 and 100"), or []."""
    out: list[Number] = []
    k = i
    while k + 1 < len(nums) and _LIST_SEP.fullmatch(sent[nums[k].end : nums[k + 1].start]):
        k += 1
        out.append(nums[k])
    return out


def _respectively(
    sent: str, nums: list[Number], i: int, places: list[PlaceMention], c0: int, c1: int
) -> PlaceMention | None:
    """'the cities of Xiaogan, Huanggang and Suizhou reported 424, 162 and 128 new cases,
    respectively': the k-th number belongs to the k-th place; so too where the numbers follow
    the places' list with only 'with' or a verb between ('followed by Shenzhen and Foshan with
    17 and 16 cases')."""
    said = "respectively" in sent[nums[i].end : c1 if c1 > nums[i].end else len(sent)]
    if not said and "with" not in sent and not _PAIRED_VERB.search(sent):
        return None
    first = i
    while first > 0 and _LIST_SEP.fullmatch(sent[nums[first - 1].end : nums[first].start]):
        first -= 1
    run = [nums[first], *_chain(sent, nums, first)]
    if len(run) < 2:
        return None
    for start in (c0, 0):
        # the places listed together just before the numbers, in their clause or else as the
        # sentence's subject ("A and B reported the most cases, with 120 and 45 respectively")
        before = [p for p in places if start <= p.end <= run[0].start]
        listed: list[PlaceMention] = []
        for p in reversed(before):
            # ("Angola, the Democratic Republic of the Congo, and Nigeria": an article too)
            if listed and not _LIST_SEP.fullmatch(
                rx.sub(r"\bthe\s+$", "", sent[p.end : listed[0].start])
            ):
                break
            listed.insert(0, p)
        if len(listed) == len(run) and (
            said or _PAIRED_GAP.fullmatch(sent, listed[-1].end, run[0].start)
        ):
            return listed[i - first]
    return None


#: what stands between a list of places and the list of their numbers, each k-th to the k-th
_PAIRED_GAP = rx.compile(
    r"\s+(?:with|had|have|reported|recorded|registered|logged|saw)\s+"
    r"(?:(?:about|over|nearly|some|around)\s+)?",
    re.IGNORECASE,
)
_PAIRED_VERB = rx.compile(r"\b(?:had|have|reported|recorded|registered|logged|saw)\b", re.I)


def _paren_place(sent: str, n: Number, places: list[PlaceMention]) -> PlaceMention | None:
    """'Riyadh (7 cases), Najran (3 cases)', 'Beijing (1 case, 0 death)': the place right
    before the parenthesis holding the number."""
    open_at = sent.rfind("(", 0, n.start)
    if open_at < 0 or sent.rfind(")", 0, n.start) > open_at:
        return None
    if not rx.fullmatch(r"[^()]{0,25}|[^()]{0,60}:\s*", sent[open_at + 1 : n.start]):
        return None
    for p in places:
        if 0 <= open_at - p.end <= 2 or (
            p.end < open_at and _UNIT_WORD.fullmatch(sent, p.end, open_at)
        ):
            return p  # ("Boukoumbe commune (one confirmed and one suspected)")
    return None


#: A unit word between a place and its bracket: "Boukoumbe commune (", "Bikoro health zone ("
_UNIT_WORD = rx.compile(
    r"\s+(?:health\s+)?(?:communes?|districts?|zones?|counties|county|provinces?|regions?|"
    r"states?|prefectures?|governorates?|municipality|departments?)\s*",
    re.IGNORECASE,
)
#: The bracketed count of a list item after its place: "Bikoro (5)", "Boukoumbe commune (one
#: confirmed ...)"
_PARTS_AFTER = rx.compile(
    r"(?:\s+(?:health\s+)?(?:communes?|districts?|zones?|counties|county|provinces?|regions?|"
    r"states?|prefectures?|governorates?|municipality|departments?))?\s*\(\s*(?:\d|(?:one|two|"
    r"three|four|five|six|seven|eight|nine|ten)\b)",
    re.IGNORECASE,
)


def _nearest_before(places: list[PlaceMention], c0: int, pos: int) -> PlaceMention | None:
    cands = [p for p in places if c0 <= p.start < pos]
    return cands[-1] if cands else None


#: a national authority as the subject between a place and a count
_NATIONAL_SUBJECT = rx.compile(
    r"(?:,|\band)\s+(?:[\w ,]{0,40}?,\s*)?the\s+(?:national\s+)?(?:Ministry\s+of\s+(?:Public\s+)?Health|"
    r"(?:national\s+)?health\s+ministry|National\s+Health\s+Commission)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:said|confirmed|reported|recorded|registered|announced)\b",
    re.IGNORECASE,
)
#: a place written as a label: "Mexico: 1,204 new cases", "Margibi County: 3 new cases"
_LABEL_COLON = rx.compile(
    r"\s*(?:(?:county|province|state|region|district|prefecture|city|governorate)\s*)?:\s*",
    re.IGNORECASE,
)


def _label_place(sent: str, places: list[PlaceMention], n: Number) -> PlaceMention | None:
    """The label before ``n`` of a list of places each with its figures ('Mexico: 1,204 new
    cases, 45 deaths; Guatemala: 300 new cases'): the nearest place before the number that a
    colon follows, with no other place between them."""
    before = [p for p in places if p.end <= n.start]
    if not before:
        return None
    p = before[-1]
    m = _LABEL_COLON.match(sent, p.end)
    if m is None or m.end() > n.start:
        return None
    return p


#: ", all in its biggest city": where an earlier count's cases all were, an aside
_ALL_IN_ASIDE = rx.compile(
    r",\s*(?:all|both|mostly|nearly\s+all|almost\s+all)\s+(?:of\s+them\s+)?(?:in|from)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def _nearest_free_before(
    sent: str, places: list[PlaceMention], c0: int, n: Number, nums: list[Number]
) -> PlaceMention | None:
    """The nearest place before ``n`` in its clause that is not an earlier breakdown item's
    own ('231 new cases (11 in Guangdong, 1 in Shaanxi, including 10 reclassified cases)':
    the 10 are the 231's, not Shaanxi's)."""
    for p in reversed([p for p in places if c0 <= p.start < n.start]):
        if (
            _RELATIVE_OPEN.search(sent, max(0, p.start - 80), p.start)
            and "," in sent[p.end : n.start]
        ):
            continue  # "In Xinjiang, where Kashgar is locked down, the region reported 26": an aside
        if _ALL_IN_ASIDE.search(sent, max(0, p.start - 60), p.start):
            continue  # "53 new cases, all in its biggest city Auckland, taking the total to": an aside
        if _depth(sent, p.start) > _depth(sent, n.start):
            # "46 were confirmed from nine states (Bayelsa, ..., Oyo) and one death": a place
            # in a bracket closed before the count is the bracket's breakdown, not the count's
            continue
        o = next((o for o in reversed(nums) if o.end <= p.start), None)
        if (
            o is not None
            and o.start >= c0
            and rx.fullmatch(
                r"\s*(?:[\w-]+\s+){0,3}?(?:in|at)\s+(?:the\s+)?(?:[\w'’-]+(?:,\s*|\s+)){0,6}",
                sent[o.end : p.start],
            )
            and not rx.search(
                r"\b(?:including|includ\w+|with|were|was|reported|recorded)\b",
                sent[o.end : p.start],
            )
            and rx.search(r"(?:[,;(]|\band|\bincluding)\s*$", sent[max(0, o.start - 12) : o.start])
        ):
            continue  # ", 11 in Guangdong": that item's place
        if labelled(sent, p, n):
            # "from Wajir (24 cases) and Marsabit (2 cases) counties, including seven confirmed
            # cases": a place labelled with its own count in brackets is that count's
            continue
        return p
    return None


def _after_in_clause(
    sent: str, places: list[PlaceMention], n: Number, c1: int, nums: list[Number]
) -> PlaceMention | None:
    """A place later in the clause reached past subordinate counts ('11,446 cases, including
    205 deaths, had been reported in Hong Kong')."""
    for p in places:
        if n.end <= p.start < c1:
            if in_person_story(sent, n.end, p.start):
                return None
            if _PARTS_AFTER.match(sent, p.end):
                return None  # "in Bikoro (5) and Wangata (1)": the places of the parts
            if _depth(sent, p.start) > _depth(sent, n.start):
                continue  # "Six cases (five in Masaka and one in Rukungiri)": the parts' places
            if _FIRST_CASE.search(sent, max(0, p.start - 80), p.start):
                continue  # "31 cases since the first was reported in Bayelsa": where it began
            between = sent[n.end : p.start]
            # (a breakdown in brackets, "71 cases (53 confirmed, 18 suspected) reported in
            # X", is the count's own, not another subject)
            inner = [
                o
                for o in nums
                if n.end <= o.start < p.start and _depth(sent, o.start) <= _depth(sent, n.start)
            ]
            if _depth(sent, n.start) > 0 and _depth(sent, p.start) < _depth(sent, n.start):
                # n in those brackets: its fellow items are no other subject either
                close = sent.find(")", n.end)
                inner = [o for o in inner if close < 0 or o.start > close]
            if (
                inner
                and (
                    _coordinated(sent, n, inner)
                    # "sickened 17,058 people and killed 8 in July in Hunan"
                    or (len(inner) == 1 and parallel_verbs(sent[n.end : inner[0].start]))
                )
            ):
                inner = []  # "1,408 suspected and 44 confirmed cases were reported from X"
            if inner and not all(
                _SUBORDINATE.search(sent[max(0, o.start - 14) : o.start]) for o in inner
            ):
                return None
            authority = rx.match(
                r"\s*(?:Ministry|MOH|Health\s+(?:Ministry|Commission|Department))",
                sent[p.end : p.end + 25],
            )
            if authority:
                return p  # "15 additional cases ... from the Saudi Arabia Ministry of Health"
            if (
                (
                    (
                        rx.search(
                            r"\b(?:in|on|at|across|(?:reported|notified|recorded|detected)\s+from)\s+(?:the\s+)?"
                            # ("in central China's Hunan province": the province)
                            r"(?:(?:north|south|east|west|central)\w*\s+)?(?:[A-Z][\w-]*(?:'s|’s)\s+)?$",
                            sent[max(0, p.start - 40) : p.start],
                            re.IGNORECASE,
                        )
                        and not rx.match(r"(?:'s|’s)\s", sent[p.end : p.end + 3])
                    )
                    # "reported in 14 countries and territories of the Region of the Americas":
                    # the region that holds the group
                    or _GROUP_OF.search(sent, max(0, p.start - 80), p.start)
                )
                and not _origin(sent[max(0, p.start - 40) : p.start])
            ):
                # ("2600 cases with 935 deaths have been reported from 27 countries": the verb
                # after the subordinate count is the whole phrase's)
                if (
                    inner
                    and not rx.search(r",\s*(?:had|have|has|were|was|are|is)\b", between)
                    and not (
                        # (not "24 cases, of which nine were reported in Yunnan": the nine's)
                        _WITH_BEFORE.search(sent, max(0, inner[-1].start - 12), inner[-1].start)
                        and _VERB_TO_PLACE.match(sent[inner[-1].end : p.start])
                    )
                ):
                    return None
                return p
    return None


_WITH_BEFORE = rx.compile(r"\b(?:with|including)\s+$")
_VERB_TO_PLACE = rx.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:had|have|has|were|was)\s+(?:been\s+)?"
    r"(?:reported|recorded|notified|confirmed|registered)\s+(?:in|from)\s+(?:the\s+)?$"
)


def _coordinated(sent: str, n: Number, inner: list[Number]) -> bool:
    """Whether ``inner`` are listed with ``n`` as one subject ('1,408 suspected and 44
    confirmed cases', '12 cases, 3 deaths and 2 recoveries'), no verb between them."""
    prev = n
    for o in inner:
        if not rx.fullmatch(
            # ("Fifty new cases of Ebola and 25 deaths": the disease named between)
            r"\s*(?:[a-z-]+\s+){0,3}?(?:of\s+[A-Za-z][\w-]*\s+)?(?:,\s*(?:and\s+)?|and\s+|or\s+)",
            sent[prev.end : o.start],
            re.IGNORECASE,
        ) or rx.search(
            r"\b(?:were|was|are|is|has|have|had|reported|recorded|died|including)\b|"
            r"\bof\b(?!\s+[A-Za-z][\w-]*\s+(?:,|and\b|or\b))",
            sent[prev.end : o.start],
        ):
            return False
        prev = o
    return True


def _mention_of(rec: Record, places: list[PlaceMention]) -> PlaceMention | None:
    for p in places:
        if p.text == rec.place_text:
            return p
    return None


#: Where reported speech starts a new statement: "..., said the report, adding that ..."
_SPEECH_CUT = rx.compile(
    r",\s*(?:adding|noting|saying|and\s+added|and\s+said)\b|\bsaid\s+(?:the\s+)?[\w-]+\s*,",
    re.IGNORECASE,
)


def _speaker_place(sent: str, c0: int) -> PlaceMention | None:
    """The place of whoever speaks just before a clause of reported speech ('the Xinjiang
    health commission said, adding that 19 ...': Xinjiang's)."""
    if c0 <= 0 or not rx.search(
        r"\b(?:adding|noting|saying|added|said)\s*$", sent[max(0, c0 - 12) : c0]
    ):
        return None
    m = rx.search(
        r"(?:^|[,;:])\s*(?P<who>[^,;:]{3,60}?)\s+(?:said|added)\s*,?\s*\w+\s*$", sent[:c0]
    )
    if m is None:
        return None
    # looked up on the speaker's own words: a place named with a smaller one in the
    # sentence ("Shufu County of Xinjiang, the Xinjiang health commission said") is kept
    found = gazetteer().find(m.group("who"))
    if not found:
        return None
    p = found[-1]
    off = m.start("who")
    return PlaceMention(off + p.start, off + p.end, p.text, p.place)


def _outer_clauses(sent: str, cls: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clauses cut only outside parentheses: in 'Liberia, 174 cases (70 confirmed, and 62
    suspected) and 106 deaths' the 62 and the 106 are still in Liberia's clause."""
    out: list[tuple[int, int]] = cls
    if "(" in sent or "（" in sent:
        out = []
        for a, b in cls:
            if out and _depth(sent, a) > 0:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
    if "," in sent:
        # "..., said the report, adding that no new deaths ...": reported speech, a new clause
        for m in _SPEECH_CUT.finditer(sent):
            cut = m.end()
            out = [
                piece
                for a, b in out
                for piece in (((a, cut), (cut, b)) if a < cut < b else ((a, b),))
            ]
    return out


def number_places(
    sent: str,
    nums: list[Number],
    i: int,
    nxt: int,
    cls: list[tuple[int, int]],
    places: list[PlaceMention],
    t: cat.Typing,
    parent: Record | None,
    parent_end: int,
    is_comparison: bool,
    sentence_place: PlaceMention | None,
    st: _State,
    gaz: Gazetteer,
) -> tuple[list[PlaceMention | None], tuple[str | None, str | None, str | None] | None]:
    """The place(s) of ``nums[i]``: its own phrase's ('8 in Guangdong'), a 'worldwide', the
    places listed before an 'each', the place before its parenthesis, its 'respectively'
    place; else its head count's (``parent``: the record of the count it is an item of,
    ``parent_end`` where that count ends in the sentence, 0 when it is in an earlier sentence),
    the nearest before it in its clause, a place after it in its clause, the sentence's
    subject, 'nationwide', the text's. Returns (targets, None), or ([], (place, place_text,
    code)) when it takes its head count's place as recorded."""
    n = nums[i]
    c0, c1 = _clause_of(_outer_clauses(sent, cls), n.start)
    own = _own_places(sent, n, nxt, c1, places, t, nums)
    ante = antecedent_place(sent, places, n)
    if (
        ante is not None
        and own
        and all(p.start >= n.end and "," in sent[n.end : p.start] for p in own)
    ):
        # "N'Zerekore, which had only 4 new confirmed cases ..., appears to have abated
        # however transmission in ... Macenta": the relative clause's place, not one past
        # its end
        own = [ante]
    if not own and i + 1 < len(nums):
        # "49 suspected cases were reported including 15 deaths from the West Kordofan state":
        # where the cases came from, which their deaths are a part of
        part = nums[i + 1]
        if rx.fullmatch(
            r"[^,;()]*?\b(?:including|of\s+which|of\s+whom)\s+", sent[n.end : part.start]
        ):
            own = [
                p
                for p in places[:1]
                if p.start >= part.end
                and rx.fullmatch(
                    r"\s+deaths?\s+(?:\([^()]{0,30}\)\s*)?from\s+(?:the\s+)?",
                    sent[part.end : p.start],
                )
            ]
            own = own if all(p.start >= part.end for p in places) else []
    if not own:
        own = _national_total(sent, n, places, st, gaz)
    if not own and i > 0 and _SUBORDINATE.search(sent, max(0, n.start - 14), n.start):
        # "the national total is 4,625 with 91 deaths": the country's, as the total it is part of
        own = _national_total(sent, nums[i - 1], places, st, gaz)
    if not own:
        world = _WORLD_WORDS.search(sent, c0, c1 if c1 > c0 else len(sent))
        if world is not None and _TOTAL_VERB.search(sent, n.end, world.start()):
            world = None  # "... 14,840 new cases, bringing the number of cases to 60,000 worldwide"
        if (
            world is not None
            and world.group(0).lower().startswith("reported")
            and st.doc_place is not None
            and st.doc_place.place.rank >= LEVEL_RANK["country"]
            and st.doc_place.place.level not in ("region", "world")
        ):
            world = None  # "216 cases were reported to WHO" in a report on Madagascar
        if world is not None and any(
            world.end() <= p.start and p.end <= n.start and p.place.level != "world" for p in places
        ):
            # a flattened table, "Globally 10 357 cases ... Africa 306 cases (9 504)": a row
            # heading named after the world word and before the count is the count's place
            world = None
        if world is not None:
            wp = gaz.lookup("World")
            if wp is not None:
                own = [PlaceMention(world.start(), world.end(), world.group(0), wp)]
    if not own and not places:
        body = _GLOBAL_BODY.match(sent) or _BY_GLOBAL_BODY.search(sent, 0, n.start)
        if body is not None:
            # "WHO said 211 cases have been reported since 2012", "Through June 30, the Pan
            # American Health Organization (PAHO) has reported 400,000 cases": the body's
            # count over the area it covers, in a sentence that names no place
            area = gaz.lookup("Region of the Americas" if body.group("paho") else "World")
            if area is not None:
                own = [PlaceMention(body.start("who"), body.end("who"), body.group("who"), area)]
    if len(own) < 2:
        each = each_listed(sent, n, nxt, c0, places)
        if each:
            own = each
    paren = _paren_place(sent, n, places)
    if paren is not None and not (
        # "Chongqing (2 in Jiangjin District, 6 in Hechuan District": items with their own
        # place, not the bracket's place
        own and rx.match(r"\s+(?:cases?\s+)?(?:in|from|at)\s", sent[n.end : n.end + 14])
    ):
        own = [paren]
    resp = _respectively(sent, nums, i, places, c0, c1)
    if resp is not None:
        own = [resp]
    if not own:
        own = _units_group(sent, n, nxt, c1, places, st, gaz)
        # ("from Wajir (24 cases) and Marsabit (2 cases) counties, including seven confirmed
        # cases": places labelled with their own counts are not a later count's)
        own = [p for p in own if p.end > n.start or not labelled(sent, p, n)]
    if own:
        return list[PlaceMention | None](own), None
    pm = None
    if parent is not None and not is_comparison:
        pm = _mention_of(parent, places)
        between = _nearest_before(places, min(c0, parent_end) if parent_end > 0 else c0, n.start)
        if (
            between is not None
            and between.start >= parent_end > 0
            and not rx.search(
                r"\d\s+(?:[\w-]+\s+){0,3}(?:in|at|from)\s+(?:the\s+)?$",
                sent[max(0, between.start - 40) : between.start],
            )  # "22 in Xinjiang and 20 imported": that place is the 22's
        ):
            # "Seoul accounted for 5 cases and Gyeonggi for 4": a new subject between
            pm = between
    near = _nearest_free_before(sent, places, c0, n, nums)
    if near is None:
        near = antecedent_place(sent, places, n) or with_appendage_place(sent, places, n, nums)
    if (
        near is not None
        and near.place.rank > LEVEL_RANK["country"]
        and _NATIONAL_SUBJECT.search(sent, near.end, n.start)
    ):
        # "... the outbreak in Mubende District and as of 16 October the Ministry of Health
        # had confirmed 60 cases": the national authority's count is the country's
        near = country_mention(near, gaz)
    pm = (
        pm
        or near
        or _label_place(sent, places, n)
        or _speaker_place(sent, c0)
        or _after_in_clause(sent, places, n, c1, nums)
    )
    subject = sentence_place if sentence_place and sentence_place.start < n.start else None
    if subject is not None and _depth(sent, subject.start) > _depth(sent, n.start):
        subject = None  # (a parenthesis names no subject: it is a breakdown's)
    if subject is not None and labelled(sent, subject, n):
        subject = None  # ("from Wajir (24 cases) and Marsabit (2 cases)": an item's label)
    if (
        subject is not None
        and subject.start > nums[0].start
        and _SPEECH_CUT.search(sent, subject.end, n.start)
    ):
        subject = None  # "5 cases were reported in Shanghai, said the report, adding that ..."
    if (
        subject is not None
        and subject.end <= c0
        and rx.search(
            r"\b(?:was|were|been|is|are)\s+(?:\w+\s+)?(?:reported|recorded|found|detected|"
            r"confirmed|registered)\s+(?:in|at|from)\s+(?:the\s+)?$",
            sent[max(0, subject.start - 50) : subject.start],
        )
    ):
        # "a case was reported in Shanghai, and no new deaths were reported": where the
        # earlier clause's count was found, not the subject of the next one
        subject = None
    if pm is None and not is_comparison and parent is None:
        pm = subject
    if pm is None and parent is not None:
        return [], (parent.place, parent.place_text, parent.place_code)
    if pm is None and (_NATIONWIDE.search(sent) or _NATIONAL_REPORTS.search(sent)):
        # "Nationwide, ... 704 cases": the country of the text's place (so too the counts
        # the national health commission received: "So far, the National Health Commission
        # had received reports of 95,199 confirmed cases" in a story on one city)
        ctx = st.place or st.doc_place
        pm = country_mention(ctx, gaz) if ctx is not None else None
    if pm is None:
        # the place the text is on, unless the sentence names places outside it ("In
        # Uganda, ... . As of 4 May, seven cases ... in three districts: Masaka, Rukungiri
        # and Kalangala": Uganda's, where the text's own place is Angola)
        current = (
            st.place
            if st.place is not None
            and all(_lies_in(p.place, st.place.place, gaz) for p in places)
            # "In Niamey, ... . The outbreak peaked in week 19 with 2182 cases": the outbreak
            # the text is about, not the place the sentence before was on
            and not (_THE_OUTBREAK.search(sent, 0, n.start) and not places)
            else None
        )
        # "..., according to statistics from Hunan's provincial health department": the
        # place of the authority the counts come from, where it lies in the text's own
        authority = _authority_place(sent, gaz) if places else None
        if authority is not None and not (
            st.doc_place is not None
            and (
                authority.place == st.doc_place.place
                or st.doc_place.place in gaz.ancestors(authority.place)
            )
        ):
            authority = None
        pm = subject or current or authority or st.doc_place
        if pm is not None and subject is None and pm.place.level != "country":
            pm = wider_than_carried(sent, places, n, nums, pm, gaz)  # "33 of them in Auckland"
    if pm is None:
        pm = _holder_of_later(sent, places, n, gaz)
    if (
        pm is not None
        and pm.place.level != "country"
        and _FIRST_THEN_TOTAL.search(sent, 0, n.start)
    ):
        # "Scotland confirmed its first case, bringing the total to 57": a place whose first
        # case this is has no total of 57; the total is its country's
        pm = country_mention(pm, gaz) or pm
    if pm is not None and pm.place.level not in ("country", "world", "region"):
        pm = list_then_total(sent, n, places, pm, gaz)
    return ([pm] if pm is not None else []), None


#: "X confirmed its first case ..., bringing the total to": the total of the unit holding X
_FIRST_THEN_TOTAL = rx.compile(
    r"\b(?:its|their)\s+first\s+(?:[\w-]+\s+)?(?:case|death|infection)\b[^.;]{0,80}\b"
    r"(?:total|tally|count)\s+(?:[\w-]+\s+){0,2}(?:to|at|of)\s+$",
    re.IGNORECASE,
)


#: "more than 1,000 cases have been confirmed in 30 states": a count over many units of a
#: country's first or second level
_UNITS_GROUP = rx.compile(
    r"\s+(?:[\w-]+\s+){0,6}?(?:in|across|from)\s+(?P<k>\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|all|several|many|multiple)\s+(?:other\s+)?(?:U\.?S\.?\s+)?(?:states|provinces|"
    r"regions|counties|districts|prefectures|governorates)\b(?!\s+(?:of|in)\b)",
    re.IGNORECASE,
)


def _units_group(
    sent: str,
    n: Number,
    nxt: int,
    c1: int,
    places: list[PlaceMention],
    st: _State,
    gaz: Gazetteer,
) -> list[PlaceMention]:
    """'more than 1,000 cases have been confirmed in 30 states' in a report on Oregon: the
    count of many units is the country's that holds them (the text's place is one of them)."""
    m = _UNITS_GROUP.match(sent, n.end, c1 if c1 > n.end else len(sent))
    if m is not None and nxt < m.start("k"):
        return []  # another count before the units' number ("12 cases and 3 deaths in ...")
    if m is not None and n.value == 0:
        # "No new deaths in four states, namely Sucre, Lara, Zulia and Falcon": none in each
        named = _named_after(sent, m.end(), places)
        if named:
            return named
    ctx = st.place or st.doc_place
    if m is None or ctx is None or any(n.end <= p.start < m.end() for p in places):
        return []
    country = country_mention(ctx, gaz)
    if country is None or not country.place.code:
        return []
    a, b = m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end()
    return [PlaceMention(a, b, country.place.name, country.place)]


def _named_after(sent: str, pos: int, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places a group of units names right after it: '..., namely A, B and C', ': A, B'."""
    m = rx.match(r"\s*(?:,\s*)?(?:namely|including|:)\s*", sent[pos:])
    if m is None:
        return []
    at = pos + m.end()
    listed: list[PlaceMention] = []
    for p in places:
        if p.start < at:
            continue
        if p.start != at and not (listed and _LIST_SEP.fullmatch(sent[listed[-1].end : p.start])):
            break
        listed.append(p)
    return listed


#: "The outbreak peaked ...", "Since then, the outbreak has been on the decline with ...": the
#: text's outbreak as the subject
_THE_OUTBREAK = rx.compile(r"(?:^\s*|,\s*)(?:[Tt]he|[Tt]his)\s+(?:outbreak|epidemic)\b")
