"""Rebuild the bundled Kashgar 2020 files from the research folder (run by hand, not at run time).

    python -m flareup.data.kashgar_2020._build /work/shared/data/kashgar-2020

Reads ``areas.csv``, ``timeline.csv``, ``risk_designations.csv``, ``testing_campaign.csv``,
``facts.md`` and ``reports/news-2020-11-15.txt`` there and writes the canonical-format files
(docs/dev/contracts.md section 1) next to this script. What it changes, and why, is in SOURCE.md.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
NEWS_TITLE = (
    "Jerry Zhang, 'Large COVID-19 outbreak in Xinjiang, China', 2020-11-15 "
    "(bundled as bulletins/news-2020-11-15.txt)"
)
SHINE_URL = "https://archive.shine.cn/nation/China-tests-475m-people-in-Kashgar/shdaily.shtml"
AFP_URL = (
    "https://www.vanguardngr.com/2020/10/covid-19-chinese-city-tests-4-7m-inhabitants-in-4-days/"
)

#: Sources whose figures are a news agency's own (schema.SourceKind.NEWS). Every other counts
#: source relays a health authority's figures (NHC, Xinjiang Health Commission, Kashgar
#: prefectural health commission) and is marked ``bulletin`` (SOURCE.md, "Source kinds").
NEWS_SOURCES = frozenset({AFP_URL})

#: Official figures for 2020-10-27 17:00 not in timeline.csv, added so that the AFP figures of
#: the same day have the official statement they disagree with (see SOURCE.md).
EXTRA_COUNTS = [
    ("653100", "2020-10-27", "confirmed_current", 5),
    ("653100", "2020-10-27", "asymptomatic_current", 178),
    ("653100", "2020-10-27", "positive_current", 183),
]


def source_kind(source: str) -> str:
    """``news`` for a news agency's own figures (AFP), ``bulletin`` for a relayed official one."""
    return "news" if source in NEWS_SOURCES else "bulletin"


def build(src: Path, dst: Path = HERE) -> None:
    """Write areas/counts/designations/campaigns CSVs, facts.md and the news text into ``dst``."""
    areas = pd.read_csv(src / "areas.csv", dtype=str, keep_default_na=False)
    out_areas = areas[
        ["code", "name_en", "name_alt", "name_zh", "level", "parent_code", "population"]
    ]
    out_areas.to_csv(dst / "areas.csv", index=False)

    tl = pd.read_csv(src / "timeline.csv", dtype=str, keep_default_na=False)
    source = tl["source_url"].where(tl["source_url"] != "reports/news-2020-11-15.txt", NEWS_TITLE)
    counts = pd.DataFrame(
        {
            "area": tl["area_code"],
            "date": tl["date"],
            "metric": tl["metric"],
            "value": tl["value"],
            "qualifier": tl["qualifier"],
            "source": source,
            "source_kind": source.map(source_kind),
            "period": tl["period"],
            "note": tl["note"],
        }
    )
    extra = pd.DataFrame(
        [
            {
                "area": a,
                "date": d,
                "metric": m,
                "value": str(v),
                "qualifier": "exact",
                "source": SHINE_URL,
                "source_kind": source_kind(SHINE_URL),
                "period": "at 2020-10-27 17:00",
                "note": "Li Linyu, Kashgar prefectural health commission (Shanghai Daily, 2020-10-28): "
                "5 confirmed + 178 asymptomatic = 183, all in Shufu County; disagrees with "
                "the AFP split 22 + 161",
            }
            for a, d, m, v in EXTRA_COUNTS
        ]
    )
    pd.concat([counts, extra], ignore_index=True).to_csv(dst / "counts.csv", index=False)

    build_designations(src, areas).to_csv(dst / "designations.csv", index=False)

    camp = pd.read_csv(src / "testing_campaign.csv", dtype=str, keep_default_na=False)
    pd.DataFrame(
        {
            "timestamp": camp["timestamp"],
            "area": camp["area_code"],
            "round": camp["round"],
            "people_targeted": camp["people_targeted"],
            "people_sampled": camp["people_sampled"],
            "results_out": camp["results_out"],
            "positives_new": camp["positives_new"],
            "source": camp["source_url"],
            "note": camp["note"],
        }
    ).to_csv(dst / "campaigns.csv", index=False)

    shutil.copyfile(src / "facts.md", dst / "facts.md")
    shutil.copyfile(
        src / "reports" / "news-2020-11-15.txt", dst / "bulletins" / "news-2020-11-15.txt"
    )


def build_designations(src: Path, areas: pd.DataFrame) -> pd.DataFrame:
    """Expand group rows into area codes and chain each area's periods (valid_to = next from).

    "rest of Shufu County" -> every Shufu township not named high; "other counties of Kashgar
    Prefecture" -> every Kashgar county but Shufu. Periods are half-open [valid_from, valid_to).
    The note "whole county low from this date" (2020-11-18) closes the remaining medium
    townships of Shufu on that date (derived).
    """
    rd = pd.read_csv(src / "risk_designations.csv", dtype=str, keep_default_na=False)
    by_zh = dict(zip(areas["name_zh"], areas["code"], strict=True))
    shufu = areas.loc[areas["parent_code"] == "653121", "code"].tolist()
    counties = areas.loc[
        (areas["parent_code"] == "653100") & (areas["code"] != "653121"), "code"
    ].tolist()
    events: list[dict[str, str]] = []
    named_high = {by_zh[z] for z in rd.loc[rd["level"] == "high", "area_name_zh"]}
    for r in rd.to_dict("records"):
        day = r["effective_from"][:10]
        if r["area_name"] == "rest of Shufu County":
            codes = [c for c in shufu if c not in named_high]
            reason = "expanded from 'rest of Shufu County' (all other townships of Shufu)"
        elif r["area_name"] == "other counties of Kashgar Prefecture":
            codes = counties
            reason = "expanded from 'other counties of Kashgar Prefecture'"
        else:
            codes = [by_zh[r["area_name_zh"]]]
            reason = ""
        note = "; ".join(
            x for x in (r["note"], reason, f"previous level {r['previous_level']}") if x
        )
        for code in codes:
            events.append(
                {
                    "area": code,
                    "level": r["level"],
                    "valid_from": day,
                    "reason": note,
                    "source": r["source_url"],
                }
            )
    # "whole county low from this date" on 2020-11-18: the townships still medium go low (derived)
    ev = pd.DataFrame(events)
    last = ev.sort_values("valid_from").groupby("area").tail(1)
    still_medium = last[(last["level"] == "medium") & last["area"].isin(shufu)]["area"]
    for code in still_medium:
        events.append(
            {
                "area": code,
                "level": "low",
                "valid_from": "2020-11-18",
                "reason": "derived: 'whole county low from this date' (Shufu, 2020-11-18)",
                "source": "http://zylgz.com/caijing/37846.html",
            }
        )
    ev = pd.DataFrame(events).sort_values(["area", "valid_from"], kind="stable")
    ev["valid_to"] = ev.groupby("area")["valid_from"].shift(-1).fillna("")
    ev["rule_set"] = "official"
    ev["rule_version"] = ""
    return ev[
        ["area", "level", "valid_from", "valid_to", "rule_set", "rule_version", "reason", "source"]
    ].reset_index(drop=True)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data/kashgar-2020"))
