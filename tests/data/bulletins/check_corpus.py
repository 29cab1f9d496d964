#!/usr/bin/env python3
"""Validate the hand-annotated bulletin corpus (tests/data/bulletins/).

usage: python3 tests/data/bulletins/check_corpus.py [CORPUS_DIR] [--vocab PATH_TO_vocab.py]

Checks, for every <split>/<stem>.json: a matching <stem>.txt exists; the JSON has "meta"
(published ISO date or null, source_type, source, title, language en|zh, disease) and
"records"; each record has a category in the vocabulary (and alt_categories too), an integer
value (value_max >= value if given), a qualifier in {exact, approximate, at_least, at_most},
date / period_start / alt_dates in ISO form (YYYY-MM-DD, YYYY-MM or YYYY) or null, a place,
a mention contained in its evidence, and evidence and sentence that are exact substrings of
the text (evidence inside the sentence), and, where given, evidence_start (character offset of
the evidence in the .txt, in Python code points) pointing at the evidence inside the sentence. Also checks that every stem is listed in SOURCES.md
and that no stem appears in two splits. Exit code 0 when all is well, 1 otherwise.

The vocabulary (categories, qualifiers) is read from scorer/vocab.py next to this script (a copy
of ../shared/bulletins/vocab.py, SCHEMA.md, so that it runs without the shared folder); --vocab
checks against another copy instead.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import re
import sys

SOURCE_TYPES = {
    "national_briefing",
    "regional_bulletin",
    "news_wire",
    "news",
    "who_don",
    "who_sitrep",
}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def iso_ok(s: object) -> bool:
    if s is None:
        return True
    if not isinstance(s, str) or not ISO.match(s):
        return False
    parts = [int(x) for x in s.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        import datetime

        try:
            datetime.date(*parts)
        except ValueError:
            return False
    return True


def _find_all(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def check_file(jpath: str, cats: set[str], qualifiers: set[str]) -> list[str]:
    errs: list[str] = []
    stem = os.path.splitext(jpath)[0]
    tpath = stem + ".txt"
    if not os.path.exists(tpath):
        return [f"{jpath}: no matching .txt"]
    with open(tpath, encoding="utf-8") as f:
        text = f.read()
    try:
        with open(jpath, encoding="utf-8") as f:
            d = json.load(f)
    except json.JSONDecodeError as e:
        return [f"{jpath}: invalid JSON: {e}"]
    meta = d.get("meta")
    if not isinstance(meta, dict):
        errs.append(f"{jpath}: no meta object")
        meta = {}
    for k in ("published", "source_type", "source", "title", "language", "disease"):
        if k not in meta:
            errs.append(f"{jpath}: meta.{k} missing")
    if not iso_ok(meta.get("published")):
        errs.append(f"{jpath}: meta.published not ISO: {meta.get('published')!r}")
    if meta.get("language") not in ("en", "zh"):
        errs.append(f"{jpath}: meta.language must be en or zh")
    if meta.get("source_type") not in SOURCE_TYPES:
        errs.append(
            f"{jpath}: meta.source_type {meta.get('source_type')!r} not in {sorted(SOURCE_TYPES)}"
        )
    recs = d.get("records")
    if not isinstance(recs, list):
        return [*errs, f"{jpath}: records is not a list"]
    for i, r in enumerate(recs):
        where = f"{jpath}: record {i}"
        if r.get("category") not in cats:
            errs.append(f"{where}: category {r.get('category')!r} not in vocabulary")
        for c in r.get("alt_categories", []):
            if c not in cats:
                errs.append(f"{where}: alt_category {c!r} not in vocabulary")
        v = r.get("value")
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            errs.append(f"{where}: value {v!r} is not a non-negative integer")
        vm = r.get("value_max")
        if vm is not None and (not isinstance(vm, int) or not isinstance(v, int) or vm < v):
            errs.append(f"{where}: value_max {vm!r} invalid")
        if r.get("qualifier") not in qualifiers:
            errs.append(f"{where}: qualifier {r.get('qualifier')!r} invalid")
        for k in ("date", "period_start"):
            if k in r and not iso_ok(r[k]):
                errs.append(f"{where}: {k} {r[k]!r} not ISO")
        if "date" not in r:
            errs.append(f"{where}: date missing (use null)")
        for a in r.get("alt_dates", []):
            if a is None or not iso_ok(a):
                errs.append(f"{where}: alt_date {a!r} not ISO")
        if not r.get("place"):
            errs.append(f"{where}: place missing")
        ev, sent, men = r.get("evidence", ""), r.get("sentence", ""), r.get("mention", "")
        if not ev or ev not in text:
            errs.append(f"{where}: evidence not a substring of the text: {ev!r}")
        if not sent or sent not in text:
            errs.append(f"{where}: sentence not a substring of the text: {sent[:60]!r}")
        if ev and sent and ev not in sent:
            errs.append(f"{where}: evidence not inside sentence: {ev!r}")
        if not men or men not in ev:
            errs.append(f"{where}: mention {men!r} not inside evidence")
        start = r.get("evidence_start")
        if start is not None:
            if not isinstance(start, int) or text[start : start + len(ev)] != ev:
                errs.append(f"{where}: evidence_start {start!r} does not point at the evidence")
            elif sent and not any(
                a <= start and start + len(ev) <= a + len(sent) for a in _find_all(text, sent)
            ):
                errs.append(
                    f"{where}: evidence_start lies outside every occurrence of the sentence"
                )
    return errs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument(
        "--vocab",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "scorer", "vocab.py"),
        help="the vocab.py to check categories and qualifiers against (default: scorer/vocab.py)",
    )
    a = ap.parse_args(argv)
    spec = importlib.util.spec_from_file_location("vocab", a.vocab)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    cats, qualifiers = set(mod.CATEGORIES), set(mod.QUALIFIERS)
    files = sorted(glob.glob(os.path.join(a.corpus, "*", "*.json")))
    if not files:
        print(f"no <split>/<stem>.json files under {a.corpus}", file=sys.stderr)
        return 1
    errs: list[str] = []
    stems: dict[str, str] = {}
    counts: dict[str, list[int]] = {}
    for jp in files:
        split = os.path.basename(os.path.dirname(jp))
        stem = os.path.splitext(os.path.basename(jp))[0]
        if stem in stems:
            errs.append(f"{jp}: stem also in split {stems[stem]}")
        stems[stem] = split
        errs += check_file(jp, cats, qualifiers)
        try:
            with open(jp, encoding="utf-8") as f:
                n = len(json.load(f).get("records", []))
        except (json.JSONDecodeError, AttributeError):
            n = 0
        c = counts.setdefault(split, [0, 0])
        c[0] += 1
        c[1] += n
    for tp in glob.glob(os.path.join(a.corpus, "*", "*.txt")):
        if not os.path.exists(os.path.splitext(tp)[0] + ".json"):
            errs.append(f"{tp}: no matching .json")
    src = os.path.join(a.corpus, "SOURCES.md")
    if os.path.exists(src):
        with open(src, encoding="utf-8") as f:
            listed = f.read()
        for stem in stems:
            if f"`{stem}`" not in listed:
                errs.append(f"SOURCES.md: stem {stem} not listed")
    else:
        errs.append("SOURCES.md missing")
    for e in errs:
        print(e)
    for split, (nd, nr) in sorted(counts.items()):
        print(f"{split}: {nd} texts, {nr} records")
    print("OK" if not errs else f"{len(errs)} problem(s)")
    return 0 if not errs else 1


if __name__ == "__main__":
    sys.exit(main())
