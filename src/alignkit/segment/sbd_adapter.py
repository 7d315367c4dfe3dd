"""The optional ``pysbd`` segmenter: pySBD inside alignkit's paragraphs, for comparison.

pySBD is imported only when this segmenter is built (``pip install pysbd``). Its sentences
are located in the paragraph by a forward search from the previous sentence's end, which is
exact because pySBD is run with ``clean=False`` and returns substrings of its input.

pySBD is quadratic on some inputs (40,000 characters of one-letter words take 20 s), so a
paragraph longer than :data:`MAX_CHARS` is given to it in windows cut at whitespace; a sentence
that long is then split at a window's edge.
"""

from __future__ import annotations

from typing import Any

from alignkit.errors import AlignkitError, EngineUnavailableError
from alignkit.segment.base import Segmenter, Span

#: Longest text given to pySBD at once.
MAX_CHARS = 2_000


class PySBDSegmenter(Segmenter):
    """Sentences from pySBD (only the languages pySBD supports).

    Raises:
        EngineUnavailableError: pySBD is not installed or does not support the language.
    """

    name = "pysbd"

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        try:
            import pysbd
        except ImportError:
            raise EngineUnavailableError("the pysbd segmenter needs pySBD: pip install pysbd") from None
        try:
            self._sbd: Any = pysbd.Segmenter(language=self.lang, clean=False)
        except ValueError:
            raise EngineUnavailableError(f"pySBD has no rules for language {self.lang!r}") from None

    def sentences(self, text: str, start: int, end: int) -> list[Span]:
        """pySBD's sentences of the paragraph, as stripped spans into ``text``."""
        spans: list[Span] = []
        lo = start
        while lo < end:
            hi = end if end - lo <= MAX_CHARS else _cut(text, lo, lo + MAX_CHARS)
            spans += self._window(text, lo, hi)
            lo = hi
        return spans

    def _window(self, text: str, start: int, end: int) -> list[Span]:
        spans: list[Span] = []
        pos = start
        for sentence in self._sbd.segment(text[start:end]):
            body = sentence.strip()
            if not body:
                continue
            found = text.find(body, pos, end)
            if found < 0:
                raise AlignkitError(f"pySBD changed the text of a sentence: {body[:60]!r}")
            spans.append((found, found + len(body)))
            pos = found + len(body)
        return spans


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a window of ``text[start:limit]``: after its last whitespace in the second half, else ``limit``."""
    for i in range(limit, start + (limit - start) // 2, -1):
        if text[i - 1].isspace():
            return i
    return limit
