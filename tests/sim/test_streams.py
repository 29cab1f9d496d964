"""The counter-based samplers of ``flareup.sim.streams``: the ziggurat normal and exponential
(Marsaglia & Tsang 2000) and the gamma draw match their distributions, and every draw is a
deterministic function of its counters (checked against a pure-Python reference)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numba import njit
from scipy import stats

from flareup.sim import streams

N = 2_000_000
KEY = np.uint64(0x5EED_1234_ABCD)


@njit(cache=False)
def _draws(key: np.uint64, n: int, kind: int) -> np.ndarray:
    out = np.empty(n)
    for i in range(n):
        h = streams.hash_b(streams.hash_a(key, i), 3)
        if kind == 0:
            out[i] = streams.znormal_c(h, 6)
        elif kind == 1:
            out[i] = streams.zexp_c(h, 0)
        elif kind == 2:
            out[i] = streams.normal_pair(key, i, 3, 1)[1]
        else:
            out[i] = streams.znormal(key, i, 3, 2)
    return out


@njit(cache=False)
def _pairs(key: np.uint64, n: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.empty(n)
    y = np.empty(n)
    for i in range(n):
        x[i], y[i] = streams.normal_pair(key, i, 5, 0)
    return x, y


@njit(cache=False)
def _gammas(key: np.uint64, n: int, k: float) -> np.ndarray:
    out = np.empty(n)
    for i in range(n):
        z0 = streams.znormal(key, i, 1, 0)  # the caller's first normal: other counters
        out[i] = streams.gamma_mean1(k, key, i, 0, z0)
    return out


def _chi2_equiprobable(x: np.ndarray, ppf: object, bins: int = 400) -> float:
    edges = ppf(np.linspace(0.0, 1.0, bins + 1)[1:-1])  # type: ignore[operator]
    counts = np.bincount(np.searchsorted(edges, x), minlength=bins)
    return float(stats.chisquare(counts).pvalue)


def _check_moments(x: np.ndarray, mean: float, var: float, mu4: float) -> None:
    n = x.size
    # Sampling error: s.e. of the mean sqrt(var / n), of the variance sqrt((mu4 - var^2) / n).
    assert abs(x.mean() - mean) < 5.0 * math.sqrt(var / n)
    assert abs(x.var() - var) < 5.0 * math.sqrt((mu4 - var * var) / n)


def _check_tail(x: np.ndarray, lo: float, sf: object) -> None:
    """The share of draws beyond ``lo`` (in the ziggurat's tail, or its edge) as the
    distribution's, within 5 binomial standard errors."""
    p = float(sf(lo))  # type: ignore[operator]
    k = int((x > lo).sum())
    n = x.size
    assert abs(k - n * p) < 5.0 * math.sqrt(n * p * (1.0 - p)) + 1, (lo, k, n * p)


@pytest.mark.parametrize("kind", [0, 2, 3])
def test_normal_distribution(kind: int) -> None:
    x = _draws(KEY, N, kind)
    assert stats.kstest(x, stats.norm.cdf).pvalue > 1e-4
    assert _chi2_equiprobable(x, stats.norm.ppf) > 1e-4
    _check_moments(x, 0.0, 1.0, 3.0)
    # Tails: beyond the base layer's edge r (the tail algorithm), further out, both signs.
    for lo in (streams.ZIG_NOR_R - 0.5, streams.ZIG_NOR_R, 4.0, 4.5):
        _check_tail(x, lo, stats.norm.sf)
        _check_tail(-x, lo, stats.norm.sf)
    # Symmetry: the sign bit is independent of the magnitude.
    assert abs((x > 0).mean() - 0.5) < 5.0 * math.sqrt(0.25 / N)


def test_exponential_distribution() -> None:
    x = _draws(KEY, N, 1)
    assert x.min() >= 0.0
    assert stats.kstest(x, stats.expon.cdf).pvalue > 1e-4
    assert _chi2_equiprobable(x, stats.expon.ppf) > 1e-4
    _check_moments(x, 1.0, 1.0, 9.0)
    for lo in (streams.ZIG_EXP_R - 1.0, streams.ZIG_EXP_R, 9.0, 10.0):
        _check_tail(x, lo, stats.expon.sf)
    # Memorylessness inside the tail: the excess over r is Exp(1).
    tail = x[x > streams.ZIG_EXP_R] - streams.ZIG_EXP_R
    assert tail.size > 500
    assert stats.kstest(tail, stats.expon.cdf).pvalue > 1e-4


def test_normal_pair_independent() -> None:
    x, y = _pairs(KEY, N)
    assert abs(np.corrcoef(x, y)[0, 1]) < 5.0 / math.sqrt(N)
    assert abs(np.corrcoef(x * x, y * y)[0, 1]) < 5.0 / math.sqrt(N)
    # Radius of the pair: chi-square with 2 degrees of freedom (Box-Muller's would be too).
    assert stats.kstest(x * x + y * y, stats.chi2(2).cdf).pvalue > 1e-4


@pytest.mark.parametrize("k", [0.45, 2.5])
def test_gamma_mean1(k: float) -> None:
    g = _gammas(KEY, 1_000_000, k)
    dist = stats.gamma(k, scale=1.0 / k)
    assert stats.kstest(g, dist.cdf).pvalue > 1e-4
    # mean 1, variance 1 / k; fourth central moment of the gamma (3 k (k + 2) / k^4).
    _check_moments(g, 1.0, 1.0 / k, 3.0 * k * (k + 2.0) / k**4)
    for q in (0.999, 0.99999):
        _check_tail(g, float(dist.ppf(q)), dist.sf)


def _solve_top_layer(f, finv, tail, lo: float, hi: float) -> float:  # type: ignore[no-untyped-def]
    """r of the 256-layer ziggurat of density ``f`` whose top layer closes."""

    def gap(r: float) -> float:
        v = r * f(r) + tail(r)
        x = r
        for _ in range(254):
            y = v / x + f(x)
            if y >= f(0.0):
                return -1.0
            x = finv(y)
        return x * (f(0.0) - f(x)) - v

    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if (gap(mid) > 0) == (gap(lo) > 0):
            lo = mid
        else:
            hi = mid
    return lo


def test_ziggurat_constants() -> None:
    """The layers' edge and area close the ziggurat (equal areas), and the tables agree with
    numpy's published constants (Marsaglia & Tsang's r for 256 layers)."""

    def fn(x: float) -> float:
        return math.exp(-0.5 * x * x)

    r = _solve_top_layer(
        fn,
        lambda y: math.sqrt(-2.0 * math.log(y)),
        lambda r: math.sqrt(math.pi / 2.0) * math.erfc(r / math.sqrt(2.0)),
        3.0,
        4.0,
    )
    assert r == pytest.approx(streams.ZIG_NOR_R, rel=1e-14)
    assert (
        pytest.approx(
            r * fn(r) + math.sqrt(math.pi / 2.0) * math.erfc(r / math.sqrt(2.0)), rel=1e-14
        )
        == streams.ZIG_NOR_V
    )
    r = _solve_top_layer(
        lambda x: math.exp(-x), lambda y: -math.log(y), lambda r: math.exp(-r), 6.0, 9.0
    )
    assert r == pytest.approx(streams.ZIG_EXP_R, rel=1e-14)
    assert pytest.approx(r * math.exp(-r) + math.exp(-r), rel=1e-14) == streams.ZIG_EXP_V
    assert pytest.approx(3.6541528853610088, rel=1e-15) == streams.ZIG_NOR_R  # numpy's
    assert pytest.approx(7.69711747013104972, rel=1e-15) == streams.ZIG_EXP_R
    # Layer edges increase outwards; the fast path's rectangles lie under the curve.
    for k, w, f, dens, bits in (
        (streams.ZIG_NOR_K, streams.ZIG_NOR_W, streams.ZIG_NOR_F, fn, 52),
        (streams.ZIG_EXP_K, streams.ZIG_EXP_W, streams.ZIG_EXP_F, lambda x: math.exp(-x), 53),
    ):
        x = w * float(1 << bits)
        assert np.all(np.diff(x[1:]) > 0)
        assert np.all(np.diff(f[1:]) < 0)
        for i in range(2, 256):
            assert k[i] * w[i] <= x[i - 1]  # the rectangle's right edge: under the curve
            assert dens(k[i] * w[i]) >= f[i - 1]


# --- a pure-Python reference: the same draws from the same counters, bit for bit ---
M64 = (1 << 64) - 1


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def _hb(key: int, a: int, b: int) -> int:
    h = _mix(key ^ ((a * 0x9E3779B97F4A7C15) & M64))
    return _mix(h ^ ((b * 0xC2B2AE3D27D4EB4F) & M64))


def _word(h: int, s: int) -> int:
    return _mix(h ^ ((s * 0x165667B19E3779F9) & M64))


def _u(h: int, s: int) -> float:
    return float(_word(h, s) >> 11) * (1.0 / 9007199254740992.0)


def _ref_normal(h: int, s: int) -> float:
    k, w_, f = streams.ZIG_NOR_K, streams.ZIG_NOR_W, streams.ZIG_NOR_F
    stride = streams.ZIG_STRIDE
    n = 1
    w = _word(h, s)
    while True:
        idx, neg, rabs = w & 255, (w >> 8) & 1, w >> 12
        x = rabs * float(w_[idx])
        if rabs < int(k[idx]):
            return -x if neg else x
        if idx == 0:
            while True:
                xx = -math.log(1.0 - _u(h, s + n * stride)) / streams.ZIG_NOR_R
                yy = -math.log(1.0 - _u(h, s + (n + 1) * stride))
                n += 2
                if yy + yy > xx * xx:
                    return -(streams.ZIG_NOR_R + xx) if neg else streams.ZIG_NOR_R + xx
        fu = float(f[idx]) + (float(f[idx - 1]) - float(f[idx])) * _u(h, s + n * stride)
        n += 1
        if fu < math.exp(-0.5 * x * x):
            return -x if neg else x
        w = _word(h, s + n * stride)
        n += 1


def _ref_exp(h: int, s: int) -> float:
    k, w_, f = streams.ZIG_EXP_K, streams.ZIG_EXP_W, streams.ZIG_EXP_F
    stride = streams.ZIG_STRIDE
    n = 1
    w = _word(h, s)
    while True:
        idx, rabs = w & 255, w >> 11
        x = rabs * float(w_[idx])
        if rabs < int(k[idx]):
            return x
        if idx == 0:
            return streams.ZIG_EXP_R - math.log(1.0 - _u(h, s + n * stride))
        fu = float(f[idx]) + (float(f[idx - 1]) - float(f[idx])) * _u(h, s + n * stride)
        n += 1
        if fu < math.exp(-x):
            return x
        w = _word(h, s + n * stride)
        n += 1


@njit(cache=False)
def _one(key: np.uint64, a: int, b: int, s: int, kind: int) -> float:
    h = streams.hash_b(streams.hash_a(key, a), b)
    return streams.znormal_c(h, s) if kind == 0 else streams.zexp_c(h, s)


def test_draws_are_functions_of_their_counters() -> None:
    """Same counters, same draw (also in a fresh compile of the reference); every path
    (rectangle, wedge, tail, restart) checked against the reference, and the first word of
    znormal(key, a, b, c) is slot 2c, normal_pair's first."""
    key = int(KEY)
    paths = {"fast": 0, "slow": 0}
    for a in range(3000):
        for kind, ref, kt, bits in (
            (0, _ref_normal, streams.ZIG_NOR_K, 12),
            (1, _ref_exp, streams.ZIG_EXP_K, 11),
        ):
            h = _hb(key, a, 9)
            w = _word(h, 4)
            paths["fast" if (w >> bits) < int(kt[w & 255]) else "slow"] += 1
            assert _one(KEY, a, 9, 4, kind) == ref(h, 4)
            assert _one(KEY, a, 9, 4, kind) == _one(KEY, a, 9, 4, kind)
    assert paths["slow"] > 20  # the reference's slow paths were exercised
    # Counters with a first word in the normal's tail layer (idx 0, beyond r) and in a wedge.
    found = {"tail": 0, "wedge": 0}
    for a in range(200_000):
        h = _hb(key, a, 1)
        w = _word(h, 0)
        idx, rabs = w & 255, w >> 12
        if rabs >= int(streams.ZIG_NOR_K[idx]):
            which = "tail" if idx == 0 else "wedge"
            if found[which] < 5:
                found[which] += 1
                assert _one(KEY, a, 1, 0, 0) == _ref_normal(h, 0)
        if min(found.values()) >= 5:
            break
    assert min(found.values()) >= 5
    for a in range(50):
        z = streams.normal_pair(KEY, a, 2, 3)
        assert z[0] == streams.znormal(KEY, a, 2, 3)
        assert z[1] == _ref_normal(_hb(key, a, 2), 7)
        assert z[0] != z[1]


@njit(cache=False)
def _libm_pairs(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = x.size
    e, e0, lg, lg0 = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    for i in range(n):
        e[i] = streams.fexp(x[i])
        e0[i] = np.exp(x[i])
        lg[i] = streams.flog(abs(x[i]))
        lg0[i] = np.log(abs(x[i]))
    return e, e0, lg, lg0


def test_fexp_flog_are_numpys() -> None:
    """The kernels' direct exp and log give numba's np.exp and np.log, bit for bit,
    including overflow, underflow, zero and infinities."""
    rng = np.random.default_rng(5)
    x = np.concatenate(
        [
            rng.normal(0.0, 3.0, 100_000),
            rng.uniform(-800.0, 800.0, 10_000),
            np.array([0.0, -0.0, 1.0, 709.9, 710.0, -745.2, -746.0, 1e-310, np.inf, -np.inf]),
        ]
    )
    e, e0, lg, lg0 = _libm_pairs(x)
    np.testing.assert_array_equal(e, e0)
    np.testing.assert_array_equal(lg, lg0)


@njit(cache=False)
def _tails(key: np.uint64, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Draws that start in the base layer beyond its rectangle (the tails' algorithms), from
    first words forced there (index 0, the largest position, sign bit 0)."""
    w = np.uint64(0xFFFFFFFFFFFFF000)
    zn = np.empty(n)
    ze = np.empty(n)
    for i in range(n):
        h = streams.hash_b(streams.hash_a(key, i), 11)
        zn[i] = streams._znormal_slow(h, 0, w)
        ze[i] = streams._zexp_slow(h, 1, w)
    return zn, ze


def test_tails_are_exact() -> None:
    """The normal's tail beyond r is the normal conditioned on x > r (Marsaglia 1964), the
    exponential's is r + Exp(1): Kolmogorov-Smirnov on 400,000 tail draws each (a tail
    without the normal's rejection step, r + Exp(1) / r, fails it)."""
    zn, ze = _tails(KEY, 400_000)
    r = streams.ZIG_NOR_R
    sf_r = stats.norm.sf(r)
    assert zn.min() > r
    assert stats.kstest(zn, lambda x: 1.0 - stats.norm.sf(x) / sf_r).pvalue > 1e-4
    assert ze.min() > streams.ZIG_EXP_R
    assert stats.kstest(ze - streams.ZIG_EXP_R, stats.expon.cdf).pvalue > 1e-4
