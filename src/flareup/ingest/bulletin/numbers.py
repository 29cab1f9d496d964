"""Numbers as written: digits ('1,234', '12 345', '1.3 million'), English number words
('forty-one', 'three hundred and two'), explicit zeros ('no', 'zero', 'none', 'without'),
ranges ('150-200', 'between 150 and 200'), hedges ('about', 'more than', 'up to') and Chinese
numerals ('十九', '一百零五', '1万2千').

Number words are parsed by hand (a small table) rather than with ``word2number``: that
library accepts only whole strings, raises on 'a', and is ~10x slower per call here; the
benchmark compares them on the same phrases.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from flareup.ingest.bulletin import rx

#: Largest count accepted: above int64 would overflow the registry's BIGINT.
MAX_VALUE = 2**63 - 1

_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a dozen": 12,
    "dozen": 12,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
#: English number words of one word or two ("a dozen") and their values, for other modules.
NUMBER_WORDS: dict[str, int] = {**_EN_UNITS, **_EN_TENS}
_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

_UNIT_RE = "|".join(sorted((w for w in _EN_UNITS if " " not in w), key=len, reverse=True))
_TENS_RE = "|".join(_EN_TENS)
_SMALL = (
    rf"(?:(?:{_TENS_RE})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:{_UNIT_RE}))"
)
_WORD_NUM = (
    rf"(?:(?:a\s+)?{_SMALL}|a)(?:\s+(?:hundred|thousand|million|billion)"
    rf"(?:(?:\s+and|,)?\s+{_SMALL}(?:\s+(?:hundred|thousand))?)*)*"
)
_WORD_NUM_STRICT = rf"(?:(?:a\s+)?single|{_SMALL}(?:\s+(?:hundred|thousand|million|billion|dozen)(?:(?:\s+and|,)?\s+{_SMALL}(?:\s+(?:hundred|thousand))?)*)*|a\s+(?:hundred|thousand|million|dozen)(?:\s+(?:and\s+)?{_SMALL})?)"
#: "6, 09, 917", "3, 59, 02, 137": Indian grouping written with a space after each comma, read
#: as one number only when a group starts with 0 (a list "5, 12, 300" never writes "09")
_INDIAN_SPACED = r"\d{1,2}(?=(?:,\s\d{2})*,\s0)(?:,\s\d{2})+,\s\d{3}(?!\d)"
_DIGITS = (
    "(?:"
    + _INDIAN_SPACED
    + r"|\d{1,3}(?:[’']\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[  ]\d{3})+(?!\d|,\d)|\d+)(?:\.\d+)?"
)
_SCALE_WORD = r"(?:\s*(?:million|mln|m\b|billion|bn\b|thousand|k\b|lakhs?|crores?))?"
_SCALE_NEXT = rx.compile(r"\s*(?:million|mln|billion|bn|lakhs?|crores?)\b", re.IGNORECASE)

_HEDGE = (
    r"(?P<hedge>\b(?:nearly|almost|about|around|approximately|approx\.|roughly|some|close\s+to|"
    r"an\s+estimated|estimated|more\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of|"
    r"exceeding|fewer\s+than|less\s+than|up\s+to|at\s+most|no\s+more\s+than|under|below|"
    r"just\s+over|just\s+under|well\s+over|nearly\s+all|a\s+further|another)\s+)"
)
_NUM = rf"(?:{_DIGITS}{_SCALE_WORD}|\b{_WORD_NUM_STRICT}\b)"
_NUMBER_RE = rx.compile(
    rf"{_HEDGE}?(?:between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})|"
    # "Meanwhile,104 more deaths", "week 15, 2022,139 deaths": a comma typed without its
    # space after a word or a year still starts a number
    # ("...in Changjiang County),585 cases": or after a closing bracket)
    rf"(?P<num>(?:(?<![\w.,\-$£€¥#])|(?<=[^\W\d_],)|(?<=[)\]],)|(?<=(?<!\d)(?:19|20)\d\d,))"
    + _NUM
    + r")"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<max>{_NUM}))?)",
    re.IGNORECASE,
)
#: Where a number of ``_NUMBER_RE`` can begin: a letter or digit that starts a word (hedges,
#: digits and number words all do) or the 'b' of 'between' (which may start inside a word).
#: Tried only there, the pattern takes a third less time than tried at every position
_NUMBER_START = rx.compile(r"\b[^\W_]|[bB]")
_ZERO_RE = rx.compile(
    r"\b(?P<num>no(?:\s+one\b|-one\b)?|nobody|zero|none|nil|without(?:\s+any|\s+a(?:\s+single)?)?|not\s+any|"
    r"not\s+a\s+single|(?<=not\s)(?:(?:yet|so\s+far)\s+)?(?:reported|recorded|registered|"
    r"confirmed|detected|found|seen|had|been)\s+(?:any|a\s+single))\b",
    re.IGNORECASE,
)
_NO_SYMPTOMS = rx.compile(
    r"\s+(?:(?:obvious|apparent|clinical|visible|any)\s+)?symptoms?\b", re.IGNORECASE
)
_ZH_NUM_RE = rx.compile(r"[\d零〇一二两三四五六七八九十百千万亿]+")


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a sentence: ``mention == sentence[start:end]``."""

    start: int
    end: int
    value: int
    value_max: int | None
    qualifier: str
    mention: str
    zero_word: bool = False
    word: bool = False


