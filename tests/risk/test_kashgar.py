"""The bundled Kashgar example: official designations against china-2020.

Facts (src/flareup/data/kashgar_2020, facts.md): Shufu County reported 1 + 137 + 26 asymptomatic
infections on 24-26 Oct and its first 5 confirmed cases (all reclassified) on 27 Oct; confirmed
cases then on 28 Oct (23), 31 Oct (3), 3 Nov (2), 4 Nov (8), 5 Nov (6): 47 cumulative. Counts are
reported for the county, designations for its townships.

What china-2020 then says, from the rule text alone:
* through 26 Oct: no confirmed case -> low (the four townships were declared high on 26 Oct);
* from 27 Oct: new confirmed, cumulative <= 50 -> medium, never high (47 <= 50);
* after the last confirmed case on 5 Nov, 14 quiet days end on 19 Nov -> low from 19 Nov;
* accepting the official high of 26 Oct, one step per 14 days gives low on 23 Nov at the
  earliest (26 Oct + 28 days), and with the last case on 5 Nov: medium on 19 Nov, low on 3 Dec.
The townships went high -> low on 17 Nov (Tokzak, Wukusak) and 18 Nov (Zhanmin, Sayibag).
"""

from __future__ import annotations

import pandas as pd
import pytest

from flareup.data.kashgar_2020 import files
from flareup.risk import classify, group_differences, load_rules

SHUFU = "653121"
HIGH_FOUR = {
    "653121205": "Zhanmin",
    "653121100": "Tokzak",
    "653121102": "Wukusak",
    "653121204": "Sayibag",
}
T = pd.Timestamp


@pytest.fixture(scope="module")
def kashgar():
    f = files()
    areas = pd.read_csv(f["areas"], dtype={"code": str, "parent_code": str})
    counts = pd.read_csv(f["counts"], dtype={"area": str}, parse_dates=["date"])
    official = pd.read_csv(f["designations"], dtype={"area": str})
    # the bundled counts hold two sources for the prefecture on 27 Oct (a documented
    # disagreement); keep one figure per (area, date, metric) as reg.counts(policy="latest")
    counts = counts.drop_duplicates(["area", "date", "metric"], keep="last")
    res = classify(load_rules("china-2020"), counts, areas, end="2020-11-20")
    return counts, res, res.compare(official)


def test_the_facts_the_findings_rest_on(kashgar) -> None:
    counts, _, _ = kashgar
    shufu = counts[(counts["area"] == SHUFU) & (counts["date"] <= T("2020-10-26"))]
    by_metric = shufu.groupby("metric")["value"].sum()
    assert by_metric.get("confirmed_new", 0) == 0 and by_metric["asymptomatic_new"] == 164
    conf = counts[(counts["area"] == SHUFU) & (counts["metric"] == "confirmed_new")]
    assert conf["value"].sum() == 47 and conf["date"].max() == T("2020-11-05")


def test_rule_levels_for_shufu(kashgar) -> None:
    _, res, _ = kashgar
    d = res.daily[res.daily["area"] == SHUFU].set_index("date")["level"]
    assert d[T("2020-10-26")] == "low" and d[T("2020-10-27")] == "medium"
    assert d[T("2020-11-18")] == "medium" and d[T("2020-11-19")] == "low"
    assert "high" not in set(d)


def test_four_townships_declared_high_while_every_positive_was_asymptomatic(kashgar) -> None:
    _, _, diff = kashgar
    first = diff[(diff["kind"] == "level") & (diff["start"] == T("2020-10-26"))]
    found = first[first["area"].isin(HIGH_FOUR)]
    assert set(found["area"]) == set(HIGH_FOUR)
    for _, r in found.iterrows():
        assert (r["official_level"], r["rule_level"]) == ("high", "low")
        assert "all 164 positives reported so far are asymptomatic infections" in r["rule_reason"]
        # county data, said so, in the words the pages use ('Shufu County', not 'Shufu Xian')
        assert "applied to Shufu County (653121)" in r["rule_reason"]
        assert r["official_reason"].startswith("declared high from 2020-10-26")


@pytest.mark.parametrize(
    ("code", "fell", "days"),
    [
        ("653121100", "2020-11-17", 22),
        ("653121102", "2020-11-17", 22),
        ("653121205", "2020-11-18", 23),
        ("653121204", "2020-11-18", 23),
    ],
)
def test_back_to_low_faster_than_china_2020_allows(
    kashgar, code: str, fell: str, days: int
) -> None:
    _, _, diff = kashgar
    rows = diff[(diff["area"] == code) & (diff["kind"] == "downgrade_faster")]
    assert len(rows) == 1
    r = rows.iloc[0]
    assert r["start"] == T(fell) and r["official_level"] == "low" and r["rule_level"] == "high"
    assert r["end"] == T("2020-12-02")  # low allowed from 3 Dec
    assert "cannot reach low before 2020-11-23 (28 days)" in r["rule_reason"]
    assert "last counted case on 2020-11-05, not before 2020-12-03" in r["rule_reason"]
    assert f"high to low after {days} days" in r["rule_reason"]


def test_other_counties_agree_and_grouping_keeps_the_four_together(kashgar) -> None:
    _, _, diff = kashgar
    # no confirmed case outside Shufu, so the other counties' official "low" matches the rule
    assert all(a.startswith("653121") and len(a) == 9 for a in diff["area"])
    g = group_differences(diff)
    first = g[(g["start"] == T("2020-10-26")) & (g["official_level"] == "high")].iloc[0]
    assert first["n"] == 4
    # named as the map and tables name them (schema.area_display_name), not by the
    # alternative names ('Tokzak Town (county seat)') of the areas file
    names = first["areas"].split(", ")
    assert sorted(names) == [
        "Sayibage Township",
        "Tuokezhake Town",
        "Wukusake Town",
        "Zhanmin Township",
    ]
