"""How the sentence around a count words it, beyond the count's own noun phrase: a breakdown
sentence that refers back to the count before it, parts of a count ('26 samples tested, 3 of
them were confirmed'), definite repetitions ('the 30 confirmed cases') and the earlier figure
of a comparison, the flow or stock a count takes from the counts before it, and the items,
bullets and headings of lists. The noun phrase before the number ('the death toll rose to 45',
'bringing the total to 1,234') is read in ``pre_np``.
"""

from __future__ import annotations

import re
from typing import Any

from flareup.ingest.bulletin import casewords, rx
from flareup.ingest.bulletin.categories import Typing
from flareup.ingest.bulletin.numbers import LABEL_LINE
from flareup.ingest.bulletin.records import Record

#: "The distribution and classification of the cases are as follows: ...": a breakdown of
#: the count the sentence before stated, a flow or a stock as that count was
_REFERS_BACK = rx.compile(
    r"^\W*(?:(?:the\s+)?(?:geographic(?:al)?\s+)?(?:distribution|breakdown|classification|split|"
    r"repartition)(?:\s+(?:and|by)\s+[\w-]+)*\s+of\s+(?:(?:the|these|those|this|all(?:\s+the)?)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:cases|deaths|infections|patients|fatalities)\b|"
    # "The cases were reported from Riyadh (7 cases), Makkah (4 cases)"
    r"(?:(?:the|these|those|all\s+(?:the|these))\s+)?(?:new\s+)?"
    r"(?:(?:imported|local|asymptomatic|confirmed|suspected|probable)\s+)*"
    r"(?:cases|deaths|infections|patients|carriers)\s+"
    r"(?:(?:were|are|was)\s+(?:all\s+)?(?:reported|detected|located|distributed|recorded|"
    r"identified|discovered|found|notified|registered)|(?:(?:were|are|was)\s+)?(?:all\s+)?(?:occurred|scattered|spread))\s+"
    r"(?:from|in|at|across)\b|"
    # "The community cases include 17 in Hai Duong": the parts of a kind said before
    r"(?:the|these|those)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:cases|deaths|infections|patients)\s+"
    r"(?:include[sd]?|comprise[sd]?|consist(?:s|ed)?\s+of)\s+(?=(?:\d[\d,]*|one|two|three|four|"
    r"five|six|seven|eight|nine|ten)\s+(?:cases?\s+)?(?:in|from|at)\s)|"
    # "Six others were imported cases": the rest of the count said before
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+others\s+"
    r"(?:were|are|was|is|had\s+been|have\s+been)\s+(?:all\s+)?(?:imported|local|asymptomatic|"
    r"locally|from)\b|"
    # "Of all the cases, 11 were reported in Zhejiang": a breakdown of the count said before
    r"(?:out\s+)?of\s+all\s+(?:the\s+|these\s+|those\s+)?(?:new\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cases|deaths|infections|patients|carriers)\s*,|"
    # "A total of 11 cases ... in Shanghai. Eight have been reported in Jiangsu": a bare number
    # reported in a place counts the noun said before
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:have|has|had)\s+been\s+(?:reported|confirmed|recorded|registered|detected)\s+"
    r"(?:in|from|at)\s+(?-i:[A-Z])|"
    # "Their number grew to 10,625": the total of the count said before
    r"(?:their|its)\s+(?:total\s+)?(?:number|total|tally|count)\b(?!\s+of\b))",
    re.IGNORECASE,
)


def refers_back(sentence: str) -> bool:
    """Whether the sentence opens by naming a breakdown of the count said before it, or is
    a line of one ('Lagos-64' under '164 new cases;')."""
    return (
        _REFERS_BACK.match(sentence) is not None
        or breakdown_label(sentence) is not None
        or ranked_opening(sentence) is not None
    )


#: a ranking of places that opens a sentence with no noun of its own: "The most affected
#: districts are A (120), B (45)", "The highest numbers were reported from A (30), B (12)"
_RANKED_OPENING = rx.compile(
    r"^\W*(?:the\s+)?(?:(?P<stock>(?:most|worst|hardest|badly|severely)[-\s](?:affected|hit))|"
    r"(?:highest|maximum|largest|greatest)\s+(?:numbers?|counts?|burden|shares?))\b"
    r"(?P<rest>[^.;:()\d]{0,80}?)\s+(?:are|were|is|was|include[sd]?)\b",
    re.IGNORECASE,
)


def ranked_opening(sentence: str) -> bool | None:
    """A sentence that ranks places by the count said before it: its items are parts of that
    count. True when the ranking is of the most affected places (a ranking compares
    totals, as ``stocks._RANKED`` says) and no period or 'new' is named; False for the
    places with the highest number of that count (its own flow or stock); None when the
    sentence is no ranking."""
    m = _RANKED_OPENING.match(sentence)
    if m is None:
        return None
    dated = rx.search(
        r"\b(?:new|this\s+week|past|last|latest|recent)\b", m.group("rest"), re.IGNORECASE
    )
    return bool(m.group("stock")) and dated is None


