"""Which documents a run reads: files, directories (recursively) and ``--files-from`` lists.

Only paths are collected here (documents are read lazily, one at a time, by the plan); every
problem a user can fix is found before any work: a missing path, a file whose language cannot
be told, two files with one document id, documents in different languages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alignkit.errors import InputError
from alignkit.formats.names import check_doc_id, doc_id_from_name, lang_from_name

log = logging.getLogger(__name__)

#: Suffixes of the files a directory input contributes (besides names ending in a language code).
TEXT_SUFFIXES = (".txt", ".text")


@dataclass(frozen=True)
class Source:
    """One document to read.

    Attributes:
        path: where to read it (``-`` for stdin).
        id: its document id: the path relative to the input root, without extension and
            language suffix (``news/2024/article.en.txt`` under ``news/`` -> ``2024/article``).
        lang: its language.
    """

    path: str
    id: str
    lang: str


def _is_text_name(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES or lang_from_name(path) is not None


def _walk(root: Path) -> list[tuple[Path, str]]:
    """The text files under ``root``, sorted, with their ids; hidden entries and links skipped."""
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.is_symlink() or not path.is_file():
            continue
        if not _is_text_name(path):
            log.info("skipping %s: not a text file name (.txt or a language suffix)", path)
            continue
        parent = rel.parent.as_posix()
        name = doc_id_from_name(path)
        found.append((path, name if parent == "." else f"{parent}/{name}"))
    if not found:
        raise InputError(f"{root}: no text files (*.txt or names ending in a language code) found")
    return found


def read_list(text: str, where: str) -> list[str]:
    """Paths of a ``--files-from`` list: one per line; blank lines and ``#`` comments skipped."""
    paths = [line.strip() for line in text.split("\n")]
    paths = [p for p in paths if p and not p.startswith("#")]
    if not paths:
        raise InputError(f"{where}: the list names no files")
    return paths


def collect(inputs: Iterable[str], *, src: str | None = None, doc_id: str | None = None) -> list[Source]:
    """The documents of a run, in corpus order (inputs as given, directories sorted).

    Args:
        inputs: files, directories or ``-``.
        src: the source language of every document (default: from each file name).
        doc_id: the id of the only document (one input file only).

    Raises:
        InputError: a missing input, an unknown language, duplicate ids, mixed languages, or
            ``doc_id`` with several documents.
    """
    entries: list[tuple[str, str]] = []
    for item in inputs:
        p = Path(item)
        if item == "-" or p.is_file():
            entries.append((item, doc_id_from_name(item)))
        elif p.is_dir():
            entries += [(str(path), ident) for path, ident in _walk(p)]
        else:
            raise InputError(f"{item}: no such file or directory")
    if not entries:
        raise InputError("no input documents")
    if doc_id is not None:
        if len(entries) > 1:
            raise InputError(f"--doc-id names one document, but the inputs hold {len(entries)}")
        entries = [(entries[0][0], doc_id)]
    return _checked(entries, src)


def _checked(entries: Sequence[tuple[str, str]], src: str | None) -> list[Source]:
    sources, seen = [], {}
    for path, ident in entries:
        check_doc_id(ident)
        if ident in seen:
            raise InputError(f"{path}: document id {ident!r} is also the id of {seen[ident]}; rename one")
        seen[ident] = path
        lang = src or lang_from_name(path)
        if lang is None:
            raise InputError(f"{path}: cannot tell the source language from the name; give --from")
        sources.append(Source(path, ident, lang))
    langs = sorted({s.lang for s in sources})
    if len(langs) > 1:
        raise InputError(f"the documents are in several languages ({', '.join(langs)}); run each language "
                         "separately or give --from")
    return sources
