"""Feature filtering: repeats in neighbouring sentences are not anchors."""

from __future__ import annotations

import numpy as np
import pytest

from alignkit.align import AlignOptions
from alignkit.align.features import anchor_features, build_overlap, intern
from alignkit.errors import InputError

_SRC = ["Obama met Merkel.", "Obama spoke in Berlin.", "Rain.", "Snow.", "Wind.", "Obama left Berlin."]
_TGT = ["Obama vio a Merkel.", "Obama habló en Berlin.", "Lluvia.", "Nieve.", "Viento.", "Obama dejó Berlin."]


def _overlap(window: int):
    ids: dict[str, int] = {}
    tgt = intern((anchor_features(t) for t in _TGT), ids)
    src = intern((anchor_features(s) for s in _SRC), ids)
    inv = {v: k for k, v in ids.items()}
    data = build_overlap("lexical", src, tgt, len(_SRC), len(_TGT), len(ids), max_df=1.0, repeat_window=window)
    return {(inv[int(f)], int(p)) for f, p in zip(data.src_feat, data.src_pos)}


@pytest.mark.parametrize(
    ("window", "kept", "dropped"),
    [
        (1, {("w:obama", 0), ("w:obama", 1), ("w:obama", 5)}, set()),
        (3, {("w:obama", 5), ("w:merkel", 0), ("w:berlin", 1), ("w:berlin", 5)}, {("w:obama", 0), ("w:obama", 1)}),
        (4, {("w:obama", 5), ("w:berlin", 1), ("w:berlin", 5)}, {("w:obama", 0), ("w:obama", 1)}),
        (5, {("w:merkel", 0)}, {("w:obama", 5), ("w:berlin", 1), ("w:berlin", 5)}),
    ],
    ids=["window-1-keeps-all", "window-3", "window-4-keeps-4-apart", "window-5-reaches-4-apart"],
)
def test_repeat_window_drops_only_near_repeats(window: int, kept: set, dropped: set) -> None:
    feats = _overlap(window)
    assert kept <= feats
    assert not dropped & feats


def test_repeat_window_is_validated() -> None:
    with pytest.raises(InputError, match="repeat_window"):
        AlignOptions(repeat_window=0)


def test_by_feature_sorts_unsorted_input_and_drops_near_repeats() -> None:
    from alignkit.align.features import _by_feature

    feat = np.array([7, 3, 7, 3, 9], dtype=np.int64)
    pos = np.array([4, 0, 2, 9, 4], dtype=np.int64)
    f, p, ok = _by_feature(feat, pos, np.ones(10, dtype=bool), 3)
    assert list(zip(f.tolist(), p.tolist())) == [(3, 0), (3, 9), (7, 2), (7, 4), (9, 4)]
    assert ok.tolist() == [True, True, False, False, True]


def test_intern_anchors_gives_each_sentence_the_features_anchor_features_gives() -> None:
    from alignkit.align.features import intern_anchors

    texts = _SRC + _TGT + ["see www.Example.com/x and http://a.b?", "", "  ", "3,5 % (Berlin) « oui »"]
    ids: dict[str, int] = {}
    f, p = intern_anchors(texts, ids)
    inv = {v: k for k, v in ids.items()}
    rows: list[set[str]] = [set() for _ in texts]
    for ff, pp in zip(f.tolist(), p.tolist()):
        rows[pp].add(inv[ff])
    assert rows == [anchor_features(t) for t in texts]


def test_feature_ids_do_not_depend_on_the_hash_seed() -> None:
    # feature ids order the float sums of the costs; with set order they changed between runs
    # (PYTHONHASHSEED), and tied beads then came out differently from one process to the next
    import os
    import subprocess
    import sys

    code = (
        "from alignkit.align.features import intern_anchors\n"
        "ids = {}\n"
        "f, p = intern_anchors(['Maria saw 42 cats in Berlin?', 'Der Hund (1999) lief!'], ids)\n"
        "print(f.tolist(), p.tolist(), sorted(ids.items(), key=lambda kv: kv[1]))\n"
    )
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outs) == 1


def test_cognate_prefixes_ignore_accents() -> None:
    from alignkit.align.features import anchor_features

    assert "p:educ" in anchor_features("éducation") & anchor_features("educación")
    assert "p:koln" in anchor_features("Kölnische")
    assert "w:éducation" in anchor_features("éducation")  # whole words keep their accents


def test_a_sentence_opens_a_turn_when_it_starts_with_a_quote_or_a_dash() -> None:
    from alignkit.align.features import opens_turn

    texts = ["«Oui», dit-il.", "— Non.", '"Yes," he said.', "  \u201eJa\u201c, sagte er.", "He said yes.", "", "Il a dit « oui »."]
    assert opens_turn(texts).tolist() == [True, True, True, True, False, False, False]


def test_turn_cost_pairs_turns_with_turns() -> None:
    from alignkit.align import AlignOptions, align_sentences

    # two source sentences of one length against one target sentence: only the turn cue says
    # which of them the target's narration line translates (lengths tie, no anchors)
    src = ["«Viens ici», dit-elle tout bas.", "Il faisait gris tout le matin."]
    tgt = ["It was grey all the morning."]
    one = {"lexical": False, "dictionary": False, "learn": False, "max_side": 1}
    cued = align_sentences(src, tgt, src_lang="fr", tgt_lang="en", options=AlignOptions(turn_cost=1.0, **one))
    assert ((1,), (0,)) in [(b.src, b.tgt) for b in cued.beads]
    plain = align_sentences(src, tgt, src_lang="fr", tgt_lang="en", options=AlignOptions(turn_cost=0.0, **one))
    assert ((0,), (0,)) in [(b.src, b.tgt) for b in plain.beads]  # without the cue the tie goes the other way
    src = src[::-1]
    tgt = ["«Come here», she said quietly."]
    cued = align_sentences(src, tgt, src_lang="fr", tgt_lang="en", options=AlignOptions(turn_cost=1.0, **one))
    assert ((1,), (0,)) in [(b.src, b.tgt) for b in cued.beads]