def breakdown_label(sentence: str) -> str | None:
    """The name of a breakdown line 'Lagos-64' (not a count word: 'Deaths: 24' is no item)."""
    line = LABEL_LINE.match(sentence)
    if line is None or _COUNT_WORD.search(line.group("label")):
        return None
    return line.group("label").strip()


#: a label that names what is counted ('Deaths-24'), not where
_COUNT_WORD = rx.compile(
    r"\b(?:cases?|deaths?|dead|died|fatalit|recover|discharg|cured|tests?|tested|samples?|"
    r"confirmed|suspected|probable|active|contacts?|hospitali|admitted|total|new|positive|negative)",
    re.IGNORECASE,
)


def compared_with(sentence: str, start: int) -> bool:
    """'compared to the 12,373 ... cases of 2015', 'slightly more than the 580 a day earlier',
    'well above the 84,462 cases recorded last year': the earlier figure of a comparison."""
    return (
        rx.search(
            r"\b(?:compared\s+(?:to|with)|versus|vs\.?|against|from|than|above|below|exceeding|"
            r"surpassing)\s+the\s+$",
            sentence[max(0, start - 25) : start],
            re.IGNORECASE,
        )
        is not None
    )


def said_before(records: list[Record], value: int, family: str | None) -> Record | None:
    """The count that a definite repetition ('the 30 confirmed cases') names again: the last
    earlier record of that value (and of that family when the words give one)."""
    same = [r for r in records if r.value == value]
    for r in reversed(same):
        if family is None or _family(r.category) == family:
            return r
    # "400 people who had contact ... Of the 400 contacts": the same count in other words
    return same[-1] if same and value > 1 else None


_PART_OF_THE = rx.compile(
    r"(?:\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"some|most|all|none))\s+of\s+(?:the|these|those)\s+$",
    re.IGNORECASE,
)


def whole_said_before(
    sentence: str, start: int, records: list[Record], value: int, family: str | None
) -> bool:
    """'Officials say two of the nine cases were confirmed after ...': the whole of a part,
    'the nine', is the count said before, not a new one."""
    return bool(_PART_OF_THE.search(sentence[max(0, start - 30) : start])) and (
        said_before(records, value, family) is not None
    )


def _family(category: str) -> str:
    for fam in ("asymptomatic", "deaths", "recovered", "suspected", "tested", "contacts"):
        if category.startswith(fam) or category == fam:
            return fam
    if category in (
        "confirmed_new",
        "local_new",
        "imported_new",
        "confirmed_cumulative",
        "imported_cumulative",
        "active",
        "reclassified",
        "correction",
    ):
        return "cases"
    return category


def part_category(category: str, parent: str, words_after: str) -> str:
    """The category of a part of ``parent`` ("26 stool samples tested, 3 of them were
    confirmed": the positive ones of the tests)."""
    if parent in ("tested", "tested_positive", "tested_negative"):
        if rx.match(
            r"\s*(?:\([^()]{0,12}\)\s*)?(?:of\s+(?:them|these|which)\s+)?(?:were|was|are|came\s+back|"
            r"tested|returned|ha(?:ve|s)\s+been)\s+(?:laboratory[- ])?(?:confirmed|positive)\b",
            words_after,
            re.IGNORECASE,
        ):
            return "tested_positive"
        if rx.match(
            r"\s*(?:of\s+(?:them|these|which)\s+)?(?:were|was|are|came\s+back|tested|returned)\s+"
            r"negative\b",
            words_after,
            re.IGNORECASE,
        ):
            return "tested_negative"
    verb = rx.match(
        r"\s*(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)?(?:(?:released|discharged|dismissed)\s+"
        r"from\s+(?:medical\s+)?(?:observ|quarantin|isolat)|completed\s+(?:their|the)\s+)|"
        r"\s*(?:have|has|had)\s+completed\s+(?:their\s+|the\s+)?(?:\d+[- ]days?\s+(?:of\s+)?)?",
        words_after,
        re.IGNORECASE,
    )
    if verb is not None:
        # "Of the 137 asymptomatic carriers, 41 have been released from medical observation"
        total = rx.match(r"\s*(?:have|has|had)\s+been", words_after) is not None
        if parent.startswith("asymptomatic"):
            return "asymptomatic_released_cumulative" if total else "asymptomatic_released_new"
        if parent in ("contacts", "under_observation"):
            return "contacts_released"
    return category


def context_stock(sentence: str, pos: int, before: list[tuple[int, bool]]) -> bool:
    """Flow or stock of a count at ``pos`` that says neither, from the counts ``before`` it
    ((start, stock) in the sentence): the sentence's first count ("a total of 108 cases,
    including ... 23 deaths"), or inside brackets the count the brackets follow ("31 more
    cases ..., increasing the cumulative number to 62 (14 confirmed, ... 22 suspect)")."""
    opened = max(sentence.rfind("(", 0, pos), sentence.rfind("[", 0, pos))
    if opened > max(sentence.rfind(")", 0, pos), sentence.rfind("]", 0, pos)):
        head = [stock for start, stock in before if start < opened]
        if head:
            return head[-1]
    # "where more than 950 people were infected and 412 died": the count it is coordinated with
    last_start, last_stock = before[-1]
    if rx.fullmatch(
        r"(?:[^,;:()]|(?<=\d),(?=\d)){1,60}\band\s+", sentence[last_start:pos], re.IGNORECASE
    ) and not rx.search(r"\b(?:while|but|whereas)\b", sentence[last_start:pos], re.IGNORECASE):
        return last_stock
    return before[0][1]


