"""Pooled (group) testing designs: expected tests, accuracy and optimal pool sizes.

Every design assumes independent statuses with prevalence ``p`` (q = 1 - p) and tests whose
errors are independent given the true status of what is tested (a pool is truly positive if it
holds at least one positive): sensitivity ``Se(n)`` for a pool of n (``Se`` times the dilution
factor of :mod:`flareup.pooling.dilution`, or ``Se`` without dilution), specificity ``Sp`` for any
size. These are the assumptions and closed forms of

- Dorfman R (1943). The detection of defective members of large populations. Ann Math Stat
  14:436-40 (two-stage; perfect test).
- Litvak E, Tu XM, Pagano M (1994). Screening for the presence of a disease by pooling sera
  samples. JASA 89:424-34 (Dorfman with an imperfect test).
- Kim HY, Hudgens MG, Dreyfuss JM, Westreich DJ, Pilcher CD (2007). Comparison of group testing
  algorithms for case identification in the presence of test error. Biometrics 63:1152-63
  (three-stage hierarchical, square array with and without master pool, with test error).
- Phatarfod RM, Sudbury A (1994). The use of a square array scheme in blood testing.
  Stat Med 13:2337-43 (array testing, perfect test).
- Hwang FK (1976). Group testing with a dilution effect. Biometrika 63:671-80 (sensitivity
  that falls with pool size).

Per person (``tests_per_person``) is E[tests]/N for N people split into whole blocks; a positive
individual's chance of being declared positive is ``sensitivity(p)`` and a negative's chance of
being declared negative is ``specificity(p)`` (both can depend on p through the other members).

Lower bound: with a perfect test, any procedure that classifies everyone needs on average at
least the binary entropy H(p) = -p log2 p - q log2 q tests per person (Shannon; see Malinovsky &
Albert 2019, Am Stat 73:117). :func:`entropy_bound` gives it; tests check every design against it.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.pooling.dilution import (
    VALIDATED_MAX_POOL,
    DilutionModel,
    UnvalidatedPoolSizeWarning,
    check_probability,
    pool_sensitivity,
)

#: Default largest pool searched for optimal designs (the validated range; raise it knowingly).
DEFAULT_MAX_POOL: int = VALIDATED_MAX_POOL

#: Pooled stages a design has at most (three-stage: k then s; an array behind a master pool:
#: n^2 then n): ``Design.summary`` gives one numeric column per stage, ``stage1_pool_size`` ...
MAX_POOLED_STAGES = 2

#: Default floor on a design's sensitivity, as a share of individual testing's (same assay and
#: dilution model): a recommended design must find at least 95% of the positives that testing
#: everyone singly would. Without it, the cheapest design under dilution is a large three-stage
#: design that misses 17-29% of positives (issue 12). 0.95 follows the WHO target product
#: profile's >= 95% sensitivity for laboratory SARS-CoV-2 assays, applied to the loss pooling
#: may add (WHO, "COVID-19 Target product profiles for priority diagnostics", 2020).
DEFAULT_MIN_RELATIVE_SENSITIVITY: float = 0.95

#: Design families, in the order tables list them.
FAMILIES: tuple[str, ...] = ("individual", "dorfman", "three_stage", "array", "array_master")


def entropy_bound(p: float) -> float:
    """Binary entropy H(p) in bits: the least expected tests per person for exact classification."""
    p = check_probability(p, "prevalence")
    if p in (0.0, 1.0):
        return 0.0
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


def _check_int(x: object, name: str, lo: int) -> int:
    if isinstance(x, bool) or not isinstance(x, int | np.integer) or int(x) < lo:
        raise InputError(f"{name} must be an integer >= {lo}, got {x!r}", field=name)
    return int(x)


@dataclass(frozen=True)
class Design(ABC):
    """A group testing design; subclasses give the formulas. Frozen: safe to share and hash."""

    se: float = 1.0
    sp: float = 1.0
    dilution: DilutionModel | None = None

    _family: ClassVar[str] = "design"

    @property
    def family(self) -> str:
        """The design's family name (one of :data:`FAMILIES`)."""
        return self._family

    def __post_init__(self) -> None:
        check_probability(self.se, "sensitivity", allow_zero=False)
        check_probability(self.sp, "specificity", allow_zero=False)

    # ---- formulas every design gives -------------------------------------------------------
    @abstractmethod
    def tests_per_person(self, p: float) -> float:
        """Expected tests per person at prevalence ``p``."""

    @abstractmethod
    def sensitivity(self, p: float) -> float:
        """P(declared positive | positive) for the whole procedure."""

    @abstractmethod
    def specificity(self, p: float) -> float:
        """P(declared negative | negative) for the whole procedure."""

    @property
    @abstractmethod
    def pool_sizes(self) -> tuple[int, ...]:
        """Sizes of the pools tested, largest first (empty for individual testing)."""

    @property
    @abstractmethod
    def label(self) -> str:
        """Short human name, e.g. ``Dorfman k=11``."""

    # ---- derived ---------------------------------------------------------------------------
    @property
    def max_pool(self) -> int:
        """Largest number of samples in one tube."""
        return max(self.pool_sizes, default=1)

    @property
    def unvalidated(self) -> bool:
        """True when a pool is larger than the validated maximum (20 samples)."""
        return self.max_pool > VALIDATED_MAX_POOL

    def stage_se(self, n: int) -> float:
        """Sensitivity of one test on a pool of ``n`` (dilution applied when a model is set)."""
        return pool_sensitivity(n, self.se, self.dilution)

    def expected_errors(self, p: float, n: int) -> tuple[float, float]:
        """Expected false negatives and false positives among ``n`` people."""
        p = check_probability(p, "prevalence")
        return (n * p * (1.0 - self.sensitivity(p)), n * (1.0 - p) * (1.0 - self.specificity(p)))

    def break_even_prevalence(self) -> float:
        """The prevalence at which this design needs one test per person (it stops paying).

        Computed with a perfect sensitivity and no dilution (the design's specificity kept):
        with Se < 1 a pooled design can look cheap at any prevalence only because it misses
        positive pools, which must not count as "paying". 1.0 when it never costs more than
        individual testing on [0, 1]. Dorfman k = 3, perfect test: 1 - 3^(-1/3) = 0.3066.
        """
        ideal = dataclasses.replace(self, se=1.0, dilution=None)

        def f(p: float) -> float:
            return ideal.tests_per_person(p) - 1.0

        if f(0.0) >= 0.0:
            return 0.0
        if f(1.0) < 0.0:
            return 1.0
        from scipy.optimize import brentq  # lazily: scipy.optimize is slow to import

        return float(brentq(f, 0.0, 1.0, xtol=1e-13))

    def check_pays(self, p: float) -> None:
        """Raise InputError(field='prevalence') if ``p`` is above :meth:`break_even_prevalence`."""
        p = check_probability(p, "prevalence")
        if self.pool_sizes and p > self.break_even_prevalence():
            raise InputError(
                f"prevalence {p:g} is above {self.break_even_prevalence():.4f}, where "
                f"{self.label} stops saving tests; test individually",
                field="prevalence",
            )

    def summary(self, p: float, n: int = 100_000) -> dict[str, object]:
        """One row of a comparison table for ``n`` people at prevalence ``p``."""
        p = check_probability(p, "prevalence")
        fn, fp = self.expected_errors(p, n)
        tpp = self.tests_per_person(p)
        sizes = self.pool_sizes
        return {
            "design": self.family,
            "label": self.label,
            "pool_size": self.max_pool if sizes else 1,
            # one number per pooled stage, not text such as "20/4" (csv and json carry numbers):
            # None where the design has no such stage (individual testing has none)
            **{
                f"stage{i}_pool_size": (sizes[i - 1] if len(sizes) >= i else None)
                for i in range(1, MAX_POOLED_STAGES + 1)
            },
            "tests_per_person": tpp,
            "tests": tpp * n,
            "relative_cost": tpp,  # Dorfman's "relative cost": tests per person vs 1 for individual
            "sensitivity": self.sensitivity(p),
            "specificity": self.specificity(p),
            "expected_false_negatives": fn,
            "expected_false_positives": fp,
            "break_even_prevalence": self.break_even_prevalence() if sizes else 1.0,
            "unvalidated": self.unvalidated,
        }


