"""Corpus file formats: one reader/writer pair per format, behind a registry.

Every format stores :class:`~alignkit.types.Row` (language -> text, plus metadata):

- ``tmx``: TMX 1.4b, multi-way (one ``<tu>`` per row, one ``<tuv xml:lang>`` per language);
- ``tsv``: one row per line, one column per language (no header; tabs/newlines in text become spaces);
- ``moses``: line-parallel plain text, one file per language at ``<prefix>.<lang>``;
- ``jsonl``: one JSON object per row, ``{"texts": {lang: text}, **meta}``, keeping everything.

A run's output directory (``alignkit run``) is written and read by :mod:`alignkit.formats.run`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from alignkit.errors import InputError
from alignkit.registry import Registry
from alignkit.types import Row


class Format(Protocol):
    """What a format module provides."""

    suffix: str

    def read(self, path: Path, langs: Sequence[str] | None) -> tuple[Row, ...]: ...

    def write(self, rows: Sequence[Row], path: Path, langs: Sequence[str]) -> list[Path]: ...


FORMATS: Registry[Format] = Registry(
    "format",
    {
        "tmx": "alignkit.formats.tmx:FORMAT",
        "tsv": "alignkit.formats.tsv:FORMAT",
        "moses": "alignkit.formats.moses:FORMAT",
        "jsonl": "alignkit.formats.jsonl:FORMAT",
    },
)

_BY_SUFFIX = {".tmx": "tmx", ".tsv": "tsv", ".jsonl": "jsonl", ".json": "jsonl"}


def guess_format(path: str | Path) -> str:
    """Format name from a path's extension, or ``moses`` for a prefix whose ``.<lang>`` files exist.

    Raises:
        InputError: nothing matches.
    """
    p = Path(path)
    if p.suffix.lower() in _BY_SUFFIX:
        return _BY_SUFFIX[p.suffix.lower()]
    if list(p.parent.glob(p.name + ".*")):
        return "moses"
    raise InputError(f"{p}: cannot tell the format; name it with --format ({', '.join(FORMATS.names())})")


def read_rows(path: str | Path, fmt: str | None = None, langs: Sequence[str] | None = None) -> tuple[Row, ...]:
    """Read the rows of a corpus file (or Moses prefix)."""
    name = fmt or guess_format(path)
    return FORMATS.get(name).read(Path(path), langs)


def write_rows(rows: Sequence[Row], path: str | Path, fmt: str, langs: Sequence[str]) -> list[Path]:
    """Write rows atomically; returns the files written."""
    return FORMATS.get(fmt).write(rows, Path(path), list(langs))


def one_line(text: str) -> str:
    """Text made safe for line-based formats: tabs and line breaks become single spaces."""
    return " ".join(text.split()) if any(c in text for c in "\t\n\r\v\f\x85\u2028\u2029") else text
