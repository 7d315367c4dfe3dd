"""Rendering segments as text for people and tools: plain text, JSON Lines, TSV.

Pure functions from segments to a string; writing the string is the caller's business.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from alignkit.errors import UnknownNameError
from alignkit.types import Segment

_LINE_BREAK = re.compile(r"\s*\n\s*")
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n"})
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
        lines.append(_LINE_BREAK.sub(" ", seg.text))
    return "\n".join(lines) + "\n" if lines else ""


def to_jsonl(segments: Sequence[Segment]) -> str:
    """One JSON object per segment: ``id, index, para, sent, start, end, text``.

    U+2028 and U+2029 are escaped: ``str.splitlines()`` would break a line at them.
    """
    from alignkit.formats.jsonl import LINE_SEPARATORS

    return "".join(
        json.dumps(
            {"id": s.id, "index": s.index, "para": s.para, "sent": s.sent, "start": s.start, "end": s.end, "text": s.text},
            ensure_ascii=False,
        ).translate(LINE_SEPARATORS)
        + "\n"
        for s in segments
    )


def to_tsv(segments: Sequence[Segment]) -> str:
    """A header line, then one row per segment; ``\\``, tab and newline in text are escaped."""
    rows = ["\t".join(TSV_HEADER)]
    rows.extend(
        f"{s.id}\t{s.index}\t{s.para}\t{s.sent}\t{s.start}\t{s.end}\t{s.text.translate(_TSV_ESCAPES)}"
        for s in segments
    )
    return "\n".join(rows) + "\n"


FORMATS: dict[str, Callable[[Sequence[Segment]], str]] = {"text": to_text, "jsonl": to_jsonl, "tsv": to_tsv}


def render(segments: Sequence[Segment], fmt: str) -> str:
    """Render ``segments`` in format ``fmt`` (a key of :data:`FORMATS`).

    Raises:
        UnknownNameError: unknown format.
    """
    try:
        return FORMATS[fmt](segments)
    except KeyError:
        raise UnknownNameError(f"unknown segment format {fmt!r}; choose one of: {', '.join(FORMATS)}") from None
