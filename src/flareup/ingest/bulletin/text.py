"""Tokenising: sentences and clauses with their character spans, and the input checks.

Sentences are split on ``. ! ?`` followed by space and a capital or digit, on Chinese
``。！？`` and on blank lines, except after abbreviations ("Nov. 7", "Gov.", "U.S.", "No.").
Headlines and datelines are their own sentences. A plain regular expression splitter is used
rather than spaCy's ``sentencizer``: on the development corpus it is as accurate once the
abbreviations are listed, and ~20x faster (``benchmarks/bench_bulletin.py`` measures both).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from flareup.errors import InputError
from flareup.ingest.bulletin import rx

#: Largest text accepted (characters): a bulletin or news report is a few pages.
MAX_CHARS = 2_000_000

#: Months and weekdays as abbreviated in dates ("Nov. 7", "Tues. Oct. 27"), in any case.
_DATE_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)
#: Titles, also in a headline in capitals ("DR. MOYO SAYS ...", "GOV. ...").
_TITLES = frozenset(["mr", "mrs", "ms", "dr", "prof", "gov", "gen", "sen"])
#: Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = (
    _DATE_ABBREVIATIONS
    | _TITLES
    | frozenset(
        [
            "govt",
            "st",
            "no",
            "nos",
            "vs",
            "etc",
            "approx",
            "est",
            "inc",
            "ltd",
            "co",
            "corp",
            "dept",
            "univ",
            "rep",
            "lt",
            "col",
            "capt",
            "sgt",
            "fig",
            "al",
            "e.g",
            "i.e",
            "u.s",
            "u.k",
            "u.n",
            "a.m",
            "p.m",
            "jr",
            "sr",
            "mt",
            "ft",
            "ave",
            "rd",
        ]
    )
)

_BOUNDARY = rx.compile(
    r"(?P<end>[.!?]+[\"'”’)\]]*)(?P<gap>\s+)(?=[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff])"
    r"|(?P<zh>[。！？]+[”’」）)]*)"
    # "for the second consecutive day.So far, 182": a lost space after a full stop
    # "in 2015 and 2016.In its latest report", "emerged.As of", "as of September 29.They",
    # "by 6 p.m.The": also after a year, a day and a.m. / p.m.
    r"|(?P<glued>(?:(?<=[a-z]{3})|(?<=\b(?:19|20)\d\d)|(?<=\s\d)|(?<=\s\d\d)|(?<=\b[ap]\.m))\.)(?=[A-Z][a-z])"
    r"|(?P<para>\n[ \t]*\n\s*|\n(?=[ \t]*[-*•·]))"
)
#: A date's year then a lone '?' before another date: an en dash a wrong encoding turned into
#: '?' ("Reporting period: February 12, 2017 ? February 18, 2017"), not a question
_MANGLED_DASH = rx.compile(r"\b(?:19|20)\d\d\s$")
_DATE_AHEAD = rx.compile(r"(?:[A-Z][a-z]{2,8}\.?\s+)?[0-3]?\d\b")
_LAST_WORD = rx.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _last_word(head: str) -> re.Match[str] | None:
    """``_LAST_WORD.search(head)``, tried from the last 40 characters where the word cannot
    start before them (tried at every character of the sentence so far, it took 1 % of the
    extraction time)."""
    pos = max(0, len(head) - 40)
    if pos and head[pos - 1] in _WORD_CHARS:
        pos = 0  # the word may reach further back: the whole head, as before
    return _LAST_WORD.search(head, pos)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


#: The characters a boundary starts with: every alternative of ``_BOUNDARY`` consumes one
#: first (its look-behinds only test what precedes)
_BOUNDARY_START = rx.compile(r"[.!?。！？\n]")


def sentences(text: str) -> Iterator[Span]:
    """Sentences of ``text`` with their spans (each an exact substring, stripped)."""
    work = join_wrapped_lines(text)
    start = 0
    # (tried only where a boundary can start: at every character, it took 2 % of the time)
    for m in rx.finditer_from(_BOUNDARY, _BOUNDARY_START, work):
        if m.group("end") is not None:
            head = work[start : m.start("end") + 1]
            w = _last_word(head)
            if w and m.group("end") == "." and _is_abbreviation(w.group(1)):
                continue
            if (
                m.group("end") == "?"
                and _MANGLED_DASH.search(work[max(0, m.start() - 6) : m.start()])
                and _DATE_AHEAD.match(work, m.end())
            ):
                continue  # "February 12, 2017 ? February 18, 2017": a dash lost in encoding
            cut = m.end("end")
        elif m.group("zh") is not None:
            cut = m.end("zh")
        elif m.group("glued") is not None:
            cut = m.end("glued")
        else:
            cut = m.start()
        yield from _strip(work, text, start, cut)
        start = m.end()
    yield from _strip(work, text, start, len(text))


#: Abbreviations also written in capitals ("GENEVA, NOV. 12", "NO. 3"); any other word in
#: capitals is an acronym that can end a sentence ("... one from Butembo ETC. As of ...": an
#: Ebola treatment centre, not "etc.")
_CAPS_ABBREVIATIONS = _DATE_ABBREVIATIONS | _TITLES | frozenset(["no", "nos"])


def _is_abbreviation(word: str) -> bool:
    w = word.lower()
    if "." in w and len(w) <= 5:
        return True  # "U.S." and the like carry inner dots
    if len(w) >= 2 and word.isupper() and w not in _CAPS_ABBREVIATIONS:
        return False
    # single capitals are initials ("J. Smith")
    return w in ABBREVIATIONS or len(w) == 1


def _strip(work: str, text: str, start: int, end: int) -> Iterator[Span]:
    """Sentences never span a newline left in ``work`` (headlines, list items)."""
    chunk = work[start:end]
    pos = start
    for line in rx.split(r"(\n)", chunk):
        if line == "\n":
            pos += 1
            continue
        lstart = pos
        pos += len(line)
        s = line.strip()
        if not s:
            continue
        off = lstart + (len(line) - len(line.lstrip()))
        yield Span(off, off + len(s), text[off : off + len(s)])


#: How a line that a narrow column wrapped ends: "..., Masaka,", "... (", "... and the"
_WRAP_END = rx.compile(
    r"(?:[,(;&/–-]|\b(?:and|or|of|the|a|an|to|in|on|at|by|for|from|with|as|than|that|which|"
    r"who|its|their|his|her|is|are|was|were|has|have|had)|\b(?:Mr|Mrs|Ms|Dr|St|No)\.?)\s*$"
)


def join_wrapped_lines(text: str) -> str:
    """Turn single newlines inside a paragraph into spaces (same length, spans stay valid)
    unless the next line starts a list item or the line is short (a headline)."""
    out = list(text)
    for m in rx.finditer(r"(?<=[^\n])\n(?=[^\n])", text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        prev = text[line_start : m.start()]
        nxt = text[m.end() : m.end() + 2]
        if (
            len(prev.strip()) > 60
            and not rx.match(r"[ \t]*[-*•·\d]", nxt)
            and not prev.rstrip().endswith(":")
            # a list item is not continued by a capitalised line (a heading after the list)
            and not (rx.match(r"\s*[-*•·]", prev) and rx.match(r"[ \t]*[A-Z]", nxt))
            # a capitalised line after one that ends on a word, a bracket or a number is a new
            # line of a list or report without full stops ("... States (Table 3)\nCumulatively
            # ..."), not a wrap (one breaks after a comma, an open bracket or a function word)
            and not (rx.match(r"[ \t]*[A-Z]", nxt) and not _WRAP_END.search(prev))
        ):
            out[m.start()] = " "
    return "".join(out)


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause boundaries inside a sentence (start, end offsets): split on ``; :`` and on
    ``, `` before a conjunction or a new subject; Chinese ``；，`` too."""
    cuts = [0]
    for m in rx.finditer(
        r";|；|，|、(?=[^、]{6,})|,\s+(?:and|while|but|whereas|with)\s+|:\s", sentence
    ):
        cuts.append(m.end())
    cuts.append(len(sentence))
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


