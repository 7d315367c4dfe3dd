"""Moses plain text: line-parallel files ``<prefix>.<lang>``, one segment per line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alignkit import langs as langcodes
from alignkit import textio
from alignkit.errors import InputError
from alignkit.formats import one_line
from alignkit.formats.stream import LineWriter, RowWriter
from alignkit.types import Row


def _files(prefix: Path) -> dict[str, Path]:
    found = {}
    for p in sorted(prefix.parent.glob(prefix.name + ".*")):
        code = p.name[len(prefix.name) + 1 :]
        if code in langcodes.LANGUAGES:
            found[code] = p
    return found


class _Moses:
    suffix = ""

    def read(self, path: Path, langs: Sequence[str] | None) -> tuple[Row, ...]:
        files = _files(path)
        wanted = list(langs or files)
        if not wanted:
            raise InputError(f"{path}: no Moses files {path}.<lang> found")
        columns = {}
        for lang in wanted:
            if lang not in files:
                raise InputError(f"{path}.{lang}: no such file")
            text = textio.read_text(files[lang], allow_empty=True)
            # "" is no line at all; "\n" is one empty line.
            columns[lang] = text.removesuffix("\n").split("\n") if text else []
        counts = {lang: len(col) for lang, col in columns.items()}
        if len(set(counts.values())) > 1:
            raise InputError(f"{path}: files have different line counts: {counts}")
        n = next(iter(counts.values()))
        return tuple(Row({lang: columns[lang][i] for lang in wanted}) for i in range(n))

    def write(self, rows: Sequence[Row], path: Path, langs: Sequence[str]) -> list[Path]:
        out = []
        for lang in langs:
            target = path.with_name(f"{path.name}.{lang}")
            textio.write_text(target, "".join(one_line(r.texts.get(lang, "")) + "\n" for r in rows))
            out.append(target)
        return out

    def open_writer(self, path: Path, langs: Sequence[str]) -> RowWriter:
        """An appending writer: one file per language (written in place, for a staging directory)."""
        return MosesWriter([path.with_name(f"{path.name}.{lang}") for lang in langs], langs)


class MosesWriter(LineWriter):
    """One line per row into each language's file."""

    def __init__(self, paths: list[Path], langs: Sequence[str]) -> None:
        super().__init__(paths, langs, None)

    def write(self, rows: Sequence[Row]) -> None:
        for fh, lang in zip(self._files, self.langs):
            fh.write("".join(one_line(r.texts.get(lang, "")) + "\n" for r in rows))


FORMAT = _Moses()
