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
]
TEXTS = [
    "",
    "Total cases rose to 12; the 5 new deaths of the cases were in Lagos.",
    "No new deaths; 3 cases. KELVIN: \u212aases and ſome ı words, İstanbul 4 deaths.",
    "the 45 new cases of THESE Cases, cumulative\tdeaths",
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
    assert read > 100  # most have words to look for
