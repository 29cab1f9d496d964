"""Wordings of a count's family and flow or stock found by behavioural probes
(tests/data/bulletins/probes/flow_stock.jsonl, CheckList: Ribeiro et al. 2020): no symptoms,
patients still in hospital, totals listed 'respectively' after the counts they total, parts of
a whole said without a number, a day compared with after a number. Flat regexes on the words
around the number, called from ``categories.type_english`` and ``pre_np.pre_np_family``."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx

#: "4 new infections without symptoms", "3 cases with no symptoms", "people who showed no
#: symptoms": the noun phrase's own clause says no symptoms
_NO_SYMPTOMS = rx.compile(
    r"\s*(?:(?:in|from|at)\s+(?:[A-Z][\w'’-]+\s+){1,3})?(?:without|with\s+no)\s+"
    r"(?:any\s+|showing\s+|displaying\s+)?symptoms|\s*(?:who|that)\s+(?:showed|had|"
    r"displayed|developed|presented)\s+no\s+symptoms|"
    # "3 new infections that did not show symptoms", "who have not developed any symptoms"
    r"\s*(?:who|that)\s+(?:did|do|does|have|has|had)\s+not\s+(?:show(?:n)?|display(?:ed)?|"
    r"develop(?:ed)?|ha(?:ve|d))\s+(?:any\s+)?symptoms",
    re.IGNORECASE,
)
#: "41 people positive for the virus, all of them asymptomatic": the apposition after the count
_ALL_ASYMPTOMATIC = rx.compile(
    r"[^.;\d]{0,60}?,\s*(?:all|both)\s+(?:of\s+(?:them|whom)\s+)?(?:were\s+|are\s+)?"
    r"asymptomatic\b(?!\s+(?:cases?|infections?|carriers?)\b)",
    re.IGNORECASE,
)


def says_asymptomatic(pred: str, after: str) -> bool:
    """Whether the words after a count (``pred``: its predicate; ``after``: the next 120
    characters) say it has no symptoms."""
    return _NO_SYMPTOMS.match(pred) is not None or _ALL_ASYMPTOMATIC.match(after) is not None


#: "38 patients remain in hospital", "903 patients are still hospitalized", "45 patients
#: currently in hospital"
_STILL_IN_HOSPITAL = rx.compile(
    r"\s*(?:(?:who\s+)?(?:remain(?:ed|s)?\s+(?:in\s+(?:the\s+)?hospitals?|hospitali[sz]ed)|"
    r"(?:are|were|is|was)\s+still\s+(?:in\s+(?:the\s+)?hospitals?|hospitali[sz]ed))|"
    r"(?:(?:who\s+)?(?:are|were|is|was)\s+)?currently\s+(?:in\s+(?:the\s+)?hospitals?|"
    r"hospitali[sz]ed))\b",
    re.IGNORECASE,
)


def still_in_hospital(head_kind: str, pred: str, around: str) -> bool:
    """Whether patients or cases are said to be still in hospital (``around``: the words near
    the count): the confirmed patients not yet discharged, a bulletin's active cases (corpus
    convention: active, hospitalized accepted); not where suspected ones are counted."""
    return (
        head_kind in ("patients", "patient", "cases", "case", "")
        and _STILL_IN_HOSPITAL.match(pred) is not None
        and not rx.search(r"\bsuspect", around, re.IGNORECASE)
    )


#: "... and 62 deaths, for totals of 234,000 and 8,900": totals listed after their counts
_IN_FOR_TOTALS = rx.compile(
    r",\s*for\s+(?:the\s+)?totals\s+of\s+(?:[\d,.]+\s+(?:,\s*(?:and\s+)?|and\s+))*$", re.IGNORECASE
)
_FOR_TOTALS = rx.compile(r",\s*for\s+(?:the\s+)?totals\s+of\s+", re.IGNORECASE)
#: "1,641 deaths in the last 24 hours, for a total of 190,357"
_FOR_A_TOTAL = rx.compile(
    r"(?:^|,)\s*for\s+(?:a\s+(?:new\s+|cumulative\s+|grand\s+)?total|(?:the\s+)?totals)\s+of\s+"
    r"(?:[\d,.]+\s+(?:(?:million|thousand)\s+)?(?:,\s*(?:and\s+)?|and\s+))*$",
    re.IGNORECASE,
)


def in_for_totals_list(before: str) -> bool:
    """Whether a count is one of the totals listed after 'for totals of' (``before``: the
    words before it): each is of the count listed in its place before, not of the last noun."""
    return _IN_FOR_TOTALS.search(before[-80:]) is not None


def for_a_total(sentence: str, start: int, before: str) -> bool:
    """Whether the count at ``start`` follows 'for a total of' / 'for totals of' after a count
    of the sentence (``before``: the words of its clause up to it): the total of what the
    sentence counted."""
    m = _FOR_A_TOTAL.search(before)
    return (
        m is not None
        and rx.search(r"\d[^.;]*$", sentence[: start - len(before) + m.start()]) is not None
    )


def respective_total(sentence: str, pos: int, before: list[tuple[int, str]]) -> str | None:
    """'1,918 new cases and 62 deaths, for totals of 234,000 and 8,900': the k-th total is of
    the k-th count listed before 'for totals of' (``before``: start and category of the
    sentence's records so far); None where the list does not say so."""
    cues = list(_FOR_TOTALS.finditer(sentence, 0, pos))
    if not cues:
        return None
    cue = cues[-1]
    k = len(rx.findall(r"\d[\d,.]*", sentence[cue.end() : pos]))
    flows = [c for at, c in before if at < cue.start()]
    return flows[k] if k < len(flows) else None


_OF_KIND = rx.compile(
    r"\s*of\s+the\s+(?=(?:new|newly\s+confirmed|latest|additional|fresh)\s+(?:[\w-]+\s+)?"
    r"(?:cases|infections|deaths)\b)",
    re.IGNORECASE,
)
_SHARE_VERB = rx.compile(
    r"\b(?:account(?:s|ed)?\s+for|made\s+up|makes?\s+up|represent(?:s|ed)?|"
    r"contribut(?:es|ed)|comprised?|reported|recorded|confirmed)\s+(?:about\s+|nearly\s+|"
    r"over\s+|some\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)


def of_unnumbered_whole(sentence: str, start: int, end: int, phrase: str) -> int | None:
    """'Lagos accounted for 52 of the new cases': a part of a whole said with no number is of
    the kind the whole's noun phrase names; the offset in ``phrase`` where that noun phrase
    starts, else None."""
    m = _OF_KIND.match(phrase)
    if (
        m is None
        or rx.search(r"\d", sentence[end : end + 60])
        or not _SHARE_VERB.search(sentence[max(0, start - 40) : start])
    ):
        return None
    return m.end()


#: "down from 2,500 three days earlier": a day compared with, not the number's noun
_DAYS_COMPARED = rx.compile(
    r"^\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?)\s+"
    r"(?=(?:earlier|before|ago|prior)\b)",
    re.IGNORECASE,
)


def drop_days_compared(after: str) -> str:
    """The words after a number without a day compared with that opens them."""
    return rx.sub(_DAYS_COMPARED, " ", after)


_STILL_ACTIVE = rx.compile(
    r"\s*(?:(?:are|is|were|was|remain(?:s|ed)?)\s+)(?:still\s+|currently\s+|now\s+)?active\b",
    re.IGNORECASE,
)


def says_still_active(pred: str) -> bool:
    """Whether a count with no noun of its own is said to be active ('..., 112 have died and
    138 are still active'): active cases, whatever the family of the count before it."""
    return _STILL_ACTIVE.match(pred) is not None


_RELEASE_VERB = rx.compile(r"\b(?:released|discharged|freed|dismissed)\s+$", re.IGNORECASE)
_FROM_OBSERVATION = rx.compile(
    r"\s*from\s+(?:medical\s+)?(?:observation|quarantine|isolation)\b", re.IGNORECASE
)


def released_before(before: str, pred: str) -> bool:
    """Whether the count is the object of a release from observation in the active voice
    ('Hubei released 12 asymptomatic carriers from medical observation')."""
    return _RELEASE_VERB.search(before) is not None and _FROM_OBSERVATION.match(pred) is not None


_ONES_OF_ORIGIN = rx.compile(
    r"\s+(?:new\s+)?(?:local|imported|domestic|locally[- ](?:transmitted|acquired))\s+ones\b",
    re.IGNORECASE,
)


def ones_of_origin(after: str) -> bool:
    """Whether a zero is of the kind said before in another origin ('3 imported cases and no
    local ones')."""
    return _ONES_OF_ORIGIN.match(after) is not None


#: "The country's total number of fatalities ... rose to 5,645, with latest additions over the
#: past 24 hours", "the death toll climbed to 1,665 after 142 more people died": a running total
#: reached, whatever the day's additions said after it (not "the daily death toll dropped to 15")
_TOTAL_REACHED = rx.compile(
    r"\b(?:total|cumulative|overall|tally|toll)\b(?:(?!\b(?:daily|day's|24-hour|one-day|"
    r"single-day|weekly|new)\b)[^.;\d]){0,80}?\b(?:rose|risen|climbed|jumped|increased|grew|"
    r"reached|surged|went\s+up|(?:has|have|had)\s+(?:now\s+)?(?:reached|risen|climbed|grown))\s+"
    r"(?:(?:by\s+\S+\s+)?to|at)\s+(?:(?:over|more\s+than|nearly|about|some|almost|around)\s+)?$",
    re.IGNORECASE,
)


def total_reached(before: str) -> bool:
    """Whether the words before a number say a running total reached it ('the total number of
    fatalities rose to'): a stock even where a day's additions are said after it."""
    return _TOTAL_REACHED.search(before[-160:]) is not None


#: "the death toll surged by more than 6,500 people": people counted by a toll's rise
_TOLL_ROSE_BY = rx.compile(
    r"\b(?:death\s+toll|toll|deaths|fatalities|number\s+of\s+(?:deaths|fatalities|dead))\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:rose|risen|surged|jumped|climbed|increased|grew|grown|"
    r"went\s+up|gone\s+up)\s+by\s+$",
    re.IGNORECASE,
)


def toll_rose_by(before: str) -> bool:
    """Whether the words before a count of people say a toll rose by it ('the death toll surged
    by more than 6,500 people'): the day's deaths."""
    return _TOLL_ROSE_BY.search(before) is not None
