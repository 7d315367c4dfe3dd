"""Sentence alignment of independently translated documents.

:func:`align_sentences` finds a monotonic m:n alignment (``0:1`` .. ``4:1``) from length,
model-free lexical anchors, an optional machine translation of the source and an optional
bilingual dictionary, in time and memory linear in the documents' length.
:func:`align_corpus` aligns many document pairs with one association model learned from all of them.
:func:`score_alignments` computes strict and lax precision/recall/F1 like vecalign's ``score.py``.
"""

from __future__ import annotations

from alignkit.align.aligner import Dictionary, DocumentPair, align_corpus, align_sentences
from alignkit.align.dictionary import parse_dictionary
from alignkit.align.evaluate import AlignScores, score_alignments
from alignkit.align.options import AlignOptions

__all__ = [
    "AlignOptions",
    "AlignScores",
    "Dictionary",
    "DocumentPair",
    "align_corpus",
    "align_sentences",
    "parse_dictionary",
    "score_alignments",
]
