"""Long segments are split at safe points and over-long words kept out of the engine, never truncated."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.translate.long_text import Piece, needs_split, split_long, translate_bounded
from alignkit.types import EngineOutput


def _upper(texts: list[str]) -> list[EngineOutput]:
    return [EngineOutput(t.upper(), tuple(w for w in t.split() if w.startswith("z"))) for t in texts]


def test_short_text_is_not_split() -> None:
    assert not needs_split("The house is red.", 100, 20)
    assert needs_split("x" * 101, 100, 200) and needs_split("a " + "y" * 21, 100, 20)


def test_splits_after_sentence_ends_when_possible() -> None:
    text = "One two three. Four five six. Seven eight nine."
    pieces = split_long(text, 32, 20)
    assert [p.text for p in pieces] == ["One two three. Four five six.", "Seven eight nine."]
    assert all(len(p.text) <= 32 for p in pieces)


def test_overlong_word_is_kept_apart_and_reported() -> None:
    word = "q" * 50
    pieces = split_long(f"Before it {word}  after it.", 100, 20)
    assert pieces == [Piece("Before it", " "), Piece(word, "  ", translate=False), Piece("after it.", "")]
    out = translate_bounded([f"Before it {word}  after it.", "zed here"], _upper, 100, 20)
    assert out[0] == EngineOutput(f"BEFORE IT {word}  AFTER IT.", (word,))
    assert out[1] == EngineOutput("ZED HERE", ("zed",))


def test_one_engine_call_for_all_pieces() -> None:
    calls: list[list[str]] = []

    def engine(texts: list[str]) -> list[EngineOutput]:
        calls.append(texts)
        return _upper(texts)

    out = translate_bounded(["a. " * 40, "short", "w" * 30], engine, 20, 10)
    assert len(calls) == 1 and "short" in calls[0]
    assert out[0].text == ("A. " * 40).strip() and out[2] == EngineOutput("w" * 30, ("w" * 30,))


_words = st.lists(st.text(alphabet="ab.!? \n\t", min_size=0, max_size=30), max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(text=_words, max_chars=st.integers(5, 60), max_word=st.integers(1, 20))
def test_pieces_rebuild_the_text_and_respect_the_limit(text: str, max_chars: int, max_word: int) -> None:
    max_word = min(max_word, max_chars)
    pieces = split_long(text, max_chars, max_word)
    assert "".join(p.text + p.gap for p in pieces) == text.strip()
    for p in pieces:
        assert p.text == p.text.strip() and not p.gap.strip()
        assert (len(p.text) <= max_chars) if p.translate else (len(p.text) > max_word and " " not in p.text)
