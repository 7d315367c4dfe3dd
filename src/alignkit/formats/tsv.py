"""TSV: one row per line, one column per language, no header."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

from alignkit import textio
from alignkit.errors import InputError
from alignkit.formats import one_line
from alignkit.formats.names import langs_from_name
from alignkit.formats.stream import OneFileLines
from alignkit.types import Row


def _write_rows(fh: IO[str], rows: Sequence[Row], langs: Sequence[str]) -> None:
    for row in rows:
        fh.write("\t".join(one_line(row.texts.get(lang, "")) for lang in langs) + "\n")


class _Tsv(OneFileLines):
    render = staticmethod(_write_rows)
    suffix = ".tsv"

    def read(self, path: Path, langs: Sequence[str] | None) -> tuple[Row, ...]:
        langs = list(langs or langs_from_name(path))
        rows = []
        for n, line in enumerate(textio.read_text(path, allow_empty=True).split("\n"), 1):
            if not line:
                continue
            cells = line.split("\t")
            if len(cells) != len(langs):
                raise InputError(f"{path}:{n}: {len(cells)} columns, expected {len(langs)} ({', '.join(langs)})")
            rows.append(Row(dict(zip(langs, cells))))
        return tuple(rows)

FORMAT = _Tsv()
