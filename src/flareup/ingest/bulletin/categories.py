"""What a number counts: its category in the bulletin vocabulary (``CATEGORIES``, defined
in ``vocabulary`` with the registry metric of each), typed as a flow or a stock from the noun
phrase after it, the verb, and cue words ('new', 'additional', 'total', 'cumulative',
'remaining', 'still being treated', 'so far', 'since'). ``type_english`` reads the phrase
around the number (its modifiers, head and predicate); the rules that name its category from
them are in ``phrase_category``.
"""

from __future__ import annotations

import re

from flareup.ingest.bulletin import casewords, flowstock, flowwords, noncounts, predicates, rx
from flareup.ingest.bulletin.cues import (
    _GROUP_COUNT,
    _MOD_WORDS,
    _MODS_ONLY,
    _NOT_PEOPLE,
    _NP,
    _PARTS_LEAD,
    _PRED_WINDOW,
    _STATUS_SUBSET,
    _SUBSET,
    _SUBSET_WITH,
    _SUBSET_WITH_WORDS,
    _WHOLE_OF_PART,
)
from flareup.ingest.bulletin.cues import bare_label as bare_label
from flareup.ingest.bulletin.cues import label_stock as label_stock
from flareup.ingest.bulletin.cues import names_a_day as names_a_day
from flareup.ingest.bulletin.cues import part_on_a_day as part_on_a_day
from flareup.ingest.bulletin.families import Typing as Typing
from flareup.ingest.bulletin.families import finish as finish
from flareup.ingest.bulletin.families import none_of
from flareup.ingest.bulletin.phrase_category import phrase_category
from flareup.ingest.bulletin.vocabulary import CATEGORIES as CATEGORIES
from flareup.ingest.bulletin.vocabulary import STOCK_METRIC_OVERRIDE as STOCK_METRIC_OVERRIDE
from flareup.ingest.bulletin.vocabulary import metric_for as metric_for

#: a count's own noun of people and the place it is in: "12 cases in Chile", "150 cases and
#: 5 deaths in Brazil"
_ITEM_IN_PLACE = rx.compile(
    r"\s+(?:(?:new|additional|confirmed|suspected)\s+){0,2}(?:cases?|deaths?|infections?)\b"
    r"[^();]{0,30}?\b(?:in|from)\s+(?:the\s+)?[A-Z]"
)


