"""Breakdown lists in prose: the words that make a sentence's numbers the parts of a count
said before it, and the places of their items that the gazetteer lacks.

A breakdown ('Of the new cases, 33 were detected in Kirehe, 12 in Rusizi') has items with no
noun of their own: each inherits the category and date of the lead count and gets its own
place. The lead is marked by a partition phrase ('of the new cases', 'most of the cases were
from'), at the start of the sentence or after a reporting clause ('it was noted that of the
new cases; ...'). Method: regular expressions over the words before the first number.
"""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import each_split, list_heads, place_items, rx
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.records import Record

_NOUN = r"(?:cases|infections|deaths|fatalities|patients|carriers|positives)"
#: "..., it was noted that of the new cases; 33 were ...", "The ministry said among the new
#: infections, 12 were ...": a partition after a reporting clause, just before the items
_MID_PARTITION = rx.compile(
    rf"(?:\bthat|[,;:])\s+(?:out\s+)?(?:of|among)\s+(?:the|these|those|today's|yesterday's|"
    rf"this\s+week's|all\s+the)\s+(?:[\w-]+\s+){{0,3}}?{_NOUN}\s*[,;:]?\s*$"
    # "Although the ministry did not detail the origin of the positive cases, 96 were ...":
    # a clause that ends on the whole, its comma, then the parts
    rf"|\b(?:origin|breakdown|distribution|location|source)s?\s+of\s+(?:the|these|those)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_NOUN}\s*,\s*$",
    re.IGNORECASE,
)
#: "Most of the cases were from NCR (3,002 or 24%), ...", "The majority of deaths were in
#: ...": a share of the count said before, broken down by place
_MOST_OF = rx.compile(
    rf"^\W*(?:most|the\s+(?:majority|bulk)|majority)\s+of\s+(?:(?:the|these|those|all\s+the)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_NOUN}\s+(?:(?:were|are|was|have\s+been|had\s+been)\s+)?"
    r"(?:(?:reported|recorded|detected|found|located|registered|notified|concentrated)\s+)?"
    r"(?:from|in|at|across)\b",
    re.IGNORECASE,
)


#: "those who died", "the patients who have died": the deaths, said with a verb
_WHO_DIED = (
    r"(?:those|the\s+(?:people|patients|persons))\s+who\s+(?:have\s+|had\s+)?(?:died|succumbed)"
)
_DAY_OWNER = r"(?:today|yesterday|this\s+week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)'s"
#: the place and verb that lead a list's first item ("Lagos had ", "Seoul recorded ")
_PLACE_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+"
_PLACE_LED = (
    _PLACE_NAME
    + r"(?:(?:has\s+|have\s+|had\s+)?(?:had|has|recorded|reported|logged|confirmed|saw|registered|"
    r"added|counted|posted)\s+)?"
)
#: "Of the new cases, ...", "Among the deaths, ...", "Of the new cases confirmed in Vietnam
#: on Monday, ...": a partition opening the sentence (the whole's own participle phrase kept)
_OPEN_PARTITION = rx.compile(
    rf"^\W*(?:out\s+)?(?:of|among)\s+(?:(?:the|these|those|{_DAY_OWNER}|"
    rf"all\s+the)\s+(?:[\w-]+\s+){{0,3}}?{_NOUN}|{_WHO_DIED})"
    r"(?:\s+(?:confirmed|reported|recorded|detected|registered|announced|identified|notified|"
    r"in|across|from|on|during)\b[^\d;:.()]{0,60}?)?"
    # "Of the new cases, Blantyre had 88, ...": the first item's place (and verb) after it
    rf"(?:\s*[,;:]?|\s*[,;:]\s*(?-i:{_PLACE_LED}))\s*$",
    re.IGNORECASE,
)
#: a place's name as written: up to four capitalised words
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
#: "The new infections were in Harbin (", "Tuesday's new infections were from Punjab (",
#: "The new cases are broken down as ", "The deaths occurred in Sao Paulo (": the whole as the
#: subject, its parts by place after the verb
_SUBJECT_LEAD = rx.compile(
    rf"^\W*(?:the|these|those|{_DAY_OWNER})\s+(?:[\w-]+\s+){{0,3}}?{_NOUN}"
    r"(?:\s+(?:confirmed|reported|recorded|detected|registered|announced|identified)"
    r"\b[^\d;:.()]{0,60}?)?"
    r"\s+(?:(?:were|are|was|have\s+been)\s+(?:(?:all|mainly|mostly|largely|reported|recorded|"
    r"detected|found|located|registered|distributed|spread|concentrated)\s+)*"
    r"(?:in|from|across|at|among)"
    r"|(?:are|were)\s+broken\s+down\s+as|occurred\s+in|(?P<incl>include[sd]?|compris(?:e[sd]?)))\b"
    # the first item's place and its bracket, nothing that counts; or the places, then
    # their numbers ("were in Nairobi and Mombasa, with 120 and 45 respectively")
    # (names are case-sensitive and joined by a comma or 'and', so that a run of words splits
    # one way only: no backtracking over the ways to group them)
    rf"(?-i:\s+(?:the\s+)?{_NAME}(?:\s*\(?|(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?{_NAME}"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?{_NAME})*\s*,?\s+with))?\s*$",
    re.IGNORECASE,
)


