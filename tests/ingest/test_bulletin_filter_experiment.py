"""The learned-filter experiment's pieces (benchmarks/bulletin_filter_experiment.py): the
penalised logistic regression, the features of a record and the scorer-based labels, on
records and sentences written here."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

import bulletin_filter_experiment as E  # benchmarks/ is on pytest's path (pyproject)


def test_logit_recovers_the_sign_and_shrinks_with_the_penalty() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 3))
    y = (rng.random(400) < 1 / (1 + np.exp(-(2 * x[:, 0] - x[:, 1])))).astype(float)
    weak = E.fit_logit(x, y, 1.0)
    strong = E.fit_logit(x, y, 1000.0)
    assert weak.coef[0] > 1.0 and weak.coef[1] < -0.4 and abs(weak.coef[2]) < 0.3
    assert abs(strong.coef[0]) < abs(weak.coef[0])
    p = weak.prob(x)
    assert p.shape == (400,) and ((p > 0) & (p < 1)).all()


def _doc() -> tuple[Any, ModuleType]:
    text = (
        "Officials said 12 new cases were found on Monday in Riverton, bringing the total to 340."
    )
    s = text
    a, b = text.index("340"), text.index("12")
    pred = [
        {
            "category": "confirmed_new",
            "value": 12,
            "date": "2021-03-01",
            "place": "Riverton",
            "place_text": "Riverton",
            "mention": "12",
            "sentence": s,
            "start": b,
            "end": b + 2,
        },
        {
            "category": "confirmed_new",
            "value": 340,
            "date": "2021-03-01",
            "place": "Riverton",
            "place_text": "Riverton",
            "mention": "340",
            "sentence": s,
            "start": a,
            "end": a + 3,
        },
    ]
    gold = [
        {"category": "confirmed_new", "value": 12, "date": "2021-03-01", "place": "Riverton"},
        {
            "category": "confirmed_cumulative",
            "value": 340,
            "date": "2021-03-01",
            "place": "Riverton",
        },
    ]
    d = E.Doc("toy", "toy", text, "2021-03-02", pred, gold)
    score = E.load_scorer()
    d.label_pair = [True, False]
    d.label_tuple = [True, False]
    return d, score


def test_features_read_cues_dates_and_shared_sentences() -> None:
    d, _ = _doc()
    cats = ["confirmed_cumulative", "confirmed_new"]
    names = E.feature_names(cats)
    x = E.doc_features(d, cats)
    assert x.shape == (2, len(names))
    row = dict(zip(names, x[1], strict=True))
    assert row["cat=confirmed_new"] == 1 and row["date_pub-1"] == 1
    assert row["near:total"] == 1 and row["log_sent_records"] > 0
    assert dict(zip(names, x[0], strict=True))["near:new"] == 1


def test_scoring_and_flow_stock_twin_use_the_scorer() -> None:
    d, score = _doc()
    assert E.swap_labels(d, score) == [False, True]
    assert E.doc_counts(d, [True, True], score) == (1, 1, 2, 2)
    assert E.doc_counts(d, [True, True], score, [False, True]) == (2, 2, 2, 2)
    assert E.doc_counts(d, [True, False], score) == (1, 1, 1, 2)
