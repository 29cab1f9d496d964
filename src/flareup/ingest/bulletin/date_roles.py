"""The role of a date mention in its sentence (``_role``), read by ``dates.find_dates``.

A date next to a count is not always the count's day. ``_role`` reads the words around a
mention and names it: 'point' (the count's day), 'end' ('as of', 'by', 'Data as reported by
13 February'), 'start' ('since'), 'speech' (a statement's day, datelines too), 'event' (the
outbreak 'which began on May 20', 'fell ill on March 22', symptom onset, classification or
validation) or 'compare' ('up from five a day earlier', 'the highest since March').
``_CLOCK`` is the time of day written before a date ('10 AM CET on ').
"""

from __future__ import annotations

import functools
import re

from flareup.ingest.bulletin import rx

#: A time of day before a date: "10 AM CET ", "8 a.m. (Beijing time) on "
_CLOCK = (
    # ("1700 GMT Thursday": a wire's four-digit time, read only before its zone)
    r"(?:[012]?\d(?:[:.][0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?|h|hrs)?|(?:12\s+)?noon|midnight|"
    r"[012]\d[0-5]\d(?=\s*(?:gmt|utc|hrs)\b))\s*"
    r"(?:\(?(?:cet|cest|gmt|utc|est|edt|bst|eat|wat|cat|sast|ist|pst|pdt|cst|jst|kst|hkt|sgt|"
    r"aest|local\s+time|beijing\s+time)\)?\s*)?,?\s*(?:on\s+)?"
)
#: The date of an event, not of a count: "the outbreak, which began on May 20", "a man who
#: became sick on March 22", "was diagnosed on", "after returning on"
_EVENT = rx.compile(
    r"\b(?:began|begun|started|emerged|erupted|broke\s+out|became\s+(?:sick|ill)|fell\s+ill|"
    r"developed\s+symptoms|symptom\s+onset|onset\s+of\s+(?:symptoms|illness)|"
    r"(?:was|had\s+been)\s+(?:first\s+)?(?:diagnosed|hospitali[sz]ed|admitted|detected|identified)|"
    r"first\s+(?:detected|identified|reported|discovered|confirmed|recorded|registered|found)|"
    r"(?:arrived|returned|travell?ed|visited|flew)(?:\s+[\w-]+){0,5}?)\s+(?:on|in|around|at)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


#: "..., adding that the first death from dengue was reported on 21 June", "..., the first case
#: having been detected on 2 July": the day of a first case in a clause beside the counts, not
#: theirs (its words run past the 40 characters ``_EVENT`` reads)
_FIRST_EVENT = rx.compile(
    # (a clause set off from the counts' own: "The first case ... was reported on June 2."
    # opening its sentence is the day the text goes on from)
    r"(?:[,;]\s*|\bthat\s+)the\s+first\s+(?:[\w-]+\s+){0,3}?(?:case|death|patient|infection|fatality)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:was|were|having\s+been|had\s+been|has\s+been)\s+(?:officially\s+)?"
    r"(?:reported|recorded|detected|confirmed|identified|registered|diagnosed)\s+(?:on|in)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


#: "..., with the last reported cases being five days ago": the day of the latest case in a
#: clause beside the totals, not theirs
_LAST_CASE_EVENT = rx.compile(
    r"(?:\bwith|,)\s+the\s+(?:last|latest|most\s+recent)\s+(?:[\w-]+\s+){0,2}?(?:cases?|deaths?|"
    r"patients?|infections?)\s+(?:(?:being|was|were|having\s+been|had\s+been|has\s+been)\s+)?"
    r"(?:(?:reported|recorded|confirmed|detected|notified|registered)\s+)?(?:(?:on|in)\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


#: "since the outbreak first appeared in Wuhan, China, in early December": when and where the
#: outbreak began, with its place between the verb and the day
_ORIGIN_EVENT = rx.compile(
    r"\b(?:outbreak|virus|disease|epidemic|pandemic)\s+(?:(?:which|that|had|has|was)\s+)*"
    r"(?:first\s+)?(?:erupted|emerged|originated|broke\s+out|appeared|surfaced)\s+"
    r"in\s+(?:the\s+)?(?:[\w'’.-]+,?\s+){1,5}?(?:in|on|around)\s+(?:(?:early|late|mid)[\s-]+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
#: "close contacts of three cases that had been reported as asymptomatic cases on Tuesday":
#: when the people a count is about were classed, not the count's day
_CLASSED = rx.compile(
    r"\b(?:was|were|had\s+been)\s+(?:reported|confirmed|identified)\s+as\s+(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:cases?|patients?|carriers?)\s+(?:on|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "since the first case was reported in Bayelsa State on": the start of the period counted
_SINCE_FIRST = rx.compile(
    r"\bsince\s+the\s+(?:first|index)\b[^,;.()]{0,70}?\s(?:on|in)\s+(?:the\s+)?$"
    # "since the disease was first reported in the area on Thursday"
    r"|\bsince\s+(?:the\s+|its\s+)?[\w-]+\s+(?:was|were|had\s+been|has\s+been)\s+first\b"
    r"[^,;.()]{0,60}?\s(?:on|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SINCE_REPORT = rx.compile(
    r"\bsince\s+(?:the\s+|its\s+|our\s+|[A-Z][\w’']*\s+)?(?:last|previous|preceding)\s+"
    r"(?:[\w-]+\s+)?(?:report|update|sitrep|bulletin|briefing|press\s+release|communiqu[eé]|"
    r"(?:disease\s+)?outbreak\s+news|DON)\b"
    r"(?:(?!\b(?:cases?|deaths?|infections?)\b)[^;]){0,120}$",
    re.IGNORECASE,
)
#: "unrelated to the previous two cases diagnosed in Beijing on Tuesday": the day of earlier
#: cases the sentence refers back to, not of its count
_EARLIER_CASES = rx.compile(
    r"\b(?:previous|earlier|prior)\s+(?:[\w-]+\s+){0,3}?(?:cases?|patients?|deaths?|infections?)\s+"
    r"(?:[^\s,;.()]+\s+){0,6}?(?:on|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A second day of the same journey: "returned from India on Aug 7 and from Dubai on Aug 8"
_EVENT_LISTED = rx.compile(
    r"\b(?:arrived|returned|travell?ed|flew|arriving|returning)\s+[^.;]{0,60}?\b(?:on|in)\s+"
    r"[^.;]{1,25}?\s+and\s+(?:from|to|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:on|in)\s+$",
    re.IGNORECASE,
)


#: "The cases were reported in previous DONs on 11 March (case n. 8), on 6 March": the days
#: of earlier reports, not of a count
_PREVIOUS_REPORT = rx.compile(
    r"\b(?:in|by)\s+(?:the\s+|its\s+)?(?:previous|earlier|prior)\s+(?:[\w-]+\s+)?"
    r"(?:DONs?|reports?|updates?|bulletins?|sitreps?|(?:Disease\s+)?Outbreak\s+News)\b"
    r"(?:[^.;]|\.(?=\s*\d)){0,100}?\b(?:on|of|dated)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "the same as reported in the 26 September 2013 Epidemiological Alert", "in its 3 May
#: update": the day that names an earlier report (before the report's noun), not a count's
_REPORT_NAMED = rx.compile(
    r"\s*(?:[A-Z][\w-]*\s+){0,3}?(?:[Ee]pidemiological\s+)?(?:[Aa]lert|[Rr]eport|[Uu]pdate|"
    r"[Bb]ulletin|[Ss]itrep|[Pp]ress\s+[Rr]elease|DON|[Oo]utbreak\s+[Nn]ews)s?\b"
)
#: "three probable cases validated from late August/early September", "deaths reclassified
#: from March": when the cases happened, not the period the report counts them in
_VALIDATED = rx.compile(
    r"\b(?:validated|reclassified|back-?dated|retrospectively\s+\w+|dating\s+back)\s+"
    r"(?:from|to|in|on|between)\s+(?:the\s+)?(?:(?:late|early|mid)[\s-]+)?"
    r"(?:[A-Za-z]+\s*(?:/|and|or|to|-)\s*(?:(?:late|early|mid)[\s-]+)?)?$",
    re.IGNORECASE,
)
#: Symptom onset: "had their onset from November 22 to December 29", "with onset of symptoms
#: between May 27 and June 18", "onset dates ranged from": when the patients fell ill, not
#: when they were counted
_ONSET = rx.compile(
    r"\bonsets?\b(?:\s+(?:of\s+)?(?:symptoms|illness|disease))?(?:\s+dates?)?"
    r"(?:\s+(?:ranged|ranging|was|were))?\s+(?:from|between|on|in|of)\s+(?:the\s+)?"
    r"(?:(?:[\w,]+\s+){1,3}(?:and|to|-|–|until|through)\s+)?$"
)


#: a count in words ("five", "twenty-one", "a dozen")
_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
    r"(?:-[a-z]+)?|a\s+dozen)"
)


#: "compared with 18 symptomatic and one asymptomatic cases " before a day: the numbers
#: compared with, in one phrase (no clause break, but a number's own comma)
_COMPARED_LIST = rx.compile(
    r"\b(?:compared\s+(?:to|with)|than|versus|vs\.?|up\s+from|down\s+from)\s+"
    r"(?:about\s+|around\s+|nearly\s+)?(?:\d|no\b|" + _NUMBER_WORD + r"\b)"
    r"(?:[^;.,:()\[\]]|[,.](?=\d))*$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=16)  # (a third of the calls repeat one, within a sentence's reads)
def _role(sentence: str, start: int, end: int) -> str:
    before = sentence[max(0, start - 40) : start].lower()
    after = sentence[end : end + 12].lower()
    if before.endswith("[") and after.startswith("]"):
        # "between [1 Jan 2018] and [27 Jun 2018]": a day an editor set in brackets
        before, after = before[:-1], after[1:]
    if not sentence[:start].strip() and rx.match(
        r"\s*(?:\([^)]{1,20}\)\s*)?(?:--|—|–|-\s|:\s)", sentence[end : end + 25]
    ):
        return "speech"  # a dateline: "10 September 2014 --", "JUNE 23 (Reuters) —"
    if rx.search(
        # ("no new deaths, the same as the previous day", "unchanged from Monday")
        r"\b(?:compared\s+(?:to|with)|than|versus|vs\.?|(?:the\s+)?same\s+(?:(?:number|figure|level|"
        r"count|total)\s+)?as(?:\s+(?:on|in|for))?|"
        r"unchanged\s+from(?:\s+(?:on|in))?)\s+$",
        before,
    ):
        return "compare"
    if rx.search(
        r"\bthe\s+same\s+(?:number|figure|count|total|level|tally)\b[^.;\d]{0,60}?\s(?:on|in)\s+$",
        sentence[max(0, start - 90) : start],
        re.IGNORECASE,
    ):
        # "Lagos reported 535 cases, the same number of infections it reported on Friday": the
        # day compared with, not the count's
        return "compare"
    if _ONSET.search(before) or _VALIDATED.search(sentence, max(0, start - 60), start):
        return "event"  # "with onset of symptoms between May 27 and June 18": not the count's
    if rx.search(
        r"(?:(?:up|down|rose|fell|rising|falling|increased?|decreased?|jumped|dropped|climbed)\s+"
        r"from|compared\s+(?:to|with)|comparing\s+with|than|versus|vs\.?|against|\bto\s+[\d,.]+\s+from|"
        # "an increase of 267 new cases after recording 318 new cases on Thursday"
        r"\bafter\s+(?:recording|reporting|registering|logging|posting|confirming|adding))\s+"
        r"(?:about\s+|around\s+|nearly\s+)?(?:[\d,]+|" + _NUMBER_WORD + r")\s+(?:[a-z-]+\s+){0,3}$",
        before,
    ):
        return "compare"  # ("up from five a day earlier": a number in words too)
    if rx.search(
        r"\b(?:up|down|rose|risen|fell|fallen|increased|decreased|dropped|climbed|jumped|grew)\s+"
        r"(?:by\s+)?(?:[\d,]+|" + _NUMBER_WORD + r")\s+from\s+$",
        before,
    ):
        return "compare"  # "rose two from the previous day to 43": the day changed from
    if rx.search(
        r"\b(?:highest|lowest|most|fewest|largest|biggest|smallest|first\s+time)\s+"
        r"(?:[\w-]+\s+){0,4}?since\s+(?:the\s+)?(?:(?:early|mid|late|end\s+of)[\s-]+)?$",
        before,
    ):
        return "compare"  # "the highest daily tally since March": no period of the count
    if (
        (
            # ("19 since last Thursday": the period runs from that day)
            rx.search(r"\b(?:since|from|starting|beginning|after)\s+(?:the\s+|last\s+)?$", before)
            # "Since 1700 GMT Thursday, 613 new cases": the day after the time of day
            or rx.search(r"\b(?:since|starting|after)\s+" + _CLOCK + r"$", before)
            # "since the first was reported in Bayelsa State on September 22"
            or _SINCE_FIRST.search(sentence, max(0, start - 90), start)
            # "Since WHO's last situation report issued on 30 October 2018 (...) reporting on
            # data as of 28 October, an additional 26 cases": the days of the last report
            or _SINCE_REPORT.search(sentence, max(0, start - 150), start)
        )
        or (
            rx.search(
                # (not past a count: "since the outbreak began, 9 of them on Tuesday")
                r"\bsince\s+(?:(?!\d[\d,.]*\s)[\w-]+,?\s+){1,6}\(?(?<!\bas\s)(?:in|on|of)\s+$",
                sentence[max(0, start - 70) : start].lower(),
            )
            and not rx.search(
                # "115 people since April 27, the ICRC said on Sunday": the statement's day
                r"\b(?:said|says|announced|told|stated)\s+(?:late\s+|early\s+)?(?:on\s+)?$",
                before,
            )
        )
    ):
        if rx.search(r"^\s*(?:to|until|till|through|-|–)\s", after):
            return "start"
        return "start"
    if (
        _EVENT.search(before)
        or _EVENT_LISTED.search(sentence, max(0, start - 120), start)
        or _FIRST_EVENT.search(sentence, max(0, start - 100), start)
        or _PREVIOUS_REPORT.search(sentence, max(0, start - 120), start)
        or _CLASSED.search(sentence, max(0, start - 80), start)
        or _EARLIER_CASES.search(sentence, max(0, start - 90), start)
        or _ORIGIN_EVENT.search(sentence, max(0, start - 100), start)
        or _LAST_CASE_EVENT.search(sentence, max(0, start - 90), start)
        or (
            rx.search(r"\b(?:in|of|from|by)\s+(?:(?:the|its|their|our|an?)\s+)?$", before)
            and _REPORT_NAMED.match(sentence, end) is not None
        )
    ):
        return "event"
    if rx.search(r"\b(?:data\s+)?as\s+(?:reported|notified)\s+(?:by|to\s+\w+\s+by)\s+$", before):
        return "end"  # a situation report's "Data as reported by 13 February 2020"
    if rx.search(
        r"\bbetween\s+(?:[\d:.]+\s*(?:a\.?m\.?|p\.?m\.?)\s+)?(?:the\s+)?(?:end\s+of\s+)?$", before
    ) or rx.search(r"\bbetween\s+" + _CLOCK + r"$", before):
        return "start"
    if rx.search(
        r"\b(?:as\s+of|as\s+at|until|till|through|up\s+to(?:\s+and\s+including)?)\s+"
        r"(?:the\s+end\s+of\s+)?$",
        before,
    ) or rx.search(r"\b(?:as\s+of|as\s+at|by|until|till|up\s+to)\s+" + _CLOCK + r"$", before):
        # "the deaths reported by the government until Thursday", "Data as reported by
        # national authorities by 10 AM CET 29 February 2020"
        return "end"
    if rx.search(
        r"\b(?:said|says|announced|told|stated|published|released|statement|press\s+conference|"
        r"briefing|daily\s+report|report(?:ed)?\s+by|showed|according\s+to)\b[^,.;\d]{0,45}?"
        # ("said on Friday (Aug 19)": the bracket restates the day of the statement)
        r"\s+(?:late\s+|early\s+)?(?:on\s+)?(?:(?<=day\s)\(\s*)?$",
        before,
    ) and not rx.search(r"\b(?:cases?|deaths?|infections?)\b[^,]*$", before.split("said")[-1]):
        return "speech"
    if rx.search(
        r"(?:\b[A-Z][\w-]*|\))\s+(?:confirmed|announced)\s+(?:late\s+|early\s+)?(?:on\s+)?$",
        sentence[max(0, start - 40) : start],
    ) and rx.search(r",\s*(?:the\s+)?[^,]{0,60}$", sentence[max(0, start - 70) : start]):
        # "..., which included 19 deaths, the World Health Organization (WHO) confirmed on
        # Monday": an organisation's statement after the count, not the count's day
        return "speech"
    if rx.search(
        r"\b(?:as\s+of|as\s+at|by|until|till|through|to|up\s+to|ending|ended)\s+(?:the\s+)?(?:end\s+of\s+)?$",
        before,
    ):
        return "end"
    return "point"
