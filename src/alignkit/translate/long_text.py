"""Bounding what one engine call is given: long segments split at safe points, over-long words kept out.

Rule-based engines slow down badly on inputs nothing in real text looks like: Apertium's
``lt-proc`` is quadratic in the length of a word (a 50,000-character "word" takes 4 s, one of
200,000 a minute, one of 1 MB half an hour). A segment longer than ``max_chars`` is cut into
pieces at sentence ends (``.``, ``!``, ``?``, ``;``, ``:`` before a space), else between words; a
word longer than ``max_word`` (no language has one: it is a hash, base64 or a runaway line)
is never sent to the engine but kept unchanged in the output and reported as unknown, so
nothing is ever silently dropped or truncated. Joining the translated pieces with the
whitespace that separated them gives the segment's translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from alignkit.types import EngineOutput

#: Characters a piece may end with when a long segment is split (then a space follows).
_SENTENCE_END = re.compile(r"[.!?;:…。？！]['\"”’»)\]]*$")
_TOKENS = re.compile(r"(\s+)")


@dataclass(frozen=True)
class Piece:
    """One part of a split segment.

    Attributes:
        text: the part (no leading or trailing whitespace).
        gap: the whitespace that followed it in the segment (``""`` after the last).
        translate: ``False`` for an over-long word: kept as it is, never sent to the engine.
    """

    text: str
    gap: str
    translate: bool = True


def needs_split(text: str, max_chars: int, max_word: int) -> bool:
    """True when ``text`` is longer than ``max_chars`` or holds a word longer than ``max_word``."""
    if len(text) > max_chars:
        return True
    return len(text) > max_word and any(len(word) > max_word for word in text.split())


def split_long(text: str, max_chars: int, max_word: int) -> list[Piece]:
    """Cut ``text`` into pieces of at most ``max_chars`` characters each (over-long words apart).

    ``"".join(p.text + p.gap for p in split_long(t, ...)) == t.strip()`` always holds.
    """
    parts = _TOKENS.split(text.strip())  # word, space, word, space, ..., word
    tokens = [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
    pieces: list[Piece] = []
    current: list[tuple[str, str]] = []  # (word, the whitespace after it) of the piece being built
    size = end = end_size = 0  # its length; tokens up to its last sentence end, and their length

    def emit(chunk: list[tuple[str, str]]) -> None:
        pieces.append(Piece("".join(w + g for w, g in chunk[:-1]) + chunk[-1][0], chunk[-1][1]))

    for word, gap in tokens:
        if len(word) > max_word:
            if current:
                emit(current)
            current, size, end = [], 0, 0
            pieces.append(Piece(word, gap, translate=False))
            continue
        while current and size + len(word) > max_chars:
            # cut after the last sentence end if that keeps at least half a piece, else here
            cut = end if end and end_size * 2 >= max_chars else len(current)
            emit(current[:cut])
            current = current[cut:]
            size, end = sum(len(w) + len(g) for w, g in current), 0
        current.append((word, gap))
        size += len(word) + len(gap)
        if _SENTENCE_END.search(word):
            end, end_size = len(current), size
    if current:
        emit(current)
    return pieces


def translate_bounded(texts: Sequence[str], engine: Callable[[list[str]], list[EngineOutput]],
                      max_chars: int, max_word: int) -> list[EngineOutput]:
    """``engine(texts)``, with every text that :func:`needs_split` translated piece by piece.

    Over-long words come back unchanged, listed in ``unknown``; every other piece goes to
    ``engine`` in one call with the short texts, so batching is kept.
    """
    plans: list[list[Piece] | None] = [split_long(t, max_chars, max_word) if needs_split(t, max_chars, max_word)
                                       else None for t in texts]
    if not any(plans):
        return engine(list(texts))
    flat: list[str] = []
    for text, plan in zip(texts, plans):
        flat += [text] if plan is None else [p.text for p in plan if p.translate]
    done = iter(engine(flat))
    outputs = []
    for plan in plans:
        if plan is None:
            outputs.append(next(done))
            continue
        text, unknown = [], []
        for piece in plan:
            out = next(done) if piece.translate else EngineOutput(piece.text, (piece.text,))
            text.append(out.text + piece.gap)
            unknown += [u for u in out.unknown if u not in unknown]
        outputs.append(EngineOutput("".join(text), tuple(unknown)))
    return outputs