def in_brackets_of_flow(sentence: str, pos: int, before: list[tuple[int, bool]]) -> bool:
    """Whether ``pos`` lies in brackets opened after a count of a flow, the last count said
    before them ((start, stock) in the sentence): "212 additional cases, including 5 deaths
    (12 cases in Chile, 150 in Brazil)" lists parts of the new cases."""
    opened = max(sentence.rfind("(", 0, pos), sentence.rfind("[", 0, pos))
    if opened < 0 or opened < max(sentence.rfind(")", 0, pos), sentence.rfind("]", 0, pos)):
        return False
    head = [stock for start, stock in before if start < opened]
    return bool(head) and head[-1] is False


def relative_start(sentence: str, clause_start: int, pos: int) -> int:
    """Where the relative clause holding ``pos`` begins (", where more than 950 people were
    infected"), else ``clause_start``: a date before it belongs to another verb."""
    rel = [
        m.end() for m in rx.finditer(r",\s*(?:where|which|who|whom)\b", sentence[clause_start:pos])
    ]
    return clause_start + rel[-1] if rel else clause_start


def all_of(sentence: str, start: int) -> bool:
    """'All 45 samples', 'all the 4,341 people': a definite count that may be new to the text."""
    return (
        rx.search(r"\ball\s+(?:of\s+)?(?:the\s+)?$", sentence[max(0, start - 12) : start], re.I)
        is not None
    )


_LEAD = rx.compile(
    r"^\W*(?:of|among)\s+(?:the|these|those|all\s+the)\s+(?P<w>(?:[\w-]+\s+){0,3}?)"
    r"(?P<noun>deaths|fatalities|recoveries|recovered|discharged|cases|infections|carriers)"
    # "Of the total confirmed cases recorded, 1242 were from ..."
    r"(?:\s+(?:recorded|reported|registered|confirmed|notified|so\s+far|to\s+date))?\s*,?\s*$"
    # "The community cases include 17 in Hai Duong": the same lead before a verb of parts
    r"|^\W*(?:the|these|those)\s+(?P<w2>(?:[\w-]+\s+){0,3}?)(?P<noun2>cases|infections)\s+"
    r"(?:include[sd]?|comprise[sd]?|consist(?:s|ed)?\s+of)\s+$",
    re.IGNORECASE,
)


#: "..., while asymptomatic carriers were discovered in Guangzhou (5)": the clause names the
#: kind of the counts in brackets after its places
_ASYM_CLAUSE = rx.compile(
    r"(?:^|[;.]|\bwhile\b|\bwhereas\b|\bbut\b|,\s*and\b)\s*(?:the\s+|all\s+(?:the\s+)?)?"
    r"(?:new\s+)?(?:(?:imported|local|new)\s+)*asymptomatic\s+(?:[\w-]+\s+)?(?:carriers|infections|"
    r"cases|patients)\s+(?:were|was|are)\s+(?:all\s+)?(?:discovered|found|detected|reported|"
    r"identified|located|distributed)\s+(?:in|at|across|from)\b[^;.\d]*$",
    re.IGNORECASE,
)
_TO_ASYM = {
    "imported_new": "asymptomatic_imported_new",
    "local_new": "asymptomatic_local_new",
    "confirmed_new": "asymptomatic_new",
    "confirmed_cumulative": "asymptomatic_cumulative",
}


def lead_category(before: str, category: str, records: list[Record]) -> str:
    """'Of the total deaths, 150 were from Dhaka': the part is of the family the lead names
    (the last such count said, else a total or a flow as the lead's words say); '...,
    while asymptomatic carriers were found in Foshan (5)': asymptomatic ones."""
    if category in _TO_ASYM and _ASYM_CLAUSE.search(before[-160:]):
        return _TO_ASYM[category]
    m = _LEAD.match(before)
    if m is None:
        return category
    noun = (m.group("noun") or m.group("noun2")).lower()
    words = (m.group("w") or m.group("w2") or "").lower()
    if noun in ("cases", "infections") and category == "active":
        return category  # "Of the confirmed cases, 83,109 are active": the still ill of them
    if noun == "carriers":
        words += " asymptomatic"  # "Among the carriers, two were found in Dalian"
    if noun in ("cases", "infections", "carriers"):
        return _lead_cases(words, category, records)
    family = "deaths" if noun in ("deaths", "fatalities") else "recovered"
    if category.startswith(family):
        return category
    said = [r.category for r in records if r.category.startswith(family)]
    if said:
        return said[-1]
    total = rx.search(r"\b(?:total|cumulative)\b", words, re.IGNORECASE) is not None
    return f"{family}_cumulative" if total else f"{family}_new"


