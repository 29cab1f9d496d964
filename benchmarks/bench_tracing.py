"""Investigation at scale: clusters and source ranking for 100,000 cases and 1,000,000 contacts.

Synthetic records (numpy, seeded): 100,000 cases in 2,000 outbreaks, each from one of 4,000
settings (workplaces, schools, markets), with households, 1,000,000 contacts (a tenth between
cases), 400,000 exposures and 20,000 samples. Timed: the case links (contacts and shared
settings), the clusters, and the ranking of every cluster's candidate sources. Target (issue 11):
clusters + source ranking in under 10 s. Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from flareup import tracing as tr


def records(n_cases: int, n_contacts: int, seed: int = 1) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n_out = max(n_cases // 50, 1)
    n_set = 2 * n_out
    outbreak = rng.integers(0, n_out, n_cases)
    start = rng.integers(0, 200, n_out)
    infected = start[outbreak] + rng.integers(0, 20, n_cases)
    onset = infected + np.rint(rng.lognormal(1.621, 0.418, n_cases)).astype(int)
    report = onset + rng.integers(0, 4, n_cases)
    day0 = np.datetime64("2020-01-01")
    ids = np.array([f"C{i:06d}" for i in range(n_cases)])
    cases = pd.DataFrame(
        {
            "id": ids,
            "location": "653121",
            "date_onset": pd.to_datetime(day0 + onset.astype("timedelta64[D]")),
            "date_reporting": pd.to_datetime(day0 + report.astype("timedelta64[D]")),
            "imported": False,
        }
    )
    # contacts: a tenth between cases of one outbreak, the rest to people never ill
    n_cc = n_contacts // 10
    frm = rng.integers(0, n_cases, n_contacts)
    order = np.argsort(outbreak, kind="stable")
    ptr = np.searchsorted(outbreak[order], np.arange(n_out + 1))
    o = outbreak[frm[:n_cc]]
    mate = order[ptr[o] + (rng.random(n_cc) * (ptr[o + 1] - ptr[o])).astype(int)]
    to = np.concatenate([ids[mate], np.array([f"P{i:07d}" for i in range(n_contacts - n_cc)])])
    last = report[frm]
    contacts = pd.DataFrame(
        {
            "from": ids[frm],
            "to": to,
            "type": "household",
            "date_last_exposure": pd.to_datetime(day0 + last.astype("timedelta64[D]")),
        }
    )
    contacts = contacts[contacts["from"] != contacts["to"]].drop_duplicates(["from", "to"])
    # exposures: 80 % of the cases at their outbreak's source (settings 0..n_out-1), each case
    # in a household shared with about two others of its outbreak, a tenth at a market (decoys
    # n_out..n_set-1); 200,000 people never ill exposed to the sources and markets too
    hit = rng.random(n_cases) < 0.8
    hh = n_set + order.argsort() // 3  # consecutive cases of one outbreak share a household
    market = rng.random(n_cases) < 0.1
    to_all = contacts["to"].to_numpy()
    people = to_all[np.char.startswith(to_all.astype(str), "P")][:200_000]
    exposures = pd.DataFrame(
        {
            "case_id": np.concatenate([ids[hit], ids, ids[market], people]),
            "setting_id": np.concatenate(
                [
                    outbreak[hit],
                    hh,
                    rng.integers(n_out, n_set, int(market.sum())),
                    rng.integers(0, n_set, people.size),
                ]
            ).astype(str),
        }
    )
    # windows: around the infection at the source, the case's own at home (left empty), a
    # single day at a market
    n_hit, n_mk = int(hit.sum()), int(market.sum())
    lo = np.concatenate(
        [
            infected[hit] - 2,
            np.full(n_cases, -1),
            rng.integers(0, 220, n_mk),
            rng.integers(0, 220, people.size),
        ]
    )
    hi = lo + np.concatenate(
        [np.full(n_hit, 4), np.zeros(n_cases, int), np.zeros(n_mk, int), np.zeros(people.size, int)]
    )
    as_date = lambda d: pd.to_datetime(  # noqa: E731
        np.where(d >= 0, day0 + d.astype("timedelta64[D]"), np.datetime64("NaT"))
    )
    exposures["date_start"] = as_date(lo)
    exposures["date_end"] = as_date(np.where(lo >= 0, hi, -1))
    exposures = exposures.drop_duplicates(["case_id", "setting_id"])
    n_hh = int(hh.max()) + 1 - n_set
    settings = pd.DataFrame(
        {
            "id": np.arange(n_set + n_hh).astype(str),
            "kind": np.concatenate(
                [
                    rng.choice(["factory", "school"], n_out),
                    np.full(n_set - n_out, "market"),
                    np.full(n_hh, "household"),
                ]
            ),
            "area": "653121",
        }
    )
    samples = pd.DataFrame(
        {
            "setting_id": rng.integers(0, n_set, n_cases // 5).astype(str),
            "date": pd.Timestamp("2020-06-01"),
            "result": rng.choice(["positive", "negative"], n_cases // 5, p=[0.1, 0.9]),
        }
    )
    return {
        "cases": cases,
        "contacts": contacts,
        "exposures": exposures,
        "settings": settings,
        "samples": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--other-python", default=None, help="unused")
    parser.add_argument("--quick", action="store_true", help="10x smaller")
    args = parser.parse_args()
    n_cases, n_contacts = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    t0 = time.perf_counter()
    r = records(n_cases, n_contacts)
    t1 = time.perf_counter()
    links = tr.case_links(r["cases"], r["contacts"], r["exposures"])
    t2 = time.perf_counter()
    labels, clusters = tr.find_clusters(r["cases"], links, r["exposures"], min_size=2)
    t3 = time.perf_counter()
    ranked = tr.rank_sources(
        r["cases"],
        labels,
        r["exposures"],
        settings=r["settings"],
        samples=r["samples"],
        contacts=r["contacts"],
    )
    t4 = time.perf_counter()
    print(
        f"records: {len(r['cases']):,} cases, {len(r['contacts']):,} contacts, "
        f"{len(r['exposures']):,} exposures, {len(r['settings']):,} settings "
        f"(synthesised in {t1 - t0:.1f} s)"
    )
    print(f"case links ({len(links):,}):            {t2 - t1:6.2f} s")
    print(f"clusters ({len(clusters):,} of 2+ cases):  {t3 - t2:6.2f} s")
    print(
        f"source ranking ({len(ranked):,} candidates, "
        f"{ranked['cluster'].nunique():,} clusters): {t4 - t3:6.2f} s"
    )
    total = t4 - t1
    print(f"clusters + source ranking: {total:.2f} s (target < 10 s: {10 / total:.1f}x margin)")
    print(f"machine load (1/5/15 min): {os.getloadavg()}")


if __name__ == "__main__":
    main()
