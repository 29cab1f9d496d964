"""Contact follow-up: each contact's quarantine and tests under a protocol, on a given date.

Input frames use the registry's column names (docs/dev/contracts.md section 1): contacts
``from, to, type, date_last_exposure, date_quarantine_start, date_quarantine_end``; cases
``id, location, date_onset, date_reporting``; optional tests ``id, date`` (tests taken, any
result). A person listed in several contact rows is followed once: last exposure = the latest
of them. A contact whose ``from`` is not a case but another contact is a contact of a contact
(密接的密接, generation 2).

Rules (China's protocols, :mod:`flareup.tracing.protocols`): the observation ends
``quarantine_days`` after the last exposure (or on the recorded end date); it starts on the
recorded start date, else on the day the index case was reported (tracing starts then), never
before the day after the last exposure. Test day ``k`` falls on start + k - 1, and never after
the end. On date D a contact is, in this order of precedence:

* ``converted`` — became a case (reported on or before D); ``infector`` is the listed index
  with the latest exposure before the contact's onset (or report);
* ``completed`` — the observation ended before D;
* ``overdue`` — fewer tests recorded since the start than were scheduled before D (only when a
  tests frame is given: without one, nothing can be overdue and ``tests_done`` is missing);
* ``due_for_test`` — a test falls on D and none is recorded on D;
* ``under_follow_up`` — in observation, nothing due;
* ``not_started`` — the observation starts after D.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.tracing.protocols import Protocol

STATUSES: Final[tuple[str, ...]] = (
    "under_follow_up",
    "due_for_test",
    "overdue",
    "completed",
    "converted",
    "not_started",
)

#: Order of the work list.
WORK_ORDER: Final[tuple[str, ...]] = (
    "overdue",
    "due_for_test",
    "under_follow_up",
    "not_started",
    "converted",
    "completed",
)

FOLLOWUP_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "generation",
    "from",
    "type",
    "area",
    "date_last_exposure",
    "date_quarantine_start",
    "date_quarantine_end",
    "day",
    "next_test",
    "tests_done",
    "status",
    "infector",
    "date_converted",
)


def _need(df: pd.DataFrame, cols: tuple[str, ...], what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InputError(f"{what} frame lacks column(s) {', '.join(missing)}", field=missing[0])


def _dates(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, errors="coerce").dt.normalize()


def _joined(c: pd.DataFrame, col: str, ids: pd.Index) -> pd.Series:
    """Per contact (``to``), its distinct non-missing ``col`` values in row order joined by
    ';' ('' where it has none). Duplicates dropped over the whole frame first: a per-group
    Python function took 2.4 s for the demo registry's 11,953 contacts."""
    vals = c.loc[c[col].notna(), ["to", col]]
    vals = vals.assign(**{col: vals[col].astype(str)}).drop_duplicates()
    # Most contacts have one value: those are taken as they are, only the others are joined.
    many = vals["to"].duplicated(keep=False)
    joined = pd.concat(
        [
            vals.loc[~many].set_index("to")[col],
            vals.loc[many].groupby("to", sort=False)[col].agg(";".join),
        ]
    )
    out: pd.Series = joined.reindex(ids, fill_value="")
    return out