_CJK = rx.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = rx.compile(r"[A-Za-z]{2,}")
_COMMON_EN = rx.compile(
    r"\b(?:the|and|of|in|to|a|is|was|were|cases?|new|on|has|have|reported|people|said|for)\b",
    re.IGNORECASE,
)


#: Function words and case words of the other languages outbreak reports come in most (German,
#: French, Spanish, Portuguese, Italian, Dutch, Indonesian / Malay), none of them an English
#: word or a common place or personal name in English text ('die', 'la', 'el', 'per', 'Yang'
#: left out): a short German report ('22 neue Fälle in Berlin') holds an English 'in'.
_COMMON_OTHER = rx.compile(
    r"\b(?:der|das|und|ist|nicht|mit|für|über|eine?|neue[nr]?|fälle|"
    r"les|et|est|dans|pour|une|sur|nouveaux|nouvelles|cas|décès|"
    r"los|las|y|del|para|con|por|nuevos|casos|según|muertes|"
    r"os|das|dos|não|com|novos|mortes|"
    r"il|gli|della|nuovi|sono|"
    r"het|een|nieuwe|gevallen|"
    r"dan|dari|untuk|dengan|kasus|baru|ini)\b",
    re.IGNORECASE,
)


def language(text: str) -> str:
    """``"zh"``, ``"en"`` or ``"unknown"``: Chinese characters, else common English words that
    outnumber the common words of the other languages reports come in (a contrast of function
    words, the oldest language identifier; Grefenstette 1995)."""
    sample = text[:20_000]
    n_cjk = len(_CJK.findall(sample))
    if n_cjk >= 4 and n_cjk * 2 >= len(_LATIN_WORD.findall(sample)):
        return "zh"
    words = _LATIN_WORD.findall(sample)
    if not words:
        return "zh" if n_cjk else "unknown"
    common = len(_COMMON_EN.findall(sample))
    if common >= 1 and common / len(words) >= 0.05 and common > len(_COMMON_OTHER.findall(sample)):
        return "en"
    return "unknown"


def check_text(text: str, *, name: str = "<text>") -> None:
    """Raise :class:`InputError` for input that is not a report: empty, binary, too large or in
    a language the extractor does not read (only English and Chinese)."""
    if not text or not text.strip():
        raise InputError("the text is empty", file=name)
    if len(text) > MAX_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters long; a bulletin is at most "
            f"{MAX_CHARS:,} (split it into reports)",
            file=name,
        )
    sample = text[:100_000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if "\x00" in sample or bad > max(8, len(sample) // 100):
        raise InputError("the input looks binary, not text", file=name)
    if language(text) == "unknown":
        raise InputError(
            "the text is in a language the extractor does not read (English and Chinese only)",
            file=name,
        )
