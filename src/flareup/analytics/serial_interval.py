"""Serial-interval distributions for the renewal equation, as EpiEstim builds them.

* :func:`discr_si` — a gamma serial interval shifted by one day and discretised over days, in the
  closed form of Cori et al. (2013), *Am J Epidemiol* 178:1505, web appendix 11 (EpiEstim's
  ``discr_si``/``DiscrSI``). It is the probability that a continuous interval, starting uniformly
  within a day, ends on day ``k``.
* :func:`check_si_distribution` — a non-parametric distribution ``w_0..w_K`` with EpiEstim's rules:
  ``w_0 == 0``, ``w_k >= 0``, ``|sum - 1| <= 0.01``.
* :class:`UncertainSI` / :func:`sample_uncertain_si` — mean and sd each drawn from a truncated
  normal, as EpiEstim's ``method = "uncertain_si"`` (Cori et al. 2013, web appendix 3).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.special import gammainc

from flareup.errors import FlareupWarning, InputError, Problem
from flareup.rng import SeedLike, generator

#: EpiEstim's tolerance on the sum of a non-parametric serial-interval distribution.
SI_SUM_TOLERANCE = 0.01


def _gamma_cdf(x: np.ndarray, shape: float, scale: float) -> np.ndarray:
    # pgamma(x) for x <= 0 is 0; gammainc is undefined for negative x, so clip first.
    return np.where(x > 0, gammainc(shape, np.clip(x, 0.0, None) / scale), 0.0)


def discr_si(k: np.ndarray | int | list[int], mu: float, sigma: float) -> npt.NDArray[np.float64]:
    """Discretised shifted-gamma serial interval ``w_k`` (Cori et al. 2013, web appendix 11).

    With ``a = ((mu-1)/sigma)^2`` and ``b = sigma^2/(mu-1)`` (the gamma of ``SI - 1``)::

        w_k = k F_{a,b}(k) + (k-2) F_{a,b}(k-2) - 2(k-1) F_{a,b}(k-1)
              + a b (2 F_{a+1,b}(k-1) - F_{a+1,b}(k-2) - F_{a+1,b}(k)),   clipped at 0,

    exactly as EpiEstim's ``discr_si(k, mu, sigma)``. ``w_0`` is 0. Not renormalised: EpiEstim
    evaluates it on ``0..T-1`` and uses it as is.
    """
    if not np.isfinite(mu) or mu <= 1:
        raise InputError(
            f"the serial-interval mean must be > 1 day (shift 1), got {mu}", field="si_mean"
        )
    if not np.isfinite(sigma) or sigma <= 0:
        raise InputError(f"the serial-interval sd must be > 0, got {sigma}", field="si_sd")
    kk = np.asarray(k, dtype=float)
    if np.any(kk < 0):
        raise InputError("all values of k must be >= 0", field="k")
    a = ((mu - 1.0) / sigma) ** 2
    b = sigma**2 / (mu - 1.0)
    res = (
        kk * _gamma_cdf(kk, a, b)
        + (kk - 2) * _gamma_cdf(kk - 2, a, b)
        - 2 * (kk - 1) * _gamma_cdf(kk - 1, a, b)
    )
    res = res + a * b * (
        2 * _gamma_cdf(kk - 1, a + 1, b) - _gamma_cdf(kk - 2, a + 1, b) - _gamma_cdf(kk, a + 1, b)
    )
    result: npt.NDArray[np.float64] = np.maximum(res, 0.0)
    return result


def gamma_si(mean: float, sd: float, n: int) -> np.ndarray:
    """``discr_si(0..n-1, mean, sd)``: the serial interval EpiEstim uses for a series of ``n`` days."""
    return discr_si(np.arange(n), mean, sd)


def check_si_distribution(
    w: np.ndarray | list[float] | pd.Series,
    *,
    file: str | None = None,
    field: str = "si_distribution",
) -> np.ndarray:
    """Validate a non-parametric serial interval ``w_0..w_K`` (EpiEstim's ``check_si_distr``).

    ``w_0`` must be 0 (no case infects on its own onset day), every ``w_k`` >= 0 and finite, and
    the sum within 0.01 of 1. Raises :class:`InputError` naming the offending ``k``.
    """
    arr = np.asarray(w, dtype=float).ravel()
    problems: list[Problem] = []
    if arr.size < 2:
        raise InputError(
            "the serial-interval distribution needs at least w_0 and w_1", file=file, field=field
        )
    bad = np.flatnonzero(~np.isfinite(arr))
    problems += [Problem(file, int(i) + 1, field, f"w_{i} is not a number") for i in bad]
    neg = np.flatnonzero(arr < 0)
    problems += [Problem(file, int(i) + 1, field, f"w_{i} = {arr[i]} is negative") for i in neg]
    if arr[0] != 0:
        problems.append(
            Problem(
                file,
                1,
                field,
                f"w_0 = {arr[0]} but must be 0 (the distribution starts at k = 0 "
                "and a case cannot infect on its own onset day)",
            )
        )
    total = float(np.nansum(arr))
    if abs(total - 1.0) > SI_SUM_TOLERANCE:
        problems.append(
            Problem(
                file,
                None,
                field,
                f"the distribution sums to {total:.6g}, not 1 (tolerance {SI_SUM_TOLERANCE})",
            )
        )
    InputError.collect(problems)
    return arr


def si_from_frame(df: pd.DataFrame, *, file: str | None = None) -> np.ndarray:
    """A non-parametric serial interval from a frame with columns ``k`` and ``w``.

    ``k`` must be the integers 0, 1, 2, ... in order (row ``i`` holds ``k = i - 1``).
    """
    missing = [c for c in ("k", "w") if c not in df.columns]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; expected columns k, w",
            file=file,
            field=missing[0],
        )
    k = pd.to_numeric(df["k"], errors="coerce").to_numpy()
    w = pd.to_numeric(df["w"], errors="coerce").to_numpy()
    problems: list[Problem] = []
    for i, (kv, wv) in enumerate(zip(k, w, strict=True)):
        if not np.isfinite(kv) or kv != i:
            problems.append(
                Problem(
                    file,
                    i + 1,
                    "k",
                    f"expected k = {i} (0, 1, 2, ... in order), got {df['k'].iloc[i]!r}",
                )
            )
        if not np.isfinite(wv):
            problems.append(Problem(file, i + 1, "w", f"not a number: {df['w'].iloc[i]!r}"))
    InputError.collect(problems)
    return check_si_distribution(w, file=file, field="w")


def si_moments(w: np.ndarray) -> tuple[float, float]:
    """Mean and sd of a discrete distribution over ``k = 0..K`` (EpiEstim's ``SI.Moments``)."""
    k = np.arange(w.size)
    mean = float(np.sum(w * k))
    return mean, float(np.sqrt(max(np.sum(w * k**2) - mean**2, 0.0)))


@dataclass(frozen=True, slots=True)
class UncertainSI:
    """EpiEstim's ``uncertain_si`` settings (Cori et al. 2013, web appendix 3).

    The SI mean is drawn from Normal(``mean_si``, ``std_mean_si``) truncated to
    [``min_mean_si``, ``max_mean_si``] and the sd from Normal(``std_si``, ``std_std_si``)
    truncated to [``min_std_si``, ``max_std_si``]; ``n1`` pairs, ``n2`` posterior draws each.
    """

    mean_si: float
    std_mean_si: float
    min_mean_si: float
    max_mean_si: float
    std_si: float
    std_std_si: float
    min_std_si: float
    max_std_si: float
    n1: int = 500
    n2: int = 50

    def check(self) -> None:
        """EpiEstim's ``check_config`` rules for ``uncertain_si``; InputError naming the field."""
        p: list[Problem] = []

        def bad(field: str, reason: str) -> None:
            p.append(Problem(None, None, field, reason))

        if self.mean_si <= 1:
            bad("mean_si", f"must be > 1 day, got {self.mean_si}")
        if self.std_si <= 0:
            bad("std_si", f"must be > 0, got {self.std_si}")
        if self.std_mean_si <= 0:
            bad("std_mean_si", f"must be > 0, got {self.std_mean_si}")
        if self.std_std_si <= 0:
            bad("std_std_si", f"must be > 0, got {self.std_std_si}")
        if self.min_mean_si < 1:
            bad("min_mean_si", f"must be >= 1, got {self.min_mean_si}")
        if not self.min_mean_si <= self.mean_si <= self.max_mean_si:
            bad(
                "mean_si",
                f"must lie in [min_mean_si, max_mean_si] = "
                f"[{self.min_mean_si}, {self.max_mean_si}], got {self.mean_si}",
            )
        if self.min_std_si <= 0:
            bad("min_std_si", f"must be > 0, got {self.min_std_si}")
        if not self.min_std_si <= self.std_si <= self.max_std_si:
            bad(
                "std_si",
                f"must lie in [min_std_si, max_std_si] = "
                f"[{self.min_std_si}, {self.max_std_si}], got {self.std_si}",
            )
        for name in ("n1", "n2"):
            v = getattr(self, name)
            if int(v) != v or v <= 0:
                bad(name, f"must be a positive integer, got {v}")
        InputError.collect(p)
        # EpiEstim warns (does not stop) when a truncation is not centred on its mean.
        for name, lo, mid, hi in (
            ("mean", self.min_mean_si, self.mean_si, self.max_mean_si),
            ("sd", self.min_std_si, self.std_si, self.max_std_si),
        ):
            if f"{hi - mid:.3g}" != f"{mid - lo:.3g}":
                warnings.warn(
                    f"the distribution of the SI {name} is truncated to [{lo:g}, "
                    f"{hi:g}], not centred on {mid:g}: its draws are biased",
                    FlareupWarning,
                    stacklevel=3,
                )


def _truncated_normal(
    rng: np.random.Generator, mean: float, sd: float, lo: float, hi: float, n: int
) -> np.ndarray:
    # Rejection sampling, as EpiEstim's while-loop: redraw until inside [lo, hi].
    out = rng.normal(mean, sd, n)
    todo = (out < lo) | (out > hi)
    for _ in range(10_000):
        if not todo.any():
            return out
        out[todo] = rng.normal(mean, sd, int(todo.sum()))
        todo = (out < lo) | (out > hi)
    raise InputError(
        f"could not draw from Normal({mean}, {sd}) truncated to [{lo}, {hi}]; "
        "the interval holds almost no probability",
        field="uncertain_si",
    )


def sample_uncertain_si(u: UncertainSI, seed: SeedLike = None) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``u.n1`` (mean, sd) pairs of the serial interval as EpiEstim's ``uncertain_si``.

    EpiEstim draws the mean and then the sd independently from their truncated normals; its
    documentation mentions sd < mean, which its code does not impose, and neither do we.
    """
    u.check()
    rng = generator(seed)
    means = _truncated_normal(rng, u.mean_si, u.std_mean_si, u.min_mean_si, u.max_mean_si, u.n1)
    sds = _truncated_normal(rng, u.std_si, u.std_std_si, u.min_std_si, u.max_std_si, u.n1)
    # discr_si needs mean > 1; min_mean_si may be exactly 1 (EpiEstim allows it).
    means = np.where(means <= 1.0, np.nextafter(1.0, 2.0), means)
    return means, sds
