"""Segmenting one document file, as ``alignkit segment`` does: name it, split it, render it."""

from __future__ import annotations

from pathlib import Path

from alignkit import textio
from alignkit.segment import segment_text
from alignkit.segment.output import render


def doc_id_for(path: str | Path) -> str:
    """The document id of a file: its stem (``article.es.txt`` -> ``article.es``); ``stdin`` for ``-``."""
    return "stdin" if str(path) == "-" else Path(path).stem


def segment_file(path: str | Path, lang: str, *, doc_id: str | None = None, segmenter: str = "rules",
                 fmt: str = "text") -> str:
    """Read ``path`` (``-``: stdin), segment it and render the segments.

    Args:
        path: the document.
        lang: its language.
        doc_id: id stored in every segment (default: :func:`doc_id_for` ``path``).
        segmenter: a name from :data:`~alignkit.segment.SEGMENTERS`.
        fmt: a format from :data:`~alignkit.segment.output.FORMATS`.

    Raises:
        InputError: unreadable input.
        UnknownNameError: unknown segmenter, language or format.
    """
    text = textio.read_text(path)
    segments = segment_text(text, lang, doc_id if doc_id is not None else doc_id_for(path), segmenter=segmenter)
    return render(segments, fmt)
