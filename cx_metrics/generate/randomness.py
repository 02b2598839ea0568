"""Counter-based random draws.

Every draw is a hash of (seed, stream name, key): the same key always gets
the same draw, whatever else is drawn and in whichever order. An entity's
attributes therefore do not depend on which chunk produced it, which keeps
the output byte-identical whatever the chunk size.
"""

from __future__ import annotations

import hashlib

import numpy as np


def _mix64(z: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser: a bijective, well-mixing hash of uint64 values."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


class Random:
    """Random draws keyed by (seed, stream, key): the same key always gets the
    same draw, whatever else is drawn and in whichever order."""

    def __init__(self, seed: int) -> None:
        self._seed = int(seed).to_bytes(16, "little", signed=True)
        self._streams: dict[str, np.uint64] = {}

    def _stream(self, name: str) -> np.uint64:
        base = self._streams.get(name)
        if base is None:
            digest = hashlib.blake2b(name.encode(), digest_size=8, key=self._seed).digest()
            base = self._streams[name] = np.uint64(int.from_bytes(digest, "little"))
        return base

    def bits(self, stream: str, keys: np.ndarray) -> np.ndarray:
        base = self._stream(stream)
        with np.errstate(over="ignore"):
            z = np.asarray(keys, dtype=np.int64).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + base
            return _mix64(_mix64(z) ^ base)

    def uniform(self, stream: str, keys: np.ndarray) -> np.ndarray:
        """Uniform on [0, 1)."""
        return (self.bits(stream, keys) >> np.uint64(11)).astype(np.float64) * 2.0**-53

    def integers(self, stream: str, keys: np.ndarray, low, high) -> np.ndarray:
        """Integers on [low, high); low and high may be arrays."""
        return (np.asarray(low) + self.uniform(stream, keys) * (np.asarray(high) - np.asarray(low))).astype(np.int64)

    def normal(self, stream: str, keys: np.ndarray) -> np.ndarray:
        """Standard normal (Box-Muller on two keyed uniforms)."""
        radius = np.sqrt(-2.0 * np.log1p(-self.uniform(stream + "/r", keys)))
        return radius * np.cos(2.0 * np.pi * self.uniform(stream + "/a", keys))

    def lognormal(self, stream: str, keys: np.ndarray, median, sigma) -> np.ndarray:
        return np.asarray(median) * np.exp(np.asarray(sigma) * self.normal(stream, keys))

    def exponential(self, stream: str, keys: np.ndarray, mean) -> np.ndarray:
        return -np.log1p(-self.uniform(stream, keys)) * np.asarray(mean)

    def choice(self, stream: str, keys: np.ndarray, shares) -> np.ndarray:
        """Index drawn with the given shares (normalised)."""
        cum = np.cumsum(np.asarray(shares, dtype=np.float64))
        cum /= cum[-1]
        picked = np.searchsorted(cum, self.uniform(stream, keys), side="right")
        return np.minimum(picked, len(cum) - 1).astype(np.int64)

    def choice_rows(self, stream: str, keys: np.ndarray, shares: np.ndarray) -> np.ndarray:
        """Index drawn per row from that row's shares (a 2-D array)."""
        cum = np.cumsum(shares, axis=1)
        cum /= cum[:, -1:]
        u = self.uniform(stream, keys)[:, None]
        return np.minimum((u >= cum[:, :-1]).sum(axis=1), shares.shape[1] - 1).astype(np.int64)
