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
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alignkit import textio
from alignkit.errors import InputError, OutputError
from alignkit.formats import FORMATS, read_rows
from alignkit.types import Corpus, Document, Row, Segment, TermCheck, Translation

DEFAULT_FORMATS: tuple[str, ...] = ("tmx", "jsonl", "tsv", "moses")
RUN_META = "run.json"


def corpus_rows(corpus: Corpus) -> list[Row]:
    """One :class:`Row` per source segment carrying everything the JSONL keeps."""
    src = corpus.document.lang
    checks: dict[tuple[int, str], list[TermCheck]] = {}
    for check in corpus.checks:
        checks.setdefault((check.index, check.lang), []).append(check)
    rows = []
    for i, seg in enumerate(corpus.segments):
        texts = {src: seg.text}
        mt = {}
        for lang, translations in corpus.translations.items():
            tr = translations[i]
            texts[lang] = tr.text
            scores = corpus.scores.get(lang)
            mt[lang] = {
                "engine": tr.engine,
                "route": list(tr.route),
                "unknown": list(tr.unknown),
                "scores": dict(scores[i]) if scores else {},
                "terms": [{"term": c.term, "expected": list(c.expected), "found": c.found}
                          for c in checks.get((seg.index, lang), [])],
            }
        meta = {"id": seg.id, "index": seg.index, "para": seg.para, "sent": seg.sent,
                "start": seg.start, "end": seg.end, "source_lang": src, "mt": mt}
        rows.append(Row(texts, meta))
    return rows


def write_corpus(corpus: Corpus, outdir: str | Path, formats: Sequence[str] = DEFAULT_FORMATS) -> list[Path]:
    """Write a run's corpora and ``run.json`` into ``outdir``; returns the final paths.

    Raises:
        OutputError: ``outdir`` cannot be created or written.
        UnknownNameError: an unknown format name.
    """
    for fmt in formats:
        FORMATS.get(fmt)  # validate names before doing any work
    out = textio.check_writable_dir(outdir)
    doc, src = corpus.document.id, corpus.document.lang
    rows = corpus_rows(corpus)
    all_langs = [src, *corpus.languages]
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".alignkit-staging-"))
    try:
        written: list[Path] = []
        for fmt in formats:
            if fmt in ("tmx", "jsonl"):
                written += FORMATS.get(fmt).write(rows, staging / f"{doc}.{fmt}", all_langs)
            else:
                for lang in corpus.languages:
                    name = f"{doc}.{src}-{lang}" + (".tsv" if fmt == "tsv" else "")
                    written += FORMATS.get(fmt).write(rows, staging / name, [src, lang])
        textio.write_text(staging / RUN_META, json.dumps(corpus.meta, ensure_ascii=False, indent=2) + "\n")
        written.append(staging / RUN_META)
        final = []
        for path in written:
            target = out / path.name
            os.replace(path, target)
            final.append(target)
        return final
    except OSError as err:
        raise OutputError(f"{out}: cannot write corpus ({err.strerror or err})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_corpus(path: str | Path) -> Corpus:
    """Read a run back from its directory (or its ``.jsonl`` file).

    Raises:
        InputError: no run found there, or the JSONL is not a run's.
    """
    p = Path(path)
    if p.is_dir():
        found = sorted(p.glob("*.jsonl"))
        if len(found) != 1:
            raise InputError(f"{p}: expected one run .jsonl file, found {len(found)}")
        p = found[0]
    rows = read_rows(p, "jsonl")
    if not rows or "source_lang" not in rows[0].meta:
        raise InputError(f"{p}: not the JSONL of an alignkit run")
    meta_path = p.parent / RUN_META
    try:
        meta = json.loads(textio.read_text(meta_path)) if meta_path.exists() else {}
    except ValueError as err:
        raise InputError(f"{meta_path}: not valid JSON ({err})") from None
    try:
        return _corpus(rows, meta)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        # a hand-edited or truncated run: name the file instead of a traceback from deep inside
        raise InputError(f"{p}: not the JSONL of an alignkit run (bad or missing field {err})") from None


def _corpus(rows: Sequence[Row], meta: dict[str, Any]) -> Corpus:
    src = str(rows[0].meta["source_lang"])
    doc_id = str(rows[0].meta["id"]).rsplit(":p", 1)[0]
    segments = tuple(
        Segment(doc_id, int(r.meta["index"]), int(r.meta["para"]), int(r.meta["sent"]), r.texts[src],
                int(r.meta["start"]), int(r.meta["end"]))
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
    return Corpus(Document(doc_id, src, ""), segments, translations, scores, tuple(checks), meta)
