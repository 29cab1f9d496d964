"""report/: the registry meets the pure packages here; figures checked against the registry's
own rows, computed independently."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pandas as pd
import pytest

from flareup.errors import InputError
from flareup.report.overview import official_levels, overview, risk_map, subarea_table
from flareup.report.queries import (
    campaign_rounds,
    check_disjoint_areas,
    registry_series,
)
from flareup.report.state import area_state
from flareup.report.testing import kashgar_round1_plans

SHUFU, KASHGAR = "653121", "653100"


def detected_by_day(reg: Any, area: str) -> pd.Series:
    """confirmed_new + asymptomatic_new - reclassified_new of ``area``'s own rows, by day."""
    c = reg.counts(areas=[area])
    w = c.pivot_table(index="date", columns="metric", values="value", aggfunc="sum")
    w = w.reindex(columns=["confirmed_new", "asymptomatic_new", "reclassified_new"]).fillna(0)
    w = w[c[c["metric"].isin(w.columns)].groupby("date").size().reindex(w.index) > 0]
    return (w["confirmed_new"] + w["asymptomatic_new"] - w["reclassified_new"]).astype(int)


def test_state_figures_rest_on_the_registry(reg: Any) -> None:
    st = area_state(reg, SHUFU)
    fig = {f.figure: f for f in st.figures}
    total = int(detected_by_day(reg, SHUFU).sum())
    assert fig["Cumulative detected infections"].value == str(total)
    assert "each infection once" in fig["Cumulative detected infections"].basis
    assert st.day == pd.to_datetime(reg.counts(areas=[SHUFU])["date"]).max()
    d = json.loads(json.dumps(st.to_dict()))
    assert d["area"] == SHUFU and d["date"] == st.day.date().isoformat()
    assert {"figure", "value", "basis", "numbers"} == set(d["figures"][0])
    cum = next(f for f in d["figures"] if f["figure"] == "Cumulative detected infections")
    assert cum["numbers"]["value"] == total and cum["numbers"]["key"] == "infections_cum"


def test_series_is_the_registry_infections_new(reg: Any) -> None:
    s = registry_series(reg, SHUFU, "infections_new", "zero")
    want = detected_by_day(reg, SHUFU)
    got = s.frame.set_index("date")["I"]
    assert got[want.index].tolist() == want.tolist()
    assert got.drop(want.index).eq(0).all()  # days without a report, counted as 0 (said so)
    assert "counted as 0" in s.basis


def test_subarea_table_of_the_prefecture(reg: Any) -> None:
    t = subarea_table(reg, KASHGAR, date="2020-11-05")
    assert len(t) == 12 and set(t["level"]) == {"county"}
    shufu = t.set_index("code").loc[SHUFU]
    by_day = detected_by_day(reg, SHUFU)
    assert shufu["infections_cum"] == by_day.sum()
    last7 = by_day[by_day.index > pd.Timestamp("2020-11-05") - pd.Timedelta(days=7)].sum()
    assert shufu["infections_last7"] == last7
    assert shufu["basis"] == "reported"
    others = t[t["code"] != SHUFU]
    assert others["infections_cum"].isna().all()  # no figures: unknown, never 0
    json.dumps(json.loads(t.to_json(orient="records")))


def test_official_levels_on_a_day_match_the_designations(reg: Any) -> None:
    day = pd.Timestamp("2020-11-01")
    lv = official_levels(reg, day).set_index("area")["level"]
    des = reg.designations(rule_set="official")
    vf, vt = pd.to_datetime(des["valid_from"]), pd.to_datetime(des["valid_to"])
    live = des[(vf <= day) & (vt.isna() | (vt > day))]
    assert len(live) > 0
    for r in live.itertuples(index=False):
        assert lv[r.area] in ("low", "medium", "high")
    assert set(lv.index) == set(live["area"])
    # the map and the overview carry the same levels
    rm = risk_map(reg, day, level="township").set_index("code")
    assert rm.loc[lv.index.intersection(rm.index), "official_level"].tolist() == [
        lv[c] for c in lv.index.intersection(rm.index)
    ]


def test_overview_counts_levels_and_is_json(reg: Any) -> None:
    from flareup.report.analyses import run_rules
    from flareup.risk import load_rules

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res, _ = run_rules(reg, load_rules("china-2020"))
    ov = overview(reg, SHUFU, date="2020-11-01", res=res)
    rm = risk_map(reg, "2020-11-01", res=res)
    inside = rm[rm["parent_code"].astype(str) == SHUFU]
    assert ov.risk_counts["official"]["high"] == int((inside["official_level"] == "high").sum())
    assert sum(ov.risk_counts["rule"].values()) == int(inside["rule_level"].notna().sum())
    json.dumps(ov.to_dict())


def test_campaign_rounds_and_plans_vs_progress(reg: Any) -> None:
    rounds = campaign_rounds(reg)
    assert rounds is not None and set(rounds["round"]) >= {1}
    pv = kashgar_round1_plans(reg)
    assert set(pv.plans) == {"A", "B"}
    assert set(pv.comparison["plan"]) == {"A", "B"}
    for name, plan in pv.plans.items():
        rows = pv.comparison[pv.comparison["plan"] == name]
        for r in rows.itertuples(index=False):
            assert r.plan_sampled == plan.cumulative_at(r.timestamp, [KASHGAR])[0]
    assert pv.prevalence == pytest.approx(pv.positives / pv.people)


def test_nested_areas_are_refused_for_stacking(reg: Any) -> None:
    with pytest.raises(InputError, match="inside 653100"):
        check_disjoint_areas(reg, [KASHGAR, SHUFU])
    check_disjoint_areas(reg, [SHUFU, "653122"])


def test_descendants_from_a_table_read_once_match_the_registry(reg: Any) -> None:
    from flareup.report.overview import _descendants

    areas = reg.areas()
    for code in (KASHGAR, SHUFU, "650000"):
        assert _descendants(areas, code) == sorted(reg.descendants(code))
        assert _descendants(areas, code, "township") == sorted(
            reg.descendants(code, level="township")
        )


def test_overview_says_which_areas_each_level_count_covers(reg: Any) -> None:
    """The overview showed 'official: high 4 · medium 7 · low 15' beside 'by china-2020: high
    16' with nothing saying what was counted: 26 designated areas against 16 with figures. Each
    count now names the areas it covers (kinds, total inside, date) and those it leaves out."""
    from flareup.report import pages as P

    page = P.overview(reg, date="2020-11-16")
    figs = {f["figure"]: f for f in page.figures}
    off = figs["Designated areas at each level (official)"]
    rule = figs["Areas at each level by rule (china-2020)"]
    inside = overview(reg, KASHGAR, date="2020-11-16").risk_areas["inside"]
    total = sum(inside.values())
    n_off = sum(int(v.split()[-1]) for v in off["value"].split(" · "))
    n_rule = sum(int(v.split()[-1]) for v in rule["value"].split(" · "))
    assert n_off != n_rule  # the two counts differ: the words must say why
    assert off["basis"].startswith(
        f"the {n_off} of the {total} areas inside Kashgar Prefecture with a "
        "designation in force on 2020-11-16 ("
    )
    assert rule["basis"].startswith(
        f"the {n_rule} of the {total} areas inside Kashgar Prefecture that rule "
        "set china-2020 gives a level on 2020-11-16 (1 county, 15 townships)"
    )
    assert f"not counted: {total - n_rule} counties with no figures" in rule["basis"]
