"""Dilution: how pooling k samples lowers the chance that a positive sample is detected by RT-PCR.

Model (as in Bateman et al. 2020 and Brault et al. 2021). Pooling one positive sample with k-1
negatives dilutes its RNA k-fold; with ~100 % PCR efficiency each two-fold dilution costs one
cycle, so the pooled Ct is ``Ct + log2(k)``. The pool is detected if that shifted Ct is below the
assay's cut-off (``limit``). The Ct of a positive is random, drawn from the distribution of Ct
values among individually detected positives (a normal, or a mixture of normals, truncated at the
limit, since an individually tested positive has ``Ct < limit`` by definition). So the sensitivity
of a k-pool relative to testing alone is

    r(k) = P(Ct + log2 k < limit | Ct < limit),      Se(k) = Se * r(k),

and ``r(1) = 1``: ``Se`` is the assay's sensitivity on individual samples as measured. ``r`` never
rises with k. A pool holding several positives is treated as detected with the probability of one
(conservative: the sum of their RNA is larger), the assumption of the closed forms in
``designs``; at the prevalences where pooling pays, pools with two positives are rare.

Default Ct distribution: normal, mean 28.5, sd 8.4 cycles: the laboratory-wide Ct values of
1,358 SARS-CoV-2 positives (median 28.5, interquartile range 23.0-34.3, so sd = IQR/1.349),
Emerg Infect Dis 2021;27(1):92-103, doi:10.3201/eid2701.203379, Table 2. With a limit of 40 it
gives relative sensitivities 0.94, 0.91 and 0.83 for pools of 5, 10 and 50, against 0.93, 0.91
and 0.81 estimated from dilution experiments by Bateman AC, Mueller S, Guenther K, Shult P,
"Assessing the dilution effect of specimen pooling on the sensitivity of SARS-CoV-2 PCR tests",
J Med Virol 2021;93:1568-72, doi:10.1002/jmv.26519 (checked in tests/pooling).

Other references: Mutesa L et al., "A pooled testing strategy for identifying SARS-CoV-2 at low
prevalence", Nature 2021;589:276-80 (pools up to 100 with hypercube designs); Pilcher CD,
Westreich D, Hudgens MG, "Group testing for SARS-CoV-2 to enable rapid scale-up of testing and
real-time surveillance of incidence", J Infect Dis 2020;222:903-9; Brault V, Mallein B,
Rupprecht J-F, "Group testing as a strategy for COVID-19 epidemiological monitoring and community
surveillance", PLoS Comput Biol 2021;17:e1008726. Pools above 20 have little validation data
(most laboratory validations stop at 5-20), so they are flagged (:data:`VALIDATED_MAX_POOL`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtr

from flareup.errors import FlareupWarning, InputError
from flareup.schema import PCR_CT_CUTOFF

#: Largest pool size with broad laboratory validation for SARS-CoV-2 RT-PCR; larger ones are
#: flagged "unvalidated" in every output.
VALIDATED_MAX_POOL: int = 20


class UnvalidatedPoolSizeWarning(FlareupWarning):
    """A pool larger than :data:`VALIDATED_MAX_POOL` samples: dilution sensitivity is extrapolated."""


def warn_if_unvalidated(size: int, *, what: str = "pool size") -> bool:
    """Warn (and return True) when ``size`` exceeds :data:`VALIDATED_MAX_POOL`."""
    if size > VALIDATED_MAX_POOL:
        warnings.warn(
            f"{what} {size} is above {VALIDATED_MAX_POOL}: pooled RT-PCR sensitivity is not "
            "validated there (dilution model extrapolated)",
            UnvalidatedPoolSizeWarning,
            stacklevel=3,
        )
        return True
    return False


@dataclass(frozen=True, slots=True)
class CtDistribution:
    """Ct values of positives: a mixture of normals (weights, means, sds in cycles).

    Default: one normal, mean 28.5, sd 8.4 (Emerg Infect Dis 2021;27(1):92, Table 2).
    """

    means: tuple[float, ...] = (28.5,)
    sds: tuple[float, ...] = (8.4,)
    weights: tuple[float, ...] = (1.0,)

    def __post_init__(self) -> None:
        n = len(self.means)
        if n == 0 or len(self.sds) != n or len(self.weights) != n:
            raise InputError(
                "means, sds and weights must have the same non-zero length", field="ct_distribution"
            )
        if any(s <= 0 or not math.isfinite(s) for s in self.sds):
            raise InputError(f"sds must be positive, got {self.sds}", field="ct_sd")
        if any(w < 0 for w in self.weights) or not math.isclose(
            sum(self.weights), 1.0, abs_tol=1e-9
        ):
            raise InputError(
                f"weights must be >= 0 and sum to 1, got {self.weights}", field="ct_weights"
            )

    def cdf(self, x: float | np.ndarray) -> float | np.ndarray:
        """P(Ct <= x)."""
        p: float | np.ndarray = sum(
            w * ndtr((np.asarray(x, dtype=float) - m) / s)
            for w, m, s in zip(self.weights, self.means, self.sds, strict=True)
        )
        return p

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Draw ``n`` Ct values (untruncated)."""
        comp = rng.choice(len(self.means), size=n, p=np.asarray(self.weights))
        return rng.normal(np.asarray(self.means)[comp], np.asarray(self.sds)[comp])