def family_head(records: list[Record], deaths: bool, noun: str) -> Record | None:
    """The last count said of the family 'of the new cases' / 'of the deaths' names (a flow
    when the words say 'new', a total when they say 'total')."""
    flow = rx.search(r"\b(?:new|additional|latest)\b", noun, re.IGNORECASE) is not None
    total = rx.search(r"\b(?:total|cumulative)\b", noun, re.IGNORECASE) is not None
    for r in reversed(records):
        is_deaths = r.category.startswith("deaths")
        cases = r.category in ("confirmed_new", "local_new", "imported_new", "confirmed_cumulative")
        if (deaths and not is_deaths) or (not deaths and not cases):
            continue
        if (flow and r.stock) or (total and not r.stock):
            continue
        return r
    return None


_OPENS_WITH_TOTAL = rx.compile(
    r"^\W*(?:so\s+far|to\s+date|thus\s+far|in\s+total|overall|altogether|cumulatively|"
    r"since\s+the\s+(?:start|beginning|onset)\s+of\s+the\s+(?:outbreak|epidemic|pandemic))\b"
    r"(?:\s+this\s+year)?\s*,",
    re.IGNORECASE,
)


#: "• Cumulative: 45,210 cases, 1,023 deaths": a line labelled as totals
_TOTAL_LABEL = rx.compile(
    r"^\W*(?:cumulative(?:ly)?|totals?|overall|to\s+date|in\s+total)(?:\s+[\w-]+){0,2}\s*:",
    re.IGNORECASE,
)


#: "In the last 48 hours, there were 52 suspected cases": a sentence of a short period's counts
_LAST_HOURS = rx.compile(
    r"^\W*(?:(?:in|over|during|within)\s+the\s+(?:last|past|previous|preceding)\s+"
    r"(?:\d{1,3}|\w+)\s+(?:hours|days)|(?:in|during)\s+(?:the\s+)?(?:epidemiological\s+|epi\s+)?"
    r"week\s+\d{1,2}|"
    # "In the reporting week, 15 states reported 1,825 suspected cases"
    r"(?:in|during|over)\s+the\s+(?:reporting|reported|current|latest|past|last)\s+"
    r"(?:epidemiological\s+|epi\s+)?week)\b",
    re.IGNORECASE,
)


#: "60,430 confirmed", "1,115 deaths.": a line of a number and a status word, a tweet's or a
#: table's running total (a list under a heading of new counts takes the heading's flow)
_BARE_STATUS_LINE = rx.compile(
    r"^\s*\d{1,3}(?:[, ]\d{3})*\s+(?:confirmed|discharged|recovered|recoveries|deaths?|"
    r"dead|active)\s*[.;,”\"]*\s*$",
    re.IGNORECASE,
)


#: a table's legend "Total (new cases in last 24 hours)", "cumulative (new)": each figure is a
#: total, the bare number in brackets after it that day's new count (WHO situation reports)
_TOTAL_NEW_LEGEND = rx.compile(
    r"\b(?:total|cumulative)(?:\s+(?:cases|number|count|figures?))?\s*\(\s*new\b", re.IGNORECASE
)


def total_new_legend(sentence: str) -> bool:
    """Whether the sentence carries a legend 'Total (new ...)' that types its figures: outside
    brackets totals, in bare brackets the new counts (the WHO situation-report table)."""
    return _TOTAL_NEW_LEGEND.search(sentence) is not None


def sentence_stock(sentence: str, last_head: Record | None) -> bool | None:
    """Flow or stock that a whole sentence says: 'So far, ...' opens a sentence of totals; a
    breakdown sentence that refers back takes the count it breaks down; a bare line
    '1,115 deaths' is a running total."""
    if (
        _OPENS_WITH_TOTAL.match(sentence)
        or _TOTAL_LABEL.match(sentence)
        or _BARE_STATUS_LINE.match(sentence)
    ):
        return True
    if _LAST_HOURS.match(sentence):
        return False
    if last_head is not None and refers_back(sentence):
        return last_head.stock
    return None


_CASE_CATS = (
    "confirmed_new",
    "local_new",
    "imported_new",
    "confirmed_cumulative",
    "imported_cumulative",
)


def _lead_cases(words: str, category: str, records: list[Record]) -> str:
    """'Of the imported cases, four were reported in Shanghai': a part of the last count of
    cases of that kind (not of the asymptomatic or death count said just before)."""
    kind = (
        "imported"
        if "import" in words
        else ("local" if rx.search(r"local|domestic|community", words) else "")
    )
    if "asymptomatic" in words and (
        category in _CASE_CATS or category in _TO_ASYM.values() or category == "reclassified"
    ):
        # "Of the new asymptomatic cases, five were reported in Tonghua": a part of the last
        # asymptomatic count, not of the confirmed one said first (a released or recovered
        # part keeps its own kind)
        for r in reversed(records):
            if (
                r.category.startswith("asymptomatic")
                and r.category in _TO_ASYM.values()
                and r.value > 0
                and (not kind or kind in r.category)
            ):
                return r.category
        return _TO_ASYM.get(category, category)
    if category in _CASE_CATS and (not kind or kind in category):
        return category
    for r in reversed(records):
        if r.category in _CASE_CATS and r.value > 0 and (not kind or kind in r.category):
            return r.category
    return category


