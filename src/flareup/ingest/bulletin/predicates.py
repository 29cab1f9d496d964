"""What the predicate after a count's noun phrase says of its kind, beyond the category words
of ``cues``: care that marks a case severe ('265 are being held in intensive care units',
'102 of those need assisted breathing'), and 'positive cases' that are test results only where
the sentence speaks of testing ('results showed no new positive cases'), confirmed cases
otherwise ('1396 new positive cases reported in the last 24 hours')."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx

#: a stay in intensive care or a need of ventilation, with a verb of being held or treated
_INTENSIVE = rx.compile(
    r"\s*(?:(?:who\s+)?(?:were|are|was|is|remain(?:ed|s)?)\s+)?(?:still\s+|currently\s+|now\s+)?"
    r"(?:(?:being\s+)?(?:held|treated|cared\s+for|nursed|kept|admitted|warded|hospitali[sz]ed)\s+)?"
    r"(?:in|at|to|on|under)\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,2}?(?:intensive\s+care|icus?\b|critical\s+care)"
    r"|\s*(?:(?:who\s+)?(?:were|are|was|is)\s+)?(?:still\s+|currently\s+)?"
    r"(?:in\s+need\s+of|need(?:ed|ing|s)?|requir(?:e|ed|es|ing)|receiv(?:e|ed|ing)|on)\s+"
    r"(?:(?:mechanical|assisted|invasive)\s+)?(?:assisted\s+breathing|breathing\s+support|"
    r"ventilat(?:ion|ors?)|respiratory\s+support|respirators?|intubation)\b",
    re.IGNORECASE,
)
#: words of testing: where they are said, 'positive cases' are results of tests
_TESTING = rx.compile(
    r"\b(?:test(?:s|ed|ing)?|samples?|specimens?|swabs?|screen(?:ed|ing)|results?|"
    r"nucleic\s+acid)\b",
    re.IGNORECASE,
)


def intensive_care(pred: str) -> bool:
    """Whether the predicate puts the count in intensive care or on ventilation (severe)."""
    return _INTENSIVE.match(pred) is not None


def positive_is_test_result(sentence: str) -> bool:
    """Whether 'positive cases' in ``sentence`` are test results (a word of testing is said);
    without one they are confirmed cases (as 'confirmed positive cases')."""
    return _TESTING.search(sentence) is not None


#: a part set off by commas between a count's noun phrase and its verb ('eight people, including
#: five from abroad, were still suspected'; '329 cases, of whom 318 were imported, under
#: observation'): group 1 is the noun phrase, group 2 the predicate that follows the part
_COMMA_ASIDE = rx.compile(
    r"([^,;()]*?),\s*(?:including|of\s+whom|of\s+which|among\s+them)\s+[^,;()]{1,60}?,"
    r"(\s*(?:(?:were|was|are|is|have\s+been|had\s+been|have|has|had|remain(?:ed|s)?)\s+)?"
    r"(?:still\s+|currently\s+|now\s+)?"
    # "614 people, including 20 foreign workers, had died (have succumbed)": the whole's verb
    r"(?:under|being|in\s+(?:hospital|isolation|quarantine)|suspected|receiving|tested|died|"
    r"succumbed|passed\s+away|recovered|discharged)\b[^,;()]{0,60})",
    re.IGNORECASE,
)


def comma_aside(after: str) -> re.Match[str] | None:
    """The noun phrase and the predicate around a part set off by commas, if ``after`` (the
    words after a count) has one; a flat regex over the clause, like ``intensive_care``."""
    return _COMMA_ASIDE.match(after)


#: "83,109 are active", "of whom 412 remain active cases": the predicate itself says active
_ACTIVE_PRED = rx.compile(
    r"\s*(?:(?:who\s+|that\s+)?(?:are|is|were|remain(?:s|ed)?)\s+)(?:still\s+|currently\s+|now\s+)?"
    # ('active in the field' is not; 'remain active in Fiji', a place named after it, is)
    r"active\b(?!\s+(?:in|on|at|among)\s+(?:the\s+(?-i:[a-z])|(?!the\s)(?-i:[a-z])))",
    re.IGNORECASE,
)


def says_active(pred: str) -> bool:
    """Whether the predicate after a count calls the cases active (a flat regex on its
    first words, like ``intensive_care``); 'active in the field' and the like are not."""
    return bool(_ACTIVE_PRED.match(pred))


def _depth(sentence: str, pos: int) -> int:
    return sentence.count("(", 0, pos) - sentence.count(")", 0, pos)


#: "suspected cases are as follows:", "Probable cases by commune:": a list's heading that names
#: the kind of cases its items count
_COLON_KIND = rx.compile(
    r"\b(?P<kind>suspected|suspect|probable)\s+cases\s*(?:(?:are|were)\s+(?:as\s+follows|distributed|"
    r"reported)(?:\s+as\s+follows)?|by\s+[\w\s-]{1,30}|per\s+[\w\s-]{1,30}|in\s+[^:;]{1,40})?\s*$",
    re.IGNORECASE,
)


def colon_kind(sentence: str, pos: int) -> str | None:
    """The kind ('suspected', 'probable') that the heading before a colon names for the items
    of its list ('suspected cases are as follows: Delmas (8 cases)'), else None."""
    colon = sentence.rfind(":", 0, pos)
    if colon < 0 or _depth(sentence, colon) > 0 or _depth(sentence, pos) > 1:
        return None
    if rx.search(r"[;.]", sentence[colon:pos]):
        return None
    m = _COLON_KIND.search(sentence[max(0, colon - 120) : colon])
    if m is None:
        return None
    return "suspected" if m.group("kind").lower().startswith("suspect") else "probable"


#: "... suspected cases have been laboratory confirmed by RDT": the part's verb confirms them
_CONFIRMED_PART = rx.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:cases|patients|people|persons|samples)\s+(?:have|has|had)\s+"
    r"(?:since\s+|now\s+|also\s+)?been\s+(?:(?:laboratory|lab|biologically)[- ])?confirmed\b"
    r"|\s*(?:[\w-]+\s+){0,3}?(?:cases|patients|people|persons|samples)\s+(?:were|was)\s+"
    r"(?:(?:laboratory|lab|biologically)[- ])?confirmed\b",
    re.IGNORECASE,
)


def confirmed_part(after_whole: str) -> bool:
    """Whether 'N of the M suspected cases' goes on to say that they were confirmed
    (``after_whole`` follows the M): a flat regex on the whole's noun and verb."""
    return _CONFIRMED_PART.match(after_whole) is not None


