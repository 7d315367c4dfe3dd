"""iter_segments over chunks gives segment_text's segments; iter_render gives render's text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.errors import UnknownNameError
from alignkit.segment import segment_text
from alignkit.segment.output import FORMATS, iter_render, render
from alignkit.segment.stream import iter_segments
from tests.segment.test_segment_properties import TOKENS, texts

# Numbered-list runs ("1." ... "2.") are linked across any distance, so a cut between two items
# may decide them differently (documented in segment.stream); cut paragraphs are tested without them.
LIST_MARKERS = {"3.", "1.", "2.)", "a.", "b)", "p."}
NO_LISTS = [t for t in TOKENS if t not in LIST_MARKERS]
list_free_texts = st.lists(st.tuples(st.sampled_from(NO_LISTS), st.booleans()), max_size=60).map(
    lambda parts: "".join(p + (" " if space else "") for p, space in parts)
)


@st.composite
def chunked(draw: st.DrawFn, text_strategy: st.SearchStrategy[str]) -> tuple[str, list[str]]:
    """A text and a random cutting of it into chunks (empty ones included)."""
    text = draw(text_strategy)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    bounds = [0, *cuts, len(text)]
    return text, [text[a:b] for a, b in zip(bounds, bounds[1:])]


@pytest.mark.parametrize("segmenter", ["rules", "lines"])
@settings(max_examples=300, deadline=None)
@given(case=chunked(texts))
def test_any_text_in_any_chunks_when_paragraphs_fit(segmenter: str, case: tuple[str, list[str]]) -> None:
    text, chunks = case
    expected = list(segment_text(text, "en", "d", segmenter=segmenter))
    # max_buffer = len(text): nothing is ever cut, yet the text is taken in several rounds.
    assert list(iter_segments(chunks, "en", "d", segmenter=segmenter, max_buffer=len(text))) == expected


@pytest.mark.parametrize("segmenter", ["rules", "lines"])
@settings(max_examples=400, deadline=None)
@given(case=chunked(list_free_texts), max_buffer=st.integers(1, 60))
def test_long_paragraphs_are_cut_without_changing_segments(segmenter: str, case: tuple[str, list[str]],
                                                          max_buffer: int) -> None:
    text, chunks = case
    expected = list(segment_text(text, "en", "d", segmenter=segmenter))
    assert list(iter_segments(chunks, "en", "d", segmenter=segmenter, max_buffer=max_buffer)) == expected


def test_a_cut_waits_for_the_word_after_a_boundary() -> None:
    # "Co. It" ends a sentence ("It" starts one), "Co. Items" does not: the chunk ends inside the word.
    chunks = ["Prices rose. Sales fell. Shares of Acme Co. It", "ems rose too. The end."]
    expected = list(segment_text("".join(chunks), "en"))
    assert [s.text for s in expected][2] == "Shares of Acme Co. Items rose too."
    assert list(iter_segments(chunks, "en", max_buffer=8)) == expected


def test_sentence_numbers_and_offsets_continue_across_cuts() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(200)) + "\n\nNext paragraph. Two."
    got = list(iter_segments([text[i:i + 37] for i in range(0, len(text), 37)], "en", max_buffer=100))
    assert [(s.para, s.sent) for s in got[-3:]] == [(0, 199), (1, 0), (1, 1)]
    assert all(text[s.start:s.end] == s.text for s in got)
    assert got == list(segment_text(text, "en"))


def test_segments_come_before_the_input_ends() -> None:
    read = 0

    def chunks() -> Iterator[str]:
        nonlocal read
        for _ in range(1000):
            read += 1
            yield "A sentence ends here. Another one follows.\n"

    stream = iter_segments(chunks(), "en", max_buffer=1000)
    first = next(stream)
    assert first.text == "A sentence ends here."
    assert read < 100  # bounded: only about max_buffer characters were read for the first segment


def test_lines_segmenter_streams_each_line() -> None:
    chunks = ["one\ntw", "o\n\n  three  \nfour"]
    got = list(iter_segments(chunks, "en", segmenter="lines", max_buffer=2))
    assert [(s.text, s.para, s.start) for s in got] == [("one", 0, 0), ("two", 1, 4), ("three", 2, 11),
                                                         ("four", 3, 19)]


def test_unknown_segmenter_fails_at_the_call() -> None:
    with pytest.raises(UnknownNameError):
        iter_segments(["text"], "en", segmenter="nope")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_iter_render_joins_to_render(fmt: str, text: str) -> None:
    segments = segment_text(text, "en", "d")
    assert "".join(iter_render(iter(segments), fmt)) == render(segments, fmt)


def test_iter_render_unknown_format_fails_at_the_call() -> None:
    with pytest.raises(UnknownNameError, match="choose one of: text, jsonl, tsv"):
        iter_render([], "xml")
