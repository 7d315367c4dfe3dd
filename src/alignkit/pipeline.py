"""``alignkit run``: the run as a plan of units mapped by an executor, written by one writer.

- :func:`open_engines` opens (and checks) a translator for every target language; each direct
  leg may be wrapped (the translation memory caches legs one by one).
- :func:`run` does one in-memory document (a library convenience; the same unit function).
- :func:`run_corpus` streams many documents into an output directory: documents are read
  lazily, units go through an executor (:mod:`alignkit.corpus.executor`), new translations go to
  the TM as units finish, and rows are written in corpus order and committed all at once.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alignkit import __version__
from alignkit.errors import EngineUnavailableError
from alignkit.translate import get_engine, open_translator
from alignkit.translate.base import Engine, Translator
from alignkit.translate.route import DEFAULT_PIVOTS, LegWrapper
from alignkit.types import Corpus, Document

if TYPE_CHECKING:
    from alignkit.corpus.executor import Executor
    from alignkit.corpus.inputs import Source
    from alignkit.corpus.records import DocumentInfo, RunMeta
    from alignkit.corpus.unit import UnitResult
    from alignkit.glossary import Glossary
    from alignkit.tm import TranslationMemory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineSpec:
    """Which engine translates a language, with its options (e.g. ``{"model": "opus-en-de"}``)."""

    name: str = "apertium"
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RunOptions:
    """Everything that decides a run's output.

    Attributes:
        targets: target languages, in output order.
        engine: the default engine.
        per_language: target language -> engine, overriding ``engine``.
        segmenter: segmenter name (see ``alignkit.segment.SEGMENTERS``).
        pivots: pivot languages tried when no direct pair exists.
        roundtrip: also translate back to score round-trip chrF (doubles the work).
        shard_size: segments per work unit (does not change the output of documents up to
            this size; longer ones get their length model per shard).
    """

    targets: tuple[str, ...]
    engine: EngineSpec = EngineSpec()
    per_language: Mapping[str, EngineSpec] = field(default_factory=dict)
    segmenter: str = "rules"
    pivots: tuple[str, ...] = DEFAULT_PIVOTS
    roundtrip: bool = False
    shard_size: int = 1000

    def spec(self, lang: str) -> EngineSpec:
        """The engine chosen for target ``lang``."""
        return self.per_language.get(lang, self.engine)


@dataclass(frozen=True)
class RunResult:
    """A run's corpus plus what is not part of the reproducible output (wall times)."""

    corpus: Corpus
    seconds: Mapping[str, float]


class _Engines:
    """Engines built once per (name, options), forward and back translators alike."""

    def __init__(self, options: RunOptions, wrap: LegWrapper | None = None) -> None:
        self.options = options
        self.wrap = wrap
        self._built: dict[tuple[str, tuple[tuple[str, str], ...]], Engine] = {}

    def open(self, src: str, tgt: str, lang: str) -> Translator:
        """A translator ``src``->``tgt`` with the engine chosen for target language ``lang``."""
        spec = self.options.spec(lang)
        key = (spec.name, tuple(sorted((k, repr(v)) for k, v in spec.options.items())))
        if key not in self._built:
            self._built[key] = get_engine(spec.name, spec.options)
        return open_translator(self._built[key], src, tgt, self.options.pivots, wrap=self.wrap)


def open_engines(src: str, options: RunOptions, glossary: Glossary | None = None,
                 wrap: LegWrapper | None = None) -> tuple[_Engines, dict[str, Translator]]:
    """Open (and check) a translator for every target before any work starts.

    Failing early means a missing pair is reported in a second, not after translating
    five other languages.

    Args:
        src: source language.
        options: the run options.
        glossary: wraps every translator in glossary enforcement (above any ``wrap``, so a
            changed glossary never serves stale enforced text from a cache).
        wrap: applied to every direct leg (the translation memory).

    Raises:
        EngineUnavailableError: some target has no route; the message names every such target.
    """
    engines = _Engines(options, wrap)
    translators: dict[str, Translator] = {}
    problems = []
    for lang in options.targets:
        try:
            translator = engines.open(src, lang, lang)
        except EngineUnavailableError as err:
            problems.append(f"{lang}: {err}")
            continue
        if glossary is not None:
            from alignkit.glossary import GlossaryTranslator

            translator = GlossaryTranslator(translator, glossary)
        translators[lang] = translator
    if problems:
        for translator in translators.values():
            translator.close()
        raise EngineUnavailableError("; ".join(problems))
    return engines, translators


