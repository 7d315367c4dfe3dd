"""The Moses non-breaking prefix lists, read from the installed ``sacremoses`` package.

Moses' ``split-sentences.perl`` keeps one list per language of words that a period after
them does not end a sentence (``Sr``, ``pág``, ``z.B``), some only before a number
(``#NUMERIC_ONLY#``: ``No. 5``, ``Art. 3``). The lists are LGPL and ship as data files in
``sacremoses``; they are read from there, never copied into alignkit. The package is located
without importing it (its ``__init__`` pulls in the tokenizers).

The ``rules`` segmenter merges them into a language's own lists (see
:func:`alignkit.segment.rulebase.build`): general prefixes become ``abbreviations`` (a split
still happens before a sentence starter, which Moses does not do), numeric-only ones
``number``.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

_NUMERIC_ONLY = "#NUMERIC_ONLY#"
# Entries of the Spanish and Portuguese files that were saved in the wrong encoding
# ("nÃºm" for "núm"); the correct spelling is listed as well.
_MOJIBAKE = "Ã"


@dataclass(frozen=True)
class MosesPrefixes:
    """One language's list, lower-cased.

    Attributes:
        general: a period after these never ends a sentence in Moses.
        numeric: only before a number.
    """

    general: frozenset[str] = frozenset()
    numeric: frozenset[str] = frozenset()


def prefix_dir() -> Path | None:
    """Where ``sacremoses`` keeps the lists, or ``None`` when it is not installed."""
    spec = importlib.util.find_spec("sacremoses")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "nonbreaking_prefixes"


@lru_cache(maxsize=None)
def moses_prefixes(lang: str) -> MosesPrefixes:
    """The Moses list for ``lang`` (ISO 639-1); empty when there is none or no sacremoses.

    Example:
        >>> "pág" in moses_prefixes("es").general
        True
    """
    where = prefix_dir()
    path = where / f"nonbreaking_prefix.{lang}" if where else None
    if path is None or not path.is_file():
        if where is None:
            log.warning("sacremoses is not installed: no Moses prefixes for %r (pip install sacremoses)", lang)
        return MosesPrefixes()
    return parse(path.read_text(encoding="utf-8"))


def parse(text: str) -> MosesPrefixes:
    """Parse one ``nonbreaking_prefix.xx`` file (``#`` comments, ``#NUMERIC_ONLY#`` flags)."""
    general: set[str] = set()
    numeric: set[str] = set()
    for raw in text.splitlines():
        entry, _, flag = raw.strip().partition(" ")
        if not entry or entry.startswith("#") or _MOJIBAKE in entry:
            continue
        (numeric if _NUMERIC_ONLY in flag else general).add(entry.lower())
    return MosesPrefixes(frozenset(general), frozenset(numeric - general))
