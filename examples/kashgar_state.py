"""The Kashgar 2020 outbreak from the bundled tables, with no database: epicurve, R_t, growth.

Run: ``.venv/bin/python examples/kashgar_state.py``. Pure flareup.analytics on pandas frames, as
a notebook user would work; the serial interval (mean 4.7 d, sd 2.9 d) is Nishiura et al. (2020).
"""

from __future__ import annotations

import warnings

from flareup.analytics import CoriRt, epicurve_from_counts, fit_growth
from flareup.data import kashgar_2020
from flareup.ingest.tables import read_table

SHUFU = "653121"


def main() -> None:
    counts = read_table(kashgar_2020.files()["counts"], "counts").frame
    # Shufu's flows come from one source per day; the prefecture's 27 October stocks have two
    # disagreeing sources, which the registry's policy="latest" would settle.
    shufu = counts[counts["area"] == SHUFU]
    curve = epicurve_from_counts(shufu, fill_missing="zero")
    daily = (
        curve.pivot_table(index="period_start", columns="metric", values="value", aggfunc="sum")
        .fillna(0)
        .astype(int)
    )
    print("Shufu County, detections by report date (each infection once):")
    print(daily.to_string())

    series = daily.sum(axis=1).rename("value").rename_axis("date").reset_index()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rt = CoriRt(si_mean=4.7, si_sd=2.9, fill_missing="zero").fit(series)
    print("\nR_t by 7-day window (Cori et al. 2013):")
    print(
        rt.estimates_[["date_start", "date_end", "mean", "q0.025", "q0.975"]].to_string(
            index=False, float_format="%.2f"
        )
    )
    for w in caught:
        print(f"  warning: {w.message}")

    fit = fit_growth(series["value"].to_numpy(), series["date"], family="negbin")
    kind, days, low, high = fit.time_interval()
    print(
        f"\nGrowth rate {fit.r:+.3f}/day (95% CI {fit.r_low:+.3f} to {fit.r_high:+.3f}): "
        f"{kind} time {days:.1f} d ({low:.1f} to {high:.1f}); detections follow the testing "
        "rounds, so this describes testing as much as transmission"
    )


if __name__ == "__main__":
    main()
