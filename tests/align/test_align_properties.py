"""Properties of any alignment, edge cases, and the evaluation and ladder format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.align import AlignOptions, align_sentences, score_alignments
from alignkit.errors import InputError
from alignkit.formats.ladder import format_ladder, parse_ladder
from alignkit.types import Alignment, Bead

_words = st.sampled_from(["the", "a", "cat", "Maria", "1999", "42", "!", "?", "house", "casa", "gato", "Berlin"])
_sentence = st.lists(_words, min_size=0, max_size=8).map(" ".join)
_doc = st.lists(_sentence, min_size=0, max_size=25)


def _check_cover(al: Alignment, n: int, m: int, src_text: list[str] | None = None, tgt_text: list[str] | None = None) -> None:
    src = [i for b in al.beads for i in b.src]
    tgt = [j for b in al.beads for j in b.tgt]
    assert src == list(range(n)), "every source sentence once, in order"
    assert tgt == list(range(m)), "every target sentence once, in order"
    assert all(b.src or b.tgt for b in al.beads)
    # empty lines never enter the search: one between two sentences of a bead joins it uncounted
    full_s = [i for i in range(n) if src_text is None or src_text[i].strip()]
    full_t = [j for j in range(m) if tgt_text is None or tgt_text[j].strip()]
    assert all(len(set(b.src) & set(full_s)) <= 4 and len(set(b.tgt) & set(full_t)) <= 4 for b in al.beads)


@settings(max_examples=60, deadline=None)
@given(_doc, _doc, st.sampled_from([8, 400]))
def test_alignment_is_monotonic_covering_and_deterministic(src: list[str], tgt: list[str], coarse: int) -> None:
    options = AlignOptions(coarse_size=coarse)
    first = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=options)
    _check_cover(first, len(src), len(tgt), src, tgt)
    assert align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=options) == first


@pytest.mark.parametrize(
    ("n", "m"), [(0, 0), (0, 3), (4, 0)], ids=["both-empty", "source-empty", "target-empty"]
)
def test_empty_and_one_sided_documents(n: int, m: int) -> None:
    src, tgt = [f"s{i}" for i in range(n)], [f"t{j}" for j in range(m)]
    al = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    _check_cover(al, n, m)
    assert all(b.kind in ("1:0", "0:1") for b in al.beads)


def test_document_aligned_with_itself_is_all_one_to_one() -> None:
    lines = [f"Sentence {k} mentions {name} and item {k * 13}." for k, name in
             enumerate(["Oslo", "Lima", "Kyiv", "Quito", "Accra", "Hanoi", "Doha", "Baku"] * 40)]
    al = align_sentences(lines, lines, src_lang="en", tgt_lang="en", options=AlignOptions(coarse_size=16))
    assert [(b.src, b.tgt) for b in al.beads] == [((k,), (k,)) for k in range(len(lines))]


def test_very_unequal_lengths_place_the_few_sentences_correctly() -> None:
    tgt = [f"Report {k}: {k * 7 + 3} ships reached port {k % 17} at dawn." for k in range(600)]
    picks = [40, 41, 250, 251, 590]
    src = [tgt[k] for k in picks]
    al = align_sentences(src, tgt, src_lang="en", tgt_lang="en", options=AlignOptions(coarse_size=32))
    _check_cover(al, len(src), len(tgt))
    one_to_one = {b.src[0]: b.tgt[0] for b in al.beads if b.kind == "1:1"}
    assert one_to_one == dict(enumerate(picks))


def test_hard_boundaries_are_respected_and_checked() -> None:
    src = ["alpha 1.", "beta 2.", "gamma 3.", "delta 4."]
    tgt = ["alpha 1.", "beta 2.", "gamma 3.", "delta 4."]
    al = align_sentences(src, tgt, src_lang="en", tgt_lang="en", hard_boundaries=[(2, 1)])
    _check_cover(al, 4, 4)
    assert not any(set(b.src) & {0, 1} and set(b.tgt) & {1, 2, 3} for b in al.beads)
    with pytest.raises(InputError, match="outside"):
        align_sentences(src, tgt, src_lang="en", tgt_lang="en", hard_boundaries=[(9, 1)])
    with pytest.raises(InputError, match="cross"):
        align_sentences(src, tgt, src_lang="en", tgt_lang="en", hard_boundaries=[(1, 3), (2, 1)])


def test_invalid_options_are_reported_together() -> None:
    with pytest.raises(InputError) as err:
        AlignOptions(skip_cost=-1.0, max_side=0)
    assert "skip_cost" in str(err.value) and "max_side" in str(err.value)


_ids = st.lists(st.integers(0, 50), max_size=4, unique=True).map(lambda x: tuple(sorted(x)))


@given(st.lists(st.tuples(_ids, _ids, st.floats(0, 100, allow_nan=False)), max_size=20))
def test_ladder_round_trip(raw: list[tuple[tuple[int, ...], tuple[int, ...], float]]) -> None:
    al = Alignment(tuple(Bead(s, t, round(c, 6)) for s, t, c in raw))
    back = parse_ladder(format_ladder(al))
    assert [(b.src, b.tgt) for b in back.beads] == [(b.src, b.tgt) for b in al.beads]
    assert [b.cost for b in back.beads] == pytest.approx([b.cost for b in al.beads], abs=1e-6)


def test_ladder_reads_gold_without_costs_and_rejects_garbage() -> None:
    al = parse_ladder("[0]:[0, 1]\n[]:[2]\n[1, 2]:[]:0.5\n")
    assert [(b.src, b.tgt, b.cost) for b in al.beads] == [((0,), (0, 1), 0.0), ((), (2,), 0.0), ((1, 2), (), 0.5)]
    assert format_ladder(al, costs=False) == "[0]:[0, 1]\n[]:[2]\n[1, 2]:[]\n"
    with pytest.raises(InputError, match=":2:"):
        parse_ladder("[0]:[0]\n0 - 1\n")


def test_scores_match_hand_computed_vecalign_counts() -> None:
    gold = [((0,), (0,)), ((1,), (1, 2)), ((), (3,))]
    pred = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,))]
    s = score_alignments([gold], [pred])
    # precision: strict 2/4, lax 3/4; recall (no insertions/deletions): strict 1/2, lax 2/2
    assert (s.precision_strict, s.precision_lax, s.recall_strict, s.recall_lax) == (0.5, 0.75, 0.5, 1.0)
    assert s.f1_strict == pytest.approx(0.5)
    assert s.f1_lax == pytest.approx(2 * 0.75 / 1.75)


def test_scores_are_micro_averaged_and_perfect_on_identity() -> None:
    a = [((0,), (0,)), ((1, 2), (1,))]
    b = [((0,), (0, 1))]
    assert score_alignments([a, b], [a, b]).f1_strict == 1.0
    # doc 2 predicted wrong: 2 strict hits of 3 predicted beads, 2 of 3 gold beads
    s = score_alignments([a, b], [a, [((0,), (0,)), ((), (1,))]])
    assert s.precision_strict == pytest.approx(2 / 4)
    assert s.recall_strict == pytest.approx(2 / 3)
    with pytest.raises(InputError):
        score_alignments([a], [])
