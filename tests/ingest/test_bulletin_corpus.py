"""The extractor on the hand-annotated development corpus, scored by the shared scorer.

The floors sit below what ``benchmarks/score_bulletins.py tests/data/bulletins/dev`` (and
``.../dev2``, the validation split) measures
(see the figures in the report), so that a change that makes extraction worse fails here. The
held-out ``test/`` split is never read by tests. Skipped where the corpus or the scorer
(``../shared/bulletins/score.py``) is absent.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
from pathlib import Path

import pytest

from flareup.ingest.bulletin import extract

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "bulletins"

#: Floors, set below what was measured at the time of writing. dev (44 texts, tuned on):
#: strict tuple F1 0.843, strict pair 0.922, coarse tuple 0.855 (0.821 / 0.903 / 0.842
#: before the generalisation work). dev2 (13 texts added later as a validation set,
#: annotated by hand before the extractor was run on them; checks that changes tuned on dev
#: generalise): strict tuple 0.949, strict pair 0.966, coarse tuple 0.957 (0.607 / 0.689 /
#: 0.656 on its first 7 texts before that work). Raise them as the extractor improves; the
#: held-out test split is reported, never asserted on.
FLOORS = {
    "dev": {("strict", "tuple"): 0.80, ("strict", "pair"): 0.88, ("coarse", "tuple"): 0.82},
    "dev2": {("strict", "tuple"): 0.88, ("strict", "pair"): 0.90, ("coarse", "tuple"): 0.90},
}


def _scorer() -> Path | None:
    for cand in (
        os.environ.get("FLAREUP_SCORER"),
        ROOT.parent / "shared" / "bulletins" / "score.py",
        Path("/work/shared/bulletins/score.py"),
    ):
        if cand and Path(cand).exists():
            return Path(cand)
    return None


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_corpus_scores_above_the_floor(tmp_path: Path, split: str) -> None:
    folder = CORPUS / split
    if not list(folder.glob("*.json")):
        pytest.skip(f"no {split} corpus")
    scorer = _scorer()
    if scorer is None:
        pytest.skip("shared/bulletins/score.py not found")
    for txt in sorted(folder.glob("*.txt")):
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))["meta"]
        recs = extract(txt.read_text(encoding="utf-8"), meta.get("published"))
        (tmp_path / f"{txt.stem}.json").write_text(
            json.dumps({"records": [r.to_dict() for r in recs]}), encoding="utf-8"
        )
    spec = importlib.util.spec_from_file_location("bulletin_score", scorer)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    for mode, extra in (("strict", []), ("coarse", ["--coarse"])):
        with contextlib.redirect_stdout(io.StringIO()):
            tot = score.main([str(tmp_path), "--gold", str(folder), *extra])
        for level in ("pair", "tuple"):
            floor = FLOORS[split].get((mode, level))
            if floor is not None:
                f1 = _f1(*tot[level])
                assert f1 >= floor, f"{split} {mode} {level} F1 {f1:.3f} < floor {floor}"
