"""The weak-match cost: a bead whose sides share little pays extra, so weak pairings can lose to skips."""

from __future__ import annotations

import numpy as np

from alignkit.align import AlignOptions, align_sentences
from alignkit.align.costs import _weakness

_PAIRS = [
    (f"Agent {name} counted {1000 + 37 * k} boats near {place} on Monday.",
     f"El agente {name} contó {1000 + 37 * k} barcos cerca de {place} el lunes.")
    for k, (name, place) in enumerate(
        [("Kalomir", "Zanpe"), ("Dorqui", "Belsro"), ("Natka", "Lovu"), ("Mirtes", "Quidor"),
         ("Vuzan", "Srobel"), ("Tesnat", "Pemir")]
    )
]
# nothing in common: one was dropped from each side at the same point
# (each names a place of a pair far away, so it has features the other document knows)
_LOST_SRC = "The committee of Pemir will meet again after the holidays."
_LOST_TGT = "Las lluvias torrenciales inundaron varias calles de Zanpe."


def _docs() -> tuple[list[str], list[str]]:
    src = [s for s, _ in _PAIRS[:3]] + [_LOST_SRC] + [s for s, _ in _PAIRS[3:]]
    tgt = [t for _, t in _PAIRS[:3]] + [_LOST_TGT] + [t for _, t in _PAIRS[3:]]
    return src, tgt


def test_weak_cost_charges_only_the_unrelated_pair() -> None:
    src, tgt = _docs()
    off = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(weak_cost=0.0)).beads
    on = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(weak_cost=0.3)).beads
    assert [(b.src, b.tgt) for b in on] == [(b.src, b.tgt) for b in off]
    extra = [round(b1.cost - b0.cost, 6) for b0, b1 in zip(off, on)]
    # the unrelated middle pair shares nothing (weakness 1): it pays the whole weak_cost, true pairs nothing
    assert extra == [0.0, 0.0, 0.0, 0.3, 0.0, 0.0, 0.0]


def test_weakness_is_linear_below_threshold_and_zero_without_features() -> None:
    mass = np.array([2.0, 2.0, 2.0, 2.0, 0.0])
    unmatched = np.array([2.0, 1.6, 1.2, 0.4, 0.0])  # matched shares 0, 0.2, 0.4, 0.8, none
    assert np.allclose(_weakness(unmatched, mass, 0.4), [1.0, 0.5, 0.0, 0.0, 0.0])
