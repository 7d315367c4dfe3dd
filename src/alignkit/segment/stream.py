"""Segmenting a text that arrives in chunks, with memory bounded by the longest paragraph.

:func:`iter_segments` gives the segments :func:`~alignkit.segment.segment_text` gives for the
whole text, paragraph by paragraph as soon as each is complete. Every paragraph of the buffer
but the last is complete (a later chunk can only extend the last one), which holds for any
segmenter whose paragraphs are stripped spans found by local patterns (blank lines for
``rules``, lines for ``lines``).

A paragraph longer than ``max_buffer`` (a file without blank lines) is cut: the buffered part
is segmented, all its sentences but the last two are given out and the text from the
second-to-last on is carried into the next round. Two, not one: the boundary before the last
sentence was decided looking at a word the chunk may have cut short ("Co. It" of "Co. Items").
The boundaries given out are then those of the whole paragraph wherever the segmenter decides
a boundary from the text around it, as ``rules`` and ``lines`` do; a numbered-list run that
straddles a cut (``rules`` links "1." and "2." however far apart) may be cut differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from alignkit.segment import get_segmenter
from alignkit.segment.base import Segmenter
from alignkit.textchunks import gather
from alignkit.types import Segment

#: How many sentences of a cut paragraph wait for the next chunk (see the module docstring).
_HELD_SENTENCES = 2


def iter_segments(chunks: Iterable[str], lang: str, doc: str = "doc", *, segmenter: str = "rules",
                  max_buffer: int = 1 << 20) -> Iterator[Segment]:
    """Segment the text ``"".join(chunks)`` lazily, as :func:`~alignkit.segment.segment_text` would.

    Args:
        chunks: the text in pieces of any size (e.g. :func:`alignkit.textio.iter_text`).
        lang: its language.
        doc: document id stored in every segment.
        segmenter: a name from :data:`~alignkit.segment.SEGMENTERS`.
        max_buffer: characters of an unfinished paragraph held before it is cut.

    Yields:
        Segments with offsets into the whole text, ``index`` counting over the whole text.

    Raises:
        UnknownNameError: unknown segmenter or language code (at once, before iterating).
    """
    seg = get_segmenter(segmenter, lang)
    return _Stream(seg, doc, max(1, max_buffer)).run(chunks)


class _Stream:
    """The state of one :func:`iter_segments` call: the buffer and the numbering so far."""

    def __init__(self, seg: Segmenter, doc: str, max_buffer: int) -> None:
        self.seg, self.doc, self.max_buffer = seg, doc, max_buffer
        self.buf = ""  # the text from offset ``base`` on that is not segmented yet
        self.base = 0
        self.index = 0  # of the next segment
        self.para = 0  # of the first paragraph in ``buf``
        self.sent = 0  # sentences of that paragraph already given out (it was cut)

    def run(self, chunks: Iterable[str]) -> Iterator[Segment]:
        # Small chunks are gathered first so that each round scans a good stretch of new text.
        for new in gather(chunks, max(1, self.max_buffer // 4)):
            yield from self._round(new, final=False)
        yield from self._round("", final=True)

    def _round(self, new: str, *, final: bool) -> Iterator[Segment]:
        """Segment what ``new`` completes; keep the unfinished rest in the buffer."""
        buf = self.buf + new
        spans = self.seg.paragraphs(buf)
        done = spans if final else spans[:-1]
        for p_start, p_end in done:
            yield from self._emit(buf, self.seg.sentences(buf, p_start, p_end))
            self.para += 1
            self.sent = 0
        if final or not spans:
            # Nothing to keep: before any paragraph there is only whitespace, which no span holds.
            self.base += len(buf)
            self.buf = ""
            return
        keep = spans[-1][0]
        if len(buf) - keep > self.max_buffer:
            keep = yield from self._cut(buf, keep, spans[-1][1])
        self.base += keep
        self.buf = buf[keep:]

    def _cut(self, buf: str, start: int, end: int) -> Iterator[Segment]:
        """Give out the sentences of a long unfinished paragraph that are settled.

        Returns:
            The offset in ``buf`` from which the paragraph is carried on.
        """
        sentences = self.seg.sentences(buf, start, end)
        if len(sentences) <= _HELD_SENTENCES:
            return start  # one long sentence: nothing is settled yet
        yield from self._emit(buf, sentences[:-_HELD_SENTENCES])
        return sentences[-_HELD_SENTENCES][0]

    def _emit(self, buf: str, spans: list[tuple[int, int]]) -> Iterator[Segment]:
        base = self.base
        for start, end in spans:
            yield Segment(self.doc, self.index, self.para, self.sent, buf[start:end], base + start, base + end)
            self.index += 1
            self.sent += 1
