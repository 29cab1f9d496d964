"""benchmarks/bulletin_errors.py: each unmatched gold count in one class, as the scorer matches."""

from __future__ import annotations

from pathlib import Path

import bulletin_errors as E  # benchmarks/ is on pytest's path
from score_bulletins import load_scorer

SCORER = load_scorer(Path(__file__).resolve().parents[2] / "tests/data/bulletins/scorer/score.py")


def _r(cat: str, value: int, date: str = "2021-03-09", place: str = "Kenya") -> dict:
    return {"category": cat, "value": value, "date": date, "place": place}


def test_each_unmatched_gold_count_gets_one_class() -> None:
    gold = [
        _r("confirmed_new", 12),  # right
        _r("deaths_new", 3),  # date wrong
        _r("recovered_new", 40),  # place wrong
        _r("confirmed_cumulative", 900),  # value under another category
        _r("tested", 5000),  # missed
    ]
    pred = [
        _r("confirmed_new", 12),
        _r("deaths_new", 3, date="2021-03-10"),
        _r("recovered_new", 40, place="Nairobi"),
        _r("confirmed_new", 900),
        _r("active", 77),  # matches nothing
    ]
    got = {(k, (g or p or {}).get("value")) for k, g, p in E.classify(gold, pred, SCORER)}
    assert got == {
        ("pair ok, date wrong", 3),
        ("pair ok, place wrong", 40),
        ("value found, wrong category", 900),
        ("missed", 5000),
        ("spurious", 77),
    }
