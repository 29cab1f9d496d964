"""Category wordings of case counts that the noun-phrase typing of ``categories`` misses:
the vocabulary of Chinese provincial bulletins as machine-translated into English
('1 new case was cured and discharged', '6 cases were released from medical observation',
'52 cases of recovery', 'As of 24:00, there are 3,183 confirmed cases'), counts by
detection channel that are no count of the schema ('10 cases of closed-loop transfer
personnel'), and numbers that are ages, not counts ('a man in his 50s').

Method: cue-word rules on the words after the number (its predicate) and its head noun,
applied after ``categories.type_english`` has typed the noun phrase (docs/methods/bulletin.md).
"""

from __future__ import annotations

import re
from typing import Any

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.families import Typing
from flareup.ingest.bulletin.places import Gazetteer, Place
from flareup.ingest.bulletin.records import Record

#: heads that name a case (the singular too: '1 new case was cured')
_CASE_HEADS = ("case", "cases", "patient", "patients", "infection", "infections", "infectors")

#: released from (isolation and) medical observation: what 解除医学观察 becomes in
#: translation; said of asymptomatic infections (contacts have their own noun)
_RELEASED_OBS = rx.compile(
    r"\s*(?:,\s*)?(?:(?:were|was|have\s+been|has\s+been|had\s+been)\s+)?(?:newly\s+)?"
    r"(?:released|discharged|dismissed|lifted|removed)\s+from\s+(?:the\s+)?"
    r"(?:(?:isolation|centrali[sz]ed|concentrated|quarantine)\s+(?:and\s+)?)*"
    r"(?:medical\s+observation|isolation\s+medical\s+observation)",
    re.IGNORECASE,
)
#: cured and discharged, recovered and discharged: a case that left hospital recovered
_CURED = rx.compile(
    r"\s*(?:(?:were|was|have\s+been|has\s+been|had\s+been|have|has|had)\s+)?(?:newly\s+)?"
    r"(?:cured|recovered|healed)(?:\s+and\s+(?:were\s+|was\s+)?(?:discharged|released))?\b",
    re.IGNORECASE,
)
#: '52 cases of recovery', '1,430 discharged cases' has its modifier; 'recovery cases'
_OF_RECOVERY = rx.compile(
    r"\s*cases?\s+of\s+(?:full\s+)?(?:recovery|recoveries|cure|discharge)\b", re.IGNORECASE
)
#: a count by detection channel or provenance, a part of a day's count that bulletins
#: break down by how the cases were found; not annotated (SOURCES.md conventions)
_CHANNEL = rx.compile(
    r"\s*(?:cases?\s+)?(?:(?:of|among|from)\s+(?:the\s+)?(?:closed-loop|transfer(?:red)?\s+"
    r"(?:personnel|persons?)|returnees|key\s+(?:populations|personnel))|"
    r"(?:was|were)\s+(?:an?\s+)?(?:closed-loop\s+)?transfer(?:red)?\s+(?:person(?:nel)?|case)s?\b|"
    # "249 confirmed (242 by laboratory and 7 by epidemiological link)", "12 laboratory-confirmed
    # or by epidemiological link": parts by how the cases were confirmed
    r"(?:(?:were\s+)?confirmed\s+)?by\s+(?:the\s+)?(?:laboratory|lab|epidemiological(?:\s+link(?:age)?)?|"
    r"epi[- ]?link(?:age)?|clinical\s+(?:criteria|diagnosis|signs))\b|"
    r"(?:laboratory|lab)[- ]confirmed\s+or\s+(?:by\s+)?epidemiological)",
    re.IGNORECASE,
)
#: an age by decade: 'a man in his 50s', 'women in their 80s'
_DECADE_AGE = rx.compile(r"\b(?:in\s+(?:his|her|their)\s+(?:early\s+|mid-?\s*|late\s+)?)$", re.I)


def not_a_count(sentence: str, start: int, end: int) -> bool:
    """Whether the number at ``sentence[start:end]`` is an age by decade ('in his 50s', '20s
    and 30s') or counts an age group ('15 were in their 20s')."""
    if rx.match(
        r"\s*(?:of\s+them\s+)?(?:were|are|was|is)\s+(?:aged\s+)?(?:in\s+their|in\s+his|in\s+her)\s+"
        r"(?:early\s+|mid-?\s*|late\s+)?\d0\s*'?s\b",
        sentence[end : end + 40],
        re.IGNORECASE,
    ):
        return True  # "15 were in their 20s and 30s": an age group, a demographic part
    return bool(
        rx.fullmatch(r"\d0\s*'?s", sentence[start:end].strip())
        or (
            rx.fullmatch(r"\d0", sentence[start:end].strip()) and rx.match(r"'?s\b", sentence[end:])
        )
        or (
            _DECADE_AGE.search(sentence[max(0, start - 24) : start])
            and rx.match(r"\d0\s*'?s\b|\s*'?s\b", sentence[start:])
        )
    )


