"""JSON Lines: one object per row, ``{"texts": {lang: text}, **meta}``; keeps everything.

Reading is checked (:mod:`alignkit.formats.check`): the fields alignkit itself writes must
have the types it writes, so a stage never meets a ``NaN`` index or a string where scores go.
Writing escapes U+2028 and U+2029, which are legal in JSON strings but end a line for
``str.splitlines()`` and JavaScript.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from alignkit import textio
from alignkit.formats.check import Fields, load_json
from alignkit.formats.stream import OneFileLines
from alignkit.types import Row

#: ``str.translate`` table escaping the two characters ``str.splitlines()`` breaks JSON Lines at.
LINE_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})
#: Row metadata holding non-negative whole numbers.
_INT_FIELDS = ("index", "para", "sent", "start", "end")


def dumps(obj: object) -> str:
    """Compact, deterministic JSON on one line (keys keep their order: field order is meaningful)."""
    # Inside JSON these two characters can only occur in strings, where the escape means the same.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).translate(LINE_SEPARATORS)


def parse_row(line: str, source: str, number: int) -> Row:
    """One JSONL line as a checked :class:`Row`.

    Raises:
        FormatError: not JSON, not an object with a ``texts`` object of strings, or a known
            field (``index``, ``mt``, ``cost``...) of the wrong type.
    """
    check = Fields(source, number)
    obj = dict(check.mapping(load_json(line, source, number), "(row)"))
    if "texts" not in obj:
        check.fail("texts", "missing (an alignkit JSONL row is an object with a 'texts' mapping)")
    texts = check.text_map(obj.pop("texts"), "texts")
    return Row(texts, _checked_meta(obj, check))


def _checked_meta(meta: dict[str, Any], check: Fields) -> dict[str, Any]:
    for key in _INT_FIELDS:
        if key in meta:
            check.integer(meta[key], key)
    if "id" in meta and (isinstance(meta["id"], bool) or not isinstance(meta["id"], (str, int))):
        check.fail("id", "expected a string or a whole number")
    if "source_lang" in meta:
        check.string(meta["source_lang"], "source_lang")
    if "cost" in meta:
        check.number(meta["cost"], "cost")
    for key in ("src_ids", "tgt_ids"):
        if key in meta:
            check.integers(meta[key], key)
    if "mt" in meta:
        for lang, info in check.mapping(meta["mt"], "mt").items():
            _check_mt(check.mapping(info, f"mt.{lang}"), f"mt.{lang}", check)
    return meta


def _check_mt(info: Mapping[str, Any], field: str, check: Fields) -> None:
    if "engine" in info:
        check.string(info["engine"], f"{field}.engine")
    for key in ("route", "unknown"):
        if key in info:
            check.strings(info[key], f"{field}.{key}")
    if "scores" in info:
        check.number_map(info["scores"], f"{field}.scores")
    if "terms" in info:
        if not isinstance(info["terms"], list):
            check.fail(f"{field}.terms", "expected a list")
        for i, term in enumerate(info["terms"]):
            where = f"{field}.terms[{i}]"
            term = check.mapping(term, where)
            check.string(term.get("term"), f"{where}.term")
            check.strings(term.get("expected"), f"{where}.expected")
            if "found" not in term:
                check.fail(f"{where}.found", "missing (null when no allowed form was found)")
            check.optional_string(term["found"], f"{where}.found")


def _write_rows(fh: IO[str], rows: Sequence[Row], langs: Sequence[str]) -> None:
    for row in rows:
        texts = {lang: row.texts.get(lang, "") for lang in (langs or row.texts)}
        fh.write(dumps({"texts": texts, **row.meta}) + "\n")


class _Jsonl(OneFileLines):
    render = staticmethod(_write_rows)
    suffix = ".jsonl"

    def read(self, path: Path, langs: Sequence[str] | None) -> tuple[Row, ...]:
        rows = []
        for n, line in enumerate(textio.read_text(path, allow_empty=True).split("\n"), 1):
            if not line.strip():
                continue
            row = parse_row(line, str(path), n)
            if langs:
                row = Row({lang: row.texts.get(lang, "") for lang in langs}, row.meta)
            rows.append(row)
        return tuple(rows)

FORMAT = _Jsonl()