#: "The new cases were distributed as follows: Lagos 64, ...", "Breakdown by state: ...":
#: a colon lead that lays out the count said before
_LAYOUT_LEAD = rx.compile(
    rf"^\W*(?:(?:the|these|those|today's)\s+(?:[\w-]+\s+){{0,2}}?{_NOUN}\s+"
    r"(?:(?:were|are|was|is)\s+)?(?:distributed|broken\s+down|spread|split|located)\b"
    # ("Provincial breakdown: Gauteng 41, ...": the breakdown named by its adjective)
    r"|(?:the\s+)?(?:[\w-]+\s+)?(?:breakdown|distribution)(?:\s+(?:of|by|per|across)\b|(?=\s*:)))"
    r"[^:;.\d]{0,50}:\s*(?:[A-Z][^:;.\d]{0,40})?$"
    # "A breakdown of the cases shows that 242 ...": the same lead as a clause
    rf"|\b(?:a|the)\s+(?:[\w-]+\s+)?(?:breakdown|distribution)\s+of\s+(?:the|these|those)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_NOUN}\s+(?:shows|showed|indicates|indicated|reveals|revealed)\s+"
    r"(?:that\s+)?$",
    re.IGNORECASE,
)


#: "By region: Dakar 52, Thies 14": a lead that lays out the count said before by place, its
#: first item's place after it (not "By province, Lusaka has recorded 450 cases": a count
#: with its own verb and noun)
_BY_UNIT_LEAD = rx.compile(
    r"^\W*(?:broken\s+down\s+)?by\s+(?:region|province|state|county|district|city|prefecture|"
    r"governorate|department|municipality|country|area|zone|health\s+zone)s?\s*[:,]\s*"
    rf"(?-i:{_PLACE_NAME})?$",
    re.IGNORECASE,
)


def partition_lead(sentence: str, first_number: int) -> str | None:
    """The partition phrase before the sentence's first number that announces a breakdown
    of a count said before ('it was noted that of the new cases; 33 ...', 'Most of the cases
    were from ...'), else None."""
    head = sentence[:first_number]
    m = (
        _MID_PARTITION.search(head)
        or _MOST_OF.match(head)
        or _OPEN_PARTITION.match(head)
        or _LAYOUT_LEAD.match(head)
        or _LAYOUT_LEAD.search(head)
        or _SUBJECT_LEAD.match(head)
        or _BY_UNIT_LEAD.match(head)
        or _list_opening(sentence, first_number)
    )
    if (
        m is not None
        and m.re.pattern == _SUBJECT_LEAD.pattern  # (not ``is``: rx.compile wraps it)
        and m.group("incl")
        and not rx.match(r"[\w,.]+\s+(?:in|from|at)\s+(?:the\s+)?[A-Z]", sentence[first_number:])
    ):
        return None  # "The patients comprise four males aged 58 to 77": no parts by place
    return m.group(0) if m else None


_FAMILY = {
    "cases": ("confirmed", "local", "imported", "asymptomatic", "suspected", "probable", "infect"),
    "infections": ("confirmed", "local", "imported", "asymptomatic", "infect"),
    "positives": ("confirmed", "local", "imported", "asymptomatic", "infect", "tested_positive"),
    "carriers": ("asymptomatic",),
    "deaths": ("deaths",),
    "fatalities": ("deaths",),
}


