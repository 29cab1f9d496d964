"""The word look before a scan (``prefilter`` and ``rx.compile``): the words it reads from a
pattern, the folding of the text, and scans whose results are the plain pattern's."""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

import pytest

from flareup.ingest.bulletin import prefilter, rx
from flareup.ingest.bulletin.text import sentences

DEV = Path(__file__).resolve().parents[1] / "data" / "bulletins" / "dev"


@pytest.mark.parametrize(
    ("pattern", "flags", "words"),
    [
        (r"\b(?:total|cumulative)\b", re.I, ("total", "cumulative")),
        (r"\d+\s+cases?", 0, ("case",)),
        # a branch the parser factors ('no' of none / no one / not one)
        (r"none|no\s+one|not\s+one", re.I, ("no",)),
        # what a look-ahead needs is in the text too
        (r"\b\d+(?=\s+deaths)", 0, ("deaths",)),
        # a string that holds another adds nothing
        (r"\b(?:new|newly)\s+", 0, ("new",)),
        # of two runs both needed, the more telling one (the longer shortest word)
        (r"Situation\s+Report", 0, ("situation",)),
    ],
)
def test_required_words(pattern: str, flags: int, words: tuple[str, ...]) -> None:
    found = prefilter.required(pattern, flags)
    assert found is not None and set(found) == set(words)


@pytest.mark.parametrize(
    "pattern",
    [r"\d+", r"\w+\s+\w+", r"(?:cases)?\s*\d", r"[^\W\d_]+", r"(\w+)\s+\1", r"\b(?:one|)\b"],
)
def test_no_words_where_a_match_needs_none(pattern: str) -> None:
    assert prefilter.required(pattern) is None


def test_fast_scans_are_left_to_re() -> None:
    """A pattern re finds fast (a literal or a class to open with, or '^') gets no look."""
    assert prefilter.scans_fast(r"cases\s+\d")
    assert prefilter.scans_fast(r"[;(]|\)")
    assert prefilter.scans_fast(r"^\s*total", re.I)
    assert not prefilter.scans_fast(r"cases", re.I)  # a letter under IGNORECASE
    assert not prefilter.scans_fast(r"\bcases\b")
    assert prefilter.look(r"cases\s+\d") is None
    assert prefilter.look(r"\bcases\b") == ("cases",)


def test_fold_keeps_every_ignorecase_match_of_an_ascii_literal() -> None:
    """Every character ``re.IGNORECASE`` matches to an ASCII character folds to text that
    holds that character (the Kelvin sign, dotless ı, long ſ, İ): the look never rules out
    a text the pattern matches."""
    cased = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and chr(c).lower() + chr(c).upper() != chr(c) * 2
    ]
    for x in string.printable:
        literal = re.compile(re.escape(x), re.IGNORECASE)
        for c in cased:
            if literal.fullmatch(c):
                assert x.lower() in prefilter.fold(c), (x, c)
    assert prefilter.fold("ſome Kelvın") == "some kelvin"


