"""The instantaneous reproduction number by the method of Cori et al. (2013), as EpiEstim.

Cori A, Ferguson NM, Fraser C, Cauchemez S. A new framework and software to estimate
time-varying reproduction numbers during epidemics. *Am J Epidemiol* 2013;178:1505-12.
Local and imported cases: Thompson RN et al. Improved inference of time-varying reproduction
numbers during infectious disease outbreaks. *Epidemics* 2019;29:100356.

With incidence ``I_t`` (local + imported), serial interval ``w_k`` and overall infectivity
``Lambda_t = sum_{k>=1} I_{t-k} w_k``, a Gamma(shape ``a``, scale ``b``) prior on R over a window
``[t_start, t_end]`` gives the posterior Gamma with

    shape = a + sum_{window} I^local_t,    scale = 1 / (1/b + sum_{window} Lambda_t)

(EpiEstim's ``estimate_R``: prior mean 5, sd 5; windows ending on or before the mean serial
interval are left out; all cases of the first day count as imported). Times are 1-based and
inclusive as in EpiEstim. :func:`rt_matrix` does this for many areas at once with cumulative sums
and one matrix product; :class:`CoriRt` is the estimator for one series, with every SI method.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import gammaincinv

from flareup.analytics.serial_interval import (
    UncertainSI,
    check_si_distribution,
    gamma_si,
    sample_uncertain_si,
    si_moments,
)
from flareup.analytics.series import complete_daily
from flareup.errors import DataTooThinWarning, InputError
from flareup.rng import SeedLike, generator
from flareup.schema import RT_COLUMNS, RT_QUANTILES

DEFAULT_MEAN_PRIOR = 5.0
DEFAULT_STD_PRIOR = 5.0
DEFAULT_CV_POSTERIOR = 0.3
_QCOLS = tuple(f"q{q}" for q in RT_QUANTILES)


# --------------------------------------------------------------------------------------------
# building blocks
# --------------------------------------------------------------------------------------------


def prior_shape_scale(mean_prior: float, std_prior: float) -> tuple[float, float]:
    """Gamma prior (shape, scale) from its mean and sd; InputError naming the bad parameter."""
    if not (np.isfinite(mean_prior) and mean_prior > 0):
        raise InputError(f"must be > 0, got {mean_prior}", field="mean_prior")
    if not (np.isfinite(std_prior) and std_prior > 0):
        raise InputError(f"must be > 0, got {std_prior}", field="std_prior")
    return (mean_prior / std_prior) ** 2, std_prior**2 / mean_prior


def min_cases_for_cv(cv_posterior: float, a_prior: float) -> int:
    """EpiEstim's ``ceiling(1/cv_posterior^2 - a_prior)``: cases a window needs for that CV.

    With the defaults (CV 0.3, prior mean = sd = 5 so shape 1) this is 11.
    """
    return math.ceil(1.0 / cv_posterior**2 - a_prior)


def overall_infectivity(incidence: np.ndarray, si: np.ndarray) -> np.ndarray:
    """``Lambda_t = sum_{k=1}^{t} I_{t-k} w_k`` along the last axis (EpiEstim's
    ``overall_infectivity``; ``Lambda`` of the first day, NA in EpiEstim, is 0 here).

    One matrix product with the lower-triangular Toeplitz matrix of ``w``: exact sums, never
    negative, and fast for many areas at once.
    """
    inc = np.asarray(incidence, dtype=float)
    n_t = inc.shape[-1]
    w = np.zeros(n_t)
    m = min(n_t, si.size)
    w[:m] = si[:m]
    w[0] = 0.0
    lag = np.arange(n_t)[None, :] - np.arange(n_t)[:, None]  # lag[s, t] = t - s
    toeplitz = np.where(lag > 0, w[np.clip(lag, 0, n_t - 1)], 0.0)
    return inc @ toeplitz


def default_windows(n_t: int, window: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """EpiEstim's default sliding windows: ``t_start = 2..T-window+1``, ``t_end = t_start+window-1``."""
    if int(window) != window or window < 1:
        raise InputError(f"must be a positive integer, got {window}", field="window")
    if n_t < window + 1:
        raise InputError(
            f"the series has {n_t} days; sliding windows of {window} days starting "
            f"on day 2 need at least {window + 1}",
            field="window",
        )
    t_start = np.arange(2, n_t - window + 2)
    return t_start, t_start + window - 1


