"""The tenth round's unseen-state error list (benchmarks/bulletin_unseen_flowstock.py): the
kinds of a category error and the matching of gold counts, on data written here."""

from __future__ import annotations

import bulletin_unseen_flowstock as U  # benchmarks/ is on pytest's path (pyproject)


def test_type_kinds_name_flow_stock_local_and_asymptomatic_confusions_only() -> None:
    assert U.type_kind("confirmed_new", "confirmed_cumulative") == "confirmed flow read as stock"
    assert U.type_kind("deaths_cumulative", "deaths_new") == "deaths stock read as flow"
    assert U.type_kind("local_new", "confirmed_new") == "local vs all confirmed"
    assert U.type_kind("confirmed_new", "local_new") == "local vs all confirmed"
    assert U.type_kind("asymptomatic_new", "confirmed_new") == "asymptomatic read as confirmed"
    assert U.type_kind("deaths_new", "confirmed_new") is None
    assert U.type_kind("tested", "tested_positive") is None


def test_classify_pairs_each_gold_count_with_its_record_strictest_first() -> None:
    score = U.bfe.load_scorer()
    gold = [
        {"date": "2021-03-10", "place": "Kenya", "category": "confirmed_new", "value": 12},
        {"date": "2021-03-10", "place": "Kenya", "category": "deaths_new", "value": 3},
        {"date": "2021-03-10", "place": "Kenya", "category": "recovered_new", "value": 40},
    ]
    pred = [
        {"date": "2021-03-10", "place": "Kenya", "category": "deaths_cumulative", "value": 3},
        {"date": "2021-03-10", "place": "Kenya", "category": "confirmed_new", "value": 12},
    ]
    got = U.classify(pred, gold, score)
    assert [c for c, _ in got] == ["right", "category", "missed"]
    assert got[1][1] is pred[0] and got[2][1] is None