def leads_parts(sentence: str, start: int, end: int) -> bool:
    """'Of these 162 cases, 57 were female': a count named again at the head of a sentence to
    lead into its parts."""
    return bool(
        rx.match(
            # ("Among 33 locally-transmitted cases, six were ...": without an article too)
            r"\W*(?:of|among)\s+(?:(?:the|these|those|all\s+(?:the|these))\s+)?$",
            sentence[:start],
            re.IGNORECASE,
        )
        and rx.match(
            # ("Among the 45 patients currently in hospital in Hanoi, 6 are ...": words after
            # the noun up to the comma)
            r"\s*(?:[\w-]+\s+){0,4}?(?:cases|deaths|patients|infections|contacts|fatalities)"
            # (not "the 295 cases with known age and sex": a subset by what is known of them)
            # ("Among the 57 new deaths reported in Mexico on Wednesday, Jalisco had 21")
            r"(?:\s+(?:currently|still|now|in|at|under|admitted|hospitali[sz]ed|reported|recorded|"
            r"confirmed|registered|announced|notified)\b[^,.;:()\d]{0,50}?)?\s*,",
            sentence[end:],
            re.IGNORECASE,
        )
    )


def _depth(sentence: str, pos: int) -> int:
    head = sentence[:pos]
    return head.count("(") + head.count("（") - head.count(")") - head.count("）")


def same_level(parent: Any, items: list[Any], sentence: str, pos: int) -> Any:
    """The head a list item outside brackets belongs to is outside them too: in "141 cases
    (including 55 deaths) have been reported: 142 confirmed and 22 probable" the items are
    of the 141 cases, not of the 55 deaths."""
    if parent is None or parent.num.end <= 0:
        return parent
    level = _depth(sentence, pos)
    if _depth(sentence, parent.num.start) <= level:
        return parent
    outer = [
        it
        for it in items
        if it.record is not None
        and it.parent is None
        and 0 < it.num.end <= pos
        and _depth(sentence, it.num.start) <= level
    ]
    return outer[-1] if outer else parent


def past_deaths_part(parent: Any, items: list[Any], sentence: str, pos: int) -> Any:
    """The items of a list after a count of cases that names its deaths as a part ('278
    suspected cases, including 8 deaths, were reported from four districts: A (113), B (55)')
    are of the cases, not of the deaths; not the deaths' own brackets ('12 deaths (10
    confirmed and 2 probable)')."""
    if (
        parent is None
        or parent.num.end <= 0
        or not (parent.category or "").startswith("deaths")
        or not deaths_part_of_cases(sentence, parent.num.start, parent.num.end, pos)
    ):
        return parent
    cases = [
        it
        for it in items
        if it.record is not None
        and it.parent is None
        and 0 < it.num.end <= parent.num.start
        and it.category is not None
        and not it.category.startswith("deaths")
    ]
    return cases[-1] if cases else parent


def shares_release(sentence: str, end: int, later: list[Any]) -> bool:
    """'290 patients and 4,004 asymptomatic infections were discharged': the verb after the
    next noun phrase of the list is this count's too (a count of people who left care)."""
    nb = next((o for o in later if o.start >= end), None)
    if nb is None or not rx.fullmatch(
        r"\s*(?:patients|people|persons|cases)\s+and\s+", sentence[end : nb.start], re.IGNORECASE
    ):
        return False
    return (
        rx.match(
            r"\s*(?:[\w-]+\s+){0,3}?(?:(?:were|was|have\s+been|had\s+been)\s+(?:discharged|cured|"
            r"released\s+from\s+hospitals?)|(?:have\s+|had\s+)?recovered)\b",
            sentence[nb.end : nb.end + 80],
            re.IGNORECASE,
        )
        is not None
    )


_BULLET = rx.compile(r"^\s*(?:[-•*·–—●▪■◦‣]|\d{1,2}[.)])\s")
#: "As of 29 January 2020, there have been 4,593 confirmed cases ...": a sentence of totals
#: that the bullets after it go on with
_AS_OF_LEAD = rx.compile(r"^\W*as\s+(?:of|at)\b[^,;]{3,40},", re.IGNORECASE)
_HEADING_STOCK = rx.compile(
    # ("Current summary for Edo State:", "Epidemiological situation in Oyo:": a state)
    r"\b(?:as\s+(?:of|at)|so\s+far|to\s+date|total|cumulative(?:ly)?|since|current|summary|"
    r"situation|"
    r"(?:have|has)\s+been\s+(?:recorded|reported|confirmed|registered))\b",
    re.IGNORECASE,
)
_HEADING_FLOW = rx.compile(
    r"\b(?:new|newly|additional|daily|(?:last|past|previous)\s+(?:24|48|72)|today|yesterday)\b",
    re.IGNORECASE,
)

_AS_FOLLOWS = rx.compile(r"\bas\s+follows\s*:", re.IGNORECASE)


def is_bullet(sentence: str) -> bool:
    """Whether the sentence is an item of a bulleted or numbered list."""
    return _BULLET.match(sentence) is not None


