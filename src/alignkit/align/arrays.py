"""Array idioms the aligner's stages share, each done once with numpy (no Python loop per element)."""

from __future__ import annotations

import numpy as np


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``arange(s, s + c)`` for each start ``s`` and count ``c``, concatenated (int64)."""
    counts = np.asarray(counts, dtype=np.int64)
    first = np.cumsum(counts) - counts
    return np.repeat(np.asarray(starts, dtype=np.int64) - first, counts) + np.arange(int(counts.sum()), dtype=np.int64)


def distinct(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys)`` by a sort (numpy 2's ``np.unique`` hashes first, ten times slower on millions of keys)."""
    keys = np.sort(keys)
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first]


def occurrences(pos: np.ndarray, feat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique ``(feature id, position)`` pairs of parallel arrays, sorted by position then id
    (both below 2**32): ``(feature ids, positions)``."""
    keys = distinct((np.asarray(pos, dtype=np.int64) << 32) | np.asarray(feat, dtype=np.int64))
    return keys & 0xFFFFFFFF, keys >> 32