def back_translator(engines: _Engines, translator: Translator) -> Translator | None:
    """A ``tgt -> src`` translator for round-trip scores, or ``None`` (logged) when there is no route."""
    try:
        return engines.open(translator.tgt, translator.src, translator.tgt)
    except EngineUnavailableError as err:
        log.warning("no round-trip score for %s: %s", translator.tgt, err)
        return None


def run(document: Document, options: RunOptions, *, glossary: Glossary | None = None,
        progress: Callable[[str], None] | None = None) -> RunResult:
    """Translate ``document`` into every target language and score it, in memory, without a TM.

    Args:
        document: the source document.
        options: what to run.
        glossary: an ``alignkit.glossary.Glossary`` to enforce and verify, or ``None``.
        progress: called with a short message as each unit finishes.

    Returns:
        The multi-way corpus (one translation per segment and language) and timings.
    """
    from alignkit.corpus.plan import WorkUnit, shards
    from alignkit.corpus.records import DocumentInfo
    from alignkit.corpus.unit import WorkerSpec
    from alignkit.segment import segment_text

    t0 = time.perf_counter()
    segments = segment_text(document.text, document.lang, document.id, segmenter=options.segmenter)
    seconds: dict[str, float] = {"segment": time.perf_counter() - t0}
    worker = WorkerSpec(document.lang, options, glossary)()
    results = []
    try:
        done = 0
        for part, shard in shards(segments, options.shard_size):
            results.append(worker(WorkUnit(part, document.id, part, shard)))
            done += len(shard)
            if progress is not None:
                progress(f"{done}/{len(segments)} segments")
    finally:
        worker.close()
    info = DocumentInfo.of(document.id, document.lang, document.id, document.text, segments)
    corpus = merge_results(document, segments, options.targets, results)
    for r in results:
        for lang, s in r.seconds.items():
            seconds[lang] = seconds.get(lang, 0.0) + s
    meta = run_meta(document.id, document.lang, [info], options, worker.described, glossary)
    from alignkit.score.corpus import summarize_corpus

    meta = replace(meta, summary=summarize_corpus(corpus))
    return RunResult(replace(corpus, meta=meta), seconds)


def merge_results(document: Document, segments: Sequence[Any], targets: Sequence[str],
                  results: Sequence[UnitResult]) -> Corpus:
    """One corpus from the unit results of one document (checks ordered by language, then segment)."""
    translations = {lang: tuple(t for r in results for t in r.translations[lang]) for lang in targets}
    scores = {lang: tuple(s for r in results for s in r.scores[lang]) for lang in targets}
    order = {lang: i for i, lang in enumerate(targets)}
    checks = sorted((c for r in results for c in r.checks), key=lambda c: order[c.lang])
    return Corpus(document, tuple(segments), translations, scores, tuple(checks))


def run_meta(name: str, src: str, documents: Sequence[DocumentInfo], options: RunOptions,
             described: Mapping[str, Mapping[str, Any]], glossary: Glossary | None,
             executor: str = "local") -> RunMeta:
    """The run's typed metadata (summaries and file checksums are added by the writer)."""
    from alignkit.corpus.records import RunMeta

    return RunMeta(__version__, name, src, tuple(documents), options.segmenter, tuple(options.targets),
                   {lang: dict(described.get(lang, {})) for lang in options.targets},
                   glossary.digest() if glossary is not None else None, executor=executor)


@dataclass
class CorpusRun:
    """What :func:`run_corpus` did: the metadata written, timings and engine calls.

    Attributes:
        meta: the run's ``run.json`` record.
        seconds: target language -> time spent in units (summed over workers), and ``total``.
        engine_calls: route leg (``en>es``) -> texts the engines translated (TM misses).
        untranslated: ``(document id, unit id, language, why)`` of the PO/XLIFF/HTML/Markdown
            units left untranslated (their placeholders could not be kept).
    """

    meta: RunMeta
    seconds: dict[str, float] = field(default_factory=dict)
    engine_calls: dict[str, int] = field(default_factory=dict)
    untranslated: list[tuple[str, str, str, str]] = field(default_factory=list)


#: Called as each unit is written: ``(target language, document id, segments)``.
ProgressHook = Callable[[str, str, int], None]