def partition_head(
    phrase: str, records: list[Record], nums: list[Number] | None = None
) -> Record | None:
    """The count said before whose parts follow a partition ``phrase``: the latest record of
    the phrase's noun ('of the new cases' -> the last count of new cases, not the discharges
    said after it) that the sentence's first number (``nums``) does not exceed, as no part
    exceeds its whole ('22 new asymptomatic cases. ... Of the new cases, Lagos had 245': not
    theirs); None where none fits ('patients': any)."""
    first = nums[0].value if nums else 0
    noun = rx.search(_NOUN, phrase, re.IGNORECASE)
    kinds = _FAMILY.get(noun.group(0).lower()) if noun else None
    if noun is None and rx.search(_WHO_DIED, phrase, re.IGNORECASE):
        kinds = _FAMILY["deaths"]
    if kinds is None:
        return None
    new = rx.search(r"\b(?:new|today's|yesterday's|this\s+week's)\b", phrase, re.IGNORECASE)
    # "Of the new confirmed cases, ...": not the asymptomatic or suspected ones said before
    confirmed = rx.search(r"\bconfirmed\b", phrase, re.IGNORECASE) is not None and not rx.search(
        r"\b(?:asymptomatic|suspected|probable)\b", phrase, re.IGNORECASE
    )
    fits = []
    for r in reversed(records[-30:]):
        if not r.category.startswith(kinds) or r.category == "correction":
            continue
        if confirmed and r.category.startswith(("asymptomatic", "suspected", "probable")):
            continue
        if 0 < r.value < first:
            continue  # a part larger than the whole: not its part
        if new and r.stock:
            continue
        fits.append(r)
    total = sum(n.value for n in nums or [])
    if len(nums or []) > 1 and fits:
        # "... 16 new imported cases, bringing the total to 1,756. Among the cases, 11 were
        # in A, three in B and two in C": the count its parts add up to, of those said last
        latest = [r for r in fits if r.start >= fits[0].start - 400]
        added = next((r for r in latest if r.value == total), None)
        if added is not None:
            return added
    return fits[0] if fits else None


_NUM_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
)
#: "18 in the South, nine in the Interlake and one in Prairie Mountain": items of a breakdown
#: by place, numbers in digits or words, a place with its article
_ITEM = rx.compile(
    rf"(?:\b\d[\d,]*|\b(?:{_NUM_WORD}))\s+(?:[a-z]+\s+){{0,3}}?(?:in|from|at)\s+"
    r"(?P<n>(?:the\s+)?[A-Z][a-z][\w'’]*(?:[\s-](?!(?:Cases?|Deaths?|Patients?)\b)"
    r"[A-Z][a-z][\w'’]*){0,2})"
)


#: "...: Bolgatanga 51, Tamale 30 and Wa 12": items of a name and its number after a colon
_NAME_NUMBER = rx.compile(
    r"(?:[:;,]|\band)\s*(?P<n>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s*[-–:]?\s*"
    r"(?=\(?\d[\d,]*\)?\s*(?:[,;.]|and\b|$))"
)


#: "..., of whom 31 were in ...", "including 20 in ...": the words that open a breakdown
_PARTS_OPEN = rx.compile(
    r"\b(?:(?:of|among)\s+(?:whom|which|them|these|those)|including|namely)\s*[,:]?\s*$",
    re.IGNORECASE,
)


#: "Ejina Banner", "Shufu County": a name with its unit word
_UNIT_NAME = rx.compile(
    r"[A-Z][\w'’-]*\s(?:County|Banner|League|District|Prefecture|City|Province|State|Region|"
    r"Division|Municipality)$"
)


#: a one-word name that can be a place: not a ward, a state of health or an acronym
#: ("including 3 in Intensive Care", "including 2 in ICU")
_PLACE_LIKE = rx.compile(
    r"(?!(?:Intensive|Critical|Serious|Stable|Hospital|Home|Isolation|Quarantine|The)\b)"
    r"[A-Z][a-z][\w'’-]*"
)


def _announced(sentence: str, first_item: int) -> bool:
    """Whether the words before a list's first item announce the parts of a count ('Among
    the new cases, 603 were in ...', '..., of whom 31 were in ...'): the names of its items
    are places, even where the gazetteer knows none of them."""
    return (
        partition_lead(sentence, first_item) is not None
        or _PARTS_OPEN.search(sentence, max(0, first_item - 30), first_item) is not None
    )


