# mypy: disable-error-code="arg-type"
# (numba kernels: numba types their arguments itself; numpy scalars and ints mix freely.)
"""Named random streams as counter-based random numbers (common random numbers).

Every stochastic decision of the engine has a *name* (``"transmission/attempts"``,
``"disease/durations"``, ``"intervention/MassTesting"`` ...). :class:`Streams` turns the run's seed and the
name into a 64-bit key through :func:`flareup.rng.stream`; the engine's numba kernels then draw
uniform numbers as a hash of ``(key, agent, day, slot)`` (SplitMix64's finaliser, Steele, Lea &
Flood 2014, used as a counter-based generator as in Salmon et al. 2011, "Parallel random numbers:
as easy as 1, 2, 3"). A draw therefore depends only on *what* it decides and *for whom and when*,
never on how many draws came before: adding an intervention, or one at zero coverage, leaves every
other draw unchanged, which is what makes paired scenario comparisons and the bit-identity
guarantee hold (Starsim's per-distribution streams, Kerr et al. 2024, go the same way).

Standard normals and exponentials are drawn by the ziggurat (Marsaglia & Tsang 2000) from the
same counter words (``znormal``, ``normal_pair``, ``zexp_c``): one word per draw in ~99 % of
draws, further words, when a draw needs them, at slots 2**32 apart from its first, so a draw
still depends only on its own counters. The Box-Muller ``normal`` is kept for the Ct
trajectory's draws (``disease.ct_span``, ``ct_peak``).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import cast

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

from flareup import rng

_MASK = (1 << 64) - 1


class Streams:
    """Keys of the named streams of one run (``streams["transmission/household"]`` -> uint64)."""

    def __init__(self, seed: int | np.random.SeedSequence | None) -> None:
        if seed is None:
            seed = int(np.random.SeedSequence().entropy % (1 << 63))  # type: ignore[operator]
        self.seed = seed
        self._keys: dict[str, np.uint64] = {}

    def __getitem__(self, name: str) -> np.uint64:
        key = self._keys.get(name)
        if key is None:
            # One 64-bit word of the named numpy stream is the whole state of our counter RNG.
            key = np.uint64(rng.stream(self.seed, name).integers(0, 1 << 63, dtype=np.uint64))
            self._keys[name] = key
        return key

    def generator(self, name: str) -> np.random.Generator:
        """A numpy Generator for the named stream (for Python-level, non-per-agent choices)."""
        return rng.stream(self.seed, f"gen/{name}")


# --- exp and log straight from the C library --------------------------------------------
# numba binds the symbols ``exp`` and ``log`` of its kernels to its helper library's
# ``numba_exp``/``numba_log``, which call glibc's ``exp``/``log``: wrappers (errno handling)
# around ``__ieee754_exp``/``__ieee754_log``, ~20 of the ~55 instructions of an exp.
# ``fexp``/``flog`` call the cores directly where glibc exports them (``__exp_finite`` and
# ``__log_finite``, kept for binary compatibility since glibc 2.15: the same functions, so the
# same results bit for bit, without errno), else the C library's ``exp``/``log``, else numba's
# helpers. The names are bound when this module is imported, before any kernel using them is
# compiled or loaded from numba's cache (its machine code refers to them by name).
def _bind_libm() -> None:
    import llvmlite.binding as ll
    from numba import _helperlib

    addr = {name: _helperlib.c_helpers[name] for name in ("exp", "log")}  # type: ignore[attr-defined]
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libm = ctypes.CDLL("libm.so.6")
            dlvsym = ctypes.CDLL("libc.so.6").dlvsym
            dlvsym.restype = ctypes.c_void_p
            dlvsym.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
            for name in addr:
                core = dlvsym(libm._handle, f"__{name}_finite".encode(), b"GLIBC_2.15")
                addr[name] = core or ctypes.cast(getattr(libm, name), ctypes.c_void_p).value
        except (OSError, AttributeError):  # pragma: no cover - not glibc
            pass
    for name, a in addr.items():
        ll.add_symbol(f"flareup_{name}", a)


_bind_libm()


def _libm_codegen(name: str):  # type: ignore[no-untyped-def]
    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        v = context.cast(builder, args[0], signature.args[0], types.float64)
        fnty = ir.FunctionType(ir.DoubleType(), [ir.DoubleType()])
        fn = cgutils.insert_pure_function(builder.module, fnty, name=f"flareup_{name}")  # type: ignore[no-untyped-call]
        return builder.call(fn, (v,))

    return codegen


@intrinsic
def _fexp(typingctx, x):  # type: ignore[no-untyped-def]
    """exp(x) (float64) in kernels: np.exp without numba's wrappers (above)."""
    if not isinstance(x, (types.Float, types.Integer)):
        return None
    return types.float64(x), _libm_codegen("exp")