@dataclass(frozen=True)
class IndividualDesign(Design):
    """One test per person: the baseline (1 test, sensitivity Se, specificity Sp)."""

    _family: ClassVar[str] = "individual"

    def tests_per_person(self, p: float) -> float:
        check_probability(p, "prevalence")
        return 1.0

    def sensitivity(self, p: float) -> float:
        check_probability(p, "prevalence")
        return self.stage_se(1)

    def specificity(self, p: float) -> float:
        check_probability(p, "prevalence")
        return self.sp

    @property
    def pool_sizes(self) -> tuple[int, ...]:
        return ()

    @property
    def label(self) -> str:
        return "individual"


@dataclass(frozen=True)
class DorfmanDesign(Design):
    """Dorfman two-stage: test pools of ``k``; test each member of a positive pool alone.

    E[tests]/person = 1/k + Se_k - (Se_k + Sp - 1) q^k   (Dorfman 1943 with Se = Sp = 1:
    1/k + 1 - q^k; Litvak et al. 1994; Kim et al. 2007 eq. for D2).
    Sensitivity = Se_k Se_1 (Se^2 without dilution).
    Specificity = 1 - (1 - Sp) [Se_k (1 - q^(k-1)) + (1 - Sp) q^(k-1)]  (-> 1 - (1-Sp)^2 as p -> 0).
    """

    k: int = 2
    _family: ClassVar[str] = "dorfman"

    def __init__(
        self, k: int, se: float = 1.0, sp: float = 1.0, dilution: DilutionModel | None = None
    ) -> None:
        object.__setattr__(self, "k", _check_int(k, "pool_size", 2))
        object.__setattr__(self, "se", se)
        object.__setattr__(self, "sp", sp)
        object.__setattr__(self, "dilution", dilution)
        self.__post_init__()

    def prob_pool_positive(self, p: float, size: int | None = None) -> float:
        """P(a pool of ``size`` (default k) tests positive)."""
        n = self.k if size is None else size
        q = 1.0 - check_probability(p, "prevalence")
        if n == 1:
            return self.stage_se(1) * (1 - q) + (1 - self.sp) * q
        return self.stage_se(n) * (1.0 - q**n) + (1.0 - self.sp) * q**n

    def tests_per_person(self, p: float) -> float:
        return 1.0 / self.k + self.prob_pool_positive(p)

    def sensitivity(self, p: float) -> float:
        check_probability(p, "prevalence")
        return self.stage_se(self.k) * self.stage_se(1)

    def specificity(self, p: float) -> float:
        q = 1.0 - check_probability(p, "prevalence")
        others = q ** (self.k - 1)
        pool_pos = self.stage_se(self.k) * (1.0 - others) + (1.0 - self.sp) * others
        return 1.0 - (1.0 - self.sp) * pool_pos

    @property
    def pool_sizes(self) -> tuple[int, ...]:
        return (self.k,)

    @property
    def label(self) -> str:
        return f"Dorfman k={self.k}"


