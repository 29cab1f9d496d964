"""The application layer: the only place where the registry meets the pure packages.

* :mod:`flareup.report.queries` — registry -> tidy frames (series, sub-areas, line lists,
  testing, designations, observed counts for calibration);
* :mod:`flareup.report.state` — the situation as data (headline figures with their sources);
* :mod:`flareup.report.overview` — the overview page as data (state, sub-area table, risk map);
* :mod:`flareup.report.analyses` — registry-backed analyses shared by the CLI and the web app
  (growth row, risk by rule vs official, simulated vs observed);
* :mod:`flareup.report.testing` — mass-testing campaigns against plan;
* :mod:`flareup.report.charts` — charts of these results and saving them;
* :mod:`flareup.report.bulletins` — bulletin and news text read against the registry's areas
  and imported as news-kind counts (``flareup bulletin``, the dashboard's "Read a bulletin").

The CLI and the web app call these and hold no epidemiology. Submodules are imported on demand
so that ``import flareup.report`` stays cheap.

Entry points for an interface (each takes an open ``Registry``; open one with
``queries.open_registry(url)``; frames have ISO dates and serialise with
``df.to_json(orient="records", date_format="iso")``)::

    overview.overview(reg, area, *, date=None, res=None, level=None) -> Overview  # .to_dict()
    state.area_state(reg, area, *, date=None, si_mean=4.7, si_sd=2.9, linelist=False,
                     by="onset") -> AreaState                                     # .to_dict()
    overview.subarea_table(reg, parent, *, date=None, res=None, level=None) -> DataFrame
    overview.risk_map(reg, date, *, res=None, level=None) -> DataFrame   # map colours
    overview.official_levels(reg, date) -> DataFrame
    analyses.run_rules(reg, load_rules("china-2020"), *, area=None, date=None, start=None,
                       end=None) -> (RiskResult, official designations)
    charts.area_rt(reg, area, *, metric="infections_new", date=None, ...) -> (CoriRt, basis)
    testing.kashgar_round1_plans(reg) -> PlansVsProgress  # .plans, .progress, .comparison
    queries.registry_series(reg, area, metric, fill_missing="zero", end=None) -> Series
    charts.state_chart / area_epicurve_chart / area_rt_chart / area_composition_chart /
           risk_chart / testing_chart / simulation_chart  -> Altair chart (.to_dict() = spec)
    charts.save_chart(chart, path)  # .svg .png .html .json
"""

from __future__ import annotations
