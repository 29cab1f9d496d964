"""The noun phrase before a count's number (``pre_np_family``): 'the total number of confirmed
cases reached 90,182', 'the death toll rose to 45', 'bringing the total to 1,234', 'the COVID
tally crossed 31 lakh', 'The number of new asymptomatic cases, which ..., rose to 32', a series
('the number of cases was ..., with 12 on Monday, 9 on Tuesday') and places listed each 'with'
its number ('cases were reported from Region III with 9,448; Region VII with'). The rest of
the wording around a count is in ``wording``.
"""

from __future__ import annotations

import re

from flareup.ingest.bulletin import flowwords, periods, rx
from flareup.ingest.bulletin.categories import Typing
from flareup.ingest.bulletin.cues import ACTIVE_NP as _ACTIVE_NP

_PRE_NP = rx.compile(
    r"(?:(?P<total>total|number|tally|caseload|count|toll|figure)(?:\s+number|\s+no\.)?(?:\s+of)?"
    # a list of names inside ("the toll in Guinea, Liberia and Sierra Leone has risen to")
    r"(?:\s+(?P<np>(?:[^,;]|,\s*(?=(?:probable|confirmed|suspected?)\b|(?-i:[A-Z][a-z]))){0,160}?))?"
    r"|(?P<np2>(?:confirmed\s+|new\s+|daily\s+|active\s+|local\s+|imported\s+|asymptomatic\s+|total\s+|covid-19\s+|positive\s+|"
    r"suspected\s+|probable\s+|(?:typhoid|cholera|dengue|measles|ebola|plague|malaria)\s+)*(?:cases|infections|deaths|death\s+toll|fatalities|recoveries|contacts|tests|samples?\s+tested|hospitali[sz]ations|"
    # "Recovered patients increased to 11,158": patients named by what became of them
    r"(?:recovered|discharged|cured|infected|hospitali[sz]ed)\s+(?:patients|people|persons))[^,;]{0,40}?))"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:now\s+)?(?:reached|rose|risen|climbed|jumped|increased|grew|grown|"
    # "with total infections exceeding 2.84 million", "the number of deaths gained 6,572",
    # "cases shot up 21,333 in one day"
    r"exceeding|surpassing|topping|reaching|passing|nearing|crossing|gained|gains|gaining|decreased|"
    r"shot\s+up|shoots\s+up|stands?|stood|is|was|were|are|came|hit|totall?ed|amounted|remain(?:ing|ed|s)?(?:\s+unchanged|\s+steady|\s+stable)?|becomes?|became|crossed|surpassed|exceeded|topped|passed|fell|dropped|declined|adding|added|"
    # "related deaths has accumulated to 63", "recoveries also went up by 125"
    r"accumulated|accumulating|went|gone|"
    # "cases in the cluster now number 412", "deaths total 56": the count as a verb
    # (not "confirmed in total with 590 local")
    r"(?<!\bin\s)(?<!\bthe\s)(?<!\ba\s)(?:number(?:s|ed)?|totals?)|"
    r"increasing|rising|growing|mounted|soared|surged|stagnat(?:es|ed|ing)|"
    r"passes|tops|hits|reaches|rises|climbs|exceeds|surpasses|crosses|nears|approached|approaches|to|at|of)"
    r"(?:\s+(?:up|down)(?=\s+(?:to|by)\b))?(?:\s+from)?"
    r"(?:\s+(?:to|at|by))?\s*(?:a\s+total\s+of\s+|a\s+(?:new\s+)?(?:record|high|low)\s+(?:of\s+)?)?(?:[^\s,;]+\s+){0,1}$",
    re.IGNORECASE,
)