def channel_part(phrase: str, before: str = "") -> bool:
    """'10 cases of closed-loop transfer personnel', '1 case was a transfer person', 'Among
    them, 19 were found in the control area': a part of a day's count by the channel it was
    found through (no 'new' of its own)."""
    if rx.search(r"\b(?:new|newly|additional)\b", phrase[:40], re.IGNORECASE):
        return False
    if _CHANNEL.match(phrase) is not None:
        return True
    return bool(
        _FOUND_IN.match(phrase)
        and rx.search(
            r"\b(?:among\s+(?:them|these|the)|of\s+(?:them|these|which|whom|the)|including)\b|:",
            before,
            re.IGNORECASE,
        )
    )


#: where a part of the day's cases was found: bulletins' channels (管控区, 集中隔离, 社区筛查)
_FOUND_IN = rx.compile(
    r"\s*(?:cases?\s+|infections?\s+)?(?:were|was)\s+(?:found|detected|discovered|identified)\s+"
    r"(?:in|among|through|during|from|at)\s+(?:the\s+)?(?:control(?:led)?\s+(?:areas?|personnel|zones?)|"
    r"centrali[sz]ed\s+(?:isolation|quarantine)|(?:isolation|quarantine)\s+(?:points?|sites?|"
    r"hotels?|facilities)|community\s+screening|closed-loop|key\s+(?:populations?|personnel)|"
    r"(?:routine\s+)?screening\s+of\s+key)",
    re.IGNORECASE,
)


def recast(
    category: str | None,
    head_kind: str,
    mods: str,
    pred: str,
    phrase: str,
    sentence: str,
    end: int,
    t: Typing,
) -> str | None:
    """The family of a case count as the translated-bulletin wording says it, else
    ``category`` as typed: asymptomatic infections released from medical observation,
    recoveries said of cases."""
    if head_kind.startswith("contact"):
        return category
    if category == "contacts_released" and rx.search(
        r"\b(?:upon|after|following)\s+(?:their\s+|full\s+|a\s+full\s+)?recovery\b", pred[:90], re.I
    ):
        return "recovered"  # "13,280 people have been released from quarantine upon recovery"
    if head_kind in _CASE_HEADS and _RELEASED_OBS.match(pred):
        # "6 cases were released from isolation and medical observation": in a bulletin only
        # asymptomatic infections (and contacts) are under medical observation
        return "asymptomatic_released"
    if (
        category == "asymptomatic_active"
        and rx.search(r"\b(?:new|newly|additional)\b", mods, re.IGNORECASE)
        and rx.match(
            r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:also\s+)?(?:newly\s+)?(?:reported|"
            r"detected|found|identified|recorded|confirmed)\b",
            pred,
            re.IGNORECASE,
        )
    ):
        # "1,105 new asymptomatic cases were also reported, and 3,411 ... remained under
        # medical observation": the new ones were reported; the others are observed
        t.active, t.stock = False, False
        return "asymptomatic"
    if category == "asymptomatic" and _RELEASED_OBS.match(pred):
        return "asymptomatic_released"  # "17 asymptomatic infected persons were lifted from ..."
    if category in ("cases", None) and rx.match(
        r"\s*(?:[\w-]+\s+){0,3}?positive\s+(?:infected\s+)?(?:persons|people|infectors)\b",
        phrase,
        re.IGNORECASE,
    ):
        return "positive"  # "14 new local positive infected persons" (阳性感染者)
    if category == "asymptomatic" and _released_with_next(sentence, end):
        # "15 asymptomatic infectors and 196 close contacts were dismissed from medical
        # observation": the verb after the coordinated noun phrase is the list's
        return "asymptomatic_released"
    if category in ("cases", None) and head_kind in _CASE_HEADS and _CURED.match(pred):
        return "recovered"  # "1 new case was cured and discharged"
    if category == "cases" and rx.match(
        r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:confirmed|diagnosed|reported)\s+locally\b",
        pred,
        re.IGNORECASE,
    ):
        t.local = True  # "114 cases were confirmed locally"
    if category is None and rx.match(
        r"\s*(?:being|were|are)\s+(?:related|linked|connected)\s+(?:to|with)\s+(?:an?\s+|the\s+)?"
        r"imported\s+(?:cases?|infections?)",
        pred,
        re.IGNORECASE,
    ):
        # "57 being imported and two being related to imported cases": the rest of the count
        # before, cases of its own kind, not imported ones
        t.imported = False
        return "cases"
    if category in ("cases", None) and _OF_RECOVERY.match(phrase):
        return "recovered"  # "52 cases of recovery today"
    if head_kind in ("people", "patients", "") and rx.match(
        r"\s*(?:(?:have|has|had)\s+)?made\s+(?:a\s+)?(?:full\s+|complete\s+)?recover(?:y|ies)\b",
        pred,
        re.IGNORECASE,
    ):
        return "recovered"  # "101,037 made full recovery"
    if head_kind in ("people", "patients", "") and rx.match(
        r"\s*(?:(?:have|has|had)\s+)?(?:required|needed|requiring|needing)\s+"
        r"(?:hospitali[sz]ation|admission|to\s+be\s+hospitali[sz]ed)\b",
        pred,
        re.IGNORECASE,
    ):
        return "hospitalized"  # "13,743 people required hospitalization"
    if head_kind in ("cases", "case") and rx.match(
        r"\s*(?:are|were|is|was|remain)\s+(?:still\s+|also\s+)?suspected\b(?!\s+(?:of|to))",
        pred,
        re.IGNORECASE,
    ):
        t.stock = True  # a state said in the present
        return "suspected"  # "at least 10 more cases are suspected"
    if rx.match(
        r"\s*(?:of\s+them\s+)?(?:are|were|is|was)\s+(?:said|reported|believed|thought|described)\s+"
        r"(?:to\s+be|as\s+being)\s+(?:in\s+)?(?:a\s+)?(?:serious|critical|severe|grave)\b",
        pred,
        re.IGNORECASE,
    ):
        return "severe"  # "14 of them are said to be in serious condition"
    if head_kind == "" and rx.match(
        r"\s*(?:have|has|had)\s+(?:so\s+far\s+|now\s+|already\s+)?tested\s+positive\b",
        pred,
        re.IGNORECASE,
    ):
        t.stock = True  # "only 787 have tested positive": the confirmed cases so far
        return "cases"
    if category == "cases" and rx.match(
        r"\s*(?:[\w-]+\s+){0,6}?infections?\s*\(\s*confirmed\s*(?:\+|and|&|plus)\s*"
        r"asymptomatic\s*\)",
        sentence[end : end + 80],
        re.IGNORECASE,
    ):
        # "626 new cases of local infections (confirmed + asymptomatic)": positives of both
        # kinds (阳性感染者), as the conventions count them
        return "positive"
    return category


