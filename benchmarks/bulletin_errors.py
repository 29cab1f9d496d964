"""Where the extractor's tuples go wrong on a split: each gold count not matched at tuple level
put in one class, with the prediction that comes nearest.

    PYTHONPATH=src python benchmarks/bulletin_errors.py GOLD_DIR PRED_DIR [CLASS]

``PRED_DIR`` holds predictions as ``benchmarks/score_bulletins.py SPLIT --pred PRED_DIR`` writes
them. Classes, in the order they are tried: ``pair ok, date wrong`` / ``pair ok, place wrong`` /
``pair ok, both wrong`` (a prediction of the same category and value, left unmatched), ``value
found, wrong category`` (a prediction of the same value only), ``missed``; predictions that share
neither pair nor value with an unmatched gold count are ``spurious``. Matching is the scorer's
(strict categories, one-to-one, the same lenient places and alternate dates), so the counts add
up to its false negatives. With ``CLASS`` every gold (G) and prediction (P) of that class is
printed. The eighth tuning round (docs/methods/bulletin.md) split its work by these classes.
"""

from __future__ import annotations

import argparse
import collections
import os
from pathlib import Path
from typing import Any

import score_bulletins  # a sibling script: benchmarks/ is on the path

Rec = dict[str, Any]


def classify(gold: list[Rec], pred: list[Rec], s: Any) -> list[tuple[str, Rec | None, Rec | None]]:
    """(class, gold, prediction) for each unmatched gold count and each spurious prediction."""

    def pair(p: Rec, g: Rec) -> bool:
        return bool(s.cat_ok(p.get("category"), g, False)) and p.get("value") == g.get("value")

    def tup(p: Rec, g: Rec) -> bool:
        return pair(p, g) and s.place_ok(p, g) and s.date_ok(p, g)

    # the scorer's maximum matching (Kuhn), kept to know which records it matched
    adj = [[j for j in range(len(gold)) if tup(pred[i], gold[j])] for i in range(len(pred))]
    match_g = [-1] * len(gold)

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j not in seen:
                seen.add(j)
                if match_g[j] < 0 or augment(match_g[j], seen):
                    match_g[j] = i
                    return True
        return False

    for i in range(len(pred)):
        augment(i, set())
    used_g = {j for j, i in enumerate(match_g) if i >= 0}
    used_p = {i for i in match_g if i >= 0}
    free_p = [p for i, p in enumerate(pred) if i not in used_p]
    free_g = [g for j, g in enumerate(gold) if j not in used_g]
    out: list[tuple[str, Rec | None, Rec | None]] = []
    for g in free_g:
        same = [p for p in free_p if pair(p, g)]
        if same:
            p = same[0]
            d, pl = s.date_ok(p, g), s.place_ok(p, g)
            kind = "date wrong" if pl else "place wrong" if d else "both wrong"
            out.append((f"pair ok, {kind}", g, p))
            continue
        vals = [p for p in free_p if p.get("value") == g.get("value")]
        out.append(
            ("value found, wrong category" if vals else "missed", g, vals[0] if vals else None)
        )
    for p in free_p:
        if not any(p.get("value") == g.get("value") for g in free_g):
            out.append(("spurious", None, p))
    return out


def _line(r: Rec | None) -> str:
    if r is None:
        return "-"
    ev = (r.get("evidence") or "")[:90]
    return f"{r.get('date')} | {r.get('place')} | {r.get('category')} {r.get('value')} | {ev}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("cls", nargs="?", help="print the counts of this class")
    ap.add_argument("--scorer", type=Path, default=None)
    a = ap.parse_args(argv)
    s = score_bulletins.load_scorer(a.scorer)
    counts: collections.Counter[str] = collections.Counter()
    shown: list[tuple[str, Rec | None, Rec | None]] = []
    for gp in sorted(a.gold.glob("*.json")):
        pp = a.pred / gp.name
        pred = s.dedup(s.load_records(str(pp))) if os.path.exists(pp) else []
        for kind, g, p in classify(s.load_records(str(gp)), pred, s):
            counts[kind] += 1
            if kind == a.cls:
                shown.append((gp.stem, g, p))
    for kind, n in counts.most_common():
        print(f"{n:5d}  {kind}")
    for stem, g, p in shown:
        print(f"--- {stem}\n  G: {_line(g)}\n  P: {_line(p)}")


if __name__ == "__main__":
    main()