_DAY_ITEM = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|zero|none)\s+on\s+"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
)
_SERIES_WITH = rx.compile(
    r"\b(?P<total>number)\s+of\s+(?P<np>[^,;]{1,60}?)\s+(?:was|were|has\s+been|had\s+been|"
    r"remained|stayed|hovered)\b[^;]{0,90}?,\s*with\s+(?:" + _DAY_ITEM + r"\s*,?\s*(?:and\s+)?)*$"
    r"(?P<np2>(?!))?",
    re.IGNORECASE,
)
#: "cases were reported from Region III with 9,448 at 14 percent; Region VII with": the
#: places a noun phrase's counts came from, listed each 'with' its number
_PLACES_WITH = rx.compile(
    r"(?P<most>\bmost\s+(?:[\w-]+\s+){0,2}?)?\b(?P<np>cases|infections|deaths|fatalities)\s+"
    r"(?:were|was|have\s+been|had\s+been)\s+"
    r"(?:mostly\s+|mainly\s+)?(?:reported|recorded|registered|detected|logged)\s+(?:from|in)\s+"
    r"(?:[^;.\d]{1,60}?\s+with\s+[\d,]+(?:\s+at\s+[\d.]+\s*(?:%|percent|per\s+cent))?\s*[;,]\s*"
    r"(?:and\s+)?)*[^;.\d]{1,60}?\s+with\s+$",
    re.IGNORECASE,
)

#: a ranking of places said with the verb before it: "Lagos and Kano reported the most cases,
#: with 120 and 45 respectively", "A continues to have the highest number of deaths with 41,
#: followed by B with 12 and C with 9", "A had the highest number of cases, 2,014, followed by
#: B with 980": each number is a count of the ranked noun (``np``); a verb of having, a
#: present perfect or 'continues to' ranks totals (``state``)
_RANKED_WITH = rx.compile(
    r"(?:\b(?P<state>has|have|had|continues?\s+to|continued\s+to|accounts\s+for)\s+(?:\w+\s+){0,2}?)?"
    r"\b(?:the\s+)?(?:most|highest|largest|greatest|biggest)\s+(?:number\s+of\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?P<np>cases|infections|deaths|fatalities)\s*"
    r"(?:[-–—,:]\s*)?(?:with\s+)?(?:(?:about|over|nearly|some|around)\s+)?"
    r"(?:(?:[\d,]+\s*(?:,\s*|\s+and\s+))*|[\d,]+\s*,?\s*followed\s+by\s+"
    r"(?:[^;.\d]{1,60}?\s+with\s+[\d,]+\s*(?:,\s*|\s+and\s+))*[^;.\d]{1,60}?\s+with\s+)$",
    re.IGNORECASE,
)

#: a count in brackets after its noun phrase: "The cumulative number of dengue cases in 2021
#: (4,210) is ...", "the total number of deaths so far (88)"
_NUMBER_OF_BRACKET = rx.compile(
    r"\b(?P<cue>total|cumulative|overall)?\s*number\s+of\s+(?:[\w-]+\s+){0,3}?"
    # (a year between: "... cases in 2016 (12,525)")
    r"(?P<np>cases|infections|deaths|fatalities)\b(?:[^().;\d]|\b(?:19|20)\d\d\b){0,40}\(\s*$",
    re.IGNORECASE,
)


#: 'new' of the disease, not of the count: "China's new coronavirus (COVID-19) epidemic", "the
#: novel coronavirus", "a new strain", "the new variant"
_NEW_DISEASE = rx.compile(
    r"\b(?:new|novel)\s+(?:(?:strain\s+of\s+(?:the\s+)?)?(?:corona)?virus|strain|variant|disease|"
    r"outbreak|epidemic|pandemic|pneumonia|wave|flu|influenza)\b",
    re.IGNORECASE,
)


#: a period inside the noun phrase: "The number of dengue cases reported throughout the country
#: from Dec 10 to 16 was 985", "the number of cases reported during the week": that period's
#: count, a flow unless the period is long (the caller's rule of long periods)
_PERIOD_IN_NP = rx.compile(
    r"\b(?:from|between)\s+[^,;]{1,30}?\b(?:to|and|until|till|through)\s+\S|"
    # (not "during the same period in 2021": the year so far, as this year's)
    r"\b(?:during|in|over|within)\s+(?:the\s+)?(?:(?:past|last|previous)\s+)?(?:(?!same\b)\w+\s+)?"
    r"(?:week|month|fortnight|period|days)\b",
    re.IGNORECASE,
)