_SCALE_END = rx.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<s>million|mln|billion|bn|thousand|lakhs?|crores?)$", re.I
)


def _shared_scale(lo_text: str, hi_text: str | None) -> str:
    """'1.3 to 4 million', '2-3 million', '20 and 30 thousand': the scale word written once
    after a range is its lower bound's too (when that bound is the smaller figure)."""
    if not hi_text or not rx.fullmatch(r"\d+(?:\.\d+)?", lo_text.strip()):
        return lo_text
    m = _SCALE_END.search(hi_text.strip())
    if m is None or float(lo_text.strip()) >= float(m.group("n")):
        return lo_text
    return f"{lo_text.strip()} {m.group('s')}"


def parse_number(text: str) -> int:
    """Parse '1,234', '12 345', '1.3 million', 'twenty-three', 'three hundred and two',
    'a single', '十九', '1万2千'; raises ValueError for anything else or above int64."""
    t = text.strip().lower()
    if not t:
        raise ValueError("empty number")
    if t.isdigit() and t.isascii():
        # plain digits, the commonest form, read as the pattern below reads them, without it
        if len(t) > 19:
            raise ValueError(f"number too large: {text!r}")
        return _check(int(t))
    if t in ("no", "zero", "none", "nil", "without", "without any", "not any"):
        return 0
    if rx.fullmatch(r"[\d零〇一二两三四五六七八九十百千万亿]+", t) and not t.isdigit():
        return _check(_parse_zh(t))
    m = rx.fullmatch(
        r"(\d{1,3}(?:[’']\d{3})+|\d{1,2}(?:,\s?\d{2})+,\s?\d{3}|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[  ]\d{3})+|\d+)(?:\.(\d+))?\s*"
        r"(million|mln|m|billion|bn|thousand|k|lakhs?|crores?|万|亿)?",
        t,
    )
    if m:
        whole = rx.sub(r"[,\s ’']", "", m.group(1))
        scale = {
            None: 1,
            "million": 10**6,
            "mln": 10**6,
            "m": 10**6,
            "billion": 10**9,
            "bn": 10**9,
            "thousand": 1000,
            "k": 1000,
            "lakh": 100_000,
            "lakhs": 100_000,
            "crore": 10**7,
            "crores": 10**7,
            "万": 10_000,  # "284.7万"
            "亿": 100_000_000,
        }[m.group(3)]
        frac = m.group(2)
        if frac and scale == 1:
            raise ValueError(f"not a whole number: {text!r}")
        if len(whole) > 19:
            raise ValueError(f"number too large: {text!r}")
        num = int(whole) * scale
        if frac:
            num += int(frac) * scale // 10 ** len(frac)
        return _check(num)
    return _check(_parse_words(t, text))


