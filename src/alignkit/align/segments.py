"""Aligning segmented documents: paragraphs first, then sentences inside matched paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from alignkit.align.aligner import Dictionary, align_sentences
from alignkit.align.embeddings import Embedder
from alignkit.align.options import AlignOptions
from alignkit.translate.base import Translator
from alignkit.types import Alignment, Segment


def paragraph_boundaries(
    src: Sequence[Segment], tgt: Sequence[Segment], *, src_lang: str, tgt_lang: str, options: AlignOptions
) -> list[tuple[int, int]]:
    """Sentence points ``(i, j)`` where matched paragraphs start (hard boundaries).

    Paragraphs are aligned as units with the same aligner (length and lexical signals only,
    so a paragraph missing on one side becomes a ``1:0``/``0:1`` bead); the starts of
    paragraphs in ``1:1`` beads are boundaries.
    """
    src_paras = _paragraphs(src)
    tgt_paras = _paragraphs(tgt)
    units = align_sentences(
        [text for _, text in src_paras],
        [text for _, text in tgt_paras],
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        options=options,
    )
    return [
        (src_paras[b.src[0]][0], tgt_paras[b.tgt[0]][0])
        for b in units.beads
        if len(b.src) == 1 and len(b.tgt) == 1
    ]


def _paragraphs(segments: Sequence[Segment]) -> list[tuple[int, str]]:
    """(first sentence position, paragraph text) per paragraph, positions 0-based in ``segments``."""
    out = []
    pos = 0
    for _, group in groupby(segments, key=lambda s: s.para):
        sents = list(group)
        out.append((pos, " ".join(s.text for s in sents)))
        pos += len(sents)
    return out


def align_segments(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    *,
    src_lang: str,
    tgt_lang: str,
    options: AlignOptions = AlignOptions(),
    translator: Translator | None = None,
    dictionary: Dictionary | None = None,
    embedder: Embedder | None = None,
) -> Alignment:
    """Align two segmented documents, with matched paragraphs as hard boundaries.

    The embedding signal (``embedder``) is used for the sentences, not for matching paragraphs.

    Bead indices are positions in ``src`` / ``tgt`` (which equal ``Segment.index`` for the
    output of :func:`alignkit.segment.segment_text`).
    """
    bounds = paragraph_boundaries(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, options=options)
    return align_sentences(
        [s.text for s in src],
        [s.text for s in tgt],
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        options=options,
        translator=translator,
        hard_boundaries=bounds,
        dictionary=dictionary,
        embedder=embedder,
    )