def unit_noun(sentence: str, start: int, head_kind: str, mods: str) -> str | None:
    """'bringing the total deaths in the Kingdom to 110 cases': 'cases' is the unit of the
    noun named before the verb, deaths or recoveries, a total."""
    if head_kind not in ("cases", "case") or mods.strip():
        return None
    m = rx.search(
        r"\b(?:total|number\s+of|tally\s+of)\s+(?:[\w-]+\s+){0,2}?(?P<w>deaths|fatalities|"
        r"recoveries|recovered)\b[^.;,\d]{0,40}?\bto\s+$",
        sentence[max(0, start - 80) : start],
        re.IGNORECASE,
    )
    if m is None:
        return None
    return "deaths" if m.group("w").lower().startswith(("death", "fatal")) else "recovered"


def difference_not_count(sentence: str, start: int, end: int) -> bool:
    """'a decrease of 20 infections compared to yesterday's numbers': a change between two
    days' counts, not a count."""
    before = sentence[max(0, start - 30) : start]
    if rx.search(
        r"\b(?:decrease|drop|decline|fall|reduction|dip)\s+of\s+(?:about\s+|some\s+|nearly\s+)?$",
        before,
        re.IGNORECASE,
    ):
        return True
    if rx.search(r"\b(?:increase|rise|jump|surge)\s+of\s+$", before, re.IGNORECASE) and rx.match(
        r"[^.;]{0,50}?\b(?:compared\s+(?:to|with)|than|over|from)\s+(?:the\s+)?"
        r"(?:yesterday|previous|day\s+before|a\s+day\s+earlier|last)",
        sentence[end:],
        re.IGNORECASE,
    ):
        return True
    # "413 deaths, which is 200 less than the 614 recorded in 2016", "2,539 additional cases
    # compared with the same data last year": the gap between two counts, neither of them
    if rx.match(
        r"\s*(?:(?:additional|more|fewer|extra)\s+(?:[\w-]+\s+)?(?:cases|deaths|infections)\s+"
        r"(?:compared\s+(?:with|to)|than)\s+(?:the\s+same|last\s+year|the\s+previous\s+year)|"
        r"(?:[\w-]+\s+)?(?:fewer|less|more|higher|lower)\s+(?:than|compared\s+(?:to|with))\s+"
        r"(?:the|last|in|on|a|those|that|what|its|their)\b)",
        sentence[end:],
        re.IGNORECASE,
    ) and not rx.match(r"(?:more|less|fewer)\s+than\b", sentence[start:end], re.IGNORECASE):
        return True
    if rx.search(
        r"\b(?:compared\s+(?:to|with)|than|corresponding\s+period|same\s+period)\b[^.;]{0,80}?"
        r",\s*(?:down|up)\s+by\s+(?:about\s+|some\s+|nearly\s+)?$",
        sentence[max(0, start - 140) : start],
        re.IGNORECASE,
    ):
        # "81,790 compared to 98,438 in the corresponding period last year, down by 16,648
        # cases": the gap between the two counts compared, neither of them
        return True
    # "1,144 patients in hospital -- up 179 over yesterday's total", "205 in the ICU, up five
    # in the last 24 hours": the change in a stock of patients, not a count (SOURCES.md)
    return bool(
        rx.search(
            r"\b(?:patients|people|persons|cases)\s+(?:(?:are\s+|were\s+)?(?:in|at)\s+(?:the\s+)?"
            r"(?:hospitals?|icus?|intensive\s+care(?:\s+units?)?|critical\s+care)|hospitali[sz]ed|"
            r"active)\b[^.;]{0,40}?(?:--|—|–|,|\()\s*(?:up|down)\s+(?:by\s+)?$",
            sentence[max(0, start - 120) : start],
            re.IGNORECASE,
        )
        or rx.search(
            r"\b(?:in\s+(?:hospital|intensive\s+care)|hospitali[sz]ed|in\s+(?:the\s+)?icu)\b"
            r"[^.;]{0,40}?(?:--|—|–|,|\()\s*(?:up|down)\s+(?:by\s+)?$",
            sentence[max(0, start - 120) : start],
            re.IGNORECASE,
        )
    )


