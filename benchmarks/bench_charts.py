"""Charts and the overview on the Kashgar example: what a page of the situation room costs.

Loads the bundled Kashgar 2020 example into a temporary SQLite registry, then times (median of
several runs) building each chart's Vega-Lite spec from the registry (query + analysis + spec,
``chart.to_dict()``), the overview data (state, county table, risk map), and rendering offline
with vl-convert (SVG, PNG, self-contained HTML). Prints figures only; asserts nothing.

    python benchmarks/bench_charts.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--other-python", default=None, help="unused (run_all passes it)")
    args = parser.parse_args()
    repeats = 2 if args.quick else 5
    warnings.simplefilter("ignore")

    from flareup.charts.save import chart_bytes
    from flareup.data.kashgar_2020 import IMPORT_ORDER, files
    from flareup.ingest.tables import read_table
    from flareup.registry import Registry
    from flareup.report import charts as rc
    from flareup.report.analyses import run_rules
    from flareup.report.overview import overview
    from flareup.report.testing import kashgar_round1_plans
    from flareup.risk import load_rules

    with tempfile.TemporaryDirectory() as d:
        reg = Registry(f"sqlite:///{Path(d) / 'k.db'}")
        for kind in IMPORT_ORDER:
            reg.import_table(read_table(files()[kind], kind))
        rules = load_rules("china-2020")
        t_rules, (res, off) = timed(lambda: run_rules(reg, rules), repeats)
        cases: dict[str, Callable[[], Any]] = {
            "state chart (epicurve + Rt)": lambda: rc.state_chart(reg, "653121"),
            "epicurve, by ISO week": lambda: rc.area_epicurve_chart(
                reg, ["653121"], interval="week"
            ),
            "Rt chart": lambda: rc.area_rt_chart(reg, "653121"),
            "composition chart": lambda: rc.area_composition_chart(reg, "653121"),
            "risk chart (official vs rule)": lambda: rc.risk_chart(
                res, off, names=rc.area_names(reg)
            ),
            "testing chart (plans A/B)": lambda: rc.testing_chart(kashgar_round1_plans(reg)),
        }
        print(f"{'what':<40} {'median':>10}")
        print(f"{'risk levels by rule (run_rules)':<40} {t_rules * 1e3:>8.0f} ms")
        t_ov, _ = timed(lambda: overview(reg, "653100", date="2020-11-01", res=res), repeats)
        print(f"{'overview data (prefecture, 1 Nov)':<40} {t_ov * 1e3:>8.0f} ms")
        charts = {}
        for name, build in cases.items():
            t, _ = timed(lambda build=build: build().to_dict(), repeats)
            charts[name] = build()
            print(f"{name + ': spec':<40} {t * 1e3:>8.0f} ms")
        state = charts["state chart (epicurve + Rt)"]
        for suffix in (".svg", ".png", ".html"):
            t, content = timed(lambda s=suffix: chart_bytes(state, s), repeats)
            print(
                f"{'state chart -> ' + suffix:<40} {t * 1e3:>8.0f} ms  ({len(content) / 1e3:,.0f} kB)"
            )
        reg.close()


if __name__ == "__main__":
    main()
