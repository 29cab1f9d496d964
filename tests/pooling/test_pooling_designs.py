"""Pooled-testing designs against closed forms, published tables, enumeration and Monte Carlo."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flareup.errors import InputError
from flareup.pooling import (
    DEFAULT_MIN_RELATIVE_SENSITIVITY,
    FAMILIES,
    ArrayDesign,
    DilutionModel,
    DorfmanDesign,
    IndividualDesign,
    ThreeStageDesign,
    UnvalidatedPoolSizeWarning,
    candidates,
    compare_designs,
    entropy_bound,
    family_break_even,
    optimal_design,
    optimal_pool_size,
)

# Dorfman (1943), Ann Math Stat 14:436, Table 1: prevalence (%), optimum group size, relative
# testing cost (% of individual testing, rounded to whole per cent). Transcribed from the table as
# it is usually reproduced; the scan could not be re-read in this session. A 7 % row (5, 50) is
# left out: by Dorfman's own formula k = 4 costs 0.5020 there and k = 5 costs 0.5043.
DORFMAN_TABLE_1 = [
    (1, 11, 20),
    (2, 8, 27),
    (3, 6, 33),
    (4, 6, 38),
    (5, 5, 43),
    (6, 5, 47),
    (8, 4, 53),
    (9, 4, 56),
    (10, 4, 59),
    (12, 4, 65),
    (13, 3, 67),
    (15, 3, 72),
    (20, 3, 82),
    (25, 3, 91),
    (30, 3, 99),
]


# ---- Dorfman -----------------------------------------------------------------------------------


@pytest.mark.parametrize("p", [1e-4, 0.003, 0.01, 0.07, 0.2, 0.5, 0.9])
@pytest.mark.parametrize("k", [2, 3, 5, 11, 40])
def test_dorfman_perfect_closed_form(p: float, k: int) -> None:
    d = DorfmanDesign(k)
    assert d.tests_per_person(p) == pytest.approx(1 / k + 1 - (1 - p) ** k, rel=1e-13)
    assert d.sensitivity(p) == 1.0 and d.specificity(p) == 1.0


@pytest.mark.parametrize(("se", "sp"), [(0.95, 0.99), (0.8, 0.9), (1.0, 0.97)])
def test_dorfman_imperfect_closed_form(se: float, sp: float) -> None:
    # Litvak, Tu & Pagano 1994 / Kim et al. 2007: 1/k + Se - (Se + Sp - 1)(1-p)^k; Se^2;
    # specificity 1 - (1-Sp)[Se(1 - q^(k-1)) + (1-Sp) q^(k-1)], which -> 1 - (1-Sp)^2 as p -> 0.
    k, p = 7, 0.03
    q = 1 - p
    d = DorfmanDesign(k, se, sp)
    assert d.tests_per_person(p) == pytest.approx(1 / k + se - (se + sp - 1) * q**k)
    assert d.sensitivity(p) == pytest.approx(se**2)
    assert d.specificity(p) == pytest.approx(
        1 - (1 - sp) * (se * (1 - q ** (k - 1)) + (1 - sp) * q ** (k - 1))
    )
    assert d.specificity(0.0) == pytest.approx(1 - (1 - sp) ** 2)


def test_dorfman_one_percent_is_eleven_at_0196() -> None:
    assert optimal_pool_size(0.01) == 11
    assert DorfmanDesign(11).tests_per_person(0.01) == pytest.approx(0.19557083665, abs=1e-10)
    assert round(DorfmanDesign(11).tests_per_person(0.01), 3) == 0.196


@pytest.mark.parametrize(("pct", "size", "cost"), DORFMAN_TABLE_1)
def test_dorfman_1943_table(pct: int, size: int, cost: int) -> None:
    p = pct / 100
    assert optimal_pool_size(p, max_pool=60) == size
    assert round(100 * DorfmanDesign(size).tests_per_person(p)) == cost


@settings(max_examples=60, deadline=None)
@given(st.floats(1e-5, 0.30))
def test_dorfman_optimum_is_samuels_exact_solution(p: float) -> None:
    # Samuels (1978), Technometrics 20:497: for p < 1 - 3^(-1/3) the optimal group size is
    # 1 + floor(p^-1/2) or 2 + floor(p^-1/2), i.e. close to 1/sqrt(p) + 1.
    base = math.floor(p**-0.5)
    assert optimal_pool_size(p, max_pool=400) in (1 + base, 2 + base)


def test_dorfman_break_even_is_one_minus_cube_root_of_a_third() -> None:
    exact = 1 - 3 ** (-1 / 3)
    assert family_break_even("dorfman", max_pool=50) == pytest.approx(exact, abs=1e-10)
    assert DorfmanDesign(3).break_even_prevalence() == pytest.approx(exact, abs=1e-10)
    assert exact == pytest.approx(0.3066, abs=1e-4)
    optimal_design("dorfman", exact - 1e-6)  # still pays
    with pytest.raises(InputError) as e:
        optimal_design("dorfman", exact + 1e-6)
    assert e.value.field == "prevalence"
    with pytest.raises(InputError) as e:
        compare_designs(0.31)
    assert e.value.field == "prevalence"


# ---- three-stage and arrays: exact enumeration with a perfect test -----------------------------


def _enumerate(n_items: int, p: float, tests_fn) -> float:  # type: ignore[no-untyped-def]
    total = 0.0
    for bits in itertools.product((0, 1), repeat=n_items):
        x = np.array(bits)
        prob = p ** x.sum() * (1 - p) ** (n_items - x.sum())
        total += prob * tests_fn(x)
    return total / n_items


@pytest.mark.parametrize("p", [0.02, 0.1, 0.25])
def test_three_stage_perfect_matches_enumeration(p: float) -> None:
    k, s = 8, 4

    def tests(x: np.ndarray) -> int:
        if not x.any():
            return 1
        subs = x.reshape(k // s, s)
        return 1 + k // s + s * int(subs.any(axis=1).sum())

    d = ThreeStageDesign(k, s)
    assert d.tests_per_person(p) == pytest.approx(_enumerate(k, p, tests), rel=1e-12)
    q = 1 - p
    assert d.tests_per_person(p) == pytest.approx(1 / k + (1 - q**k) / s + 1 - q**s)


@pytest.mark.parametrize("master", [False, True])
@pytest.mark.parametrize("p", [0.03, 0.2])
def test_array_perfect_matches_enumeration(p: float, master: bool) -> None:
    n = 3

    def tests(x: np.ndarray) -> int:
        a = x.reshape(n, n)
        if master and not a.any():
            return 1
        inter = np.outer(a.any(axis=1), a.any(axis=0))
        return int(master) + 2 * n + int(inter.sum())

    d = ArrayDesign(n, master_pool=master)
    assert d.tests_per_person(p) == pytest.approx(_enumerate(n * n, p, tests), rel=1e-12)
    if not master:  # Phatarfod & Sudbury (1994): 2/n + 1 - 2 q^n + q^(2n-1)
        q = 1 - p
        assert d.tests_per_person(p) == pytest.approx(2 / n + 1 - 2 * q**n + q ** (2 * n - 1))


# ---- Monte Carlo with test error (and dilution) -------------------------------------------------


def _mc_check(est: np.ndarray, value: float) -> None:
    se = est.std(ddof=1) / math.sqrt(est.size)
    assert abs(est.mean() - value) < 5 * se + 1e-9, (est.mean(), value, se)


def _positive(rng: np.random.Generator, truth: np.ndarray, se: float, sp: float) -> np.ndarray:
    return np.where(truth, rng.random(truth.shape) < se, rng.random(truth.shape) < 1 - sp)


DIL = DilutionModel(limit=35.0)


@pytest.mark.parametrize("dilution", [None, DIL])
def test_dorfman_monte_carlo(dilution: DilutionModel | None) -> None:
    rng = np.random.default_rng(1)
    k, p, se, sp, m = 6, 0.05, 0.9, 0.95, 200_000
    d = DorfmanDesign(k, se, sp, dilution)
    x = rng.random((m, k)) < p
    pool = _positive(rng, x.any(axis=1), d.stage_se(k), sp)
    ind = _positive(rng, x, d.stage_se(1), sp) & pool[:, None]
    _mc_check((1 + k * pool) / k, d.tests_per_person(p))
    _mc_check(ind[x].astype(float), d.sensitivity(p))
    _mc_check((~ind[~x]).astype(float), d.specificity(p))


@pytest.mark.parametrize("dilution", [None, DIL])
def test_three_stage_monte_carlo(dilution: DilutionModel | None) -> None:
    rng = np.random.default_rng(2)
    k, s, p, se, sp, m = 12, 4, 0.04, 0.92, 0.97, 150_000
    d = ThreeStageDesign(k, s, se, sp, dilution)
    x = rng.random((m, k // s, s)) < p
    pool = _positive(rng, x.any(axis=(1, 2)), d.stage_se(k), sp)
    sub = _positive(rng, x.any(axis=2), d.stage_se(s), sp) & pool[:, None]
    ind = _positive(rng, x, d.stage_se(1), sp) & sub[:, :, None]
    tests = 1 + (k // s) * pool + s * sub.sum(axis=1)
    _mc_check(tests / k, d.tests_per_person(p))
    _mc_check(ind[x].astype(float), d.sensitivity(p))
    _mc_check((~ind[~x]).astype(float), d.specificity(p))


@pytest.mark.parametrize("master", [False, True])
@pytest.mark.parametrize("dilution", [None, DIL])
def test_array_monte_carlo(master: bool, dilution: DilutionModel | None) -> None:
    rng = np.random.default_rng(3)
    n, p, se, sp, m = 4, 0.04, 0.9, 0.96, 120_000
    d = ArrayDesign(n, se, sp, dilution, master_pool=master)
    x = rng.random((m, n, n)) < p
    go = _positive(rng, x.any(axis=(1, 2)), d.stage_se(n * n), sp) if master else np.ones(m, bool)
    row = _positive(rng, x.any(axis=2), d.stage_se(n), sp)
    col = _positive(rng, x.any(axis=1), d.stage_se(n), sp)
    tested = row[:, :, None] & col[:, None, :] & go[:, None, None]
    ind = _positive(rng, x, d.stage_se(1), sp) & tested
    tests = int(master) + 2 * n * go + tested.sum(axis=(1, 2))
    _mc_check(tests / n**2, d.tests_per_person(p))
    _mc_check(ind[x].astype(float), d.sensitivity(p))
    _mc_check((~ind[~x]).astype(float), d.specificity(p))


# ---- properties ---------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    p=st.floats(1e-6, 0.5),
    family=st.sampled_from(["dorfman", "three_stage", "array", "array_master"]),
    idx=st.integers(0, 200),
)
def test_never_below_entropy_bound(p: float, family: str, idx: int) -> None:
    designs = list(candidates(family, max_pool=36))
    d = designs[idx % len(designs)]
    assert d.tests_per_person(p) >= entropy_bound(p) - 1e-12
    assert d.tests_per_person(p) >= 1 / d.max_pool  # the first-stage tests alone


@settings(max_examples=60, deadline=None)
@given(
    k=st.integers(2, 60),
    se=st.floats(0.5, 1.0),
    limit=st.floats(30, 45),
    mean=st.floats(20, 35),
    sd=st.floats(2, 10),
    p=st.floats(0, 0.3),
)
def test_sensitivity_never_rises_with_pool_size(
    k: int, se: float, limit: float, mean: float, sd: float, p: float
) -> None:
    from flareup.pooling import CtDistribution, pool_sensitivity

    model = DilutionModel(CtDistribution((mean,), (sd,), (1.0,)), limit=limit)
    assert pool_sensitivity(k + 1, se, model) <= pool_sensitivity(k, se, model) + 1e-15
    assert (
        DorfmanDesign(k + 1, se, 0.99, model).sensitivity(p)
        <= DorfmanDesign(k, se, 0.99, model).sensitivity(p) + 1e-15
    )
    assert (
        ArrayDesign(k + 1, se, 0.99, model).sensitivity(p)
        <= ArrayDesign(k, se, 0.99, model).sensitivity(p) + 1e-15
    )
    s = 2
    assert (
        ThreeStageDesign(2 * (k + 1), s, se, 0.99, model).sensitivity(p)
        <= ThreeStageDesign(2 * k, s, se, 0.99, model).sensitivity(p) + 1e-15
    )


def test_compare_designs_recommends_cheapest_and_flags_large_pools() -> None:
    t = compare_designs(0.01)
    assert t["recommended"].sum() == 1
    best = t[t["recommended"]].iloc[0]
    assert best["tests_per_person"] == t["tests_per_person"].min()
    assert not t["unvalidated"].any()
    dor = t[t["design"] == "dorfman"].iloc[0]
    assert dor["pool_size"] == 11
    with pytest.warns(UnvalidatedPoolSizeWarning):
        big = compare_designs(0.001, max_pool=40)
    assert big[big["design"] == "dorfman"]["unvalidated"].iloc[0]  # k = 32 > 20


def test_individual_design() -> None:
    d = IndividualDesign(se=0.9, sp=0.98)
    assert d.tests_per_person(0.2) == 1.0
    assert d.expected_errors(0.1, 1000) == pytest.approx((10.0, 18.0))


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: DorfmanDesign(1), "pool_size"),
        (lambda: DorfmanDesign(5, se=1.2), "sensitivity"),
        (lambda: DorfmanDesign(5, sp=0.0), "specificity"),
        (lambda: ThreeStageDesign(9, 2), "subpool_size"),
        (lambda: ArrayDesign(1), "array_size"),
        (lambda: DorfmanDesign(5).tests_per_person(-0.1), "prevalence"),
        (lambda: DorfmanDesign(5).tests_per_person(1.5), "prevalence"),
        (lambda: DorfmanDesign(5).tests_per_person(float("nan")), "prevalence"),
        (lambda: optimal_design("hexagonal", 0.01), "design"),
        (lambda: optimal_design("dorfman", 0.01, max_pool=1), "max_pool"),
    ],
)
def test_bad_input_names_the_parameter(make, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as e:
        make()
    assert e.value.field == field


def test_default_recommendation_keeps_sensitivity_with_dilution() -> None:
    # Regression (issue 12): with dilution the cheapest design was a three-stage 20/5 design
    # finding 71-83% of positives; the default floor is 0.95 of individual testing's sensitivity.
    for p in (0.001, 0.01, 0.05):
        t = compare_designs(p, dilution=DilutionModel())
        best = t[t["recommended"]].iloc[0]
        assert best["relative_sensitivity"] >= DEFAULT_MIN_RELATIVE_SENSITIVITY - 1e-12
        assert (
            t["sensitivity"]
            >= 0.95 * t.loc[t["design"] == "individual", "sensitivity"].iloc[0] - 1e-12
        ).all()
        assert best["design"] != "individual"
        assert "three_stage" in t.attrs["below_floor"]
    # The floor is a documented parameter: lowered to 0, the cheap insensitive design returns.
    loose = compare_designs(0.01, dilution=DilutionModel(), min_relative_sensitivity=0.0)
    assert loose[loose["recommended"]]["sensitivity"].iloc[0] < 0.9
    # Tests per positive found = tests per person / (p * sensitivity).
    row = loose.iloc[1]
    assert row["tests_per_positive_found"] == pytest.approx(
        row["tests_per_person"] / (0.01 * row["sensitivity"])
    )
    # Without dilution and with a perfect assay the floor changes nothing (Dorfman k=11 etc.).
    assert compare_designs(0.01)["design"].tolist() == list(FAMILIES)