@dataclass(frozen=True)
class ThreeStageDesign(Design):
    """Three-stage hierarchical: pool of ``k`` -> ``k/s`` subpools of ``s`` -> individuals.

    Kim et al. 2007 (H3), with q = 1 - p and stage sensitivities Se_k, Se_s, Se_1:
    E[tests]/person = 1/k + (1/s) P(pool+) + P(pool+, subpool+), where
    P(pool+) = Se_k (1-q^k) + (1-Sp) q^k and
    P(pool+, subpool+) = Se_k Se_s (1-q^s) + Se_k (1-Sp)(q^s - q^k) + (1-Sp)^2 q^k.
    Perfect test: 1/k + (1 - q^k)/s + 1 - q^s.
    Sensitivity = Se_k Se_s Se_1; specificity = 1 - (1-Sp) P(pool+, subpool+ | member negative).
    """

    k: int = 4
    s: int = 2
    _family: ClassVar[str] = "three_stage"

    def __init__(
        self,
        k: int,
        s: int,
        se: float = 1.0,
        sp: float = 1.0,
        dilution: DilutionModel | None = None,
    ) -> None:
        k = _check_int(k, "pool_size", 4)
        s = _check_int(s, "subpool_size", 2)
        if s >= k or k % s:
            raise InputError(
                f"subpool size {s} must divide pool size {k} and be smaller", field="subpool_size"
            )
        object.__setattr__(self, "k", k)
        object.__setattr__(self, "s", s)
        object.__setattr__(self, "se", se)
        object.__setattr__(self, "sp", sp)
        object.__setattr__(self, "dilution", dilution)
        self.__post_init__()

    def tests_per_person(self, p: float) -> float:
        q = 1.0 - check_probability(p, "prevalence")
        k, s, sp = self.k, self.s, self.sp
        se_k, se_s = self.stage_se(k), self.stage_se(s)
        pool_pos = se_k * (1 - q**k) + (1 - sp) * q**k
        both = se_k * se_s * (1 - q**s) + se_k * (1 - sp) * (q**s - q**k) + (1 - sp) ** 2 * q**k
        return 1.0 / k + pool_pos / s + both

    def sensitivity(self, p: float) -> float:
        check_probability(p, "prevalence")
        return self.stage_se(self.k) * self.stage_se(self.s) * self.stage_se(1)

    def specificity(self, p: float) -> float:
        q = 1.0 - check_probability(p, "prevalence")
        k, s, sp = self.k, self.s, self.sp
        se_k, se_s = self.stage_se(k), self.stage_se(s)
        sub_others, pool_others = q ** (s - 1), q ** (k - 1)
        both = (
            se_k * se_s * (1 - sub_others)
            + se_k * (1 - sp) * (sub_others - pool_others)
            + (1 - sp) ** 2 * pool_others
        )
        return 1.0 - (1.0 - sp) * both

    @property
    def pool_sizes(self) -> tuple[int, ...]:
        return (self.k, self.s)

    @property
    def label(self) -> str:
        return f"3-stage {self.k}/{self.s}"


