"""Deleting retracts (superseded_at set, no successor), never removes: as_of still shows the
row, the audit log keeps it with the reason, a bad key changes nothing, re-import restores."""

from __future__ import annotations

import pandas as pd
import pytest
from registry_helpers import AREAS, dump, make_vt
from sqlalchemy import select

from flareup.errors import InputError
from flareup.registry import Registry
from flareup.registry.models import Base

COUNTS = [
    {"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_new", "value": 137},
    {"area": "653121", "date": "2020-10-26", "metric": "asymptomatic_new", "value": 26},
    {"area": "653101", "date": "2020-10-26", "metric": "asymptomatic_new", "value": 3},
]
CASES = [
    {
        "id": "C1",
        "location": "653121001",
        "date_reporting": "2020-10-24",
        "classification": "asymptomatic",
    },
    {
        "id": "C2",
        "location": "653121002",
        "date_reporting": "2020-10-25",
        "classification": "confirmed",
    },
]


def _rows(reg: Registry, table: str) -> list[dict[str, object]]:
    t = Base.metadata.tables[table]
    with reg.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(t).order_by(t.c.id)).mappings()]


def test_delete_count_keeps_the_row_and_as_of_shows_it(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", COUNTS, "in/counts.csv"), user="ana")
    before_delete = loaded.audit()["at"].max()
    n = loaded.delete(
        "counts",
        [{"area": "653121", "date": "2020-10-26", "metric": "asymptomatic_new"}],
        reason="duplicate of the 25th",
        user="bo",
    )
    assert n == 1
    assert sorted(loaded.counts(policy="all")["value"]) == [3, 137]
    assert sorted(loaded.counts(as_of=before_delete)["value"]) == [3, 26, 137]
    # nothing removed: three rows, the retracted one superseded by nothing
    rows = _rows(loaded, "counts")
    assert len(rows) == 3
    gone = next(r for r in rows if r["value"] == 26)
    assert gone["superseded_at"] is not None and gone["superseded_by"] is None
    assert all(r["superseded_at"] is None for r in rows if r["value"] != 26)
    # status and disagreements no longer see it
    st = loaded.status("653121", date="2020-10-26")
    assert st.metrics["asymptomatic_new"].value == 137
    assert st.metrics["asymptomatic_new"].cumulative == 137
    assert (
        loaded.status("653121", date="2020-10-26", as_of=before_delete)
        .metrics["asymptomatic_new"]
        .cumulative
        == 163
    )


def test_delete_is_audited_with_before_and_reason(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", COUNTS, "in/counts.csv"))
    n = loaded.delete(
        "counts",
        pd.DataFrame(
            [
                {
                    "area": "653121",
                    "date": "2020-10-25",
                    "metric": "asymptomatic_new",
                    "source": "counts.csv",
                },
                {
                    "area": "653101",
                    "date": "2020-10-26",
                    "metric": "asymptomatic_new",
                    "source": "counts.csv",
                },
            ]
        ),
        reason="wrong file",
        user="cy",
    )
    assert n == 2
    audit = loaded.audit()
    dels = audit[audit["action"] == "delete"]
    assert len(dels) == 2
    assert set(dels["user"]) == {"cy"} and set(dels["table"]) == {"counts"}
    assert sorted(e["value"] for e in dels["before"]) == [3, 137]
    assert all(e == {"reason": "wrong file"} for e in dels["after"])
    assert all(
        e["source_identity"] == "counts.csv" and e["superseded_at"] is None for e in dels["before"]
    )
    assert len(loaded.audit(table="counts")) == 3  # the insert and the two deletions


def test_unknown_key_changes_nothing(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", COUNTS, "in/counts.csv"))
    before = dump(loaded)
    keys = [
        {"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_new"},
        {"area": "653121", "date": "2020-10-27", "metric": "asymptomatic_new"},
        {
            "area": "653121",
            "date": "2020-10-26",
            "metric": "asymptomatic_new",
            "source": "elsewhere.csv",
        },
    ]
    with pytest.raises(InputError) as e:
        loaded.delete("counts", keys, reason="cleanup")
    assert [(p.row, p.field) for p in e.value.problems] == [(2, "area"), (3, "area")]
    assert "2020-10-27" in str(e.value) and "elsewhere.csv" in str(e.value)
    assert dump(loaded) == before


@pytest.mark.parametrize(
    ("kind", "keys", "reason", "field"),
    [
        (
            "counts",
            [{"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_new"}],
            "  ",
            "reason",
        ),
        ("counts", [{"area": "653121", "date": "2020-10-25"}], "x", "metric"),
        (
            "counts",
            [{"area": "653121", "date": "not a date", "metric": "asymptomatic_new"}],
            "x",
            "date",
        ),
        (
            "counts",
            [{"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_new", "value": 137}],
            "x",
            "value",
        ),
        ("counts", [], "x", "keys"),
        ("nonsense", [{"id": "C1"}], "x", "kind"),
    ],
)
def test_bad_keys_refused(
    loaded: Registry, kind: str, keys: list[dict[str, object]], reason: str, field: str
) -> None:
    loaded.import_table(make_vt("counts", COUNTS, "in/counts.csv"))
    before = dump(loaded)
    with pytest.raises(InputError) as e:
        loaded.delete(kind, keys, reason=reason)
    assert e.value.field == field
    assert dump(loaded) == before


def test_reimport_after_delete_is_a_new_insert(loaded: Registry) -> None:
    loaded.import_table(make_vt("cases", CASES, "ll.csv"))
    assert loaded.delete("cases", [{"id": "C2"}], reason="entered twice") == 1
    after_delete = loaded.audit()["at"].max()
    assert loaded.cases()["id"].tolist() == ["C1"]
    s = loaded.import_table(make_vt("cases", CASES, "ll.csv"), user="dee")
    assert (s.inserted, s.unchanged, s.superseded) == (1, 1, 0)
    assert loaded.cases()["id"].tolist() == ["C1", "C2"]
    assert loaded.cases(as_of=after_delete)["id"].tolist() == ["C1"]
    assert [r["case_id"] for r in _rows(loaded, "cases")] == ["C1", "C2", "C2"]
    top = loaded.audit().iloc[0]
    assert (top["action"], top["user"], top["after"]["new"]) == ("insert", "dee", 1)


def test_other_kinds_by_their_keys(loaded: Registry) -> None:
    loaded.import_table(make_vt("cases", CASES))
    loaded.import_table(
        make_vt(
            "settings",
            [
                {"id": "F1", "kind": "factory", "area": "653121001"},
                {"id": "L1", "kind": "cold_chain_lot", "area": "653101"},
            ],
        )
    )
    loaded.import_table(make_vt("exposures", [{"case_id": "C1", "setting_id": "F1"}]))
    loaded.import_table(
        make_vt("contacts", [{"from": "C1", "to": "C2"}, {"from": "C1", "to": "P9"}])
    )
    loaded.import_table(
        make_vt(
            "samples",
            [
                {"setting_id": "L1", "date": "2020-10-20", "result": "negative"},
                {"setting_id": "L1", "date": "2020-10-20", "result": "negative"},
                {
                    "setting_id": "L1",
                    "date": "2020-10-20",
                    "result": "negative",
                    "sample_type": "swab",
                },
            ],
        )
    )
    loaded.import_table(
        make_vt(
            "designations", [{"area": "653121001", "level": "high", "valid_from": "2020-10-26"}]
        )
    )
    loaded.import_table(
        make_vt(
            "campaigns",
            [
                {
                    "timestamp": "2020-10-25T14:00",
                    "area": "653121",
                    "round": 1,
                    "people_sampled": 245000,
                }
            ],
        )
    )
    # a case or setting that current exposures still name is refused, naming the table
    with pytest.raises(InputError, match="exposures"):
        loaded.delete("cases", [{"id": "C1"}], reason="x")
    assert loaded.delete("contacts", [{"from": "C1", "to": "P9"}], reason="not a contact") == 1
    assert loaded.contacts()["to"].tolist() == ["C2"]
    assert loaded.delete("exposures", [{"case_id": "C1", "setting_id": "F1"}], reason="x") == 1
    assert loaded.delete("cases", [{"id": "C1"}], reason="x") == 1
    assert loaded.delete("settings", [{"id": "F1"}], reason="x") == 1
    # samples: an empty sample_type matches a missing one; both identical samples go
    assert (
        loaded.delete(
            "samples",
            [{"setting_id": "L1", "date": "2020-10-20", "result": "negative", "sample_type": ""}],
            reason="lab error",
        )
        == 2
    )
    assert loaded.samples()["sample_type"].tolist() == ["swab"]
    assert (
        loaded.delete(
            "designations",
            [{"area": "653121001", "valid_from": "2020-10-26", "rule_set": "official"}],
            reason="x",
        )
        == 1
    )
    assert loaded.designations().empty
    assert (
        loaded.delete(
            "campaigns",
            [{"timestamp": "2020-10-25 14:00:00", "area": "653121", "round": "1"}],
            reason="x",
        )
        == 1
    )
    assert loaded.campaign_progress().empty
    assert set(loaded.audit(table="campaigns")["action"]) == {"insert", "delete"}


def test_areas_refused_while_referenced_then_deleted_and_restored(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", COUNTS[:1], "in/counts.csv"))
    before = dump(loaded)
    with pytest.raises(InputError) as e:
        loaded.delete("areas", [{"code": "653121"}], reason="x")
    msg = str(e.value)
    assert "counts" in msg and "child areas" in msg
    with pytest.raises(InputError, match="no current area"):
        loaded.delete("areas", [{"code": "999999"}], reason="x")
    assert dump(loaded) == before
    # a leaf area nothing names goes (the row stays, marked); a parent with its child together
    n = loaded.delete("areas", [{"code": "653101"}], reason="merged")
    assert n == 1
    assert "653101" not in set(loaded.areas()["code"])
    assert len(_rows_areas(loaded)) == len(AREAS)
    entry = loaded.audit(table="areas").iloc[0]
    assert entry["before"]["name_en"] == "Kashgar City"
    assert entry["after"] == {"reason": "merged"}
    with pytest.raises(InputError, match="unknown area code"):
        loaded.import_table(make_vt("counts", [{**COUNTS[0], "area": "653101"}], "x.csv"))
    loaded.import_table(make_vt("areas", AREAS, "areas.csv"))
    assert loaded.area("653101")["population"] == 782662
    assert loaded.audit(table="areas").iloc[0]["action"] == "insert"
    # with its counts retracted, Shufu goes only together with both of its towns
    loaded.delete(
        "counts",
        [{"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_new"}],
        reason="x",
    )
    with pytest.raises(InputError) as e:
        loaded.delete("areas", [{"code": "653121"}, {"code": "653121001"}], reason="x")
    assert [(p.row, p.field) for p in e.value.problems] == [(1, "code")]
    assert "1 child areas (areas.parent_code)" in str(e.value)
    assert (
        loaded.delete(
            "areas", [{"code": "653121001"}, {"code": "653121"}, {"code": "653121002"}], reason="x"
        )
        == 3
    )
    assert sorted(loaded.areas()["code"]) == ["650000", "653100", "653101"]


def _rows_areas(reg: Registry) -> list[object]:
    t = Base.metadata.tables["areas"]
    with reg.engine.connect() as conn:
        return list(conn.execute(select(t.c.code)).scalars())