def check_windows(t_start: Any, t_end: Any, n_t: int) -> tuple[np.ndarray, np.ndarray]:
    """EpiEstim's ``check_times``: same length, integers in ``2..T``, ``t_start <= t_end``."""
    ts = np.atleast_1d(np.asarray(t_start, dtype=float))
    te = np.atleast_1d(np.asarray(t_end, dtype=float))
    if ts.size != te.size:
        raise InputError(
            f"t_start has {ts.size} values and t_end {te.size}; they must match", field="t_start"
        )
    if ts.size == 0:
        raise InputError("no windows given", field="t_start")
    for name, arr in (("t_start", ts), ("t_end", te)):
        bad = (arr % 1 != 0) | (arr < 2) | (arr > n_t)
        if bad.any():
            raise InputError(
                f"{name} = {arr[bad][0]:g} is outside the series: windows must be "
                f"whole days between 2 and {n_t} (1-based, as EpiEstim; day 1 only "
                "seeds the epidemic)",
                field=name,
            )
    if np.any(ts > te):
        i = int(np.flatnonzero(ts > te)[0])
        raise InputError(f"window {i + 1}: t_start {ts[i]:g} > t_end {te[i]:g}", field="t_start")
    return ts.astype(np.int64), te.astype(np.int64)


def window_sums(x: np.ndarray, t_start: np.ndarray, t_end: np.ndarray) -> np.ndarray:
    """Sums of ``x[..., t_start-1 : t_end]`` (1-based inclusive windows) by cumulative sums."""
    c = np.concatenate([np.zeros((*x.shape[:-1], 1)), np.cumsum(x, axis=-1)], axis=-1)
    result: np.ndarray = c[..., t_end] - c[..., t_start - 1]
    return result


def gamma_quantiles(
    shape: np.ndarray,
    scale: np.ndarray,
    qs: tuple[float, ...] = RT_QUANTILES,
) -> np.ndarray:
    """Quantiles ``qs`` of Gamma(shape, scale), shape ``(len(qs), *shape.shape)``.

    ``gammaincinv`` (the inverse regularised incomplete gamma, as R's ``qgamma``) is evaluated
    once per distinct shape: Cori shapes are the prior shape plus a whole number of cases, so
    there are few distinct values even over thousands of areas.
    """
    shape = np.asarray(shape, dtype=float)
    scale = np.asarray(scale, dtype=float)
    q = np.asarray(qs, dtype=float)
    ok = np.isfinite(shape) & np.isfinite(scale)
    if not ok.any():
        return np.full((q.size, *shape.shape), np.nan)
    s_ok = shape.ravel() if ok.all() else shape[ok]
    base = float(s_ok.min())
    steps = s_ok - base
    whole = np.rint(steps)
    if np.array_equal(steps, whole) and whole.max() <= 4 * s_ok.size + 1000:
        # Shapes are base + whole numbers: find the distinct ones with a bincount (no sort).
        k = whole.astype(np.int64)
        present = np.flatnonzero(np.bincount(k))
        pos = np.zeros(int(k.max()) + 1, dtype=np.int64)
        pos[present] = np.arange(present.size)
        uniq, inv = base + present, pos[k]
    else:
        uniq, inv = np.unique(s_ok, return_inverse=True)
    table = gammaincinv(uniq[None, :], q[:, None])  # (n_q, n_unique)
    if ok.all():
        res = np.take(table, inv, axis=1)
        res *= scale.ravel()[None, :]
        return res.reshape(q.size, *shape.shape)
    out = np.full((q.size, *shape.shape), np.nan)
    out[:, ok] = np.take(table, inv, axis=1) * scale[ok][None, :]
    return out