@dataclass(frozen=True)
class ArrayDesign(Design):
    """Square array (matrix) pooling of n x n samples, optionally behind a master pool of n^2.

    Rows and columns are pooled (2n tests); a sample is tested alone when both its row and its
    column test positive (the intersection rule). Perfect test (Phatarfod & Sudbury 1994):
    E[tests]/person = 2/n + 1 - 2 q^n + q^(2n-1). With test error (Kim et al. 2007, A2):
    2/n + p Se_n^2 + q r^2, r = Se_n (1 - q^(n-1)) + (1-Sp) q^(n-1) (a negative's row positive).
    With a master pool (A2P) the array is done only when the master pool of n^2 tests positive:
    1/n^2 + (2/n) P(master+) + P(master+, row+, column+). Sensitivity Se_n^2 Se_1 (times Se_{n^2}
    with a master pool). Kim et al. also test rows alone when no column is positive (which only
    matters with test error); this module keeps the plain intersection rule, and the Monte Carlo
    in tests/pooling checks these formulas against exactly that rule.
    """

    n: int = 2
    master_pool: bool = False
    _family: ClassVar[str] = "array"

    def __init__(
        self,
        n: int,
        se: float = 1.0,
        sp: float = 1.0,
        dilution: DilutionModel | None = None,
        *,
        master_pool: bool = False,
    ) -> None:
        object.__setattr__(self, "n", _check_int(n, "array_size", 2))
        object.__setattr__(self, "master_pool", bool(master_pool))
        object.__setattr__(self, "se", se)
        object.__setattr__(self, "sp", sp)
        object.__setattr__(self, "dilution", dilution)
        self.__post_init__()

    def _parts(self, p: float) -> tuple[float, float, float, float]:
        """(P(master+), P(individual tested | positive), P(individual tested | negative), q)."""
        q = 1.0 - check_probability(p, "prevalence")
        n, sp = self.n, self.sp
        se_n = self.stage_se(n)
        a0 = q ** (n - 1)  # the other n-1 members of a row are all negative
        r_pos, r_neg = se_n, 1 - sp  # P(row tests +) when truly positive / negative
        if not self.master_pool:
            return 1.0, se_n**2, (r_pos * (1 - a0) + r_neg * a0) ** 2, q
        se_m = self.stage_se(n * n)
        rest = q ** ((n - 1) ** 2)  # the (n-1)^2 samples outside this row and column
        m_pos = se_m * (1 - q ** (n * n)) + (1 - sp) * q ** (n * n)
        row = r_pos * (1 - a0) + r_neg * a0
        both_clean = (r_neg * a0) ** 2  # row and column truly negative apart from this sample
        master_if_clean = se_m * (1 - rest) + (1 - sp) * rest
        tested_neg = se_m * (row**2 - both_clean) + both_clean * master_if_clean
        return m_pos, se_m * se_n**2, tested_neg, q

    def tests_per_person(self, p: float) -> float:
        m_pos, t_pos, t_neg, q = self._parts(p)
        first = 1.0 / self.n**2 if self.master_pool else 0.0
        return first + 2.0 / self.n * m_pos + (1 - q) * t_pos + q * t_neg

    def sensitivity(self, p: float) -> float:
        _, t_pos, _, _ = self._parts(p)
        return t_pos * self.stage_se(1)

    def specificity(self, p: float) -> float:
        _, _, t_neg, _ = self._parts(p)
        return 1.0 - (1.0 - self.sp) * t_neg

    @property
    def family(self) -> str:
        return "array_master" if self.master_pool else "array"

    @property
    def pool_sizes(self) -> tuple[int, ...]:
        return (self.n * self.n, self.n) if self.master_pool else (self.n,)

    @property
    def label(self) -> str:
        return f"array {self.n}x{self.n}" + (" + master" if self.master_pool else "")


