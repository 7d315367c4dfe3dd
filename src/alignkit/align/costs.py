"""Bead costs for any cells of a band, vectorised: length, and overlap signals.

An overlap signal's cost for a bead is the idf-weighted feature mass of its source and target
blocks that finds no partner on the other side, in units of an average sentence's mass; a
deleted sentence costs its whole mass, so merging an unrelated sentence into a bead is never
cheaper than deleting it. Pairwise overlaps are computed only for
sentence pairs near the band (a sorted join, linear in the number of feature occurrences), and
kept as prefix sums along each row so that the overlap of any ``a x b`` block is ``2a``
lookups. Nothing here is quadratic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from alignkit.align.arrays import ranges
from alignkit.align.band import Band
from alignkit.align.features import MIN_COMMON_DF, OverlapData
from alignkit.align.options import AlignOptions

#: Length costs are capped so one odd sentence (OCR debris, a heading) cannot dominate a path.
_LENGTH_CAP = 25.0
#: Matched occurrence pairs joined per slice in :func:`band_overlap` (bounds its temporaries).
_JOIN_CHUNK = 1 << 20


@dataclass(frozen=True)
class LevelSignal:
    """One overlap signal at one resolution (units = runs of ``2**shift`` sentences).

    Occurrences are unique ``(feature, unit)`` pairs with their counts; features found in
    more than ``max_df`` of the units are dropped at this level (at coarse levels almost every
    feature occurs everywhere, and joining those would be quadratic).
    """

    scale: float
    feature_weight: np.ndarray
    src_feat: np.ndarray
    src_pos: np.ndarray
    src_cnt: np.ndarray
    tgt_feat: np.ndarray
    tgt_pos: np.ndarray
    tgt_cnt: np.ndarray
    src_mass: np.ndarray  # prefix sums, (n + 1,)
    tgt_mass: np.ndarray  # prefix sums, (m + 1,)
    name: str = ""


@dataclass(frozen=True)
class Level:
    """All per-unit data the costs need at one resolution.

    Attributes:
        n, m: number of source and target units.
        src_len, tgt_len: prefix sums of character lengths, ``(n + 1,)`` and ``(m + 1,)``.
        ratio: target characters per source character.
        signals: the active overlap signals.
        src_skip, tgt_skip: prefix sums of the signal part of deleting each unit (its scaled mass).
    """

    n: int
    m: int
    src_len: np.ndarray
    tgt_len: np.ndarray
    ratio: float
    signals: tuple[LevelSignal, ...]
    src_skip: np.ndarray
    tgt_skip: np.ndarray
    #: cost of a bead boundary at each unit boundary (``(n + 1,)``, ``(m + 1,)``): non-zero where the
    #: line before it ends in a non-breaking prefix ("Mr.") and so was cut off from the next one
    src_glue: np.ndarray | None = None
    tgt_glue: np.ndarray | None = None
    #: per unit (``(n,)``, ``(m,)``), ``turn_cost`` where the unit opens a dialogue turn, else 0: a bead
    #: whose first units differ pays the difference (a turn matched with a non-turn)
    src_turn: np.ndarray | None = None
    tgt_turn: np.ndarray | None = None


def make_level(
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    ratio: float,
    signals: Sequence[tuple[OverlapData, float]],
    shift: int,
    max_df: float,
) -> Level:
    """Data for the level whose units are ``2**shift`` consecutive sentences."""
    n, m = len(src_len), len(tgt_len)
    step = 1 << shift
    nl, ml = -(-n // step), -(-m // step)
    si = np.minimum(np.arange(nl + 1) * step, n)
    ti = np.minimum(np.arange(ml + 1) * step, m)
    sp, tp = _prefix(src_len)[si], _prefix(tgt_len)[ti]
    level_signals = []
    src_skip, tgt_skip = np.zeros(nl + 1), np.zeros(ml + 1)
    total_weight = sum(w for _, w in signals)
    for data, weight in signals:
        if shift == 0:  # the data as it is: unique, sorted, and its stop words already dropped
            sf, spos, tf, tpos = data.src_feat, data.src_pos, data.tgt_feat, data.tgt_pos
            sc, tc = np.ones(len(sf), dtype=np.int32), np.ones(len(tf), dtype=np.int32)
        else:
            sf, spos, sc, tf, tpos, tc = _coarse(data, shift, nl, ml, max_df)
        ms = _prefix(np.bincount(spos, weights=data.weight[sf] * sc, minlength=nl))
        mt = _prefix(np.bincount(tpos, weights=data.weight[tf] * tc, minlength=ml))
        # unmatched mass is measured in "average sentences" (two per 1:1 bead), and the signals'
        # weights share one unit, so costs stay comparable whichever signals are on
        mean = max((ms[-1] + mt[-1]) / (n + m), 1e-9)
        scale = weight / total_weight / (2 * mean)
        src_skip += scale * ms
        tgt_skip += scale * mt
        level_signals.append(LevelSignal(scale, data.weight, sf, spos, sc, tf, tpos, tc, ms, mt, data.name))
    return Level(nl, ml, sp, tp, ratio, tuple(level_signals), src_skip, tgt_skip)


def _coarse(data: OverlapData, shift: int, nl: int, ml: int, max_df: float) -> tuple[np.ndarray, ...]:
    """Occurrences per unit of ``2**shift`` sentences, without the features common at that level."""
    nfeat = len(data.weight)
    sf, spos, sc = _units(data.src_feat, data.src_pos >> shift, nl)
    tf, tpos, tc = _units(data.tgt_feat, data.tgt_pos >> shift, ml)
    df = np.bincount(sf, minlength=nfeat) + np.bincount(tf, minlength=nfeat)
    common = (df > max_df * (nl + ml)) & (df > MIN_COMMON_DF)
    ks, kt = ~common[sf], ~common[tf]
    return sf[ks], spos[ks], sc[ks], tf[kt], tpos[kt], tc[kt]


def _units(feat: np.ndarray, pos: np.ndarray, units: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique (feature, unit) pairs, sorted, with their counts."""
    keys, counts = np.unique(feat * (units + 1) + pos, return_counts=True)
    return keys // (units + 1), keys % (units + 1), counts.astype(np.int32)


