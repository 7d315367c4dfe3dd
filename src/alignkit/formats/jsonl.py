"""JSON Lines: one object per row, ``{"texts": {lang: text}, **meta}``; keeps everything."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from alignkit import textio
from alignkit.errors import InputError
from alignkit.formats.stream import LineWriter, RowWriter
from alignkit.types import Row


def dumps(obj: object) -> str:
    """Compact, deterministic JSON (sorted keys are not used: field order is meaningful)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class _Jsonl:
    suffix = ".jsonl"

    def read(self, path: Path, langs: Sequence[str] | None) -> tuple[Row, ...]:
        rows = []
        for n, line in enumerate(textio.read_text(path, allow_empty=True).split("\n"), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                texts = obj.pop("texts")
                if not isinstance(texts, dict):
                    raise TypeError
            except (ValueError, KeyError, TypeError, AttributeError):
                raise InputError(f"{path}:{n}: not an alignkit JSONL row (an object with a 'texts' mapping)") from None
            if langs:
                texts = {lang: texts.get(lang, "") for lang in langs}
            rows.append(Row(texts, obj))
        return tuple(rows)

    def write(self, rows: Sequence[Row], path: Path, langs: Sequence[str]) -> list[Path]:
        with textio.atomic_open(path) as fh:
            _write_rows(fh, rows, langs)
        return [path]

    def open_writer(self, path: Path, langs: Sequence[str]) -> RowWriter:
        """An appending writer (for a staging directory: the file is written in place)."""
        return LineWriter([path], langs, _write_rows)


def _write_rows(fh: IO[str], rows: Sequence[Row], langs: Sequence[str]) -> None:
    for row in rows:
        texts = {lang: row.texts.get(lang, "") for lang in (langs or row.texts)}
        fh.write(dumps({"texts": texts, **row.meta}) + "\n")


FORMAT = _Jsonl()
