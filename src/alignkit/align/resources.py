"""Installed dictionaries: finding them, reading them, and the cache ``alignkit dict build`` writes.

This is the file layer of the dictionary signal (the parsers in :mod:`~alignkit.align.bidix`,
:mod:`~alignkit.align.freedict` and :mod:`~alignkit.align.lexicon` take contents, not paths).

Sources, for a pair ``src -> tgt``:

- Apertium bilingual dictionaries, ``/usr/share/apertium/*/X-Y.autobil.bin`` (enumerated with
  ``lt-print``, from lttoolbox), in either direction;
- FreeDict dictionaries in dictd format, ``/usr/share/dictd/freedict-xxx-yyy.index`` +
  ``.dict.dz``, in either direction.

When no source joins the pair directly, a pivot language that both reach is used (English first).
The result is cached as ``$ALIGNKIT_HOME/dicts/SRC-TGT.tsv`` (default: the user data directory,
as for models); nothing is created before the first build.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from alignkit import langs
from alignkit.align.bidix import parse_lt_print
from alignkit.align.freedict import parse_dictd
from alignkit.align.lexicon import Lexicon, compose, from_pairs, invert, merge, parse_lexicon
from alignkit.errors import InputError, UnknownNameError

log = logging.getLogger(__name__)

APERTIUM_ROOT = Path("/usr/share/apertium")
DICTD_ROOT = Path("/usr/share/dictd")
#: Pivot languages tried, in order, when no dictionary joins a pair directly.
PIVOTS = ("en", "es", "fr", "de")


class NoDictionaryError(InputError):
    """No installed dictionary joins the two languages, directly or through a pivot."""


@dataclass(frozen=True)
class Roots:
    """Where installed dictionaries are looked for (tests point these at fixtures)."""

    apertium: Path = APERTIUM_ROOT
    dictd: Path = DICTD_ROOT


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


def available(roots: Roots = Roots()) -> list[tuple[str, str, str]]:
    """``(src, tgt, file)`` for every installed dictionary file, in its own direction."""
    return sorted(_apertium_files(roots) + _freedict_files(roots))


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
    log.info("reading %s", path)
    if path.endswith(".bin"):
        return from_pairs(((s, [t]) for s, t in parse_lt_print(_lt_print(path))), src, tgt, Path(path).name)
    index = Path(path).read_text(encoding="utf-8", errors="replace")
    data = gzip.decompress(Path(path).with_suffix(".dict.dz").read_bytes())
    return from_pairs(parse_dictd(index, data), src, tgt, Path(path).name)


def _lt_print(path: str) -> str:
    exe = shutil.which("lt-print")
    if exe is None:
        raise InputError(f"{path}: lt-print is needed to read Apertium dictionaries (apt-get install lttoolbox-dev)")
    done = subprocess.run([exe, path], capture_output=True, check=False)
    if done.returncode != 0:
        raise InputError(f"lt-print {path} failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode("utf-8", errors="replace")


def _apertium_files(roots: Roots) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(roots.apertium.glob("*/*.autobil.bin")):
        pair = path.name[: -len(".autobil.bin")]
        codes = _codes(pair)
        if codes is not None:
            out.append((*codes, str(path)))
    return out


def _freedict_files(roots: Roots) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(roots.dictd.glob("freedict-*.index")):
        codes = _codes(path.name[len("freedict-") : -len(".index")])
        if codes is not None and path.with_suffix(".dict.dz").is_file():
            out.append((*codes, str(path)))
    return out


def _codes(pair: str) -> tuple[str, str] | None:
    """``eng-spa`` / ``en-gl`` -> ``("en", "es")``; None for variants (``cat-eng_US``) and unknown codes."""
    parts = pair.split("-")
    if len(parts) != 2 or any("_" in p for p in parts):
        return None
    try:
        return langs.normalize(parts[0]), langs.normalize(parts[1])
    except UnknownNameError:
        return None
