"""Epicurves, roll-ups to parent areas, cumulative and current series."""

from __future__ import annotations

import pandas as pd
import pytest

from flareup.analytics.incidence import (
    aggregate_to_parents,
    cumulative_and_current,
    epicurve_from_counts,
    epicurve_from_linelist,
    incidence_from_linelist,
)
from flareup.errors import InputError


def _counts(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area", "date", "metric", "value"])


AREAS = pd.DataFrame(
    {
        "code": ["P", "C1", "C2", "T1", "T2"],
        "parent_code": [None, "P", "P", "C1", "C1"],
        "level": ["prefecture", "county", "county", "township", "township"],
    }
)


def test_reclassified_infections_are_counted_once() -> None:
    # "5 new confirmed, all reclassified; 19 new asymptomatic" = 19 new infections, not 24.
    c = _counts(
        [
            ("C1", "2020-10-27", "confirmed_new", 5),
            ("C1", "2020-10-27", "reclassified_new", 5),
            ("C1", "2020-10-27", "asymptomatic_new", 19),
            ("C1", "2020-10-28", "confirmed_new", 3),
            ("C1", "2020-10-28", "reclassified_new", 1),
        ]
    )
    curve = epicurve_from_counts(
        c, metrics=("confirmed_direct", "asymptomatic_new", "infections_new")
    )
    v = curve.set_index(["period", "metric"])["value"]
    assert v[("2020-10-27", "confirmed_direct")] == 0
    assert v[("2020-10-27", "infections_new")] == 19
    # 10-28 reports no asymptomatic figure: on a day with a report it counts as 0.
    assert v[("2020-10-28", "confirmed_direct")] == 2
    assert v[("2020-10-28", "infections_new")] == 2


def test_iso_and_mmwr_weeks_are_different_and_named() -> None:
    # 2020-10-25 is a Sunday: the last day of ISO week 43, the first of MMWR week 44.
    c = _counts(
        [
            ("A", "2020-10-24", "asymptomatic_new", 1),
            ("A", "2020-10-25", "asymptomatic_new", 2),
            ("A", "2020-10-26", "asymptomatic_new", 4),
        ]
    )
    iso = epicurve_from_counts(c, metrics=["asymptomatic_new"], interval="week")
    mmwr = epicurve_from_counts(
        c, metrics=["asymptomatic_new"], interval="week", week_system="mmwr"
    )
    assert dict(zip(iso["period"], iso["value"], strict=True)) == {"2020-W43": 3, "2020-W44": 4}
    assert dict(zip(mmwr["period"], mmwr["value"], strict=True)) == {
        "2020-MMWR43": 1,
        "2020-MMWR44": 6,
    }
    assert iso["period_start"].min() == pd.Timestamp("2020-10-19")  # a Monday
    assert mmwr["period_start"].max() == pd.Timestamp("2020-10-25")  # a Sunday
    month = epicurve_from_counts(
        _counts(
            [("A", "2020-10-31", "asymptomatic_new", 1), ("A", "2020-11-01", "asymptomatic_new", 2)]
        ),
        metrics=["asymptomatic_new"],
        interval="month",
    )
    assert month["period"].tolist() == ["2020-10", "2020-11"]


def test_parents_are_summed_from_children_without_double_counting() -> None:
    c = _counts(
        [
            ("T1", "2020-01-01", "asymptomatic_new", 2),
            ("T2", "2020-01-01", "asymptomatic_new", 3),
            ("C1", "2020-01-02", "asymptomatic_new", 7),  # county's own figure ...
            ("T1", "2020-01-02", "asymptomatic_new", 4),  # ... wins over its townships'
            ("C2", "2020-01-01", "asymptomatic_new", 10),
        ]
    )
    full = aggregate_to_parents(c, AREAS).set_index(["area", "date"])
    assert full.loc[("C1", pd.Timestamp("2020-01-01")), "value"] == 5
    assert full.loc[("C1", pd.Timestamp("2020-01-01")), "basis"] == "summed"
    assert full.loc[("C1", pd.Timestamp("2020-01-02")), "value"] == 7
    assert full.loc[("P", pd.Timestamp("2020-01-01")), "value"] == 15
    assert full.loc[("P", pd.Timestamp("2020-01-02")), "value"] == 7
    curve = epicurve_from_counts(c, metrics=["asymptomatic_new"], area_table=AREAS, areas=["P"])
    assert curve["value"].tolist() == [15, 7]


def test_missing_days_are_an_explicit_choice() -> None:
    c = _counts(
        [("A", "2020-01-01", "asymptomatic_new", 2), ("A", "2020-01-04", "asymptomatic_new", 3)]
    )
    with pytest.raises(InputError, match="2020-01-02, 2020-01-03"):
        epicurve_from_counts(c, metrics=["asymptomatic_new"])
    curve = epicurve_from_counts(c, metrics=["asymptomatic_new"], fill_missing="zero")
    assert curve["value"].tolist() == [2, 0, 0, 3]


def test_bad_counts_and_metrics() -> None:
    with pytest.raises(InputError, match="stock"):
        epicurve_from_counts(
            _counts([("A", "2020-01-01", "confirmed_current", 2)]), metrics=["confirmed_current"]
        )
    bad = _counts([("A", "2020-01-01", "asymptomatic_new", -2)])
    with pytest.raises(InputError, match="negative") as e:
        epicurve_from_counts(bad, metrics=["asymptomatic_new"], file="c.csv")
    assert (e.value.file, e.value.row, e.value.field) == ("c.csv", 1, "value")
    with pytest.raises(InputError, match="no data: Z"):
        epicurve_from_counts(
            _counts([("A", "2020-01-01", "asymptomatic_new", 1)]),
            metrics=["asymptomatic_new"],
            areas=["Z"],
        )
    # a bad date is named by row (a list from JSON, text, a year pandas cannot hold)
    bad_dates = pd.DataFrame(
        {
            "area": ["A"] * 4,
            "metric": ["asymptomatic_new"] * 4,
            "value": [1] * 4,
            "date": ["2020-01-01", "foo", [1], "2999-01-01"],
        }
    )
    with pytest.raises(InputError) as e:
        epicurve_from_counts(bad_dates, metrics=["asymptomatic_new"], file="c.json")
    assert [(p.row, p.field) for p in e.value.problems] == [(2, "date"), (3, "date"), (4, "date")]


def test_linelist_counts_each_person_once() -> None:
    cases = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "location": ["T1", "T1", "T2", "C2"],
            "date_reporting": ["2020-01-01", "2020-01-01", "2020-01-02", "2020-01-02"],
            "date_onset": [None, "2019-12-30", "2020-01-04", None],
            "date_reclassified": [None, None, "2020-01-04", None],
            "classification": ["asymptomatic", "confirmed", "confirmed", "asymptomatic"],
        }
    )
    curve = epicurve_from_linelist(cases, by="report", area_table=AREAS, level="county")
    got = {(r.area, r.period, r.category): r.n for r in curve.itertuples()}
    # c was reported asymptomatic and reclassified later: one count, as asymptomatic.
    assert got == {
        ("C1", "2020-01-01", "asymptomatic"): 1,
        ("C1", "2020-01-01", "confirmed"): 1,
        ("C1", "2020-01-02", "asymptomatic"): 1,
        ("C2", "2020-01-02", "asymptomatic"): 1,
        # every day from the first case's to the last's, 0 where none fell
        ("C1", "2020-01-02", "confirmed"): 0,
        ("C2", "2020-01-01", "asymptomatic"): 0,
    }
    onset = epicurve_from_linelist(cases)  # by onset unless asked, as R_t and growth count
    assert onset["n"].sum() == 2 and onset.attrs["n_without_onset"] == 2
    assert onset.equals(epicurve_from_linelist(cases, by="onset"))
    with pytest.raises(InputError, match="appears twice") as e:
        epicurve_from_linelist(pd.concat([cases, cases.iloc[[0]]]))
    assert e.value.row == 5