# ---- optimal designs -------------------------------------------------------------------------


def candidates(
    family: str,
    *,
    se: float = 1.0,
    sp: float = 1.0,
    dilution: DilutionModel | None = None,
    max_pool: int = DEFAULT_MAX_POOL,
) -> Iterator[Design]:
    """Every design of ``family`` whose largest pool holds at most ``max_pool`` samples."""
    max_pool = _check_int(max_pool, "max_pool", 2)
    if family == "individual":
        yield IndividualDesign(se=se, sp=sp, dilution=dilution)
    elif family == "dorfman":
        for k in range(2, max_pool + 1):
            yield DorfmanDesign(k, se, sp, dilution)
    elif family == "three_stage":
        for k in range(4, max_pool + 1):
            for s in range(2, k):
                if k % s == 0:
                    yield ThreeStageDesign(k, s, se, sp, dilution)
    elif family in ("array", "array_master"):
        master = family == "array_master"
        n = 2
        while (n * n if master else n) <= max_pool:
            yield ArrayDesign(n, se, sp, dilution, master_pool=master)
            n += 1
    else:
        raise InputError(f"unknown design {family!r}; known: {', '.join(FAMILIES)}", field="design")


def family_break_even(
    family: str,
    *,
    se: float = 1.0,
    sp: float = 1.0,
    dilution: DilutionModel | None = None,
    max_pool: int = DEFAULT_MAX_POOL,
) -> float:
    """Largest prevalence at which some design of ``family`` still needs < 1 test per person.

    For Dorfman with a perfect test this is 1 - 3^(-1/3) = 0.3066 (at k = 3: 1/3 + 1 - q^3 = 1).
    """
    if family == "individual":
        return 1.0
    return max(
        d.break_even_prevalence()
        for d in candidates(family, se=se, sp=sp, dilution=dilution, max_pool=max_pool)
    )


