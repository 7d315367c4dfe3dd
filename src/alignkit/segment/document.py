"""Segmenting one document file, as ``alignkit segment`` does: name it, split it, render it.

:func:`stream_file` does it lazily, in memory bounded by the longest paragraph;
:func:`segment_file` gives the whole result as one string.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from alignkit import textio
from alignkit.formats.names import doc_id_from_name
from alignkit.segment import segment_text
from alignkit.segment.output import iter_render, render
from alignkit.segment.stream import iter_segments
from alignkit.textchunks import gather

#: Rendered text is handed on in pieces of about this many characters (one write each).
WRITE_CHARS = 1 << 16


def segment_file(path: str | Path, lang: str, *, doc_id: str | None = None, segmenter: str = "rules",
                 fmt: str = "text") -> str:
    """Read ``path`` (``-``: stdin), segment it and render the segments.

    Args:
        path: the document.
        lang: its language.
        doc_id: id stored in every segment (default: :func:`~alignkit.formats.names.doc_id_from_name`).
        segmenter: a name from :data:`~alignkit.segment.SEGMENTERS`.
        fmt: a format from :data:`~alignkit.segment.output.FORMATS`.

    Raises:
        InputError: unreadable input.
        UnknownNameError: unknown segmenter, language or format.
    """
    text = textio.read_text(path)
    segments = segment_text(text, lang, doc_id if doc_id is not None else doc_id_from_name(path), segmenter=segmenter)
    return render(segments, fmt)


def stream_file(path: str | Path, lang: str, *, doc_id: str | None = None, segmenter: str = "rules",
                fmt: str = "text") -> Iterator[str]:
    """:func:`segment_file` lazily: pieces of about :data:`WRITE_CHARS` characters that join to its result.

    Raises:
        InputError: unreadable input (a missing file at once, bad bytes when they are reached).
        UnknownNameError: unknown segmenter, language or format (at once).
    """
    doc = doc_id if doc_id is not None else doc_id_from_name(path)
    segments = iter_segments(textio.iter_text(path), lang, doc, segmenter=segmenter)
    return gather(iter_render(segments, fmt), WRITE_CHARS)