def test_cumulative_and_current_from_flows_and_stocks() -> None:
    c = _counts(
        [
            ("A", "2020-01-01", "asymptomatic_new", 10),
            ("A", "2020-01-02", "asymptomatic_new", 5),
            ("A", "2020-01-02", "confirmed_new", 3),
            ("A", "2020-01-02", "reclassified_new", 2),
            ("A", "2020-01-03", "released_new", 4),
            ("A", "2020-01-03", "asymptomatic_current", 8),
        ]
    )
    cc = cumulative_and_current(c).set_index("date")
    d1, d2, d3 = (pd.Timestamp(f"2020-01-0{i}") for i in (1, 2, 3))
    assert cc.loc[d2, "infections_cum"] == 16  # 10 + 5 asymptomatic + 1 confirmed directly
    assert cc.loc[d2, "confirmed_cum"] == 3
    # current asymptomatic from flows: 10, then 10 + 5 - 2 = 13; reported stock on day 3
    assert cc.loc[d1, "asymptomatic_current"] == 10
    assert cc.loc[d2, "asymptomatic_current"] == 13
    assert cc.loc[d2, "asymptomatic_current_basis"] == "from flows"
    assert cc.loc[d3, "asymptomatic_current"] == 8
    assert cc.loc[d3, "asymptomatic_current_basis"] == "reported"