#: "brings to 897 the total number of ...": a total's verb and 'to' before its number
_TO_BEFORE = rx.compile(
    r"\b(?:brings?|brought|bringing|raises?|raised|raising|takes?|took|taking|pushes|pushed|"
    r"pushing|puts?|putting|lifts?|lifted|lifting)\s+(?:up\s+)?to\s+(?:about\s+|over\s+|"
    r"more\s+than\s+|nearly\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)
#: ... and the total's name after it, whose noun phrase is the count's
_INVERTED_TOTAL = rx.compile(
    r"\s*the\s+(?:(?:overall|total|cumulative)\s+)?(?:number|tally|count|toll|total)\s+of\s+",
    re.IGNORECASE,
)


def type_english(
    sentence: str,
    start: int,
    end: int,
    clause_start: int,
    next_num: int,
    *,
    of_part: bool = False,
) -> Typing:
    """Type the number at ``sentence[start:end]``: category, flow/stock, local/imported.

    ``clause_start``: where its clause begins (cue words before the number are read from
    there); ``next_num``: where the next number begins (its phrase ends there)."""
    if rx.fullmatch(r"none|no\s+one|not\s+one", sentence[start:end], re.IGNORECASE) and rx.match(
        r"\s+of\b|\s+(?:(?:has|have|had)\s+)?(?:tested|died|were|was)\b", sentence[end:]
    ):
        # "none of the two men's 147 close contacts tested positive": a zero of what the verb
        # says, not of the noun ("none were locally transmitted": of an origin)
        return casewords.none_of_origin(sentence[end : end + 120]) or none_of(
            sentence[end : end + 120]
        )
    if flowwords.in_for_totals_list(sentence[:start]):
        # "... and 62 deaths, for totals of 234,000 and 8,900": totals, each of the count
        # listed in its place before (``flowwords.respective_total``), not of the last noun
        return Typing(None, False, True)
    if next_num > end and rx.fullmatch(
        r"\s+of\s+(?:the|these|those|all(?:\s+the)?)\s+", sentence[end:next_num], re.IGNORECASE
    ):
        # "the remaining 23 of the 40 new cases": a part, counted as the whole's noun says
        whole = rx.match(
            r"(?:(?:over|more\s+than|about|nearly|around|some|almost|at\s+least|up\s+to)\s+)?"
            r"(?:\d[\d,.]*(?:\s*(?:million|billion|thousand|lakhs?|crores?))?|[A-Za-z-]+)",
            sentence[next_num:],
            re.IGNORECASE,
        )
        if whole is not None:
            part = type_english(
                sentence,
                next_num,
                next_num + whole.end(),
                clause_start,
                len(sentence),
                of_part=True,
            )
            part.active = False
            if part.category == "suspected" and predicates.confirmed_part(
                sentence[next_num + whole.end() :]
            ):
                # "Six of these 25 suspected cases have been laboratory confirmed": the
                # confirmed ones of them, so far
                part.category, part.stock = "cases", True
            # "Two of the 14 new cases were health workers": a demographic part, no count
            part.skip = part.skip or noncounts.part_is_subset(sentence[next_num + whole.end() :])
            return part
    if not of_part and rx.search(
        r"\b(?:none|neither|both|each|any)\s+of\s+(?:the|these|those|its|their)\s+$",
        sentence[max(0, start - 25) : start],
        re.IGNORECASE,
    ):
        # "none of the two affected men's 147 close contacts": the two said before
        return Typing(None, False, None, skip=True)
    if (
        not of_part
        and _WHOLE_OF_PART.search(sentence[max(0, start - 40) : start])
        and rx.match(
            r"\s*(?:residents|inhabitants|people|citizens|population|employees|students)\b",
            sentence[end:],
            re.IGNORECASE,
        )
    ):
        # "more than 2.8 million of the over 4.7 million residents": the whole is a population
        return Typing(None, False, None, skip=True)
    near = sentence[max(0, start - 60) : start]
    n_eq = (
        rx.search(
            r"\b(?P<np>(?:(?!(?:of|the|all|these|those)\b)[\w-]+\s+){0,2}(?:cases|deaths|infections|"
            r"patients|contacts))\s*\(\s*n\s*=\s*$",
            near,
            re.IGNORECASE,
        )
        if "=" in near  # (its 'n=' first: the scan ran for every number)
        else None
    )
    if n_eq is not None and not of_part:
        # "The majority of MERS-CoV cases (n=2193; 84%)": the number of the noun before it
        # (a share of a summary's cases, 'n=' counts them so far unless they are said new)
        phrase = f"{sentence[start:end]} {n_eq.group('np')}"
        part = type_english(phrase, 0, end - start, 0, len(phrase), of_part=True)
        if part.stock is None:
            part.stock = True
        return part
    stop = min(len(sentence), end + _PRED_WINDOW, next_num if next_num > end else len(sentence))
    # "1,364 probable1cases of measles": a footnote mark glued between two words
    after = rx.sub(r"(?<=[a-z]{3})\d{1,2}(?=[a-z]{3,})", " ", sentence[end:stop])
    after = flowwords.drop_days_compared(after)  # "down from 2,500 three days earlier"
    acronym = rx.match(
        r"((?:\s+[\w-]+){1,4}?)\s*\((?=[^)]*[A-Z][^)]*[A-Z])[A-Z][A-Za-z0-9-]{1,10}\)", after
    )
    if acronym is not None:
        # "36 Ebola Virus Disease (EVD) case-patients": an acronym in brackets is part of the
        # noun phrase, not an aside that ends it
        after = acronym.group(1) + after[acronym.end() :]
    if rx.match(
        r"\s+[A-Z][A-Za-z-]*(?:\s+[a-z][A-Za-z-]*){0,3}\s*:\s*\d", sentence[end : end + 60]
    ):
        # "Confirmed cases so far: 1,294 Deaths: 6": a line of labelled figures run together;
        # the words after a figure are the next figure's label, not its own noun
        after = ""
    # the phrase ends at a clause boundary (not at the dot of "in B.C. have died", an initialism)
    cut = rx.search(
        r"[;(]|\)|,\s*(?:and\s+)?(?:while|but|with|including|of\s+which|of\s+whom|among|bringing|taking|raising|pushing)\b|(?<![A-Z]\.[A-Z])\.\s|"
        r"/(?=\s*\d)",  # "367 cases/167 deaths": two counts
        after,
    )
    # "228 (72%) severe cases": a share in brackets between the number and its noun
    # ("1,520 (+45) cases": the day's rise in brackets, read by ``increments``)
    share = rx.match(r"\s*\(\s*(?:[\d.,]+\s*%|\+\s*[\d,]+)\s*\)", after)
    if share is None and rx.search(
        r"(?:%|percent|per\s+cent)\s*\(\s*(?:n\s*=\s*)?$",
        sentence[max(0, start - 14) : start],
        re.IGNORECASE,
    ):
        # "57% (1,174) were female": the words after the bracket are the number's
        share = rx.match(r"\s*\)", after)
        whole = share and rx.match(
            r"\s*\)\s+of\s+(?:the|these|those|all)\s+(?=(?:[\w-]+\s+){0,3}?(?:cases|deaths|patients)\b)",
            after,
            re.IGNORECASE,
        )
        if whole:
            # "Sixty-two percent (23) of the confirmed cases came from Iboko": a part, of the
            # kind the noun phrase after 'of the' names
            share = whole
    if share:
        after = " " + after[share.end() :]
        cut = rx.search(
            r"[;(]|\)|,\s*(?:and\s+)?(?:while|but|with|including|of\s+which|of\s+whom|among|bringing|taking|raising|pushing)\b|(?<![A-Z]\.[A-Z])\.\s",
            after,
        )
    aside = rx.match(
        r"([^()]*?)\((?:[^()]|\([^()]{0,20}\)){1,120}\)(\s*(?:tested|were|was|have|has|had|are|is|"
        r"died|recovered|remain(?:ed)?)\b[^()]{0,60})",
        sentence[end : end + _PRED_WINDOW + 80],
    )
    if aside and cut and cut.group(0) == "(" and cut.start() == len(aside.group(1)):
        # "Three laboratory specimens (from suspected cases ...) tested negative": the verb
        # after the aside is the noun phrase's
        after = aside.group(1) + aside.group(2)
        cut = rx.search(
            r"[;(]|\)|,\s*(?:and\s+)?(?:while|but|with|including|of\s+which|of\s+whom|among|bringing|taking|raising|pushing)\b|(?<![A-Z]\.[A-Z])\.\s",
            after,
        )
    comma = predicates.comma_aside(sentence[end : end + _PRED_WINDOW + 80])
    if comma and cut and cut.group(0).startswith(",") and cut.start() == len(comma.group(1)):
        # "eight people, including five from abroad, were still suspected": the verb after the
        # part set off by commas is the noun phrase's
        after = comma.group(1) + comma.group(2)
        cut = rx.search(r"[;(]|\)|(?<![A-Z]\.[A-Z])\.\s", after)
    phrase = after[: cut.start()] if cut else after
    if rx.search(
        r",\s*(?:of\s+(?:whom|which)|among\s+(?:them|whom|which))\s+$",
        sentence[max(0, start - 20) : start],
        re.IGNORECASE,
    ):
        # "329 asymptomatic cases, of whom 318 were imported, under medical observation": the
        # part set off by commas ends at its comma; what follows is the head's
        phrase = phrase.split(",", 1)[0]
    of_kind = flowwords.of_unnumbered_whole(sentence, start, end, phrase)
    if of_kind is not None:
        phrase = " " + phrase[of_kind:]  # "Lagos accounted for 52 of the new cases"
    # "one of whom was in severe condition", "one each in ...": the noun phrase is the parent's
    lead = rx.match(
        r"\s*(?:of\s+(?:them|whom|which|these|those|the\s+(?:new\s+|\w+\s+)?(?:cases|infections|"
        r"patients|samples|specimens|swabs|tests)|(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:workers|"
        r"employees|staff|handlers|residents|students|members|contacts))|each|apiece|in\s+total)\b,?",
        phrase,
        re.IGNORECASE,
    )
    if lead:
        phrase = " " + phrase[lead.end() :]
    inverted = _INVERTED_TOTAL.match(phrase)
    if inverted is not None and _TO_BEFORE.search(sentence[max(0, start - 40) : start]):
        # "brings to 897 the total number of confirmed MERS infections", "raising to 97 the
        # number of deaths": the total said after its number
        phrase = " " + phrase[inverted.end() :]
    before = sentence[clause_start:start]
    t_total = (
        inverted is not None and _TO_BEFORE.search(sentence[max(0, start - 40) : start]) is not None
    )
    before_near = before[-60:]
    t = Typing(None, False, None)
    if sentence.count("(", 0, start) - sentence.count(")", 0, start) >= 2 and rx.match(
        r"\s*\)", sentence[end:]
    ):
        t.skip = True  # "(from suspected cases reported in Iboko (2) and ...)": an aside's aside
        return t
    # ("4 regions, namely Dodoma (137 cases": a named item's own count, not the units')
    host = rx.search(r"\d[\d,.]*\s+([^()\d,;]{1,40}?)\s*\(\s*$", sentence[:start])
    if (
        host is not None
        and _NOT_PEOPLE.match(" " + host.group(1))
        # ("in 4 countries (12 cases in Chile, ...": the first item of a list by place, a
        # count of people with its own noun and place)
        and not _ITEM_IN_PLACE.match(sentence, end)
    ):
        t.skip = True  # "33 countries (4 new)": the new ones of what is not a count
        return t
    if noncounts.named_before(sentence, start, end):
        t.skip = True  # a population ('the city of 11 million'), 'the source of 17 cases'
        return t
    subset_near = sentence[max(0, start - 120) : start]
    if rx.has_any(subset_near, _SUBSET_WITH_WORDS) and _SUBSET_WITH.search(subset_near):
        t.skip = True  # "five healthcare workers have been affected, with four confirmed cases"
        return t
    if _STATUS_SUBSET.match(phrase) and _PARTS_LEAD.search(
        sentence[max(0, start - 150) : start].split(";")[-1]
    ):
        t.skip = True  # "13 imported cases, comprising four Singaporeans, two permanent residents"
        return t
    if (
        casewords.not_a_count(sentence, start, end)
        or casewords.bound_not_count(sentence, start, end)
        or casewords.difference_not_count(sentence, start, end)
        or casewords.exposure_part(sentence, start, end)
        or casewords.pending_or_share(sentence, start, end)
        or casewords.channel_part(phrase, sentence[max(0, start - 80) : start])
    ):
        t.skip = True  # an age by decade; a count by detection channel
        return t
    if noncounts.phrase_says_no_count(phrase):
        t.skip = True  # a demographic or clinical part, injured people, samples to re-test
        return t
    whole_group = (
        _GROUP_COUNT.match(phrase) is not None and not _PARTS_LEAD.search(before_near)
    ) or casewords.sickened_group(before_near)
    found_in = casewords.found_in_people(before_near, phrase)
    whole_group = whole_group or found_in  # "confirmed in four more pupils": the cases
    if (_SUBSET.match(phrase) and not whole_group) or _NOT_PEOPLE.match(phrase):
        t.skip = True
        return t
    np_m = _NP.match(phrase)
    as_m = rx.match(
        r"\s*(?:[a-z-]+\s+){0,3}?(?:[a-z-]+s|people)\s+(?:(?:in|from|at)\s+(?:[\w'’-]+\s+){1,6}?)?"
        r"(?:were|was|have\s+been|had\s+been)\s+(?:reported|confirmed|diagnosed|identified|classified|listed)\s+as\s+",
        phrase,
        re.IGNORECASE,
    )
    if as_m is None and np_m is None:
        # "Six of the new cases were local infections in Jilin"
        as_m = rx.match(
            r"\s*(?:were|was|are|is)\s+(?:all\s+)?(?=(?:new\s+)?(?:local|imported|asymptomatic|"
            r"domestic|locally|confirmed|suspected|probable|active|existing)\s+(?:[\w-]+\s+){0,2}(?:cases?|"
            r"infections?))",
            phrase,
            re.IGNORECASE,
        )
    if as_m and (
        np_m is None
        or np_m.group("head").lower()
        in ("people", "persons", "individuals", "residents", "workers")
    ):
        alt = _NP.match(phrase[as_m.end() :])
        if alt:
            phrase = phrase[as_m.end() :]
            np_m = alt
    mods = ""
    head = ""
    rest = phrase
    if np_m:
        mods = np_m.group("mods") or ""
        head = np_m.group("head").lower()
        rest = phrase[np_m.end() :]
        t.has_head = True
        # "cases of confirmed COVID-19 infections", "people with symptoms"
        of = rx.match(
            r"\s*(?:of|with)\s+((?:"
            + _MOD_WORDS
            + r"[\s,]+)*)(?:cases?|infections?|disease|illness)?",
            rest,
            re.IGNORECASE,
        )
        if of and of.group(0).strip().lower() not in ("of", "with"):
            # not a bare "of" before a place ("residents of Kashgar had been tested")
            mods += " " + of.group(0)
            rest = rest[of.end() :]
    else:
        mo = _MODS_ONLY.match(phrase)
        if mo:
            mods = mo.group("mods")
            rest = phrase[mo.end() :]
    # "Twelve people in the eastern Chinese city of Qingdao have tested positive"
    loc = rx.match(
        # "10,843 people infected with COVID-19 have been hospitalised": the verb is past it
        r"\s*(?:in|from|at|across|of|(?:infected|diagnosed|sick|ill)\s+with|(?:transferred|moved|"
        r"referred)\s+(?:from|to)|"
        # "147 patients receiving treatment at various health facilities were discharged"
        r"(?:receiving|undergoing)\s+(?:medical\s+)?treatment\s+(?:at|in)|being\s+treated\s+(?:at|in))"
        r"\s+(?:the\s+)?"
        r"(?:[\w'’-]+,?\s+){0,10}?(?=(?:have|has|had|were|was|are|is|tested|died|remain|being\s+treated|still)\b)",
        rest,
        re.IGNORECASE,
    )
    if loc and np_m:
        rest = rest[loc.end() :]
    # "Five patients, all in the city of Wuhan, were discharged": skip the apposition
    appo = rx.match(
        r"\s*,\s*(?:all|both|most|many)\s+(?:of\s+them\s+)?(?:in|from|at)\s+[^,;]{1,60},\s*", rest
    )
    if appo:
        rest = " " + rest[appo.end() :]
    rel = rx.match(
        # ("1,175 patients who earlier infected have recovered", "146 patients having been
        # contracted with the disease have recovered": who they are, then their verb)
        r"\s*,?\s*(?:(?:who|that)\s+(?:(?:earlier|previously|were|was|had\s+been|have\s+been|"
        r"has\s+been)\s+)+|having\s+been\s+)(?:tested|found|confirmed|diagnosed|infected|"
        r"contracted)\s+(?:positive\s+)?(?:(?:for|with)\s+(?:[\w-]+\s+){0,3}?)?,?\s*"
        r"(?=(?:have|has|had|were|was)\s+(?:\w+\s+)?(?:recovered|died|succumbed|been\s+discharged|"
        r"discharged)\b)",
        rest,
        re.IGNORECASE,
    )
    if rel and np_m:
        # "5,448 patients who were tested positive for the virus have recovered": the verb after
        # the relative clause that says who they are is theirs
        rest = " " + rest[rel.end() :]
    pred = rest[:70]
    # "no suspected cases or new deaths": the verb after a coordinated noun phrase is not ours
    coord = rx.search(
        r",?\s+(?:or|nor|and)\s+(?:no\s+|any\s+)?(?:new|additional|more|suspected|confirmed|"
        r"imported|local|asymptomatic)?\s*(?:[\w-]+\s+){0,2}?(?:cases?|deaths?|infections?|"
        r"patients?|contacts?|fatalities)\b",
        pred,
        re.IGNORECASE,
    )
    if coord and np_m:
        pred = pred[: coord.start()]
    if (
        not np_m
        and not mods.strip()
        and not rx.match(
            r"\s*(?:were|was|are|is|have|has|had|died|recovered|tested|remain(?:ed|ing)?|being|who|that|"
            r"which|got|still|currently|from\s+the\s+community|arriv(?:ing|ed)|from\s+(?:abroad|outside|overseas)|"
            r"caught|contracted|acquired|infected|"
            # "five ending in fatalities", "two proved fatal"
            r"ending\s+in|ended\s+in|resulting\s+in|resulted\s+in|proved|proving|"
            # "495 were confirmed positive, 15 probable and 1277 negative"
            r"negative|"
            r"on\s+(?:a\s+)?(?:ventilators?|respirators?|mechanical\s+ventilation)|"
            r"made\s+(?:a\s+)?(?:full\s+|complete\s+)?recover(?:y|ies)|"
            r"left|came|return(?:ed|ing|ees)|succumbed|new|more|met\s+the\s+criteria|"
            # "and 5 in hotel quarantine", "and 4 among returned travellers": where found
            r"(?:in|among)\s+(?:hotel|managed|mandatory|border|return(?:ed|ing)|overseas)\s+"
            r"(?:quarantine|isolation|travel(?:l)?ers|arrivals)|"
            # "16 of them for locals and 3 for arrivals", "one at the border": of an origin
            r"(?:for|among)\s+(?:locals|(?:the\s+)?(?:new\s+)?arrivals)|at\s+the\s+border|"
            r"in\s+(?:intensive|icu|critical|serious|severe|"
            r"a\s+critical|a\s+serious|a\s+severe|hospital|quarantine|isolation|the\s+community))\b",
            pred,
            re.IGNORECASE,
        )
    ):
        pred = ""  # "7,48,538 while the number of cured ... stands at": not this number's verb
    if np_m and (listed := predicates.list_verb(sentence, end)) is not None:
        pred = " " + listed + " " + pred  # "Five patients in A, six in B ... were discharged"
    own = mods + " " + head + " " + pred
    if head in ("ones", "others", "other", "more"):
        head = ""
        t.has_head = False
    if head in casewords.PEOPLE_HEADS or head.endswith("workers"):
        head_kind = "people"
    elif head in ("lives", "casualties"):
        head_kind = "deaths"  # "has claimed 1,400 lives", "45 casualties" of an outbreak
    else:
        head_kind = head
    # the verb before a number: "killed 5", "tested 1.2 million", "traced 300", "toll to 45"
    pre_verb = before_near[-45:]
    if rx.search(r"\b(?:discharged|cured)\s+$", pre_verb, re.IGNORECASE) and np_m:
        pred = " were discharged " + pred  # "Authorities discharged 125 patients"
    elif rx.search(r"\b(?:admitted|hospitali[sz]ed)\s+$", pre_verb, re.I) and head_kind in (
        "patients",
        "people",
    ):
        pred = " were hospitalised " + pred  # "Hospitals admitted 812 patients"
    pre_noun = rx.search(
        r"\b(?P<w>discharge|release|recovery|death|deaths|hospitali[sz]ation|admission|testing|"
        r"screening|sampling|quarantine|isolation|detection|infection|identification)s?\s+of\s+"
        r"(?:(?:another|a\s+further|more\s+than|over|about|some)\s+)?$",
        pre_verb,
        re.IGNORECASE,
    )
    if pre_noun and np_m:
        w = pre_noun.group("w").lower()
        if w in ("discharge", "recovery") or (w == "release" and "hospital" in pred[:40]):
            pred = " were discharged " + pred
        elif w.startswith("death"):
            pred = " died " + pred
        elif w.startswith(("hospitali", "admission")):
            pred = " were hospitalised " + pred
        elif w in ("testing", "screening", "sampling"):
            pred = " were tested " + pred
        elif w in ("quarantine", "isolation"):
            pred = " in quarantine " + pred
    flowstock.flow_or_stock(
        sentence, start, end, stop, mods, pred, phrase, rest, after, before_near, np_m, t
    )
    if rx.search(
        r"\(\s*(?:total|cumulative(?:\s+total)?|overall|in\s+total|so\s+far)\s*[:=]?\s*$",
        sentence[max(0, start - 30) : start],
        re.IGNORECASE,
    ):
        t.stock = True  # "1 234 new cases (total: 56 789)": the bracket gives the running total
    if t_total:
        t.stock = True  # "brings to 897 the total number of confirmed infections"

    cat = phrase_category(
        sentence,
        start,
        end,
        before,
        before_near,
        phrase,
        own,
        mods,
        head,
        head_kind,
        pred,
        rest,
        np_m,
        t,
    )
    if (
        not np_m
        and cat in ("cases", "suspected", "probable")
        and rx.fullmatch(
            r"\s*(?:(?:laboratory-|lab-)?confirmed|probable|suspected?|and|or|,|\s)+",
            mods,
            re.IGNORECASE,
        )
    ):
        t.status_only = True
    if (
        cat == "suspected"
        and t.stock is None
        and rx.match(r"[^,;.]{0,60}?\b(?:were|was)\s+(?:newly\s+)?reported\b", pred, re.I)
    ):
        t.stock = False  # "Two suspected cases ... were reported in Shanghai": that day's
    unit = (
        rx.search(
            r"\b(?P<w>recover(?:y|ies|ed)|discharges?|deaths?|fatalit(?:y|ies))\s+(?:tally\s+|toll\s+|"
            r"count\s+|total\s+|number\s+)?(?:has\s+|have\s+)?(?:amount(?:s|ed)?|reach(?:es|ed)?|"
            r"stands?|stood|totall?ed|rose|risen|climbed|increased)\s+(?:to\s+|at\s+)?$",
            before_near,
            re.IGNORECASE,
        )
        # (its nouns first: the scan ran for every number)
        if rx.has_any(before_near, ("recover", "discharge", "death", "fatalit"))
        else None
    )
    if (
        cat is None
        and not np_m
        and rx.match(
            r"\s*(?:with|and)\s+(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?:[\w-]+\s+)?(?:deaths|fatalities|dead)\b",
            sentence[end : end + 60],
            re.IGNORECASE,
        )
        and (
            sentence[end : end + 60].lstrip().lower().startswith("with")
            or rx.search(
                r"\btotal\b[^.;]{0,40}(?:is|was|stands\s+at|reached)\s+$", before_near, re.I
            )
        )
    ):
        # "Blantyre (650 with 26 deaths)", "the cumulative total is 4,266 and 77 deaths": the
        # cases, of which the deaths are a part
        cat = "cases"
    if cat is None and head_kind == "people" and flowwords.toll_rose_by(before_near):
        cat, t.stock = "deaths", False  # "the death toll surged by more than 6,500 people"
    if cat == "cases" and head_kind in ("cases", "case") and not mods.strip() and unit:
        # "the recovery tally amounted to 304,747 cases", "Cases of recovery amount to 26
        # cases": 'cases' is the unit; the noun before the verb says what is counted
        cat = "deaths" if unit.group("w").lower().startswith(("death", "fatal")) else "recovered"
        t.stock = True if t.stock is None else t.stock
    if cat == "cases" and not mods.strip():
        # "suspected cases are as follows: Delmas (8 cases), ...": the heading's kind
        cat = predicates.colon_kind(sentence, start) or cat
    if cat == "tested_negative" and rx.search(
        r"\b(?:all|everyone|everybody)\s+(?:but|except(?:\s+for)?)\s+$", before_near, re.IGNORECASE
    ):
        cat = "tested_positive"  # "all but 183 people had tested negative": the rest were not
    if cat == "severe" and rx.fullmatch(
        r"no\s+one|no-one|nobody|none", sentence[start:end], re.IGNORECASE
    ):
        t.has_head = True  # "with no one in serious condition": 'no one' is the people counted
    cat = casewords.recast(cat, head_kind, mods, pred, phrase, sentence, end, t)
    if cat == "cases" and (unit_of := casewords.unit_noun(sentence, start, head_kind, mods)):
        cat, t.stock = unit_of, True  # "the total deaths in the Kingdom to 110 cases"
    casewords.outbreak_total(sentence[end : end + 160], mods, t)
    casewords.phrase_cues(sentence, start, end, pred, t)
    if cat in ("recovered", "asymptomatic_released", "deaths"):
        casewords.day_flow(sentence, start, phrase, t)
    if cat == "cases" and casewords.existing_as_of(sentence, start, end, t):
        t.active, t.stock = True, True  # "As of 24:00, there are 3,183 confirmed cases"
    if cat is None and not np_m and flowwords.says_still_active(pred):
        cat, t.active, t.stock = "cases", True, True  # "... 112 have died and 138 are still active"
    t.category = cat
    if (
        cat == "cases"
        and head_kind in ("infections", "infection", "people", "")
        and rx.match(
            r"[^.;]{0,40}?(?:including|of\s+which|of\s+whom|among\s+them)\b[^.;]{0,80}?\basymptomatic\b",
            sentence[end:],
            re.IGNORECASE,
        )
        and rx.match(
            r"[^.;]{0,40}?(?:including|of\s+which|of\s+whom|among\s+them)\b[^.;]{0,60}?\bconfirmed\b",
            sentence[end:],
            re.IGNORECASE,
        )
    ):
        t.all_infections = (
            True  # "183 infections, including 21 confirmed cases and 162 asymptomatic"
        )
    if cat is None and found_in:
        cat = t.category = "cases"  # "Cholera has been detected in five more residents"
    if head_kind == "people" and cat is None:
        t.skip = True
    return t


def day_total(sentence: str, start: int, end: int) -> bool:
    """Whether the number at ``sentence[start:end]`` is a total of the last 24 hours ('Total
    Tests in Last 24 Hours: 42,396', 'a total of 42,396 tests in the last 24 hours'): the
    day's count, whatever 'total' says."""
    return bool(
        rx.search(r"(?:last|past)\s+24\s+hours\W*$", sentence[max(0, start - 30) : start], re.I)
        or rx.match(
            r"\s+(?:[\w-]+\s+){0,2}(?:in|over|during)\s+the\s+(?:last|past)\s+24\s+hours",
            sentence[end : end + 60],
            re.IGNORECASE,
        )
    )