#: a part of a count said by its exposure or how it was acquired: "one was classified as
#: nosocomial infection", "three are currently under investigation for possible nosocomial
#: transmission", "Three of the 12 cases reported animal contact, one of which was specified
#: as camel contact"
_EXPOSURE_PART = rx.compile(
    r"\s*(?:(?:of\s+(?:the|these|those|them|which|whom)\b[^,;.()]{0,30}?|cases?|patients?)\s+)?"
    r"(?:(?:was|were|are|is|had|have|has)\s+(?:(?:currently|also|previously|reportedly)\s+)?)?"
    r"(?:(?:classified|considered|specified|identified)\s+as\s+(?:an?\s+)?(?:camel\s+contact|"
    r"nosocomial|health[- ]?care[- ]associated|hospital[- ]acquired)|under\s+investigation\s+for|"
    r"reported\s+(?:direct\s+|indirect\s+)?(?:animal|camel|poultry|bird)\s+(?:contact|exposure)|"
    r"had\s+(?:direct\s+|indirect\s+)?contact\s+with\s+(?:a\s+)?(?:previously|camels?|animals?|"
    r"poultry|birds?|dromedar))",
    re.IGNORECASE,
)


def exposure_part(sentence: str, start: int, end: int) -> bool:
    """Whether the number at ``sentence[start:end]`` counts the part of a count said by its
    exposure or how it was acquired ('Of the 12 cases, one was classified as nosocomial
    infection'; SOURCES.md: subsets by setting are not annotated)."""
    return _EXPOSURE_PART.match(sentence, end, min(len(sentence), end + 140)) is not None


def bound_not_count(sentence: str, start: int, end: int) -> bool:
    """'6 provinces each had less than 5 new cases', 'each increased by a single digit': a
    bound on each unit of a group, not a count."""
    before = sentence[max(0, start - 40) : start]
    each = rx.search(
        r"\beach\s+(?:had|has|have|reported|recorded|added|saw|with|increased\s+by)\s+"
        r"(?P<bound>(?:less|fewer|more)\s+than\s+)?$",
        before,
        re.IGNORECASE,
    )
    bounded = rx.match(r"(?:less|fewer|more)\s+than\b", sentence[start:end], re.IGNORECASE)
    # "The remaining 15 States have reported less than 5 confirmed cases": a bound on each of
    # a number of units, not a count of them all
    units = rx.search(
        r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+"
        r"(?:other\s+)?(?:states|districts|provinces|regions|counties|countries|lgas|health\s+zones|"
        r"municipalities|prefectures)\s+(?:have\s+|has\s+|each\s+)?(?:reported|recorded|had|"
        r"registered|notified)\s+(?P<bound>(?:less|fewer)\s+than\s+)?$",
        sentence[max(0, start - 80) : start],
        re.IGNORECASE,
    )
    less = rx.match(r"(?:less|fewer)\s+than\b", sentence[start:end], re.IGNORECASE)
    return bool(
        (units is not None and (units.group("bound") or less))
        or (each is not None and (each.group("bound") or bounded))
        or rx.match(r"\s*digits?\b", sentence[end:], re.IGNORECASE)
    )


