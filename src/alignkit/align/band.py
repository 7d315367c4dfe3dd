"""The search band: for each DP row a contiguous window of columns.

DP cell ``(i, j)`` means "the first ``i`` source and ``j`` target units are aligned". Row ``i``
keeps columns ``lo[i] .. lo[i] + width[i] - 1``; cells are stored row after row in flat arrays
(``off[i]`` is where row ``i`` starts), so memory is linear in the band's area.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from alignkit.align.arrays import ranges


@dataclass(frozen=True)
class Band:
    """Row windows of a banded DP over ``(n + 1) x (m + 1)`` cells.

    Attributes:
        n, m: number of source and target units.
        lo: first column of each row (non-decreasing), shape ``(n + 1,)``.
        width: number of columns of each row, shape ``(n + 1,)``.
        off: start of each row in the flat cell arrays, shape ``(n + 2,)``.
    """

    n: int
    m: int
    lo: np.ndarray
    width: np.ndarray
    off: np.ndarray

    @property
    def cells(self) -> int:
        """Number of cells in the band."""
        return int(self.off[-1])

    @classmethod
    def from_bounds(cls, n: int, m: int, lo: np.ndarray, hi: np.ndarray) -> Band:
        """A band from per-row inclusive column bounds, made monotone and clipped to the grid.

        Row 0 always starts at column 0 and the last row always reaches column ``m``, so the
        corner-to-corner path exists.
        """
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m)
        hi = np.clip(np.asarray(hi, dtype=np.int64), 0, m)
        lo[0], hi[-1] = 0, m
        lo = np.minimum.accumulate(lo[::-1])[::-1]  # lo[i] <= lo[i + 1]
        hi = np.maximum.accumulate(hi)  # hi[i] <= hi[i + 1]
        hi = np.maximum(hi, lo)
        width = hi - lo + 1
        off = np.zeros(n + 2, dtype=np.int64)
        np.cumsum(width, out=off[1:])
        return cls(n, m, lo, width, off)

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        """Every cell: the exact (quadratic) search, used only on the coarsest level."""
        return cls.from_bounds(n, m, np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @classmethod
    def around_path(
        cls, path: Sequence[tuple[int, int]], n: int, m: int, factor: int, buffer: int
    ) -> Band:
        """The band at a finer level around a coarser level's path.

        Args:
            path: DP points ``(i, j)`` of the coarse path, from ``(0, 0)`` to its corner.
            n, m: the finer level's sizes.
            factor: how many finer units one coarse unit holds (2).
            buffer: columns added on each side of the projected path.
        """
        colmin = np.full(n + 1, m, dtype=np.int64)
        colmax = np.zeros(n + 1, dtype=np.int64)
        p = np.asarray(path, dtype=np.int64).reshape(-1, 2)
        if len(p) > 1:  # each step (i0, j0) -> (i1, j1) spans rows r0 .. r1 and columns c0 .. c1
            r0, r1 = np.minimum(p[:-1, 0] * factor, n), np.minimum(p[1:, 0] * factor, n)
            c0, c1 = np.minimum(p[:-1, 1] * factor, m), np.minimum(p[1:, 1] * factor, m)
            count = r1 - r0 + 1
            step = np.repeat(np.arange(len(count)), count)
            rows = ranges(r0, count)
            np.minimum.at(colmin, rows, c0[step])
            np.maximum.at(colmax, rows, c1[step])
        return cls.from_bounds(n, m, colmin - buffer, colmax + buffer)

    def index(self, i: int, j: int) -> int:
        """Flat index of cell ``(i, j)`` (which must lie in the band)."""
        return int(self.off[i] + j - self.lo[i])
