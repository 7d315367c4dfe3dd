"""Reading what ``alignkit score``/``filter`` are given: plain lines, corpus files, run directories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignkit import textio
from alignkit.errors import InputError
from alignkit.formats.names import lang_from_name
from alignkit.types import Corpus, Row

#: extensions read as corpus files; any other existing file is plain line-parallel text.
CORPUS_SUFFIXES = {".tmx", ".tsv", ".jsonl"}


@dataclass(frozen=True)
class Loaded:
    """One scoring input.

    Attributes:
        kind: ``lines`` (plain text), ``corpus`` (a corpus file or Moses prefix) or ``run`` (a run directory).
        rows: for corpora and runs, the rows; for plain text, one-column rows.
        fmt: the corpus format (``None`` for plain text and runs).
        langs: languages in column order (source first when known).
        meta: the run's metadata (``run.json``) for runs.
        corpus: the run itself, for runs.
    """

    kind: str
    rows: tuple[Row, ...]
    fmt: str | None
    langs: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    corpus: Corpus | None = None

    def column(self, lang: str) -> list[str]:
        """The texts of one language."""
        return [row.texts.get(lang, "") for row in self.rows]


def read_lines(path: str | Path) -> list[str]:
    """Lines of a plain text file (one segment per line; the final newline ends the last line)."""
    text = textio.read_text(path)
    return text.removesuffix("\n").split("\n")


def load(path: str | Path, *, fmt: str | None = None, langs: Sequence[str] | None = None,
         lang: str | None = None) -> Loaded:
    """Load ``path`` as a run directory, a corpus file, a Moses prefix or plain lines.

    Args:
        path: the input; ``-`` reads plain lines from stdin.
        fmt: force a corpus format (``tmx``, ``tsv``, ``moses``, ``jsonl``).
        langs: column languages for formats that do not name them (Moses, TSV without ``x.en-es.tsv``).
        lang: for plain text, its language (default: from the name, ``hyp.es``).

    Raises:
        InputError: missing, unreadable or malformed input.
    """
    from alignkit.formats import read_rows

    p = Path(path)
    if str(path) == "-":  # the hypothesis on stdin, as sacrebleu reads it: plain lines
        code = lang or "und"
        return Loaded("lines", tuple(Row({code: t}) for t in read_lines("-")), None, (code,))
    if p.is_dir():
        from alignkit.formats.run import corpus_rows, read_corpus

        corpus = read_corpus(p)
        rows = tuple(corpus_rows(corpus))
        return Loaded("run", rows, None, (corpus.document.lang, *corpus.languages),
                      corpus.meta.to_json() if corpus.meta else {},
                      corpus)
    if fmt is None and p.is_file() and p.suffix.lower() not in CORPUS_SUFFIXES:
        code = lang or lang_from_name(p) or "und"
        return Loaded("lines", tuple(Row({code: t}) for t in read_lines(p)), None, (code,))
    if fmt is None and not p.exists() and not list(p.parent.glob(p.name + ".*")):
        raise InputError(f"{p}: no such file")
    rows = read_rows(p, fmt, langs)
    if not rows:
        raise InputError(f"{p}: the corpus has no rows")
    order = tuple(langs or rows[0].texts)
    if not order:
        raise InputError(f"{p}: the first row has no texts, so no language columns")
    src = rows[0].meta.get("source_lang")
    if src in order:
        order = (str(src), *(x for x in order if x != src))
    return Loaded("corpus", rows, fmt, order)


def target_column(loaded: Loaded, lang: str | None, what: str) -> str:
    """The column of ``loaded`` to score: ``lang``, else the only target column.

    Args:
        loaded: the input.
        lang: the language asked for (``--lang``), or ``None``.
        what: how to name the input in messages (its path).

    Raises:
        InputError: ``lang`` is not a column, or no ``lang`` and several target columns.
    """
    targets = loaded.langs[1:] if loaded.kind != "lines" else loaded.langs
    if lang:
        if lang not in loaded.langs:
            raise InputError(f"{what} has no {lang!r} column (it has {', '.join(loaded.langs)})")
        return lang
    if len(targets) != 1:
        raise InputError(f"{what} has several target languages ({', '.join(targets)}); choose one with --lang")
    return targets[0]


def paired_rows(loaded: Loaded, src_lines: str | Path, src_lang: str | None = None,
                lang: str | None = None) -> tuple[tuple[Row, ...], str]:
    """Plain-text hypotheses joined line by line with their plain-text sources.

    Args:
        loaded: a ``lines`` input (the hypotheses).
        src_lines: the source file, one segment per line.
        src_lang: the source language (default: from the file name).
        lang: the hypotheses' language (default: the one ``loaded`` has).

    Returns:
        Two-column rows (source, hypothesis) and the source language.

    Raises:
        InputError: the languages cannot be told, or the files are not line-parallel.
    """
    tgt = lang or loaded.langs[0]
    src = src_lang or lang_from_name(src_lines)
    if tgt == "und" or src is None:
        raise InputError("cannot tell the languages from the file names; give --lang and --src-lang")
    sources = read_lines(src_lines)
    if len(sources) != len(loaded.rows):
        raise InputError(f"{src_lines} has {len(sources)} lines but the hypothesis has {len(loaded.rows)}")
    column = loaded.langs[0]
    return tuple(Row({src: s, tgt: r.texts[column]}) for s, r in zip(sources, loaded.rows)), src
