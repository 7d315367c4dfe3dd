"""Translating a whole document or a list of lines while keeping their layout.

Pure functions over strings: the caller reads and writes the files.
"""

from __future__ import annotations

from collections.abc import Sequence

from alignkit.translate.base import Translator
from alignkit.types import Segment


def render_document(text: str, segments: Sequence[Segment], translations: Sequence[str]) -> str:
    """Put ``translations`` in place of ``segments`` in ``text``, keeping every gap between them.

    The whitespace between segments (spaces, line breaks, blank lines between paragraphs)
    is copied from the source, so the translated document has the source's layout.
    """
    parts: list[str] = []
    pos = 0
    for seg, translation in zip(segments, translations, strict=True):
        parts.append(text[pos:seg.start])
        parts.append(translation)
        pos = seg.end
    parts.append(text[pos:])
    return "".join(parts)


def translate_document(text: str, segments: Sequence[Segment], translator: Translator) -> str:
    """Translate the ``segments`` of ``text`` and render the translated document."""
    outputs = translator.translate([s.text for s in segments])
    return render_document(text, segments, [o.text for o in outputs])


def translate_lines(text: str, translator: Translator) -> str:
    """Translate one segment per line: exactly one output line per input line.

    Empty (and whitespace-only) lines stay empty; a final newline is kept; a line break an
    engine might put into a translation is turned into a space so the line count holds.
    """
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    outputs = translator.translate(lines)
    out = "\n".join(o.text.replace("\r", " ").replace("\n", " ") for o in outputs)
    return out + "\n" if text.endswith("\n") or out else out
