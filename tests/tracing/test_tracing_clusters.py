"""The case graph, clusters, chains, serial intervals, epicontacts export, the ARI and
B-cubed."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from flareup.analytics.serial_interval import discr_si
from flareup.errors import EstimationError
from flareup.tracing import (
    adjusted_rand_index,
    bcubed,
    case_graph,
    case_links,
    chains,
    find_clusters,
    infector_pairs,
    serial_intervals,
    to_epicontacts,
)


def _cases(n: int, rng: np.random.Generator) -> pd.DataFrame:
    rep = pd.Timestamp("2020-10-01") + pd.to_timedelta(rng.integers(0, 40, n), unit="D")
    return pd.DataFrame({"id": [f"C{i}" for i in range(n)], "location": "A", "date_reporting": rep})


@pytest.mark.parametrize("seed", range(5))
def test_setting_sweep_gives_the_components_of_the_full_overlap_graph(seed: int) -> None:
    rng = np.random.default_rng(seed)
    cases = _cases(60, rng)
    start = pd.Timestamp("2020-10-01") + pd.to_timedelta(rng.integers(0, 40, 90), unit="D")
    exp = pd.DataFrame(
        {
            "case_id": rng.choice(cases["id"], 90),
            "setting_id": rng.choice(["S1", "S2", "S3"], 90),
            "date_start": start,
            "date_end": start + pd.to_timedelta(rng.integers(0, 4, 90), unit="D"),
        }
    )
    links = case_links(cases, None, exp)
    mine = nx.Graph()
    mine.add_nodes_from(cases["id"])
    mine.add_edges_from(zip(links["a"], links["b"], strict=True))
    # the full graph: every pair in a setting whose windows overlap
    full = nx.Graph()
    full.add_nodes_from(cases["id"])
    for _, g in exp.groupby("setting_id"):
        rows = list(g.itertuples(index=False))
        for i, r in enumerate(rows):
            for s in rows[i + 1 :]:
                if r.date_start <= s.date_end and s.date_start <= r.date_end:
                    full.add_edge(r.case_id, s.case_id)
    as_sets = lambda g: sorted(sorted(c) for c in nx.connected_components(g))  # noqa: E731
    assert as_sets(mine) == as_sets(full)
    assert len(links) <= len(exp)  # O(n) links, not O(n^2)
    labels, _ = find_clusters(cases, links, attach=False)
    assert labels.nunique() == nx.number_connected_components(full)


def test_a_contact_link_must_be_consistent_with_the_incubation_period() -> None:
    cases = pd.DataFrame(
        {
            "id": ["A", "B", "C", "D"],
            "date_onset": pd.to_datetime(["2020-10-01", "2020-10-10", "2020-11-05", None]),
            "date_reporting": pd.to_datetime(
                ["2020-10-03", "2020-10-12", "2020-11-07", "2020-10-20"]
            ),
        }
    )
    contacts = pd.DataFrame(
        {
            "from": ["A", "A", "A"],
            "to": ["B", "C", "D"],
            "date_last_exposure": pd.to_datetime(["2020-10-02", "2020-10-02", "2020-10-06"]),
        }
    )
    links = case_links(cases, contacts)
    # C fell ill 34 days after the exposure: no link; D's report (no onset) 14 days after: a link
    assert sorted(zip(links["a"], links["b"], strict=True)) == [("A", "B"), ("A", "D")]
    # a bound of 13 days drops D as well; None keeps every contact
    assert len(case_links(cases, contacts, max_incubation_days=13)) == 1
    assert len(case_links(cases, contacts, max_incubation_days=None)) == 3
    # without a last-exposure date there is nothing to check
    assert len(case_links(cases, contacts.drop(columns="date_last_exposure"))) == 3


def test_an_unlinked_case_joins_the_cluster_most_likely_to_have_infected_it() -> None:
    day = pd.Timestamp("2020-10-01")
    onset = [0, 2, 3, 20, 22, 8, 60, 9]
    cases = pd.DataFrame(
        {
            "id": ["A1", "A2", "A3", "B1", "B2", "U", "V", "W"],
            "location": ["X", "X", "X", "X", "X", "X", "X", "Y"],
            "date_onset": [day + pd.Timedelta(days=d) for d in onset],
        }
    )
    cases["date_reporting"] = cases["date_onset"] + pd.Timedelta(days=2)
    contacts = pd.DataFrame({"from": ["A1", "A1", "B1"], "to": ["A2", "A3", "B2"]})
    links = case_links(cases, contacts)
    labels, table = find_clusters(cases, links)
    # U (5-8 days after A's cases, before B's) joins A; V (38 days after B2: beyond the serial
    # interval of every cluster) and W (another area) stay alone
    assert labels["U"] == labels["A1"] != labels["B1"]
    assert labels["V"] not in set(labels.drop("V"))
    assert labels["W"] not in set(labels.drop("W"))
    assert table.set_index("cluster").loc[labels["A1"], "size"] == 4
    # off: the components alone
    plain, _ = find_clusters(cases, links, attach=False)
    assert plain["U"] not in set(plain.drop("U"))
    # two clusters alike in timing: no clear infector cluster, so U stays alone
    tie = cases.copy()
    tie.loc[tie["id"].isin(["B1", "B2"]), "date_onset"] = tie.loc[
        tie["id"].isin(["A1", "A2"]), "date_onset"
    ].to_numpy()
    tie.loc[tie["id"] == "A3", "date_onset"] = day + pd.Timedelta(days=30)
    tl, _ = find_clusters(tie, case_links(tie, contacts), min_share=0.6)
    assert tl["U"] not in set(tl.drop("U"))


def _outbreak() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    cases = pd.DataFrame(
        {
            "id": ["A", "B", "C", "D", "E", "F"],
            "location": ["X", "X", "X", "Y", "Y", "Z"],
            "date_onset": pd.to_datetime(
                ["2020-10-01", "2020-10-05", "2020-10-09", "2020-10-03", None, "2020-11-20"]
            ),
            "date_reporting": pd.to_datetime(
                ["2020-10-03", "2020-10-07", "2020-10-10", "2020-10-05", "2020-10-08", "2020-11-21"]
            ),
        }
    )
    contacts = pd.DataFrame(
        {"from": ["A", "B", "D", "A"], "to": ["B", "C", "E", "P9"], "type": "household"}
    )
    exposures = pd.DataFrame(
        {
            "case_id": ["A", "D", "F"],
            "setting_id": ["M", "M", "M"],
            "date_start": pd.to_datetime(["2020-09-25", "2020-09-26", "2020-11-10"]),
            "date_end": pd.to_datetime(["2020-09-27", "2020-09-27", "2020-11-12"]),
        }
    )
    return cases, contacts, exposures


def test_clusters_chains_and_serial_intervals() -> None:
    cases, contacts, exposures = _outbreak()
    links = case_links(cases, contacts, exposures)
    labels, table = find_clusters(cases, links, exposures)
    # A-B-C by contacts, D-E by contact, A-D by the market on overlapping days; F alone
    assert labels["A"] == labels["C"] == labels["D"] == labels["E"] != labels["F"]
    big = table.set_index("cluster").loc[labels["A"]]
    assert big["size"] == 5
    assert big["first_onset"] == pd.Timestamp("2020-10-01")
    assert big["areas"] == "X;Y" and big["settings"] == "M"
    assert list(table["cluster"]) == ["K001", "K002"]  # by first report
    g = case_graph(cases, links)
    assert g.number_of_nodes() == 6 and g.has_edge("A", "D")
    assert g["A"]["D"]["settings"] == {"M"}

    pairs = infector_pairs(cases, contacts)
    ch = chains(cases, pairs).set_index("id")
    assert ch.loc["C", "infector"] == "B" and ch.loc["C", "generation"] == 2
    assert ch.loc["C", "root"] == "A" and ch.loc["A", "chain_size"] == 3
    assert ch.loc["E", "root"] == "D" and ch.loc["F", "generation"] == 0
    si = serial_intervals(cases, pairs)
    assert si.n == 2 and si.mean == 4.0  # A->B 4 days, B->C 4 days (E has no onset)
    with pytest.raises(EstimationError):
        si.distribution()  # sd 0: no gamma
    w = si.empirical(10)
    assert w[4] == 1.0 and w[0] == 0.0


def test_serial_interval_feeds_epiestim_discretisation() -> None:
    cases = pd.DataFrame(
        {
            "id": list("ABCD"),
            "date_onset": pd.to_datetime(["2020-10-01", "2020-10-04", "2020-10-10", "2020-10-16"]),
            "date_reporting": pd.to_datetime(
                ["2020-10-02", "2020-10-05", "2020-10-11", "2020-10-17"]
            ),
        }
    )
    pairs = pd.DataFrame({"from": ["A", "B", "C"], "to": ["B", "C", "D"]})
    si = serial_intervals(cases, pairs)
    assert (si.mean, round(si.sd, 6)) == (5.0, round(float(np.std([3, 6, 6], ddof=1)), 6))
    np.testing.assert_allclose(si.distribution(20), discr_si(np.arange(20), 5.0, si.sd))


def test_epicontacts_export_columns() -> None:
    cases, contacts, exposures = _outbreak()
    labels, _ = find_clusters(cases, case_links(cases, contacts, exposures))
    ll, ct = to_epicontacts(cases, contacts, labels)
    assert ll.columns[0] == "id" and "cluster" in ll.columns
    assert list(ct.columns[:2]) == ["from", "to"]


def test_adjusted_rand_index_known_values() -> None:
    # Hubert & Arabie (1985) ARI; the value for this pair is 0.5714... (4/7), as in
    # scikit-learn's documented example adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2])
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert adjusted_rand_index([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0


def test_bcubed_known_values_and_what_it_scores_that_the_ari_does_not() -> None:
    # Worked by hand (Bagga & Baldwin 1998): truth {a,b,c}{d,e}, found {a,b}{c,d,e}. Precision:
    # a, b 2/2 each; c 1/3; d, e 2/3 each -> 11/15. Recall: a, b 2/3; c 1/3; d, e 2/2 -> 11/15.
    p, r, f = bcubed([0, 0, 0, 1, 1], [0, 0, 1, 1, 1])
    assert (p, r, f) == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    assert bcubed(["x", "x", "y"], [5, 5, 7]) == (1.0, 1.0, 1.0)  # labels' names do not matter
    # Everything in one cluster: recall 1, precision the chance that two items share a truth.
    p, r, _ = bcubed([0, 0, 1, 1], [9, 9, 9, 9])
    assert r == 1.0 and p == pytest.approx(0.5)
    # One case split off a single true cluster of 77: the ARI is 0, B-cubed recall 5777/5929.
    truth, found = np.zeros(77), np.r_[np.zeros(76), 1.0]
    assert adjusted_rand_index(truth, found) == 0.0
    p, r, _ = bcubed(truth, found)
    assert p == 1.0 and r == pytest.approx((76 * 76 + 1) / 77 / 77)
    with pytest.raises(ValueError):
        bcubed([0, 1], [0])
