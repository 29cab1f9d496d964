"""Write the extractor's predictions for a folder of bulletin texts and score them.

    PYTHONPATH=src python benchmarks/score_bulletins.py tests/data/bulletins/dev \
        [--pred OUT_DIR] [--scorer ../shared/bulletins/score.py] [-- SCORER_ARGS...]

Each ``<stem>.txt`` is read with the publication date from ``<stem>.json`` ``meta.published``
(the only thing read from the gold file); predictions go to ``OUT_DIR/<stem>.json`` as
``{"records": [...]}``. When the scorer is found (``--scorer``, else ``$FLAREUP_SCORER``, else
``../shared/bulletins/score.py`` next to the repository) it is run on the folder, strict and
``--coarse``, with any extra arguments.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType


def predict_folder(folder: Path, out: Path) -> int:
    """Write one prediction file per text; returns the number of texts."""
    # imported here: load_scorer's callers (bulletin_probes.py) put their own src/ first
    from flareup.ingest.bulletin import extract

    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for txt in sorted(folder.glob("*.txt")):
        meta_file = txt.with_suffix(".json")
        published = None
        if meta_file.exists():
            published = (
                json.loads(meta_file.read_text(encoding="utf-8")).get("meta", {}).get("published")
            )
        recs = extract(txt.read_text(encoding="utf-8"), published)
        (out / f"{txt.stem}.json").write_text(
            json.dumps({"records": [r.to_dict() for r in recs]}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        n += 1
    return n


def default_scorer() -> Path | None:
    env = os.environ.get("FLAREUP_SCORER")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    for cand in (
        here.parent / "shared" / "bulletins" / "score.py",
        here / "tests" / "data" / "bulletins" / "scorer" / "score.py",  # the copy
    ):
        if cand.exists():
            return cand
    return None


def load_scorer(path: Path | None = None) -> ModuleType:
    """The corpus scorer as a module (``path``, else :func:`default_scorer`'s), for callers
    that use its functions rather than its command line."""
    path = path or default_scorer()
    if path is None:
        raise FileNotFoundError("no bulletin scorer: give its path or set $FLAREUP_SCORER")
    spec = importlib.util.spec_from_file_location("bulletin_score", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--pred", type=Path, default=None, help="where to write predictions")
    ap.add_argument("--scorer", type=Path, default=None)
    ap.add_argument("scorer_args", nargs="*")
    a, extra_args = ap.parse_known_args(argv)
    # the documented "-- SCORER_ARGS": argparse keeps the "--" itself in a remainder
    a.scorer_args = [x for x in (*a.scorer_args, *extra_args) if x != "--"]
    pred = a.pred or Path(tempfile.mkdtemp(prefix="flareup-bulletin-pred-"))
    n = predict_folder(a.folder, pred)
    print(f"{n} texts -> {pred}")
    scorer = a.scorer or default_scorer()
    if scorer is None:
        print("scorer not found: pass --scorer PATH/score.py")
        return 0
    for extra in ([], ["--coarse"]):
        subprocess.run(
            [
                sys.executable,
                str(scorer),
                str(pred),
                "--gold",
                str(a.folder),
                *extra,
                *a.scorer_args,
            ],
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
