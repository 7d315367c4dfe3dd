"""The hot loop: banded dynamic programming over bead shapes, one numpy row at a time.

``D[i, j] = min over shapes (a, b) of D[i - a, j - b] + cost_ab(i, j)``. Rows are processed in
order; every shape with ``a >= 1`` reads finished rows, and the one in-row dependency, the
``0:1`` insertion (``D[i, j - 1] + skip``), is a running minimum (``np.minimum.accumulate``),
so each row costs a fixed number of vector operations. Costs are computed in chunks of whole
rows of about :data:`CHUNK_CELLS` cells, to bound memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from alignkit.align.arrays import ranges
from alignkit.align.band import Band

#: Band cells whose bead costs are computed in one vectorised batch (whole rows, at least one).
CHUNK_CELLS = 1 << 15

CostFn = Callable[[np.ndarray, np.ndarray], np.ndarray]


def banded_dp(
    band: Band, shapes: Sequence[tuple[int, int]], costs: CostFn, insert_prefix: np.ndarray
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Best monotonic path from ``(0, 0)`` to ``(n, m)`` inside ``band``.

    Args:
        band: the cells searched.
        shapes: bead shapes ``(a, b)`` with ``a >= 1`` (``(1, 0)`` included); ``0:1`` is implicit.
        costs: ``costs(rows, cols)`` -> array ``(len(shapes), cells)`` of bead costs ending there.
        insert_prefix: ``insert_prefix[j]`` is the cost of inserting target units ``0 .. j - 1``
            (so inserting units ``j .. k - 1`` costs ``insert_prefix[k] - insert_prefix[j]``).

    Returns:
        The path as DP points ``[(0, 0), ..., (n, m)]`` and the accumulated cost of every point.
    """
    n = band.n
    cells = band.cells
    # one spare cell past the band holds +inf: a bead starting outside the band reads it
    total = np.empty(cells + 1, dtype=np.float64)
    total[cells] = np.inf
    back = np.empty(cells, dtype=np.int8)
    insert = len(shapes)
    chunk = np.empty((0, 0))
    source = np.empty((0, 0), dtype=np.int64)
    base = 0
    # cell-major (cells, shapes) arrays: a row's candidates are one contiguous block, so the per-row
    # gather, add and argmin are a few vector operations whatever the number of shapes
    firsts = np.arange(int(band.width.max())) * len(shapes)
    r0 = r1 = 0
    for i in range(n + 1):
        if i == r1:
            last = int(np.searchsorted(band.off, band.off[i] + CHUNK_CELLS, side="right")) - 1
            r0, r1 = i, min(max(last, i + 1), n + 1)
            del chunk, source  # the last chunk's arrays go before this one's are made
            rows, cols = _cells(band, i, r1)
            chunk, base = np.ascontiguousarray(costs(rows, cols).T), int(band.off[i])
            source = _sources(band, shapes, rows, cols, cells)
            # Python ints for the chunk's rows: numpy scalar indexing per row would dominate the loop
            lo, width, off = band.lo[i:r1].tolist(), band.width[i:r1].tolist(), band.off[i:r1].tolist()
        k = i - r0
        w, start, lo_i = width[k], off[k], lo[k]
        local = start - base
        if i == 0:
            best = np.full(w, np.inf)
            best[0] = 0.0  # lo[0] == 0: the empty prefix
            arg = np.zeros(w, dtype=np.intp)
        else:
            # every shape's candidate in one gather: D[start cell] + bead cost (inf where it starts outside)
            cand = total.take(source[local : local + w])
            cand += chunk[local : local + w]
            arg = cand.argmin(axis=1)
            best = cand.ravel().take(firsts[:w] + arg)
        # 0:1 insertions: D[j] = min(best[j], D[j-1] + ins[j-1]) = S[j] + min_{k<=j}(best[k] - S[k])
        steps = insert_prefix[lo_i : lo_i + w]
        shifted = best - steps
        running = np.minimum.accumulate(shifted)
        np.add(running, steps, out=total[start : start + w])
        row_back = back[start : start + w]
        row_back[:] = arg
        row_back[shifted > running] = insert
    return _trace(band, shapes, back), total[:cells]


def _cells(band: Band, r0: int, r1: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of every band cell of rows ``r0 .. r1 - 1``, in storage order."""
    w_rows = band.width[r0:r1]
    rows = np.repeat(np.arange(r0, r1), w_rows)
    cols = ranges(band.lo[r0:r1], w_rows)  # a row's cells are stored one after the other (band.off)
    return rows, cols


def _sources(
    band: Band, shapes: Sequence[tuple[int, int]], rows: np.ndarray, cols: np.ndarray, outside: int
) -> np.ndarray:
    """Per cell and shape ``(a, b)``, the flat index of cell ``(row - a, col - b)``, or ``outside`` where that
    is not in the band: ``(len(rows), len(shapes))``."""
    out = np.empty((len(rows), len(shapes)), dtype=np.int64)
    for t, (a, b) in enumerate(shapes):
        r = rows - a
        inside = r >= 0
        r[~inside] = 0
        c = cols - b - band.lo[r]
        inside &= (c >= 0) & (c < band.width[r])
        out[:, t] = np.where(inside, band.off[r] + c, outside)
    return out


def _trace(band: Band, shapes: Sequence[tuple[int, int]], back: np.ndarray) -> list[tuple[int, int]]:
    row = (band.off[:-1] - band.lo).tolist()  # Python ints: cell (i, j) is back[row[i] + j]
    i, j = band.n, band.m
    path = [(i, j)]
    insert = len(shapes)
    while i or j:
        code = back[row[i] + j]
        if code == insert:
            j -= 1
        else:
            a, b = shapes[code]
            i, j = i - a, j - b
        path.append((i, j))
    path.reverse()
    return path
