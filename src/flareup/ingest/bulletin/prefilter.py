"""The literal words a regular expression cannot match without: a cheap look before a scan.

``re`` scans a pattern that opens with ``\\b``, a group or a letter under ``re.IGNORECASE``
by trying it at every position of the text (it skips ahead fast only to a literal or a set of
characters the pattern must open with). Most of the extractor's patterns are of that kind
(``\\b(?:total|cumulative|overall)\\b``), and most of their scans find nothing: a sentence of
150 characters costs some 25 µs a pattern. Whether the text holds one of the pattern's
necessary words ('total', 'cumulative', 'overall') costs about 1.5 µs, so ``rx`` looks first
and scans only where one is there (the idea of the trigram prefilters of code search; Cox
2012, "Regular Expression Matching with a Trigram Index").

:func:`required` reads the pattern's parse tree (``re._parser``, as ``re`` itself compiles
it) for a set of lowercase ASCII strings one of which every match contains, or is next to
(what a look-ahead or look-behind needs is in the text too); :func:`fold` lowercases the
text the way ``re.IGNORECASE`` compares it to those letters. The look can only say "maybe" or
"no": where it says no, no match exists, so the results are those of the full scan.
"""

from __future__ import annotations

import re
from typing import Any

try:  # CPython's own parser of patterns (3.11+); without it no pattern gets a look
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    _C = _P = None  # type: ignore[assignment]

Strings = frozenset[str]

#: most strings an exact set of a sub-pattern keeps ("case" + "s" or ""): beyond, unknown
_CAP = 64


def fold(text: str) -> str:
    """``text`` as the look compares it: lowercase, so that every character that matches an
    ASCII literal of a pattern (in any case, under ``re.IGNORECASE`` or not) is that
    literal's lowercase letter."""
    low = text.lower()
    return low if low.isascii() else fold_extra(low)


def fold_extra(low: str) -> str:
    """Under ``re.IGNORECASE`` two letters outside ASCII match an ASCII one although their
    own lowercase is not it (``re``'s "ignorecase fixes"): dotless ı matches 'i', long ſ
    matches 's'. (The Kelvin sign and İ lowercase to 'k' and 'i̇' by themselves.)"""
    # (two scans and no copy in the usual case: str.translate looks up every character)
    if "ı" in low:
        low = low.replace("ı", "i")
    if "ſ" in low:
        low = low.replace("ſ", "s")
    return low


def _char(code: int) -> str | None:
    """A literal's folded form; ``None`` outside ASCII (its case matches are many)."""
    return chr(code).lower() if code < 128 else None


def _req(exact: Strings | None, req: Strings | None) -> Strings | None:
    """What a part needs: its own requirement, else its exact strings when none is empty."""
    if req is not None:
        return req
    return exact if exact is not None and "" not in exact else None