@dataclass
class RtMatrix:
    """Cori posteriors for many areas and windows (arrays ``(n_areas, n_windows)``).

    ``valid`` is False where EpiEstim leaves the window out (``t_end`` <= mean SI; NaN there);
    ``too_few`` is True where the window holds fewer cases than the posterior CV asks for.
    """

    t_start: np.ndarray
    t_end: np.ndarray
    shape: np.ndarray
    scale: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    quantiles: np.ndarray  # (n_q, n_areas, n_windows)
    n_cases: np.ndarray
    valid: np.ndarray
    too_few: np.ndarray
    mean_si: float
    min_cases: int
    qs: tuple[float, ...] = field(default=RT_QUANTILES)

    def quantile(self, q: float) -> np.ndarray:
        """The ``q`` quantile array."""
        result: np.ndarray = self.quantiles[self.qs.index(q)]
        return result


def rt_matrix(
    incidence: np.ndarray,
    si: np.ndarray,
    *,
    imported: np.ndarray | None = None,
    window: int = 7,
    t_start: Any = None,
    t_end: Any = None,
    mean_prior: float = DEFAULT_MEAN_PRIOR,
    std_prior: float = DEFAULT_STD_PRIOR,
    cv_posterior: float = DEFAULT_CV_POSTERIOR,
    quantiles: tuple[float, ...] = RT_QUANTILES,
    warn: bool = True,
) -> RtMatrix:
    """Cori et al. (2013) posteriors for every area (row) of ``incidence`` at once.

    ``incidence`` is ``(n_areas, T)`` of non-negative integers: all cases, or the local cases when
    ``imported`` (same shape) is given (Thompson et al. 2019: only local cases are offspring,
    all cases infect). As EpiEstim, cases of day 1 all count as imported. ``si`` is ``w_0..w_K``
    (already checked; ``gamma_si`` or :func:`check_si_distribution`). Vectorised: one Toeplitz
    matrix product for ``Lambda``, cumulative sums for the windows, ``gammaincinv`` per distinct
    shape for the quantiles.
    """
    local = np.atleast_2d(np.asarray(incidence, dtype=float))
    n_areas, n_t = local.shape
    if imported is None:
        imp = np.zeros_like(local)
    else:
        imp = np.atleast_2d(np.asarray(imported, dtype=float))
        if imp.shape != local.shape:
            raise InputError(
                f"imported has shape {imp.shape}, local {local.shape}", field="imported"
            )
    if (
        np.any(local < 0)
        or np.any(imp < 0)
        or not (np.isfinite(local).all() and np.isfinite(imp).all())
    ):
        raise InputError("incidence must be finite and non-negative", field="incidence")
    # EpiEstim: every case of the first time step is imported.
    imp = imp.copy()
    local = local.copy()
    imp[:, 0] += local[:, 0]
    local[:, 0] = 0.0
    if t_start is None and t_end is None:
        ts, te = default_windows(n_t, window)
    else:
        if t_start is None or t_end is None:
            raise InputError(
                "give both t_start and t_end, or neither",
                field="t_start" if t_start is None else "t_end",
            )
        ts, te = check_windows(t_start, t_end, n_t)
    a_prior, b_prior = prior_shape_scale(mean_prior, std_prior)
    if not (np.isfinite(cv_posterior) and cv_posterior > 0):
        raise InputError(f"must be > 0, got {cv_posterior}", field="cv_posterior")
    w = np.zeros(max(n_t + 1, si.size))
    w[: si.size] = si
    # EpiEstim's final_mean_si: the mean of the SI as used (truncated to the series, padded).
    mean_si = float(np.sum(w * np.arange(w.size)))
    lam = overall_infectivity(local + imp, w)
    n_cases = window_sums(local, ts, te)
    lam_sum = window_sums(lam, ts, te)
    shape = a_prior + n_cases
    scale = 1.0 / (1.0 / b_prior + lam_sum)
    valid = np.broadcast_to(te > mean_si, shape.shape).copy()
    shape = np.where(valid, shape, np.nan)
    scale = np.where(valid, scale, np.nan)
    min_cases = min_cases_for_cv(cv_posterior, a_prior)
    total_cases = window_sums(local + imp, ts, te)
    too_few = valid & (total_cases < min_cases)
    qarr = gamma_quantiles(shape, scale, quantiles)
    out = RtMatrix(
        t_start=ts,
        t_end=te,
        shape=shape,
        scale=scale,
        mean=shape * scale,
        std=np.sqrt(shape) * scale,
        quantiles=qarr,
        n_cases=n_cases,
        valid=valid,
        too_few=too_few,
        mean_si=mean_si,
        min_cases=min_cases,
        qs=tuple(quantiles),
    )
    if warn:
        _warn_thin(out, n_areas)
    return out


