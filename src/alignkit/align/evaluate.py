"""Strict and lax precision / recall / F1 of sentence alignments (Sennrich & Volk 2011).

The counting follows vecalign's ``score.py`` exactly, so numbers are comparable with published
ones: beads empty on both sides are ignored, precision counts every predicted bead (deletions
and insertions included), recall counts only gold beads with both sides non-empty (against the
predicted beads with both sides non-empty), and a bead is a *lax* hit when it shares at least
one source and one target sentence with some gold bead. Counts are summed over all documents
(micro-average) before the ratios are taken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alignkit.errors import InputError
from alignkit.types import Alignment, Bead

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class AlignScores:
    """Strict and lax precision, recall and F1, plus the number of documents scored."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    documents: int

    def as_dict(self) -> dict[str, float]:
        """The six scores by name (vecalign's keys)."""
        return {
            "precision_strict": self.precision_strict,
            "recall_strict": self.recall_strict,
            "f1_strict": self.f1_strict,
            "precision_lax": self.precision_lax,
            "recall_lax": self.recall_lax,
            "f1_lax": self.f1_lax,
        }


def _pairs(alignment: Alignment | Iterable[Bead | Pair]) -> list[Pair]:
    items = alignment.beads if isinstance(alignment, Alignment) else alignment
    out = []
    for item in items:
        if isinstance(item, Bead):
            out.append((tuple(item.src), tuple(item.tgt)))
        else:
            s, t = item
            out.append((tuple(s), tuple(t)))
    return out


def _counts(gold: Sequence[Pair], test: Sequence[Pair]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    test_set = {(s, t) for s, t in test if s or t}
    gold_set = {(s, t) for s, t in gold if s or t}
    gold_tgt_of_src: dict[int, set[int]] = defaultdict(set)
    for s_ids, t_ids in gold_set:
        for s in s_ids:
            gold_tgt_of_src[s].update(t_ids)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for s_ids, t_ids in test_set:
        if (s_ids, t_ids) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        reachable = set().union(*(gold_tgt_of_src.get(s, set()) for s in s_ids)) if s_ids else set()
        if reachable.intersection(t_ids):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def _ratio(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(
    gold: Sequence[Alignment | Iterable[Bead | Pair]], test: Sequence[Alignment | Iterable[Bead | Pair]]
) -> AlignScores:
    """Score predicted alignments against gold ones, micro-averaged over documents.

    Args:
        gold: one gold alignment per document (:class:`Alignment`, beads or ``(src_ids, tgt_ids)``).
        test: the predicted alignments, same order.

    Raises:
        InputError: different numbers of gold and predicted documents.
    """
    if len(gold) != len(test):
        raise InputError(f"{len(gold)} gold alignments but {len(test)} predicted ones")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for g, t in zip(gold, test):
        gp, tp = _pairs(g), _pairs(t)
        p = [x + y for x, y in zip(p, _counts(gp, tp))]
        # recall is precision with the roles swapped, without insertions and deletions
        both = [(s, u) for s, u in gp if s and u]
        test_both = [(s, u) for s, u in tp if s and u]
        r = [x + y for x, y in zip(r, _counts(test_both, both))]
    ps, pl = _ratio(p[0], p[1]), _ratio(p[2], p[3])
    rs, rl = _ratio(r[0], r[1]), _ratio(r[2], r[3])
    return AlignScores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl), len(gold))
