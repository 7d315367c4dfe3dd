"""Word normalisation shared by dictionaries and the aligner: lower-case, then a Snowball stem.

Dictionaries list lemmas (*maison*, *haben*) while texts carry inflected forms (*maisons*,
*hatte*); stemming both sides with the same algorithm lets one entry match its forms. The
Snowball stemmers (``PyStemmer``, C) cover most European languages; for a
language without one a word is cut to its first :data:`FALLBACK_PREFIX` letters, a crude but
language-independent stem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

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