def _warn_thin(m: RtMatrix, n_areas: int) -> None:
    dropped = int((~m.valid[0]).sum()) if m.valid.size else 0
    if dropped:
        warnings.warn(
            f"{dropped} window(s) end on or before day {m.mean_si:.2f}, the mean serial interval "
            "over the series' days (EpiEstim's final_mean_si), and are left out (as EpiEstim "
            "does): too early for an estimate",
            DataTooThinWarning,
            stacklevel=3,
        )
    early = m.valid & (m.t_start <= m.mean_si)
    if early.any():
        warnings.warn(
            f"{int(early[0].sum()) if n_areas == 1 else int(early.sum())} window(s) start on or "
            f"before day {m.mean_si:.2f}, the mean serial interval over the series' days "
            "(EpiEstim's final_mean_si; below the distribution's mean when the series is "
            "shorter than its tail): their infectivity rests on "
            "less than one serial interval of earlier cases, so R is likely overestimated",
            DataTooThinWarning,
            stacklevel=3,
        )
    if m.too_few.any():
        where = "" if n_areas == 1 else f" in {int(m.too_few.any(axis=1).sum())} area(s)"
        warnings.warn(
            f"{int(m.too_few.sum())} window(s){where} hold fewer than {m.min_cases} cases, too "
            "few for the desired posterior coefficient of variation "
            "(EpiEstim: 'You're estimating R too early in the epidemic to get the desired "
            "posterior CV'; EpiEstim checks only the first window, flareup checks every one)",
            DataTooThinWarning,
            stacklevel=3,
        )


# --------------------------------------------------------------------------------------------
# input frames
# --------------------------------------------------------------------------------------------

_VALUE_NAMES = ("I", "value", "confirm", "incidence", "cases")


def prepare_incidence(
    data: Any,
    *,
    fill_missing: str = "error",
    file: str | None = None,
) -> pd.DataFrame:
    """An incidence table -> complete daily frame ``[t, date, local, imported]``.

    ``data`` is a sequence of counts, a Series (a DatetimeIndex gives dates), or a frame with
    ``date`` (ISO) or ``t`` (integer day) and one of ``I``, ``value``, ``confirm`` — or ``local``
    and ``imported``. Bad counts, duplicate or missing days raise InputError naming the row;
    with ``fill_missing="zero"``, ``attrs["filled_days"]`` lists the days counted as 0.
    """
    if isinstance(data, pd.Series):
        if isinstance(data.index, pd.DatetimeIndex):
            data = pd.DataFrame({"date": data.index, "I": data.to_numpy()})
        else:
            data = pd.DataFrame({"I": data.to_numpy()})
    if not isinstance(data, pd.DataFrame):
        arr = np.asarray(data)
        if arr.ndim != 1:
            raise InputError(
                f"incidence must be one series, got shape {arr.shape}", field="incidence"
            )
        data = pd.DataFrame({"I": arr})
    df = data.copy()
    if "date" in df.columns:
        index = "date"
    elif "t" in df.columns:
        index = "t"
    elif "dates" in df.columns:
        df = df.rename(columns={"dates": "date"})
        index = "date"
    else:
        df["t"] = np.arange(1, len(df) + 1)
        index = "t"
    if "local" in df.columns or "imported" in df.columns:
        for c in ("local", "imported"):
            if c not in df.columns:
                raise InputError("give both 'local' and 'imported' columns", file=file, field=c)
        values = ["local", "imported"]
    else:
        found = [c for c in _VALUE_NAMES if c in df.columns]
        if not found:
            raise InputError(
                f"no count column: expected one of {', '.join(_VALUE_NAMES)}, or "
                "local and imported",
                file=file,
                field="value",
            )
        values = [found[0]]
    out = complete_daily(df, index=index, values=values, fill_missing=fill_missing, file=file)
    if values == ["local", "imported"]:
        res = out
    else:
        res = out.rename(columns={values[0]: "local"})
        res["imported"] = 0
    if index == "date":
        res["t"] = np.arange(1, len(res) + 1)
    else:
        res["date"] = pd.NaT
        res["t"] = res["t"] - res["t"].iloc[0] + 1
    res = res[["t", "date", "local", "imported"]]
    res.attrs["split"] = values == ["local", "imported"]
    res.attrs["filled_days"] = list(out.attrs.get("filled_days", []))
    return res