def run_corpus(sources: Sequence[Source], options: RunOptions, outdir: str | Path, *,
               name: str, formats: Sequence[str], glossary: Glossary | None = None,
               tm: TranslationMemory | None = None, executor: Executor | None = None,
               report: bool = True, on_progress: ProgressHook | None = None,
               on_document: Callable[[DocumentInfo], None] | None = None) -> CorpusRun:
    """Translate every document of ``sources`` and write the corpus set into ``outdir``.

    Args:
        sources: the documents (:func:`alignkit.corpus.inputs.collect`), all in one language.
        options: what to run.
        outdir: the output directory (locked for the run; committed all at once at the end).
        name: stem of the corpus files.
        formats: corpus formats to write.
        glossary: glossary to enforce and verify.
        tm: the translation memory (read by workers, written here as units finish), or ``None``.
        executor: how units are mapped (default: in this process).
        report: also write ``report.html``.
        on_progress: called with ``(lang, document id, segments)`` as each unit is written.
        on_document: called with each document's info once it is segmented.

    Raises:
        EngineUnavailableError: a target has no route (before any document is read).
        OutputError: ``outdir`` is in use by another run or cannot be written.
    """
    from alignkit.corpus.executor import InlineExecutor
    from alignkit.corpus.outdir import OutputDir, own_files
    from alignkit.corpus.plan import plan_units
    from alignkit.corpus.unit import WorkerSpec
    from alignkit.corpus.writer import CorpusWriter
    from alignkit.formats.run import previous_meta
    from alignkit.tm.view import write_batches

    src = sources[0].lang
    executor = executor or InlineExecutor()
    spec = WorkerSpec(src, options, glossary, str(tm.path) if tm is not None else None)
    if tm is not None:  # finished units are looked up by the workers (see WorkerSpec.fingerprint)
        spec = replace(spec, fingerprint=spec.compute_fingerprint())
    documents: list[DocumentInfo] = []

    def seen(info: DocumentInfo) -> None:
        documents.append(info)
        if on_document is not None:
            on_document(info)

    def done(result: UnitResult) -> None:
        if tm is not None and not result.cached:
            write_batches(tm, result.tm_entries)
            if result.key is not None:
                tm.put_unit(result.key, json.dumps(result.to_json(), ensure_ascii=False))

    t0 = time.perf_counter()
    stats = CorpusRun(meta=None)  # type: ignore[arg-type]
    described: Mapping[str, Mapping[str, Any]] = {}
    with OutputDir(outdir) as out:
        previous = list(own_files(previous_meta(out.path)))
        writer = CorpusWriter(out, name, src, options.targets, formats)
        try:
            units = plan_units(sources, segmenter=options.segmenter, shard_size=options.shard_size, on_document=seen)
            for result in executor.map(spec, units, done):
                writer.add(result.segments, result.translations, result.scores, result.checks,
                           result.props, result.failed)
                stats.untranslated += _untranslated(result)
                described = described or result.described
                for lang, s in result.seconds.items():
                    stats.seconds[lang] = stats.seconds.get(lang, 0.0) + s
                for leg, n in result.engine_calls.items():
                    stats.engine_calls[leg] = stats.engine_calls.get(leg, 0) + n
                if on_progress is not None:
                    for lang in options.targets:
                        on_progress(lang, result.doc, len(result.segments))
            meta = run_meta(name, src, documents, options, described, glossary, executor.name)
            stats.meta = writer.finish(meta, report=report, previous=previous)
        except BaseException:
            writer.abort()
            raise
    stats.seconds["total"] = time.perf_counter() - t0
    return stats


def _untranslated(result: UnitResult) -> list[tuple[str, str, str, str]]:
    first = result.segments[0].index if result.segments else 0
    out = []
    for index, lang, why in result.failed:
        props = dict(result.props[index - first]) if result.props else {}
        out.append((result.doc, props.get("unit", str(index)), lang, why))
    return out


def check_routes(src: str, options: RunOptions) -> None:
    """Check that every target has a route (engines are asked for their pairs; nothing is started).

    Raises:
        UnknownNameError: an unknown engine name.
        EngineUnavailableError: some target has no route; the message names every such target.
    """
    from alignkit.translate.route import check_route

    problems = []
    for lang in options.targets:
        spec = options.spec(lang)
        try:
            check_route(get_engine(spec.name, spec.options), src, lang, options.pivots)
        except EngineUnavailableError as err:
            problems.append(f"{lang}: {err}")
    if problems:
        raise EngineUnavailableError("; ".join(problems))


__all__ = ["CorpusRun", "EngineSpec", "RunOptions", "RunResult", "check_routes", "open_engines",
           "run", "run_corpus"]

