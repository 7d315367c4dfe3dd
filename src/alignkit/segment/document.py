"""Segmenting one document file, as ``alignkit segment`` does: name it, split it, render it."""

from __future__ import annotations

from pathlib import Path

from alignkit import textio
from alignkit.formats.names import doc_id_from_name
from alignkit.segment import segment_text
from alignkit.segment.output import render


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
