"""The vectorised stages give what their plain per-sentence / per-shape versions give."""

from __future__ import annotations

import numpy as np
import pytest

from alignkit.align import AlignOptions
from alignkit.align import features as F
from alignkit.align import stem as S
from alignkit.align.band import Band
from alignkit.align.dp import banded_dp

_TEXTS = [
    "Obama met Merkel in Berlin (1999).", "", "   ", "see www.Example.com/x and http://a.b?",
    "L'été d'un-deux, 3,5 % « oui »!", "a \U0001d4b6 b", "odd \0 char \0", "ÉCOLE Straße Köln", "Obama left.",
]


@pytest.mark.parametrize("block", [1, 2, 1000])
def test_intern_anchors_in_blocks_matches_anchor_features(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "_INTERN_BLOCK", block)
    ids: dict[str, int] = {}
    f, p = F.intern_anchors(_TEXTS * 3, ids)
    inv = {v: k for k, v in ids.items()}
    rows: list[set[str]] = [set() for _ in _TEXTS * 3]
    for ff, pp in zip(f.tolist(), p.tolist()):
        rows[pp].add(inv[ff])
    assert rows == [F.anchor_features(t) for t in _TEXTS * 3]
    keys = p * (len(ids) + 1) + f
    assert (np.diff(keys) > 0).all()  # sorted by sentence, then id, each once
    assert list(ids.values()) == list(range(len(ids)))


@pytest.mark.parametrize("block", [1, 3, 1000])
def test_stem_texts_matches_stems_per_text(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(S, "_STEM_BLOCK", block)
    stem = S.stemmer("fr")
    got = S.stem_texts(_TEXTS + _TEXTS[:5], stem)  # a block with the marker word, blocks without
    assert len(got) == len(_TEXTS) + 5
    assert [got[k] for k in range(len(got))] == [S.stems(t, stem) for t in _TEXTS + _TEXTS[:5]]
    assert got[2:4] == [S.stems(t, stem) for t in _TEXTS[2:4]]


def _plain_dp(band: Band, shapes, cost, insert_prefix):  # type: ignore[no-untyped-def]
    """The DP cell by cell, first shape winning ties, insertion winning only when strictly better."""
    total = {}
    back = {}
    for i in range(band.n + 1):
        lo, w = int(band.lo[i]), int(band.width[i])
        for j in range(lo, lo + w):
            if i == 0 and j == 0:
                best, arg = 0.0, 0
            else:
                best, arg = np.inf, 0
                for t, (a, b) in enumerate(shapes):
                    if (i - a, j - b) in total:
                        c = total[(i - a, j - b)] + cost[t][(i, j)]
                        if c < best:
                            best, arg = c, t
            if (i, j - 1) in total:
                ins = total[(i, j - 1)] + (insert_prefix[j] - insert_prefix[j - 1])
                # the vectorised form compares best - S[j] with the running minimum; same winner up to rounding
                if ins < best:
                    best, arg = ins, len(shapes)
            total[(i, j)], back[(i, j)] = best, arg
    path, i, j = [(band.n, band.m)], band.n, band.m
    while i or j:
        code = back[(i, j)]
        i, j = (i, j - 1) if code == len(shapes) else (i - shapes[code][0], j - shapes[code][1])
        path.append((i, j))
    return path[::-1], total


@pytest.mark.parametrize("seed", range(6))
def test_banded_dp_finds_the_cheapest_path(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(3, 40)), int(rng.integers(3, 40))
    centre = np.arange(n + 1) * m // n
    band = Band.from_bounds(n, m, centre - int(rng.integers(1, 6)), centre + int(rng.integers(1, 6)))
    shapes = list(AlignOptions().bead_types()) + [(1, 0)]
    # integer costs: sums are exact, so the reference and the vectorised DP must agree exactly
    table = rng.integers(0, 20, (len(shapes), n + 1, m + 1)).astype(np.float64)
    cost = [{(i, j): table[t, i, j] for i in range(n + 1) for j in range(m + 1)} for t in range(len(shapes))]
    insert_prefix = np.cumsum(np.r_[0, rng.integers(3, 9, m)]).astype(np.float64)
    path, total = banded_dp(band, shapes, lambda r, c: table[:, r, c], insert_prefix)
    ref_path, ref_total = _plain_dp(band, shapes, cost, insert_prefix)
    assert total[band.index(n, m)] == ref_total[(n, m)]
    cells = [(i, j) for i in range(n + 1) for j in range(int(band.lo[i]), int(band.lo[i] + band.width[i]))]
    assert [total[band.index(i, j)] for i, j in cells] == [ref_total[c] for c in cells]
    assert path == ref_path
