"""Installed dictionary files: finding them and reading one file's ``(word, translations)`` entries.

- Apertium bilingual dictionaries, ``/usr/share/apertium/*/X-Y.autobil.bin`` (enumerated with
  ``lt-print``, from lttoolbox);
- FreeDict dictionaries in dictd format, ``/usr/share/dictd/freedict-xxx-yyy.index`` + ``.dict.dz``.

Each file is listed once, in its own direction; readers that need the other one invert it.
"""

from __future__ import annotations

import gzip
import logging
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alignkit import langs
from alignkit.dictionaries.bidix import parse_lt_print
from alignkit.dictionaries.freedict import parse_dictd
from alignkit.errors import InputError, UnknownNameError

log = logging.getLogger(__name__)

APERTIUM_ROOT = Path("/usr/share/apertium")
DICTD_ROOT = Path("/usr/share/dictd")


@dataclass(frozen=True)
class Roots:
    """Where installed dictionaries are looked for (tests point these at fixtures)."""

    apertium: Path = APERTIUM_ROOT
    dictd: Path = DICTD_ROOT


def available(roots: Roots = Roots()) -> list[tuple[str, str, str]]:
    """``(src, tgt, file)`` for every installed dictionary file, in its own direction."""
    return sorted(apertium_files(roots) + _freedict_files(roots))


def read_dictd(path: str | Path) -> Iterator[tuple[str, list[str]]]:
    """The entries of a FreeDict ``.index`` file and its ``.dict.dz`` beside it."""
    index = Path(path).read_text(encoding="utf-8", errors="replace")
    data = gzip.decompress(Path(path).with_suffix(".dict.dz").read_bytes())
    return parse_dictd(index, data)


def read_entries(path: str) -> Iterator[tuple[str, list[str]]]:
    """The entries of one file that :func:`available` lists (an Apertium ``.bin`` or a FreeDict index).

    Raises:
        InputError: ``lt-print`` is missing or fails on an Apertium dictionary.
    """
    log.info("reading %s", path)
    if path.endswith(".bin"):
        return ((s, [t]) for s, t in parse_lt_print(_lt_print(path)))
    return read_dictd(path)


def _lt_print(path: str) -> str:
    exe = shutil.which("lt-print")
    if exe is None:
        raise InputError(f"{path}: lt-print is needed to read Apertium dictionaries (apt-get install lttoolbox-dev)")
    done = subprocess.run([exe, path], capture_output=True, check=False)
    if done.returncode != 0:
        raise InputError(f"lt-print {path} failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode("utf-8", errors="replace")


def apertium_files(roots: Roots, suffix: str = ".autobil.bin") -> list[tuple[str, str, str]]:
    """``(a, b, path)`` for each installed Apertium ``a-b<suffix>`` file (bilingual dictionaries by
    default; ``.automorf.bin`` analysers, ``.autogen.bin`` generators), in path order."""
    out = []
    for path in sorted(roots.apertium.glob(f"*/*{suffix}")):
        pair = path.name[: -len(suffix)]
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