def optimal_design(
    family: str,
    p: float,
    *,
    se: float = 1.0,
    sp: float = 1.0,
    dilution: DilutionModel | None = None,
    max_pool: int = DEFAULT_MAX_POOL,
    min_sensitivity: float = 0.0,
    objective: Callable[[Design, float], float] | None = None,
) -> Design:
    """The design of ``family`` with the fewest expected tests per person at prevalence ``p``.

    Integer search over every pool size up to ``max_pool`` (ties go to the smaller pool). Designs
    whose procedure sensitivity is below ``min_sensitivity`` are skipped (with dilution, a larger
    pool can look cheaper only because it misses positives). Raises InputError(field='prevalence')
    above the family's break-even prevalence, where pooling no longer saves tests.
    """
    p = check_probability(p, "prevalence")
    check_probability(min_sensitivity, "min_sensitivity")
    cost = objective or (lambda d, x: d.tests_per_person(x))
    pool = [
        d
        for d in candidates(family, se=se, sp=sp, dilution=dilution, max_pool=max_pool)
        if d.sensitivity(p) >= min_sensitivity - 1e-12
    ]
    if not pool:
        raise InputError(
            f"no {family} design up to pool size {max_pool} reaches sensitivity "
            f"{min_sensitivity:g}",
            field="min_sensitivity",
        )
    if family != "individual":
        threshold = max(d.break_even_prevalence() for d in pool)
        if p > threshold:
            raise InputError(
                f"prevalence {p:g} is above {threshold:.4f}, where {family} pooling stops "
                "saving tests; test individually",
                field="prevalence",
            )
    return min(pool, key=lambda d: (cost(d, p), d.max_pool))


def optimal_pool_size(
    p: float,
    *,
    se: float = 1.0,
    sp: float = 1.0,
    dilution: DilutionModel | None = None,
    max_pool: int = DEFAULT_MAX_POOL,
) -> int:
    """The optimal Dorfman pool size at prevalence ``p`` (near 1/sqrt(p) + 1 when p is small)."""
    d = optimal_design("dorfman", p, se=se, sp=sp, dilution=dilution, max_pool=max_pool)
    assert isinstance(d, DorfmanDesign)
    return d.k