def pre_np_family(sent: str, c0: int, start: int, t: Typing) -> str | None:
    """'the total number of confirmed cases reached 90,182', 'the death toll rose to 45',
    'bringing the total to 1,234': the noun phrase before the number."""
    before = sent[max(c0, start - 170) : start]
    verb_hedge = rx.match(
        r"(?:exceeding|surpassing|topping|passing|nearing|crossing)\b", sent[start:]
    )
    if verb_hedge is not None:
        before += verb_hedge.group(0) + " "  # "with total infections exceeding 2.84 million"
    aside = rx.search(
        r",\s*(?:which|who)\b[^,;]{0,80},\s*(?:(?:has|have|had)\s+)?(?:now\s+)?\w+\s+(?:to\s+|at\s+)?$",
        sent[max(0, start - 200) : start],
        re.IGNORECASE,
    )
    if aside is not None:
        # "The number of new asymptomatic cases, which China does not classify as confirmed
        # cases, rose to 32": the noun phrase before the relative clause
        whole = sent[max(0, start - 200) : start]
        before = (
            whole[: aside.start()] + " " + whole[aside.end() - len(aside.group(0).split(",")[-1]) :]
        )
        before = before[-120:]
    if rx.search(
        r"\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?(?:deaths|fatalities)\s+(?:out\s+of|from|among)\s+"
        r"(?:a\s+total\s+of\s+)?$",
        before,
        re.IGNORECASE,
    ):
        return None  # "1,169 deaths out of 5,368 cases": the cases are not the deaths' noun
    if rx.search(r"\b(?:of\s+which|of\s+whom|among\s+them|including)\s+$", before, re.IGNORECASE):
        return None  # "1409 of which 490 were confirmed": a part of the number before
    if rx.search(
        r"\b(?:previous|earlier|former|old|last)\s+(?:daily\s+|single-day\s+|one-day\s+)?"
        r"(?:high|record|peak)\s+(?:of\s+)?$",
        before,
        re.IGNORECASE,
    ):
        # "today's tally surpassed the previous high of 206 on April 17": a total only grows,
        # so a previous high is a day's count
        t.stock = False
        return "cases"
    if rx.search(
        r"\bnumber\s+of\s+(?:hospital\s+)?beds\s+occupied\b[^.;]*$|\bbed\s+occupancy\b[^.;]*$",
        before,
        re.IGNORECASE,
    ):
        t.stock = True  # "the number of hospital beds occupied by patients ... reaching 70"
        return "hospitalized"
    if flowwords.for_a_total(sent, start, before):
        # "1,641 deaths in the last 24 hours, for a total of 190,357": the total of what the
        # sentence counted
        t.stock = True
        return "__same__"
    bracket = _NUMBER_OF_BRACKET.search(before)
    if bracket is not None:
        if t.stock is None and (
            bracket.group("cue") or rx.search(r"\b(?:so\s+far|to\s+date)\b", bracket.group(0))
        ):
            t.stock = True  # "the cumulative number of cases (4,210)"
        return "deaths" if bracket.group("np").lower().startswith(("death", "fatal")) else "cases"
    m = _PRE_NP.search(before)
    if m is not None:
        # "the death toll jumped to 52 and confirmed infections rose to 2,036": the noun
        # phrase after the earlier count, not the one before it
        g = "np" if m.group("np") else "np2"
        inner = list(
            rx.finditer(
                # "... at 98.75 per cent and total recoveries reached": two words of a unit
                r"(?<![-\w.])\d[\d,.]*(?:\s+[a-z]+){0,2}\s+(?:and|while|but|whereas)\s",
                m.group(g) or "",
            )
        )
        if inner:
            m = _PRE_NP.search(before, m.start(g) + inner[-1].end())
    if m is not None and m.group("np2"):
        rel = rx.search(
            r"\b(?:which|that)\s+(?:\w+\s+){0,3}?(?=(?:caseload|tally|count|total|toll)\b)",
            m.group("np2"),
            re.IGNORECASE,
        )
        if rel is not None:
            # "118 deaths which raised the caseload to 48,79,317": the noun the relative clause
            # raises, not the deaths before it
            m = _PRE_NP.search(before, m.start("np2") + rel.end()) or m
    if not m:
        # "The number of daily new local cases was in the single digits ..., with eight on
        # Saturday, eight on Sunday and three on Monday": a series of days of that number
        m = _SERIES_WITH.search(sent[max(0, start - 200) : start])
    if not m:
        ranked = _PLACES_WITH.search(sent[max(0, start - 240) : start])
        if ranked is not None:
            # "most dengue cases were reported from Region III with 9,448; Region VII with
            # 7,771": the places of the noun phrase's counts, each 'with' its number; where
            # most were, a ranking of totals unless a period was said
            if ranked.group("most") and t.stock is None:
                t.stock = True
            return (
                "deaths" if ranked.group("np").lower().startswith(("death", "fatal")) else "cases"
            )
        ranked = _RANKED_WITH.search(sent[max(0, start - 240) : start])
        if ranked is not None:
            if ranked.group("state") and t.stock is None:
                t.stock = True  # "continues to have the highest number of cases with 4,541"
            return (
                "deaths" if ranked.group("np").lower().startswith(("death", "fatal")) else "cases"
            )
        if rx.search(
            r"\bto\s+(?:reach|hit|top)\s+(?:a\s+total\s+of\s+)?$|"
            r"\b(?:bringing|taking|takes|brings|brought|took|raising|pushing)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:totals?|tall(?:y|ies)|counts?|numbers?)\s+(?:[\w-]+\s+){0,4}to\s+$",
            before,
            re.IGNORECASE,
        ):
            t.stock = True
            return "__same__"
        return None
    np = (m.group("np") or m.group("np2") or "").lower()
    rise = rx.search(
        r"\b(?:rose|jumped|climbed|increased|grew|surged|soared|shot\s+up|went\s+up|gained)\s+"
        r"(?:(?:over|more\s+than|nearly|about|some|almost|around)\s+)?$",
        before,
        re.IGNORECASE,
    )
    if rise is not None:
        t.stock = False  # "cases shot up 21,333 in one day": the rise itself, no 'to'
    if rx.search(
        r"\b(?:pregnant\s+women|children|health(?:care)?\s+workers|medical\s+staff)\b", np
    ):
        t.skip = True  # "the number of pregnant women grew by 75": a demographic part
        return None
    if rx.search(
        r"\b(?:average|mean|median|rate|ratio|percentage|proportion|share)\b", np
    ) or rx.search(
        r"\b(?:average|mean|median|rate|ratio|percentage|proportion|share)\s+(?:number\s+)?of\s+$",
        before[: m.start("np2")] if m.group("np2") else "",
        re.IGNORECASE,
    ):
        t.skip = True  # "the seven-day average of new cases fell to 1,230": not a count
        return None
    if (
        m.group("total")
        and rx.search(r"\b(?:their|its)\s+(?:total\s+)?$", before[: m.start()], re.IGNORECASE)
        and not rx.search(r"\b(?:cases|infections|deaths|patients|contacts|tests)\b", np)
    ):
        # "816 more carriers were reported. Their number grew to 10,625": the total of what
        # the sentence before counted
        t.stock = True
        return "__same__"
    if (
        (m.group("total") or "").lower() == "toll"
        and not np.strip()
        and rx.search(
            r"\b(?:bringing|taking|raising|pushing|brings|takes|raises|pushes|brought|took|raised|"
            r"pushed)\s+(?:the|its|their)\s+$",
            before[: m.start()],
            re.IGNORECASE,
        )
        and not rx.search(r"\b(?:death|died|dead|fatal|killed|lives)", before, re.IGNORECASE)
        and rx.search(r"\d", sent[: max(c0, start - 170) + m.start()])
    ):
        # "75 new cases, raising the toll to 1,838": the toll of what the sentence counted
        t.stock = True
        return "__same__"
    if (
        (
            np.strip() in ("tally", "count")
            or (not np.strip() and (m.group("total") or "").lower() in ("tally", "count"))
        )
        and rx.search(
            r"\b(?:bringing|taking|raising|pushing|brings|takes|raises|pushes|brought|took|raised|"
            r"pushed)\s+(?:the|its|their)\s+(?:total\s+|overall\s+)?$",
            before[: m.start()],
            re.IGNORECASE,
        )
        and rx.search(
            # (of recoveries or tests: a tally after cases and deaths is of the cases)
            r"\d[\d,.]*(?:\s+(?:million|lakh|crore)s?)?\s+(?:[\w-]+\s+){0,2}?(?:recoveries|"
            r"discharges|tests|samples)\b(?:(?!\b(?:cases|infections|deaths|fatalities)\b)[^\d])*$",
            sent[: max(c0, start - 170) + m.start()],
            re.IGNORECASE,
        )
    ):
        # "1,092 more recoveries, bringing the tally to 211,561", "47,400 tests, raising the
        # total count to 4.66 million": the total of what the sentence counted
        t.stock = True
        return "__same__"
    # "India's tally now stands at": an adverb is no noun phrase
    np = rx.sub(r"^(?:now|so\s+far|currently|already|thus\s+far)\b\s*", "", np.strip())
    if m.group("total") and m.group("total").lower() in ("total", "tally", "toll"):
        t.stock = True
    if rx.search(r"\b(?:total|cumulative|so\s+far)\b", before, re.IGNORECASE):
        t.stock = True
    if _ACTIVE_NP.search(np) or rx.search(
        r"\b(?:active|existing|current)\s+(?:case\s*)?$", before[: m.start()], re.IGNORECASE
    ):
        t.active = True  # "India's active caseload fell below 7 lakh"
        t.stock = True
    # "The number of fatalities from China's new coronavirus epidemic climbed to 1,665": a new
    # virus, strain or epidemic is not a new count
    np = _NEW_DISEASE.sub(" ", np)
    if rx.search(r"\b(?:new|daily|additional|fresh)\b", np) and not rx.search(
        r"\b(?:total|cumulative)\b", before, re.IGNORECASE
    ):
        t.stock = False  # "the number of new asymptomatic cases rose to 32": a day's count
    if (
        not np.strip()
        and (m.group("total") or "").lower() == "total"
        and rx.search(r"\d", sent[: max(c0, start - 170) + m.start()])
        and rx.search(r"\btotal\s+(?!of\b)\w", m.group(0), re.IGNORECASE)  # not "a total of 19"
    ):
        t.stock = True
        return "__same__"  # "A further 28 people have died, bringing the UK total to 42,072"
    if (m.group("total") or "").lower() in ("tally", "count", "total", "figure") and rx.search(
        r"\b(?:death|fatality|mortality|casualty)\s*$", before[: m.start()], re.IGNORECASE
    ):
        t.stock = True if t.stock is None else t.stock
        return "deaths"  # "taking the country's fatality tally to 9,009": a tally of deaths
    if (m.group("total") or "").lower() in ("tally", "count", "total", "figure") and rx.search(
        r"\b(?:recovery|recoveries|discharge)\s*$", before[: m.start()], re.IGNORECASE
    ):
        t.stock = True if t.stock is None else t.stock
        return "recovered"  # "taking the overall recovery count to 370"
    if (m.group("total") or "").lower() in ("number", "count", "figure") and rx.search(
        r"\b(?:infection|case)\s*$", before[: m.start()], re.IGNORECASE
    ):
        t.stock = True if t.stock is None else t.stock
        return "cases"  # "the infection number has reached 74": a count of cases
    if np.strip() in ("tally", "caseload", "count", "case count", "case tally") or (
        not np.strip()
        and (m.group("total") or "").lower()
        in (
            "tally",
            "caseload",
            "total",
            "count",
        )
    ):
        t.stock = True
        return "cases"
    if not rx.search(r"recover|discharg|\bcured\b", np) and (
        "death" in np
        or (m.group("total") or "").lower() == "toll"
        or "fatalit" in np
        or "casualt" in np  # "the total number of casualties in 2020": of an outbreak, deaths
        or rx.search(r"\b(?:died|dead|killed|lives)\b", np)  # "the number of people who have died"
    ):
        t.stock = True if t.stock is None else t.stock
        return "deaths"
    if (
        rise is None
        and not rx.search(r"\b(?:new|daily|additional|more)\b", np)
        and not _PERIOD_IN_NP.search(np)
        and not (
            # "In week 45, the number of dengue cases was 1,373": the count of that week
            m.re.pattern == _PRE_NP.pattern
            and (m.group("total") or "").lower() == "number"
            and periods.period_opens_clause(sent[: max(c0, start - 170) + m.start()])
        )
    ):
        t.stock = True  # "fatalities remaining at 32", "the number of ... stands at"
    if rx.search(
        r"\b(?:critical\s+care|intensive\s+care|icus?|critical\s+condition|serious\s+condition|"
        r"severe\s+condition|ventilators?|ventilation|"
        # "the number of severe cases decreased by 173 to 1,963", "patients with severe
        # symptoms rose to 43", "critically ill patients"
        r"(?:severe|serious|critical)\s+(?:cases?|symptoms|illness|patients)|"
        r"(?:severely|seriously|critically)\s+ill)\b",
        np,
    ):
        if rx.search(r"\bby\s+$", before):
            t.skip = True  # "the number of severe cases decreased by 113 to 11,864": a change
            return None
        return "severe"  # "the number of patients in critical care was recorded at 1,220"
    if rx.search(
        r"\b(?:admitted|hospitali[sz]ed|hospitali[sz]ations|in-?patients)\b|"
        r"\b(?:people|patients|persons)\s+(?:\w+\s+)?in\s+(?:the\s+)?hospitals?\b",
        np,
    ):
        if rx.search(r"\bby\s+$", before):
            t.skip = True  # "hospitalisations fell by 40 to 1,200": a change of a stock
            return None
        return "hospitalized"  # "the total number of cases admitted to hospitals ... is 1,844"
    if rx.search(r"recover|discharg|\b(?:cured|healed)\b", np):
        return "recovered"
    if len(set(rx.findall(r"\b(suspect|probable|confirmed)", np))) >= 2:
        return "cases"  # "the total number of probable, confirmed and suspected cases"
    if rx.search(r"\bsuspect", np):
        return "suspected"
    if rx.search(r"\bprobable", np):
        return "probable"
    if rx.search(r"\bnegative\b", np):
        return "tested_negative"  # "the number of cases excluded after negative results"
    if rx.search(r"quarantin|observation|isolation", np):
        return "under_observation"
    if "asymptomatic" in np:
        return "asymptomatic"
    if "contact" in np:
        return "contacts"
    # (not the 'test' of "the latest resurgence"; "people who have tested positive": cases)
    if rx.search(r"\btest(?!ed\s+positive)", np):
        return "tested"
    if rx.search(r"\b(?:cases|infections?|patients|confirmed|infected|tested\s+positive)\b", np):
        if _ACTIVE_NP.search(np):
            t.stock = True
        if rx.search(r"\bimported\b", np):
            t.imported = True
        if rx.search(r"\blocal", np):
            t.local = True
        if rx.search(r"\bnew\b", np) and t.stock is None:
            t.stock = False
        elif m.group("total"):
            t.stock = True if t.stock is None else t.stock
        return "cases"
    if (m.group("total") or "").lower() in ("tally", "caseload", "count"):
        t.stock = True
        return "cases"  # "The COVID tally of the country crossed 31 lakh"
    return None
