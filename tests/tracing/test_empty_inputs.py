"""Empty inputs (no case, no contact, no exposure): empty results or a clear InputError, never
an AttributeError or a dtype error (an outbreak whose infections were never detected)."""

from __future__ import annotations

import pandas as pd
import pytest

from flareup import tracing as tr
from flareup.errors import InputError


def _empty(*cols: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})


CASES = _empty("id", "location", "date_onset", "date_reporting", "classification", "imported")
CONTACTS = _empty(
    "from", "to", "type", "date_last_exposure", "date_quarantine_start", "date_quarantine_end"
)
EXPOSURES = _empty("case_id", "setting_id", "date_start", "date_end")
SETTINGS = _empty("id", "kind", "area", "name", "note")
SAMPLES = _empty("setting_id", "date", "result", "sample_type", "note")
TWO = pd.DataFrame(
    {
        "id": ["C1", "C2"],
        "location": ["659901", "659901"],
        "date_onset": pd.to_datetime(["2020-10-01", None]),
        "date_reporting": pd.to_datetime(["2020-10-03", "2020-10-04"]),
        "classification": ["confirmed", "asymptomatic"],
        "imported": [False, False],
    }
)


@pytest.mark.parametrize("cases", [CASES, TWO], ids=["no cases", "no contacts"])
def test_clusters_chains_sources_on_empty_inputs(cases: pd.DataFrame) -> None:
    links = tr.case_links(cases, CONTACTS, EXPOSURES)
    assert links.empty
    labels, clusters = tr.find_clusters(cases, links, EXPOSURES)
    assert len(labels) == len(cases)
    assert len(clusters) <= len(cases)
    r = tr.rank_sources(
        cases, labels, EXPOSURES, settings=SETTINGS, samples=SAMPLES, contacts=CONTACTS
    )
    assert r.empty and list(r.columns) == list(tr.SOURCE_COLUMNS)
    pairs = tr.infector_pairs(cases, CONTACTS)
    assert pairs.empty and list(pairs.columns) == ["from", "to"]
    ch = tr.chains(cases, pairs)
    assert len(ch) == len(cases) and (ch["generation"] == 0).all()
    si = tr.serial_intervals(cases, pairs)
    assert si.n == 0 and pd.isna(si.mean) and list(si.pairs.columns) == ["from", "to", "si"]
    line, edges = tr.to_epicontacts(cases, CONTACTS)
    assert len(line) == len(cases) and edges.empty
    work = tr.followup(CONTACTS, cases, "2020-10-10", tr.load_protocol("china-2020"))
    assert work.empty and list(work.columns) == list(tr.FOLLOWUP_COLUMNS)
    counts = tr.followup_counts(work)
    assert counts["n"].sum() == 0 and list(counts["status"]) == list(tr.STATUSES)


def test_followup_without_a_date_is_an_input_error() -> None:
    # the first report date of an empty case list is NaT: a clear error naming the field
    with pytest.raises(InputError, match="date") as e:
        tr.followup(CONTACTS, CASES, CASES["date_reporting"].min(), tr.load_protocol("china-2020"))
    assert e.value.field == "date"
    with pytest.raises(InputError):
        tr.followup(CONTACTS, CASES, None, tr.load_protocol("china-2020"))  # type: ignore[arg-type]
