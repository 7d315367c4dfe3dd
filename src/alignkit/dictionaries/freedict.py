"""Headwords and translations from a FreeDict dictionary in dictd format (``.index`` + ``.dict.dz``).

The index has one line per headword, ``headword<TAB>offset<TAB>length`` with the numbers in
dictd's base 64; the data file is gzip-compatible (dictzip). An entry's text starts with the
headword line (``house /haʊs/ <n>``), then translations: comma-separated on one line, or
numbered ``1. casa, hogar``. WikDict-made dictionaries follow each sense's translations with a
definition in the source language; only short comma-separated items are kept as translations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
#: Longest translation kept, in words: longer items are definitions or examples.
MAX_WORDS = 3
_NUMBERED = re.compile(r"^\s*\d+\.\s*")
_TRAILING_NUMBER = re.compile(r"\s+\d+\.\s*$")
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>|/[^/]*/")


def b64_number(text: str) -> int:
    """A dictd base-64 number (``bWIQ``)."""
    value = 0
    for c in text:
        value = value * 64 + _B64[c]
    return value


def parse_dictd(index: str, data: bytes) -> Iterator[tuple[str, list[str]]]:
    """``(headword, translations)`` for every entry (the ``00database*`` metadata entries skipped).

    Args:
        index: the ``.index`` file's text.
        data: the decompressed ``.dict`` bytes.
    """
    for headword, start, length in index_entries(index):
        at = b64_number(start)
        translations = entry_translations(data[at : at + b64_number(length)].decode("utf-8", errors="replace"))
        if translations:
            yield headword, translations


def index_entries(index: str) -> Iterator[tuple[str, str, str]]:
    """``(headword, offset, length)`` per line of an ``.index`` file's text, the numbers still in
    dictd's base 64 (:func:`b64_number`), the ``00database*`` metadata entries skipped."""
    for line in index.split("\n"):
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] and not parts[0].startswith("00database"):
            yield parts[0], parts[1], parts[2]


def entry_translations(text: str) -> list[str]:
    """The translations in one entry's text (its first line is the headword line)."""
    lines = text.split("\n")[1:]
    out: list[str] = []
    for k, line in enumerate(lines):
        numbered = bool(_NUMBERED.match(line))
        # the first line, numbered lines, and the line after a bare sense number carry translations
        if not (k == 0 or numbered or (k > 0 and _NUMBERED.fullmatch(lines[k - 1] + " ") is not None)):
            continue
        line = _TRAILING_NUMBER.sub("", _NUMBERED.sub("", line))
        for item in _NOTE.sub(" ", line).replace(";", ",").split(","):
            item = " ".join(item.split())
            if item and len(item.split()) <= MAX_WORDS and item not in out:
                out.append(item)
    return out