#: a finite verb or a flow word: a bullet that has one says more than a place's figure
_ITEM_VERB = rx.compile(
    r"\b(?:were|was|has|have|had|reported|recorded|registered|announced|detected|identified|"
    r"died|recovered|rose|fell|increased|added|new|newly|additional|daily|today|yesterday)\b",
    re.IGNORECASE,
)


#: "• Guyana, 16", "- Antigua and Barbuda: 4", "* St Kitts and Nevis – 31": a bullet that opens
#: with a name and its figure
_NAMED_ITEM = rx.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:and\s+|of\s+|the\s+|&\s+)?[A-Z][\w'’.-]*){0,4}\s*[,:–—-]\s*"
    r"(?:\d|one\b)"
)


def place_figure_item(sentence: str) -> bool:
    """'• Guyana, 16 confirmed cases.', '- Aruba: 2 cases': a bullet that opens with a name
    and gives its figures, no verb and no flow word, as a table's row does: the place's count
    so far."""
    bullet = _BULLET.match(sentence)
    return (
        bullet is not None
        and _NAMED_ITEM.match(sentence, bullet.end()) is not None
        and _ITEM_VERB.search(sentence) is None
    )


#: a line of named numbers and nothing else: "Kenema: 1, Kono: 4", "Bo 297; Western Area
#: Urban 1,526", "- Lagos (64), Kano (12) and Oyo (3)"
_NAMED_NUMBER = (
    r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.-]*){0,4}"
    r"\s*(?:[:=–-]\s*|\s)\(?\d[\d,]*\)?"
)
_ITEM_LINE = rx.compile(
    rf"\W*{_NAMED_NUMBER}(?:\s*(?:[,;]|\band\b|,\s*and\b)\s*{_NAMED_NUMBER})*\s*[.;,]?\s*"
)


def item_line(sentence: str) -> bool:
    """Whether the sentence is only a list of place names with their numbers ('Kenema: 1,
    Kono: 4'), a line of the breakdown whose head count a line ending with a colon said
    ('New confirmed cases: 46 as follows:')."""
    return _ITEM_LINE.fullmatch(sentence) is not None


_ITEM_NAME = rx.compile(
    r"(?P<n>[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.-]*){0,4})\s*(?:[:=–-]\s*|\s)\(?$"
)


def item_name(sentence: str, start: int) -> str | None:
    """The name an item of a line of named numbers gives its number at ``start`` ('Kono' of
    'Kenema: 1, Kono: 4'), None where it names a count ('Deaths: 4')."""
    m = _ITEM_NAME.search(sentence, max(0, start - 60), start)
    if m is None or _COUNT_WORD.search(m.group("n")):
        return None
    return m.group("n")


def list_heading_stock(sentence: str, current: bool | None) -> bool | None:
    """Flow or stock that the heading of a list says for its items: 'The following confirmed
    cases have been recorded in each province as of 5 August:' is of totals, 'New cases by
    district:' of flows; a bullet keeps the heading's, any other sentence ends the list."""
    # ("• ... the current epi summary is as follows: o 169 suspected cases": a bullet that
    # heads the list after it)
    follows = _AS_FOLLOWS.search(sentence) if ":" in sentence else None
    if is_bullet(sentence) and follows is None:
        return current
    if _AS_OF_LEAD.match(sentence) and not _HEADING_FLOW.search(sentence):
        return True
    if not sentence.rstrip().endswith(":"):
        # "the current epidemiological summary is as follows: 169 suspected cases", the list's
        # first item on the heading's line
        if follows is None:
            return None
        sentence = sentence[: follows.end()]
    if _HEADING_FLOW.search(sentence):
        return False
    return True if _HEADING_STOCK.search(sentence) else None


def colon_lead(sentence: str, pos: int) -> tuple[bool | None, bool]:
    """(stock, imported) that the clause before a colon says for the list after it: 'three
    countries have reported cases exported from Angola: China (11 cases), ...' is of totals
    of imported cases; (None, False) without such a clause."""
    colon = sentence.rfind(":", 0, pos)
    if colon < 0 or _depth(sentence, colon) > 0 or _depth(sentence, pos) > 1:
        return None, False
    lead = sentence[:colon]
    stock = (
        True
        if rx.search(
            r"\b(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:reported|recorded|registered|"
            r"confirmed|detected)\b",
            lead,
            re.IGNORECASE,
        )
        and not rx.search(r"\b(?:new|newly|additional|daily|today|yesterday)\b", lead, re.I)
        else None
    )
    exported = rx.search(r"\b(?:exported|imported)\s+from\b", lead, re.IGNORECASE) is not None
    return stock, exported


def total_cue_before(sentence: str, pos: int) -> bool:
    """Whether a running total is announced before ``pos`` ('bringing the cumulative total
    to'): past it, a sentence of a period's counts states totals."""
    return (
        rx.search(
            r"\b(?:bringing|taking|raising|pushing|cumulative(?:ly)?|in\s+total|so\s+far|to\s+date)\b",
            sentence[:pos],
            re.IGNORECASE,
        )
        is not None
    )


