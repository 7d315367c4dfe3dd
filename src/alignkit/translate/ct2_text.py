"""Text <-> tokens for the CTranslate2 engine: SentencePiece or whitespace, and long-input splitting.

CTranslate2 works on token strings. Models with SentencePiece files use them (batch calls
into the C++ library, cheap next to decoding); models without any (character or
pre-tokenised models such as the aren transliteration model) split on whitespace and join
output tokens with single spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: SentencePiece's word-boundary marker.
WORD_START = "\u2581"
_CLAUSE_END = frozenset(".,;:!?)]}\u3002\uff0c\u061f\u060c")


class PieceCodec:
    """Encodes source texts to pieces and decodes target pieces to text.

    Args:
        source_spm: source SentencePiece model, or ``None`` for whitespace tokens.
        target_spm: target SentencePiece model (defaults to the source one).
    """

    def __init__(self, source_spm: Path | None, target_spm: Path | None = None) -> None:
        self._src = self._tgt = None
        if source_spm is not None:
            import sentencepiece  # local: heavy, only for SentencePiece models

            self._src = sentencepiece.SentencePieceProcessor(model_file=str(source_spm))
            tgt = target_spm or source_spm
            self._tgt = (self._src if Path(tgt) == Path(source_spm)
                         else sentencepiece.SentencePieceProcessor(model_file=str(tgt)))

    @property
    def kind(self) -> str:
        """``"sentencepiece"`` or ``"whitespace"``."""
        return "whitespace" if self._src is None else "sentencepiece"

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """Source texts -> lists of pieces."""
        if self._src is None:
            return [t.split() for t in texts]
        return self._src.encode(list(texts), out_type=str)  # type: ignore[no-any-return]

    def encode_target(self, texts: Sequence[str]) -> list[list[str]]:
        """Target texts -> lists of pieces (forced target prefixes)."""
        if self._tgt is None:
            return [t.split() for t in texts]
        return self._tgt.encode(list(texts), out_type=str)  # type: ignore[no-any-return]

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """Target piece lists -> texts."""
        if self._tgt is None:
            return [" ".join(p) for p in pieces]
        return [self._tgt.decode_pieces(list(p)) for p in pieces]

    def word_starts(self, pieces: Sequence[str]) -> list[bool]:
        """Whether a cut before each piece falls between words."""
        if self._src is None:
            return [True] * len(pieces)
        return [p.startswith(WORD_START) for p in pieces]


def split_pieces(pieces: list[str], limit: int, word_start: Sequence[bool]) -> list[list[str]]:
    """Split a too-long piece list into chunks of at most ``limit`` pieces, nothing dropped.

    Cuts prefer a clause end (after ``.,;:!?``) followed by a new word, then any word
    boundary, in the second half of the window; a hard cut only when a word is longer
    than ``limit``. ``sum(chunks) == pieces`` always holds.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    chunks: list[list[str]] = []
    start = 0
    while len(pieces) - start > limit:
        chunks.append(pieces[start:(cut := _best_cut(pieces, start, limit, word_start))])
        start = cut
    chunks.append(pieces[start:])
    return chunks


def _best_cut(pieces: list[str], start: int, limit: int, word_start: Sequence[bool]) -> int:
    end = start + limit
    lowest = start + max(1, limit // 2)
    fallback = None
    for cut in range(end, lowest - 1, -1):
        if word_start[cut]:
            if pieces[cut - 1].rstrip()[-1:] in _CLAUSE_END:
                return cut
            fallback = fallback or cut
    return fallback or end