_OUTBREAK_SO_FAR = rx.compile(
    r"\bin\s+the\s+(?:latest|current|recent|ongoing|present|new)\s+(?:round\s+of\s+(?:the\s+)?)?"
    r"(?:epidemic\s+|covid(?:-19)?\s+|local\s+)?(?:resurgence|outbreak|wave|flare-?up|cluster)\b",
    re.IGNORECASE,
)


def outbreak_total(phrase: str, mods: str, t: Typing) -> None:
    """'Anhui had reported 134 confirmed cases and 724 asymptomatic carriers in the latest
    epidemic resurgence': the outbreak's counts so far, a total."""
    if (
        not t.stock
        and not rx.search(r"\b(?:new|newly|additional|more|daily)\b", mods, re.IGNORECASE)
        and (clause := rx.split(r"[;.,]", phrase[:160])[0])
        and _OUTBREAK_SO_FAR.search(clause)
        # ("165 cases on Thursday, bringing the total in the latest resurgence to": that day's)
        and not _NAMED_DAY.search(clause)
        and not rx.search(
            r"\b(?:past|last)\s+(?:24|48|72)\s+hours|\bon\s+(?:\w+\s+)?\d|\btotal\b", clause, re.I
        )
    ):
        t.stock = True


def _released_with_next(sentence: str, end: int) -> bool:
    m = rx.match(
        r"\s*(?:[\w-]+\s+){0,3}?(?:and|,)\s+(?:\d[\d,]*|[a-z]+)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:contacts?|cases|infections|people|persons)",
        sentence[end : end + 120],
        re.IGNORECASE,
    )
    return m is not None and _RELEASED_OBS.match(sentence, end + m.end()) is not None


def existing_as_of(sentence: str, start: int, end: int, t: Typing) -> bool:
    """'As of 24:00 on the 21st, there are 3,183 confirmed cases in mainland China': a
    bulletin's existing cases (现有确诊), stated in the present as of the day's end; totals
    are 'a total of', 'cumulative', 'reported'."""
    if t.stock is False or t.local or t.imported:
        return False
    return bool(
        rx.search(r"\b24:00\b|\bmidnight\b", sentence[:start])
        and rx.search(
            r"\bthere\s+(?:are|is)\s+(?:still\s+|now\s+)?$", sentence[max(0, start - 25) : start]
        )
        and rx.match(
            r"\s*(?:confirmed\s+)?(?:cases?|patients?)\b(?!\s+of\s+(?:local\s+)?asymptomatic)",
            sentence[end:],
            re.IGNORECASE,
        )
    )


_ITEM_AFTER_SEMICOLON = rx.compile(
    r";\s*(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+cases?\s+"
    r"(?:were\s+|was\s+)?(?:in|from|at)\s",
    re.IGNORECASE,
)


def items_past_semicolons(sentence: str, lead_end: int, start: int) -> bool:
    """Whether every semicolon between a head count and the item at ``start`` separates
    items of its breakdown ('including 2 cases in A; 20 cases in B, including 7 cases in C;
    38 cases in D'): each is followed by 'N cases in <place>'."""
    return all(
        _ITEM_AFTER_SEMICOLON.match(sentence, lead_end + m.start()) is not None
        for m in rx.finditer(";", sentence[lead_end:start])
    )


_NAMED_DAY = rx.compile(
    r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|yesterday)\b",
    re.IGNORECASE,
)


def day_flow(sentence: str, start: int, pred: str, t: Typing) -> None:
    """'A total of 11 patients were discharged after recovery on Thursday', '52 cases of
    recovery today': a count its own verb dates on one day is that day's flow, 'a total of'
    notwithstanding (a total is 'as of', 'since', 'so far')."""
    clause = rx.split(r"[;,]|\b(?:said|says|announced|told|according)\b", pred)[0]
    if rx.search(r",?\s+with\s+$", sentence[max(0, start - 8) : start]) and rx.search(
        r"\b(?:reported|recorded|registered|confirmed)\s+(?:on\s+(?:monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday)|today|yesterday)\b",
        clause,
        re.IGNORECASE,
    ):
        # "the death toll reached 11,602 with eight fatalities reported on Tuesday": the day's
        t.stock = False
        t.active = False
        return
    if t.stock is not True:
        return
    if (
        _NAMED_DAY.search(clause)
        and not rx.search(
            r"\b(?:bringing|taking|raising|pushing|to|at|reached|reaching|cumulative|overall|"
            r"tally|toll|has|have|had)\b",
            sentence[max(0, start - 40) : start],
            re.IGNORECASE,
        )
        and not rx.search(
            r"\b(?:as\s+of|as\s+at|since|so\s+far|to\s+date|cumulative|in\s+total|overall)\b",
            sentence,
            re.IGNORECASE,
        )
    ):
        t.stock = False
        t.active = False


