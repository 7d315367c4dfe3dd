"""``align_sentences``: coarse-to-fine search over the combined cost.

The documents are repeatedly halved (pairs of adjacent sentences become one unit, their
lengths and features summed) until the grid has at most ``coarse_size**2`` cells; that level is searched
exhaustively, and each finer level only inside a band around the coarser path. Each level is
linear in the documents' length, and there are ``log2(n / coarse_size)`` of them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from alignkit.align.band import Band
from alignkit.align.costs import Level, band_overlap, chunk_costs, make_level
from alignkit.align.dp import banded_dp
from alignkit.align.features import (
    OverlapData,
    anchor_features,
    build_overlap,
    char_lengths,
    intern,
    length_ratio,
)
from alignkit.align.options import AlignOptions
from alignkit.errors import InputError
from alignkit.translate.base import Translator
from alignkit.types import Alignment, Bead

log = logging.getLogger(__name__)

#: A bilingual dictionary: lower-cased source word -> target words.
Dictionary = Mapping[str, Sequence[str]]


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_lang: str,
    tgt_lang: str,
    options: AlignOptions = AlignOptions(),
    translator: Translator | None = None,
    hard_boundaries: Sequence[tuple[int, int]] | None = None,
    dictionary: Dictionary | None = None,
) -> Alignment:
    """Align two documents given as sentences; every sentence ends up in exactly one bead.

    Args:
        src: source sentences.
        tgt: target sentences.
        src_lang: source language (ISO 639-1); only checked against the translator.
        tgt_lang: target language.
        options: signals, weights and search settings.
        translator: a ``src_lang -> tgt_lang`` translator for the MT signal (used when
            ``options.mt``); the source sentences are translated once.
        hard_boundaries: ``(i, j)`` points the alignment must pass through (e.g. paragraph
            starts known to correspond): nothing aligns across them.
        dictionary: a bilingual dictionary for the dictionary signal (when ``options.dictionary``).

    Returns:
        The beads in order, each with its cost (lower is better).

    Raises:
        InputError: boundaries out of range or not monotonic, or a translator for another pair.
    """
    if translator is not None and options.mt and (translator.src, translator.tgt) != (src_lang, tgt_lang):
        raise InputError(
            f"translator is {translator.src}->{translator.tgt}, documents are {src_lang}->{tgt_lang}"
        )
    cuts = _check_boundaries(hard_boundaries or (), len(src), len(tgt))
    mt_text = None
    if translator is not None and options.mt and src:
        mt_text = [out.text for out in translator.translate(list(src))]
    beads: list[Bead] = []
    for (i0, j0), (i1, j1) in zip(cuts, cuts[1:]):
        part_mt = mt_text[i0:i1] if mt_text is not None else None
        part = _align_part(src[i0:i1], tgt[j0:j1], part_mt, dictionary, options)
        beads.extend(Bead(tuple(s + i0 for s in b.src), tuple(t + j0 for t in b.tgt), b.cost) for b in part)
    return Alignment(tuple(beads))


def _check_boundaries(points: Sequence[tuple[int, int]], n: int, m: int) -> list[tuple[int, int]]:
    cuts = [(0, 0)]
    for i, j in sorted(set((int(i), int(j)) for i, j in points)):
        if not (0 <= i <= n and 0 <= j <= m):
            raise InputError(f"hard boundary ({i}, {j}) is outside the documents ({n} x {m} sentences)")
        if j < cuts[-1][1]:
            raise InputError(f"hard boundaries cross: ({i}, {j}) after {cuts[-1]}")
        if (i, j) != cuts[-1]:
            cuts.append((i, j))
    if cuts[-1] != (n, m):
        cuts.append((n, m))
    return cuts


def _align_part(
    src: Sequence[str],
    tgt: Sequence[str],
    mt_text: Sequence[str] | None,
    dictionary: Dictionary | None,
    options: AlignOptions,
) -> list[Bead]:
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), options.skip_cost) for i in range(n)] + [
            Bead((), (j,), options.skip_cost) for j in range(m)
        ]
    signals = _signals(src, tgt, mt_text, dictionary, options)
    if any(data.name == "mt" for data, _ in signals):
        # MT similarity is a sharper signal than lexical anchors, so length matters less (tuned on en-es dev)
        options = replace(options, length_weight=options.mt_length_weight, weak_cost=options.mt_weak_cost)
    src_len, tgt_len = char_lengths(src), char_lengths(tgt)
    ratio = length_ratio(src_len, tgt_len)
    top = 0
    # halve until the exhaustive search fits coarse_size**2 cells; counting cells rather than
    # sides keeps a short document against a long one exact instead of blurring the short one
    while ((n >> top) + 1) * ((m >> top) + 1) > options.coarse_size**2:
        top += 1
    path: list[tuple[int, int]] = []
    for shift in range(top, -1, -1):
        level = make_level(src_len, tgt_len, ratio, signals, shift, options.max_df)
        band = (
            Band.full(level.n, level.m)
            if shift == top
            else Band.around_path(path, level.n, level.m, 2, options.buffer)
        )
        shapes = _shapes(options, coarse=shift > 0)
        path, total = _search(level, band, shapes, options)
        log.debug("level %d: %d x %d units, %d cells", shift, level.n, level.m, band.cells)
    return _beads(path, total, band)


def _signals(
    src: Sequence[str],
    tgt: Sequence[str],
    mt_text: Sequence[str] | None,
    dictionary: Dictionary | None,
    options: AlignOptions,
) -> list[tuple[OverlapData, float]]:
    """The active overlap signals: (interned features, weight)."""
    wanted: list[tuple[str, Iterable[str], float]] = []
    if options.lexical and options.lexical_weight > 0:
        wanted.append(("lexical", src, options.lexical_weight))
    if mt_text is not None and options.mt_weight > 0:
        wanted.append(("mt", mt_text, options.mt_weight))
    if dictionary is not None and options.dictionary and options.dictionary_weight > 0:
        # glossed lazily, one sentence at a time, as the features are interned
        wanted.append(("dictionary", (gloss(s, dictionary) for s in src), options.dictionary_weight))
    if not wanted:
        return []
    ids: dict[str, int] = {}
    tgt_occ = intern((anchor_features(t) for t in tgt), ids)
    out = []
    for name, views, weight in wanted:
        src_occ = intern((anchor_features(s) for s in views), ids)
        data = build_overlap(
            name, src_occ, tgt_occ, len(src), len(tgt), len(ids), options.max_df, options.repeat_window
        )
        out.append((data, weight))
    return out


def gloss(sentence: str, dictionary: Dictionary) -> str:
    """Word-by-word dictionary translation of ``sentence`` (unknown words are left out)."""
    words = (w.lower() for w in sentence.split())
    return " ".join(t for w in words for t in dictionary.get(w.strip(".,;:!?\"'()[]«»"), ()))


def _shapes(options: AlignOptions, *, coarse: bool) -> list[tuple[int, int]]:
    shapes = [s for s in options.bead_types() if not coarse or max(s) <= 2]
    return shapes + [(1, 0)]


def _search(
    level: Level, band: Band, shapes: Sequence[tuple[int, int]], options: AlignOptions
) -> tuple[list[tuple[int, int]], np.ndarray]:
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    overlaps = [band_overlap(s, band, max_a, max_b) for s in level.signals]

    def costs(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return chunk_costs(level, overlaps, rows, cols, shapes, options)

    insert_prefix = level.tgt_skip + options.skip_cost * np.arange(level.m + 1)
    return banded_dp(band, shapes, costs, insert_prefix)


def _beads(path: Sequence[tuple[int, int]], total: np.ndarray, band: Band) -> list[Bead]:
    beads = []
    for (i0, j0), (i1, j1) in zip(path, path[1:]):
        cost = float(total[band.index(i1, j1)] - total[band.index(i0, j0)])
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(cost, 6)))
    return beads
