"""Contact follow-up under the China 2020, 7-day and custom protocols (hand-worked dates)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flareup.errors import ConfigError, InputError
from flareup.tracing import followup, followup_counts, list_protocols, load_protocol

T = pd.Timestamp


def _cases() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["A", "B", "D"],
            "location": ["653121", "653121", "653101"],
            "date_onset": pd.to_datetime(["2020-10-10", "2020-10-18", None]),
            "date_reporting": pd.to_datetime(["2020-10-12", "2020-10-19", "2020-10-20"]),
        }
    )


def _contacts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "from": ["A", "A", "P1", "D", "A"],
            "to": ["B", "P1", "P2", "P3", "P4"],
            "type": ["household", "work", "household", "community", "work"],
            "date_last_exposure": pd.to_datetime(
                ["2020-10-11", "2020-10-11", "2020-10-14", "2020-10-19", "2020-09-20"]
            ),
            "date_quarantine_start": pd.to_datetime([None, None, None, None, "2020-09-21"]),
            "date_quarantine_end": pd.NaT,
        }
    )


def test_bundled_protocols() -> None:
    assert {"china-2020", "china-2021", "seven-day"} <= set(list_protocols())
    p = load_protocol("china-2020")
    assert (p.quarantine_days, p.test_days) == (14, (1, 4, 7, 14))
    assert load_protocol("seven-day").quarantine_days == 7


def test_quarantine_and_tests_under_china_2020() -> None:
    w = followup(_contacts(), _cases(), "2020-10-15", load_protocol("china-2020")).set_index("id")
    # P1: last exposure 10-11, traced when A was reported (10-12): days 1..14 = 10-12..10-25
    p1 = w.loc["P1"]
    assert p1["date_quarantine_start"] == T("2020-10-12")
    assert p1["date_quarantine_end"] == T("2020-10-25")  # 14 days after the last exposure
    assert p1["day"] == 4  # 10-15 is day 4: a test day (1, 4, 7, 14)
    assert p1["status"] == "due_for_test"
    assert p1["generation"] == 1 and p1["area"] == "653121"
    # P2 is a contact of a contact (its index P1 is not a case): starts with P1's quarantine
    p2 = w.loc["P2"]
    assert p2["generation"] == 2
    assert p2["date_quarantine_start"] == T("2020-10-15")  # the day after its last exposure
    assert p2["status"] == "due_for_test"  # day 1
    assert p2["area"] == "653121"  # the area of the chain's root case
    # P3: its index D is reported on 10-20, after the day asked about
    assert w.loc["P3", "status"] == "not_started"
    # P4: quarantined 09-21 after exposure 09-20, released after 10-04
    assert w.loc["P4", "status"] == "completed"
    # B was a contact and became a case on 10-19: not yet on 10-15 (same days as P1)
    assert w.loc["B", "status"] == "due_for_test"
    w16 = followup(_contacts(), _cases(), "2020-10-16", load_protocol("china-2020"))
    b = w16.set_index("id").loc["B"]
    assert b["status"] == "under_follow_up"
    assert b["next_test"] == T("2020-10-18")  # day 7


def test_converted_contact_keeps_its_infector() -> None:
    w = followup(_contacts(), _cases(), "2020-10-20", load_protocol("china-2020")).set_index("id")
    assert w.loc["B", "status"] == "converted"
    assert w.loc["B", "infector"] == "A"
    assert w.loc["B", "date_converted"] == T("2020-10-19")
    counts = followup_counts(w.reset_index()).set_index("status")
    assert counts.loc["converted", "n"] == 1
    assert counts["n"].sum() == len(w)


def test_overdue_needs_a_record_of_tests() -> None:
    proto = load_protocol("china-2020")
    tests = pd.DataFrame({"id": ["P1"], "date": ["2020-10-12"]})  # day 1 done, day 4 missed
    w = followup(_contacts(), _cases(), "2020-10-17", proto, tests=tests).set_index("id")
    assert w.loc["P1", "status"] == "overdue"
    assert w.loc["P1", "tests_done"] == 1
    done = pd.DataFrame({"id": ["P1", "P1"], "date": ["2020-10-12", "2020-10-16"]})
    w2 = followup(_contacts(), _cases(), "2020-10-17", proto, tests=done).set_index("id")
    assert w2.loc["P1", "status"] == "under_follow_up"
    # without a record of tests nothing can be overdue
    w3 = followup(_contacts(), _cases(), "2020-10-17", proto).set_index("id")
    assert (w3["status"] != "overdue").all() and w3["tests_done"].isna().all()


def test_seven_day_protocol_and_no_contacts_of_contacts() -> None:
    w = followup(_contacts(), _cases(), "2020-10-15", load_protocol("seven-day")).set_index("id")
    assert "P2" not in w.index  # the 7-day protocol does not follow contacts of contacts
    assert w.loc["P1", "date_quarantine_end"] == T("2020-10-18")
    # 10-15 is day 4, not a test day of (1, 2, 3, 5, 7): the next is day 5
    assert w.loc["P1", "status"] == "under_follow_up"
    assert w.loc["P1", "next_test"] == T("2020-10-16")


def test_area_filter() -> None:
    w = followup(_contacts(), _cases(), "2020-10-15", load_protocol("china-2020"), areas={"653101"})
    assert list(w["id"]) == ["P3"]


def test_custom_protocol_from_toml(tmp_path: Path) -> None:
    f = tmp_path / "ten.toml"
    f.write_text('[protocol]\nname = "ten"\nquarantine_days = 10\ntest_days = [1, 10]\n')
    p = load_protocol(f)
    w = followup(_contacts(), _cases(), "2020-10-21", p).set_index("id")
    assert w.loc["P1", "date_quarantine_end"] == T("2020-10-21")
    assert w.loc["P1", "status"] == "due_for_test"
    bad = tmp_path / "bad.toml"
    bad.write_text("[protocol]\nquarantine_days = 10\ntest_days = [0, 11]\n")
    with pytest.raises(ConfigError, match="test_days"):
        load_protocol(bad)
    typo = tmp_path / "typo.toml"
    typo.write_text("[protocol]\nquarantine_dayz = 10\n")
    with pytest.raises(ConfigError, match="unknown key"):
        load_protocol(typo)
    with pytest.raises(ConfigError, match="no protocol"):
        load_protocol("nonesuch")


def test_missing_columns_are_input_errors() -> None:
    with pytest.raises(InputError, match="to"):
        followup(pd.DataFrame({"from": ["A"]}), _cases(), "2020-10-15", load_protocol("china-2020"))


def test_work_list_puts_the_days_work_first() -> None:
    from flareup.tracing.followup import WORK_ORDER

    w = followup(_contacts(), _cases(), "2020-10-15", load_protocol("china-2020"))
    ranks = [WORK_ORDER.index(s) for s in w["status"]]
    assert ranks == sorted(ranks) and w["status"].iloc[0] == "due_for_test"


def test_a_contact_of_several_cases_lists_each_index_and_setting_once() -> None:
    """'from' and 'type' join a contact's distinct values in the order of its exposures (the
    earliest first), each once; a missing type is left out, and no type at all reads ''."""
    extra = pd.DataFrame(
        {
            "from": ["B", "A", "B", "D"],
            "to": ["P1", "P1", "P4", "P5"],
            "type": ["community", "work", None, None],
            "date_last_exposure": pd.to_datetime(
                ["2020-10-12", "2020-10-13", "2020-10-10", "2020-10-19"]
            ),
            "date_quarantine_start": pd.NaT,
            "date_quarantine_end": pd.NaT,
        }
    )
    c = pd.concat([_contacts(), extra], ignore_index=True)
    w = followup(c, _cases(), "2020-10-20", load_protocol("china-2020")).set_index("id")
    # P1: A (work, 10-11), B (community, 10-12), A again (work, 10-13)
    assert w.loc["P1", "from"] == "A;B" and w.loc["P1", "type"] == "work;community"
    # P4: A (work, 09-20) before B (no type, 10-10): exposures in order of date
    assert w.loc["P4", "from"] == "A;B" and w.loc["P4", "type"] == "work"
    assert w.loc["P5", "from"] == "D" and w.loc["P5", "type"] == ""
