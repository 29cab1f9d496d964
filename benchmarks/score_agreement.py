"""Inter-annotator agreement on the bulletin corpus, and the extractor against each annotator.

    PYTHONPATH=src python benchmarks/score_agreement.py \
        [--second tests/data/bulletins/agreement/dev7] [--first tests/data/bulletins/dev7] \
        [--scorer ../shared/bulletins/score.py]

The second annotation covers some of the first split's texts; both (and the extractor's
predictions for those texts) are copied into temporary folders of just those texts, so that the
bulletin format's scorer (which counts a missing prediction file as empty) compares like with
like. Prints strict and coarse F1 at pair and tuple level for: annotator 2 against annotator 1,
annotator 1 against annotator 2, the extractor against each; then the records each annotator
wrote that the other did not (same date, place, category and value), for reading.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# the scorer's lookup and the predictions are score_bulletins.py's (this folder is on the path
# when a benchmark runs as a script)
from score_bulletins import default_scorer, predict_folder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "bulletins"


def _score(scorer: Path, pred: Path, gold: Path, label: str) -> None:
    for mode in ([], ["--coarse"]):
        out = subprocess.run(
            [sys.executable, str(scorer), str(pred), "--gold", str(gold), *mode],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        f1 = [line.split("F1=")[1].split()[0] for line in out.splitlines() if "F1=" in line]
        print(f"{label:<44} {'coarse' if mode else 'strict':<7} pair {f1[0]}  tuple {f1[1]}")


def _keys(path: Path) -> set[tuple[str, str, str, int]]:
    recs = json.loads(path.read_text(encoding="utf-8"))["records"]
    return {
        (str(r.get("date")), str(r.get("place") or r.get("place_text")), r["category"], r["value"])
        for r in recs
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--second", type=Path, default=CORPUS / "agreement" / "dev7")
    ap.add_argument("--first", type=Path, default=CORPUS / "dev7")
    ap.add_argument("--scorer", default=None)
    a = ap.parse_args()
    scorer = Path(a.scorer) if a.scorer else default_scorer()
    if scorer is None:
        raise SystemExit("the bulletin scorer was not found (--scorer)")
    stems = sorted(p.stem for p in a.second.glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        first, second, pred = (Path(tmp) / n for n in ("first", "second", "pred"))
        for d in (first, second, pred):
            d.mkdir()
        for stem in stems:
            text = a.first / f"{stem}.txt"
            for d in (first, second):
                shutil.copy(text, d / text.name)
            shutil.copy(a.first / f"{stem}.json", first / f"{stem}.json")
            shutil.copy(a.second / f"{stem}.json", second / f"{stem}.json")
        predict_folder(first, pred)  # the publication day from each text's gold meta
        print(f"{len(stems)} texts annotated twice ({a.second})")
        _score(scorer, second, first, "annotator 2 against annotator 1")
        _score(scorer, first, second, "annotator 1 against annotator 2")
        _score(scorer, pred, first, "extractor against annotator 1")
        _score(scorer, pred, second, "extractor against annotator 2")
    print("\nwritten by one annotator only (exact date, place, category, value):")
    for stem in stems:
        one, two = _keys(a.first / f"{stem}.json"), _keys(a.second / f"{stem}.json")
        for key in sorted(one - two, key=str):
            print(f"  {stem}: annotator 1 only {key}")
        for key in sorted(two - one, key=str):
            print(f"  {stem}: annotator 2 only {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