def item_places(sentence: str, known: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The places of a breakdown's items (span, name as written, article kept: 'the South'),
    where the sentence has at least two items and one of them is a place in ``known`` (the
    spans of the places found so far): its siblings are places too; or where words that
    announce parts ('Of the new cases, ...', 'of whom') come before the first item; or a
    single announced item named with its unit word ('12, of which 10 in Ejina Banner') or
    with one word that can be a place ('including 110 cases in Ejina')."""
    out: list[tuple[int, int, str]] = []
    starts = {a for a, _ in known}
    colon = sentence.find(":")
    for items in (
        # ("one each from the Autonomous Communities of Aragon and Galicia": the places come
        # after the 'of')
        [m for m in _ITEM.finditer(sentence) if not rx.match(r"\s+of\b", sentence[m.end("n") :])],
        list(_NAME_NUMBER.finditer(sentence, colon)) if colon >= 0 else [],
    ):
        out.extend(
            (m.start("n"), m.end("n"), m.group("n"))
            for m in items
            if len(items) == 1
            and (_UNIT_NAME.search(m.group("n")) or _PLACE_LIKE.fullmatch(m.group("n")))
            and _PARTS_OPEN.search(sentence, max(0, m.start() - 30), m.start())
        )
        if len(items) < 2:
            continue
        article = [m.start("n") + (4 if m.group("n").startswith("the ") else 0) for m in items]
        if any(a in starts for a in article):
            out.extend((m.start("n"), m.end("n"), m.group("n")) for m in items)
        elif _announced(sentence, items[0].start()):
            # (no sibling known to keep an article for: "from the Northern Division" is
            # the Northern Division)
            out.extend(
                (a, m.end("n"), sentence[a : m.end("n")])
                for a, m in zip(article, items, strict=True)
            )
    return out


#: "Contacts traced by district teams in 10 governorates: 517 (...), and 2,882 (...)": a
#: line that opens with what it counts, then a colon and bare numbers
_COLON_LEAD = rx.compile(
    r"^\W*(?P<np>(?:[A-Za-z-]+\s+){0,3}?(?:contacts|cases|deaths|fatalities|admissions|"
    r"hospitali[sz]ations|recoveries|tests|samples|patients|infections))\b[^:;.\d]{0,80}"
    r"(?:\d+\s+[a-z]+[^:;.\d]{0,40})?:\s*",
    re.IGNORECASE,
)


def colon_lead_np(sentence: str, start: int) -> str | None:
    """The noun phrase a line opens with when a bare number follows its colon ('Contacts
    traced in 10 governorates: 517 (up to week 52), and 2,882 (weeks 1-7)'), else None."""
    m = _COLON_LEAD.match(sentence)
    if m is None or m.end() > start:
        return None
    between = rx.sub(r"\([^()]*\)|\band\b", " ", sentence[m.end() : start])
    # "Cases by state: Lagos 64; Kano 50": the names of the items, their numbers and marks
    between = rx.sub(r"[A-Z][\w'’.-]*|\d[\d,]*|[-–:,;]", " ", between)
    if rx.search(r"[A-Za-z]{3,}", between):
        return None  # "...: A total of 1,176 admissions": the number's own words
    return m.group("np")


#: "125 (week 4)", "517 (up to week 52)", "2,882 (weeks 1-7)": a count's own epi week(s)
_WEEK_AFTER = rx.compile(
    r"\s*\(\s*(?P<upto>(?:up\s+to|until|through|to)\s+)?(?:epi(?:demiological)?\s+)?"
    r"(?:weeks?|wk)\s*(?P<a>\d{1,2})(?:\s*(?:-|–|to)\s*(?P<b>\d{1,2}))?"
    r"(?:\s*(?:of\s+|,\s*)?(?P<y>(?:19|20)\d\d))?\s*\)",
    re.IGNORECASE,
)
#: "(week 6) 81": the week written before the count
_WEEK_BEFORE = rx.compile(
    r"\(\s*(?:epi(?:demiological)?\s+)?(?:week|wk)\s*(?P<a>\d{1,2})(?P<b>)(?P<y>)(?P<upto>)\s*\)\s*$",
    re.IGNORECASE,
)
#: "1,176 admissions were reported since week 52 up to week 6": a count over weeks
_WEEK_SPAN = rx.compile(
    r"[^,;()]{0,60}?\b(?:since|from)\s+(?:epi(?:demiological)?\s+)?week\s+(?P<a>\d{1,2})\s+"
    r"(?:up\s+)?(?:to|until|through)\s+(?:epi(?:demiological)?\s+)?week\s+(?P<b>\d{1,2})"
    r"(?P<y>)(?P<upto>)",
    re.IGNORECASE,
)


def _week_end(week: int, ref: dt.date, year: int | None) -> dt.date | None:
    """The Sunday that ends ISO week ``week`` of ``year``, else of the latest year in which
    that week has begun by ``ref`` ('week 52' in a February report is last year's)."""
    y = year if year is not None else ref.year - (1 if week > ref.isocalendar()[1] + 1 else 0)
    try:
        return dt.date.fromisocalendar(y, week, 7)
    except ValueError:
        return None


def finish_sentence(sentence: str, offset: int, records: list[Record], ref: dt.date | None) -> None:
    """What a sentence's lists say of their items once all are read: their own epi weeks
    (``week_dates``), the places, evidence and nouns of place-led items
    (``place_items.place_led_items``) and a day said after the list
    (``list_heads.trailing_day``). ``ref``: the publication day."""
    week_dates(sentence, offset, records, ref)
    place_items.place_led_items(sentence, offset, records)
    each_split.split_each(sentence, offset, records)
    list_heads.trailing_day(sentence, records, ref)


def week_dates(sentence: str, offset: int, records: list[Record], ref: dt.date | None) -> None:
    """Date the counts of ``sentence`` (which starts at ``offset`` in the text) that name
    their own epi week or weeks: the last day of the (last) week, ``period_start`` the first
    day of a range or a single week. ``ref``: the publication day (the year of a week)."""
    if ref is None or "eek" not in sentence:
        return
    for r in records:
        pos = r.start - offset
        if not 0 <= pos <= len(sentence):
            continue
        end = pos + len(r.mention)
        m = (
            _WEEK_AFTER.match(sentence, end)
            or _WEEK_BEFORE.search(sentence, max(0, pos - 24), pos)
            or _WEEK_SPAN.match(sentence, end)
        )
        if m is None:
            continue
        year = int(m.group("y")) if m.group("y") else None
        a = int(m.group("a"))
        b = int(m.group("b")) if m.group("b") else None
        last = _week_end(b if b is not None else a, ref, year)
        if last is None:
            continue
        r.date = last.isoformat()
        if m.group("upto"):
            r.period_start = None  # "up to week 52": a total by then
            continue
        first_end = _week_end(a, last + dt.timedelta(days=1), year) if b is not None else last
        if first_end is not None:
            r.period_start = (first_end - dt.timedelta(days=6)).isoformat()


#: "Dhaka had 120, Chattogram 45 and Khulna 8": a sentence that opens with a place-led list
#: whose first item has no noun of its own
_LIST_OPENING = rx.compile(rf"^\W*(?-i:{_PLACE_LED})$")
_NEXT_PLACE_ITEM = rx.compile(
    rf"(?:\d[\d,.]*|(?i:{_NUM_WORD}))\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?-i:{_PLACE_LED})"
    rf"(?:\d|(?i:{_NUM_WORD})\b)"
)


def _list_opening(sentence: str, first_number: int) -> re.Match[str] | None:
    """The place (and verb) that open a sentence of place-led items without nouns ('Dhaka
    had 120, Chattogram 45 and Khulna 8', said after '173 new dengue cases'): the items of
    the count said before, as after 'Of these'; else None."""
    m = _LIST_OPENING.match(sentence[:first_number])
    if m is None or _NEXT_PLACE_ITEM.match(sentence, first_number) is None:
        return None
    return m


#: "...: Harare had 60, ...", "..., of which Lagos had 245, ...", "; among them, Lombardy had
#: 45": a place-led list opened in mid-sentence, its first item said with 'had'
_LIST_LEAD_IN = (
    r"(?:of\s+(?:which|whom|these|them|those)|among\s+(?:them|these|those)|with|including)"
)
_MID_LIST_HAD = rx.compile(
    rf"(?:[:;]\s*(?:{_LIST_LEAD_IN}\s*,?\s*)?|,\s*{_LIST_LEAD_IN}\s*,?\s*)"
    rf"(?-i:{_PLACE_NAME})(?:had|has|have)\s+$",
    re.IGNORECASE,
)


def had_share(sentence: str, start: int, lead: bool = True) -> bool:
    """Whether the number at ``start`` is a place's share of a whole named before, said with
    'had' ('Of the new cases, Lagos had 245'; ``lead``: the sentence opens with such a lead),
    or of a whole said just before in its sentence ('88 new cases on Tuesday: Harare had
    60'): a part of the whole, a flow where the whole is one, not a total that 'had' would
    make of it."""
    if rx.search(r"\b(?:had|has|have)\s+$", sentence[max(0, start - 8) : start]) is None:
        return False
    return lead or _MID_LIST_HAD.search(sentence, max(0, start - 80), start) is not None


def died_of_them(sentence: str, n: Number) -> bool:
    """Whether the number ``n`` counts the deaths among the cases of its head, said with a
    perfect ('Three of them have died', '..., two of whom had died'): a part of that head,
    a flow where the head is one, unless the sentence says a total ('so far')."""
    return rx.match(
        r"\s+of\s+(?:them|whom|which|these|those)\s+(?:have|has|had)\s+(?:since\s+)?"
        r"(?:died|succumbed)\b",
        sentence[n.end : n.end + 40],
    ) is not None and not rx.search(
        r"\b(?:so\s+far|to\s+date|in\s+total|cumulative(?:ly)?)\b", sentence, re.IGNORECASE
    )
