"""Cluster flags from settings and exposures (protocol definition: >= 2 linked in 14 days)."""

from __future__ import annotations

import pandas as pd
from risk_helpers import COUNTY, T1, areas, counts, day, levels

from flareup.risk import classify, derive_clusters, load_rules


def _cases(dates: dict[str, int], classification: str = "confirmed") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": list(dates),
            "location": T1,
            "date_reporting": [day(d) for d in dates.values()],
            "classification": classification,
        }
    )


SETTINGS = pd.DataFrame({"id": ["F1"], "kind": ["factory"], "area": [T1]})


def test_two_linked_cases_within_14_days_make_a_cluster() -> None:
    rules = load_rules("china-2020")
    exp = pd.DataFrame({"case_id": ["a", "b", "c"], "setting_id": "F1"})
    flags = derive_clusters(rules, _cases({"a": 0, "b": 13, "c": 40}), SETTINGS, exp)
    # a (day 0) and b (day 13) are 14 days apart inclusive: a cluster on day 13; c is alone
    assert list(flags["date"]) == [day(13)]
    assert list(flags["area"]) == [T1] and list(flags["linked_cases"]) == [2]


def test_cases_15_days_apart_are_not_a_cluster_and_asymptomatic_ones_count() -> None:
    rules = load_rules("china-2020")
    exp = pd.DataFrame({"case_id": ["a", "b"], "setting_id": "F1"})
    assert derive_clusters(rules, _cases({"a": 0, "b": 14}), SETTINGS, exp).empty
    flags = derive_clusters(rules, _cases({"a": 0, "b": 1}, "asymptomatic"), SETTINGS, exp)
    assert list(flags["date"]) == [day(1)]


def test_township_cluster_counts_for_its_county() -> None:
    rules = load_rules("china-2020")
    exp = pd.DataFrame({"case_id": ["a", "b"], "setting_id": "F1"})
    flags = derive_clusters(rules, _cases({"a": 0, "b": 0}), SETTINGS, exp)
    res = classify(rules, counts({"confirmed_new": {0: 51}}, area=COUNTY), areas(), clusters=flags)
    assert levels(res, COUNTY) == ["high"]


def test_line_list_cluster_ids_form_groups_in_their_main_area() -> None:
    rules = load_rules("china-2020")
    cases = _cases({"a": 0, "b": 2, "c": 3}).assign(cluster=["K", "K", None])
    cases.loc[cases["id"] == "b", "location"] = T1
    flags = derive_clusters(rules, cases)
    assert list(flags["cluster_id"]) == ["cluster:K"] and list(flags["date"]) == [day(2)]
    assert list(flags["area"]) == [T1]


def test_other_engines_have_no_cluster_flags() -> None:
    assert derive_clusters(load_rules("china-2022"), _cases({"a": 0, "b": 0})).empty