_SARS = ("Hong Kong", "Macao", "Taiwan")


def import_origin(head: Record, place: Place | None, gaz: Gazetteer) -> bool:
    """'5 imported confirmed cases (1 in Hong Kong, China, 4 in Singapore)': an item of an
    imported count placed outside the head's country (or, for the Chinese mainland, in Hong
    Kong, Macao or Taiwan) says where the cases came from, not a count (SOURCES.md)."""
    if place is None or head.place is None:
        return False
    if not (
        "imported" in head.category
        or head.population == "imported"
        or rx.search(r"\bimported\b|\bfrom\s+abroad\b", head.evidence, re.IGNORECASE)
    ):
        return False
    own = gaz.lookup(head.place)
    if own is None:
        return False
    if place.level == "country":
        return place.country != own.country
    return place.name in _SARS and own.country == "CN" and own.name not in _SARS


#: the number said to be a day's figure after it: "The death toll of 35 was February's second
#: lowest daily total", "42 deaths, the highest one-day toll since May", "the 1,200 cases were
#: the day's highest count"
_DAY_FIGURE_AFTER = rx.compile(
    r"(?:\s+(?:[\w-]+\s+){0,3}?(?:was|is|were|are|marks?|marked|marking|being)|\s*,)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+['’]s\s+)?"
    r"(?:(?:second|third|fourth|fifth|lowest|highest|biggest|largest|smallest|record|new|"
    r"latest|steepest|sharpest|worst)[\s-]+){0,3}"
    r"(?:daily|day's|day’s|one-day|single-day|24-hour|overnight)\s+(?:[\w-]+\s+)?"
    r"(?:total|toll|tally|figure|count|number|rise|increase|jump|increment)\b",
    re.IGNORECASE,
)


#: "In Guinea, there were 1,142 deaths from 1,878 cases", "1,169 deaths out of 5,368 cases":
#: deaths set against the cases they came from, an outbreak's totals (not of new cases)
_DEATHS_OUT_OF_CASES = rx.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:deaths|fatalities)\s+(?:out\s+of|from|among)\s+"
    r"(?:a\s+total\s+of\s+)?(?:(?:more\s+than|over|about|nearly|some)\s+)?\d[\d,.]*\s+"
    r"(?!(?:new|fresh|additional|more)\b)(?:[\w-]+\s+){0,3}?(?:cases|infections)\b",
    re.IGNORECASE,
)
_CASES_AFTER_DEATHS_OUT_OF = rx.compile(
    r"\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?(?:deaths|fatalities)\s+(?:out\s+of|from|among)\s+"
    r"(?:a\s+total\s+of\s+)?(?:(?:more\s+than|over|about|nearly|some)\s+)?$",
    re.IGNORECASE,
)


def phrase_cues(sentence: str, start: int, end: int, pred: str, t: Typing) -> None:
    """Flow, stock and origin cues of the words around a case count that the noun phrase
    does not carry: 'N cases after M new cases' (N the total), 'since September 1 alone'
    (that period's count), 'imported ..., with a total of N' (imported), 'two being related
    to imported cases' (not imported themselves)."""
    if rx.match(
        r"\s*(?:[\w-]+\s+){0,4}?(?:cases|infections|deaths)\b[^.;]{0,30}?\bafter\s+"
        r"(?:\d[\d,]*|[a-z-]+)\s+(?:new|more|additional|fresh|further)\b",
        sentence[end : end + 90],
        re.IGNORECASE,
    ):
        t.stock = True  # "reported 428,850 cases after 3,657 new cases were detected"
    if _DEATHS_OUT_OF_CASES.match(sentence, end) or (
        _CASES_AFTER_DEATHS_OUT_OF.search(sentence[max(0, start - 60) : start])
        and not rx.match(r"\s+(?:new|fresh|additional|more)\b", sentence[end:], re.IGNORECASE)
    ):
        t.stock = True  # "1,142 deaths from 1,878 cases", "... out of 5,368 cases": both totals
    if _DAY_FIGURE_AFTER.match(sentence, end):
        t.stock = False  # "The death toll of 35 was February's second lowest daily total"
        t.active = False
    clause = rx.split(r"[;.]", sentence[:start])[-1]
    if rx.search(r"\bsince\s+[^,;.]{1,30}?\balone\b", clause, re.IGNORECASE):
        t.stock = False  # "since September 1 alone there have been 1,107 suspected cases"
    if rx.search(r"\bimported\b[^,;.]{0,30},\s*with\s+a\s+total\s+of\s+$", clause, re.IGNORECASE):
        t.imported = True  # "577 confirmed cases imported from abroad, with a total of 23,578"
    if t.imported and rx.match(
        r"\s*(?:being\s+|were\s+|was\s+|are\s+)?(?:related|linked|connected|associated)\s+"
        r"(?:to|with)\s+(?:an?\s+|the\s+)?imported\b",
        pred,
        re.IGNORECASE,
    ):
        t.imported = False  # "two being related to imported cases": local, linked to them
    if rx.search(
        r"\b(?:received|receiving|receives|undergoing|underwent)\s+(?:centrali[sz]ed\s+)?"
        r"isolation\s+(?:medical\s+)?(?:treatment|observation)\b",
        pred,
        re.IGNORECASE,
    ) and rx.search(r"\b(?:as\s+of|24:00)\b", sentence[:start], re.IGNORECASE):
        t.active = True  # "as of 24:00, one case ... received isolation treatment": now
        t.stock = True


