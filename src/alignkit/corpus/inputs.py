"""Which documents a run reads: files, directories (recursively) and ``--files-from`` lists.

Only paths are collected here (documents are read lazily, one at a time, by the plan); every
problem a user can fix is found before any work: a missing path, a file whose language cannot
be told, a format alignkit cannot read safely, two files with one document id, documents in
different languages. Each document's format comes from its name (``.po``, ``.xlf``, ``.html``,
``.md``; anything else is plain text) or ``--input-format``; the plan reads it with that
format's reader (:data:`alignkit.corpus.readers.READERS`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alignkit.errors import InputError
from alignkit.formats.names import check_doc_id, doc_id_from_name, lang_from_name
from alignkit.translate.source import DEFAULT_SOURCE

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
        format: how it is read: ``text`` (sentence by sentence) or a document format
            (``po``, ``xliff``, ``html``, ``markdown``: one row per translatable unit).
    """

    path: str
    id: str
    lang: str
    format: str = "text"


def format_of(path: str, input_format: str = "auto") -> str:
    """The reader for ``path``: ``input_format`` unless ``auto``, else the name's extension.

    Raises:
        InputError: a file alignkit cannot translate safely (``.json``, ``.tmx``, ``.docx``...).
    """
    from alignkit.documents import detect

    return input_format if input_format != "auto" else detect(path, "")  # no text: the name decides


#: Formats whose files a directory input contributes by their suffix alone. HTML and Markdown files join only with a
#: language suffix (``guide.en.md``): a README.md next to the articles is not one of them.
CATALOGUE_FORMATS = ("po", "xliff")


def _is_text_name(path: Path) -> bool:
    from alignkit.documents import EXTENSIONS, REFUSED

    suffix = path.suffix.lower()
    if suffix in REFUSED:
        return False
    return suffix in TEXT_SUFFIXES or EXTENSIONS.get(suffix) in CATALOGUE_FORMATS or lang_from_name(path) is not None


def _walk(root: Path, exclude: Sequence[Path] = ()) -> list[tuple[Path, str]]:
    """The text files under ``root``, sorted, with their ids; hidden entries, links and the
    ``exclude`` directories (the run's own ``--out``) skipped."""
    skip = [p.resolve() for p in exclude]
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.is_symlink() or not path.is_file():
            continue
        if skip and any(path.resolve().is_relative_to(d) for d in skip):
            continue
        if not _is_text_name(path):
            log.info("skipping %s: not a document name (.txt, .po, .xlf or a language suffix)", path)
            continue
        parent = rel.parent.as_posix()
        name = doc_id_from_name(path)
        found.append((path, name if parent == "." else f"{parent}/{name}"))
    if not found:
        raise InputError(f"{root}: no documents (*.txt, *.po, *.pot, *.xlf or names ending in a language "
                         "code) found")
    return found


def read_list(text: str, where: str) -> list[str]:
    """Paths of a ``--files-from`` list: one per line; blank lines and ``#`` comments skipped."""
    paths = [line.strip() for line in text.split("\n")]
    paths = [p for p in paths if p and not p.startswith("#")]
    if not paths:
        raise InputError(f"{where}: the list names no files")
    return paths


def collect(inputs: Iterable[str], *, src: str | None = None, doc_id: str | None = None,
            exclude: Sequence[Path] = (), input_format: str = "auto") -> list[Source]:
    """The documents of a run, in corpus order (inputs as given, directories sorted).

    Args:
        inputs: files, directories or ``-``.
        src: the source language of every document (default: from each file name).
        doc_id: the id of the only document (one input file only).
        exclude: directories whose files are never inputs (the output directory, which may
            lie inside a directory input: its corpus files have language suffixes too).
        input_format: the format of every input (``auto``: from each name, see :func:`format_of`).

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
            entries += [(str(path), ident) for path, ident in _walk(p, exclude)]
        else:
            raise InputError(f"{item}: no such file or directory")
    if not entries:
        raise InputError("no input documents")
    if doc_id is not None:
        if len(entries) > 1:
            raise InputError(f"--doc-id names one document, but the inputs hold {len(entries)}")
        entries = [(entries[0][0], doc_id)]
    return _checked(entries, src, input_format)


def _source_lang(path: str, fmt: str) -> str | None:
    """The language of a document when ``--from`` is not given.

    A catalogue's msgids are English by convention (its name names the target); an XLIFF file
    declares its ``source-language`` (read from its first few kilobytes); other documents are
    named like text (``article.en.md``).
    """
    if fmt == "po":
        return DEFAULT_SOURCE  # msgids are English by convention; es.po names the *target*
    if fmt == "xliff" and path != "-":
        declared = _declared_source(path)
        if declared is not None:
            return declared
    return lang_from_name(path)


_XLIFF_SOURCE = re.compile(r"""\b(?:source-language|srcLang)\s*=\s*["']([^"']+)["']""")


def _declared_source(path: str) -> str | None:
    from alignkit import langs
    from alignkit.errors import AlignkitError

    try:
        with open(path, "rb") as fh:
            head = fh.read(8192).decode("utf-8", "replace")
    except OSError:
        return None  # the reader names the problem
    found = _XLIFF_SOURCE.search(head)
    try:
        return langs.normalize(found.group(1)) if found else None
    except AlignkitError:
        return None


def _checked(entries: Sequence[tuple[str, str]], src: str | None, input_format: str = "auto") -> list[Source]:
    sources, seen = [], {}
    for path, ident in entries:
        check_doc_id(ident)
        if ident in seen:
            raise InputError(f"{path}: document id {ident!r} is also the id of {seen[ident]}; rename one")
        seen[ident] = path
        fmt = format_of(path, input_format)
        lang = src or _source_lang(path, fmt)
        if lang is None:
            raise InputError(f"{path}: cannot tell the source language from the name; give --from")
        sources.append(Source(path, ident, lang, fmt))
    langs = sorted({s.lang for s in sources})
    if len(langs) > 1:
        raise InputError(f"the documents are in several languages ({', '.join(langs)}); run each language "
                         "separately or give --from")
    return sources
