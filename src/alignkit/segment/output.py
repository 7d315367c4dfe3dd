"""Rendering segments as text for people and tools: plain text, JSON Lines, TSV.

Pure functions from segments to a string; writing the string is the caller's business.
:func:`iter_render` gives the same text piece by piece, for a stream of segments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from alignkit.errors import UnknownNameError
from alignkit.types import Segment

_LINE_BREAK = re.compile(r"\s*\n\s*")
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n"})
_Renderer = TypeVar("_Renderer")
TSV_HEADER = ("id", "index", "para", "sent", "start", "end", "text")


def to_text(segments: Sequence[Segment]) -> str:
    """One sentence per line, a blank line between paragraphs.

    A line break inside a sentence (hard-wrapped input) becomes a space so that every
    sentence stays on one line; JSONL keeps the exact text.
    """
    lines: list[str] = []
    for seg in segments:
        if lines and seg.sent == 0:
            lines.append("")
        lines.append(_text_line(seg))
    return "\n".join(lines) + "\n" if lines else ""


def _text_line(seg: Segment) -> str:
    return _LINE_BREAK.sub(" ", seg.text)


def to_jsonl(segments: Sequence[Segment]) -> str:
    """One JSON object per segment: ``id, index, para, sent, start, end, text``.

    U+2028 and U+2029 are escaped: ``str.splitlines()`` would break a line at them.
    """
    return "".join(_jsonl_line(s) for s in segments)


def _jsonl_line(s: Segment) -> str:
    from alignkit.formats.jsonl import LINE_SEPARATORS

    return json.dumps(
        {"id": s.id, "index": s.index, "para": s.para, "sent": s.sent, "start": s.start, "end": s.end, "text": s.text},
        ensure_ascii=False,
    ).translate(LINE_SEPARATORS) + "\n"


def to_tsv(segments: Sequence[Segment]) -> str:
    """A header line, then one row per segment; ``\\``, tab and newline in text are escaped."""
    rows = ["\t".join(TSV_HEADER)]
    rows.extend(_tsv_row(s) for s in segments)
    return "\n".join(rows) + "\n"


def _tsv_row(s: Segment) -> str:
    return f"{s.id}\t{s.index}\t{s.para}\t{s.sent}\t{s.start}\t{s.end}\t{s.text.translate(_TSV_ESCAPES)}"


FORMATS: dict[str, Callable[[Sequence[Segment]], str]] = {"text": to_text, "jsonl": to_jsonl, "tsv": to_tsv}


def render(segments: Sequence[Segment], fmt: str) -> str:
    """Render ``segments`` in format ``fmt`` (a key of :data:`FORMATS`).

    Raises:
        UnknownNameError: unknown format.
    """
    return _lookup(FORMATS, fmt)(segments)


def iter_text(segments: Iterable[Segment]) -> Iterator[str]:
    """:func:`to_text`, a line (or a blank line and a line) per segment."""
    first = True
    for seg in segments:
        yield ("" if first or seg.sent else "\n") + _text_line(seg) + "\n"
        first = False


def iter_jsonl(segments: Iterable[Segment]) -> Iterator[str]:
    """:func:`to_jsonl`, a line per segment."""
    return map(_jsonl_line, segments)


def iter_tsv(segments: Iterable[Segment]) -> Iterator[str]:
    """:func:`to_tsv`: the header line, then a row per segment."""
    yield "\t".join(TSV_HEADER) + "\n"
    for seg in segments:
        yield _tsv_row(seg) + "\n"


STREAM_FORMATS: dict[str, Callable[[Iterable[Segment]], Iterator[str]]] = {
    "text": iter_text, "jsonl": iter_jsonl, "tsv": iter_tsv,
}


def iter_render(segments: Iterable[Segment], fmt: str) -> Iterator[str]:
    """Render a stream of segments lazily: the pieces joined are ``render(list(segments), fmt)``.

    Raises:
        UnknownNameError: unknown format (at once, before iterating).
    """
    return _lookup(STREAM_FORMATS, fmt)(segments)


def _lookup(table: dict[str, _Renderer], fmt: str) -> _Renderer:
    try:
        return table[fmt]
    except KeyError:
        raise UnknownNameError(f"unknown segment format {fmt!r}; choose one of: {', '.join(table)}") from None
