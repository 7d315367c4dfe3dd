"""The ``lines`` segmenter: one segment per non-empty line (Moses-style corpora).

Inputs that already hold one sentence per line (``corpus.en``, ``newstest2013.en``) must keep
their lines as they are, so each non-blank line is one paragraph with one sentence.
"""

from __future__ import annotations

import re

from alignkit.segment.base import Segmenter, Span, add_stripped

_LINE = re.compile(r"[^\n]+")


class LinesSegmenter(Segmenter):
    """Each non-blank line is a paragraph holding one sentence (stripped of outer whitespace)."""

    name = "lines"

    def paragraphs(self, text: str) -> list[Span]:
        """Spans of the non-blank lines, stripped."""
        spans: list[Span] = []
        for m in _LINE.finditer(text):
            add_stripped(text, m.start(), m.end(), spans)
        return spans

    def sentences(self, text: str, start: int, end: int) -> list[Span]:
        """The whole line is the sentence."""
        return [(start, end)]
