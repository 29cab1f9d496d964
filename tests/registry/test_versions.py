"""Corrections supersede (audited, as_of shows the past); disagreements are kept and listed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from registry_helpers import dump, make_vt

from flareup.errors import InputError
from flareup.registry import Registry
from flareup.schema import SourceKind

ROWS = [
    {"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_new", "value": 137},
    {"area": "653121", "date": "2020-10-26", "metric": "asymptomatic_new", "value": 26},
]


def test_correction_supersedes_with_audit_and_as_of(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", ROWS, "first/counts.csv"), user="ana")
    t1 = loaded.counts()["recorded_at"].max()
    fixed = [ROWS[0], {**ROWS[1], "value": 27}]
    s = loaded.import_table(make_vt("counts", fixed, "second/counts.csv"), user="bo")
    assert (s.inserted, s.unchanged, s.superseded) == (0, 1, 1)
    now = loaded.counts()
    assert now["value"].tolist() == [137, 27]
    # the old row is kept, marked superseded, and what was known at t1 is still there
    then = loaded.counts(as_of=t1)
    assert then["value"].tolist() == [137, 26]
    assert loaded.counts(as_of=t1 - dt.timedelta(seconds=1)).empty
    with loaded.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT value, superseded_at IS NOT NULL, superseded_by FROM counts ORDER BY id"
        ).fetchall()
    assert [(r[0], bool(r[1])) for r in rows] == [(137, False), (26, True), (27, False)]
    assert rows[1][2] is not None
    audit = loaded.audit()
    sup = audit[audit["action"] == "supersede"]
    assert len(sup) == 1
    entry = sup.iloc[0]
    assert entry["user"] == "bo" and entry["table"] == "counts"
    assert entry["before"]["value"] == 26 and entry["after"]["value"] == 27
    assert set(audit["action"]) == {"insert", "supersede"}
    assert audit["at"].is_monotonic_decreasing
    # re-importing the corrected file again changes nothing
    before = dump(loaded)
    loaded.import_table(make_vt("counts", fixed, "second/counts.csv"))
    assert dump(loaded) == before


def test_cases_corrected_by_same_source(loaded: Registry) -> None:
    case = {
        "id": "C1",
        "location": "653121",
        "date_reporting": "2020-10-24",
        "classification": "asymptomatic",
    }
    loaded.import_table(make_vt("cases", [case], "ll.csv"))
    t1 = loaded.audit()["at"].max()
    s = loaded.import_table(
        make_vt(
            "cases",
            [{**case, "classification": "confirmed", "date_reclassified": "2020-10-27"}],
            "ll.csv",
        )
    )
    assert s.superseded == 1
    assert loaded.cases()["classification"].tolist() == ["confirmed"]
    assert loaded.cases(as_of=t1)["classification"].tolist() == ["asymptomatic"]


def test_disagreements_kept_and_listed(loaded: Registry) -> None:
    afp = [
        {
            "area": "653121",
            "date": "2020-10-27",
            "metric": "asymptomatic_new",
            "value": 19,
            "source": "AFP-a",
        },
        {
            "area": "653121",
            "date": "2020-10-27",
            "metric": "asymptomatic_new",
            "value": 22,
            "source": "AFP-b",
        },
        {
            "area": "653121",
            "date": "2020-10-26",
            "metric": "asymptomatic_new",
            "value": 26,
            "source": "AFP-a",
        },
        {
            "area": "653121",
            "date": "2020-10-26",
            "metric": "asymptomatic_new",
            "value": 26,
            "source": "AFP-b",
        },
    ]
    s = loaded.import_table(make_vt("counts", afp, "timeline.csv"))
    assert s.inserted == 4
    assert len(loaded.counts(policy="all")) == 4
    latest = loaded.counts()
    assert len(latest) == 2  # one per (area, date, metric)
    d = loaded.disagreements()
    assert sorted(d["value"]) == [19, 22]  # agreeing sources are no disagreement
    assert d["chosen"].sum() == 1
    chosen = d[d["chosen"]].iloc[0]
    assert chosen["value"] == latest.set_index("date").loc["2020-10-27", "value"]


def test_latest_policy_prefers_official_then_latest_published(loaded: Registry) -> None:
    row = {"area": "653121", "date": "2020-10-26", "metric": "asymptomatic_new"}
    loaded.import_table(
        make_vt(
            "counts",
            [{**row, "value": 30}],
            "news.txt",
            source_kind=SourceKind.NEWS,
            published=dt.date(2020, 10, 27),
        )
    )
    loaded.import_table(
        make_vt(
            "counts",
            [{**row, "value": 26}],
            "bulletin1.txt",
            source_kind=SourceKind.BULLETIN,
            published=dt.date(2020, 10, 26),
        )
    )
    # news came later and is newer, but official sources come first
    assert loaded.counts()["value"].tolist() == [26]
    loaded.import_table(
        make_vt(
            "counts",
            [{**row, "value": 25}],
            "bulletin2.txt",
            source_kind=SourceKind.BULLETIN,
            published=dt.date(2020, 10, 28),
        )
    )
    assert loaded.counts()["value"].tolist() == [25]
    # an earlier-published bulletin recorded later does not win over the newer one
    loaded.import_table(
        make_vt(
            "counts",
            [{**row, "value": 24}],
            "bulletin0.txt",
            source_kind=SourceKind.BULLETIN,
            published=dt.date(2020, 10, 25),
        )
    )
    assert loaded.counts()["value"].tolist() == [25]
    got = loaded.counts()
    assert got["source_kind"].tolist() == ["bulletin"]
    assert got["source_title"].tolist() == ["bulletin2.txt"]
    assert len(loaded.disagreements()) == 4


def test_store_designations(loaded: Registry) -> None:
    df = pd.DataFrame(
        {
            "area": ["653121001", "653121002"],
            "level": ["high", "medium"],
            "valid_from": pd.to_datetime(["2020-10-26", "2020-10-26"]),
            "reason": ["10 cases in 14 days", "1 case"],
        }
    )
    with pytest.raises(InputError):
        loaded.store_designations(df, rule_set="official", rule_version="1")
    assert loaded.designations().empty
    assert loaded.store_designations(df, rule_set="china_2020", rule_version="8") == 2
    assert loaded.store_designations(df, rule_set="china_2020", rule_version="8") == 0
    d = loaded.designations(rule_set="china_2020")
    assert d["level"].tolist() == ["high", "medium"]
    assert set(d["rule_version"]) == {"8"}
    assert loaded.designations(rule_set="official").empty
    df2 = df.assign(level=["high", "low"])
    assert loaded.store_designations(df2, rule_set="china_2020", rule_version="8") == 1
    assert loaded.designations(rule_set="china_2020")["level"].tolist() == ["high", "low"]
