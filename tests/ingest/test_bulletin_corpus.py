"""The extractor on the hand-annotated development corpus, scored by the shared scorer.

The floors sit below what ``benchmarks/score_bulletins.py tests/data/bulletins/dev`` measures
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
DEV = ROOT / "tests" / "data" / "bulletins" / "dev"

#: Floors for the dev split, set below what was measured at the time of writing (44 texts:
#: strict tuple F1 0.821, strict pair F1 0.903, coarse tuple F1 0.842). Raise them as the
#: extractor improves; the held-out test split is reported, never asserted on.
FLOORS = {("strict", "tuple"): 0.75, ("strict", "pair"): 0.85, ("coarse", "tuple"): 0.78}


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


@pytest.mark.skipif(not list(DEV.glob("*.json")), reason="no development corpus")
def test_dev_corpus_scores_above_the_floor(tmp_path: Path) -> None:
    scorer = _scorer()
    if scorer is None:
        pytest.skip("shared/bulletins/score.py not found")
    for txt in sorted(DEV.glob("*.txt")):
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
            tot = score.main([str(tmp_path), "--gold", str(DEV), *extra])
        for level in ("pair", "tuple"):
            floor = FLOORS.get((mode, level))
            if floor is not None:
                f1 = _f1(*tot[level])
                assert f1 >= floor, f"{mode} {level} F1 {f1:.3f} < floor {floor}"