def _check(v: int) -> int:
    if v > MAX_VALUE:
        raise ValueError(f"number too large: {v}")
    return v


def _parse_words(t: str, original: str) -> int:
    t = rx.sub(r"[\s,]+", " ", t.replace("-", " ")).strip()
    if t in ("a", "an", "a single", "single"):
        return 1
    if t in _EN_UNITS:
        return _EN_UNITS[t]
    total, current = 0, 0
    seen = False
    for word in t.split(" "):
        if word in ("and", "a"):
            if word == "a":
                current = max(current, 1) if current == 0 else current
            continue
        if word == "dozen" and current:
            current *= 12  # "two dozen"
        elif word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            raise ValueError(f"not a number: {original!r}")
        seen = True
    if not seen:
        raise ValueError(f"not a number: {original!r}")
    return total + current


def _parse_zh(t: str) -> int:
    if all(ch in _ZH_DIGITS for ch in t):  # digit by digit: 一八三
        return int("".join(str(_ZH_DIGITS[ch]) for ch in t))
    total, section, digit = 0, 0, 0
    for tok in rx.findall(r"\d+|.", t):  # "1万2千": Arabic digits between Chinese units
        if tok.isdigit():
            digit = int(tok)
        elif tok in _ZH_DIGITS:
            digit = _ZH_DIGITS[tok]
        elif tok in ("万", "亿"):
            section = (section + digit) * _ZH_UNITS[tok]
            total += section
            section, digit = 0, 0
        elif tok in _ZH_UNITS:
            section += max(digit, 1) * _ZH_UNITS[tok]  # 十九 = 19: a bare 十 is ten
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {t!r}")
    return total + section + digit


def qualifier(hedge: str | None) -> str:
    """The schema qualifier of a hedge word ('more than' -> at_least)."""
    if not hedge:
        return "exact"
    w = rx.sub(r"\s+", " ", hedge.strip().lower())
    if w in (
        "more than",
        "over",
        "above",
        "at least",
        "upwards of",
        "in excess of",
        "exceeding",
        "just over",
        "well over",
    ):
        return "at_least"
    if w in (
        "fewer than",
        "less than",
        "up to",
        "at most",
        "no more than",
        "under",
        "below",
        "just under",
    ):
        return "at_most"
    if w in ("a further", "another"):
        return "exact"
    return "approximate"


