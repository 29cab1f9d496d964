"""Whether a typed number is a flow or a stock, and of what origin: the cue words of its own
noun phrase and predicate ('new', 'total', 'still being treated', 'so far'), those before it in
its clause ('bringing the total to', 'there remained'), and the period it names (a total of a
short period is a flow). Split out of ``categories.type_english``, which calls it once the
number's noun phrase (``mods``, ``pred``) is read."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import periods, predicates, rx, stocks
from flareup.ingest.bulletin.cues import (
    _ACTIVE_CUE,
    _DAY_AFTER,
    _FLOW_CUE,
    _IMPORTED,
    _LOCAL,
    _STOCK_CUE,
    count_day_after,
    part_on_a_day,
)
from flareup.ingest.bulletin.families import Typing

#: "there are 37 imported cases", "there were 5 local cases (all in A) and 185 local ...":
#: an existential clause, its first count or one coordinated with it
_THERE_ARE = rx.compile(
    r"\bthere\s+(?P<v>are|were)\s+(?:still\s+|now\s+)?"
    r"(?:[\d,]+\s+[^;.\d]{1,60}?(?:\([^()]*\))?\s*(?:,\s*(?:and\s+)?|\band\s+))?$",
    re.IGNORECASE,
)


#: Situation reports and outbreak news: counts without a flow word are the outbreak's totals
#: (moved here from ``extract``)
_OUTBREAK_REPORT = rx.compile(
    r"\bSituation\s+(?:Update|Report)|\bsituation\s+report|Disease\s+Outbreak\s+News|"
    r"\bnotified\s+WHO\b|\bsince\s+the\s+(?:beginning|start|onset)\s+of\s+the\s+"
    r"(?:outbreak|epidemic)|\bepidemiological\s+week",
    re.IGNORECASE,
)
#: words one of which ``_OUTBREAK_REPORT`` needs
_OUTBREAK_WORDS = ("situation", "disease", "notified", "since", "epidemiological")


def outbreak_report(text: str) -> bool:
    """Whether ``text`` is a situation report or outbreak news (its counts without a flow word
    are the outbreak's totals); its words are looked for first, as the pattern scanned the
    whole of every text."""
    return rx.has_any(text, _OUTBREAK_WORDS) and _OUTBREAK_REPORT.search(text) is not None


#: a count said to be new or of a day: "12 new cases", "another 3 deaths", "in the past 24
#: hours", "on Monday", "today"
_ANY_FLOW = rx.compile(
    r"(?:\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
    r"(?:more|new|newly|additional|fresh|further|daily)\b|"
    r"\b(?:another|a\s+further|an\s+additional)\s+(?:\d|one|two|three|four|five|six|seven|eight|"
    r"nine|ten)|\b(?:past|last|previous)\s+(?:24|48|72)\s+hours|\b(?:today|yesterday|overnight|"
    r"this\s+week|last\s+week|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|"
    r"\b(?:rose|risen|jumped|climbed|increased|up)\s+(?:by\s+)?\d|"
    # "in just 24 hours", "in the past week", "from 6 to 17 November": a count of a period
    r"\b(?:in|within|over|during)\s+(?:just\s+|only\s+|the\s+)?(?:(?:past|last|previous|same)\s+)?"
    r"(?:24|48|72|\d+\s+hours|week|month|fortnight|(?:seven|\d+)\s+days|period)\b|"
    r"\b(?:from|between)\s+\d{1,2}(?:\s+[A-Z][a-z]+)?\s+(?:to|and|-|–)\s+\d{1,2}\s+[A-Z][a-z]+|"
    r"\b(?:from|between)\s+[A-Z][a-z]+\s+\d{1,2}\s+(?:to|and|-|–)\s+(?:[A-Z][a-z]+\s+)?\d{1,2}\b",
    re.IGNORECASE,
)
#: a total said so far: "36 deaths from 176 cases recorded so far"
_SO_FAR_TOTAL = rx.compile(
    r"\b(?:so\s+far|to\s+date|thus\s+far|since\s+the\s+(?:start|beginning|onset)\s+of)\b",
    re.IGNORECASE,
)


def summary_report(text: str) -> bool:
    """Whether ``text`` sums up an outbreak so far: it says a total so far and no count in it
    is new or of a day ('36 deaths from 176 cases recorded so far in three regions ... Wenchi
    District recorded 49 cases with 10 deaths'); its counts without a flow word are then
    totals, as a situation report's are."""
    return _SO_FAR_TOTAL.search(text) is not None and _ANY_FLOW.search(text) is None


_NUM_WORD = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
#: ", all locally transmitted" after a count or a list of counts ("five cases and three
#: asymptomatic cases, all imported")
_ALL_OF_ORIGIN = rx.compile(
    r"(?:(?:[^.;,\d]|(?<=[A-Za-z\d-])\d)*?\band\s+"
    + _NUM_WORD
    + r"\s+(?:[^.;,\d]|(?<=[A-Za-z\d-])\d){1,60}?|"
    r"(?:[^.;,\d]|(?<=[A-Za-z\d-])\d){0,60}?)"
    r",\s*(?:all|both)\s+(?:of\s+(?:them|which|whom)\s+)?(?:were\s+|are\s+)?"
    r"(?P<k>locally[- ]transmitted|locally[- ]acquired|"
    r"local|domestic(?:ally[- ]transmitted)?|imported)\b",
    re.IGNORECASE,
)


#: the present perfect of an event ('have died', 'has recovered', 'have been discharged'): a
#: weak cue of a total, as a news report says a day's deaths too
_PERFECT_EVENT = rx.compile(
    r"^\s*(?:[^,;.()\d]{0,40}?\s)?(?:have|has)\s+(?:(?:successfully|fully)\s+)?(?:died|succumbed|"
    r"recovered|been\s+(?:discharged|released))\b",
    re.IGNORECASE,
)
#: a count said new before it in its sentence: "218 new cases were recorded, while ..."
_NEW_COUNT_BEFORE = rx.compile(
    r"\b(?:new|fresh|additional|more)\s+(?:[\w-]+\s+){0,3}?(?:cases|infections|deaths|"
    r"fatalities|recoveries|patients)\b",
    re.IGNORECASE,
)

#: a noun phrase of new counts in the sentence ("Of the 300 new cases, Lusaka accounts for
#: 120"): a share or a ranking of them is of new ones, not of totals
_NEW_NP = rx.compile(
    r"\b(?:new|fresh|additional|daily)\s+(?:[\w-]+\s+){0,2}?(?:cases|infections|deaths|"
    r"fatalities)\b",
    re.IGNORECASE,
)

#: the last day named ('... on Saturday, ...'), and any number before it
_DAY_BEFORE = rx.compile(
    r"\b(?:today|yesterday|overnight|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?!.*\b(?:today|"
    r"yesterday|overnight|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)",
    re.IGNORECASE,
)
_ANY_NUMBER = rx.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


def weak_perfect(sentence: str, start: int, end: int, pred: str) -> bool:
    """Whether the number at ``sentence[start:end]`` is a total only by its verb's present
    perfect ('7 patients have died') in a sentence that makes it the day's: a day named before
    it or in its clause ('today', 'on Monday'), or a count said new before it, and no word of a
    total anywhere in the sentence ('since', 'so far', 'toll', 'bringing')."""
    if _PERFECT_EVENT.match(pred) is None or periods.total_words(sentence):
        return False
    if rx.search(
        r"\b(?:bringing|taking|raising|pushing|of\s+(?:them|whom|which))\b", sentence, re.I
    ):
        return False
    before = sentence[:start]
    day = _DAY_BEFORE.search(before)
    # "With 28 cases discharged on Saturday, 57,562 people have recovered": a day named after
    # another count is that count's
    own_day = day is not None and not _ANY_NUMBER.search(before, 0, day.start())
    # "2,480 people have died in Liberia, up from 2,312 on Monday": a day said after a
    # comparison is the day of the figure compared with, not this count's
    later = sentence[end : end + 90]
    cmp = _COMPARED_AFTER.search(later)
    return bool(
        own_day
        or _NEW_COUNT_BEFORE.search(before)
        or count_day_after(later[: cmp.start()] if cmp else later)
    )


#: where a comparison starts after a count: ", up from", "compared with", "against"
_COMPARED_AFTER = rx.compile(
    r"\b(?:(?:up|down)\s+(?:slightly\s+|sharply\s+)?from|compared\s+(?:with|to)|against|versus|"
    r"(?:more|fewer|higher|lower)\s+than)\b",
    re.IGNORECASE,
)


#: a stock word followed by the number it belongs to and a word that starts what happened
#: next: "rose to 168 after ", "climbed to 62 following "
_CUE_OF_EARLIER = rx.compile(
    r"\b(?:to|at|reached|reaching|of)\s+\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?"
    r"(?:after|following|when|as)\s+(?:another\s+|a\s+further\s+)?$",
    re.IGNORECASE,
)


def flow_or_stock(
    sentence: str,
    start: int,
    end: int,
    stop: int,
    mods: str,
    pred: str,
    phrase: str,
    rest: str,
    after: str,
    before_near: str,
    np_m: re.Match[str] | None,
    t: Typing,
) -> None:
    """Set ``t.local``, ``t.imported``, ``t.own``, ``t.active`` and ``t.stock`` of the number
    at ``sentence[start:end]`` from its noun phrase and the words of its clause
    (``before_near``: the last 60 characters of its clause before it)."""
    t.local = bool(_LOCAL.search(mods)) or bool(
        rx.search(
            r"^\s*(?:(?:that|which|who)\s+)?(?:(?:were|are|was|being)\s+)?(?:all\s+)?(?:local|locally|"
            r"domestic(?:ally)?|(?:from|in)\s+the\s+community|(?:for|among)\s+locals\b|"
            # "9 were acquired locally": the origin said after the verb
            r"(?:acquired|transmitted|contracted|caught|infected)\s+(?:locally|domestically|"
            r"in\s+the\s+community)|"
            # "6,486 had contracted the virus through contact": infected by someone at home
            r"(?:had\s+|have\s+|has\s+)?(?:contracted|caught|acquired|got)\s+(?:the\s+)?(?:virus|"
            r"infection|disease)\s+(?:through|via|from)\s+(?:local\s+|close\s+)?contacts?\b)",
            pred,
            re.IGNORECASE,
        )
    )
    t.imported = bool(_IMPORTED.search(mods + " " + pred[:40]))
    post = _ALL_OF_ORIGIN.match(sentence, end, min(len(sentence), end + 200))
    if post is not None and np_m is not None and not (t.local or t.imported):
        # "five confirmed cases and three asymptomatic cases, all locally transmitted": the
        # apposition after the list says the origin of each count in it
        t.imported = post.group("k").lower() == "imported"
        t.local = not t.imported
    t.own = bool(np_m) or bool(mods.strip())
    flow_own = (
        bool(_FLOW_CUE.search(mods))
        or bool(rx.match(r"\s*(?:more|new|additional)\b", phrase, re.IGNORECASE))
        or bool(
            rx.match(
                r"\s*(?:(?:arriving|coming|returning)\s+from\s+[^,;]{1,40}?\s+)?"
                r"(?:(?:were|was|have\s+been|had\s+been)\s+)?newly\b",
                pred,
                re.IGNORECASE,
            )
        )
    )
    if rx.match(
        r"\s*(?:(?:people|persons|patients|cases|individuals)\s+)?being\s+(?:discharged|released)\b",
        phrase,
        re.IGNORECASE,
    ):
        flow_own = True  # "166,703 recovered, with 25 people being discharged": those going now
    further = rx.search(
        r"\b(?:another|a\s+further|an\s+additional)\s+$", before_near, re.IGNORECASE
    ) or rx.match(r"(?:another|a\s+further|an\s+additional)\b", sentence[start:end], re.I)
    # "A further 3 people have died": more of them, a flow; not "Urumqi had a total of 23
    # people discharged and another 22 ... dismissed"
    if further and not _STOCK_CUE.search(sentence[:start]):
        flow_own = True
    of_them = rx.match(r"\s+of\s+(?:whom|which|them)\b", after)
    if of_them is not None and part_on_a_day(after[of_them.end() : of_them.end() + 80]):
        flow_own = True  # "has sickened 56 people, one of whom died on Monday": that day's
    if rx.search(
        r"(?:,\s*|\s)(?:with|including)\s+$", sentence[max(0, start - 12) : start], re.IGNORECASE
    ) and part_on_a_day(after[:80]):
        # "Recoveries rose to 4,321, with 112 patients discharged on Tuesday": a part of a
        # total said of one day is that day's flow
        flow_own = True
    # "linked to five earlier confirmed cases": cases confirmed before, a total
    stock_mods = bool(_STOCK_CUE.search(mods)) or bool(
        rx.search(r"\b(?:earlier|previous(?:ly)?)\b", mods, re.IGNORECASE)
    )
    stock_own = stock_mods or bool(
        rx.search(
            r"\b(?:so\s+far|to\s+date|in\s+total|in\s+all|altogether|since\b|as\s+of|"
            r"(?<!who\s)(?<!that\s)(?<!which\s)(?<!they\s)(?<!where\s)had\s+(?:been|died|recovered|tested)|"
            r"cumulative(?:ly)?|"
            r"(?:have|has)\s+been\s+(?:reported|recorded|registered|notified|declared|discharged|released|infected|"
            r"sickened|affected|diagnosed|"
            r"confirmed\s+(?:so\s+far|in\s+total|to\s+date))|(?:have|has)\s+(?:(?:now|since|successfully|fully)\s+)?(?:died|recovered)|"
            r"(?:have|has)\s+(?:lost|won)\s+(?:the|their)\s+(?:[\w-]+\s+)?(?:battles?|fights?|lives)|"
            # "11,364 people in the country have contracted COVID-19": so far
            r"(?:have|has)\s+(?:(?:now|since|so\s+far|already)\s+)?(?:contracted|caught)\b)",
            pred[:50],
            re.IGNORECASE,
        )
    )
    if (
        not stock_own
        and not stock_mods
        and rx.match(
            r"[^,;.()]{0,110}?\b(?:were|was|had\s+been|have\s+been|has\s+been)\s+"
            r"(?:[\w-]+\s+){0,8}?as\s+(?:of|at)\s+(?:last\s+|this\s+)?"
            r"(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|"
            r"jul|aug|sep|oct|nov|dec)",
            rest,
            re.IGNORECASE,
        )
    ):
        # "More than 3,400 confirmed cases and one death were reported to the World Health
        # Organisation as of last Wednesday": the count as of a day, however long the
        # predicate before the 'as of'
        stock_own = True
    if not stock_own and stocks.whole_of_parts_so_far(sentence[:start], sentence[end : end + 140]):
        stock_own = True  # "Of the 6,210 people infected in Cuba, 5,900 have recovered"
    if not stock_own and rx.match(
        r"[^,;.()\d]{0,100}?\b(?:so\s+far|to\s+date|thus\s+far)\s*(?:[,;.)]|$)", rest
    ):
        # "13,480 individuals have lost their lives to the pandemic in Punjab so far": the
        # words that close the count's own clause, however long its predicate
        stock_own = True
    if (
        not stock_own
        and rx.match(
            r"\s*(?:[^,;.()\d]{0,50}?\s)?"  # "No cases ... with novel influenza A have been detected"
            r"(?:(?:have|has)\s+been\s+(?:(?:laboratory|lab)[- ])?(?:confirmed|detected|identified)"
            r"|(?:have|has)\s+(?:so\s+far\s+)?been\s+(?:found|diagnosed))\b",
            pred,
            re.IGNORECASE,
        )
        and not _DAY_AFTER.search(sentence[end : end + 120])
    ):
        # "Six cases have been laboratory confirmed", "No cases have been detected in the
        # U.S.": the count so far, unless a day is named ('... confirmed on Monday')
        stock_own = True
    if stock_own and not stock_mods and weak_perfect(sentence, start, end, pred):
        # "218 new cases were recorded, while 7 patients have died", "was informed today
        # that 9 patients have died": the day's, as the count beside it or the day says
        stock_own, flow_own = False, True
    active_own = (
        bool(_ACTIVE_CUE.search(mods))
        or predicates.says_active(pred)
        or bool(
            rx.search(
                r"^\s*(?:who\s+)?(?:are|were|remain(?:ed)?|is)?\s*(?:still|currently|actively\s+(?:suffering|ill|sick|infected))\b|^\s*in\s+care\b|\b(?:still|currently)\s+(?:being\s+)?(?:treated|hospitali|in\s+hospital|under\s+treatment)|\bremain(?:ed)?\s+(?:in\s+hospital|hospitali[sz]ed|under)|under\s+treatment|receiving\s+(?:medical\s+)?treatment|being\s+treated|undergoing\s+treatment|considered\s+(?:current|active)",
                pred[:50],
                re.IGNORECASE,
            )
        )
    )
    if rx.search(
        r"\b(?:still\s+)?remain(?:ed|s|ing)?\s+(?:at\s+)?$|\bstill\s+(?:has|have|had)\s+$",
        before_near,
        re.IGNORECASE,
    ) and not rx.search(r"\b(?:new|daily|fresh)\b", before_near[-40:], re.IGNORECASE):
        # "There still remained 382 confirmed cases"; not "new infections remained above 4,000"
        active_own = True
    if np_m and rx.search(
        r"\b(?:(?:are|is|were|was)\s+(?:still\s+)?)?(?:treating|caring\s+for)\s+(?:some\s+|about\s+)?$",
        before_near,
        re.IGNORECASE,
    ):
        active_own = True  # "Hospitals are treating 210 patients"
    if (
        active_own
        and rx.search(r"\bthe\s+remaining\s+$", before_near, re.IGNORECASE)
        # ("Two of the cases were in Shanghai, one in Anhui and the remaining four in
        # Jiangsu": items said in words too)
        and rx.search(
            r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
            sentence[:start],
            re.IGNORECASE,
        )
        and not rx.search(r"\b(?:still|currently|active)\b", phrase, re.IGNORECASE)
    ):
        # "31 suspected cases were from Luanda, the remaining 21 suspected cases from
        # Huambo": the rest of a breakdown, not cases still active
        active_own = False
    if (
        not active_own
        and not flow_own
        and not stock_mods
        and (t.local or t.imported)
        and (there := _THERE_ARE.search(sentence[max(0, start - 120) : start])) is not None
        # "There were 13 imported cases" in a day's news is that day's; a state is said in
        # the present or as of a time
        and (
            there.group("v").lower() == "are"
            or rx.search(r"\b(?:as\s+of|as\s+at|by\s+the\s+end\s+of)\b", sentence[:start], re.I)
        )
        and not rx.search(
            r"\b(?:reported|recorded|registered|confirmed|detected|identified|found|added|"
            r"diagnosed|since|so\s+far|to\s+date|in\s+total)\b",
            pred[:50],
            re.IGNORECASE,
        )
    ):
        # "As of 24:00 on 28 April, there were 5 local confirmed cases": a bulletin's
        # existing cases of an origin (现有本土确诊), not a total; a total is 'reported' or
        # 'a total of', new ones 'new'
        active_own = True
    t.active = active_own
    # only the words since the last "and", comma or "while" before it: "three additional
    # cases have been confirmed and four patients left hospital" does not make four a total
    parts = rx.split(r",|;|\band\b|\bwhile\b|\bbut\b", before_near)
    near_part = parts[-1] if len(parts[-1].strip()) > 2 or len(parts) < 2 else parts[-2] + parts[-1]
    # "Of the total, 11 were reported in A": 'the total' names the whole said before, whose
    # part this is, no word of a running total
    if rx.match(
        r"\W*(?:of|among|out\s+of|from)\s+(?:the|this|that|these)\s+(?:total|tally)\s*[,:]\s*$",
        before_near,
        re.IGNORECASE,
    ):
        near_part = ""
    stock_before = bool(_STOCK_CUE.search(near_part)) or bool(
        rx.search(
            r"\b(?:a\s+total\s+of|in\s+total|total\s+of)\s+(?:\S+\s+){0,2}$", before_near, re.I
        )
    )
    if rx.match(
        r"[^.;]{0,80}?\bin\s+each\s+of\s+the\s+(?:past|last|previous)\b", rest, re.IGNORECASE
    ):
        # "between 75 and 148 confirmed cases reported in each of the past seven weeks": a
        # count per period, a flow
        flow_own = True
    if _CUE_OF_EARLIER.search(sentence, max(0, start - 80), start) and not stock_mods:
        # "total recoveries rose to 168 after eight patients recovered": the words of the
        # total are the earlier number's; what happened after it is a flow of its own
        stock_before, flow_own = False, True
    if (
        stock_before
        and rx.search(r"\bhad\s+(?:reported|recorded|confirmed|registered)\s+$", near_part, re.I)
        and rx.search(
            r"\b(?:on|late\s+on|earlier\s+on)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
            sentence[:start],
            re.IGNORECASE,
        )
        and not rx.search(
            r"\b(?:by|as\s+of|as\s+at|until|through|so\s+far|in\s+total|a\s+total)\b",
            sentence[:start],
            re.IGNORECASE,
        )
    ):
        # "On Sunday, the ministry had reported four confirmed cases": a day's report told in
        # the past perfect of a story written the next day, not a total ("By Sunday, Japan
        # had reported 1,200 cases")
        stock_before = False
    parts_of_flow = periods.total_of_flow_before_parts(sentence[max(0, start - 160) : start])
    if parts_of_flow:
        # "621 new cases were confirmed in total, with 590 local and 31 imported cases": the
        # total is of the new cases, and the parts after it are new too
        stock_before = False
    verbal = _STOCK_CUE.search(near_part)
    if (
        verbal is not None
        and rx.match(r"(?:have|has|had|there)\b", verbal.group(0), re.IGNORECASE)
        and _FLOW_CUE.search(near_part[: verbal.start()])
    ):
        # "six new suspected cases have been reported in Bikoro (5)": the verb is the new
        # cases', not a total's
        stock_before = False
    if (
        not stock_before
        and rx.search(r"\bthere\s+(?:were|was)\s+$", near_part, re.IGNORECASE)
        and rx.search(
            r"\b(?:same\s+period|so\s+far|to\s+date|this\s+year|in\s+total|cumulative)\b",
            sentence,
            re.IGNORECASE,
        )
    ):
        # "there were 13,202 recoveries" in a daily report is the day's; "in the same
        # period, there were 317 deaths" is the period's total
        stock_before = True
    if (
        not stock_before
        and rx.search(
            r"\b(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:reported|recorded|registered|"
            r"confirmed|detected|identified|logged)\s+$",
            near_part,
            re.IGNORECASE,
        )
        and not count_day_after(sentence[end : end + 90])
        # "has reported nine cases ..., which brings the total to 4,306": the rise, a flow
        and not rx.search(
            r"\b(?:which|that)\s+(?:brings|brought|takes|took|raises|raised|pushes|pushed)\s+"
            r"(?:the|its|their)\s+(?:[\w-]+\s+)?(?:total|tally|count)",
            sentence[end : end + 150],
            re.IGNORECASE,
        )
    ):
        stock_before = True  # "Britain has reported 190 cases": so far, unless a day is named
    # "has accounted for 12,400 of those", "accounting for 62% (1,240) of all cases": the
    # present perfect and the participle are a state too; "Guangzhou saw 51 cases, the
    # highest among the 13 cities": a ranking of totals (not of new ones: "Of the 300 new
    # cases, Lusaka accounts for 120")
    share_or_rank = (
        not stock_before
        and _NEW_NP.search(sentence[: min(len(sentence), end + 40)]) is None
        and bool(
            rx.search(
                r"\b(?:accounts?|accounting|(?:has|have)\s+(?:now\s+)?accounted)\s+for\s+"
                r"(?:about\s+|over\s+|more\s+than\s+|nearly\s+|some\s+)?"
                r"(?:[\d.]+\s*(?:%|percent|per\s+cent)\s*\(\s*)?$",
                before_near,
                re.IGNORECASE,
            )
            or rx.match(
                r"[^,;.()]{0,40}?,\s*the\s+(?:highest|most|largest|greatest|biggest)\s+"
                r"(?:number\s+)?(?:among|in|of|for)\b",
                sentence[end : end + 80],
                re.IGNORECASE,
            )
        )
    )
    if not stock_before and (
        share_or_rank
        or (
            rx.search(r",\s*with\s+$", sentence[max(0, start - 10) : start])
            and rx.match(r"[^,;]{0,40},\s*(?:is|are|was|remains?|has|had)\b", sentence[end:])
        )
        or rx.search(
            r"\b(?:most|highest|largest|greatest)\s+(?:number\s+of\s+)?(?:cases|infections|deaths)"
            r"[^.;]{0,30}?,?\s*with\s+(?:about\s+|over\s+|more\s+than\s+|nearly\s+)?$"
            # "Soccsksargen ranked 3rd with 9,572 cases": a place in a ranking of totals
            r"|\branked\s+(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|top)\b"
            r"[^.;\d]{0,20}?\bwith\s+(?:about\s+|over\s+|more\s+than\s+|nearly\s+)?$",
            sentence[max(0, start - 80) : start],
            re.IGNORECASE,
        )
    ):
        # "The Americas account for 5.4 million cases", "Brazil, with 1.4 million cases, is
        # the second most affected", "Spain had the most infections, with 4,298 cases": a
        # state (a ranking of totals), not a day's count
        stock_before = True
    if not stock_before and stocks.stock_by_wording(
        sentence[max(0, start - 240) : start], sentence[end : end + 120]
    ):
        stock_before = True  # "The cluster has 213 cases", "the most affected, reporting 275"
    if (
        not stock_before
        and not flow_own
        and rx.search(
            r"\b(?:have|has)\s+(?:also\s+)?been\s+(?:reported|recorded|registered|notified|declared|"
            r"confirmed|detected)\s+(?:from|in)\s+[^().;]{1,60}?\(\s*$",
            sentence[max(0, start - 120) : start],
            re.IGNORECASE,
        )
        and not count_day_after(sentence[end : end + 60])
        # ("six new suspected cases have been reported in Bikoro (5)": the new ones' places)
        and not _FLOW_CUE.search(sentence[max(0, start - 120) : start].split(".")[-1])
    ):
        # "Cases have also been reported from the Russian Federation (177 cases) and from
        # Israel (63 cases)": each place's count of what has been reported so far
        stock_before = True
    if not stock_before and rx.search(
        r"\b(?:keeping|kept|keeps|leaving|left|leaves|putting|puts|put|placing|placed)\s+"
        r"(?:the\s+|its\s+|their\s+|(?:[\w'’-]+(?:'s|’s)\s+))?(?:[\w-]+\s+){0,3}?(?:fatalities|deaths|"
        r"toll|tally|total|caseload|count|cases|infections|recoveries)\s+(?:at|to|on)\s+"
        r"(?:(?:about|around|over|more\s+than|nearly|almost|some|at\s+least)\s+)?$",
        before_near,
        re.IGNORECASE,
    ):
        # "There were no new deaths, keeping fatalities at 5,226", "leaving the toll at 41",
        # "putting the country's tally at 2,300": the total after the day's count
        stock_before = True
    if (
        not stock_before
        and not _FLOW_CUE.search(before_near[-50:])
        and rx.search(
            r"\b(?:has|have|had)\s+(?:now\s+|since\s+|also\s+|further\s+)?(?:grown|risen|climbed|"
            r"increased|jumped|swelled|surged|soared|mounted|ballooned|reached)\s+to\s+"
            r"(?:about\s+|over\s+|more\s+than\s+|nearly\s+|some\s+)?$",
            before_near,
            re.IGNORECASE,
        )
    ):
        stock_before = True  # "The outbreak in Clark County has grown to 47 cases": its size
    if rx.search(
        r"\b(?:daily|single[\s-]day|one[\s-]day|24[\s-]hour)\s+(?:death\s+|fatality\s+|case\s+|"
        r"infection\s+)?(?:toll|tally|count|number|figure)\b[^.;,]{0,30}$",
        before_near,
        re.IGNORECASE,
    ):
        # "India's daily death toll hit 1,092 on Wednesday": one day's count
        flow_own, stock_before, stock_own = True, False, False
    flow_before = bool(_FLOW_CUE.search(before_near[-25:])) and not stock_before
    if rx.search(
        r"\b(?:rose|risen|rising|increased|jumped|grew|climbed|fell|dropped|up|down)\s+(?:by\s+)?$|"
        r"\b(?:an?\s+)?(?:increase|rise|jump|surge|spike)\s+of\s+(?:another\s+)?$",
        before_near,
        re.IGNORECASE,
    ):
        flow_own = True  # "the death toll has risen by three", "up 59 from a day earlier"
    if rx.match(r"\s*(?:[\w-]+\s+){0,4}\(\s*[\d,’' ]+\s*new\b", sentence[end : end + 60]):
        stock_own = True  # "46 997 confirmed (1826 new)": the total, and the day's new ones
    if (
        not stock_before
        and not flow_own
        and rx.search(
            r"\b(?:has|have)\s+been\s+(?:the\s+)?(?:\w+\s+)?(?:hit|affected)\b[^;]*\bwith\s+$",
            sentence[max(0, start - 80) : start],
            re.I,
        )
    ):
        stock_before = True  # "Liberia has been hardest hit, with 2,484 deaths"
    if (
        not stock_before
        and rx.search(
            r"\b(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+|thus\s+far\s+)?(?:killed|claimed|"
            r"caused|taken|cost|resulted\s+in|led\s+to)\b[^,;]*$",
            before_near,
            re.IGNORECASE,
        )
        and not count_day_after(sentence[end : end + 60])
    ):
        # "Measles has killed more than 4,000 people": so far (not "has killed 13 people this
        # week": that week's)
        stock_before = True
    if (
        not stock_before
        and not flow_own
        and rx.search(
            r"\b(?:this|so\s+far\s+this)\s+year\b|\byear\s+to\s+date\b",
            sentence[end : end + 80],
            re.IGNORECASE,
        )
        and rx.search(
            r"\b(?:has|have)\s+(?:\w+\s+)?(?:reported|recorded|registered|confirmed)\b",
            before_near,
            re.I,
        )
    ):
        stock_before = True  # "Nigeria has recorded 1,400 deaths from Lassa fever this year"
    if rx.search(
        r"\b(?:following|after|with)\s+(?:the\s+)?(?:recovery|recoveries|deaths?|discharges?|"
        r"addition)\s+of\s+(?:another\s+|a\s+further\s+)?$",
        before_near,
        re.IGNORECASE,
    ) or (
        stock_before
        and not stock_own
        and rx.search(r"\ba\s+total\s+of\s+$", before_near, re.IGNORECASE)
        and rx.match(
            r"[^.;,]{0,60}?\b(?:were|was)\s+(?:newly\s+)?(?:reported|confirmed|recorded|registered|"
            r"detected)\s+(?:(?:in|across|on|from)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?)?(?:on\s+)?"
            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
            sentence[end : end + 120],
            re.IGNORECASE,
        )
    ):
        # "following the recovery of 1,086 cases": what was added; "A total of 20 imported
        # cases were reported Sunday": the day's total
        flow_own, stock_before, stock_own = True, False, False
    if (
        not stock_mods
        and not active_own
        and rx.match(
            r"[^.;,\d]{0,80}?(?:,\s*)?\b(?:which|that)\s+(?:brings|brought|makes|made|takes|took|raises|"
            r"raised|pushes|pushed)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:total|tally|count)\b",
            sentence[end : end + 160],
            re.IGNORECASE,
        )
    ):
        # "12 patients have fully recovered which makes the total number of recoveries 41":
        # the count added to a total said after it
        flow_own, stock_before, stock_own = True, False, False
    if flow_own and not stock_mods:
        t.stock = False
    elif stock_own or active_own or stock_before:
        t.stock = True
        if not (active_own or stock_mods or stock_before) and stocks.reported_on_a_day(after):
            t.stock = False  # "three cases that had been reported on Tuesday": that day's
    elif flow_before or parts_of_flow:
        t.stock = False
    if (
        rx.search(r"\btoll\s+(?:to|at)\s+$", before_near, re.IGNORECASE)
        and (
            period := rx.match(
                r"\s+(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:[\w-]+\s+)?"
                r"(?:days?|hours|weeks?)\b",
                sentence[end : end + 50],
                re.IGNORECASE,
            )
        )
        is not None
        and rx.search(
            r"\b(?:total|since|cumulative|overall)\b[^.;]{0,80}?\d",
            sentence[end + period.end() :],
            re.IGNORECASE,
        )
    ):
        # "This raises the death toll to 13 in the past three days, and the total number of
        # deaths since March 2020 to 4,108": the toll of the period, beside the total
        t.stock = False
    elif (
        not active_own and not stock_mods and periods.short_period_flow(sentence, start, end, stop)
    ):
        t.stock = False  # "In the past 24 hours, 609 people have died": the period's count
    elif not active_own and not stock_mods and periods.since_day_flow(sentence, start, end):
        t.stock = False  # "247 deaths since Monday": the days since a day of this week
