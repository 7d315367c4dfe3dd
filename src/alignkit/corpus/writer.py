"""The writer: consumes unit results in corpus order, streams every format into staging, commits.

It is the only part of a run that touches ``--out``. Rows are appended as units finish (memory
does not grow with the corpus); summaries are accumulated on the way; at the end ``run.json``
(with a checksum of every file) and the report are written and the whole set is committed at
once (:mod:`alignkit.corpus.outdir`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from alignkit.corpus.outdir import OutputDir
from alignkit.corpus.records import RunMeta
from alignkit.formats import FORMATS
from alignkit.formats.run import RUN_META, segment_rows
from alignkit.formats.stream import RowWriter
from alignkit.score.accumulate import SummaryAccumulator
from alignkit.types import Segment, TermCheck, Translation

#: Runs with at most this many segments get the full side-by-side report; larger ones get the
#: summaries, the per-document table and their first this-many segments.
REPORT_MAX_SEGMENTS = 10_000
REPORT = "report.html"


def corpus_files(name: str, src: str, langs: Sequence[str], fmt: str) -> list[tuple[str, list[str]]]:
    """(file name or Moses prefix, languages) written for format ``fmt``."""
    if fmt in ("tmx", "jsonl"):
        return [(f"{name}.{fmt}", [src, *langs])]
    return [(f"{name}.{src}-{lang}" + (".tsv" if fmt == "tsv" else ""), [src, lang]) for lang in langs]


class CorpusWriter:
    """Appends rows to every corpus file in ``outdir.staging``.

    The JSONL is always staged (the report is read back from it); it is installed only when
    ``formats`` asks for it.
    """

    def __init__(self, outdir: OutputDir, name: str, src: str, langs: Sequence[str],
                 formats: Sequence[str]) -> None:
        self.outdir, self.name, self.src, self.langs = outdir, name, src, list(langs)
        self.formats = list(formats)
        self._writers: list[RowWriter] = []
        staged = list(dict.fromkeys([*self.formats, "jsonl"]))
        for fmt in staged:
            for fname, flangs in corpus_files(name, src, self.langs, fmt):
                self._writers.append(FORMATS.get(fmt).open_writer(outdir.staging / fname, flangs))
        self._summaries = {lang: SummaryAccumulator() for lang in self.langs}
        self._terms = {lang: [0, 0] for lang in self.langs}
        self.segments = 0

    def add(self, segments: Sequence[Segment], translations: Mapping[str, Sequence[Translation]],
            scores: Mapping[str, Sequence[Mapping[str, float]]], checks: Sequence[TermCheck],
            props: Sequence[Sequence[tuple[str, str]]] = (), failed: Sequence[tuple[int, str, str]] = ()) -> None:
        """Append one unit's rows (``props`` and ``failed``: see :func:`~alignkit.formats.run.segment_rows`)."""
        rows = segment_rows(self.src, segments, translations, scores, checks, props, failed)
        for writer in self._writers:
            writer.write(rows)
        for lang in self.langs:
            self._summaries[lang].add(scores.get(lang, ()))
        for check in checks:
            if check.lang in self._terms:
                self._terms[check.lang][0] += check.ok
                self._terms[check.lang][1] += 1
        self.segments += len(segments)

    def summaries(self) -> dict[str, dict[str, float]]:
        """Per-language summaries with glossary term accuracy (as ``summarize_corpus``)."""
        out = {lang: acc.summary() for lang, acc in self._summaries.items()}
        for lang, (hits, total) in self._terms.items():
            if total:
                out[lang]["term_accuracy"] = round(hits / total, 4)
                out[lang]["term_checks"] = float(total)
        return out

    def finish(self, meta: RunMeta, *, report: bool, previous: Sequence[str]) -> RunMeta:
        """Close the files, write ``run.json`` (+ the report) and commit the set; returns the meta."""
        staged = [p for w in self._writers for p in w.close()]
        self._writers = []
        install = [p.name for p in staged if self._wanted(p.name)]
        meta = replace(meta, summary=self.summaries())
        if report:
            (self.outdir.staging / REPORT).write_text(self._report(meta), encoding="utf-8", newline="\n")
            install.append(REPORT)
        meta = replace(meta, files={n: _sha256(self.outdir.staging / n) for n in install})
        (self.outdir.staging / RUN_META).write_text(json.dumps(meta.to_json(), ensure_ascii=False, indent=2) + "\n",
                                                    encoding="utf-8", newline="\n")
        self.outdir.commit([*install, RUN_META], previous)
        return meta

    def abort(self) -> None:
        """Close the files without committing (the staging directory is dropped by the caller)."""
        for writer in self._writers:
            writer.abort()
        self._writers = []

    def _wanted(self, fname: str) -> bool:
        return "jsonl" in self.formats or fname != f"{self.name}.jsonl"

    def _report(self, meta: RunMeta) -> str:
        from alignkit.formats.run import corpus_from_rows, head_rows
        from alignkit.report import render

        rows = head_rows(self.outdir.staging / f"{self.name}.jsonl", REPORT_MAX_SEGMENTS)
        note = None
        if self.segments > len(rows):
            note = (f"showing the first {len(rows):,} of {self.segments:,} segments; the summaries cover "
                    "them all")
        corpus = corpus_from_rows(rows, meta)
        documents = meta.documents if len(meta.documents) > 1 else None
        return render(corpus, documents=documents, summaries=meta.summary if note else None, note=note)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


__all__ = ["REPORT", "CorpusWriter", "corpus_files"]