def followup(
    contacts: pd.DataFrame,
    cases: pd.DataFrame,
    date: dt.date | str | pd.Timestamp,
    protocol: Protocol,
    *,
    tests: pd.DataFrame | None = None,
    areas: set[str] | None = None,
) -> pd.DataFrame:
    """The day's follow-up list: one row per contact person (columns :data:`FOLLOWUP_COLUMNS`).

    ``areas``: keep contacts whose index case (the root of their chain of contacts) lives in one
    of these area codes. Method: NHC 新型冠状病毒肺炎防控方案 7th ed. (2020) close-contact rules.
    """
    _need(contacts, ("from", "to"), "contacts")
    _need(cases, ("id", "date_reporting"), "cases")
    day = pd.Timestamp(date) if date is not None else pd.NaT
    if pd.isna(day):
        # e.g. the first report date of an empty case list: say so, not an AttributeError
        raise InputError("no follow-up date given (missing or not a date)", field="date")
    day = day.normalize()
    c = contacts.copy()
    for col in ("type", "date_last_exposure", "date_quarantine_start", "date_quarantine_end"):
        if col not in c.columns:
            c[col] = pd.NA
    for col in ("date_last_exposure", "date_quarantine_start", "date_quarantine_end"):
        c[col] = _dates(c[col])
    c["from"] = c["from"].astype(str)
    c["to"] = c["to"].astype(str)
    cs = cases.copy()
    cs["id"] = cs["id"].astype(str)
    cs["date_reporting"] = _dates(cs["date_reporting"])
    cs["date_onset"] = _dates(cs["date_onset"]) if "date_onset" in cs.columns else pd.NaT
    if "location" not in cs.columns:
        cs["location"] = pd.NA
    case_report = cs.set_index("id")["date_reporting"]
    case_loc = cs.set_index("id")["location"]
    # generation: 1 if any listed index is a case, else 2 (a contact of a contact)
    c["from_is_case"] = c["from"].isin(case_report.index)
    if not protocol.contacts_of_contacts:
        c = c[c["from_is_case"]]
    if c.empty:
        return pd.DataFrame({k: pd.Series(dtype=object) for k in FOLLOWUP_COLUMNS})
    c["from_report"] = c["from"].map(case_report)
    # a contact of a contact starts when its own index (a contact) was traced: use the index's
    # quarantine start where recorded
    idx_start = c.groupby("to")["date_quarantine_start"].min()
    c["from_report"] = c["from_report"].fillna(c["from"].map(idx_start))
    # the area of the chain's root: the case itself, or the case its index was traced from
    root = c.loc[c["from_is_case"]].groupby("to")["from"].first()
    c["root"] = np.where(c["from_is_case"], c["from"], c["from"].map(root))
    c["area"] = c["root"].map(case_loc)
    c = c.sort_values(["to", "date_last_exposure"], na_position="first")
    g = c.groupby("to", sort=True)
    out = pd.DataFrame(
        {
            "generation": np.where(g["from_is_case"].any(), 1, 2),
            "from": _joined(c, "from", g.size().index),
            "type": _joined(c, "type", g.size().index),
            "area": g["area"].first(),
            "date_last_exposure": g["date_last_exposure"].max(),
            "rec_start": g["date_quarantine_start"].min(),
            "rec_end": g["date_quarantine_end"].max(),
            "from_report": g["from_report"].min(),
        }
    )
    out.index.name = "id"
    out = out.reset_index()
    if areas is not None:
        out = out[out["area"].isin(areas)].reset_index(drop=True)
    one = pd.Timedelta(days=1)
    last = out["date_last_exposure"]
    start = out["rec_start"].fillna(out["from_report"]).fillna(last + one)
    start = start.where(~(start <= last).fillna(False), last + one)
    end = out["rec_end"].fillna(last + pd.Timedelta(days=protocol.quarantine_days))
    end = end.fillna(start + pd.Timedelta(days=protocol.quarantine_days - 1))
    end = end.where(~(end < start).fillna(False), start)
    out["date_quarantine_start"] = start
    out["date_quarantine_end"] = end
    out["day"] = pd.array(((day - start).dt.days + 1).where(start <= day), dtype="Int64")

    # scheduled test dates (k = 1..), clipped to the end; counted once each
    sched = (
        np.stack(
            [
                np.minimum(
                    (start + pd.Timedelta(days=k - 1)).to_numpy(dtype="datetime64[ns]"),
                    end.to_numpy(dtype="datetime64[ns]"),
                )
                for k in protocol.test_days
            ],
            axis=1,
        )
        if protocol.test_days
        else np.empty((len(out), 0), dtype="datetime64[ns]")
    )
    d64 = day.to_datetime64()
    valid = ~np.isnat(sched)
    due_today = (valid & (sched == d64)).any(axis=1)
    big = np.iinfo(np.int64).max
    si = sched.astype("datetime64[ns]").view(np.int64)
    before = np.sort(np.where(valid & (sched < d64), si, big), axis=1)
    # distinct scheduled dates before D (two test days clipped to the same end date count once)
    n_before = (before != big).sum(axis=1) - (
        (before[:, 1:] == before[:, :-1]) & (before[:, 1:] != big)
    ).sum(axis=1)
    nxt = np.where(valid & (sched > d64), si, big).min(axis=1, initial=big)
    out["next_test"] = pd.to_datetime(np.where(nxt == big, np.iinfo(np.int64).min, nxt))
    if due_today.any():
        out.loc[due_today, "next_test"] = day

    if tests is not None:
        _need(tests, ("id", "date"), "tests")
        t = pd.DataFrame({"id": tests["id"].astype(str), "date": _dates(tests["date"])})
        t = t.merge(out[["id", "date_quarantine_start"]], on="id")
        t = t[(t["date"] >= t["date_quarantine_start"]) & (t["date"] <= day)]
        done = t[t["date"] < day].groupby("id").size()
        today = set(t.loc[t["date"] == day, "id"])
        out["tests_done"] = out["id"].map(done).fillna(0).astype("Int64")
        overdue = out["tests_done"].to_numpy(dtype=np.int64) < n_before
        due_today &= ~out["id"].isin(today).to_numpy()
    else:
        out["tests_done"] = pd.array([pd.NA] * len(out), dtype="Int64")
        overdue = np.zeros(len(out), dtype=bool)

    # converted: the contact is a case reported by D; infector = latest exposure before onset
    conv_date = out["id"].map(case_report)
    converted = (conv_date <= day).fillna(False).to_numpy(dtype=bool)
    out["date_converted"] = conv_date.where(converted)
    onset = out["id"].map(cs.set_index("id")["date_onset"]).fillna(conv_date)
    cand = c[c["from_is_case"]][["to", "from", "date_last_exposure"]].copy()
    cand["onset"] = cand["to"].map(dict(zip(out["id"], onset, strict=True)))
    cand = cand[cand["to"].isin(out.loc[converted, "id"])]
    ok = ~(cand["date_last_exposure"] > cand["onset"]).fillna(False)
    cand = cand[ok].sort_values(["to", "date_last_exposure"], na_position="first")
    infector = cand.groupby("to")["from"].last()
    out["infector"] = out["id"].map(infector).where(converted)

    status = np.full(len(out), "under_follow_up", dtype=object)
    status[(start > day).fillna(False).to_numpy(dtype=bool)] = "not_started"
    status[due_today & (status == "under_follow_up")] = "due_for_test"
    status[overdue & (start <= day).fillna(False).to_numpy(dtype=bool)] = "overdue"
    status[(end < day).fillna(False).to_numpy(dtype=bool)] = "completed"
    status[converted] = "converted"
    out["status"] = status
    out.loc[out["status"].isin(["completed", "converted"]), "next_test"] = pd.NaT
    # the day's work first: overdue, due, in observation; then the rest
    rank = {k: i for i, k in enumerate(WORK_ORDER)}
    out["_o"] = out["status"].map(rank)
    out = out.sort_values(["_o", "id"], kind="stable")
    return out[list(FOLLOWUP_COLUMNS)].reset_index(drop=True)


def followup_counts(work: pd.DataFrame) -> pd.DataFrame:
    """Counts by status (every status, zeros included), then by generation."""
    counts = work["status"].value_counts().reindex(STATUSES, fill_value=0)
    out = pd.DataFrame({"status": list(STATUSES), "n": counts.to_numpy(dtype=np.int64)})
    for gen in (1, 2):
        sub = work.loc[work["generation"] == gen, "status"].value_counts()
        out[f"generation_{gen}"] = sub.reindex(STATUSES, fill_value=0).to_numpy(dtype=np.int64)
    return out


__all__ = ["FOLLOWUP_COLUMNS", "STATUSES", "followup", "followup_counts"]