#: Words right after a number that make it something other than a count of people.
_NOT_COUNT_AFTER = rx.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|pc\b|per\s+(?:cent|100|million|thousand)|"
    r"(?:-|\s)?(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?(?!ary)|"
    r"km|kilomet(?:er|re)s?|miles?|metres?|meters?|kg|tons?|tonnes?|yuan|dollars?|usd|"
    r"euros?|pounds?|rmb|beds?|flights?|a\.?m\.?|p\.?m\.?|o'clock|GMT|UTC|times|fold|"
    r"provinces?|countries|regions?|cities|districts?|counties|townships?|villages?|oblasts?|"
    r"communities|neighbou?rhoods?|areas?|(?:health\s+)?zones?|"
    # the administrative units of reports from Nigeria, Ethiopia, Uganda, Sierra Leone...
    r"LGAs?\b|local\s+government\s+areas?|woredas?|wards?\b|sub-?counties|chiefdoms?|"
    r"upazilas?|hospitals?\b|laborator(?:y|ies)(?![- ](?:specimens?|samples?|tests?|results?|confirmed))|labs?\b(?![- ](?:specimens?|samples?|tests?|results?|confirmed))|sites?|"
    r"facilities|teams?|doses?|vaccines?|vaccinations?|shots?|clusters?|outbreaks?|"
    r"strains?|variants?|lineages?|genomes?|sequences?|booths?|stations?|points?|"
    r"buildings?|households?|homes?|schools?|flats?|apartments?|rooms?|vials?|"
    r"-?year-old|-?month-old|th\b|st\b|nd\b|rd\b|degrees?|°|"
    r"ogawa|inaba|hikojima|serotypes?|serogroups?|"
    # "two thirds of the total", "three quarters of them": a fraction; "two centres of the
    # disease": places
    r"thirds?\b|quarters?\b|fifths?\b|tenths?\b|halves\b|cent(?:re|er)s?\b))",
    re.IGNORECASE,
)
_NAMED_UNITS_AFTER = rx.compile(
    # ("eight endemic Africa Union (AU) Member States": an adjective before the names, an
    # acronym in brackets among them; not a preposition: "3 from Nyabondo districts" is a count)
    r"\s+(?:(?!(?:from|in|at|of|across|for|to|and|or|among|with|by|on|into|within)\s)"
    r"[a-z][\w-]*\s+)?(?:(?:[A-Z][\w/-]*|\([A-Z]{2,}\))\s+){1,4}"
    r"(?i:countries|member\s+states|provinces|states|regions|"
    r"districts|counties|oblasts|republics|territories|cities)\b"
)
_NOT_COUNT_BEFORE = rx.compile(
    # ("cases in the cluster now number 412": the verb, a count)
    r"(?:\b(?:aged|age|ages|per|covid|sars-cov|h\d+n|n\d|phase|level|nos?\.|(?<!\bnow\s)number|grade|stage|"
    r"article|section|room|ward|bus|flight|route|line|gate|ba\.|xbb\.|ward|top|"
    r"vol\.|p\.|pp\.|page|chapter|class|class\s+[a-z]|figure|fig\.|table|annex|appendix|"
    r"cholerae|serotype|serogroup|serovar|genotype|clade|denv|type|(?:epi(?:demiological)?\s+)?weeks?|"
    r"wk|ew|(?:children|infants|people|persons|adults|those|aged?)\s+(?:under|below|over|above)|"
    r"under\s+the\s+age\s+of|over\s+the\s+age\s+of)[\s-]*|[$£€¥#]\s*|us\$\s*|rmb\s*|"
    # "case no. 1 and 2", "patients nos. 4, 5 and 7": every number of a list of labels
    r"\b(?:nos?\.|(?:case|patient)s?\s+numbers?)\s*\d{1,5}(?:\s*(?:,|and|&|to|-|–)\s*\d{1,5})*"
    r"\s*(?:,\s*and|,|and|&|to|-|–)\s*)$",
    re.IGNORECASE,
)


#: "Region Four", "Zone 3": a capitalised designator names a place or a level, not a count
_DESIGNATOR = rx.compile(
    r"\b(?:Region|Zone|Sector|Block|District|Ward|Division|Area|Phase|Level|Stage|Category)\s+$"
)
#: "put the number of suspected cases at 2023": a count that looks like a year
_COUNT_NOT_YEAR = rx.compile(
    r"\b(?:number|total|tally|toll|count)\s+of\s+(?:[\w-]+\s+){0,4}?(?:cases|deaths|infections)\b"
    r"[^.;]{0,30}?\b(?:at|reached|hit|is|was|stands\s+at|stood\s+at|to)\s+$",
    re.IGNORECASE,
)
#: a count glued to the word before it, followed by its noun
_GLUED = rx.compile(
    r"(?<=[a-z])(?:\d{1,3}(?:[  ]\d{3})+|\d{1,3}(?:,\d{3})+|\d+)(?=\s+(?:[\w-]+\s+){0,2}?"
    r"(?:cases?|confirmed|deaths?|tests?|people|persons|patients|infections|suspected|probable)\b)"
)
_LETTER_DIGIT = rx.compile(r"[a-z]\d")
#: words that end in digits by name, not by a lost space ("Covid19", "H7N9", "BA5")
_GLUED_NOT = rx.compile(
    r"(?i:covid|ncov|cov|sars|mers|h\d*n|n|h|ba|xbb|bf|bq|ch|jn|kp|wk|week|no|nr|v|ver|phase|"
    r"wave|level|ward|zone|room|bed|day|dose|step)|[a-z]"
)
#: "Seven (7)": a number word followed by its digits in brackets
_ECHO = rx.compile(r"\s*\(\s*(\d{1,6})\s*\)")