def test_linelist_bad_dates_name_the_row() -> None:
    cases = pd.DataFrame(
        {
            "id": ["a", "b"],
            "location": ["T1", "T1"],
            "date_reporting": ["2020-01-01", "2020-13-01"],
            "classification": ["confirmed", "confirmed"],
        }
    )
    with pytest.raises(InputError, match="not an ISO date") as e:
        epicurve_from_linelist(cases, by="report", file="ll.csv")
    assert (e.value.file, e.value.row, e.value.field) == ("ll.csv", 2, "date_reporting")


# ------------------------------------------------------------ daily incidence from a line list


def _ll() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e", "f"],
            "date_onset": [
                "2020-10-01",
                "2020-10-01",
                "2020-10-03",
                None,
                "2020-10-02",
                "2020-10-03",
            ],
            "date_reporting": [
                "2020-10-02",
                "2020-10-03",
                "2020-10-03",
                "2020-10-04",
                "2020-10-04",
                "2020-10-05",
            ],
            "imported": [True, False, None, False, False, True],
        }
    )


def test_incidence_from_linelist_counts_each_person_once_by_onset_and_report() -> None:
    on = incidence_from_linelist(_ll(), by="onset", split_imported=True)
    assert on["date"].dt.strftime("%m-%d").tolist() == ["10-01", "10-02", "10-03"]
    assert on["local"].tolist() == [1, 1, 1] and on["imported"].tolist() == [1, 0, 1]
    assert on.attrs["n_without_date"] == 1 and on.attrs["n_import_unknown"] == 1
    rep = incidence_from_linelist(_ll(), by="report")
    assert rep["I"].tolist() == [1, 2, 2, 1] and rep["I"].sum() == len(_ll())


def test_incidence_from_linelist_bad_input() -> None:
    gap = _ll().drop(index=4)  # no onset on 10-02 any more
    with pytest.raises(InputError, match="2020-10-02") as e:
        incidence_from_linelist(gap, by="onset", file="ll.csv")
    assert e.value.field == "date_onset" and "fill_missing" in str(e.value)
    filled = incidence_from_linelist(gap, by="onset", fill_missing="zero")
    assert filled["I"].tolist() == [2, 0, 2]
    dup = _ll().assign(id=["a", "b", "a", "d", "e", "f"])
    with pytest.raises(InputError, match="appears twice") as e:
        incidence_from_linelist(dup, file="ll.csv")
    assert (e.value.file, e.value.row, e.value.field) == ("ll.csv", 3, "id")
    bad = _ll().astype({"imported": object})
    bad.loc[2, "imported"] = "maybe"
    with pytest.raises(InputError, match="true/false") as e:
        incidence_from_linelist(bad, split_imported=True)
    assert (e.value.row, e.value.field) == (3, "imported")
    with pytest.raises(InputError, match="not an ISO date"):
        incidence_from_linelist(_ll().assign(date_reporting="soon"), by="report")
    with pytest.raises(InputError, match="'onset' or 'report'"):
        incidence_from_linelist(_ll(), by="infection")  # type: ignore[arg-type]
