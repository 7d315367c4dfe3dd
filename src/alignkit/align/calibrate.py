"""Bead-cost weights estimated from the documents, instead of weighed by hand.

The second pass knows the first pass's path. Two 1:1 beads in a row on it, ``(i, j)`` and
``(i + 1, j + 1)``, make a window of 2 x 2 sentences whose right segmentation the path gives, and
a bead of more than two sentences between two 1:1 beads a window of itself; every other
monotone way the search could cover a window (a ``2:2``, a ``1:2`` and a skip, a pairing
shifted by one between two skips, ...) is a wrong one. The cost the search adds up is linear in
a few features per bead (each overlap signal's unmatched mass in average sentences, the
Gale-Church length cost, and the bead-type prior); reading ``exp(-cost)`` as the probability of
a segmentation, the weights are fitted by maximum likelihood of the right segmentation among
the window's alternatives (a conditional log-linear model, as a CRF is trained), with the
priors in nats as fixed offsets. The weights are then nats per feature unit, on the priors' scale.

A signal that does not tell the right segmentation from the wrong ones gets a weight of about 0
(the ridge penalty pulls it there, and weights are kept non-negative), so adding a useless
signal cannot change the alignment much, whatever its hand weight was. The fit sees ``O(n)``
windows (at most :data:`MAX_WINDOWS`) and runs a few Newton steps on a handful of weights: it
adds nothing quadratic to the search.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from alignkit.align.band import Band
from alignkit.align.costs import BandOverlap, Level, length_delta_cost, unmatched_mass
from alignkit.types import Bead

log = logging.getLogger(__name__)

#: Most windows the fit uses (evenly spread): bounds its time on very long documents.
MAX_WINDOWS = 20_000
#: Newton steps per fit, at most (the objective is convex and smooth, the weights few).
NEWTON_STEPS = 30
#: Side of the window, in sentences: 2 holds the shifted pairings and the merges that compete.
WINDOW = 2

#: A bead placed in a window: ``(di, dj, a, b)``, shape ``a:b`` starting at ``(i + di, j + dj)``.
Placed = tuple[int, int, int, int]
#: Start cells ``(i, j)`` of windows, by the window's right segmentation.
Windows = Mapping[tuple[Placed, ...], Sequence[tuple[int, int]]]


@dataclass(frozen=True)
class Calibration:
    """Fitted cost weights, in nats.

    Attributes:
        signals: per overlap signal of the level, nats per average sentence of unmatched mass.
        units: per signal, average sentences per unit of raw (idf-weighted) mass.
        length: nats per unit of Gale-Church length cost ``delta**2 / 2``.
        windows: the windows the fit used.
    """

    signals: tuple[float, ...]
    units: tuple[float, ...]
    length: float
    windows: int


def segmentations(
    shapes: Sequence[tuple[int, int]], right: tuple[Placed, ...]
) -> list[tuple[Placed, ...]]:
    """Every monotone way to cover the block ``right`` covers with beads of ``shapes`` and skips, ``right`` first."""
    steps = sorted(set(shapes) | {(1, 0), (0, 1)})
    rows, cols = max(i + a for i, _, a, _ in right), max(j + b for _, j, _, b in right)
    out: list[tuple[Placed, ...]] = []

    def walk(i: int, j: int, done: tuple[Placed, ...]) -> None:
        if (i, j) == (rows, cols):
            out.append(done)
            return
        for a, b in steps:
            if i + a <= rows and j + b <= cols:
                walk(i + a, j + b, done + ((i, j, a, b),))

    walk(0, 0, ())
    out.remove(right)
    return [right, *out]


def features(
    level: Level,
    overlaps: Sequence[BandOverlap],
    rows: np.ndarray,
    cols: np.ndarray,
    a: int,
    b: int,
    variance: float,
    skip_length: float,
) -> np.ndarray:
    """Features of the ``a:b`` beads ending at ``(rows, cols)`` (skips too): ``(len(rows), signals + 1)``.

    Column ``s`` is signal ``s``'s unmatched mass in average sentences (a skipped sentence's is
    its whole mass), the last column the length cost; these are the terms
    :func:`alignkit.align.costs.chunk_costs` weighs.
    """
    out = np.empty((len(rows), len(level.signals) + 1))
    for s, (signal, ov) in enumerate(zip(level.signals, overlaps)):
        unit = _unit(signal.src_mass, signal.tgt_mass, level.n, level.m)
        out[:, s] = unit * unmatched_mass(signal, ov, {}, rows, cols, a, b)[0]
    ls = level.src_len[rows] - level.src_len[rows - a]
    lt = level.tgt_len[cols] - level.tgt_len[cols - b]
    out[:, -1] = length_delta_cost(ls, lt, level.ratio, variance) * (skip_length if a == 0 or b == 0 else 1.0)
    return out


def unit_scales(level: Level) -> tuple[float, ...]:
    """Per overlap signal, average sentences per unit of raw mass (see :func:`features`)."""
    return tuple(_unit(s.src_mass, s.tgt_mass, level.n, level.m) for s in level.signals)


def _unit(src_mass: np.ndarray, tgt_mass: np.ndarray, n: int, m: int) -> float:
    """Average sentences per unit of mass, halved (a 1:1 bead has two sentences)."""
    return 1.0 / (2 * max((src_mass[-1] + tgt_mass[-1]) / (n + m), 1e-9))


def training_windows(beads: Sequence[Bead]) -> Windows:
    """The windows a path teaches, by their right segmentation: start cells ``(i, j)`` of each.

    Two 1:1 beads in a row make a 2 x 2 window whose right segmentation is that pair; a bead of
    more than two sentences between two 1:1 beads makes a window of itself alone (so the fit
    sees merges that were right as well as merges that were wrong).
    """
    diagonal = tuple((k, k, 1, 1) for k in range(WINDOW))
    out: dict[tuple[Placed, ...], list[tuple[int, int]]] = {diagonal: []}
    one = [len(b.src) == 1 and len(b.tgt) == 1 for b in beads]
    for k, bead in enumerate(beads):
        if all(one[k : k + WINDOW]) and k + WINDOW <= len(beads):
            out[diagonal].append((bead.src[0], bead.tgt[0]))
        a, b = len(bead.src), len(bead.tgt)
        if a and b and a + b > 2 and 0 < k < len(beads) - 1 and one[k - 1] and one[k + 1]:
            out.setdefault(((0, 0, a, b),), []).append((bead.src[0], bead.tgt[0]))
    return out


def _thinned(windows: Windows, band: Band) -> dict[tuple[Placed, ...], np.ndarray]:
    """The windows whose every cell lies in ``band``, as arrays, at most :data:`MAX_WINDOWS` of each kind."""
    out = {}
    for right, cells in windows.items():
        rows, cols = max(i + a for i, _, a, _ in right), max(j + b for _, j, _, b in right)
        starts = np.asarray(cells, dtype=np.int64).reshape(-1, 2)
        starts = starts[(starts[:, 0] + rows <= band.n) & (starts[:, 1] + cols <= band.m)]
        ok = np.ones(len(starts), dtype=bool)
        for r in range(rows + 1):  # a band's rows are intervals: the first and last column suffice
            lo, hi = band.lo[starts[:, 0] + r], band.lo[starts[:, 0] + r] + band.width[starts[:, 0] + r]
            ok &= (starts[:, 1] >= lo) & (starts[:, 1] + cols < hi)
        starts = starts[ok]
        if len(starts) > MAX_WINDOWS:
            starts = starts[np.linspace(0, len(starts) - 1, MAX_WINDOWS).astype(np.int64)]
        if len(starts):
            out[right] = starts
    return out


def _shapes(right: tuple[Placed, ...]) -> list[tuple[int, int]]:
    return [(a, b) for _, _, a, b in right]


def window_features(
    level: Level,
    overlaps: Sequence[BandOverlap],
    starts: np.ndarray,
    paths: Sequence[tuple[Placed, ...]],
    variance: float,
    skip_length: float,
) -> np.ndarray:
    """Summed bead features of every segmentation of every window: ``(windows, segmentations, features)``."""
    cache: dict[Placed, np.ndarray] = {}
    out = np.zeros((len(starts), len(paths), len(level.signals) + 1))
    for k, path in enumerate(paths):
        for placed in path:
            if placed not in cache:
                di, dj, a, b = placed
                rows, cols = starts[:, 0] + di + a, starts[:, 1] + dj + b
                cache[placed] = features(level, overlaps, rows, cols, a, b, variance, skip_length)
            out[:, k] += cache[placed]
    return out


def undecided(x: np.ndarray, offset: np.ndarray, hand: np.ndarray) -> np.ndarray:
    """Windows whose right segmentation wins under ``hand`` with any one feature's weight set to 0.

    The windows are labelled by a first pass that weighed every signal by hand, so a signal
    that is pure noise still decided some of its choices; fitted on those, it would earn a
    weight for agreeing with itself. A window no single signal decided carries no such echo.
    """
    keep = np.ones(len(x), dtype=bool)
    for k in range(len(hand) + 1):
        w = hand.copy()
        if k < len(hand):
            w[k] = 0.0
        cost = offset[None, :] + x @ w
        keep &= cost[:, 0] <= cost[:, 1:].min(axis=1, initial=np.inf)
    return keep


def fit(groups: Sequence[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    """Non-negative ``w`` maximising ``sum log softmax(-offset - x @ w)[0]`` minus a ridge penalty.

    Per group of windows with the same segmentations, ``x`` is ``(windows, segmentations,
    features)`` with the right segmentation first and ``offset`` the segmentations' prior costs
    in nats. ``l2`` is the penalty per window (weights of a feature that does not separate right
    from wrong go to 0). A weight that comes out negative
    (a feature *larger* on the right segmentation: noise, or a misleading signal) is fixed at 0
    and the rest refitted.
    """
    d = groups[0][0].shape[2]
    penalty = l2 * sum(len(x) for x, _ in groups)
    active = np.ones(d, dtype=bool)
    w = np.zeros(d)
    for _ in range(d + 1):  # each round fixes at least one more weight at 0, or stops
        w = np.where(active, w, 0.0)
        if not active.any():  # every weight came out negative: all stay at 0
            break
        xa = [(x[:, :, active], offset) for x, offset in groups]
        v = w[active]
        loss = _loss(xa, v, penalty)
        for _ in range(NEWTON_STEPS):
            grad, hess = penalty * v, penalty * np.eye(len(v))
            for x, offset in xa:
                p = _probabilities(x, offset, v)
                mean = np.einsum("wk,wkd->wd", p, x)
                grad = grad + (x[:, 0] - mean).sum(0)
                centred = x - mean[:, None, :]
                hess = hess + np.einsum("wk,wkd,wke->de", p, centred, centred)
            step = np.linalg.solve(hess, grad)
            t = 1.0
            while t > 1e-4:  # damped: a full step can overshoot where the data are nearly separable
                new = _loss(xa, v - t * step, penalty)
                if new <= loss:
                    break
                t /= 2
            v, loss = v - t * step, min(new, loss)
            if np.max(np.abs(t * step)) < 1e-7:
                break
        w[active] = v
        negative = active & (w < 0)
        if not negative.any():
            break
        active &= ~negative
    return np.maximum(w, 0.0)


def _probabilities(x: np.ndarray, offset: np.ndarray, w: np.ndarray) -> np.ndarray:
    score = -offset[None, :] - x @ w
    score -= score.max(axis=1, keepdims=True)
    p = np.exp(score)
    return p / p.sum(axis=1, keepdims=True)


def _loss(groups: Sequence[tuple[np.ndarray, np.ndarray]], w: np.ndarray, penalty: float) -> float:
    total = penalty * float(w @ w) / 2
    for x, offset in groups:
        score = -offset[None, :] - x @ w
        top = score.max(axis=1)
        lse = top + np.log(np.exp(score - top[:, None]).sum(axis=1))
        total += float((lse - score[:, 0]).sum())
    return total


def calibrate(
    level: Level,
    overlaps: Sequence[BandOverlap],
    windows: Windows,
    priors: Mapping[tuple[int, int], float],
    *,
    variance: float,
    skip_length: float,
    length: bool,
    l2: float,
    min_windows: int,
    band: Band,
    hand: Sequence[float],
) -> Calibration | None:
    """Cost weights fitted on ``windows`` whose right segmentation is known (a first pass's path).

    Args:
        level: the finest level (units are sentences), with its signals.
        overlaps: the signals' pairwise overlaps for a band that holds the windows.
        windows: start cells of windows by their right segmentation (:func:`training_windows`).
        priors: ``-log p(shape)`` per bead shape (``(1, 0)``, ``(0, 1)`` for skips), in nats.
        variance, skip_length: as in :class:`~alignkit.align.options.AlignOptions`.
        length: fit a length weight (else it is 0).
        l2: ridge penalty per window.
        min_windows: fewer windows than this: ``None`` (too little to learn from).
        band: the band ``overlaps`` were computed for; windows outside it are left out.
        hand: the hand weights of the pass that chose the windows' segmentations (nats, per
            feature): a window whose segmentation one signal alone decided is left out (see :func:`undecided`).
    """
    shapes = [s for s in priors if min(s) >= 1]
    groups = []
    for right, starts in _thinned(windows, band).items():
        if not set(_shapes(right)) <= set(shapes):
            continue
        paths = segmentations(shapes, right)
        x = window_features(level, overlaps, starts, paths, variance, skip_length)
        if not length:
            x[:, :, -1] = 0.0
        offset = np.array([sum(priors[(a, b)] for _, _, a, b in path) for path in paths])
        x = x[undecided(x, offset, np.asarray(hand, dtype=np.float64))]
        if len(x):
            groups.append((x, offset))
    count = sum(len(x) for x, _ in groups)
    if count < max(min_windows, 1):
        return None
    w = fit(groups, l2)
    out = Calibration(tuple(float(v) for v in w[:-1]), unit_scales(level), float(w[-1]), count)
    log.info(
        "cost weights fitted on %d windows of the first pass: %s, length %.3f (nats)", out.windows,
        ", ".join(f"{s.name} {v:.3f}" for s, v in zip(level.signals, out.signals)), out.length,
    )
    return out
