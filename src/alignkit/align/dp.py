"""The hot loop: banded dynamic programming over bead shapes, one numpy row at a time.

``D[i, j] = min over shapes (a, b) of D[i - a, j - b] + cost_ab(i, j)``. Rows are processed in
order; every shape with ``a >= 1`` reads finished rows, and the one in-row dependency, the
``0:1`` insertion (``D[i, j - 1] + skip``), is a running minimum (``np.minimum.accumulate``),
so each row costs a fixed number of vector operations. Costs are computed in chunks of rows
to bound memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from alignkit.align.band import Band

#: Rows whose bead costs are computed in one vectorised batch.
CHUNK_ROWS = 2048

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
    # Python ints: this loop runs once per row, and numpy scalar indexing would dominate it
    lo, width, off = band.lo.tolist(), band.width.tolist(), band.off.tolist()
    total = np.empty(band.cells, dtype=np.float64)
    back = np.empty(band.cells, dtype=np.int8)
    insert = len(shapes)
    wmax = max(width) if width else 1
    cand_buf = np.empty((len(shapes), wmax))
    cols_buf = np.arange(wmax)
    chunk = np.empty((0, 0))
    base = 0
    for i in range(n + 1):
        if i % CHUNK_ROWS == 0:
            r1 = min(i + CHUNK_ROWS, n + 1)
            w_rows = band.width[i:r1]
            rows = np.repeat(np.arange(i, r1), w_rows)
            cols = np.arange(len(rows)) - np.repeat(band.off[i:r1] - off[i], w_rows) + np.repeat(band.lo[i:r1], w_rows)
            chunk, base = costs(rows, cols), off[i]
        w, start, lo_i = width[i], off[i], lo[i]
        local = start - base
        if i == 0:
            best = np.full(w, np.inf)
            best[0] = 0.0  # lo[0] == 0: the empty prefix
            arg = np.zeros(w, dtype=np.int8)
        else:
            cand = cand_buf[:, :w]
            cand.fill(np.inf)
            for t, (a, b) in enumerate(shapes):
                if a > i:
                    continue
                r = i - a
                s = lo_i - b - lo[r]  # column c of row i reads column c + s of row r
                c0, c1 = max(0, -s), min(w, width[r] - s)
                if c0 < c1:
                    prev = off[r] + s
                    np.add(total[prev + c0 : prev + c1], chunk[t, local + c0 : local + c1], out=cand[t, c0:c1])
            arg = cand.argmin(axis=0).astype(np.int8)
            best = cand[arg, cols_buf[:w]]
        # 0:1 insertions: D[j] = min(best[j], D[j-1] + ins[j-1]) = S[j] + min_{k<=j}(best[k] - S[k])
        steps = insert_prefix[lo_i : lo_i + w]
        shifted = best - steps
        running = np.minimum.accumulate(shifted)
        total[start : start + w] = running + steps
        back[start : start + w] = np.where(shifted > running, insert, arg)
    return _trace(band, shapes, back), total


def _trace(band: Band, shapes: Sequence[tuple[int, int]], back: np.ndarray) -> list[tuple[int, int]]:
    i, j = band.n, band.m
    path = [(i, j)]
    insert = len(shapes)
    while i or j:
        code = int(back[band.index(i, j)])
        if code == insert:
            j -= 1
        else:
            a, b = shapes[code]
            i, j = i - a, j - b
        path.append((i, j))
    path.reverse()
    return path
