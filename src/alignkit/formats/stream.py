"""Appending row writers: corpus files written one batch of rows at a time.

A run streams its rows into a staging directory through these (memory does not grow with the
corpus); the bytes are exactly what each format's whole-file ``write`` gives for the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Protocol

from alignkit import textio
from alignkit.types import Row

#: how a one-file line format renders rows: ``render(fh, rows, langs)``
Render = Callable[[IO[str], Sequence[Row], Sequence[str]], None]


class RowWriter(Protocol):
    """What ``Format.open_writer(path, langs)`` returns."""

    def write(self, rows: Sequence[Row]) -> None: ...

    def close(self) -> list[Path]: ...

    def abort(self) -> None: ...


class LineWriter:
    """Text files written in place, rows rendered by ``render(fh, rows, langs)``."""

    def __init__(self, paths: list[Path], langs: Sequence[str],
                 render: Render | None) -> None:
        self.paths, self.langs, self._render = paths, list(langs), render
        self._files = [open(p, "w", encoding="utf-8", newline="\n") for p in paths]  # noqa: SIM115

    def write(self, rows: Sequence[Row]) -> None:
        assert self._render is not None
        self._render(self._files[0], rows, self.langs)

    def close(self) -> list[Path]:
        for fh in self._files:
            fh.close()
        return list(self.paths)

    def abort(self) -> None:
        for fh in self._files:
            fh.close()


class OneFileLines:
    """A format that writes one text file, rows rendered by the class's ``render``: the whole-file
    ``write`` (atomic) and the appending writer share it, so their bytes are the same."""

    render: Render

    def write(self, rows: Sequence[Row], path: Path, langs: Sequence[str]) -> list[Path]:
        with textio.atomic_open(path) as fh:
            type(self).render(fh, rows, langs)
        return [path]

    def open_writer(self, path: Path, langs: Sequence[str]) -> RowWriter:
        """An appending writer (for a staging directory: the file is written in place)."""
        return LineWriter([path], langs, type(self).render)