# --------------------------------------------------------------------------------------------
# the estimator
# --------------------------------------------------------------------------------------------


class CoriRt:
    """Cori et al. (2013) R_t as EpiEstim's ``estimate_R``, in scikit-learn style.

    Serial interval (one of): ``si_mean``/``si_sd`` (gamma, discretised by :func:`discr_si`:
    ``parametric_si``), ``si_distribution`` (``w_0..w_K``: ``non_parametric_si``), or
    ``uncertain_si`` (:class:`UncertainSI`: ``uncertain_si``, seeded by ``seed``).
    Windows: ``window``-day sliding windows starting on day 2 (default 7), or ``t_start``/``t_end``
    (1-based, inclusive). Prior Gamma with mean ``mean_prior`` and sd ``std_prior`` (5, 5).

    ``fit(data)`` sets ``estimates_`` (columns :data:`flareup.schema.RT_COLUMNS`, one row per
    window kept), ``si_distribution_``, ``si_moments_``, ``method_``, ``incidence_`` and
    ``diagnostics_`` (posterior shape and scale, cases, whether too few), ``si_requested_`` (the
    serial interval's mean and sd as asked), ``si_mass_`` (the share of it within the series) and
    ``si_note_`` (why ``si_moments_`` differs from the asked moments, or None), and warns with
    :class:`~flareup.errors.DataTooThinWarning` as EpiEstim does, and when the series is too short
    for the serial interval.
    """

    def __init__(
        self,
        si_mean: float | None = None,
        si_sd: float | None = None,
        *,
        si_distribution: Any = None,
        uncertain_si: UncertainSI | None = None,
        window: int = 7,
        t_start: Any = None,
        t_end: Any = None,
        mean_prior: float = DEFAULT_MEAN_PRIOR,
        std_prior: float = DEFAULT_STD_PRIOR,
        cv_posterior: float = DEFAULT_CV_POSTERIOR,
        seed: SeedLike = None,
        fill_missing: str = "error",
    ) -> None:
        self.si_mean = si_mean
        self.si_sd = si_sd
        self.si_distribution = si_distribution
        self.uncertain_si = uncertain_si
        self.window = window
        self.t_start = t_start
        self.t_end = t_end
        self.mean_prior = mean_prior
        self.std_prior = std_prior
        self.cv_posterior = cv_posterior
        self.seed = seed
        self.fill_missing = fill_missing

    def _method(self) -> str:
        given = [
            name
            for name, ok in (
                ("parametric_si", self.si_mean is not None or self.si_sd is not None),
                ("non_parametric_si", self.si_distribution is not None),
                ("uncertain_si", self.uncertain_si is not None),
            )
            if ok
        ]
        if len(given) != 1:
            raise InputError(
                "give exactly one serial interval: si_mean and si_sd, "
                "si_distribution, or uncertain_si",
                field="si_mean",
            )
        if given[0] == "parametric_si" and (self.si_mean is None or self.si_sd is None):
            raise InputError(
                "give both si_mean and si_sd", field="si_sd" if self.si_sd is None else "si_mean"
            )
        return given[0]

    def fit(self, data: Any, *, file: str | None = None) -> CoriRt:
        """Estimate R over each window of the incidence ``data`` (see :func:`prepare_incidence`)."""
        method = self._method()
        inc = prepare_incidence(data, fill_missing=self.fill_missing, file=file)
        n_t = len(inc)
        if inc.attrs.get("split") and int(inc["local"].iloc[0]) > 0:
            warnings.warn(
                "local cases on day 1 are counted as imported, as EpiEstim does: the "
                "first day only seeds the epidemic",
                DataTooThinWarning,
                stacklevel=2,
            )
        local = inc["local"].to_numpy(dtype=float)[None, :]
        imported = inc["imported"].to_numpy(dtype=float)[None, :]
        window_kw = {"window": self.window, "t_start": self.t_start, "t_end": self.t_end}
        if method == "uncertain_si":
            assert self.uncertain_si is not None
            est, diag, si_used, moments = self._fit_uncertain(local, imported, window_kw)
        else:
            if method == "parametric_si":
                assert self.si_mean is not None and self.si_sd is not None
                si = gamma_si(float(self.si_mean), float(self.si_sd), n_t)
            else:
                si = check_si_distribution(self.si_distribution)
            si_used = np.zeros(max(n_t + 1, si.size))
            si_used[: si.size] = si
            m = rt_matrix(
                local,
                si_used,
                imported=imported,
                mean_prior=self.mean_prior,
                std_prior=self.std_prior,
                cv_posterior=self.cv_posterior,
                **window_kw,
            )
            keep = m.valid[0]
            est = pd.DataFrame(
                {"t_start": m.t_start, "t_end": m.t_end, "mean": m.mean[0], "std": m.std[0]}
            )
            for i, c in enumerate(_QCOLS):
                est[c] = m.quantiles[i, 0]
            diag = pd.DataFrame(
                {
                    "t_start": m.t_start,
                    "t_end": m.t_end,
                    "n_cases": m.n_cases[0].astype(np.int64),
                    "shape": m.shape[0],
                    "scale": m.scale[0],
                    "too_few_cases": m.too_few[0],
                    "kept": keep,
                }
            )
            est = est[keep]
            moments = si_moments(si_used)
        self._check_si_fits(si_used, n_t, moments, est["t_end"].to_numpy())
        dates = inc["date"].to_numpy()
        est = est.reset_index(drop=True)
        est["date_start"] = pd.to_datetime(dates[est["t_start"].to_numpy() - 1])
        est["date_end"] = pd.to_datetime(dates[est["t_end"].to_numpy() - 1])
        est["t_start"] = est["t_start"].astype(np.int64)
        est["t_end"] = est["t_end"].astype(np.int64)
        self.estimates_ = est[list(RT_COLUMNS)]
        self.diagnostics_ = diag
        self.si_distribution_ = si_used
        self.si_moments_ = moments
        self.method_ = method
        self.incidence_ = inc
        return self

    def _check_si_fits(
        self, si_used: np.ndarray, n_t: int, moments: tuple[float, float], t_end: np.ndarray
    ) -> None:
        """Set ``si_requested_``, ``si_mass_`` and ``si_note_``; warn when windows end before the
        asked mean serial interval.

        A parametric SI is discretised on ``0..T-1`` (EpiEstim's ``discr_si(0:(T-1), ...)``), so on
        a short series its tail is cut off. That leaves the infectivity within the series as it is
        (it only uses delays shorter than the series), but EpiEstim's moments (``si_moments_``)
        are those of the cut distribution, not renormalised (4.37 / 2.54 for 4.7 / 2.9 on 12
        days; 0.06 / 0.23 on 2), and its rule "drop windows ending on or before the mean SI"
        uses that cut mean, so on a series shorter than the SI it keeps windows whose infectors
        lie mostly before the series: R of hundreds. flareup keeps EpiEstim's numbers, says why
        the moments differ (``si_note_``) and warns about those windows.
        """
        w = np.atleast_2d(si_used)
        mass = float(np.mean(w.sum(axis=1)))
        if self.uncertain_si is not None:
            requested = (float(self.uncertain_si.mean_si), float(self.uncertain_si.std_si))
        elif self.si_mean is not None and self.si_sd is not None:
            requested = (float(self.si_mean), float(self.si_sd))
        else:
            requested = moments
        self.si_requested_ = requested
        self.si_mass_ = mass
        self.si_note_: str | None = None
        if mass < 0.99:
            self.si_note_ = (
                f"the serial interval asked (mean {requested[0]:.2f}, sd {requested[1]:.2f} d) is "
                f"cut to the {n_t}-day series as EpiEstim does, keeping {mass:.0%} of it; the "
                f"moments as used are mean {moments[0]:.2f}, sd {moments[1]:.2f} d"
            )
        early = int(np.sum(np.asarray(t_end) <= requested[0]))
        if early and requested[0] > moments[0] + 1e-9:
            longer = n_t <= requested[0]
            warnings.warn(
                (
                    f"the serial interval (mean {requested[0]:.2f} d) is longer than the "
                    f"{n_t}-day series"
                    if longer
                    else f"{early} window(s) end on or before day {requested[0]:.2f}, the mean "
                    "serial interval asked"
                )
                + f": EpiEstim keeps such windows because it compares them with the mean of the "
                f"serial interval cut to the series ({moments[0]:.2f} d), but their cases were "
                "mostly infected before the series began, so their R is inflated and "
                "meaningless" + (": use a longer series" if longer else ""),
                DataTooThinWarning,
                stacklevel=3,
            )

    def plot(self, **kwargs: Any) -> Any:
        """Altair chart of the fitted R_t with its 50% and 95% credible bands and the serial
        interval in the subtitle (:func:`flareup.charts.rt_chart`); renders in Jupyter."""
        if not hasattr(self, "estimates_"):
            from flareup.errors import EstimationError

            raise EstimationError("fit the estimator first: CoriRt(...).fit(data).plot()")
        from flareup.charts.epi import rt_chart

        if self.si_mean is not None and self.si_sd is not None and self.uncertain_si is None:
            mean_si, sd_si = float(self.si_mean), float(self.si_sd)  # as given (parametric)
        else:
            mean_si, sd_si = (round(float(x), 2) for x in self.si_moments_)  # as used
        kwargs.setdefault("window", self.window if self.t_start is None else None)
        return rt_chart(self.estimates_, si_mean=mean_si, si_sd=sd_si, **kwargs)

    def _fit_uncertain(
        self,
        local: np.ndarray,
        imported: np.ndarray,
        window_kw: dict[str, Any],
    ) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray, tuple[float, float]]:
        # EpiEstim's uncertain_si: n1 SI distributions, n2 posterior draws each, pooled.
        u = self.uncertain_si
        assert u is not None
        rng = generator(self.seed)
        means, sds = sample_uncertain_si(u, rng)
        n_t = local.shape[1]
        sis = np.stack([gamma_si(mu, sd, n_t) for mu, sd in zip(means, sds, strict=True)])
        total = (local + imported)[0]
        loc = local[0].copy()
        # Day 1 is all imported (EpiEstim).
        loc[0] = 0.0
        # Lambda for every SI at once: Lambda[k, t] = sum_s w_k[s] I[t - s].
        lag = np.arange(n_t)[None, :] - np.arange(n_t)[:, None]
        hank = np.where(lag >= 0, total[np.clip(lag, 0, n_t - 1)], 0.0)  # hank[s, t] = I[t-s]
        w = sis.copy()
        w[:, 0] = 0.0
        lam = w @ hank  # (n1, T)
        if window_kw["t_start"] is None and window_kw["t_end"] is None:
            ts, te = default_windows(n_t, window_kw["window"])
        else:
            ts, te = check_windows(window_kw["t_start"], window_kw["t_end"], n_t)
        a_prior, b_prior = prior_shape_scale(self.mean_prior, self.std_prior)
        n_cases = window_sums(loc, ts, te)
        shape = a_prior + n_cases  # (W,)
        scale = 1.0 / (1.0 / b_prior + window_sums(lam, ts, te))  # (n1, W)
        draws = rng.gamma(shape[None, None, :], scale[:, None, :], size=(u.n1, u.n2, ts.size))
        # EpiEstim keeps the draws of SI k only for windows with t_end > its mean.
        draws = np.where((te[None, :] > means[:, None])[:, None, :], draws, np.nan)
        pooled = draws.reshape(u.n1 * u.n2, ts.size)
        keep = ~np.all(np.isnan(pooled), axis=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            est = pd.DataFrame(
                {
                    "t_start": ts,
                    "t_end": te,
                    "mean": np.nanmean(pooled, axis=0),
                    "std": np.nanstd(pooled, axis=0, ddof=1),
                }
            )
            qv = np.nanquantile(pooled, RT_QUANTILES, axis=0)
        for i, c in enumerate(_QCOLS):
            est[c] = qv[i]
        min_cases = min_cases_for_cv(self.cv_posterior, a_prior)
        tot_cases = window_sums(total, ts, te)
        diag = pd.DataFrame(
            {
                "t_start": ts,
                "t_end": te,
                "n_cases": n_cases.astype(np.int64),
                "shape": shape,
                "scale": np.nanmean(scale, axis=0),
                "too_few_cases": keep & (tot_cases < min_cases),
                "kept": keep,
            }
        )
        m = RtMatrix(
            t_start=ts,
            t_end=te,
            shape=shape[None],
            scale=scale[:1],
            mean=est["mean"].to_numpy()[None],
            std=est["std"].to_numpy()[None],
            quantiles=qv[:, None, :],
            n_cases=n_cases[None],
            valid=keep[None],
            too_few=diag["too_few_cases"].to_numpy()[None],
            mean_si=float(np.mean(means)),
            min_cases=min_cases,
        )
        _warn_thin(m, 1)
        si_used = np.concatenate([sis, np.zeros((u.n1, 1))], axis=1)
        return est[keep], diag, si_used, (float(np.mean(means)), float(np.mean(sds)))


def rt_by_area(
    counts: pd.DataFrame,
    si: np.ndarray,
    *,
    area_col: str = "area",
    date_col: str = "date",
    value_col: str = "value",
    areas: list[str] | None = None,
    fill_missing: str = "error",
    file: str | None = None,
    **kwargs: Any,
) -> pd.DataFrame:
    """R_t for every area of a tidy counts frame, vectorised (:func:`rt_matrix`).

    All areas share the calendar from the first to the last date in ``counts``; days an area
    does not report are missing and follow ``fill_missing``. An area asked for in ``areas`` with
    no rows is an InputError naming it. Returns ``area`` plus :data:`RT_COLUMNS`.
    """
    for c in (area_col, date_col, value_col):
        if c not in counts.columns:
            raise InputError(f"missing column {c!r}", file=file, field=c)
    df = counts.copy()
    df[area_col] = df[area_col].astype(str)
    wanted = sorted(df[area_col].unique()) if areas is None else [str(a) for a in areas]
    present = set(df[area_col])
    absent = [a for a in wanted if a not in present]
    if absent:
        raise InputError(f"area(s) with no data: {', '.join(absent)}", file=file, field=area_col)
    df = df[df[area_col].isin(wanted)]
    dates = pd.to_datetime(df[date_col], errors="coerce", format="ISO8601").dt.normalize()
    start, end = dates.min(), dates.max()
    series = []
    for a in wanted:
        sub = df[df[area_col] == a]
        full = complete_daily(
            sub,
            index=date_col,
            values=[value_col],
            fill_missing=fill_missing,
            file=file,
            start=start,
            end=end,
        )
        series.append(full[value_col].to_numpy())
    mat = np.vstack(series)
    m = rt_matrix(mat, si, **kwargs)
    cal = pd.date_range(start, end, freq="D")
    n_w = m.t_start.size
    out = pd.DataFrame(
        {
            "area": np.repeat(np.array(wanted, dtype=object), n_w),
            "t_start": np.tile(m.t_start, len(wanted)),
            "t_end": np.tile(m.t_end, len(wanted)),
            "date_start": np.tile(cal[m.t_start - 1], len(wanted)),
            "date_end": np.tile(cal[m.t_end - 1], len(wanted)),
            "mean": m.mean.ravel(),
            "std": m.std.ravel(),
        }
    )
    for i, c in enumerate(_QCOLS):
        out[c] = m.quantiles[i].ravel()
    return out[m.valid.ravel()].reset_index(drop=True)[["area", *RT_COLUMNS]]
