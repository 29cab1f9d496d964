"""The context-classifier experiment's pieces (benchmarks/bulletin_context_classifier.py): the
softmax regression, the features of a number in its sentence, the error classes, on data
written here."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

import bulletin_context_classifier as E  # benchmarks/ is on pytest's path (pyproject)


def test_softmax_matches_the_generating_classes_and_its_probabilities_sum_to_one() -> None:
    rng = np.random.default_rng(5)
    centres = np.array([[3.0, 0.0], [0.0, 3.0], [-3.0, -3.0]])
    y = rng.integers(0, 3, size=600)
    x = centres[y] + rng.normal(size=(600, 2))
    clf = E.Softmax(lam=1e-4).fit(sp.csr_matrix(x), [f"c{i}" for i in y])
    p = clf.predict_proba(sp.csr_matrix(x))
    assert np.allclose(p.sum(axis=1), 1.0)
    acc = np.mean(np.array(clf.classes_)[p.argmax(axis=1)] == np.array([f"c{i}" for i in y]))
    assert acc > 0.95  # three well-separated Gaussian clusters
    heavy = E.Softmax(lam=10.0).fit(sp.csr_matrix(x), [f"c{i}" for i in y])
    assert np.abs(heavy.coef_).sum() < np.abs(clf.coef_).sum()


def test_features_are_the_words_around_the_number_in_its_sentence_only() -> None:
    text = "Old news here. The city reported 12 new deaths on Monday. Later text 99."
    start = text.index("12")
    f = E.features(text, start, start + 2)
    assert f["L1=reported"] == 1.0 and f["R1=new"] == 1.0 and f["R2=deaths"] == 1.0
    assert "LW=news" not in f and "RW=later" not in f  # other sentences
    assert E.mention_span(text, {"start": 20, "mention": "12"}, "start") == (start, start + 2)


def test_error_classes_take_the_strictest_class_first_and_count_leftovers() -> None:
    score = E.bfe.load_scorer()
    gold = [
        {"date": "2020-10-25", "place": "Shufu", "category": "confirmed_new", "value": 5},
        {"date": "2020-10-25", "place": "Shufu", "category": "deaths_new", "value": 2},
        {"date": "2020-10-25", "place": "Shufu", "category": "tested", "value": 900},
    ]
    pred = [
        {"date": "2020-10-24", "place": "Shufu", "category": "confirmed_new", "value": 5},
        {"date": "2020-10-25", "place": "Shufu", "category": "deaths_cumulative", "value": 2},
        {"date": "2020-10-25", "place": "Shufu", "category": "confirmed_new", "value": 7},
    ]
    c = E.error_classes(pred, gold, score)
    assert c == {"date": 1, "category": 1, "missed": 1, "spurious": 1}