def compare_designs(
    p: float,
    *,
    se: float = 1.0,
    sp: float = 1.0,
    dilution: DilutionModel | None = None,
    max_pool: int = DEFAULT_MAX_POOL,
    n: int = 100_000,
    families: tuple[str, ...] = FAMILIES,
    min_sensitivity: float = 0.0,
    min_relative_sensitivity: float = DEFAULT_MIN_RELATIVE_SENSITIVITY,
) -> pd.DataFrame:
    """Each family's optimal design at prevalence ``p`` side by side, with the recommended one.

    Only designs whose sensitivity is at least ``min_relative_sensitivity`` times individual
    testing's (default 0.95, :data:`DEFAULT_MIN_RELATIVE_SENSITIVITY`) and at least
    ``min_sensitivity`` are considered, so that a design is never recommended for being cheap
    because it misses positives; a family that cannot reach the floor is left out.

    Columns: design, label, pool_size (the largest pool), stage1_pool_size and
    stage2_pool_size (the pool size of each pooled stage, largest first: Dorfman k, three-stage
    k and s, an array's rows and columns n, behind a master pool n^2; None where the design
    has no such stage), tests_per_person, tests (for ``n`` people),
    relative_cost, sensitivity, specificity, expected_false_negatives, expected_false_positives,
    break_even_prevalence, unvalidated, relative_sensitivity (to individual testing),
    tests_per_positive_found (``tests_per_person / (p * sensitivity)``; inf at ``p = 0``), pays
    (cheaper than individual testing), recommended. The recommended design is the cheapest that
    pays; pool sizes above 20 are flagged ``unvalidated`` and an
    :class:`UnvalidatedPoolSizeWarning` is issued if one is recommended.
    Raises InputError(field='prevalence') when no pooled design pays (Dorfman's break-even,
    1 - 3^(-1/3) = 0.3066 with a perfect test).
    """
    p = check_probability(p, "prevalence")
    _check_int(n, "n", 1)
    check_probability(min_relative_sensitivity, "min_relative_sensitivity")
    single = IndividualDesign(se=se, sp=sp, dilution=dilution).sensitivity(p)
    floor = max(min_sensitivity, min_relative_sensitivity * single)
    threshold = family_break_even("dorfman", se=se, sp=sp, dilution=dilution, max_pool=max_pool)
    if p > threshold:
        raise InputError(
            f"prevalence {p:g} is above {threshold:.4f}, where Dorfman pooling (the design that "
            "pays longest) stops saving tests; test individually",
            field="prevalence",
        )
    rows = []
    below_floor: list[str] = []
    for fam in families:
        try:
            d = optimal_design(
                fam,
                p,
                se=se,
                sp=sp,
                dilution=dilution,
                max_pool=max_pool,
                min_sensitivity=floor,
            )
        except InputError as exc:
            # the family does not pay at p, or cannot reach the sensitivity floor
            if exc.field == "min_sensitivity":
                below_floor.append(fam)
            continue
        row = d.summary(p, n)
        row["relative_sensitivity"] = float(row["sensitivity"]) / single  # type: ignore[arg-type]
        found = p * float(row["sensitivity"])  # type: ignore[arg-type]
        row["tests_per_positive_found"] = (
            float(row["tests_per_person"]) / found if found > 0 else math.inf  # type: ignore[arg-type]
        )
        row["pays"] = fam == "individual" or row["tests_per_person"] < 1.0  # type: ignore[operator]
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        raise InputError(
            f"no design reaches sensitivity {floor:g}"
            + (
                f" ({min_relative_sensitivity:g} of individual testing's {single:.4f})"
                if floor > min_sensitivity
                else ""
            ),
            field="min_sensitivity",
        )
    out = out.reset_index(drop=True)
    for i in range(1, MAX_POOLED_STAGES + 1):  # whole numbers with gaps: 11, not 11.0
        out[f"stage{i}_pool_size"] = out[f"stage{i}_pool_size"].astype("Int64")
    out.attrs["min_sensitivity"] = floor
    out.attrs["below_floor"] = below_floor
    cost = np.where(out["pays"].to_numpy(bool), out["tests_per_person"].to_numpy(float), np.inf)
    best = int(np.argmin(cost))
    out["recommended"] = np.arange(len(out)) == best
    if bool(out["unvalidated"].iloc[best]):
        warnings.warn(
            f"recommended design {out['label'].iloc[best]} uses pools above "
            f"{VALIDATED_MAX_POOL}: not validated",
            UnvalidatedPoolSizeWarning,
            stacklevel=2,
        )
    return out.reset_index(drop=True)


def make_design(
    family: str,
    size: int | None = None,
    *,
    subpool: int | None = None,
    se: float = 1.0,
    sp: float = 1.0,
    dilution: DilutionModel | None = None,
) -> Design:
    """Build a design by name: ``individual``, ``dorfman`` (k), ``three_stage`` (k, subpool),
    ``array`` / ``array_master`` (row size n)."""
    if family == "individual":
        return IndividualDesign(se=se, sp=sp, dilution=dilution)
    if size is None:
        raise InputError(f"design {family!r} needs a pool size", field="pool_size")
    if family == "dorfman":
        return DorfmanDesign(size, se, sp, dilution)
    if family == "three_stage":
        if subpool is None:
            raise InputError("three_stage needs a subpool size", field="subpool_size")
        return ThreeStageDesign(size, subpool, se, sp, dilution)
    if family in ("array", "array_master"):
        return ArrayDesign(size, se, sp, dilution, master_pool=family == "array_master")
    raise InputError(f"unknown design {family!r}; known: {', '.join(FAMILIES)}", field="design")
