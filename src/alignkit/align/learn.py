"""What a first alignment pass teaches the second: word associations and bead-type priors.

hunalign's *realign* idea: the confident 1:1 beads of a first pass are a small parallel corpus
of the documents themselves. Word pairs that co-occur in them far more than chance (Dice
coefficient) become a dictionary learned from the documents, and the share of each bead type
in the first pass becomes that document pair's prior, so a novel translated sentence by sentence
and a freely merged one are not held to one fixed penalty.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from alignkit.align.lexicon import Lexicon
from alignkit.types import Bead

#: Most beads the association counts use (evenly spread): keeps learning linear and bounded.
MAX_BEADS = 20_000
#: Least co-occurrences for a learned pair: once is chance.
MIN_PAIRS = 2
#: Least Dice coefficient for a learned pair.
MIN_DICE = 0.3
#: Learned translations kept per source stem.
TOP_K = 3
#: Stems in more than this share of the beads are function words and learn nothing.
MAX_SHARE = 0.05


def confident(beads: Sequence[Bead]) -> list[Bead]:
    """1:1 beads between two 1:1 beads whose cost is at most the median 1:1 cost."""
    ones = [b for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
    if not ones:
        return []
    median = float(np.median([b.cost for b in ones]))
    out = []
    for k in range(1, len(beads) - 1):
        prev, bead, nxt = beads[k - 1], beads[k], beads[k + 1]
        if all(len(b.src) == 1 and len(b.tgt) == 1 for b in (prev, bead, nxt)) and bead.cost <= median:
            out.append(bead)
    return out


def learn_lexicon(
    documents: Sequence[tuple[Sequence[Sequence[str]], Sequence[Sequence[str]], Sequence[Bead]]],
    src: str,
    tgt: str,
) -> Lexicon:
    """Stem translations by Dice association over the 1:1 beads of a first pass, pooled over documents.

    Args:
        documents: per document pair, ``(source stems, target stems, beads)``: the stems of every
            sentence of each side and the 1:1 beads to learn from (e.g. :func:`confident`);
            more than :data:`MAX_BEADS` beads in all are thinned evenly.
        src, tgt: the language pair, for the lexicon's record.
    """
    rows = [(ss[b.src[0]], ts[b.tgt[0]]) for ss, ts, beads in documents for b in beads]
    return _learn(rows, src, tgt)


def _learn(rows: Sequence[tuple[Sequence[str], Sequence[str]]], src: str, tgt: str) -> Lexicon:
    """Dice associations over ``(source stems, target stems)`` sentence pairs."""
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
    pairs = []
    nid = len(ids)
    for sr, tr in zip(s_rows, t_rows):
        sr, tr = sr[count[sr] <= limit], tr[count[tr] <= limit]
        if len(sr) and len(tr):
            pairs.append((sr[:, None] * nid + tr[None, :]).ravel())
    if not pairs:
        return Lexicon(src, tgt, {}, ("learned",))
    keys, joint = np.unique(np.concatenate(pairs), return_counts=True)
    s_id, t_id = keys // nid, keys % nid
    dice = 2 * joint / (count[s_id] + count[t_id])
    keep = (joint >= MIN_PAIRS) & (dice >= MIN_DICE)
    names = np.array(list(ids), dtype=object)
    best: dict[str, list[tuple[float, str]]] = {}
    for s, t, d in zip(names[s_id[keep]], names[t_id[keep]], dice[keep]):
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
