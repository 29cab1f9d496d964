"""The application layer: the only place where the registry meets the pure packages.

* :mod:`flareup.report.queries` — registry -> tidy frames (series, sub-areas, line lists,
  testing, designations, observed counts for calibration);
* :mod:`flareup.report.state` — the situation as data (headline figures with their sources);
* :mod:`flareup.report.analyses` — registry-backed analyses shared by the CLI and the web app
  (growth row, risk by rule vs official, simulated vs observed);
* :mod:`flareup.report.testing` — mass-testing campaigns against plan;
* :mod:`flareup.report.charts` — charts of these results and saving them.

The CLI and the web app call these and hold no epidemiology. Submodules are imported on demand
so that ``import flareup.report`` stays cheap.
"""

from __future__ import annotations