@intrinsic
def _flog(typingctx, x):  # type: ignore[no-untyped-def]
    """log(x) (float64) in kernels: np.log without numba's wrappers (above)."""
    if not isinstance(x, (types.Float, types.Integer)):
        return None
    return types.float64(x), _libm_codegen("log")


#: exp and log of a float64 in kernels (typed for mypy as the plain functions they act as).
fexp = cast(Callable[[float], float], _fexp)
flog = cast(Callable[[float], float], _flog)


@njit(cache=True, inline="always")
def mix64(z: np.uint64) -> np.uint64:
    """SplitMix64 finaliser: a bijective avalanche hash of 64-bit words."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@njit(cache=True, inline="always")
def hash4(key: np.uint64, a: int, b: int, c: int) -> np.uint64:
    """Hash of a stream key and three counters (agent, day, slot)."""
    return hash_c(hash_b(hash_a(key, a), b), c)


# hash4 in three stages, so that a kernel drawing several slots of one (key, a, b), or many b
# of one (key, a), mixes the shared stages once: uniform_c(hash_b(hash_a(key, a), b), c) is
# uniform(key, a, b, c), bit for bit.
@njit(cache=True, inline="always")
def hash_a(key: np.uint64, a: int) -> np.uint64:
    """hash4's first stage: the key and the first counter."""
    return mix64(key ^ (np.uint64(a) * np.uint64(0x9E3779B97F4A7C15)))


@njit(cache=True, inline="always")
def hash_b(h: np.uint64, b: int) -> np.uint64:
    """hash4's second stage: ``hash_a``'s word and the second counter."""
    return mix64(h ^ (np.uint64(b) * np.uint64(0xC2B2AE3D27D4EB4F)))


@njit(cache=True, inline="always")
def hash_c(h: np.uint64, c: int) -> np.uint64:
    """hash4's last stage: ``hash_b``'s word and the third counter."""
    return mix64(h ^ (np.uint64(c) * np.uint64(0x165667B19E3779F9)))


@njit(cache=True, inline="always")
def uniform_c(h: np.uint64, c: int) -> float:
    """``uniform(key, a, b, c)`` given ``h = hash_b(hash_a(key, a), b)``."""
    return float(hash_c(h, c) >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True, inline="always")
def uniform(key: np.uint64, a: int, b: int, c: int) -> float:
    """Uniform on [0, 1) from the top 53 bits of the hash."""
    return float(hash4(key, a, b, c) >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True, inline="always")
def normal(key: np.uint64, a: int, b: int, c: int) -> float:
    """Standard normal by Box-Muller from two counter draws (slots 2c and 2c+1). The Ct
    trajectory's draws (``disease.ct_span``, ``ct_peak``) keep it: testing's kernels, cached
    in testing.py, inline them, and numba's cache of a file does not notice a change in another
    (the engine's other normals are ``znormal``'s)."""
    u1 = uniform(key, a, b, 2 * c)
    u2 = uniform(key, a, b, 2 * c + 1)
    result: float = np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos(2.0 * np.pi * u2)
    return result


# --- Ziggurat samplers (Marsaglia & Tsang 2000, "The ziggurat method for generating random
# variables", J Stat Softw 5(8); 256 layers, with the tables, 52- and 53-bit words and tail
# and wedge tests of numpy's Generator). A draw takes one 64-bit counter word (its low 8 bits
# pick the layer, bit 8 the normal's sign, the top 52 or 53 bits the position in the layer)
# and returns at once in ~99 % of draws (no logarithm, square root or cosine); otherwise it
# draws more words. A draw whose first word is slot ``s`` of ``h = hash_b(hash_a(key, a), b)``
# takes its n-th further word from slot ``s + n * 2**32`` (``ZIG_STRIDE``): callers give their
# draws first slots below 2**32, all different, so the draws of one (key, a, b) stay
# independent and each depends only on its own counters. Exact: the layers have equal areas
# (r solved so that the 256th layer closes, to ~1e-15 of a layer's area), a point uniform in
# the ziggurat is accepted under the density, and the tail is sampled exactly (Marsaglia 1964
# for the normal, memorylessness for the exponential).
ZIG_STRIDE = 1 << 32
#: Rightmost layer edge and common layer area (body + tail of the base layer) of the normal's
#: and the exponential's 256-layer ziggurats (tests/sim/test_streams.py re-solves them).
ZIG_NOR_R, ZIG_NOR_V = 3.654152885361009, 0.004928673233974658
ZIG_EXP_R, ZIG_EXP_V = 7.697117470131049, 0.003949659822581559


