"""The tenth round's list of unseen-state flow/stock and never-found errors (issue 10).

Each gold count of dev8 .. dev12 is matched (one to one, greedily, strictest class first, as
``bulletin_context_classifier.error_classes``) to the records of the extractor *before* that
split's round (the unseen state: a05f306 on dev8 and dev9, f65a9f4 on dev10, a1d3a9b on dev11,
e70b59c on dev12; rebuilt from git history by ``bulletin_filter_experiment.old_predictions``),
and again to the records of the extractor of this tree. The errors listed are of two kinds:

- *type*: the right value (and date and place, or not) under a category of the same family
  read as the other of flow and stock (``confirmed_new`` / ``confirmed_cumulative``,
  ``deaths_new`` / ``deaths_cumulative``, ...), ``local_new`` read as all confirmed or back,
  or asymptomatic read as confirmed;
- *missed*: a ``confirmed_new``, ``confirmed_cumulative`` or ``deaths_new`` count whose value
  no record has.

For each error it prints the split, the text, the gold record, the unseen state's category,
today's class of the same gold count and the gold's sentence; then the counts still made.

    PYTHONPATH=src python benchmarks/bulletin_unseen_flowstock.py [--work DIR] [--today DIR]

``--today DIR`` reads this tree's predictions from ``DIR/SPLIT`` (as ``score_bulletins.py
--pred`` writes them) instead of running the extractor.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import bulletin_filter_experiment as bfe  # sibling scripts: benchmarks/ is on the path
from bulletin_context_classifier import LEVELS

#: (commit, split): the extractor before the split was tuned on
UNSEEN = (
    ("a05f306", "dev8"),
    ("a05f306", "dev9"),
    ("f65a9f4", "dev10"),
    ("a1d3a9b", "dev11"),
    ("e70b59c", "dev12"),
)
MISSED_KINDS = ("confirmed_new", "confirmed_cumulative", "deaths_new")

Rec = dict[str, Any]


def classify(
    pred: Sequence[Rec], gold: Sequence[Rec], score: ModuleType
) -> list[tuple[str, Rec | None]]:
    """Each gold count's class against ``pred`` and the record matched (greedy, one to one,
    strictest class first; ``missed`` where no record has its value)."""
    used: set[int] = set()
    out: list[tuple[str, Rec | None]] = []

    def ok(p: Rec, g: Rec, cat: bool, date: bool, place: bool) -> bool:
        return bool(
            p["value"] == g["value"]
            and (not cat or score.cat_ok(p.get("category"), g, False))
            and (not date or score.date_ok(p, g))
            and (not place or score.place_ok(p, g))
        )

    for g in gold:
        found: tuple[str, Rec | None] = ("missed", None)
        for name, cat, date, place in LEVELS:
            hit = next(
                (i for i, p in enumerate(pred) if i not in used and ok(p, g, cat, date, place)),
                None,
            )
            if hit is not None:
                used.add(hit)
                found = (name, pred[hit])
                break
        out.append(found)
    return out


def type_kind(gold_cat: str, pred_cat: str) -> str | None:
    """The kind of a category error of flow/stock or origin, or None for another kind."""
    g, p = gold_cat, pred_cat
    for fam in ("confirmed", "deaths", "recovered", "asymptomatic", "imported", "suspected"):
        if {g, p} == {f"{fam}_new", f"{fam}_cumulative"}:
            return f"{fam} {'flow read as stock' if g.endswith('_new') else 'stock read as flow'}"
    if {g, p} <= {"local_new", "confirmed_new", "confirmed_cumulative"} and "local_new" in {g, p}:
        return "local vs all confirmed"
    if g.startswith("asymptomatic") and (p.startswith("confirmed") or p == "local_new"):
        return "asymptomatic read as confirmed"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=None, help="cache of old code and predictions")
    ap.add_argument("--today", type=Path, default=None, help="this tree's predictions, per split")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.gettempdir()) / "flareup_unseen_flowstock"
    score = bfe.load_scorer()
    totals: Counter[str] = Counter()
    still: Counter[str] = Counter()
    for commit, split in UNSEEN:
        old = bfe.load_docs(bfe.old_predictions(commit, split, work), split, score)
        if args.today is not None:
            today_dir = args.today / split
        else:
            from score_bulletins import predict_folder

            today_dir = work / "today" / split
            predict_folder(bfe.CORPUS / split, today_dir)
        now = {d.stem: d for d in bfe.load_docs(today_dir, split, score)}
        for d in old:
            then_cls = classify(d.pred, d.gold, score)
            now_cls = classify(now[d.stem].pred, d.gold, score)
            for g, (cls, p), (ncls, np_) in zip(d.gold, then_cls, now_cls, strict=True):
                gcat = str(g.get("category"))
                if cls in ("category", "category+") and p is not None:
                    kind = type_kind(gcat, str(p.get("category")))
                elif cls == "missed" and gcat in MISSED_KINDS:
                    kind = f"missed {gcat}"
                else:
                    kind = None
                if kind is None:
                    continue
                totals[kind] += 1
                # still made: the same kind of error today (a type error still typed wrong, a
                # missed count still missed); a count now typed right but dated or placed
                # wrong is not
                if (ncls == "missed") if cls == "missed" else (ncls in ("category", "category+")):
                    still[kind] += 1
                now_cat = np_.get("category") if np_ is not None else "-"
                print(
                    f"[{split} {commit}] {kind} | {d.stem} | gold {g.get('date')} "
                    f"{g.get('place')} {gcat} {g['value']} | then {p.get('category') if p else '-'}"
                    f" | now {ncls} {now_cat}\n    {' '.join(str(g.get('sentence')).split())}"
                )
    print("\nkind: unseen-state errors / still made today")
    for kind, n in totals.most_common():
        print(f"  {kind}: {n} / {still[kind]}")
    print(f"  all: {sum(totals.values())} / {sum(still.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
