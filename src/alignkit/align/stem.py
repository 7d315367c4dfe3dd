"""Word normalisation shared by dictionaries and the aligner: lower-case, then a Snowball stem.

Dictionaries list lemmas (*maison*, *haben*) while texts carry inflected forms (*maisons*,
*hatte*); stemming both sides with the same algorithm lets one entry match its forms. The
Snowball stemmers (``PyStemmer``, C) cover most European languages; for a
language without one a word is cut to its first :data:`FALLBACK_PREFIX` letters, a crude but
language-independent stem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice

import numpy as np

from alignkit import langs
from alignkit.errors import UnknownNameError

#: Letters kept by the fallback stemmer (languages without a Snowball algorithm).
FALLBACK_PREFIX = 6

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")

Stemmer = Callable[[str], str]


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters only; numbers and punctuation are left out)."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=64)
def stemmer(lang: str) -> Stemmer:
    """A cached ``word -> stem`` function for ``lang`` (ISO 639-1 or 639-3); words must be lower-case.

    Stems of a given language are memoised, so stemming a long document costs one Snowball call
    per distinct word.
    """
    try:
        algorithm = _snowball(langs.name(lang).lower())
    except UnknownNameError:  # an unknown code: the fallback stem still lets it align
        algorithm = None
    if algorithm is None:
        return _prefix
    cache: dict[str, str] = {}

    def stem(word: str) -> str:
        out = cache.get(word)
        if out is None:
            out = cache[word] = algorithm(word)
        return out

    return stem


def _snowball(name: str) -> Callable[[str], str] | None:
    try:
        import Stemmer  # PyStemmer
    except ImportError:  # pragma: no cover - a declared dependency; the fallback keeps align working
        return None
    if name not in Stemmer.algorithms():
        return None
    return Stemmer.Stemmer(name).stemWord  # type: ignore[no-any-return]


def _prefix(word: str) -> str:
    return word[:FALLBACK_PREFIX]


def stems(text: str, stem: Stemmer) -> list[str]:
    """Stems of the words of ``text``, in order."""
    return [stem(w) for w in words(text)]


#: Texts :func:`stem_texts` reads at a time (bounds its word lists).
_STEM_BLOCK = 20_000


@dataclass(frozen=True)
class StemmedTexts(Sequence[list[str]]):
    """The stems of many texts, interned: text ``t``'s stems are ``vocab[ids[off[t]:off[t + 1]]]``.

    It reads as a sequence of per-text stem lists (``texts[t]``); the arrays take 4 bytes a word
    where lists of strings took about 60 on 100,000-sentence documents.

    Attributes:
        vocab: the distinct stems, in order of first appearance.
        ids: per word occurrence, its stem's index in ``vocab`` (int32).
        off: where each text's words start in ``ids``, ``(len + 1,)`` (int64).
    """

    vocab: tuple[str, ...]
    ids: np.ndarray
    off: np.ndarray

    def __len__(self) -> int:
        return len(self.off) - 1

    def __getitem__(self, k):  # type: ignore[no-untyped-def, override]
        if isinstance(k, slice):
            return [self[t] for t in range(*k.indices(len(self)))]
        vocab = self.vocab
        return [vocab[x] for x in self.ids[self.off[k] : self.off[k + 1]].tolist()]


def stem_texts(texts: Iterable[str], stem: Stemmer) -> StemmedTexts:
    """``[stems(t, stem) for t in texts]`` as :class:`StemmedTexts`; each distinct word is stemmed once."""
    by_word: dict[str, int] = {}  # word -> stem id
    by_stem: dict[str, int] = {}
    ids: list[np.ndarray] = []
    counts: list[int] = []
    it = iter(texts)
    while batch := [t.lower() for t in islice(it, _STEM_BLOCK)]:
        joined = _JOIN.join(batch) + _JOIN
        fast = joined.count(_END) == len(batch)
        if fast:  # one findall for the block: the marker, stem id -1, ends each text's words
            flat = _WORD.findall(joined)
            by_word[_END] = -1
        else:  # the marker occurs in a text: one findall per text
            rows = [_WORD.findall(t) for t in batch]
            counts.extend(map(len, rows))
            flat = list(chain.from_iterable(rows))
        for w in dict.fromkeys(flat):
            if w not in by_word:
                by_word[w] = by_stem.setdefault(stem(w), len(by_stem))
        got = np.fromiter(map(by_word.__getitem__, flat), dtype=np.int32, count=len(flat))
        if fast:
            del by_word[_END]
            counts.extend((np.diff(np.flatnonzero(got < 0), prepend=-1) - 1).tolist())
            got = got[got >= 0]
        ids.append(got)
    off = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=off[1:])
    return StemmedTexts(tuple(by_stem), np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32), off)


#: A word no text has (checked), put after each text's words so one findall can read a block of texts.
_END = "\U0001d4b6"
_JOIN = "\n" + _END + "\n"
