"""A run's output directory: every corpus format for a :class:`~alignkit.types.Corpus`, and back.

Layout for document ``seed`` translated from ``en``::

    seed.tmx                      multi-way TMX 1.4b
    seed.jsonl                    one row per source segment: texts, ids, offsets, engines, scores, terms
    seed.en-es.tsv                per pair TSV
    seed.en-es.en / seed.en-es.es per pair Moses files
    run.json                      run metadata (languages, engines, options, summaries)

All files are first written to a staging directory and then moved into place, so an
interrupted run leaves the previous outputs (or nothing), never a half-written corpus.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from alignkit import textio
from alignkit.errors import InputError, OutputError
from alignkit.formats import FORMATS, read_rows
from alignkit.corpus.records import DocumentInfo, RunMeta, rebuild_text
from alignkit.types import Corpus, Document, Row, Segment, TermCheck, Translation

DEFAULT_FORMATS: tuple[str, ...] = ("tmx", "jsonl", "tsv", "moses")
RUN_META = "run.json"


def corpus_rows(corpus: Corpus) -> list[Row]:
    """One :class:`Row` per source segment carrying everything the JSONL keeps."""
    return segment_rows(corpus.document.lang, corpus.segments, corpus.translations, corpus.scores, corpus.checks)


def segment_rows(src: str, segments: Sequence[Segment], translations: Mapping[str, Sequence[Translation]],
                 scores: Mapping[str, Sequence[Mapping[str, float]]], checks: Sequence[TermCheck],
                 props: Sequence[Sequence[tuple[str, str]]] = (),
                 failed: Sequence[tuple[int, str, str]] = ()) -> list[Row]:
    """Rows for consecutive segments and their translations (a whole corpus or one work unit).

    Args:
        props: for a translatable file's units, per segment its ids (``unit``, PO ``context``
            and ``plural``): row fields after ``id``, TMX ``<prop type="x-unit">``.
        failed: ``(index, lang, why)`` of units left untranslated: ``mt[lang].untranslated``.
    """
    by_seg: dict[tuple[int, str], list[TermCheck]] = {}
    for check in checks:
        by_seg.setdefault((check.index, check.lang), []).append(check)
    why = {(index, lang): reason for index, lang, reason in failed}
    rows = []
    for i, seg in enumerate(segments):
        texts = {src: seg.text}
        mt = {}
        for lang, trs in translations.items():
            tr = trs[i]
            texts[lang] = tr.text
            lang_scores = scores.get(lang)
            mt[lang] = {
                "engine": tr.engine,
                "route": list(tr.route),
                "unknown": list(tr.unknown),
                "scores": dict(lang_scores[i]) if lang_scores else {},
                "terms": [{"term": c.term, "expected": list(c.expected), "found": c.found}
                          for c in by_seg.get((seg.index, lang), [])],
            }
            if (seg.index, lang) in why:
                mt[lang]["untranslated"] = why[seg.index, lang]
        meta: dict[str, Any] = {"id": seg.id, **(dict(props[i]) if props else {}), "index": seg.index,
                                "para": seg.para, "sent": seg.sent, "start": seg.start, "end": seg.end,
                                "source_lang": src, "mt": mt}
        rows.append(Row(texts, meta))
    return rows


def write_corpus(corpus: Corpus, outdir: str | Path, formats: Sequence[str] = DEFAULT_FORMATS, *,
                 report: bool = False) -> list[Path]:
    """Write a run's corpora and ``run.json`` into ``outdir`` (locked, all or nothing); returns the paths.

    The same writer as a streamed ``alignkit run`` (:class:`alignkit.corpus.writer.CorpusWriter`),
    given the whole corpus as one unit.

    Raises:
        OutputError: ``outdir`` cannot be created or written, or another run holds it.
        UnknownNameError: an unknown format name.
    """
    from alignkit.corpus.outdir import OutputDir, own_files
    from alignkit.corpus.writer import CorpusWriter

    for fmt in formats:
        FORMATS.get(fmt)  # validate names before doing any work
    meta = corpus.meta or _bare_meta(corpus)
    try:
        with OutputDir(outdir) as out:
            previous = list(own_files(previous_meta(out.path)))
            writer = CorpusWriter(out, meta.name, corpus.document.lang, corpus.languages, formats)
            try:
                writer.add(corpus.segments, corpus.translations, corpus.scores, corpus.checks)
                final = writer.finish(meta, report=report, previous=previous)
            except BaseException:
                writer.abort()
                raise
    except OSError as err:
        raise OutputError(f"{outdir}: cannot write corpus ({err.strerror or err})") from None
    return [Path(outdir) / name for name in [*final.files, RUN_META]]


def _bare_meta(corpus: Corpus) -> RunMeta:
    from alignkit import __version__

    doc = corpus.document
    info = DocumentInfo.of(doc.id, doc.lang, doc.id, doc.text, corpus.segments)
    return RunMeta(__version__, doc.id, doc.lang, (info,), "rules", corpus.languages)


def previous_meta(outdir: Path) -> dict[str, Any] | None:
    """The ``run.json`` an earlier run left in ``outdir`` (``None`` if absent or unreadable)."""
    try:
        meta = json.loads((outdir / RUN_META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def head_rows(path: Path, limit: int) -> tuple[Row, ...]:
    """The first ``limit`` rows of a run's JSONL, read lazily (the rest is never loaded)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if len(rows) >= limit:
                break
            obj = json.loads(line)
            texts = obj.pop("texts")
            rows.append(Row(texts, obj))
    return tuple(rows)


