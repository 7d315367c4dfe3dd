"""Properties that hold for any text: segments are exact, ordered, stripped and rebuild the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.segment import paragraph_spans, segment_text
from alignkit.types import Segment

# Pieces chosen to reach every rule: abbreviations, initials, ellipses, lists, bullets, quotes,
# French spacing, CJK stops, and every kind of whitespace (including ones only str.isspace knows).
TOKENS = [
    "Hello", "world", "The", "It", "Mr.", "Dr.", "U.S.", "a.m.", "p.", "No.", "E.", "Sr.", "Sra.", "M.", "etc.",
    "3.", "1.", "2.)", "a.", "b)", "• ", "⁃", "- ", "«", "»", "“", "”", '"', "'", "(", ")", "[...]", "...", "…",
    ". . .", ".", "!", "?", "¿", "¡", "?!", "。", "！", "—", ":", ";", "$100.00", "Jr.'s", "28-point", "1970s.",
    "@handle", "x@y.com.", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", "\u202f", "\u2028", "\x1c", "\r\n",
]

# Each piece is followed by a space or not, so punctuation meets words both ways.
texts = st.lists(st.tuples(st.sampled_from(TOKENS) | st.text(max_size=4), st.booleans()), max_size=40).map(
    lambda parts: "".join(p + (" " if space else "") for p, space in parts)
)


def check_invariants(text: str, segs: tuple[Segment, ...]) -> None:
    pos = 0
    for i, s in enumerate(segs):
        assert s.index == i
        assert s.text and s.text == s.text.strip()
        assert text[s.start:s.end] == s.text
        assert s.start >= pos
        assert text[pos:s.start].strip() == ""  # only whitespace between segments
        pos = s.end
    assert text[pos:].strip() == ""
    for prev, cur in zip(segs, segs[1:]):
        if cur.para == prev.para:
            assert cur.sent == prev.sent + 1
        else:
            assert cur.para == prev.para + 1 and cur.sent == 0
    if segs:
        assert segs[0].para == 0 and segs[0].sent == 0


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "zh"])
@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_rules_spans_rebuild_the_text(lang: str, text: str) -> None:
    segs = segment_text(text, lang)
    check_invariants(text, segs)
    # No segment crosses a blank line: each lies inside one paragraph.
    paras = paragraph_spans(text)
    for s in segs:
        start, end = paras[s.para]
        assert start <= s.start and s.end <= end


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_lines_spans_rebuild_the_text(text: str) -> None:
    segs = segment_text(text, "en", segmenter="lines")
    check_invariants(text, segs)
    assert all("\n" not in s.text for s in segs)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_paragraph_spans_cover_all_text(text: str) -> None:
    spans = paragraph_spans(text)
    pos = 0
    for start, end in spans:
        piece = text[start:end]
        assert piece and piece == piece.strip() and text[pos:start].strip() == ""
        assert all(line.strip() for line in piece.split("\n"))  # no blank line inside a paragraph
        pos = end
    assert text[pos:].strip() == ""


@settings(max_examples=100, deadline=None)
@given(sentences=st.lists(st.sampled_from(["Hello world.", "Is it?", "Yes!", "The end."]), min_size=1, max_size=8))
def test_plain_sentences_split_exactly(sentences: list[str]) -> None:
    text = " ".join(sentences)
    assert [s.text for s in segment_text(text, "en")] == sentences