def pending_or_share(sentence: str, start: int, end: int) -> bool:
    """'29 of the suspected cases remain pending' (results awaited), 'more than half were
    male (n=215; 57%)' (a demographic part), '33 were related to previously confirmed cases
    and sources of the other 28 cases were unknown' (a breakdown by epidemiological link):
    no count."""
    return bool(
        rx.match(
            r"\s*(?:cases\s+|infections\s+)?(?:were|was|are|is|have\s+been)\s+(?:epidemiologically\s+)?"
            r"(?:related|linked|connected)\s+(?:to|with)\s+(?:the\s+)?(?:previously\s+(?:confirmed|"
            r"reported)|earlier|known|existing|previous)\s+(?:[\w-]+\s+)?(?:cases|infections|clusters?)",
            sentence[end : end + 80],
            re.IGNORECASE,
        )
        or rx.search(
            r"\bsources?\s+of\s+(?:infection\s+(?:of|for)\s+)?(?:the\s+)?(?:other|remaining)?\s*$",
            sentence[max(0, start - 40) : start],
            re.IGNORECASE,
        )
        or rx.match(
            r"\s*(?:of\s+the\s+(?:[\w-]+\s+){0,3}?)?(?:cases|samples|specimens|results|tests)?"
            r"\s*(?:remain(?:s|ed)?|are|were|is|was)\s+(?:still\s+)?pending\b",
            sentence[end : end + 80],
            re.IGNORECASE,
        )
        or rx.match(
            r"\s*(?:people\s+|samples\s+|tests\s+)?(?:are\s+|were\s+)?(?:still\s+)?(?:awaiting|pending)\s+"
            r"(?:(?:test|laboratory|lab)\s+)?results",
            sentence[end : end + 50],
            re.IGNORECASE,
        )  # "22,014 still awaiting results"
        or rx.match(
            # "240 contacts, 36 of whom have developed symptoms": a part by symptoms
            r"\s*of\s+(?:whom|them|these|those)\s+(?:have|has|had)\s+(?:since\s+|now\s+|also\s+)?"
            r"(?:developed|shown|showed|displayed|reported)\s+(?:mild\s+|any\s+)?symptoms",
            sentence[end : end + 60],
            re.IGNORECASE,
        )
        or rx.search(
            r"\b(?:male|female|men|women|boys|girls|children|adults)\s*\(\s*n\s*=\s*$",
            sentence[max(0, start - 30) : start],
            re.IGNORECASE,
        )
    )


_CONFIRMED_PART = rx.compile(
    r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:laboratory[- ]|lab[- ])?confirmed\b", re.I
)
_CASE_KINDS = ("suspected", "suspected_new", "probable", "confirmed_cumulative", "confirmed_new")


def confirmed_part_head(sentence: str, end: int, parent: Any, items: list[Any]) -> Any:
    """'1,312 suspected cases including 21 deaths were reported, of which 402 were
    laboratory confirmed': the confirmed part is of the cases, not of the deaths said last."""
    if parent is None or parent.category not in ("deaths_new", "deaths_cumulative"):
        return parent
    if not _CONFIRMED_PART.match(sentence, end):
        return parent
    for it in reversed(items):
        if (
            it.record is not None
            and it.category in _CASE_KINDS
            and 0 < it.num.end <= parent.num.start
        ):
            return it
    return parent


def sickened_group(before: str) -> bool:
    """'The outbreak has affected 640 children': a group the disease struck is the count
    itself, not a demographic part of one."""
    return bool(
        rx.search(
            r"\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:affected|infected|sickened|"
            r"killed|claimed\s+the\s+lives\s+of)\s+(?:more\s+than\s+|about\s+|nearly\s+|some\s+|"
            r"over\s+|at\s+least\s+|almost\s+)?$",
            before,
            re.IGNORECASE,
        )
    )


