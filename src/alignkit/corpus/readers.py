"""How the plan reads one document: a registry of readers, picked by the document's format.

A reader turns a file's text into what the plan shards: the document's record and its
segments, plus, for translatable file formats, one :class:`SourceUnit` per segment.

- ``text``: the text is split into sentences; each sentence is a segment, translated as text.
- ``po``, ``xliff``, ``html``, ``markdown``: every translatable unit of the file (a PO message,
  an XLIFF segment, an HTML/Markdown block), translated or not, is one segment; its masked
  source (placeholders and inline codes protected, :mod:`alignkit.documents.protect`) travels
  with it, so workers translate it exactly as ``alignkit translate`` fills the file, and its ids
  (``msgctxt``/``msgid``, the XLIFF unit id) become properties of its corpus rows.

Readers are pure: the plan reads the file and hands them its text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from alignkit.corpus.records import DocumentInfo
from alignkit.documents.protect import Masked
from alignkit.errors import InputError
from alignkit.registry import Registry
from alignkit.types import Segment

#: Between two units in the text a run keeps for a catalogue (``run.json`` layout, the report).
UNIT_GAP = "\n\n"


@dataclass(frozen=True)
class SourceUnit:
    """A segment that is a unit of a translatable file.

    Attributes:
        props: what its corpus row says about it, in order: ``(("unit", id), ...)``; PO adds
            ``context`` (``msgctxt``) and ``plural`` (the ``msgid_plural`` row).
        source: the masked source text (only strings and frozen records: it crosses processes).
    """

    props: tuple[tuple[str, str], ...]
    source: Masked


@dataclass(frozen=True)
class ReadDocument:
    """A document as the plan shards it.

    Attributes:
        info: its record in ``run.json``.
        segments: its segments, in order.
        units: one :class:`SourceUnit` per segment for file formats; empty for plain text.
    """

    info: DocumentInfo
    segments: tuple[Segment, ...]
    units: tuple[SourceUnit, ...] = ()


#: ``reader(text, doc_id, lang, path, fmt, segmenter)``.
Reader = Callable[[str, str, str, str, str, str], ReadDocument]


def read_text(text: str, doc_id: str, lang: str, path: str, fmt: str, segmenter: str) -> ReadDocument:
    """Plain text: sentences are the segments."""
    from alignkit.segment import segment_text

    segments = segment_text(text, lang, doc_id, segmenter=segmenter)
    return ReadDocument(DocumentInfo.of(doc_id, lang, path, text, segments), segments)


def read_units(text: str, doc_id: str, lang: str, path: str, fmt: str, segmenter: str) -> ReadDocument:
    """A translatable file (``fmt`` names its :data:`~alignkit.documents.DOCUMENT_FORMATS` entry): its units.

    Raises:
        InputError: the text does not parse as ``fmt`` (the message has the line), or the file
            has no translatable unit.
    """
    from alignkit.documents import get_format
    from alignkit.documents.base import all_units

    document_format = get_format(fmt)
    try:
        units = all_units(document_format, document_format.parse(text))
    except InputError as err:
        raise InputError(f"{path}: {err}") from None
    if not units:
        raise InputError(f"{path}: no translatable text in this {fmt} file")
    bodies = [u.text for u in units]
    segments, pos = [], 0
    for i, body in enumerate(bodies):
        segments.append(Segment(doc_id, i, i, 0, body, pos, pos + len(body)))
        pos += len(body) + len(UNIT_GAP)
    joined = UNIT_GAP.join(bodies)
    info = replace(DocumentInfo.of(doc_id, lang, path, joined, segments),
                   chars=len(text), sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return ReadDocument(info, tuple(segments),
                        tuple(SourceUnit(document_format.corpus_props(u.id), u.source) for u in units))


#: Input format -> reader; ``--input-format`` offers these names.
READERS: Registry[Reader] = Registry("input format", {
    "text": "alignkit.corpus.readers:read_text",
    **{name: "alignkit.corpus.readers:read_units" for name in ("po", "xliff", "html", "markdown")},
})


__all__ = ["READERS", "ReadDocument", "Reader", "SourceUnit", "read_text", "read_units"]
