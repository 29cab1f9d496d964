"""Synthetic population: structure, and proportions against the inputs within sampling error.

Tolerances are 4 standard errors of the quantity under the stated sampling model (binomial for
a share, sigma/sqrt(n) for a mean), so a correct implementation fails about once in 16,000 runs
per check; the seeds are fixed, so the tests are deterministic.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from flareup.errors import ConfigError
from flareup.sim.population import (
    NamedWorkplace,
    PopulationParams,
    _below,
    _below_keyed,
    _choice,
    _choice_at,
    _choice_split,
    _fit_groups_into,
    _households_and_ages,
    _households_into,
    _order_by_key_then,
    _workplaces_into,
    gravity_weights,
    leaf_areas,
    make_population,
    synthesize,
)

# The rows of the bundled Kashgar area table that matter here (codes, parents, 2020 census).
KASHGAR = """code,name_en,level,parent_code,population
653100,Kashgar Prefecture,prefecture,650000,4496377
653101,Kashgar City,county,653100,782662
653121,Shufu,county,653100,263014
653122,Shule,county,653100,355544
653123,Yengisar,county,653100,
653124,Zepu,county,653100,206936
653125,Shache,county,653100,860800
653126,Yecheng,county,653100,525436
653127,Makit,county,653100,
653128,Yopurga,county,653100,162675
653129,Jiashi,county,653100,424821
653130,Bachu,county,653100,366141
653131,Taxkorgan,county,653100,39946
653022,Akto,county,653000,226005
653121100,Tokzak,township,653121,
653121101,Langan,township,653121,
653121102,Wukusak,township,653121,
653121103,Upal,township,653121,
653121201,Tashmilik,township,653121,
653121202,Tierimu,township,653121,
653121203,Bulakesu,township,653121,
653121204,Sayibag,township,653121,
653121205,Zhanmin,township,653121,
653121211,Mushi,township,653121,
653121400,Farm 1,township,653121,
653121401,Farm 2,township,653121,
653121402,Farm 3,township,653121,
653121403,Farm 4,township,653121,
653121406,Industrial zone,township,653121,
"""


@pytest.fixture(scope="module")
def params() -> PopulationParams:
    return PopulationParams.load()


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(KASHGAR), dtype={"code": str, "parent_code": str})


@pytest.fixture(scope="module")
def areas(table: pd.DataFrame, params: PopulationParams) -> pd.DataFrame:
    return leaf_areas(table, params, root="653100")


@pytest.fixture(scope="module")
def pop(areas: pd.DataFrame, params: PopulationParams):
    return synthesize(areas, params, seed=20201024, scale=0.1)


def _tol_share(p: float, n: int) -> float:
    return 4 * np.sqrt(p * (1 - p) / n)


def test_leaf_areas_fill_gaps_as_documented(areas: pd.DataFrame) -> None:
    pop = dict(zip(areas["code"], areas["population"], strict=True))
    assert "653121" not in pop and "653022" not in pop  # Shufu is split; Akto is not Kashgar
    assert len(areas) == 11 + 15
    # Yengisar + Makit: the prefecture residual, split by their 2010 shares 262,067 : 258,978.
    assert pop["653123"] + pop["653127"] == 4496377 - 3987975
    assert abs(pop["653123"] / 508402 - 262067 / (262067 + 258978)) < 1e-5
    shufu = [p for c, p in pop.items() if c.startswith("653121")]
    assert sum(shufu) == 263014
    assert pop["653121100"] / pop["653121205"] == pytest.approx(1.5, rel=1e-3)
    assert areas["population"].sum() == 4496377
    assert areas[["lat", "lon"]].notna().all().all()


def test_leaf_areas_unknown_root(table: pd.DataFrame, params: PopulationParams) -> None:
    with pytest.raises(ConfigError, match="root"):
        leaf_areas(table, params, root="999999")


def test_every_agent_in_exactly_one_household_and_area_sizes(pop, areas) -> None:
    expected = np.maximum(np.rint(areas["population"].to_numpy() * 0.1), 1).astype(int)
    assert np.array_equal(np.bincount(pop.area, minlength=len(areas)), expected)
    assert pop.n == expected.sum()
    indptr, indices = pop.members("household")
    assert np.array_equal(np.sort(indices), np.arange(pop.n))
    assert (pop.household >= 0).all() and len(indptr) == pop.n_households + 1
    # Households never straddle areas.
    hh_area_min = np.minimum.reduceat(pop.area[indices], indptr[:-1])
    hh_area_max = np.maximum.reduceat(pop.area[indices], indptr[:-1])
    assert np.array_equal(hh_area_min, hh_area_max)


def test_household_sizes_match_input(pop, params) -> None:
    sizes, p = params.household_size_distribution()
    assert (sizes * p).sum() == pytest.approx(3.32, abs=1e-9)
    hh = np.bincount(pop.household)
    var = (p * (sizes - 3.32) ** 2).sum()
    # One household per area is cut short to make the area total exact: a bias < areas / H.
    tol = 4 * np.sqrt(var / len(hh)) + pop.n_areas * sizes.max() / len(hh)
    assert abs(hh.mean() - 3.32) < tol
    for k in (1, 3, 6):
        share = (hh == k).mean()
        assert abs(share - p[sizes == k][0]) < _tol_share(p[sizes == k][0], len(hh)) + 0.002


def test_age_distribution_matches_pyramid(pop, params) -> None:
    p_age = params.age_distribution()
    for lo, hi in ((0, 14), (15, 59), (60, 94)):
        p = p_age[lo : hi + 1].sum()
        share = ((pop.age >= lo) & (pop.age <= hi)).mean()
        assert abs(share - p) < _tol_share(p, pop.n)
    heads = pop.members("household")[1][pop.members("household")[0][:-1]]
    assert (pop.age[heads] >= params.head_min_age).all()


def test_employment_by_age(pop, params) -> None:
    emp = params.by_age(params.employment, "employed_share", 94)
    for age in (18, 30, 57, 70):
        sel = pop.age == age
        share = (pop.workplace[sel] >= 0).mean()
        assert abs(share - emp[age]) < _tol_share(emp[age], sel.sum()) + 1e-12


def test_workplaces_consistent_and_factory(pop, areas, params) -> None:
    workers = np.flatnonzero(pop.workplace >= 0)
    assert np.array_equal(
        np.bincount(pop.workplace[workers], minlength=pop.n_workplaces), pop.workplace_size
    )
    assert np.array_equal(pop.workplace_area[pop.workplace[workers]], pop.area[workers])
    assert (pop.workplace_size >= 1).all()
    assert np.array_equal(
        pop.workplace_is_factory[pop.workplace_size >= params.factory_min_size],
        np.ones((pop.workplace_size >= params.factory_min_size).sum(), bool),
    )
    wid = pop.workplace_names["shufu-garment-factory"]
    assert pop.workplace_size[wid] == round(252 * 0.1)  # scaled with everything else
    assert pop.workplace_is_factory[wid]
    assert pop.areas["code"].iloc[pop.workplace_area[wid]] == "653121205"


def test_workplace_sizes_follow_truncated_pareto(params) -> None:
    one = pd.DataFrame(
        {
            "code": ["X"],
            "name": ["X"],
            "parent_code": [None],
            "population": [400_000],
            "lat": [39.0],
            "lon": [76.0],
        }
    )
    p = synthesize(one, params.replace(named_workplaces=()), seed=7)
    sizes = p.workplace_size[:-1]  # the last one is cut to fit
    a, lo, hi = params.workplace_size_alpha, params.workplace_size_min, params.workplace_size_max
    for s in (2, 10, 100):
        surv = (s**-a - (hi + 1.0) ** -a) / (lo**-a - (hi + 1.0) ** -a)
        assert abs((sizes >= s).mean() - surv) < _tol_share(surv, len(sizes))


def test_dormitories_hold_factory_workers(pop, params) -> None:
    d = pop.dormitory >= 0
    assert d.sum() > 0
    assert pop.workplace_is_factory[pop.workplace[d]].all()
    indptr, indices = pop.members("dormitory")
    assert (np.diff(indptr) <= params.dormitory_size).all() and (np.diff(indptr) >= 1).all()
    wp = pop.workplace[indices]
    assert np.array_equal(
        np.minimum.reduceat(wp, indptr[:-1]), np.maximum.reduceat(wp, indptr[:-1])
    )
    fw = pop.workplace_is_factory[np.maximum(pop.workplace, 0)] & (pop.workplace >= 0)
    share = d.sum() / fw.sum()
    assert abs(share - params.dormitory_share) < _tol_share(params.dormitory_share, fw.sum())


def test_schools_by_age_and_area(pop, params) -> None:
    enrol = params.by_age(params.school_enrolment, "enrolled_share", 94)
    pupils = pop.school >= 0
    assert (enrol[pop.age[pupils]] > 0).all()
    for age in (4, 9, 16):
        sel = pop.age == age
        assert abs(pupils[sel].mean() - enrol[age]) < _tol_share(enrol[age], sel.sum())
    indptr, indices = pop.members("school")
    ar = pop.area[indices]
    assert np.array_equal(
        np.minimum.reduceat(ar, indptr[:-1]), np.maximum.reduceat(ar, indptr[:-1])
    )


def test_same_seed_same_population(areas, params) -> None:
    a = synthesize(areas, params, seed=3, scale=0.01)
    b = synthesize(areas, params, seed=3, scale=0.01)
    c = synthesize(areas, params, seed=4, scale=0.01)
    for name in ("area", "age", "household", "workplace", "dormitory", "school"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.age, c.age)


@pytest.mark.parametrize("n_keys", [1, 7, 300])
def test_order_by_key_then_is_lexsort(n_keys: int) -> None:
    # The linear-time sort gives lexsort's permutation, draw for draw, with uneven key runs.
    rng = np.random.default_rng(n_keys)
    key = np.minimum(rng.geometric(0.05, 20_000) - 1, n_keys - 1)
    r = rng.random(len(key))
    assert np.array_equal(_order_by_key_then(key, r), np.lexsort((r, key)))


def test_order_by_key_then_ties_fall_back_to_lexsort() -> None:
    key = np.array([2, 0, 2, 2, 0, 1])
    r = np.array([0.5, 0.25, 0.5, 0.125, 0.25, 0.0])  # two ties: lexsort keeps index order
    assert np.array_equal(_order_by_key_then(key, r), np.lexsort((r, key)))
    assert _order_by_key_then(np.array([], dtype=np.int64), np.array([])).size == 0
    big = np.array([5000, 3])  # a key of 11 bits or more: lexsort itself
    assert np.array_equal(_order_by_key_then(big, np.array([0.1, 0.2])), [1, 0])


def test_fused_synthesis_passes_match_the_numpy_they_replace() -> None:
    # Synthesis's fused kernels give the arrays the numpy expressions gave, draw for draw.
    rng = np.random.default_rng(5)
    n = 50_000
    size = rng.integers(1, 9, 12_000)
    size = size[np.cumsum(size) <= n]
    n = int(size.sum())
    hh_area = np.sort(rng.integers(0, 30, len(size)))
    household, area, is_head = np.empty(n, np.int32), np.empty(n, np.int32), np.empty(n, bool)
    _households_into(size, hh_area, household, area, is_head)
    assert np.array_equal(household, np.repeat(np.arange(len(size), dtype=np.int32), size))
    assert np.array_equal(area, np.repeat(hh_area.astype(np.int32), size))
    assert np.array_equal(np.flatnonzero(is_head), np.cumsum(size) - size)
    ages = np.arange(101)
    p = rng.random(101) ** 3
    p /= p.sum()
    p_head = np.where(ages >= 18, p, 0.0) / p[18:].sum()
    want = np.empty(n, np.int16)
    a, b = np.random.default_rng(9), np.random.default_rng(9)
    want[is_head] = _choice(a, ages, len(size), p_head)
    want[~is_head] = _choice(a, ages, n - len(size), p)
    got = np.full(n, -1, np.int16)
    _choice_at(b, ages, p_head, got, is_head, True, len(size))
    _choice_at(b, ages, p, got, is_head, False, n - len(size))
    assert np.array_equal(got, want)
    assert a.random() == b.random()  # the same draws consumed
    share = rng.random(101)
    share[:6] = 0.0
    share[40:] = 1.0
    u = rng.random(n)
    assert np.array_equal(_below(u, share, got), np.flatnonzero(u < share[got]))
    with pytest.raises(ValueError):  # numpy's own check of p, as rng.choice gave it
        _choice_at(b, ages, -p, got, is_head, True, len(size))
    # _fill_groups' round: the groups kept while people are left in their area, the last cut.
    remaining = rng.integers(0, 400, 30)
    k = np.where(remaining > 0, remaining // 3 + 8, 0)
    sizes = rng.integers(1, 12, int(k.sum()))
    area_of = np.repeat(np.arange(30), k)
    csum = np.cumsum(sizes)
    before = csum - sizes - np.repeat(np.concatenate(([0], csum))[np.cumsum(k) - k], k)
    room = remaining[area_of] - before
    keep = room > 0
    a_got, s_got, used = (
        np.empty(len(sizes), np.int64),
        np.empty(len(sizes), np.int64),
        np.zeros(30, np.int64),
    )
    m = _fit_groups_into(sizes, k, remaining, a_got, s_got, used)
    assert np.array_equal(a_got[:m], area_of[keep])
    assert np.array_equal(s_got[:m], np.minimum(sizes, room)[keep])
    assert np.array_equal(used, np.bincount(area_of[keep], np.minimum(sizes, room)[keep], 30))
    assert np.array_equal(used, np.minimum(remaining, np.bincount(area_of, sizes, 30)))


def test_one_pass_ages_workplaces_and_school_keys_match_what_they_replace() -> None:
    # Heads' and others' ages in one pass (_choice_split): _choice_at for each side, draw for
    # draw (heads' uniforms first), the same draws consumed; either side empty, or a p numpy
    # refuses, goes through _choice_at (numpy's own error).
    rng = np.random.default_rng(11)
    ages = np.arange(101)
    p = rng.random(101) ** 3
    p /= p.sum()
    p_head = np.where(ages >= 18, p, 0.0) / p[18:].sum()
    for size in (rng.integers(1, 9, 9_000), np.ones(500, np.int64), np.full(100, 5)):
        n = int(size.sum())
        is_head = np.zeros(n, bool)
        is_head[np.cumsum(size) - size] = True
        n_head = len(size)
        for p_t, p_f in ((p_head, p), (p, p_head)):
            want = np.full(n, -1, np.int16)
            a, b = np.random.default_rng(3), np.random.default_rng(3)
            _choice_at(a, ages, p_t, want, is_head, True, n_head)
            _choice_at(a, ages, p_f, want, is_head, False, n - n_head)
            got = np.full(n, -1, np.int16)
            _choice_split(b, ages, p_t, p_f, got, is_head, n_head)
            assert np.array_equal(got, want) and (got >= 0).all()
            assert a.random() == b.random()
    with pytest.raises(ValueError):
        _choice_split(np.random.default_rng(1), ages, p, -p, got, is_head, n_head)
    # Households, areas and ages in one pass: _households_into then _choice_split, draw for
    # draw (all households of one: through those two).
    for size in (rng.integers(1, 9, 9_000), np.ones(500, np.int64)):
        n = int(size.sum())
        hh_area = np.sort(rng.integers(0, 30, len(size)))
        household, area, is_head = np.empty(n, np.int32), np.empty(n, np.int32), np.empty(n, bool)
        _households_into(size, hh_area, household, area, is_head)
        want = np.empty(n, np.int16)
        a, b = np.random.default_rng(4), np.random.default_rng(4)
        _choice_split(a, ages, p_head, p, want, is_head, len(size))
        got_hh, got_area, got = np.empty(n, np.int32), np.empty(n, np.int32), np.empty(n, np.int16)
        _households_and_ages(b, size, hh_area, ages, p_head, p, got_hh, got_area, got)
        assert np.array_equal(got_hh, household) and np.array_equal(got_area, area)
        assert np.array_equal(got, want) and a.random() == b.random()
    # The workplace assignment: the shuffled workers fill the workplaces in order.
    n = 5_000
    workers = np.sort(rng.choice(n, 3_000, replace=False)).astype(np.intp)
    order = rng.permutation(len(workers))
    wp_size = np.diff(np.r_[0, np.sort(rng.choice(np.arange(1, len(workers)), 400, False)), 3_000])
    is_factory = rng.random(len(wp_size)) < 0.3
    workplace = np.full(n, -1, np.int32)
    fw = np.empty(len(workers), np.intp)
    fw = fw[: _workplaces_into(workers, order, wp_size, is_factory, workplace, fw)]
    w = workers[order]
    expect = np.full(n, -1, np.int32)
    expect[w] = np.repeat(np.arange(len(wp_size), dtype=np.int32), wp_size)
    assert np.array_equal(workplace, expect)
    assert np.array_equal(fw, w[is_factory[expect[w]]])
    # The pupils and their (area, level) keys, the workers and their areas.
    area = rng.integers(0, 40, n).astype(np.int32)
    age = rng.integers(0, 101, n).astype(np.int16)
    level_of_age = np.where((ages >= 6) & (ages <= 18), (ages - 6) // 6, -1)
    share = np.where(level_of_age >= 0, rng.random(101), 0.0)
    u = rng.random(n)
    pupils, key = _below_keyed(u, share, age, area, level_of_age, 3)
    assert np.array_equal(pupils, np.flatnonzero(u < share[age])) and len(pupils) > 100
    assert np.array_equal(key, area[pupils].astype(np.int64) * 3 + level_of_age[age[pupils]])
    w, w_area = _below_keyed(u, share, age, area, np.zeros(101, np.int64), 1)
    assert np.array_equal(w, pupils) and np.array_equal(w_area, area[w])


def test_members_csr_matches_definition() -> None:
    p = make_population([0, 0, 1, 1, 1, 2], workplace=[-1, 1, 0, -1, 1, 1], area=[0, 0, 0, 1, 1, 1])
    indptr, indices = p.members("workplace")
    assert indptr.tolist() == [0, 1, 4] and indices.tolist() == [2, 1, 4, 5]
    assert p.members("workplace") is p.members("workplace")  # cached
    assert p.members("dormitory")[0].tolist() == [0]
    with pytest.raises(ValueError, match="unknown layer"):
        p.members("pub")


def test_overrides_from_files(tmp_path, areas) -> None:
    f = tmp_path / "emp.csv"
    f.write_text("age_lo,age_hi,employed_share\n20,59,1.0\n")
    params = PopulationParams.load(employment=f, dormitory_share=0.0)
    p = synthesize(areas.iloc[:2], params, seed=1, scale=0.01)
    adults = (p.age >= 20) & (p.age <= 59)
    assert (p.workplace[adults] >= 0).all() and (p.workplace[~adults] < 0).all()
    assert p.n_dormitories == 0
    with pytest.raises(ConfigError, match="wrong_name"):
        PopulationParams.load(wrong_name=1)
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n")
    with pytest.raises(ConfigError, match=r"bad\.csv"):
        PopulationParams.load(household_size=bad)


def test_gravity_kernel(areas) -> None:
    w = gravity_weights(areas)
    assert np.allclose(w.sum(axis=1), 1.0) and np.allclose(np.diag(w), 0.0)
    # Zhanmin mixes more with its Shufu neighbours than with far-away Taxkorgan.
    codes = list(areas["code"])
    z, tok, tax = codes.index("653121205"), codes.index("653121100"), codes.index("653131")
    assert w[z, tok] > w[z, tax]


def test_named_workplace_outside_areas_is_ignored(areas, params) -> None:
    p = synthesize(
        areas.iloc[:1],
        params.replace(named_workplaces=(NamedWorkplace("x", "nowhere", 10),)),
        seed=1,
        scale=0.01,
    )
    assert p.workplace_names == {}


def test_contiguous_layers_are_found_without_a_kernel() -> None:
    # build_layers' flag "member r of group g is ptr[g] + r" (the member list is 0, 1, 2, ...).
    from flareup.sim.networks import _is_identity, build_layers, csr

    ident = np.arange(10, dtype=np.int32)
    assert _is_identity(ident, ident) and _is_identity(ident.copy())
    assert not _is_identity(np.zeros(0, np.int32))
    assert not _is_identity(np.array([0, 2, 1, 3], np.int32))
    assert not _is_identity(np.array([0, 1, 1, 3], np.int32))  # ends at its length less one
    # A counting sort's list is the identity where the members are the first agents, in order.
    _, idx = csr(np.array([0, 0, 1, -1, -1], np.int32), 2, np.empty(5, np.int32))
    assert idx.tolist() == [0, 1, 2] and _is_identity(idx)
    _, idx = csr(np.array([0, -1, 1, 1, -1], np.int32), 2, np.empty(5, np.int32))
    assert not _is_identity(idx)
    k = np.arange(12)
    pop = make_population(
        k // 3, workplace=np.where(k < 6, k // 2, -1), school=np.where(k % 2 == 0, k // 4, -1)
    )
    lay = build_layers(pop)
    # household, dormitory (none), workplace (the first agents), school (every other), area
    assert lay.contiguous.tolist() == [True, False, True, False, True]


def test_sorted_pointers_and_household_ranks_match_a_counting_sort() -> None:
    # _sorted_ptr writes the pointers where the group id changes (one pass, no counting); it
    # must give a counting sort's pointers wherever the ids are non-decreasing and in range
    # (empty groups included: first, inside, last), and nothing (an empty array) otherwise.
    from flareup.sim.networks import _household_pos, _sorted_ptr

    rng = np.random.default_rng(5)
    for n_groups in (1, 2, 7, 50):
        for n in (0, 1, 2, 5, 100, 1000):
            g = np.sort(rng.integers(0, n_groups, n)).astype(np.int32)
            ptr = _sorted_ptr(g, n_groups)
            want = np.concatenate([[0], np.cumsum(np.bincount(g, minlength=n_groups))])
            assert ptr.dtype == np.int64 and ptr.tolist() == want.tolist()
            if n:
                pos = np.empty(n, np.uint16)
                _household_pos(g, ptr, pos)
                size = np.diff(ptr)[g]
                rank = np.arange(n) - ptr[:-1][g]
                assert pos.tolist() == ((rank | (size << 8)) & 0xFFFF).tolist()  # as uint16
    assert _sorted_ptr(np.array([0, 0, 1, 4, 4], np.int32), 6).tolist() == [0, 2, 3, 3, 3, 5, 5]
    assert _sorted_ptr(np.array([2, 2], np.int32), 3).tolist() == [0, 0, 0, 2]
    for bad, n_groups in (([0, 1, 0], 2), ([-1, 0], 2), ([0, -1], 2), ([0, 2], 2), ([3], 2)):
        assert _sorted_ptr(np.array(bad, np.int32), n_groups).size == 0
    assert _sorted_ptr(np.array([0], np.int32), 0).size == 0


def test_age_bins_of_agents_as_defined() -> None:
    # make_agents' bins: min(age // 10, 9) as int8, by one pass where every age is below 100
    # and by the general path otherwise (ages of 100 and over, negative ages, other dtypes).
    from flareup.sim.people import make_agents

    rng = np.random.default_rng(1)
    for age in (
        rng.integers(0, 100, 70_001).astype(np.int16),
        rng.integers(0, 120, 70_001).astype(np.int16),
        np.array([0, 9, 10, 99], np.int64),
        np.array([-15, 5, 99], np.int32),
        np.array([3.0, 47.5, 150.0]),
        np.zeros(0, np.int16),
    ):
        n = len(age)
        z = np.zeros(n, np.int32)
        ag = make_agents(z, age, z, z - 1, z - 1, z - 1)
        want = np.minimum(np.asarray(age) // 10, 9).astype(np.int8)
        assert ag.agebin.dtype == np.int8 and ag.agebin.tolist() == want.tolist()