PATTERNS = [
    (r"\b(?:total|cumulative)\s+(?:cases|deaths)\b", re.I),
    (r"(?<=\bthe\s)\d+\s+new", 0),
    (r"\s*of\s+(?:the|these)\s+(?:cases|deaths)", re.I),
    (r"\bno\s+(?:new\s+)?deaths?\b", re.I),
    (r"(?P<n>\d+)\s+(?P<w>cases|deaths)", 0),
    # opening strings: tried only where 'total', 'so' or 'in' (or a digit) begins
    (r"\b(?:total(?:led)?|so\s+far|in\s+all)\b", re.I),
    (r"(?:about\s+|over\s+)?\d+\s+(?:new\s+)?cases", re.I),
    (r"(?:new|total)\s+(?=cases)", re.I),  # (no \b: 'subtotal cases' matches too)
    # 40 words and more: looked for by one scan, then tried where they open
    (r"\b(?:" + "|".join(f"w{k:02d}x" for k in range(45)) + r"|cases)\s+\d", re.I),
]
TEXTS = [
    "",
    "Total cases rose to 12; the 5 new deaths of the cases were in Lagos.",
    "No new deaths; 3 cases. KELVIN: \u212aases and ſome ı words, İstanbul 4 deaths.",
    "the 45 new cases of THESE Cases, cumulative\tdeaths",
    "In all, 12 cases; about 7 NEW cases, subtotal cases so far, totalled 4; W07X 5, cases 6",
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_looked_scans_are_the_patterns_own(pattern: str, flags: int) -> None:
    plain = re.compile(pattern, flags)
    looked = rx.compile(pattern, flags)
    assert looked.pattern == plain.pattern and looked.groupindex == plain.groupindex
    for text in TEXTS:
        for pos, end in [(0, sys.maxsize), (4, sys.maxsize), (0, 20), (10, 30)]:
            a, b = looked.search(text, pos, end), plain.search(text, pos, end)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
            a, b = looked.match(text, pos, end), plain.match(text, pos, end)
            assert (a and a.span()) == (b and b.span())
            assert [m.span() for m in looked.finditer(text, pos, end)] == [
                m.span() for m in plain.finditer(text, pos, end)
            ]
            assert looked.findall(text, pos, end) == plain.findall(text, pos, end)
        assert looked.sub("#", text) == plain.sub("#", text)
        assert looked.subn("#", text) == plain.subn("#", text)
        assert looked.split(text) == plain.split(text)
        assert rx.search(pattern, text, flags) is not None or plain.search(text) is None


def test_package_patterns_find_what_re_finds_on_dev_sentences() -> None:
    """Every pattern of the package's modules, looked, scans the dev sentences as ``re``
    does (a sample of texts: the predictions check covers every text)."""
    looked = [
        v
        for name, mod in sys.modules.items()
        if name.startswith("flareup.ingest.bulletin.")
        for v in vars(mod).values()
        if isinstance(v, rx._Looked)
    ]
    assert len(looked) > 300
    sents = [
        s.text
        for p in sorted(DEV.glob("*.txt"))[:6]
        for s in sentences(p.read_text(encoding="utf-8"))
    ]
    assert len(sents) > 20
    read = 0
    for pat in looked:
        read += pat.read()
        for s in sents:
            a, b = pat.search(s), pat._p.search(s)
            assert (a and a.span()) == (b and b.span()), pat.pattern
            for pos in (0, 7):
                a, b = pat.match(s, pos), pat._p.match(s, pos)
                assert (a and a.span()) == (b and b.span()), pat.pattern
    assert read > 100  # most have words to look for


@pytest.mark.parametrize(
    ("pattern", "flags", "strings", "digit"),
    [
        (r"\b(?:total|cumulative)\b", re.I, ("total", "cumula"), False),
        # an optional hedge, then a number in digits or words
        (
            r"(?:\b(?:about|over)\s+)?(?:\d+|\b(?:one|two)\b)",
            re.I,
            ("one", "two", "over", "about"),
            True,
        ),
        # zero-width parts (\b, look-behinds) open nothing; a look-ahead's words are not
        # the match's opening
        (r"(?<=\bon\s)the\s+(?=day)\d", 0, ("the",), False),
        # a case-sensitive class is read in lower case, as the text is folded
        (r"[A-C]ity\b", 0, ("aity", "bity", "city"), False),
        # a string that opens with another adds nothing
        (r"\b(?:new|newly|news)\b", 0, ("new",), False),
    ],
)
def test_opening_strings(pattern: str, flags: int, strings: tuple[str, ...], digit: bool) -> None:
    found = prefilter.opening(pattern, flags)
    assert found is not None
    assert set(found[0]) == set(strings) and found[1] == digit


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+\s+cases",  # any word character
        r"(?:new\s+)?\s*cases",  # white space may open it
        r"(?:cases)?",  # may be empty
        r"[^,]+,",  # a negated class
        r".cases",
        r"[Éé]tat",  # a letter outside ASCII (its case matches are many)
    ],
)
def test_no_opening_where_a_match_may_open_with_anything(pattern: str) -> None:
    assert prefilter.opening(pattern) is None


def test_opening_holds_at_every_match() -> None:
    """At every match of the patterns of this file, the folded text holds an opening
    string (or a digit)."""
    for pattern, flags in PATTERNS:
        opens = prefilter.opening(pattern, flags)
        if opens is None:
            continue
        for text in TEXTS:
            low = prefilter.fold(text)
            for m in re.finditer(pattern, text, flags):
                at = m.start()
                assert low.startswith(opens[0], at) or (opens[1] and text[at].isdecimal())


def test_words_pattern_finds_any_of_the_words() -> None:
    """One scan finds a text to hold one of the words exactly where a ``in`` for each does."""
    words = ("as", "all", "far", "date", "seen", "sea", "so-c", "to.d", "(n")
    scan = re.compile(prefilter.words_pattern(words))
    assert scan.pattern == r"\(n|a(?:ll|s)|date|far|s(?:e(?:a|en)|o\-c)|to\.d"
    texts = ["", "a", "the season", "so-called", "(n=3)", "todate", "to.date", "ALL", "seen"]
    texts += [t + " x" for t in words]
    for text in texts:
        assert (scan.search(text) is not None) == any(w in text for w in words), text


def test_starts_pattern_finds_every_place_a_word_begins() -> None:
    """The one-character matches of ``starts_pattern`` are the places where one of the
    words begins, overlapping ones included ('seas' holds 'sea' at 0 and 'as' at 2)."""
    words = ("as", "all", "far", "sea", "seen", "2", "24", "(n")
    scan = re.compile(prefilter.starts_pattern(words))
    assert scan.pattern == r"\((?=n)|2|a(?=ll|s)|f(?=ar)|s(?=e(?:a|en))"
    for text in ["", "seas", "the sea, as far as all (n=24) seen", "fa", "2", "asall"]:
        want = [i for i in range(len(text)) if text.startswith(words, i)]
        assert [m.start() for m in scan.finditer(text)] == want, text