def rescale(level: Level, scales: Sequence[float]) -> Level:
    """The level with each overlap signal's cost per unit of raw unmatched mass set to ``scales[s]``.

    The skip costs follow: a deleted unit costs its whole mass at the signal's new scale.
    """
    signals = tuple(replace(s, scale=float(c)) for s, c in zip(level.signals, scales))
    src_skip, tgt_skip = np.zeros(level.n + 1), np.zeros(level.m + 1)
    for s in signals:
        src_skip += s.scale * s.src_mass
        tgt_skip += s.scale * s.tgt_mass
    return replace(level, signals=signals, src_skip=src_skip, tgt_skip=tgt_skip)


def _prefix(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values) + 1, dtype=np.float64)
    np.cumsum(values, out=out[1:])
    return out


@dataclass(frozen=True)
class BandOverlap:
    """Pairwise overlaps of one signal for the unit pairs a band can use, as row prefix sums.

    Row ``k`` (source unit ``k``) covers target units ``lo[k] .. lo[k] + width[k] - 1``;
    ``cum[off[k] + c]`` is the overlap of unit ``k`` with the target units before ``lo[k] + c``
    (plus a constant per row that cancels in differences).
    """

    lo: np.ndarray
    width: np.ndarray
    off: np.ndarray
    cum: np.ndarray

    def lookup(self, k: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Row-``k`` overlap prefix up to (excluding) target unit ``j``."""
        c = np.clip(j - self.lo[k], 0, self.width[k])
        return self.cum[self.off[k] + c]


def band_overlap(signal: LevelSignal, band: Band, max_a: int, max_b: int) -> BandOverlap:
    """Join source and target feature occurrences for the unit pairs near ``band``."""
    n, m = band.n, band.m
    hi = band.lo + band.width - 1
    rows = np.arange(n)
    lo = np.maximum(band.lo[np.minimum(rows + 1, n)] - max_b, 0)
    width = np.maximum(hi[np.minimum(rows + max_a, n)] - lo, 0)
    off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(width + 1, out=off[1:])  # one spare slot per row keeps rows apart in `cum`
    stride = m + 1
    tkey = signal.tgt_feat * stride + signal.tgt_pos  # sorted: _units returns sorted keys
    tpos, tcnt = signal.tgt_pos, signal.tgt_cnt
    spos = signal.src_pos
    skey = signal.src_feat * stride + lo[spos]
    start = np.searchsorted(tkey, skey, side="left")
    end = np.searchsorted(tkey, skey + width[spos], side="left")
    counts = end - start
    pair = np.zeros(int(off[-1]) + 1, dtype=np.float64)
    # the join is done in slices of source occurrences whose matches number about _JOIN_CHUNK:
    # all at once, its seven temporaries held hundreds of MiB on 100,000-sentence documents
    bounds = np.searchsorted(np.cumsum(counts), np.arange(_JOIN_CHUNK, int(counts.sum()), _JOIN_CHUNK))
    for a, b in zip(np.r_[0, bounds], np.r_[bounds, len(spos)]):
        c = counts[a:b]
        occ = np.repeat(np.arange(a, b), c)
        hit = ranges(start[a:b], c)
        k = spos[occ]
        flat = off[k] + (tpos[hit] - lo[k]) + 1
        shared = signal.feature_weight[signal.src_feat[occ]] * np.minimum(signal.src_cnt[occ], tcnt[hit])
        pair += np.bincount(flat, weights=shared, minlength=len(pair))
    return BandOverlap(lo, width, off, np.cumsum(pair, out=pair))  # in place: one band-sized array less at the peak


def chunk_costs(
    level: Level,
    overlaps: Sequence[BandOverlap],
    rows: np.ndarray,
    cols: np.ndarray,
    shapes: Sequence[tuple[int, int]],
    penalties: Mapping[tuple[int, int], float],
    options: AlignOptions,
) -> np.ndarray:
    """Costs of every bead shape ending at cells ``(rows[c], cols[c])``: shape ``(len(shapes), cells)``.

    ``penalties`` gives each shape's own cost (the bead-type prior), ``(1, 0)`` the source skip.

    Shapes with ``b == 0`` delete source units; a bead that would start outside the grid costs ``inf``.
    """
    out = np.empty((len(shapes), len(rows)), dtype=np.float64)
    weak_cost = options.weak_cost
    cache: list[dict[tuple[int, int], np.ndarray]] = [{} for _ in overlaps]
    turn_src: dict[int, np.ndarray] = {}
    turn_tgt: dict[int, np.ndarray] = {}
    for t, (a, b) in enumerate(shapes):
        ia = np.maximum(rows - a, 0)
        if b == 0:
            out[t] = penalties[(1, 0)] * a + level.src_skip[rows] - level.src_skip[ia]
            if level.src_glue is not None:
                out[t] += level.src_glue[rows]
            out[t][rows < a] = np.inf
            continue
        jb = np.maximum(cols - b, 0)
        # every per-bead cost term is added to `cost` here (bead-type prior, length, glue, overlaps)
        cost = np.full(len(rows), penalties[(a, b)])
        if level.src_glue is not None and level.tgt_glue is not None:
            cost += level.src_glue[rows] + level.tgt_glue[cols]
        if level.src_turn is not None and level.tgt_turn is not None:  # gathered once per a and per b
            if a not in turn_src:
                turn_src[a] = level.src_turn[ia]
            if b not in turn_tgt:
                turn_tgt[b] = level.tgt_turn[jb]
            cost += np.abs(turn_src[a] - turn_tgt[b])
        if options.length and options.length_weight > 0:
            cost += options.length_weight * _length_cost(level, rows, ia, cols, jb, options.length_variance)
        unmatched, mass = np.zeros(len(rows)), np.zeros(len(rows))
        for s, (signal, ov) in enumerate(zip(level.signals, overlaps)):
            um, ms = unmatched_mass(signal, ov, cache[s], rows, cols, a, b)
            unmatched += signal.scale * um
            mass += signal.scale * ms
        cost += unmatched
        if weak_cost > 0 and level.signals:
            cost += weak_cost * _weakness(unmatched, mass, options.weak_threshold)
        cost[(rows < a) | (cols < b)] = np.inf
        out[t] = cost
    return out


def length_cost(src_prefix: np.ndarray, tgt_prefix: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """Prefix sums of the length cost of deleting each unit of one side.

    Pass a side's length prefix sums and a one-element zero array for the other side; the result
    has the first side's shape (``cost[k]`` = cost of deleting units ``0 .. k - 1``).
    """
    ls = np.diff(src_prefix) if len(src_prefix) > 1 else np.zeros(0)
    lt = np.diff(tgt_prefix) if len(tgt_prefix) > 1 else np.zeros(0)
    unit = length_delta_cost(ls, np.zeros_like(ls), ratio, variance) if len(ls) else length_delta_cost(
        np.zeros_like(lt), lt, ratio, variance
    )
    return _prefix(unit)


def length_delta_cost(ls: np.ndarray, lt: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """Gale-Church's ``delta**2 / 2`` of blocks of ``ls`` and ``lt`` characters, capped."""
    delta2 = (lt - ratio * ls) ** 2 / (variance * (ratio * ls + lt) / 2 + 1.0)
    return np.minimum(delta2 / 2, _LENGTH_CAP)


def _length_cost(
    level: Level, i: np.ndarray, ia: np.ndarray, j: np.ndarray, jb: np.ndarray, variance: float
) -> np.ndarray:
    ls = level.src_len[i] - level.src_len[ia]
    lt = level.tgt_len[j] - level.tgt_len[jb]
    return length_delta_cost(ls, lt, level.ratio, variance)


def unmatched_mass(
    signal: LevelSignal,
    ov: BandOverlap,
    cache: dict[tuple[int, int], np.ndarray],
    rows: np.ndarray,
    cols: np.ndarray,
    a: int,
    b: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Feature mass of the bead that finds no partner on the other side (never negative), and its whole mass."""
    shared = np.zeros(len(rows))
    for t in range(1, a + 1):
        shared += _cached(cache, ov, rows, cols, t, 0) - _cached(cache, ov, rows, cols, t, b)
    mass = signal.src_mass[rows] - signal.src_mass[np.maximum(rows - a, 0)]
    mass += signal.tgt_mass[cols] - signal.tgt_mass[np.maximum(cols - b, 0)]
    return np.maximum(mass - 2 * shared, 0.0), mass


def _weakness(unmatched: np.ndarray, mass: np.ndarray, threshold: float) -> np.ndarray:
    """How far a bead's matched share of feature mass falls below ``threshold``, in ``[0, 1]``.

    The unmatched-mass cost alone charges an unrelated pair exactly what skipping both
    sentences charges minus the two skip costs, so a 1:1 of two sentences with nothing in
    common beat two skips whenever their lengths agreed. A bead with no features at all is
    not penalised (there is nothing to judge it by).
    """
    matched = 1.0 - unmatched / np.maximum(mass, 1e-12)
    weak = np.clip((threshold - matched) / max(threshold, 1e-9), 0.0, 1.0)
    return np.where(mass > 0, weak, 0.0)


def _cached(
    cache: dict[tuple[int, int], np.ndarray], ov: BandOverlap, rows: np.ndarray, cols: np.ndarray, t: int, b: int
) -> np.ndarray:
    key = (t, b)
    if key not in cache:
        cache[key] = ov.lookup(np.maximum(rows - t, 0), np.maximum(cols - b, 0))
    return cache[key]
