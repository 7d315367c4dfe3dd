"""Golden alignments with every bead type, built from atoms with unique anchors."""

from __future__ import annotations

import pytest

from alignkit.align import AlignOptions, align_sentences, score_alignments
from alignkit.types import Alignment, Bead

_SYL = ["ka", "lo", "mir", "tes", "vu", "zan", "pe", "dor", "qui", "bel", "sro", "nat"]


def _name(k: int) -> str:
    return (_SYL[k % 12] + _SYL[(k // 12) % 12] + _SYL[(k * 7 + 3) % 12]).capitalize()


def _atom(k: int) -> tuple[str, str]:
    """A source clause and its 'translation', sharing a name, a number and a place."""
    name, num, place = _name(k), 1000 + 37 * k, _name(k + 500)
    return (
        f"Agent {name} counted {num} boats near {place} on Monday",
        f"El agente {name} contó {num} barcos cerca de {place} el lunes",
    )


def _bead_doc(shapes: list[tuple[int, int]]) -> tuple[list[str], list[str], Alignment]:
    """Documents whose minimal alignment is exactly ``shapes`` (cut points staggered per side)."""
    src: list[str] = []
    tgt: list[str] = []
    beads = []
    k = 0
    for a, b in shapes:
        if b == 0 or a == 0:
            for _ in range(a + b):
                s, t = _atom(k)
                k += 1
                beads.append(Bead((len(src),), ()) if b == 0 else Bead((), (len(tgt),)))
                src.extend([s + "."] if b == 0 else [])
                tgt.extend([t + "."] if a == 0 else [])
            continue
        atoms = [_atom(k + x) for x in range(a + b - 1)]
        k += a + b - 1
        src_cuts = set(range(b, a + b - 1))  # after these atom counts the source has a boundary
        tgt_cuts = set(range(1, b))
        s_ids = _group(src, [x[0] for x in atoms], src_cuts)
        t_ids = _group(tgt, [x[1] for x in atoms], tgt_cuts)
        beads.append(Bead(s_ids, t_ids))
    return src, tgt, Alignment(tuple(beads))


def _group(out: list[str], clauses: list[str], cuts: set[int]) -> tuple[int, ...]:
    start = len(out)
    current: list[str] = []
    for x, clause in enumerate(clauses, 1):
        current.append(clause)
        if x in cuts or x == len(clauses):
            out.append(", and ".join(current) + ".")
            current = []
    return tuple(range(start, len(out)))


SHAPES = [(1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2)]


@pytest.mark.parametrize("shape", SHAPES, ids=[f"{a}:{b}" for a, b in SHAPES])
def test_every_bead_type_is_found_in_context(shape: tuple[int, int]) -> None:
    src, tgt, gold = _bead_doc([(1, 1)] * 5 + [shape] + [(1, 1)] * 5)
    pred = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    assert [(b.src, b.tgt) for b in pred.beads] == [(b.src, b.tgt) for b in gold.beads]


def test_mixed_document_scores_perfectly_and_costs_are_finite() -> None:
    shapes = [(1, 1), (2, 1), (1, 1), (0, 1), (1, 3), (1, 1), (1, 0), (2, 2), (1, 1), (4, 1), (1, 1)]
    src, tgt, gold = _bead_doc(shapes * 3)
    pred = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    assert score_alignments([gold], [pred]).f1_strict == 1.0
    assert all(0.0 <= b.cost < 50 for b in pred.beads)


def test_multilevel_search_matches_exhaustive_search() -> None:
    """Forcing several coarse levels (coarse_size=8) must find the same path as one full level."""
    shapes = [(1, 1), (2, 1), (1, 1), (0, 1), (1, 2), (1, 1), (1, 0), (2, 2), (1, 1)]
    src, tgt, gold = _bead_doc(shapes * 8)
    full = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    coarse = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(coarse_size=8))
    assert coarse == full
    assert score_alignments([gold], [coarse]).f1_strict == 1.0


def test_max_side_limits_bead_shapes() -> None:
    src, tgt, _ = _bead_doc([(1, 1), (1, 4), (1, 1)])
    pred = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(max_side=2, max_bead=3))
    assert all(len(b.src) <= 2 and len(b.tgt) <= 2 and len(b.src) + len(b.tgt) <= 3 for b in pred.beads)


def test_a_line_cut_after_a_title_stays_with_the_next_line() -> None:
    # the French side was split after "Mr." (a non-breaking prefix): both halves belong to one bead
    from alignkit.align.features import split_after
    from alignkit.segment.moses import moses_prefixes

    prefixes = moses_prefixes("en").general | moses_prefixes("fr").general
    assert split_after(["He met Mr.", "Bennet.", "It ends.", "« M."], prefixes).tolist() == [True, False, False, True]
    src = ["It was late.", "Mr. Bennet could not have chosen better.", "Mr. Collins went home at 9 with his two tall sisters."]
    tgt = ["Il était tard.", "Mr.", "Bennet ne pouvait mieux tomber.", "Mr.",
           "Collins rentra a 9 heures avec ses deux grandes soeurs."]
    want = [((0,), (0,)), ((1,), (1, 2)), ((2,), (3, 4))]
    beads = align_sentences(src, tgt, src_lang="en", tgt_lang="fr").beads
    assert [(b.src, b.tgt) for b in beads] == want
    # without the split cost the second "Mr." joins the bead before it
    alone = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=AlignOptions(split_cost=0)).beads
    assert [(b.src, b.tgt) for b in alone] != want
