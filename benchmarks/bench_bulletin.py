"""Bulletin text -> counts: how fast the extractor reads reports, and whether well-kept
libraries would do its tokenising, dates or number words better.

Prints figures only; asserts nothing. Figures:

* texts per second of ``flareup.ingest.bulletin.extract`` over the development corpus
  (``tests/data/bulletins/dev``; the bundled Kashgar report when the corpus is absent);
* sentence splitting: ours against spaCy's rule-based ``blank("en")`` + ``sentencizer``
  (no model download): time, agreement with ours, and the abbreviation cases ('Nov. 7',
  'Gov.', 'U.S.') each splits wrongly;
* dates: ours against ``dateparser.search.search_dates``: time per sentence and accuracy on
  phrases with a known answer (weekdays, 'a day earlier', 'Oct. 27');
* number words: ours against ``word2number``: time and accuracy on phrases.

The comparison libraries live in the benchmark-only venv (``make bench-venv`` installs them
there with Covasim): given ``--other-python``, that venv's site-packages are appended to the
path (after flareup's own, so flareup's numpy stays the one in use); a library found nowhere is
reported and skipped. ``--quick`` repeats less.

    PYTHONPATH=src python benchmarks/bench_bulletin.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from flareup.ingest.bulletin import extract, parse_number
from flareup.ingest.bulletin.dates import find_dates
from flareup.ingest.bulletin.text import sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "bulletins" / "dev"

ABBREVIATION_CASES = [
    ("China reported 5 cases on Nov. 7 in Xinjiang. Two more died.", 2),
    ("Gov. Andrew Cuomo said 120 people died. The toll is 1,000.", 2),
    ("The U.S. reported 4,000 new cases on Sept. 3, officials said. No deaths were reported.", 2),
    ("Dr. Li Wenliang died on Feb. 7 in Wuhan. He was 33.", 2),
    ("As of 10 a.m. on Monday, 12 cases were confirmed. Three were imported.", 2),
]

PUB = dt.date(2020, 10, 28)  # a Wednesday
DATE_CASES = [
    ("12 new cases were reported on Oct. 27.", "2020-10-27"),
    ("The commission said on Tuesday that 5 cases were found.", "2020-10-27"),
    ("Xinjiang reported 22 cases yesterday.", "2020-10-27"),
    ("As of 27 October 2020, 187 people were under observation.", "2020-10-27"),
    ("On October 26, four townships were declared high-risk.", "2020-10-26"),
    ("There were 33 cases on Monday.", "2020-10-26"),
    ("By 24:00 on Oct 25, 137 people had tested positive.", "2020-10-25"),
    ("The region reported 5 cases on 2020-10-24.", "2020-10-24"),
]

NUMBER_CASES = [
    ("forty-one", 41),
    ("three hundred and two", 302),
    ("twenty three", 23),
    ("one thousand two hundred", 1200),
    ("1.3 million", 1_300_000),
    ("12 345", 12345),
    ("1,200", 1200),
    ("seven", 7),
    ("a dozen", 12),
    ("十九", 19),
]


def _time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def _texts() -> list[tuple[str, str | None]]:
    import json

    texts = []
    for p in sorted(CORPUS.glob("*.txt")):
        meta = p.with_suffix(".json")
        pub = json.loads(meta.read_text())["meta"].get("published") if meta.exists() else None
        texts.append((p.read_text(encoding="utf-8"), pub))
    if not texts:
        from flareup.data.kashgar_2020 import files

        paths = files()["bulletin_texts"]
        assert isinstance(paths, list)
        texts = [(Path(p).read_text(encoding="utf-8"), "2020-11-15") for p in paths]
    return texts


def bench_extract(texts: list[tuple[str, str | None]], repeat: int) -> None:
    extract(texts[0][0], texts[0][1])  # compile the gazetteer once, as a long-lived process does

    def run() -> None:
        for text, pub in texts:
            extract(text, pub)

    secs = _time(run, repeat)
    cpu = []
    for _ in range(repeat):
        t = time.process_time()
        run()
        cpu.append(time.process_time() - t)
    cpu_secs = statistics.median(cpu)
    chars = sum(len(t) for t, _ in texts)
    # wall time depends on what else the machine runs; CPU time is the extractor's own cost
    print(
        f"extract: {len(texts)} texts ({chars:,} characters) in {secs * 1000:.1f} ms wall = "
        f"{len(texts) / secs:,.0f} texts/s; {cpu_secs * 1000:.1f} ms CPU = "
        f"{len(texts) / cpu_secs:,.0f} texts per CPU-second (target >= 100 texts/s)"
    )


def bench_sentences(texts: list[tuple[str, str | None]], repeat: int) -> None:
    ours = _time(lambda: [list(sentences(t)) for t, _ in texts], repeat)
    wrong_ours = sum(len(list(sentences(s))) != n for s, n in ABBREVIATION_CASES)
    print(
        f"sentences, ours: {ours * 1000:.1f} ms for the texts; abbreviation cases split "
        f"wrongly: {wrong_ours}/{len(ABBREVIATION_CASES)}"
    )
    try:
        import spacy
    except ImportError:
        print("sentences, spaCy: not installed (pip install spacy)")
        return
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    theirs = _time(lambda: [list(nlp(t).sents) for t, _ in texts], repeat)
    wrong = sum(len(list(nlp(s).sents)) != n for s, n in ABBREVIATION_CASES)
    agree, total = 0, 0
    for t, _ in texts:
        mine = {s.end for s in sentences(t)}
        spacy_ends = {t.find(s.text, s.start_char) + len(s.text) for s in nlp(t).sents}
        agree += len(mine & spacy_ends)
        total += len(mine)
    print(
        f"sentences, spaCy blank('en') + sentencizer: {theirs * 1000:.1f} ms "
        f"({theirs / ours:.1f}x ours); abbreviation cases split wrongly: "
        f"{wrong}/{len(ABBREVIATION_CASES)}; sentence ends shared with ours: {agree}/{total}"
    )


def _ours_date(sentence: str) -> str | None:
    for d in find_dates(sentence, PUB):
        if (d.value and d.role != "speech") or (d.role == "speech" and d.value):
            return d.value
    return None


def bench_dates(repeat: int) -> None:
    sents = [s for s, _ in DATE_CASES]
    ours = _time(lambda: [_ours_date(s) for s in sents], repeat)
    right = sum(_ours_date(s) == want for s, want in DATE_CASES)
    print(
        f"dates, ours: {ours / len(sents) * 1e6:.0f} µs a sentence; right {right}/{len(DATE_CASES)}"
    )
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dates, dateparser: not installed (pip install dateparser)")
        return
    settings = {
        "RELATIVE_BASE": dt.datetime(PUB.year, PUB.month, PUB.day),
        "PREFER_DATES_FROM": "past",
    }

    def theirs_one(s: str) -> str | None:
        found = search_dates(s, languages=["en"], settings=settings)  # type: ignore[arg-type]
        return found[0][1].date().isoformat() if found else None

    theirs_one(sents[0])  # load its language data once
    theirs = _time(lambda: [theirs_one(s) for s in sents], max(1, repeat // 3))
    right_t = sum(theirs_one(s) == want for s, want in DATE_CASES)
    print(
        f"dates, dateparser.search_dates: {theirs / len(sents) * 1e6:.0f} µs a sentence "
        f"({theirs / ours:.0f}x ours); right {right_t}/{len(DATE_CASES)}"
    )


def bench_numbers(repeat: int) -> None:
    def ours_one(s: str) -> int | None:
        try:
            return parse_number(s)
        except ValueError:
            return None

    phrases = [s for s, _ in NUMBER_CASES] * 50
    ours = _time(lambda: [ours_one(s) for s in phrases], repeat)
    right = sum(ours_one(s) == v for s, v in NUMBER_CASES)
    print(
        f"numbers, ours: {ours / len(phrases) * 1e6:.1f} µs a phrase; right "
        f"{right}/{len(NUMBER_CASES)}"
    )
    try:
        from word2number import w2n
    except ImportError:
        print("numbers, word2number: not installed (pip install word2number)")
        return

    def theirs_one(s: str) -> int | None:
        try:
            v = w2n.word_to_num(s)
            return int(v)
        except (ValueError, IndexError, TypeError):
            return None

    theirs = _time(lambda: [theirs_one(s) for s in phrases], repeat)
    right_t = sum(theirs_one(s) == v for s, v in NUMBER_CASES)
    print(
        f"numbers, word2number: {theirs / len(phrases) * 1e6:.1f} µs a phrase "
        f"({theirs / ours:.1f}x ours); right {right_t}/{len(NUMBER_CASES)}"
    )


def _add_site_packages(python: str) -> None:
    """Append the comparison venv's site-packages (spaCy, dateparser, word2number) to the path."""
    import subprocess
    import sys

    try:
        out = subprocess.run(
            [
                python,
                "-c",
                "import sysconfig; p = sysconfig.get_paths(); print(p['purelib']); print(p['platlib'])",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"comparison venv {python}: not usable ({exc})")
        return
    for path in dict.fromkeys(out):
        if path not in sys.path:
            sys.path.append(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--other-python", default=None, help="python of the comparison venv")
    a = ap.parse_args()
    if a.other_python:
        _add_site_packages(a.other_python)
    repeat = 3 if a.quick else 7
    texts = _texts()
    bench_extract(texts, repeat)
    bench_sentences(texts, repeat)
    bench_dates(repeat)
    bench_numbers(repeat)


if __name__ == "__main__":
    main()
