"""Numbers that stand where a count would but are none the schema annotates: a population
('the city of 11 million people'), an average or an aim ('two cases per day', 'to ensure there
are no deaths'), a part named by its source ('the source of infection of 17 cases'),
demographic and clinical parts ('no deaths among health workers', '24 had pneumonia', 'two
cases were Singaporeans', '538 moderate cases'), parts by how they were found ('78 were found
in quarantine'), a superlative's member ('one of the most popular destinations'), people hurt in an accident, samples awaiting a
re-test (schema: 'Not annotated')."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.cues import _SUBSET

_POPULATION_BEFORE = rx.compile(
    r"\b(?:city|country|nation|province|state|town|region|island|metropolis|megacity)\s+of\s+$",
    re.IGNORECASE,
)
_COUNT_NOUN_AFTER = rx.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:cases|deaths|infections)\b", re.I)
#: "an average of 2", "to ensure there are no deaths": a mean or an aim, not a count
_NOT_SAID_BEFORE = rx.compile(
    r"\b(?:average|mean|median)\s+(?:of\s+)?(?:about\s+|around\s+|some\s+)?$|"
    r"\b(?:ensure|ensuring|prevent|preventing|avoid|avoiding)\s+(?:that\s+)?"
    r"(?:there\s+(?:are|is|will\s+be)\s+)?$|"
    # "Details of the 15 cases can be found here": a pointer to counts said before
    r"\b(?:details?|information|descriptions?|summar(?:y|ies)|profiles?)\s+(?:on|of|about|for)\s+"
    r"(?:the|these|those|all)\s+$",
    re.IGNORECASE,
)
_SOURCE_BEFORE = rx.compile(
    r"\b(?:source|origin|cause)s?\s+of\s+(?:(?:the\s+)?infections?\s+(?:of|for|in)\s+)?$",
    re.IGNORECASE,
)
#: health workers said to be among a count said before ('too', 'also', 'among them')
_OCCUPATIONAL = rx.compile(
    r"\s*(?:more\s+|other\s+|new\s+)?(?:health(?:[\s-]?care)?\s+(?:workers|personnel|staff)|"
    r"medical\s+(?:staff|workers|personnel)|frontline\s+workers|doctors|nurses)\s+(?:were\s+|are\s+|"
    r"have\s+|had\s+)?(?:too|also|among\s+(?:them|the|those|these))\b",
    re.IGNORECASE,
)


def occupational_part(sentence: str) -> bool:
    """Whether ``sentence`` counts health workers among a count said before ('128 healthcare
    workers too contracted the virus'): its breakdown that follows ('They include 30 from
    ...') is theirs, not the count's."""
    return any(
        _OCCUPATIONAL.match(sentence, m.end())
        for m in rx.finditer(r"\d[\d,]*|\b[a-z]+\b", sentence)
    )


_PHRASES = [
    # "no deaths among health workers": a demographic part
    rx.compile(
        r"\s*(?:[\w-]+\s+){0,3}?(?:cases?|deaths?|infections?|fatalities)\s+(?:were\s+\w+\s+)?"
        r"(?:among|in)\s+(?:the\s+)?(?:health(?:care|-care)?\s+workers|medical\s+(?:staff|workers)|"
        r"children|pregnant\s+women|students|nurses|doctors)\b",
        re.IGNORECASE,
    ),
    # "two new deaths, one of a 78-year-old man and the other of a woman": one person described
    rx.compile(
        r"\s*of\s+an?\s+(?:\d{1,3}[- ]year[- ]old|(?:[\w-]+\s+)?(?:man|woman|boy|girl))\b",
        re.IGNORECASE,
    ),
    # "Two of the carriers reported on Sunday have been confirmed as Omicron infections": a part
    # by variant, a strain label (not annotated)
    rx.compile(
        r"\s*of\s+(?:the|these|those|them)\b[^.;]{0,100}?\b(?:were|was|have\s+been|has\s+been|"
        r"had\s+been|are|is)\s+(?:confirmed|identified|found|sequenced)\s+(?:as\s+|to\s+(?:be|have)\s+)?"
        r"(?:being\s+)?(?:infected\s+with\s+)?(?:the\s+)?(?:omicron|delta|alpha|beta|gamma|ba\.\d)\b",
        re.IGNORECASE,
    ),
    # "five mixed samples to be re-examined"
    rx.compile(
        r"\s*(?:[\w-]+\s+){0,2}?(?:samples?|specimens?)\s+(?:to\s+be|awaiting|pending|for)\s+"
        r"(?:further\s+)?re-?(?:examin|test|check)",
        re.IGNORECASE,
    ),
    # "83 tested positive, 83 tested negative, and 11 are currently being analysed": samples
    # whose result is not known yet
    rx.compile(
        r"\s*(?:(?:[\w-]+\s+)?(?:samples?|specimens?|swabs?)\s+)?(?:are|is|were|was|remain)\s+"
        r"(?:currently\s+|still\s+|now\s+)?(?:being\s+(?:analy[sz]ed|processed|tested)|under\s+analysis|"
        r"awaiting\s+(?:results?|analysis|testing))\b",
        re.IGNORECASE,
    ),
    # "Two people died and 35 were injured": not a count of the disease
    rx.compile(
        r"\s*(?:(?:[\w-]+\s+){0,2}?(?:people|persons|others)\s+)?(?:were|was|have\s+been|"
        r"had\s+been)\s+(?:injured|wounded|hurt|rescued|evacuated|displaced|arrested|vaccinated|"
        r"inoculated)\b",
        re.IGNORECASE,
    ),
    # "an average of two cases per day": a rate, not a count
    rx.compile(
        r"\s*(?:[\w-]+\s+){0,2}?(?:cases?|deaths?|infections?|tests?)\s+(?:per|each|every)\s+"
        r"(?:day|week|month|hour)\b",
        re.IGNORECASE,
    ),
    # "Two other imported cases were Singaporeans": a part by nationality
    rx.compile(
        r"\s*(?:(?:[\w-]+\s+){0,3}?(?i:cases|patients|people|persons)\s+)?(?i:were|are)\s+"
        r"(?:(?i:all)\s+)?(?:(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:ans|ese|is|ers|os)|"
        r"(?i:foreign\s+nationals|foreigners))\b"
        # the nationality ends the phrase: not "12 cases are Paris residents"
        r"(?=\s*(?:[,.;)]|$|(?i:who|and|from|while|with)\b))"
    ),
    # "11 were Korean nationals", "33 are among Omani nationals and 115 are among non-Omani
    # residents": a part by nationality or residence
    rx.compile(
        r"\s*(?:(?:[\w-]+\s+){0,3}?(?i:cases|patients|people|persons)\s+)?(?i:were|are)\s+"
        r"(?:(?i:all|among)\s+)?(?:(?:(?i:non-)?[A-Z][a-z]+|(?i:foreign|local))\s+"
        r"(?i:nationals|citizens|expatriates)|(?i:non-)[A-Z][a-z]+\s+(?i:residents))\b"
    ),
    # "Forty six of these cases are linked, ... and 33 remain unlinked": a part by whether its
    # source is known, which the schema does not annotate
    rx.compile(
        r"\s*(?:of\s+(?:them|these|those|the|which)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:cases|patients|"
        r"infections)\s+)?(?:are|were|is|was|remain|"
        r"remained)\s+(?:currently\s+|still\s+|now\s+)?(?:unlinked|linked)\b(?=\s*(?:[,.;)]|$|"
        r"and\b|to\s+(?:a\s+)?(?:previous|earlier|known|other)\b))",
        re.IGNORECASE,
    ),
    # "172 cases were female", "22 of which were diagnosed in adults": a part by sex or age
    rx.compile(
        r"\s*(?:of\s+(?:which|whom|them|these|those)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:cases|patients|"
        r"people|persons|deaths)\s+)?(?:were|are|was|is)\s+(?:all\s+)?(?:(?:female|male|women|men|"
        r"boys|girls)(?=\s*(?:[,.;)]|$|and\b|while\b))|(?:diagnosed|reported|detected|recorded)\s+"
        r"(?:in|among)\s+(?:adults|children|infants|babies|adolescents|the\s+elderly|women|men)\b)",
        re.IGNORECASE,
    ),
    # "128 healthcare workers too contracted the virus", "12 nurses were also infected": the
    # health workers among the day's cases, an occupational part (SOURCES.md conventions)
    _OCCUPATIONAL,
    # "seven were South Koreans and 14 foreigners": the second item of the nationality list
    rx.compile(
        r"\s*(?i:foreigners|foreign\s+nationals)(?=\s*(?:[,.;)]|$))",
    ),
    # "Three of the new cases, all Indian nationals, were tested": a part by nationality
    rx.compile(
        r"\s*,?\s*(?i:all|both)\s+(?:(?:[A-Z][a-z]+\s+)?(?i:nationals|citizens|foreigners)|"
        r"[A-Z][a-z]+(?:ans|ese|is)|(?i:foreign\s+(?:nationals|workers)))\s*[,;)]"
    ),
    # "Of the new cases, 78 were found in quarantine and one through testing in the community":
    # a part by how it was found, which the schema does not annotate
    rx.compile(
        r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:all\s+)?(?:found|discovered|detected|"
        r"identified|spotted|picked\s+up)\s+(?:through|during|via|while|among|when|"
        r"in\s+the\s+course\s+of|by\s+(?:mass|routine|active|community)|"
        r"in\s+(?:mass|routine|community|centralized|centralised|designated|quarantine|isolation))\b",
        re.IGNORECASE,
    ),
    # "536 patients are fully vaccinated", "89 unvaccinated patients": a part by vaccination
    # status, a subset the schema does not annotate
    rx.compile(
        r"\s*(?:(?:[\w-]+\s+){0,2}?(?:patients|people|persons|cases|individuals|adults|"
        r"children)\s+)?(?:are|were|is|was|have\s+been|had\s+been)\s+(?:not\s+)?(?:fully\s+|"
        r"partially\s+|partly\s+|double[\s-]|triple[\s-])?(?:un)?vaccinated\b|"
        r"\s*(?:(?:fully|partially|partly|double|triple)[\s-]+)?(?:un)?vaccinated\s+(?:[\w-]+\s+)?"
        r"(?:patients|people|persons|cases|individuals|adults|children)\b",
        re.IGNORECASE,
    ),
    # "538 moderate cases": a clinical grade the vocabulary has no category for
    rx.compile(r"\s*moderate(?:ly\s+ill)?\b", re.IGNORECASE),
    # "(three pneumonic and three bubonic cases)", "12 cutaneous": a clinical form of the disease
    rx.compile(
        r"\s*(?:(?:in|among)\s+(?:the\s+)?(?:confirmed\s+|suspected\s+|probable\s+)?)?(?:pneumonic|bubonic|septic(?:a)?emic|cutaneous|inhalational|gastrointestinal|"
        r"haemorrhagic|hemorrhagic|paralytic|meningeal)\b(?!\s+plague\b)",
        re.IGNORECASE,
    ),
    # "Qingdao, which is one of the most popular tourist destinations", "one of the first
    # cities to test everyone": a superlative's member, not a count ("one of the 14 cases" is)
    rx.compile(
        r"\s*of\s+(?:the|its|their|[A-Z][\w-]*'s)\s+(?:most|least|very|first|last|few|main|major|key|"
        r"top|leading|best|worst|busiest|largest|biggest|hardest|[a-z]{3,}est)\b",
    ),
    # "66 were hospitalized and 24 had pneumonia": a clinical part
    rx.compile(
        r"\s*(?:had|have|has|developed|suffered(?:\s+from)?)\s+(?:pneumonia|encephalitis|"
        r"complications|fever|diarrho?ea|rash|a\s+rash)\b",
        re.IGNORECASE,
    ),
]


#: "health zones reporting at least one confirmed case in the last 21 days": a threshold that
#: defines the places counted, not a count of cases
_THRESHOLD_BEFORE = rx.compile(
    r"\b(?:zones?|districts?|countries|regions?|provinces?|counties|areas?|states|localities|"
    r"villages|communities|facilities|municipalities|prefectures)\b[^.;]{0,60}?\b(?:reporting|"
    r"with|having|(?:(?:that|which)\s+)?(?:have\s+|has\s+|had\s+)?(?:now\s+|so\s+far\s+)?"
    r"(?:reported|recorded|had|registered|confirmed))\s+at\s+least\s+$",
    re.IGNORECASE,
)
#: "(case n. 8)", "(cases no. 36, 38)", "patient #12": the number of a case in a register, an
#: identifier, not a count
_CASE_ID_BEFORE = rx.compile(
    r"\b(?:cases?|patients?)\s*(?:(?:n|no|nos|num|number)\.?\s*#?|#)\s*"
    r"(?:\d+\s*(?:,|and|&)\s*)*$",
    re.IGNORECASE,
)
#: "The seven-day average for new cases stands at 2,310, against 1,402 a week ago": the
#: numbers of a sentence about an average are means, not counts
_AVERAGE_SUBJECT = rx.compile(
    r"\b(?:(?:\d+|three|five|seven|fourteen)[\s-]day|daily|weekly|rolling|moving)\s+"
    r"(?:rolling\s+|moving\s+)?average\b",
    re.IGNORECASE,
)
_SETTING_PART = rx.compile(
    r"\s*(?:\(\s*[\d.,]+\s*%\s*\)\s*)?(?:were\s+|are\s+)?(?:in|at|from)\s+(?:the\s+)?(?:health(?:[\s-]?care)?\s+"
    r"facilities|health\s+(?:centres|centers)|hospitals?|the\s+community|community|households?|"
    r"homes?|schools?|workplaces?|families)\b",
    re.IGNORECASE,
)


def contacts_setting_part(sentence: str, start: int, end: int) -> bool:
    """Whether the number is a part of a count of contacts by setting ('144 contacts ...,
    including 47 in health facilities and 97 in the community'): a subset, no count."""
    if _SETTING_PART.match(sentence[end:]) is None:
        return False
    return (
        rx.search(
            r"\bcontacts?\b[^.;]{0,80}\b(?:including|of\s+whom|among\s+them|comprising)\b[^.;]*$",
            sentence[max(0, start - 160) : start],
            re.IGNORECASE,
        )
        is not None
    )


#: "an increase of 42,007 cases over the same period last year": a difference between two
#: periods' counts, not a count of either ("an increase of 523 cases since ..." is the new ones)
_CHANGE_BEFORE = rx.compile(
    r"\b(?:increase|rise|decrease|drop|decline|reduction|fall|jump)\s+of\s+(?:some\s+|about\s+)?$",
    re.IGNORECASE,
)
_SAME_PERIOD_AFTER = rx.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:over|compared\s+(?:to|with)|against|from|on)\s+the\s+same\s+"
    r"(?:period|time|week|month)\b",
    re.IGNORECASE,
)


