"""Sentence and paragraph segmentation: text -> :class:`~alignkit.types.Segment` objects.

Example:
    >>> from alignkit.segment import segment_text
    >>> [s.text for s in segment_text("Dr. Smith arrived at 5 p.m. He left.", "en")]
    ['Dr. Smith arrived at 5 p.m.', 'He left.']

Segmenters are registered by name in :data:`SEGMENTERS`: ``rules`` (the default, one module
per language over a shared rule base), ``lines`` (one segment per non-empty line) and
``pysbd`` (optional, needs pySBD).
"""

from __future__ import annotations

from functools import lru_cache

from alignkit import langs
from alignkit.registry import Registry
from alignkit.segment.base import Segmenter, paragraph_spans
from alignkit.types import Segment

__all__ = ["SEGMENTERS", "Segmenter", "get_segmenter", "paragraph_spans", "segment_text"]

SEGMENTERS: Registry[type[Segmenter]] = Registry(
    "segmenter",
    {
        "rules": "alignkit.segment.rules:RulesSegmenter",
        "lines": "alignkit.segment.lines:LinesSegmenter",
        "pysbd": "alignkit.segment.sbd_adapter:PySBDSegmenter",
    },
)


@lru_cache(maxsize=32)
def _cached(name: str, lang: str) -> Segmenter:
    return SEGMENTERS.get(name)(lang)


def get_segmenter(name: str, lang: str) -> Segmenter:
    """The segmenter registered as ``name`` for ``lang`` (built once, then reused).

    Raises:
        UnknownNameError: unknown segmenter or language code.
        EngineUnavailableError: an optional segmenter's library is missing.
    """
    return _cached(name, langs.normalize(lang))


def segment_text(text: str, lang: str, doc: str = "doc", *, segmenter: str = "rules") -> tuple[Segment, ...]:
    """Split ``text`` into paragraphs (blank-line separated) and sentences.

    Every segment is stripped, non-empty and ``segment.text == text[segment.start:segment.end]``;
    only whitespace lies between consecutive segments, so they rebuild the text.

    Args:
        text: the document.
        lang: its language (``en``, ``es``, ``spa``...).
        doc: document id stored in every segment.
        segmenter: a name from :data:`SEGMENTERS`.

    Returns:
        The segments in document order; ``index`` counts from 0 over the whole document.

    Raises:
        UnknownNameError: unknown segmenter or language code.
    """
    return get_segmenter(segmenter, lang).segment(text, doc)