_NUM_WORD = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"[a-z]+ty(?:-[a-z]+)?)"
)
#: "Five patients in Hong Kong, six in Macao and two in Taiwan have been discharged": the verb
#: after a list of places, each with its number, is every item's, the first one's too
_LIST_VERB = rx.compile(
    r"(?:\s+(?!(?:in|from|at)\b)[a-z-]+){0,2}?\s+(?:in|from|at)\s+(?:the\s+)?[^,;.\d()]{1,40}?"
    r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)" + _NUM_WORD + r"\s+(?:in|from|at)\s+(?:the\s+)?"
    r"[^,;.\d()]{1,40}?)+\s+"
    r"(?P<verb>(?:have|has|had|were|was|are|is)\s+(?:\w+\s+){0,2}?(?:discharged|recovered|died|"
    r"cured|released|hospitali[sz]ed|tested|confirmed|reported)\b|"
    r"(?:died|recovered|succumbed|tested)\b)",
    re.IGNORECASE,
)


def list_verb(sentence: str, end: int) -> str | None:
    """The verb after a list of place items that starts with the count ending at ``end``
    ('Five patients in Hong Kong, six in Macao and two in Taiwan have been discharged' ->
    'have been discharged'), or None."""
    m = _LIST_VERB.match(sentence, end)
    return m.group("verb") if m is not None else None
