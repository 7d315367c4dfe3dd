"""What a first alignment pass teaches the second: word associations and bead-type priors.

hunalign's *realign* idea: the 1:1 beads of a first pass are a small parallel corpus of the
documents themselves. Word translation probabilities estimated on them (IBM Model 1, both ways)
become a dictionary learned from the documents, and the share of each bead type
in the first pass becomes that document pair's prior, so a novel translated sentence by sentence
and a freely merged one are not held to one fixed penalty.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from alignkit.align.arrays import ranges
from alignkit.align.lexicon import Lexicon
from alignkit.types import Bead

#: Most beads Model 1 learns from (evenly spread): bounds its time and memory (~120 MiB of
#: co-occurrences at 10,000 beads; the dev books have at most 5,600 1:1 beads).
MAX_BEADS = 10_000
#: Least co-occurrences for a learned pair: once is chance.
MIN_PAIRS = 2
#: Least association for a learned pair: the geometric mean of Model 1's ``p(t | s)`` and ``p(s | t)``.
MIN_PROB = 0.1
#: EM iterations of Model 1 (from uniform over co-occurring pairs; it converges in a few).
EM_STEPS = 5
#: Learned translations kept per source stem.
TOP_K = 3
#: Stems in more than this share of the beads are function words and learn nothing.
MAX_SHARE = 0.05


def one_to_ones(beads: Sequence[Bead]) -> list[Bead]:
    """The 1:1 beads of a pass: what the lexicon is learned from.

    Every one, not only the cheap ones between two 1:1 beads (as before): Model 1 explains a
    wrong pairing's words away, and the beads a stricter filter keeps are those the first pass's
    own signals already decide, which teach it least (dev mean strict F1 .797 -> .799 with Dice,
    .801 with Model 1; docs/align.md).
    """
    return [b for b in beads if len(b.src) == 1 and len(b.tgt) == 1]


def learn_lexicon(
    documents: Sequence[tuple[Sequence[Sequence[str]], Sequence[Sequence[str]], Sequence[Bead]]],
    src: str,
    tgt: str,
) -> Lexicon:
    """Stem translations by IBM Model 1 over the 1:1 beads of a first pass, pooled over documents.

    Args:
        documents: per document pair, ``(source stems, target stems, beads)``: the stems of every
            sentence of each side and the 1:1 beads to learn from (e.g. :func:`one_to_ones`);
            more than :data:`MAX_BEADS` beads in all are thinned evenly.
        src, tgt: the language pair, for the lexicon's record.
    """
    rows = [(ss[b.src[0]], ts[b.tgt[0]]) for ss, ts, beads in documents for b in beads]
    return _learn(rows, src, tgt)


def _learn(rows: Sequence[tuple[Sequence[str], Sequence[str]]], src: str, tgt: str) -> Lexicon:
    """Model 1 associations over ``(source stems, target stems)`` sentence pairs.

    A pair is kept when it co-occurs in at least :data:`MIN_PAIRS` beads and the geometric mean
    of its translation probabilities both ways is at least :data:`MIN_PROB`; each source stem
    keeps its :data:`TOP_K` best. Stems in more than :data:`MAX_SHARE` of the beads take no part.
    """
    beads = rows
    if len(beads) > MAX_BEADS:
        beads = [beads[k] for k in np.linspace(0, len(beads) - 1, MAX_BEADS).astype(int)]
    ids: dict[str, int] = {}
    s_rows, t_rows = [], []
    for ss, ts in beads:  # sorted(set()) of a few ints: np.unique per bead cost seconds on long books
        s_rows.append(np.array(sorted({ids.setdefault("s" + w, len(ids)) for w in ss}), dtype=np.int64))
        t_rows.append(np.array(sorted({ids.setdefault("t" + w, len(ids)) for w in ts}), dtype=np.int64))
    if not beads or not ids:
        return Lexicon(src, tgt, {}, ("learned",))
    count = np.bincount(np.concatenate(s_rows + t_rows), minlength=len(ids))
    limit = max(MAX_SHARE * len(beads), MIN_PAIRS)
    pairs, sizes = [], []
    nid = len(ids)
    for sr, tr in zip(s_rows, t_rows):
        sr, tr = sr[count[sr] <= limit], tr[count[tr] <= limit]
        if len(sr) and len(tr):
            pairs.append((sr[:, None] * nid + tr[None, :]).ravel())  # source-major: k = p * len(tr) + q
            sizes.append((len(sr), len(tr)))
    if not pairs:
        return Lexicon(src, tgt, {}, ("learned",))
    keys, pair, joint = np.unique(np.concatenate(pairs), return_inverse=True, return_counts=True)
    del pairs
    pair = pair.astype(np.int32)  # one candidate pair index per co-occurrence, half the memory
    s_id, t_id = keys // nid, keys % nid
    by_target, by_source = _groups(np.asarray(sizes, dtype=np.int64).reshape(-1, 2))
    forward = model1(pair, by_target, s_id, nid)  # p(t | s): each target stem is explained
    backward = model1(pair, by_source, t_id, nid)  # p(s | t)
    score = np.sqrt(forward * backward)
    keep = (joint >= MIN_PAIRS) & (score >= MIN_PROB)
    names = np.array(list(ids), dtype=object)
    best: dict[str, list[tuple[float, str]]] = {}
    for s, t, d in zip(names[s_id[keep]], names[t_id[keep]], score[keep]):
        best.setdefault(s[1:], []).append((-float(d), t[1:]))
    entries = {s: tuple(t for _, t in sorted(v)[:TOP_K]) for s, v in best.items()}
    return Lexicon(src, tgt, entries, (f"learned from {len(beads)} beads",))


def bead_priors(
    beads: Sequence[Bead], shapes: Sequence[tuple[int, int]], base: Mapping[tuple[int, int], float], strength: float
) -> dict[tuple[int, int], float]:
    """``-log p(shape)`` per bead shape, estimated from a first pass's beads.

    Counts are smoothed towards ``base`` (a distribution over ``shapes``) with ``strength``
    pseudo-beads, so a shape the first pass never used keeps a finite cost.
    """
    counts = {s: 0 for s in shapes}
    for b in beads:
        shape = (len(b.src), len(b.tgt))
        if shape in counts:
            counts[shape] += 1
    total = sum(counts.values()) + strength
    return {s: -math.log((counts[s] + strength * base[s]) / total) for s in shapes}


def _groups(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Model 1's alignment groups of the co-occurrences of beads with ``(a, b)`` stems each.

    A bead's ``a * b`` co-occurrences are source-major (``k = p * b + q``); they are grouped by
    (bead, target stem ``q``) and by (bead, source stem ``p``), numbered from 0 across beads.
    """
    a, b = sizes[:, 0], sizes[:, 1]
    n = a * b
    width = np.repeat(b, n)
    local = ranges(np.zeros(len(n), dtype=np.int64), n)  # each co-occurrence's index within its bead
    by_target = (np.repeat(np.cumsum(b) - b, n) + local % width).astype(np.int32)
    by_source = (np.repeat(np.cumsum(a) - a, n) + local // width).astype(np.int32)
    return by_target, by_source


def model1(pair: np.ndarray, group: np.ndarray, given: np.ndarray, nwords: int, steps: int = EM_STEPS) -> np.ndarray:
    """IBM Model 1's ``p(word | given word)`` per candidate pair, by EM over co-occurrences (no NULL word).

    Args:
        pair: per co-occurrence (two stems in one bead), the index of its candidate pair.
        group: per co-occurrence, the index (``0 ..``) of the (bead, predicted stem) it may
            explain; each predicted stem's alignment posterior is normalised over its group.
        given: per candidate pair, the id (``< nwords``) of the conditioning stem; the
            probabilities of the pairs that share it sum to 1.
        nwords: bound on the stem ids.
        steps: EM iterations, starting from uniform.

    Linear in the co-occurrences per step: ``bincount`` sums, no dense table.
    """
    t = np.ones(len(given))
    for _ in range(steps):
        w = t[pair]
        w /= np.bincount(group, weights=w)[group]  # the alignment posterior of each co-occurrence
        counts = np.bincount(pair, weights=w, minlength=len(given))
        t = counts / np.maximum(np.bincount(given, weights=counts, minlength=nwords), 1e-12)[given]
    return t
