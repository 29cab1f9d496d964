"""Wording that makes a count a stock where no period and no word of a total is said: what a
place or a group 'has' ('the cluster has 213 confirmed cases', 'Lagos now has 4,100 cases'),
a ranking of the places most affected ('Nigeria is the most affected country, reporting
275 confirmed cases'), which compares totals, and places together in the present tense ('four
other countries report 12 cases'). A day named after the count ('has 30 cases on
Monday') keeps it that day's."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.cues import count_day_after

_HEDGE = r"(?:(?:about|around|over|more\s+than|nearly|almost|some|at\s+least)\s+)?"
#: "the cluster has", "the country now has": possession, not "has reported" (a verb of its own)
_HAS = rx.compile(
    # "Xinjiang had 95 confirmed cases" (a report's past tense): what it held then
    # "the outbreak now counts 28 confirmed cases": what it counts, as what it has
    r"(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)\b(?:has|have|had|(?<=\bnow\s)counts|counts\s+now)\s+"
    r"(?:now\s+|so\s+far\s+|already\s+)?" + _HEDGE + r"$",
    re.IGNORECASE,
)
#: "the most affected country, reporting", "hardest hit, with"
_RANKED = rx.compile(
    r"\b(?:most|worst|hardest|badly|severely|heavily)[-\s](?:affected|hit)\b[^.;]{0,40}?,?\s*"
    r"(?:with|reporting|having|recording|registering|accounting\s+for)\s+" + _HEDGE + r"$"
    # "Chiapas leads ..., while Oaxaca and Guerrero follow with 196 and 137 cases": the places
    # after the first of a ranking
    r"|\b(?:follow(?:s|ed)?|come\s+next|comes\s+next|trail(?:s|ed)?|leads?|led|tops?|topped)\s*,?\s+with\s+"
    + _HEDGE
    + r"$",
    re.IGNORECASE,
)

#: "The most affected countries after China are: South Korea (6,284 cases, 42 deaths), Italy
#: (3,858 cases, ...)": the places of a ranking of the most affected, each with its counts in
#: brackets, are ranked by their totals
_RANKED_LIST = rx.compile(
    r"\b(?:most|worst|hardest|badly|severely|heavily)[-\s](?:affected|hit)\b[^.;:()\d]{0,60}?"
    r"\b(?:are|were|include[sd]?)\s*:?\s+(?:[^.;()]{1,40}\([^()]*\),?\s+(?:and\s+)?)*"
    r"[^.;()\d]{1,40}\(\s*(?:[\d,.]+\s+[a-z]+\s*(?:,|and)\s*)?" + _HEDGE + r"$",
    re.IGNORECASE,
)

#: "Four other countries (Benin, Guinea, Liberia and Togo) report 12 confirmed cases": places
#: together, in the present tense, state what they count so far
_PLACES_REPORT = rx.compile(
    r"\b(?:countries|nations|states|provinces|districts|regions|counties|territories)\b"
    r"(?:\s*\([^()]{0,80}\))?\s+(?:(?:now|currently|together|also|jointly)\s+)?"
    r"(?:report|record|have|count|account\s+for)\s+" + _HEDGE + r"$",
    re.IGNORECASE,
)


#: "With 1,450 confirmed cases, Senegal is the most affected": a sentence led by what its
#: subject has (the subject and its verb after the comma), a state, not a day's count
_WITH_LEAD = rx.compile(r"(?:^|[.;:]\s+)With\s+" + _HEDGE + r"$", re.IGNORECASE)
_WITH_LEAD_SUBJECT = rx.compile(
    r"[^,;.]{0,60},\s*(?:[\w'’.-]+\s+){1,5}?(?:is|are|was|were|remains?|remained|ranks?|ranked|"
    r"leads?|led|has|had|tops?|topped)\b(?!\s+(?:reported|recorded|confirmed|registered)\b)",
    re.IGNORECASE,
)

#: "Wuhan, the epicentre of the outbreak with 50,000 cases, reported ...": what the subject
#: has, said in an apposition to it (set off by commas after the subject that opens the
#: sentence), a state, not the count its verb reports
_APPOSITION_WITH = rx.compile(
    r"(?:^|[.;]\s+)[A-Z][^,;()]{0,40},\s*(?:the|an?|which|who)\b[^,;()\d]{0,80}?\bwith\s+"
    + _HEDGE
    + r"$"
)
#: "Hubei, which has 67,800 confirmed cases, reported ...": the same in a relative clause
_WHICH_HAS = rx.compile(
    r"(?:^|[.;]\s+)[A-Z][^,;()]{0,40},\s*which\s+(?:now\s+|still\s+)?(?:has|had)\s+" + _HEDGE + r"$"
)
#: "There have now been 98 deaths", "there have so far been 12 cases": the perfect of being
#: there counts what there is so far
_THERE_HAVE_BEEN = rx.compile(
    r"\bthere\s+(?:have|has)\s+(?:now\s+|so\s+far\s+|already\s+|thus\s+far\s+|to\s+date\s+)?"
    r"been\s+(?:a\s+total\s+of\s+)?" + _HEDGE + r"$",
    re.IGNORECASE,
)
#: "Barbados is now reporting 14 cases", "Trinidad and Tobago now recording 49 cases": the
#: present progressive with 'now' states what a place counts at present
_NOW_REPORTING = rx.compile(
    r"\bnow\s+(?:reporting|recording|registering|counting|confirming)\s+" + _HEDGE + r"$",
    re.IGNORECASE,
)
_APPOSITION_END = rx.compile(r"[^,;.()\d]{0,40},\s*(?:[\w-]+\s+){0,2}?[a-z]+(?:ed|s)\b")


def stock_by_wording(before: str, after: str) -> bool:
    """Whether the words before a count (``before``, its clause up to it) make it a stock:
    possession or a ranking of the most affected; ``after`` (the words after it) names no
    day or short period."""
    # "follow with 196 and 137 cases": the numbers listed before this one share its words
    before = rx.sub(r"(?:\d[\d,.]*\s*(?:,\s*and|,|and|or)\s+)+$", "", before)
    # (the 'with' patterns scan the whole clause: only where 'with' ends it)
    with_end = rx.has_any(before[-30:], ("with",))
    if _APPOSITION_END.match(after) and (
        (with_end and _APPOSITION_WITH.search(before)) or _WHICH_HAS.search(before)
    ):
        # An apposition ends at its comma: a day named after that ("..., reported 22 new cases
        # on Tuesday") is the main clause's, not the apposition's total's.
        return not count_day_after(after.split(",", 1)[0])
    if count_day_after(after[:90]):
        return False
    return bool(
        _HAS.search(before[-40:])
        or _THERE_HAVE_BEEN.search(before[-50:])
        or _NOW_REPORTING.search(before[-40:])
        or _RANKED.search(before[-90:])
        or (
            rx.has_any(before, ("affected", "hit"))
            and not rx.search(r"\bnew\b", before, re.IGNORECASE)
            and _RANKED_LIST.search(before) is not None
        )
        or _PLACES_REPORT.search(before[-140:])
        or (with_end and _WITH_LEAD_SUBJECT.match(after) and _WITH_LEAD.search(before))
    )


#: "three cases that had been reported as asymptomatic cases on Tuesday": the perfect tense
#: with a day named after its verb is that day's report, not a total so far
_REPORTED_ON_A_DAY = rx.compile(
    r"^[^.;]{0,100}?\b(?:had|have|has)\s+been\s+(?:(?:first|newly|officially)\s+)?"
    r"(?:reported|confirmed|detected|identified|diagnosed|recorded)\b"
    r"(?:\s+as\s+(?:[\w-]+\s+){0,3}?(?:cases?|infections?|carriers?))?"
    r"(?:\s+(?:in|at)\s+(?:[\w'’-]+\s+){1,3}?)?"
    r"\s+on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,2}\s+[A-Z][a-z]+|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b)",
    re.IGNORECASE,
)


def reported_on_a_day(after: str) -> bool:
    """Whether the words after a count report it in the perfect tense on a named day."""
    return _REPORTED_ON_A_DAY.match(after) is not None


#: "Of the 6,210 people infected in Cuba, 5,900 have recovered": a whole that opens the
#: sentence and whose part is said in the perfect or as a present state
_WHOLE_BEFORE = rx.compile(r"\b(?:of|among)\s+(?:the|these|those|all\s+the)\s+$", re.IGNORECASE)
_PART_SO_FAR = rx.compile(
    # (a digit inside a word, 'H7N9 patients', 'COVID-19 cases', is part of the noun phrase)
    r"(?:[^,;.\d]|\b[A-Za-z]+-?\d[\w-]*)"
    r"{0,80},\s*(?:\d[\d,]*|[a-z-]+)\s+(?:(?:have|has)\s+(?:now\s+|since\s+|so\s+far\s+|"
    r"already\s+)?(?:recovered|died|succumbed|passed\s+away|been\s+(?:discharged|cured|released))|"
    r"(?:are|remain)\s+(?:still\s+)?(?:in\s+hospital|hospitali[sz]ed|being\s+treated))\b",
    re.IGNORECASE,
)


def whole_of_parts_so_far(before: str, after: str) -> bool:
    """Whether a count is the whole of parts said so far ('Of the 6,210 people infected, 5,900
    have recovered'): the people infected until now, a total (CheckList probe construction
    'of-the-infected-recovered')."""
    return _WHOLE_BEFORE.search(before[-30:]) is not None and _PART_SO_FAR.match(after) is not None