#: a disease 'confirmed in' people: "Measles has been confirmed in four more pupils", "cholera
#: was detected in five residents": the people are the cases (a unit such as districts or
#: samples is not)
_FOUND_IN_PEOPLE = rx.compile(
    r"\b(?:confirmed|detected|diagnosed|found|identified|discovered|reported)\s+(?:in|among)\s+"
    r"(?:another\s+|a\s+further\s+|an\s+additional\s+)?(?:more\s+than\s+|about\s+|nearly\s+|"
    r"some\s+|over\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)
#: Heads that name people: a count of them is of people, not of cases or events (also
#: read by ``categories``).
PEOPLE_HEADS = frozenset(
    [
        "people",
        "persons",
        "person",
        "individuals",
        "residents",
        "citizens",
        "nationals",
        "travellers",
        "travelers",
        "passengers",
        "workers",
        "employees",
        "staff",
        "students",
        "children",
        "inmates",
        "pilgrims",
        "migrants",
        "victims",
        "sufferers",
    ]
)
#: People a disease is found in ("confirmed in four more pupils"): any of those heads, and
#: the ones such a sentence names them by.
_PERSON_HEADS = PEOPLE_HEADS | frozenset(
    [
        "pupils",
        "schoolchildren",
        "boys",
        "girls",
        "men",
        "women",
        "infants",
        "babies",
        "toddlers",
        "adults",
        "patients",
        "soldiers",
        "villagers",
        "prisoners",
        "members",
    ]
)


_PEOPLE_NP = rx.compile(r"\s*(?:(?:more|new|other|additional|further)\s+)?(?P<head>[a-z]+)\b", re.I)


def found_in_people(before: str, phrase: str) -> bool:
    """Whether the count whose noun phrase is ``phrase`` counts people a disease was found in
    ('has been confirmed in four more pupils'): the people are the cases."""
    np_m = _PEOPLE_NP.match(phrase)
    return (
        np_m is not None
        and np_m.group("head").lower() in _PERSON_HEADS
        and _FOUND_IN_PEOPLE.search(before[-60:]) is not None
    )


_LEAD_NOUN = rx.compile(
    r"\s*(?:out\s+)?(?:of|among)\s+(?:the|these|those|all\s+the|today's|yesterday's)\s+"
    r"(?P<words>(?:[\w-]+\s+){0,3}?)(?P<noun>cases|infections|patients|deaths|fatalities)\s*,",
    re.IGNORECASE,
)


def lead_noun(sentence: str) -> tuple[bool, str] | None:
    """'Of the locally transmitted cases, 8 were reported in Seoul': the family the opening
    names (deaths or not) and its words, so that the items are parts of that count."""
    m = _LEAD_NOUN.match(sentence)
    if m is None:
        return None
    words = m.group(0)
    if rx.search(r"\b(?:local(?:ly)?|imported|domestic(?:ally)?|transmitted)\b", words, re.I):
        words += " new"  # the local or imported part of a day's count, as bulletins split it
    return m.group("noun").lower() in ("deaths", "fatalities"), words


def lead_head(sentence: str, parent: Any, records: list[Record]) -> Record | None:
    """'The number of deaths remained at 301. Of the locally transmitted cases, 8 were
    reported in Seoul': the count of the family the opening names, when the head said in an
    earlier sentence is of the other family (deaths for cases, or cases for deaths)."""
    from flareup.ingest.bulletin.wording import family_head  # (wording imports this module)

    lead_of = lead_noun(sentence)
    if lead_of is None or parent is None or parent.num.end != 0:
        return None
    if parent.category is None or parent.category.startswith("deaths") == lead_of[0]:
        return None
    return family_head(records, *lead_of)


def origin_items(head: Record | None, targets: list[Any], gaz: Gazetteer) -> bool:
    """Whether every place of a breakdown item of ``head`` is a country of origin."""
    return (
        head is not None
        and bool(targets)
        and all(tg is not None and import_origin(head, tg.place, gaz) for tg in targets)
    )


#: "...; none were locally transmitted", "none of them was imported": a zero of an origin
_NONE_OF_ORIGIN = rx.compile(
    r"\s+(?:of\s+(?:them|these|those|the\s+(?:new\s+)?(?:cases|infections))\s+)?(?:were|was)\s+"
    r"(?:(?P<local>locally[- ](?:transmitted|acquired)|local|domestic(?:ally[- ]transmitted)?|"
    r"(?:acquired|transmitted)\s+locally|from\s+the\s+community)|"
    r"(?P<imported>imported|from\s+abroad|acquired\s+(?:abroad|overseas)))\b",
    re.IGNORECASE,
)


def none_of_origin(rest: str) -> Typing | None:
    """'6 new imported cases; none were locally transmitted': a zero of the day's cases of
    that origin (a flow, the new cases of the clause before), or None when ``rest`` (the
    words after 'none') names no origin."""
    m = _NONE_OF_ORIGIN.match(rest)
    if m is None:
        return None
    t = Typing("cases", True, False, has_head=True)
    t.local, t.imported = m.group("local") is not None, m.group("imported") is not None
    return t