def _better(a: Strings | None, b: Strings | None) -> Strings | None:
    """Of two requirements both true, the more selective: longer shortest string, then fewer."""
    if a is None or b is None:
        return a if b is None else b
    ka = (min(map(len, a)), -len(a))
    kb = (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _item(op: Any, av: Any) -> tuple[Strings | None, Strings | None]:
    """(exact, required) of one parsed item: every string it can match (``None``: too many
    or unknown), and a set one of which the text holds wherever it matches."""
    if op is _C.LITERAL:
        c = _char(av)
        return (frozenset([c]) if c is not None else None), None
    if op is _C.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is _C.LITERAL and (c := _char(a)) is not None:
                chars.add(c)
            elif o is _C.RANGE and a[1] < 128 and a[1] - a[0] < 16:
                chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            else:  # a category, a negation, a wide range
                return None, None
        return frozenset(chars), None
    if op is _C.SUBPATTERN:
        return _sequence(av[3])
    if op is _C.ATOMIC_GROUP:
        return _sequence(av)
    if op is _C.BRANCH:
        exact: set[str] | None = set()
        req: set[str] | None = set()
        for alt in av[1]:
            e, r = _sequence(alt)
            exact = exact | e if exact is not None and e is not None else None
            if exact is not None and len(exact) > _CAP:
                exact = None
            rr = _req(e, r)
            req = req | rr if req is not None and rr is not None else None
        return (frozenset(exact) if exact is not None else None), (frozenset(req) if req else None)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if lo == 0:
            return None, None
        e, r = _sequence(sub)
        if lo == hi and e is not None and len(e) ** lo <= _CAP:
            out = frozenset([""])
            for _ in range(lo):
                out = frozenset(a + b for a in out for b in e)
            return out, _req(e, r)
        return None, _req(e, r)
    if op is _C.AT or op is _C.ASSERT_NOT:
        return frozenset([""]), None  # zero-width: its neighbours are adjacent in the text
    if op is _C.ASSERT:
        e, r = _sequence(av[1])
        return frozenset([""]), _req(e, r)  # zero-width; what it looks at is in the text
    return None, None  # any character, a negated one, a back-reference, a conditional


def _sequence(items: Any) -> tuple[Strings | None, Strings | None]:
    """(exact, required) of items in a row: runs of known strings are joined ('cases' from
    c, a, s, e, s), and the best requirement of any run or item is the sequence's."""
    run: Strings | None = frozenset([""])
    best: Strings | None = None
    whole = True  # no item broke the run: ``run`` is every string the sequence matches
    for op, av in items:
        e, r = _item(op, av)
        best = _better(best, r)
        if e is not None and run is not None and len(run) * len(e) <= _CAP:
            run = frozenset(a + b for a in run for b in e)
            continue
        if run is not None and "" not in run:
            best = _better(best, run)
        run, whole = e, False
    if run is not None and "" not in run:
        best = _better(best, run)
    return (run if whole else None), best


def required(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lowercase ASCII strings one of which ``fold(text)`` contains wherever ``pattern``
    matches in ``text`` (shortest first, none containing another); ``None`` if there are
    none to tell (``\\d+``, ``\\w+``) or the pattern is not read (bytes, ``re.LOCALE``)."""
    tree = _parse(pattern, flags)
    return None if tree is None else _words(tree)


def look(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """The words to look for before a scan of ``pattern``: :func:`required`'s, where ``re``
    would try the pattern at every position (not :func:`scans_fast`); else ``None``."""
    tree = _parse(pattern, flags)
    if tree is None or _scans_fast(tree):
        return None
    return _words(tree)


def _parse(pattern: str, flags: int) -> Any:
    if _P is None or not isinstance(pattern, str) or flags & re.LOCALE:
        return None
    try:
        tree = _P.parse(pattern, flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - re.compile raises first
        return None
    return None if tree.state.flags & re.LOCALE else tree


def _words(tree: Any) -> tuple[str, ...] | None:
    _, found = _sequence(tree.data)
    if not found:
        return None
    # a string that holds another is found whenever the other is: the shorter says it all
    out = sorted(found, key=lambda s: (len(s), s))
    return tuple(s for i, s in enumerate(out) if not any(t in s for t in out[:i]))


def _opening(items: Any, ignorecase: bool) -> tuple[Any, Any, bool] | None:
    """The first item of a pattern (through groups), with the case flag it is read under."""
    while items:
        op, av = items[0]
        if op is not _C.SUBPATTERN:
            return op, av, ignorecase
        _, add, remove, items = av
        ignorecase = bool((ignorecase or add & re.IGNORECASE) and not remove & re.IGNORECASE)
    return None


def scans_fast(pattern: str, flags: int = 0) -> bool:
    """Whether ``re`` finds where ``pattern`` may start without trying every position: it
    opens with a literal, a set of characters or one of several literals, none of them a
    letter under ``re.IGNORECASE`` (``re``'s own prefix and charset look), or with ``^``."""
    tree = _parse(pattern, flags)
    return tree is None or _scans_fast(tree)


def _scans_fast(tree: Any) -> bool:
    first = _opening(tree.data, bool(tree.state.flags & re.IGNORECASE))
    if first is None:
        return False
    op, av, ignorecase = first

    def cased(code: int) -> bool:
        return ignorecase and chr(code).lower() != chr(code).upper()

    if op is _C.AT:
        return av in (_C.AT_BEGINNING, _C.AT_BEGINNING_STRING)
    if op is _C.LITERAL:
        return not cased(av)
    if op is _C.IN:
        return not any(
            (o is _C.LITERAL and cased(a))
            or (o is _C.RANGE and any(map(cased, range(a[0], a[1] + 1))))
            for o, a in av
        )
    if op is _C.BRANCH:
        return all(
            alt.data and alt.data[0][0] is _C.LITERAL and not cased(alt.data[0][1]) for alt in av[1]
        )
    return False


#: longest opening string :func:`opening` reads (longer strings rule out few more positions)
_OPEN_LEN = 6


def opening(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], bool] | None:
    """How every match of ``pattern`` begins, read from its parse tree: (strings, digit),
    where at a match's start ``fold(text)`` holds one of ``strings`` (lowercase ASCII, at most
    six characters) or, where ``digit``, a decimal digit (``\\d``). ``None``: no such
    statement (a match may open with any letter, or be empty).

    ``rx.finditer_from`` tries a pattern only at the positions so opened: a number, a relative
    day or a short period opens with one of a few dozen words, not at every word."""
    tree = _parse(pattern, flags)
    if tree is None:
        return None
    found = _opens(list(tree.data), _OPEN_LEN)
    if found is None or "" in found[0]:
        return None  # an empty match, or an opening the reading cannot tell
    strings = sorted(found[0], key=lambda s: (len(s), s))
    # a string that opens with another is ruled in whenever the other is: the shorter says it
    return tuple(
        s for i, s in enumerate(strings) if not any(s.startswith(t) for t in strings[:i])
    ), found[1]


def _opens(items: list[Any], room: int) -> tuple[frozenset[str], bool] | None:
    """(strings, digit) one of which opens every match of ``items`` (see :func:`opening`);
    ``""`` among the strings: a match may be empty here. ``room``: characters still read."""
    if not items or room == 0:
        return frozenset([""]), False
    op, av = items[0]
    rest = items[1:]
    if op is _C.AT or op is _C.ASSERT or op is _C.ASSERT_NOT:
        return _opens(rest, room)  # zero-width: the match opens with what follows
    if op is _C.SUBPATTERN:
        return _opens(list(av[3]) + rest, room)
    if op is _C.ATOMIC_GROUP:
        return _opens(list(av) + rest, room)
    if op is _C.BRANCH:
        strings: set[str] = set()
        digit = False
        for alt in av[1]:
            got = _opens(list(alt) + rest, room)
            if got is None:
                return None
            strings |= got[0]
            digit = digit or got[1]
        return _capped(strings, digit)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, _, sub = av
        # (the first repetition opens the match, read alone: a second may follow it)
        first = _opens(list(sub), room)
        if first is None:
            return None
        if lo > 0 and "" not in first[0]:
            return first
        then = _opens(rest, room)  # no repetition, or an empty one: what follows opens it
        if then is None:
            return None
        return _capped((first[0] - {""}) | then[0], first[1] or then[1])
    chars: set[str] = set()
    digit = False
    if op is _C.LITERAL:
        if (c := _char(av)) is None:
            return None
        chars.add(c)
    elif op is _C.IN:
        for o, a in av:
            if o is _C.LITERAL and (c := _char(a)) is not None:
                chars.add(c)
            elif o is _C.RANGE and a[1] < 128:
                chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            elif o is _C.CATEGORY and a is _C.CATEGORY_DIGIT:
                digit = True
            else:  # a negation, another category, a range beyond ASCII
                return None
    else:
        return None  # any character, a back-reference, a conditional
    then = _opens(rest, room - 1) if chars and not digit else None
    if then is None or then[1] or len(chars) * len(then[0]) > _CAP:
        # (what follows cannot be told, or opens with a digit: the first character says it)
        return frozenset(chars), digit
    return frozenset(c + t for c in chars for t in then[0]), False


def _capped(strings: set[str] | frozenset[str], digit: bool) -> tuple[frozenset[str], bool]:
    """Too many strings to look for: their first characters (any string opens with one)."""
    if len(strings) > 4 * _CAP and "" not in strings:
        strings = {s[:1] for s in strings}
    return frozenset(strings), digit


def starts_pattern(words: tuple[str, ...]) -> str:
    """A regular expression whose matches are the first characters of every place where one
    of ``words`` (as :func:`words_pattern`) begins: each word's first character, the rest a
    look-ahead ('a(?=ll|s)|f(?=ar)'). Each match is one character, so ``finditer`` skips no
    place where another begins, and ``re`` still skips ahead to the words' first letters (a
    look-ahead around the whole, tried at every character, cost five times as much)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w[1:])
    alts = []
    for first, rests in sorted(groups.items()):
        ahead = "" if "" in rests else f"(?={words_pattern(tuple(rests))})"
        alts.append(re.escape(first) + ahead)
    return "|".join(alts)


def words_pattern(words: tuple[str, ...]) -> str:
    """A regular expression that finds any of ``words`` (lowercase ASCII, none starting
    another) in a folded text: their alternation as a tree of shared first characters
    ('a(?:ll|s)|far|now'), so that ``re`` skips ahead to a word's first letter and tries there
    only the words opening with it. For a pattern's many words one scan of this costs less
    than a ``str.__contains__`` for each (measured 2026-12-07: 54 words, 3.2 against 6.8 µs
    a sentence; below some 20 words the loop is cheaper)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w[1:])
    alts = []
    for first, rests in sorted(groups.items()):
        if "" in rests:
            alts.append(re.escape(first))  # (the word itself: the longer ones contain it)
            continue
        sub = words_pattern(tuple(rests))
        alts.append(re.escape(first) + (f"(?:{sub})" if "|" in sub else sub))
    return "|".join(alts)