def named_before(sentence: str, start: int, end: int) -> bool:
    """Whether the words before the number at ``sentence[start:end]`` make it no count:
    'the city of 11 million people' (unless cases follow), 'the source of 702'."""
    if _POPULATION_BEFORE.search(sentence[max(0, start - 20) : start]) and not (
        _COUNT_NOUN_AFTER.match(sentence[end:])
    ):
        return True
    if _NOT_SAID_BEFORE.search(sentence[max(0, start - 40) : start]):
        return True
    if _CASE_ID_BEFORE.search(sentence[max(0, start - 40) : start]):
        return True
    hedge = rx.match(r"at\s+least\s+", sentence[start:end], re.IGNORECASE)
    if hedge and _THRESHOLD_BEFORE.search(sentence[max(0, start - 120) : start] + hedge.group(0)):
        return True
    if contacts_setting_part(sentence, start, end):
        return True
    if _AVERAGE_SUBJECT.search(sentence, 0, start) and not rx.search(
        r"\d[\d,]*\s+(?:new\s+)?(?:cases|deaths|infections)\b",
        sentence[_AVERAGE_SUBJECT.search(sentence, 0, start).end() : start],  # type: ignore[union-attr]
        re.IGNORECASE,
    ):
        return True
    if _CHANGE_BEFORE.search(sentence[max(0, start - 30) : start]) and _SAME_PERIOD_AFTER.match(
        sentence[end:]
    ):
        return True
    return _SOURCE_BEFORE.search(sentence[max(0, start - 40) : start]) is not None


def phrase_says_no_count(phrase: str) -> bool:
    """Whether the phrase after a number makes it a part or a non-count of the schema."""
    return any(p.match(phrase) for p in _PHRASES)


_WHOLE_NP = rx.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:cases|patients|deaths|infections|people|persons)\b", re.IGNORECASE
)


def part_is_subset(after_whole: str) -> bool:
    """Whether 'N of the M cases' goes on to name a demographic part ('... were health
    workers', '... were children', '... were Malaysians'); ``after_whole`` follows the M."""
    np = _WHOLE_NP.match(after_whole)
    if np is None:
        return False
    rest = after_whole[np.end() :]
    return bool(_SUBSET.match(rest)) or phrase_says_no_count(rest)
