"""Regrouping a stream of strings: shared by the readers, the segmenter stream and the writers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def gather(pieces: Iterable[str], size: int) -> Iterator[str]:
    """Join consecutive pieces into strings of at least ``size`` characters (the last may be shorter).

    Joining is what a stream wants when its pieces are small: one regex scan, one write or one
    check over a good stretch instead of one per piece. ``"".join`` of the result is
    ``"".join(pieces)``; empty pieces vanish.
    """
    held: list[str] = []
    count = 0
    for piece in pieces:
        held.append(piece)
        count += len(piece)
        if count >= size:
            yield "".join(held)
            held, count = [], 0
    if count:
        yield "".join(held)