def deaths_part_of_cases(sentence: str, deaths_start: int, deaths_end: int, start: int) -> bool:
    """Whether the deaths count at ``deaths_start`` is itself a part of a count of cases
    ('four cases including three deaths'): the classes listed later ('... from Boukoumbe (one
    confirmed and one suspected)', at ``start``) are then of the cases; not those in the
    deaths' own brackets ('12 deaths (10 confirmed and 2 probable)')."""
    if rx.match(r"\s*(?:[\w-]+\s*){0,2}[(:]\s*[^()]*$", sentence[deaths_end:start]):
        return False
    return (
        rx.search(
            r"\b(?:cases?|infections?)\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:including|with|of\s+which|"
            r"of\s+whom|among\s+them)\s+(?:at\s+least\s+)?$",
            sentence[max(0, deaths_start - 80) : deaths_start],
            re.IGNORECASE,
        )
        is not None
    )


#: "2346 cases in Changchun City,": a number whose noun is bare 'cases' and a place at most
_BARE_CASES = rx.compile(
    # "of whom 266 were imported cases": the kind of a part is said by the inherited word
    r"(?:\s+(?:were|was|are|is))?(?:\s+(?:imported|local|locally\s+transmitted|domestic))?"
    r"\s+cases?(?:\s+(?:in|from|at)\s+[^,;.()\d]{1,40}?)?\s*(?:[,;.)(]|\band\b|$)",
    re.IGNORECASE,
)
#: what leads from a head count into its items
_ITEMS_LEAD = rx.compile(
    r"\b(?:including|includ(?:es|ed)|of\s+(?:which|whom)|among\s+(?:them|which|whom)|namely)\b|:"
)
#: heads whose items are not written 'N cases': deaths, tests and contacts have their own nouns
_OWN_NOUN_HEADS = rx.compile(r"^(?:confirmed_|deaths|tested|contacts|under_observation)")


_SEMI_ITEM = rx.compile(
    r"\s*(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"cases?\s+(?:in|from|at)\b|\s*$",
    re.IGNORECASE,
)


def bare_item(sentence: str, head: Any, start: int, end: int) -> bool:
    """'2,742 new local asymptomatic infections, including 2,346 cases in Changchun, 393 cases
    in Jilin': a number whose only noun is 'cases' that follows its head count's lead word
    ('including', 'of which', a colon) is an item of that count, of its kind."""
    root = head
    while root is not None and root.parent is not None:
        root = root.parent  # "including 2346 local cases in A and 393 imported cases"
    return (
        head is not None
        and root is not None
        and root.num.end > 0
        and head.category is not None
        and not _OWN_NOUN_HEADS.match(head.category)
        and _BARE_CASES.match(sentence, end) is not None
        and (
            _ITEMS_LEAD.search(sentence, root.num.end, start) is not None
            # "8 asymptomatic infections (3 cases in A, 2 cases in B)": a bracket opened
            # after the head and still open holds its items
            or _depth(sentence, start) > _depth(sentence, root.num.end)
        )
        and (
            ";" not in sentence[root.num.end : start]
            # "including 2 cases in A; 20 cases in B, including 7 ...": the list goes on past
            # a semicolon that opens another item
            or all(_SEMI_ITEM.match(seg) for seg in sentence[root.num.end : start].split(";")[1:])
            # ("; 20 cases in B": a semicolon between items of the same breakdown)
            or casewords.items_past_semicolons(sentence, root.num.end, start)
        )
    )