@dataclass(frozen=True, slots=True)
class DilutionModel:
    """Pool sensitivity by dilution: Ct shift of ``efficiency_shift * log2(k)`` cycles.

    ``limit``: the assay's Ct cut-off (positive if Ct < limit), e.g. 35 or 40.
    ``shift_per_doubling``: cycles lost per two-fold dilution (1.0 for 100 % PCR efficiency;
    1/log2(1+E) for efficiency E).
    """

    ct: CtDistribution = field(default_factory=CtDistribution)
    limit: float = PCR_CT_CUTOFF  # shared with sim/ (schema.PCR_CT_CUTOFF)
    shift_per_doubling: float = 1.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.limit) and 10.0 <= self.limit <= 50.0):
            raise InputError(
                f"Ct limit must be between 10 and 50, got {self.limit}", field="ct_limit"
            )
        if not (0.5 <= self.shift_per_doubling <= 2.0):
            raise InputError(
                "cycles per two-fold dilution must be between 0.5 and 2, got "
                f"{self.shift_per_doubling}",
                field="shift_per_doubling",
            )

    def ct_shift(self, k: int) -> float:
        """Cycles added to a positive's Ct in a pool of ``k`` samples."""
        return self.shift_per_doubling * math.log2(_check_size(k))

    def relative_sensitivity(self, k: int) -> float:
        """P(Ct + shift(k) < limit | Ct < limit): 1 at k = 1, never rising with k."""
        denom = float(self.ct.cdf(self.limit))
        if denom <= 0.0:
            raise InputError("no positive has Ct below the limit", field="ct_limit")
        return float(self.ct.cdf(self.limit - self.ct_shift(k))) / denom

    def detected(self, ct: np.ndarray, k: int) -> np.ndarray:
        """Whether positives with these Ct values are detected in pools of ``k`` (per sample)."""
        return np.asarray(ct) + self.ct_shift(k) < self.limit


def pool_sensitivity(k: int, se: float = 1.0, model: DilutionModel | None = None) -> float:
    """Sensitivity of one test on a pool of ``k`` samples holding a positive: Se * r(k).

    ``model=None`` means no dilution (Se for every k). See the module docstring for the model
    and its references (Bateman et al. 2020; Brault et al. 2021).
    """
    check_probability(se, "sensitivity", allow_zero=False)
    if model is None:
        _check_size(k)
        return se
    return se * model.relative_sensitivity(k)


def pool_sensitivity_from_ct(
    ct: float | Sequence[float] | np.ndarray,
    k: int,
    se: float = 1.0,
    *,
    limit: float = PCR_CT_CUTOFF,
    shift_per_doubling: float = 1.0,
) -> np.ndarray:
    """Detection probability of positives of known Ct in a pool of ``k``: Se if Ct + shift < limit.

    For an agent-based simulator that carries each agent's Ct (or viral load) itself.
    """
    check_probability(se, "sensitivity", allow_zero=False)
    shift = shift_per_doubling * math.log2(_check_size(k))
    return np.where(np.asarray(ct, dtype=float) + shift < limit, se, 0.0)


def check_probability(x: float, name: str, *, allow_zero: bool = True) -> float:
    """Return ``x`` if it is a probability (0..1; (0..1] without zero), else InputError(name)."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise InputError(
            f"{name} must be a number between 0 and 1, got {x!r}", field=name
        ) from None
    lo_ok = v > 0.0 if not allow_zero else v >= 0.0
    if not (math.isfinite(v) and lo_ok and v <= 1.0):
        rng = "[0, 1]" if allow_zero else "(0, 1]"
        raise InputError(f"{name} must be in {rng}, got {x!r}", field=name)
    return v


def _check_size(k: int, name: str = "pool_size") -> int:
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise InputError(f"{name} must be a positive integer, got {k!r}", field=name)
    return int(k)