#: "a 60 and 61 per cent decrease": numbers listed before the last one share its unit
_LISTED_NEXT = rx.compile(
    rf"(?:\s*(?:,|and|or|to|-|–)\s*(?:and\s+|or\s+)?(?:{_DIGITS}|\b{_SMALL}\b))+",
    re.IGNORECASE,
)
#: "a man, 26, from Jeddah": an age in commas after a person
_AGE_BEFORE = rx.compile(
    r"\b(?:man|woman|boy|girl|male|female|patient|person|resident|worker|wife|husband|son|"
    r"daughter|mother|father|grandmother|grandfather|baby|child|teenager|nurse|doctor),\s*$",
    re.IGNORECASE,
)


#: "Lagos-64", "Nord Kivu – 12": a line of a tweeted or tabled breakdown, a name and its count
LABEL_LINE = rx.compile(
    r"^\s*(?P<label>[A-Z][A-Za-z.'’ ]{1,40}?)\s*(?:-|–|—|:)\s*(?P<n>\d{1,3}(?:,\d{3})+|\d{1,7})"
    r"\s*[.;,]?\s*[”\"]?\s*$"
)


def label_line(sentence: str) -> Number | None:
    """The count of a breakdown line 'Name-N' (the name is not a designator, 'COVID-19')."""
    m = LABEL_LINE.match(sentence)
    if m is None:
        return None
    label = m.group("label").strip()
    if _NOT_COUNT_BEFORE.search(label + " ") or _GLUED_NOT.fullmatch(label.split()[-1]):
        return None
    if _DESIGNATOR.search(label + " ") or rx.search(
        r"\b(?:report|update|bulletin|sitrep|issue|edition|vol|volume|part|day|week|wave|dose)s?$",
        label,
        re.IGNORECASE,
    ):
        return None  # "Situation Report-12": a number of the document, not a count
    return Number(m.start("n"), m.end("n"), parse_number(m.group("n")), None, "exact", m.group("n"))


def find_numbers(sentence: str, masked: list[tuple[int, int]] = ()) -> list[Number]:  # type: ignore[assignment]
    """Every number in an English sentence that can be a count, with hedges and ranges.

    ``masked``: spans (dates, times) whose digits are not counts."""
    # cached (a fresh list each time; numbers are frozen): the text's place and its headline
    # read the first sentences' numbers before the sentence loop reads them again. Small: it
    # serves repeats within a text; a cache that held whole texts would serve only a
    # benchmark's repeated passes over the same texts
    return list(_find_numbers(sentence, tuple((a, b) for a, b in masked)))


