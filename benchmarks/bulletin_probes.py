"""Behavioural probes of the bulletin extractor: the pass rate by file (construction), with the
failures.

    PYTHONPATH=src python benchmarks/bulletin_probes.py [FILE.jsonl ...] [--quiet]

Probes (CheckList: Ribeiro et al. 2020, ACL, "Beyond Accuracy:
Behavioral Testing of NLP Models with CheckList").

A probe is one short text written by us, not taken from any corpus, that exercises one
construction of bulletin language (a breakdown by place in parentheses, a split of the day's
cases into local and imported, a list of places each with its figures ...), with the records it
must give and nothing else. Probes are grouped by construction in JSON Lines files under
``tests/data/bulletins/probes/``; each line::

    {"id": "paren-list-1", "text": "...", "published": "2021-03-10",
     "expect": [{"category": "confirmed_new", "value": 12, "date": "2021-03-10",
                 "place": "Harbin"}], "xfail": "why it fails, while it does"}

An expected record may list ``alt_categories`` that are accepted as well, as gold records do,
and an ``evidence``: words of the text that the record's own evidence must equal or contain
(``"Abuja had 80"`` for the item of 'Lagos had 245, Abuja had 80 and Kano had 12'), where a
probe checks which words a record is read from; without it evidence is not compared.

A probe passes when the extractor's records, as (category, value, date, place), are exactly
the expected ones, places compared as the corpus scorer compares them (its ``norm_place``, on
the record's normalised name or its name as written; an expected place "" is a record without
one): a missing record and an extra one both fail it.
Probes measure whether a rule is general (the same construction in other words, places and
diseases), where the annotated corpus measures accuracy on real text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import score_bulletins  # a sibling script: benchmarks/ is on the path

ROOT = Path(__file__).resolve().parent.parent
PROBES = ROOT / "tests" / "data" / "bulletins" / "probes"
SCORER = ROOT / "tests" / "data" / "bulletins" / "scorer" / "score.py"


#: Places compare as the corpus scorer compares them (its own function).
norm_place: Callable[[str | None], str] = score_bulletins.load_scorer(SCORER).norm_place


Key = tuple[str, int, str | None, str]


def _key(rec: dict[str, Any]) -> Key:
    """An expected record: (category, value, date, place as the scorer compares it); the
    category is ``category|alt|...`` where the expectation accepts ``alt_categories`` too, as
    the corpus gold does (the scorer's ``cat_ok``)."""
    cats = [str(rec["category"]), *(str(c) for c in rec.get("alt_categories", []))]
    return ("|".join(cats), int(rec["value"]), rec.get("date"), norm_place(rec.get("place")))


def _places(rec: dict[str, Any]) -> frozenset[str]:
    """The place names a record answers to, as the scorer's ``place_ok`` takes them: its
    normalised name and the name as written (the empty name where it has neither)."""
    names = {norm_place(rec.get("place")), norm_place(rec.get("place_text"))} - {""}
    return frozenset(names or {""})


@dataclass(frozen=True)
class Probe:
    """One probe: ``text`` published on ``published`` must give exactly ``expect``."""

    file: str
    id: str
    text: str
    published: str
    expect: tuple[Key, ...]
    xfail: str | None = None
    #: per expected record, the words its evidence must equal or contain (None: any)
    evidence: tuple[str | None, ...] = ()

    def run(self) -> ProbeResult:
        from flareup.ingest.bulletin import extract

        got = [r.to_dict() for r in extract(self.text, self.published)]
        missing: list[Key] = []
        left = list(got)
        words = self.evidence or (None,) * len(self.expect)
        for (cat, value, date, place), ev in zip(self.expect, words, strict=True):
            hit = next(
                (
                    i
                    for i, r in enumerate(left)
                    if r["category"] in cat.split("|")
                    and (r["value"], r.get("date")) == (value, date)
                    and place in _places(r)
                    and (ev is None or ev in str(r.get("evidence", "")))
                ),
                None,
            )
            if hit is None:
                got_ev = [
                    str(r.get("evidence"))
                    for r in left
                    if (r["category"], r["value"], r.get("date"))
                    == (cat.split("|")[0], value, date)
                ]
                note = f"evidence {ev!r}, got {got_ev}" if ev is not None and got_ev else None
                missing.append((cat, value, date, place + (f" [{note}]" if note else "")))
            else:
                left.pop(hit)
        extra = [
            (str(r["category"]), int(r["value"]), r.get("date"), "/".join(sorted(_places(r))))
            for r in left
        ]
        return ProbeResult(self, missing=missing, extra=extra)


@dataclass
class ProbeResult:
    probe: Probe
    missing: list[Key] = field(default_factory=list)
    extra: list[Key] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra

    def explain(self) -> str:
        parts = [f"{self.probe.file}:{self.probe.id}: {self.probe.text!r}"]
        parts += [f"  missing {k}" for k in self.missing]
        parts += [f"  extra   {k}" for k in self.extra]
        return "\n".join(parts)


def load(paths: Iterable[Path]) -> list[Probe]:
    """The probes of JSON Lines files; a bad line raises ValueError naming file and line."""
    out: list[Probe] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                out.append(
                    Probe(
                        path.name,
                        str(d["id"]),
                        str(d["text"]),
                        str(d["published"]),
                        tuple(_key(e) for e in d["expect"]),
                        d.get("xfail"),
                        tuple(
                            None if e.get("evidence") is None else str(e["evidence"])
                            for e in d["expect"]
                        ),
                    )
                )
            except (KeyError, TypeError, ValueError) as e:
                raise ValueError(f"{path}:{n}: not a probe ({e})") from e
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--quiet", action="store_true", help="figures only, not the failures")
    a = ap.parse_args(argv)
    files = a.files or sorted(PROBES.glob("*.jsonl"))
    by_file: dict[str, list[bool]] = defaultdict(list)
    for probe in load(files):
        res = probe.run()
        by_file[probe.file].append(res.passed)
        if not res.passed and not a.quiet:
            print(res.explain())
    total = [x for v in by_file.values() for x in v]
    for name, v in sorted(by_file.items()):
        print(f"{name:40} {sum(v):4} of {len(v):4} pass ({sum(v) / len(v):.0%})")
    if total:
        print(f"{'all':40} {sum(total):4} of {len(total):4} pass ({sum(total) / len(total):.0%})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
