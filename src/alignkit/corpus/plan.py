"""The run as a plan of work units: documents read lazily, segmented, cut into shards.

A :class:`WorkUnit` is one shard of one document's segments (for a PO/XLIFF/HTML/Markdown
file, its units with their masked sources: :mod:`alignkit.corpus.readers`); a worker translates
it into every target language (:mod:`alignkit.corpus.unit`). Shards never span documents (reference-free
scores estimate the length model per document) and their size does not depend on the number
of workers, so the output does not either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from alignkit import textio
from alignkit.corpus.inputs import Source
from alignkit.corpus.readers import READERS, ReadDocument, SourceUnit
from alignkit.corpus.records import DocumentInfo
from alignkit.types import Segment

#: Segments per unit: large enough for efficient engine batches and per-document statistics,
#: small enough that a killed run loses little and memory stays bounded.
DEFAULT_SHARD_SIZE = 1000


@dataclass(frozen=True)
class WorkUnit:
    """One shard: consecutive segments of one document.

    Attributes:
        seq: position in the plan (0-based); results are written in this order.
        doc: document id.
        part: shard number inside the document.
        segments: the segments, in document order.
        units: for a translatable file, one unit per segment (masked source and ids); empty
            for plain text.
    """

    seq: int
    doc: str
    part: int
    segments: tuple[Segment, ...]
    units: tuple[SourceUnit, ...] = ()


def read_document(source: Source, segmenter: str) -> ReadDocument:
    """Read one document and split it with its format's reader (:data:`~alignkit.corpus.readers.READERS`).

    Raises:
        InputError: unreadable, empty, binary or badly encoded input, or a file that does not
            parse as its format (with its line and column).
        UnknownNameError: an unknown input format.
    """
    reader = READERS.get(source.format)
    text = textio.read_text(source.path)
    return reader(text, source.id, source.lang, source.path, source.format, segmenter)


def shards(segments: tuple[Segment, ...], size: int) -> Iterator[tuple[int, tuple[Segment, ...]]]:
    """``(part, segments)`` of one document cut into pieces of at most ``size`` segments."""
    for part, start in enumerate(range(0, len(segments), size)):
        yield part, segments[start:start + size]


def plan_units(sources: Iterable[Source], *, segmenter: str = "rules", shard_size: int = DEFAULT_SHARD_SIZE,
               on_document: Callable[[DocumentInfo], None] | None = None) -> Iterator[WorkUnit]:
    """Units for ``sources``, in corpus order; each document is read only when its turn comes.

    Args:
        sources: the documents (see :func:`alignkit.corpus.inputs.collect`).
        segmenter: segmenter name.
        shard_size: at most this many segments per unit.
        on_document: called with each document's :class:`DocumentInfo` once it is segmented.
    """
    seq = 0
    for source in sources:
        read = read_document(source, segmenter)
        if on_document is not None:
            on_document(read.info)
        for part, shard in shards(read.segments, shard_size):
            start = shard[0].index if shard else 0
            yield WorkUnit(seq, source.id, part, shard, read.units[start:start + len(shard)])
            seq += 1