@functools.lru_cache(maxsize=16)
def _find_numbers(sentence: str, masked_spans: tuple[tuple[int, int], ...]) -> list[Number]:
    out: list[Number] = []
    # "over 8.32 million cases": a decimal before a scale word is a number, not a clock time
    masked = [
        (a, b)
        for a, b in masked_spans
        if not (
            rx.fullmatch(r"\d{1,2}\.\d{1,3}\s*", sentence[a:b]) and _SCALE_NEXT.match(sentence, b)
        )
    ]
    # dates blanked out (same offsets), so that "On Nov. 1, 15 cases" and "Nov 2, 1,000 cases"
    # do not read the day and the count as one number
    blanked = sentence
    for a, b in masked:
        if 0 <= a < b <= len(sentence) and sentence[a:b][-1:].isdigit():
            blanked = blanked[:a] + " " * (b - a) + blanked[b:]
    echoed_until = -1
    for m in rx.finditer_from(_NUMBER_RE, _NUMBER_START, blanked):
        if m.start() < echoed_until:
            continue  # the "(7)" of "Seven (7)", read with its word
        if m.group("b1"):
            n_start, n_end = m.start("b1"), m.end("b2")
            lo_text, hi_text = m.group("b1"), m.group("b2")
        else:
            n_start, n_end = m.start("num"), m.end("max") if m.group("max") else m.end("num")
            lo_text, hi_text = m.group("num"), m.group("max")
        if any(a <= n_start < b or a < n_end <= b for a, b in masked):
            if not m.group("max") or any(a <= m.start("max") < b for a, b in masked):
                continue
            # "since June 11 to 51": the date's day is not the range's start
            n_start, n_end, lo_text, hi_text = m.start("max"), m.end("max"), m.group("max"), None
            if rx.search(r"[-–—]\s*$", sentence[:n_start]):
                continue
        word = lo_text[:1].isalpha()
        echo = _ECHO.match(sentence, n_end) if word and not hi_text else None
        if echo is not None:
            try:
                same = parse_number(echo.group(1)) == parse_number(lo_text)
            except ValueError:
                same = False
            if same:
                # "Seven (7) new cases", "six (6) districts": the digits repeat the word
                n_end = echoed_until = echo.end()
        if word and lo_text.strip().lower() in ("a", "an"):
            continue
        if word and rx.search(r"\bno[\s-]+$", sentence[:n_start], re.IGNORECASE):
            continue  # "no one has died" is a zero, read below
        after = sentence[n_end : n_end + 30]
        before = sentence[max(0, n_start - 16) : n_start]
        na = (
            (
                _NOT_COUNT_AFTER.match(after)
                # "29 EU/EEA member states", "four Western Pacific countries": named units
                or _NAMED_UNITS_AFTER.match(sentence, n_end, n_end + 60)
            )
            or rx.match(
                r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’'-]+\s+){0,3}(?:\d+\s+)?(?:\([^()]{0,12}\)\s+)?"
                r"(?:districts|provinces|"
                r"countries|regions|states|counties|governorates|prefectures|cities)\b",
                sentence[n_end : n_end + 60],
            )
        )  # "in 13 of Malawi's 28 districts"
        if (
            na
            and after[na.end() : na.end() + 1] == "-"
            and rx.search(r"[A-Za-z]$", na.group(0))
            and not rx.search(r"year|month|week|day|hour|old", na.group(0), re.IGNORECASE)
        ):
            na = None  # "1075 laboratory-confirmed cases": a modifier, not the noun
        if na is None and not word:
            listed = _LISTED_NEXT.match(after)
            if (
                listed is not None
                and not (
                    # "141,446 or 77 percent of all cases": the count restated as a share
                    rx.match(r"\s*,?\s*or\s", after)
                    and (
                        rx.match(r"\s*(?:%|percent|per\s*cent)\s+of\b", after[listed.end() :], re.I)
                        # "NCR (3,002 or 24%)": a bracketed count with its share
                        or (
                            rx.search(r"\(\s*$", sentence[:n_start])
                            and rx.match(r"\s*(?:%|percent|per\s*cent)\s*\)", after[listed.end() :])
                        )
                    )
                )
            ):
                na = _NOT_COUNT_AFTER.match(after[listed.end() :])
        if na or _NOT_COUNT_BEFORE.search(before) or _DESIGNATOR.search(before):
            continue
        if _AGE_BEFORE.search(before) and rx.match(r"\s*,", after):
            continue
        if (
            rx.match(r"[-–]\d|\.\d|\d|:\d|/\d", after)
            or (
                rx.search(r"[-/:]$", before.rstrip(" ")[-1:])
                and not rx.search(r"[A-Za-z]/$", before)  # "367 cases/167 deaths": two counts
                and not rx.search(r"[A-Za-z]:\s+$", before)  # "deaths: 24" is a labelled count
                # "Guwahati, July 18: Three more deaths": a dateline's date (masked) before the colon
                and not rx.search(r"\s:\s+$", blanked[max(0, n_start - 4) : n_start])
                and not rx.search(r"(?:--|\s-)\s+$", before)  # "(Xinhua) -- Two stevedores"
                and not (n_start < 16 and rx.fullmatch(r"\s*[-–—•*]\s+", before))  # a bullet
            )
        ):
            continue
        if (
            not word
            and rx.fullmatch(r"19[5-9]\d|20\d\d", lo_text)
            and not hi_text
            and not _COUNT_NOT_YEAR.search(sentence[max(0, n_start - 80) : n_start])
            and not rx.match(
                r"\s+(?:[\w-]+\s+){0,2}?(?:cases|deaths|people|persons|patients|infections)\b",
                after,
                re.IGNORECASE,
            )
        ):
            # a year (1950-2099): "(1826 new)" in a situation report is a count
            continue  # a year
        if (
            not word
            and rx.fullmatch(r"19[5-9]\d|20\d\d", lo_text)
            and hi_text
            and rx.fullmatch(r"\d{2}|\d{4}", hi_text)
            and 0 < int(hi_text[-2:]) - int(lo_text[-2:]) <= 10
            and not rx.match(
                r"\s+(?:[\w-]+\s+){0,2}?(?:cases|deaths|people|persons|patients|infections)\b",
                after,
                re.IGNORECASE,
            )
        ):
            continue  # "for 2018-2019", "the 2018-19 season": a span of years
        if (
            not word
            and rx.search(
                r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
                r"(?:\s*[,&]\s*\d{1,2})*\s*(?:,|&|and|-)\s*$",
                sentence[max(0, n_start - 40) : n_start],
                re.IGNORECASE,
            )
            and rx.match(r"\s*(?:[,&)\]]|and\b|or\b|-|–|\.?\s*$|\d{4})", sentence[n_end:])
        ):
            continue  # "(March 21, 22, 23, 24)": more days of a date; not "On Nov. 1, 15 cases"
        lo_text = _shared_scale(lo_text, hi_text)
        try:
            value = parse_number(lo_text)
            vmax = parse_number(hi_text) if hi_text else None
        except ValueError:
            continue
        second: Number | None = None
        if vmax is not None and not m.group("b1") and hi_text is not None:
            sep = sentence[m.end("num") : m.start("max")]
            # "rose from 2,562 to 2,682", "by three to 3,329": a change, two numbers, no range
            if "to" in sep and (
                rx.search(r"\b(?:from|by)\s+(?:\S+\s+){0,2}$", sentence[:n_start], re.IGNORECASE)
                or lo_text[:1].isalpha() != hi_text[:1].isalpha()
            ):
                second = Number(m.start("max"), m.end("max"), vmax, None, "exact", hi_text)
                n_end, vmax = m.end("num"), None
        if vmax is not None and vmax <= value:
            if m.group("b1"):
                continue
            # "4-5" read as a range only when it rises; "2020-21" etc. are not counts
            n_end = m.end("num")
            if hi_text and rx.fullmatch(r"\s+[-–—]\s+", sentence[n_end : m.start("max")]):
                # "has grown to 9 – two confirmed, four suspected": a dash before the parts
                second = Number(m.start("max"), m.end("max"), vmax, None, "exact", hi_text)
            vmax = None
        hedge = (
            m.group("hedge")
            if n_start == (m.start("num") if m.group("num") else m.start("b1"))
            else None
        )
        if hedge and rx.search(
            r"\b(?:mounted|gone|went|shot|rose|risen|climbed|jumped|increased|moved)\s+$",
            sentence[: m.start("hedge")],
            re.IGNORECASE,
        ):
            hedge = None  # "have mounted up to 15712": the verb's 'up to', no upper bound
        start = m.start("hedge") if hedge else n_start
        out.append(
            Number(
                start,
                n_end,
                value,
                vmax,
                qualifier(hedge),
                sentence[start:n_end],
                word=word,
            )
        )
        if second is not None:
            out.append(second)
    # (the glue needs a lowercase letter right before a digit: found with a plain character
    # scan, where the look-behind pattern is tried at every position of every sentence)
    for m in _GLUED.finditer(blanked) if _LETTER_DIGIT.search(blanked) else ():
        # "China46 550 confirmed", "A total of3 113 191 tests": a layout artifact (a table cell
        # or a lost space) glues the count to the word before it
        word_before = rx.search(r"([A-Za-z]+)$", blanked[: m.start()])
        if word_before is None or _GLUED_NOT.fullmatch(word_before.group(1)):
            continue
        inside = [o for o in out if m.start() <= o.start and o.end <= m.end()]
        if any(o.start < m.end() and m.start() < o.end for o in out if o not in inside):
            continue
        if any(a <= m.start() < b for a, b in masked):
            continue
        out = [o for o in out if o not in inside]  # "550" read alone out of "China46 550"
        try:
            value = parse_number(m.group(0))
        except ValueError:
            continue
        out.append(Number(m.start(), m.end(), value, None, "exact", m.group(0)))
    for m in _ZERO_RE.finditer(sentence):
        if any(a <= m.start() < b for a, b in masked):
            continue
        if rx.fullmatch(r"without\s+a(?:\s+single)?", m.group(0), re.IGNORECASE) and not rx.search(
            r"\b(?:days?|weeks?|months?|hours?|straight|consecutive|running)\s+$",
            sentence[max(0, m.start() - 20) : m.start()],
            re.IGNORECASE,
        ):
            continue  # "the only state without a confirmed case" states no day's count
        if _NO_SYMPTOMS.match(sentence, m.end()):
            # "4 new infections without symptoms", "cases with no symptoms": a clinical state
            # of the count before it, not a zero (and it must not end that count's phrase)
            continue
        out.append(Number(m.start(), m.end(), 0, None, "exact", m.group(0), zero_word=True))
    out = _spaced_thousands(sentence, out)
    if not out:
        line = label_line(sentence)
        if line is not None:
            out.append(line)
    out.sort(key=lambda n: n.start)
    return out