def _zig_tables(
    r: float, v: float, f: object, finv: object, bits: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(k, w, f) tables of a 256-layer ziggurat of the decreasing density ``f`` (Marsaglia &
    Tsang 2000): w[i] x a ``bits``-bit integer is a point of layer i; it lies under the curve
    where the integer < k[i] (layer 0: the base rectangle, beyond it the tail); f[i] is the
    density at layer i's edge."""
    m = float(1 << bits)
    k = np.zeros(256, np.int64)
    w = np.zeros(256)
    fv = np.zeros(256)
    x = r
    q = v / f(x)  # type: ignore[operator]
    k[0] = int(x / q * m)
    k[1] = 0
    w[0] = q / m
    w[255] = x / m
    fv[0] = 1.0
    fv[255] = f(x)  # type: ignore[operator]
    t = x
    for i in range(254, 0, -1):
        x = finv(v / x + f(x))  # type: ignore[operator]
        # The rectangle of layer i + 1 under the curve, shrunk by 1e-12 so that rounding
        # never puts a point above the curve in it (the wedge test decides those exactly).
        k[i + 1] = int(x / t * m * (1.0 - 1e-12))
        t = x
        fv[i] = f(x)  # type: ignore[operator]
        w[i] = x / m
    return k, w, fv


ZIG_NOR_K, ZIG_NOR_W, ZIG_NOR_F = _zig_tables(
    ZIG_NOR_R,
    ZIG_NOR_V,
    lambda x: math.exp(-0.5 * x * x),
    lambda y: math.sqrt(-2.0 * math.log(y)),
    52,
)
ZIG_EXP_K, ZIG_EXP_W, ZIG_EXP_F = _zig_tables(
    ZIG_EXP_R, ZIG_EXP_V, lambda x: math.exp(-x), lambda y: -math.log(y), 53
)
_NOR_INV_R = 1.0 / ZIG_NOR_R


@njit(cache=True, inline="always")
def _word_u(h: np.uint64, s: int) -> float:
    return float(hash_c(h, s) >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def _znormal_slow(h: np.uint64, s: int, w: np.uint64) -> float:
    """``znormal_c`` after its first word ``w`` (slot ``s``) fell outside the layer's
    rectangle: the wedge or tail test, then new words until one is accepted."""
    n = 1
    while True:
        idx = np.int64(w & np.uint64(255))
        neg = (w >> np.uint64(8)) & np.uint64(1)
        rabs = np.int64(w >> np.uint64(12))
        x: float = rabs * ZIG_NOR_W[idx]
        if rabs < ZIG_NOR_K[idx]:
            return -x if neg else x
        if idx == 0:  # the tail beyond r (Marsaglia 1964)
            while True:
                xx = -_NOR_INV_R * flog(1.0 - _word_u(h, s + n * ZIG_STRIDE))
                yy = -flog(1.0 - _word_u(h, s + (n + 1) * ZIG_STRIDE))
                n += 2
                if yy + yy > xx * xx:
                    return -(ZIG_NOR_R + xx) if neg else ZIG_NOR_R + xx
        fu = ZIG_NOR_F[idx] + (ZIG_NOR_F[idx - 1] - ZIG_NOR_F[idx]) * _word_u(h, s + n * ZIG_STRIDE)
        n += 1
        if fu < fexp(-0.5 * x * x):
            return -x if neg else x
        w = hash_c(h, s + n * ZIG_STRIDE)
        n += 1


@njit(cache=True, inline="always")
def znormal_c(h: np.uint64, s: int) -> float:
    """Standard normal by the ziggurat, first word slot ``s`` of ``h = hash_b(hash_a(key, a),
    b)`` (further words at ``s + n * ZIG_STRIDE``)."""
    w = hash_c(h, s)
    idx = np.int64(w & np.uint64(255))
    rabs = np.int64(w >> np.uint64(12))
    if rabs < ZIG_NOR_K[idx]:
        x: float = rabs * ZIG_NOR_W[idx]
        return -x if (w >> np.uint64(8)) & np.uint64(1) else x
    return _znormal_slow(h, s, w)


@njit(cache=True, inline="always")
def znormal(key: np.uint64, a: int, b: int, c: int) -> float:
    """Standard normal of counters (key, a, b, c) by the ziggurat: its first word is slot 2c,
    as ``normal``'s first uniform (so ``znormal(key, a, b, c)`` is ``normal_pair``'s first)."""
    return znormal_c(hash_b(hash_a(key, a), b), 2 * c)


@njit(cache=True)
def _zexp_slow(h: np.uint64, s: int, w: np.uint64) -> float:
    """``zexp_c`` after its first word ``w`` (slot ``s``) fell outside the layer's rectangle."""
    n = 1
    while True:
        idx = np.int64(w & np.uint64(255))
        rabs = np.int64(w >> np.uint64(11))
        x: float = rabs * ZIG_EXP_W[idx]
        if rabs < ZIG_EXP_K[idx]:
            return x
        if idx == 0:  # the tail beyond r: r + Exp(1) (memoryless)
            return ZIG_EXP_R - flog(1.0 - _word_u(h, s + n * ZIG_STRIDE))
        fu = ZIG_EXP_F[idx] + (ZIG_EXP_F[idx - 1] - ZIG_EXP_F[idx]) * _word_u(h, s + n * ZIG_STRIDE)
        n += 1
        if fu < fexp(-x):
            return x
        w = hash_c(h, s + n * ZIG_STRIDE)
        n += 1


@njit(cache=True, inline="always")
def zexp_c(h: np.uint64, s: int) -> float:
    """Standard exponential (mean 1) by the ziggurat, first word slot ``s`` of ``h`` (further
    words at ``s + n * ZIG_STRIDE``)."""
    w = hash_c(h, s)
    idx = np.int64(w & np.uint64(255))
    rabs = np.int64(w >> np.uint64(11))
    if rabs < ZIG_EXP_K[idx]:
        result: float = rabs * ZIG_EXP_W[idx]
        return result
    return _zexp_slow(h, s, w)


@njit(cache=True, inline="always")
def normal_pair(key: np.uint64, a: int, b: int, c: int) -> tuple[float, float]:
    """Two independent standard normals of counters (key, a, b, c): ziggurat draws with first
    words at slots 2c (``znormal(key, a, b, c)``) and 2c+1, the hash's first two stages
    shared."""
    h = hash_b(hash_a(key, a), b)
    return znormal_c(h, 2 * c), znormal_c(h, 2 * c + 1)


@njit(cache=True, inline="always")
def poisson(lam: float, u: float) -> int:
    """Poisson(lam) by inversion of one uniform ``u`` (exact; fine for lam up to a few hundred)."""
    if lam <= 0.0:
        return 0
    # Most agent-days draw nothing: exp(-lam) >= 1 - lam, so u below 1 - lam (less a margin
    # far above rounding error) is 0 without the exponential, the same answer as below.
    if u < 1.0 - lam - 1e-9:
        return 0
    p = np.exp(-lam)
    cdf = p
    k = 0
    while u > cdf and k < 10000:
        k += 1
        p *= lam / k
        cdf += p
        if p < 1e-300 and cdf < u:  # pragma: no cover - lam far beyond what layers use
            break
    return k


@njit(cache=True, inline="always")
def gamma_mean1(k: float, key: np.uint64, a: int, b: int, z0: float) -> float:
    """Gamma(shape k, mean 1) draw (Marsaglia & Tsang 2000, boost for k < 1) from counters;
    its first standard normal is ``z0`` (a caller's, independent of these counters' draws),
    the others ``znormal(key, a, b, i)``; the boost U^(1/k) as exp(-E / k), E = -log U a
    ziggurat exponential (slot 999)."""
    h = hash_b(hash_a(key, a), b)  # the counters' first two stages, shared by every draw
    boost = 1.0
    kk = k
    if kk < 1.0:
        boost = fexp(-zexp_c(h, 999) / kk)
        kk += 1.0
    d = kk - 1.0 / 3.0
    c = 1.0 / np.sqrt(9.0 * d)
    for i in range(64):
        x = z0 if i == 0 else znormal_c(h, 2 * i)
        v = (1.0 + c * x) ** 3
        if v <= 0.0:
            continue
        u = uniform_c(h, 1000 + i)
        # Marsaglia & Tsang's squeeze (inside the region of the test after it, so the same
        # draws are accepted): most draws without the two logarithms.
        x2 = x * x
        if u < 1.0 - 0.0331 * x2 * x2 or flog(u + 1e-300) < 0.5 * x2 + d - d * v + d * flog(v):
            result: float = d * v * boost / k
            return result
    return 1.0  # pragma: no cover - acceptance probability > 0.95 per try
