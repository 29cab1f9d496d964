"""Reporting delays from line lists: onset (or any event) to report, in whole days.

The empirical distribution is estimated from cases whose onset lies at least ``max_delay`` days
before the last report date, so that every delay up to ``max_delay`` could have been observed
(the right-truncation a naive estimate suffers in real time; Lawless JF. Adjustments for reporting
delays and the prediction of occurred but not reported events. *Can J Stat* 1994;22:15-31).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from flareup.analytics.series import optional_dates
from flareup.errors import DataTooThinWarning, EstimationError, InputError, Problem


def reporting_delays(
    cases: pd.DataFrame,
    *,
    start: str = "date_onset",
    end: str = "date_reporting",
    file: str | None = None,
) -> pd.DataFrame:
    """Delay in days from ``start`` to ``end`` for every case that has both dates.

    A negative delay (reported before onset) is an InputError naming the row.
    Returns ``[id, start, end, delay]``.
    """
    for c in (start, end):
        if c not in cases.columns:
            raise InputError(f"missing column {c!r}", file=file, field=c)
    rows = cases["row"].to_numpy() if "row" in cases.columns else np.arange(1, len(cases) + 1)
    s = optional_dates(cases, start, file=file)
    e = optional_dates(cases, end, file=file)
    ok = s.notna() & e.notna()
    delay = (e - s).dt.days
    neg = ok & (delay < 0)
    InputError.collect(
        Problem(
            file,
            int(rows[i]),
            end,
            f"{end} {e.iloc[i].date()} is before {start} {s.iloc[i].date()}",
        )
        for i in np.flatnonzero(neg.to_numpy())
    )
    ids = cases["id"] if "id" in cases.columns else pd.Series(np.arange(len(cases)))
    out = pd.DataFrame(
        {"id": ids.to_numpy(), start: s.to_numpy(), end: e.to_numpy(), "delay": delay.to_numpy()}
    )
    return (
        out[ok.to_numpy()].assign(delay=lambda d: d["delay"].astype("int64")).reset_index(drop=True)
    )


@dataclass(frozen=True)
class DelayDistribution:
    """A discrete delay distribution ``p_0..p_D`` and the sample it came from.

    Delays longer than ``D`` (``truncated_at``) are not folded into ``p_D``: they are the tail
    ``p_beyond = 1 - sum(pmf)``, so that ``cdf[D]`` is the honest chance of a report within
    ``D`` days (folding them made the last day of the window look complete; issue 12).
    """

    pmf: np.ndarray
    delays: np.ndarray  # the observed delays used (for bootstrapping), not clipped
    n: int  # delays used: cases whose onset is old enough for the window to be complete
    truncated_at: int
    n_with_dates: int | None = None  # all cases with both dates, before the completeness cut

    @property
    def cdf(self) -> np.ndarray:
        """``P(delay <= d)`` for ``d = 0..D`` (below 1 at ``D`` when longer delays occur)."""
        return np.cumsum(self.pmf)

    @property
    def p_beyond(self) -> float:
        """``P(delay > D)``: the share of delays longer than the window."""
        return float(max(0.0, 1.0 - self.pmf.sum()))

    @property
    def mean(self) -> float:
        """Mean delay in days (of all the delays used, including those beyond ``D``)."""
        return float(np.mean(self.delays))

    def to_frame(self) -> pd.DataFrame:
        """``[delay, n, p, cdf]`` for ``0..D``; the tail beyond ``D`` is ``p_beyond``."""
        counts = np.bincount(self.delays, minlength=self.pmf.size)[: self.pmf.size]
        return pd.DataFrame(
            {"delay": np.arange(self.pmf.size), "n": counts, "p": self.pmf, "cdf": self.cdf}
        )


def delay_distribution(
    delays: pd.DataFrame | np.ndarray,
    *,
    max_delay: int = 21,
    as_of: pd.Timestamp | str | None = None,
    start_col: str = "date_onset",
    min_cases: int = 20,
) -> DelayDistribution:
    """Empirical delay distribution on ``0..max_delay``; longer delays form the tail
    ``p_beyond`` (they are not pooled into the last day).

    With a frame from :func:`reporting_delays` and ``as_of`` (default: the last report date),
    only cases whose ``start_col`` is at least ``max_delay`` days before ``as_of`` are used,
    so that no delay is cut short. Warns when fewer than ``min_cases`` remain.
    """
    if int(max_delay) != max_delay or max_delay < 0:
        raise InputError(f"must be a non-negative integer, got {max_delay}", field="max_delay")
    n_with_dates: int | None = None
    if isinstance(delays, pd.DataFrame):
        df = delays
        n_with_dates = len(df)
        if as_of is None:
            end_cols = [c for c in df.columns if c.startswith("date_") and c != start_col]
            as_of = df[end_cols[0]].max() if end_cols else None
        if as_of is not None and start_col in df.columns:
            cutoff = pd.Timestamp(as_of) - pd.Timedelta(days=max_delay)
            complete = df[df[start_col] <= cutoff]
            if len(complete) >= min_cases or len(complete) == len(df):
                df = complete
            else:
                warnings.warn(
                    f"only {len(complete)} "
                    f"{'case has' if len(complete) == 1 else 'cases have'} onset at least "
                    f"{max_delay} days before "
                    f"{pd.Timestamp(as_of).date()}; using all {len(df)} cases, so long delays "
                    "are under-represented (right truncation)",
                    DataTooThinWarning,
                    stacklevel=2,
                )
        d = df["delay"].to_numpy(dtype=np.int64)
    else:
        d = np.asarray(delays, dtype=np.int64)
    if d.size == 0:
        raise EstimationError("no delays to estimate a distribution from")
    if (d < 0).any():
        raise InputError("delays must be >= 0", field="delay")
    if d.size < min_cases:
        warnings.warn(
            f"the delay distribution rests on only {d.size} cases", DataTooThinWarning, stacklevel=2
        )
    pmf = np.bincount(np.minimum(d, max_delay + 1), minlength=max_delay + 2)[: max_delay + 1]
    return DelayDistribution(
        pmf=pmf / d.size,
        delays=d,
        n=int(d.size),
        truncated_at=int(max_delay),
        n_with_dates=n_with_dates,
    )