def _spaced_thousands(sentence: str, nums: list[Number]) -> list[Number]:
    """'has risen to 243, 887': a total written with a space after its thousands comma is one
    number where a verb leads to it and no list goes on after it."""
    out: list[Number] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        b = nums[i + 1] if i + 1 < len(nums) else None
        if (
            b is not None
            and not a.word
            and not b.word
            and a.value_max is None
            and rx.fullmatch(r"\d{1,3}", a.mention)
            and rx.fullmatch(r"\d{3}", b.mention)
            and sentence[a.end : b.start] == ", "
            and rx.search(r"\b(?:to|at|reached|hit|passed|of)\s+$", sentence[: a.start])
            # not the end of a range: "children aged 5 to 14, 120 of whom"
            and not rx.search(rf"(?:\d|\b{_SMALL})\s+to\s+$", sentence[: a.start], re.IGNORECASE)
            and not rx.match(r"\s*(?:,\s*(?:and\s|or\s)?|and\b|or\b|&)\s*\d", sentence[b.end :])
        ):
            value = a.value * 1000 + b.value
            out.append(Number(a.start, b.end, value, None, a.qualifier, sentence[a.start : b.end]))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def find_zh_numbers(sentence: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of Chinese or Arabic numerals in a Chinese sentence."""
    out = []
    for m in _ZH_NUM_RE.finditer(sentence):
        try:
            out.append((m.start(), m.end(), parse_number(m.group(0))))
        except ValueError:
            continue
    return out
