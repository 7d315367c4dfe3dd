"""The aligner's dictionaries: stemmed lexicons built from the installed ones, and their cache.

``alignkit dict build`` reads every installed dictionary file of a pair
(:mod:`alignkit.dictionaries`: Apertium bidix and FreeDict, in either direction), stems and merges
them into a :class:`~alignkit.align.lexicon.Lexicon`; when no file joins the pair directly, a
pivot language that both reach is used (English first).
The result is cached as ``$ALIGNKIT_HOME/dicts/SRC-TGT.tsv`` (default: the user data directory,
as for models); nothing is created before the first build.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from alignkit import langs
from alignkit.align.lexicon import Lexicon, compose, from_pairs, invert, merge, parse_lexicon
from alignkit.dictionaries.installed import Roots, available, read_entries
from alignkit.errors import InputError

log = logging.getLogger(__name__)

#: Pivot languages tried, in order, when no dictionary joins a pair directly.
PIVOTS = ("en", "es", "fr", "de")


class NoDictionaryError(InputError):
    """No installed dictionary joins the two languages, directly or through a pivot."""


def dict_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """The dictionary cache: ``home``, else ``dicts`` beside the model store (``$ALIGNKIT_HOME/dicts``)."""
    if home:
        return Path(home).expanduser()
    from alignkit.models.store import store_dir  # one place resolves $ALIGNKIT_HOME

    return store_dir().parent / "dicts"


def cache_path(src: str, tgt: str, home: str | os.PathLike[str] | None = None) -> Path:
    """The cached dictionary file of a pair."""
    return dict_dir(home) / f"{langs.normalize(src)}-{langs.normalize(tgt)}.tsv"


def load_cached(src: str, tgt: str, home: str | os.PathLike[str] | None = None) -> Lexicon | None:
    """The cached dictionary of a pair, or None when ``alignkit dict build`` has not made one."""
    path = cache_path(src, tgt, home)
    if not path.is_file():
        return None
    return parse_lexicon(path.read_text(encoding="utf-8"), str(path))


def save(lexicon: Lexicon, home: str | os.PathLike[str] | None = None) -> Path:
    """Write ``lexicon`` to the cache (atomically) and return its path."""
    path = cache_path(lexicon.src, lexicon.tgt, home)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(lexicon.to_text(), encoding="utf-8")
    tmp.replace(path)
    return path


def build(src: str, tgt: str, roots: Roots = Roots()) -> Lexicon:
    """The merged dictionary of every installed source for ``src -> tgt``, through a pivot if needed.

    Raises:
        NoDictionaryError: nothing joins the pair, directly or through one of :data:`PIVOTS`.
    """
    src, tgt = langs.normalize(src), langs.normalize(tgt)
    direct = _direct(src, tgt, roots)
    if direct is not None:
        return direct
    for pivot in PIVOTS:
        if pivot in (src, tgt):
            continue
        first, second = _direct(src, pivot, roots), _direct(pivot, tgt, roots)
        if first is not None and second is not None:
            return compose(first, second)
    raise NoDictionaryError(
        f"no installed dictionary for {src}->{tgt} (nor through {', '.join(PIVOTS)}); "
        f"install e.g. dict-freedict-{langs.iso3(src)}-{langs.iso3(tgt)} or an apertium pair"
    )


def _direct(src: str, tgt: str, roots: Roots) -> Lexicon | None:
    parts = []
    for a, b, path in available(roots):
        if (a, b) == (src, tgt):
            parts.append(_read(path, a, b))
        elif (a, b) == (tgt, src):
            parts.append(invert(_read(path, a, b)))
    parts = [p for p in parts if len(p)]
    return merge(parts) if parts else None


def _read(path: str, src: str, tgt: str) -> Lexicon:
    return from_pairs(read_entries(path), src, tgt, Path(path).name)