def read_corpus(path: str | Path) -> Corpus:
    """Read a run back from its directory (or its ``.jsonl`` file).

    An interrupted commit in the directory is completed first (see :mod:`alignkit.corpus.outdir`).

    Raises:
        InputError: no run found there, or the JSONL (or ``run.json``) is not a run's.
    """
    from alignkit.corpus.outdir import recover

    p = Path(path)
    if p.is_dir():
        recover(p)
        found = sorted(p.glob("*.jsonl"))
        if len(found) != 1:
            raise InputError(f"{p}: expected one run .jsonl file, found {len(found)}")
        p = found[0]
    rows = read_rows(p, "jsonl")
    if not rows or "source_lang" not in rows[0].meta:
        raise InputError(f"{p}: not the JSONL of an alignkit run")
    meta_path = p.parent / RUN_META
    meta = None
    if meta_path.exists():
        try:
            raw = json.loads(textio.read_text(meta_path))
        except ValueError as err:
            raise InputError(f"{meta_path}: not valid JSON ({err})") from None
        meta = RunMeta.from_json(raw, str(meta_path)) if "documents" in raw else None
    try:
        return corpus_from_rows(rows, meta)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        # a hand-edited or truncated run: name the file instead of a traceback from deep inside
        raise InputError(f"{p}: not the JSONL of an alignkit run (bad or missing field {err})") from None


def corpus_from_rows(rows: Sequence[Row], meta: RunMeta | None) -> Corpus:
    """The corpus the rows of a run's JSONL hold; with one document its text is rebuilt from ``meta``."""
    src = str(rows[0].meta["source_lang"])
    segments = tuple(
        Segment(str(r.meta["id"]).rsplit(":p", 1)[0], int(r.meta["index"]), int(r.meta["para"]),
                int(r.meta["sent"]), r.texts[src], int(r.meta["start"]), int(r.meta["end"]))
        for r in rows
    )
    langs = [lang for lang in rows[0].texts if lang != src]
    translations, scores, checks = {}, {}, []
    for lang in langs:
        trs, scs = [], []
        for seg, r in zip(segments, rows):
            mt = r.meta["mt"][lang]  # type: ignore[index]
            trs.append(Translation(seg.index, lang, r.texts.get(lang, ""), mt["engine"], tuple(mt["route"]),
                                   tuple(mt.get("unknown", ()))))
            scs.append(mt.get("scores", {}))
            checks += [TermCheck(seg.index, lang, t["term"], tuple(t["expected"]), t["found"])
                       for t in mt.get("terms", ())]
        translations[lang], scores[lang] = tuple(trs), tuple(scs)
    if meta is not None and len(meta.documents) == 1:
        info = meta.documents[0]
        document = Document(info.id, src, rebuild_text(info.layout, segments))
    else:
        document = Document(meta.name if meta else segments[0].doc, src, "")
    return Corpus(document, segments, translations, scores, tuple(checks), meta)