#: a noun phrase of counts without a number of its own: "New cases emerged from", "the
#: highest number of new cases"
_HEAD_NP = rx.compile(
    r"\b(?:(?:new|additional|fresh|further|confirmed|suspected|probable|local|imported)\s+)*"
    # ("high case counts: Italy (260), France (181)": counts of cases)
    r"(?:cases|deaths|fatalities|(?P<of>case|death)\s+(?:counts|numbers|totals|tallies))\b",
    re.IGNORECASE,
)
#: "Odesa region (166)": a place named with its unit word after it
_NAME_UNIT = rx.compile(
    r"[A-Z][\w'’.-]*\s+(?:region|province|district|county|state|oblast|governorate|"
    r"prefecture|city|municipality|department|zone)$"
)
_NUMBER_BEFORE = rx.compile(
    r"(?:\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|hundreds?|thousands?))\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: counts of units, not of people, inside the lead of a list ("emerged from 5 Counties")
_UNIT_COUNT = rx.compile(
    r"\d+\s+(?:[\w-]+\s+)?(?:regions|counties|districts|provinces|states|countries|areas|"
    r"zones|cities|municipalities|departments|prefectures|territories)\b",
    re.IGNORECASE,
)


_PLACE_VERBING = rx.compile(
    r"(?P<w>[A-Z][\w'’.-]*)\s+(?:logging|reporting|recording|registering|posting|adding|"
    r"confirming|counting|seeing)\s+$"
)


def list_head_np(sentence: str, start: int, end: int) -> str | None:
    """'New cases emerged from 5 counties, namely Garissa (47), Turkana (12)', 'the highest
    number of new cases (278)': a bare number in brackets after a name (or after the noun
    phrase itself) counts the sentence's noun phrase that has no number of its own."""
    if rx.match(r"\s*\)", sentence[end:]):
        label = rx.search(r"(?P<w>[\w'’.-]+)\s*\(\s*$", sentence[:start])
    elif rx.match(r"\s*(?:each\b|[,;.]|and\b|$)", sentence[end:]):
        # "Case totals were high elsewhere, with Hyogo logging 314 and Nara reporting 96": a
        # place and its verb before each bare number
        label = _PLACE_VERBING.search(sentence, 0, start)
    else:
        return None
    if label is None:
        return None
    heads = [
        m
        for m in _HEAD_NP.finditer(sentence, 0, label.start() + len(label.group("w")))
        if m.group(0).strip()
    ]
    # the items' own brackets ("Dodoma (137 cases and 2 deaths), Rukwa (33)") name no head
    heads = [m for m in heads if _depth(sentence, m.start()) == 0]
    if not heads:
        return None
    m = heads[-1]
    if _NUMBER_BEFORE.search(sentence[: m.start()]):
        return None  # "79 new cases (...), including: Katwa (46)": items of that count
    own = m.end() == label.end("w")  # "new cases (278)": the noun phrase's own number
    if (
        not own
        and not label.group("w")[:1].isupper()
        and not _NAME_UNIT.search(sentence, 0, label.end("w"))
    ):
        return None  # "New cases include a man (45)": an age, not a place's count
    between = _UNIT_COUNT.sub(" ", sentence[m.end() : label.start()])
    between = rx.sub(r"\([^()]*\)", " ", between)
    if rx.search(r"\d", between):
        return None
    if m.group("of"):
        return "cases" if m.group("of").lower() == "case" else "deaths"
    return m.group(0)


def head_origin(sentence: str, head: Any, start: int, t: Typing) -> None:
    """'40 new local infections, of which 32 confirmed cases and 8 asymptomatic': a part led
    from its head ('of which', 'including') that names no origin of its own is local or
    imported as its head is."""
    if head is None or t.local or t.imported:
        return
    if head.num.end == 0 and (
        rx.match(
            r"\s*(?:[\w-]+\s+)?of\s+(?:the|these|those)\s+(?:new\s+)?(?:confirmed\s+)?(?:cases|infections)\b",
            sentence[start:],
            re.IGNORECASE,
        )
        # "... 6 new local cases. Among them, 2 cases were found in Maguan"
        or rx.match(r"\W*(?:among|of)\s+(?:them|these|those)\b", sentence, re.IGNORECASE)
    ):
        # "... five new local cases. Three of the new confirmed cases were in Dalian": a part of
        # the count said before is of its origin
        category = head.category or ""
        t.local, t.imported = "local" in category, "imported" in category
        return
    if head.num.end == 0 or head.num.end > start:
        return
    if not (head.typing.local or head.typing.imported):
        return
    if (
        _ITEMS_LEAD.search(sentence, head.num.end, start) is None
        and not (
            # "..., of which 20 confirmed cases and 5 asymptomatic": the next part of that head
            head.typing.origin_of_head
            # (its own items in brackets between: "20 confirmed cases (12 in A, 8 in B), 5 ...")
            and rx.fullmatch(
                r"[^\d()]{0,60}?(?:,|\band\b)\s*",
                rx.sub(r"\([^()]*\)", " ", sentence[head.num.end : start]),
            )
        )
    ):
        return
    t.local, t.imported = head.typing.local, head.typing.imported
    t.origin_of_head = True


def also_current(sentence: str, start: int, last_head: Record | None, t: Typing) -> None:
    """'By Friday, there were 194 confirmed cases in hospitals. There were also 21 asymptomatic
    cases.': an 'also' count of the existing cases said just before is existing too."""
    if (
        last_head is not None
        and last_head.category in ("active", "asymptomatic_active")
        and t.stock is not False
        and rx.match(r"\W*there\s+(?:were|are)\s+also\s+$", sentence[:start], re.IGNORECASE)
    ):
        t.active = True


#: "Of the deaths, 34 were in the province of Hubei": parts of the deaths said before
_OF_THE_DEATHS = rx.compile(
    r"\W*(?:of|among)\s+(?:the|these|those)\s+(?:deaths|fatalities)\s*,", re.IGNORECASE
)


def day_deaths_whole(
    sentence: str, head: Record | None, records: list[Record], value: int
) -> Record | None:
    """The day's deaths that 'Of the deaths, 34 were in Hubei' breaks down where the running
    toll was said after them ('The death toll of 35 was ... . The tally of deaths is now 2,870.
    Of the deaths, 34 were in Hubei'): a news wire's breakdown by place is of the day's deaths
    when they were said just before the toll and the part fits in them; None otherwise."""
    if head is None or head.category != "deaths_cumulative" or not _OF_THE_DEATHS.match(sentence):
        return None
    for r in reversed(records[-8:]):
        if r is head or r.start >= head.start:
            continue
        if head.start - r.start > 400:
            return None
        if r.category == "deaths_new" and r.value >= value > 0 and r.date == head.date:
            return r
    return None
