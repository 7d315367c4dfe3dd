"""The fitted bead cost: weights of the second pass estimated on windows of the first pass's path."""

from __future__ import annotations

import logging
import random
import re

import numpy as np
import pytest

from alignkit.align import AlignOptions, align_sentences, score_alignments
from alignkit.align.calibrate import fit, segmentations, training_windows, undecided
from alignkit.types import Bead

from tests.align.test_align_learn import _synthetic


def _windows(rng: np.random.Generator, count: int, kinds: int) -> tuple[np.ndarray, np.ndarray]:
    """Windows of ``kinds`` segmentations (the right one first) with two features:
    column 0 is 1 lower on the right segmentation than on the wrong ones (plus noise),
    column 1 is noise of the same size on every segmentation."""
    x = rng.gamma(2.0, 0.5, size=(count, kinds, 2))
    x[:, 1:, 0] += 1.0
    return x, np.zeros(kinds)


def test_a_noise_feature_gets_no_weight_and_an_informative_one_does() -> None:
    x, offset = _windows(np.random.default_rng(0), 3000, 6)
    w = fit([(x, offset)], l2=1e-4)
    assert w[1] < 0.05, w
    assert w[0] > 1.0, w


def test_fitted_weights_follow_how_sharply_a_feature_separates() -> None:
    rng = np.random.default_rng(1)
    x, offset = _windows(rng, 3000, 6)
    sharp = x.copy()
    sharp[:, :, 0] = x[:, :, 0] / 3  # the same evidence in smaller units: the weight must grow
    assert fit([(sharp, offset)], l2=1e-6)[0] == pytest.approx(3 * fit([(x, offset)], l2=1e-6)[0], rel=0.05)


def test_a_misleading_feature_is_held_at_zero() -> None:
    x, offset = _windows(np.random.default_rng(2), 2000, 5)
    x[:, 1:, 1] -= 1.0  # lower on the wrong segmentations: following it would hurt
    w = fit([(x, offset)], l2=1e-4)
    assert w[1] == 0.0
    assert w[0] > 1.0


def test_every_feature_larger_on_the_right_segmentation_gives_all_zero_weights_not_a_crash() -> None:
    # each round of the fit fixes the negative weights at 0; once none is left the fit must stop
    # (it used to solve an empty system and fail on a reduction over zero weights)
    x = np.zeros((50, 3, 2))
    x[:, 0] = [2.0, 3.0]
    w = fit([(x, np.zeros(3))], l2=1e-3)
    assert w.shape == (2,) and np.all(w == 0.0)


def test_segmentations_of_a_two_by_two_window_start_with_the_diagonal_and_are_all_distinct() -> None:
    diagonal = ((0, 0, 1, 1), (1, 1, 1, 1))
    paths = segmentations([(1, 1), (1, 2), (2, 1), (2, 2)], diagonal)
    assert paths[0] == diagonal
    assert len(set(paths)) == len(paths)
    assert ((0, 0, 2, 2),) in paths and ((0, 0, 1, 0), (1, 0, 1, 1), (2, 1, 0, 1)) in paths
    for path in paths:  # each covers the window exactly once, monotonically
        assert sum(a for *_, a, _ in path) == 2 and sum(b for *_, b in path) == 2


def test_training_windows_are_one_to_one_pairs_and_merges_between_one_to_ones() -> None:
    beads = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2, 3), (2,)), Bead((4,), (3,)), Bead((), (4,))]
    got = training_windows(beads)
    assert got[((0, 0, 1, 1), (1, 1, 1, 1))] == [(0, 0)]
    assert got[((0, 0, 2, 1),)] == [(2, 2)]


def test_a_window_that_one_feature_alone_decided_is_left_out() -> None:
    # segmentation 0 wins only through feature 1; in window 1 it wins on both
    x = np.array([[[0.0, 0.0], [0.2, 1.0]], [[0.0, 0.0], [1.0, 1.0]]])
    assert undecided(x, np.array([0.5, 0.0]), np.array([1.0, 1.0])).tolist() == [False, True]


def _noisy(src: list[str], tgt: list[str], seed: int = 5) -> tuple[list[str], list[str]]:
    """Every sentence gets three random numbers: anchors that match only by chance."""
    rng = random.Random(seed)
    add = lambda s: s + " " + " ".join(str(rng.randrange(300)) for _ in range(3))  # noqa: E731
    return [add(s) for s in src], [add(t) for t in tgt]


def _weights(caplog: pytest.LogCaptureFixture) -> dict[str, float]:
    line = next(r.getMessage() for r in caplog.records if r.name == "alignkit.align.calibrate")
    return {k: float(v) for k, v in re.findall(r"(\w+) (\d+\.\d+)", line.split(":", 1)[1])}


def test_anchors_that_are_pure_noise_weigh_far_less_than_the_signal_that_aligns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    src, tgt, gold = _synthetic(n=600)
    with caplog.at_level(logging.INFO, logger="alignkit.align.calibrate"):
        got = align_sentences(*_noisy(src, tgt), src_lang="en", tgt_lang="es")
    w = _weights(caplog)
    # the hand weights give both signals the same share; the fit gives the noise a fraction of it
    # (not all of 0: the first pass chose with the noise, and some of that echoes in its path)
    assert w["lexical"] < 0.4 * w["dictionary"], w
    assert score_alignments([gold], [got]).f1_strict >= 0.93


def test_without_any_anchors_the_lexical_weight_is_zero(caplog: pytest.LogCaptureFixture) -> None:
    src, tgt, gold = _synthetic(n=600)
    with caplog.at_level(logging.INFO, logger="alignkit.align.calibrate"):
        got = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    w = _weights(caplog)
    assert w["dictionary"] > 0.5 and w.get("lexical", 0.0) == 0.0, w
    assert score_alignments([gold], [got]).f1_strict >= 0.95


def test_hand_weights_stay_with_calibration_off() -> None:
    src, tgt, _ = _synthetic(n=120)
    on = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    off = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(calibrate=False))
    few = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(calibrate_min=10**6))
    assert few == off  # too few windows: the hand weights
    assert [b.cost for b in on.beads] != [b.cost for b in off.beads]
