"""bench/align_errors.py: the error classes of a prediction against a gold alignment."""

from __future__ import annotations

import sys
from pathlib import Path

from alignkit.types import Alignment, Bead

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from align_errors import analyse  # noqa: E402


def _al(*beads: tuple[tuple[int, ...], tuple[int, ...]]) -> Alignment:
    return Alignment(tuple(Bead(s, t) for s, t in beads))


def test_each_gold_bead_gets_one_class_and_skips_are_explained() -> None:
    gold = _al(((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3)), ((4,), (4,)), ((5,), (5,)), ((6,), (6,)), ((6,), (7,)))
    pred = _al(
        ((0,), (0,)),  # hit
        ((1,), ()), ((2,), (1,)),  # a skip plus its neighbour is the gold 2:1
        ((3,), (2,)), ((), (3,)),  # ... and the gold 1:2 split finer
        ((4, 5), (4, 5)),  # two gold beads merged
        ((6,), (6, 7)),  # the best a partition can do with gold beads that share sentence 6
    )
    out = analyse(gold, pred)
    assert out["gold beads"] == {"hit": 1, "split finer by the prediction": 2, "merged into a coarser bead": 4}
    assert out["predicted skips"] == {"a neighbour plus the skip is the gold bead": 2}
    assert out["wrong predicted beads"][("2:2", "merges gold beads")] == 1
    assert out["gold beads sharing a sentence"] == (2, 7)
    assert out["gold shapes"]["1:1"] == 5 and out["predicted shapes"]["1:0"] == 1
