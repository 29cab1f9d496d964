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
"""

from __future__ import annotations

import numpy as np
from numba import njit

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
    """Standard normal by Box-Muller from two counter draws (slots 2c and 2c+1)."""
    u1 = uniform(key, a, b, 2 * c)
    u2 = uniform(key, a, b, 2 * c + 1)
    result: float = np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos(2.0 * np.pi * u2)
    return result


@njit(cache=True, inline="always")
def normal_pair(key: np.uint64, a: int, b: int, c: int) -> tuple[float, float]:
    """Two independent standard normals from Box-Muller's one pair of counter draws (slots 2c
    and 2c+1): ``normal(key, a, b, c)`` (the cosine) and the sine of the same angle, for one
    logarithm and one square root."""
    h = hash_b(hash_a(key, a), b)
    u1 = uniform_c(h, 2 * c)
    u2 = uniform_c(h, 2 * c + 1)
    r = np.sqrt(-2.0 * np.log(1.0 - u1))
    angle = 2.0 * np.pi * u2
    return r * np.cos(angle), r * np.sin(angle)


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
    the others ``normal(key, a, b, i)``."""
    boost = 1.0
    kk = k
    if kk < 1.0:
        boost = uniform(key, a, b, 999) ** (1.0 / kk)
        kk += 1.0
    d = kk - 1.0 / 3.0
    c = 1.0 / np.sqrt(9.0 * d)
    for i in range(64):
        x = z0 if i == 0 else normal(key, a, b, i)
        v = (1.0 + c * x) ** 3
        if v <= 0.0:
            continue
        u = uniform(key, a, b, 1000 + i)
        # Marsaglia & Tsang's squeeze (inside the region of the test after it, so the same
        # draws are accepted): most draws without the two logarithms.
        x2 = x * x
        if u < 1.0 - 0.0331 * x2 * x2 or np.log(u + 1e-300) < 0.5 * x2 + d - d * v + d * np.log(v):
            result: float = d * v * boost / k
            return result
    return 1.0  # pragma: no cover - acceptance probability > 0.95 per try
