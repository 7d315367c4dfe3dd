"""The segmenter interface and paragraph splitting shared by every segmenter.

A :class:`Segmenter` turns a document into :class:`~alignkit.types.Segment` objects. The public
:meth:`Segmenter.segment` numbers paragraphs and sentences and cuts the text; backends fill one
hook, :meth:`Segmenter.sentences` (and may override :meth:`Segmenter.paragraphs`). Spans are
character offsets into the original text, so ``segment.text == text[start:end]`` always holds
and nothing is searched for again afterwards.
"""

from __future__ import annotations

import abc
import re
from typing import ClassVar

from alignkit import langs
from alignkit.types import Segment

Span = tuple[int, int]

# A blank line is a line holding only whitespace; one or more of them separate paragraphs.
_PARA_BREAK = re.compile(r"\n\s*\n")


def paragraph_spans(text: str) -> list[Span]:
    """Spans of the paragraphs of ``text``: blocks separated by blank lines.

    A line holding only whitespace counts as blank. Each span is stripped of surrounding
    whitespace; empty blocks are skipped.

    Example:
        >>> paragraph_spans("Title\\n \\nFirst line.\\nSecond line.\\n")
        [(0, 5), (8, 32)]
    """
    spans: list[Span] = []
    pos = 0
    for brk in _PARA_BREAK.finditer(text):
        add_stripped(text, pos, brk.start(), spans)
        pos = brk.end()
    add_stripped(text, pos, len(text), spans)
    return spans


def add_stripped(text: str, start: int, end: int, out: list[Span]) -> None:
    """Append ``[start, end)`` without its surrounding whitespace, unless nothing is left."""
    piece = text[start:end]
    body = piece.lstrip()
    if body:
        first = start + len(piece) - len(body)
        out.append((first, first + len(body.rstrip())))


def split_at(text: str, start: int, end: int, cuts: list[int]) -> list[Span]:
    """Cut ``text[start:end]`` at the sorted offsets ``cuts``; stripped, non-empty spans."""
    spans: list[Span] = []
    pos = start
    for cut in cuts:
        if pos < cut < end:
            add_stripped(text, pos, cut, spans)
            pos = cut
    add_stripped(text, pos, end, spans)
    return spans


class Segmenter(abc.ABC):
    """Splits a document into paragraphs and sentences for one language.

    Args:
        lang: language of the texts (any code :func:`alignkit.langs.normalize` accepts).

    Raises:
        UnknownNameError: ``lang`` is not a known language code.
    """

    name: ClassVar[str] = "?"

    def __init__(self, lang: str) -> None:
        self.lang = langs.normalize(lang)

    def segment(self, text: str, doc: str = "doc") -> tuple[Segment, ...]:
        """Segment ``text``: every sentence with its ids and offsets, in document order."""
        out: list[Segment] = []
        for para, (p_start, p_end) in enumerate(self.paragraphs(text)):
            for sent, (start, end) in enumerate(self.sentences(text, p_start, p_end)):
                out.append(Segment(doc, len(out), para, sent, text[start:end], start, end))
        return tuple(out)

    def paragraphs(self, text: str) -> list[Span]:
        """Paragraph spans; by default blocks separated by blank lines."""
        return paragraph_spans(text)

    @abc.abstractmethod
    def sentences(self, text: str, start: int, end: int) -> list[Span]:
        """Sentence spans inside the paragraph ``text[start:end]``.

        Spans use offsets into ``text``, are in order, do not overlap, hold no surrounding
        whitespace and only whitespace lies between them.
        """
