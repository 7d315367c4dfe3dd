"""``alignkit run``: segment -> translate (+ glossary) -> verify -> score -> one Corpus.

The pipeline wires the stages; it does no file I/O (the CLI reads the document and writes
the corpus with :func:`alignkit.formats.run.write_corpus`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from alignkit import __version__
from alignkit.errors import EngineUnavailableError
from alignkit.translate import get_engine, open_translator, translate_segments
from alignkit.translate.base import Engine, Translator
from alignkit.translate.route import DEFAULT_PIVOTS
from alignkit.types import Corpus, Document, Segment, TermCheck, Translation

if TYPE_CHECKING:
    from alignkit.glossary import Glossary

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
    """

    targets: tuple[str, ...]
    engine: EngineSpec = EngineSpec()
    per_language: Mapping[str, EngineSpec] = field(default_factory=dict)
    segmenter: str = "rules"
    pivots: tuple[str, ...] = DEFAULT_PIVOTS
    roundtrip: bool = False


@dataclass(frozen=True)
class RunResult:
    """A run's corpus plus what is not part of the reproducible output (wall times)."""

    corpus: Corpus
    seconds: Mapping[str, float]


Progress = Callable[[str], None]


class _Engines:
    """Engines built once per (name, options) for a run, forward and back translators alike."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self._built: dict[tuple[str, tuple[tuple[str, str], ...]], Engine] = {}

    def open(self, src: str, tgt: str, lang: str) -> Translator:
        """A translator ``src``->``tgt`` with the engine chosen for target language ``lang``."""
        spec = self.options.per_language.get(lang, self.options.engine)
        key = (spec.name, tuple(sorted((k, repr(v)) for k, v in spec.options.items())))
        if key not in self._built:
            self._built[key] = get_engine(spec.name, spec.options)
        return open_translator(self._built[key], src, tgt, self.options.pivots)


def open_translators(src: str, options: RunOptions, glossary: Glossary | None = None,
                     engines: _Engines | None = None) -> dict[str, Translator]:
    """Open (and check) a translator for every target before any work starts.

    Failing early means a missing pair is reported in a second, not after translating
    five other languages.

    Raises:
        EngineUnavailableError: some target has no route; the message names every such target.
    """
    engines = engines or _Engines(options)
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
        _close(translators.values())
        raise EngineUnavailableError("; ".join(problems))
    return translators


def _close(translators: Iterable[Translator | None]) -> None:
    for translator in translators:
        if translator is not None:
            translator.close()


def run(document: Document, options: RunOptions, *, glossary: Glossary | None = None,
        progress: Progress | None = None) -> RunResult:
    """Translate ``document`` into every target language and score it.

    Args:
        document: the source document.
        options: what to run.
        glossary: an ``alignkit.glossary.Glossary`` to enforce and verify, or ``None``.
        progress: called with a short message as each step finishes.

    Returns:
        The multi-way corpus (one translation per segment and language) and timings.
    """
    from alignkit.score import estimate
    from alignkit.segment import segment_text

    say = progress or (lambda _msg: None)
    engines = _Engines(options)
    translators = open_translators(document.lang, options, glossary, engines)
    translations: dict[str, tuple[Translation, ...]] = {}
    scores: dict[str, tuple[dict[str, float], ...]] = {}
    checks: list[TermCheck] = []
    described: dict[str, Any] = {}
    try:
        t0 = time.perf_counter()
        segments = segment_text(document.text, document.lang, document.id, segmenter=options.segmenter)
        seconds: dict[str, float] = {"segment": time.perf_counter() - t0}
        say(f"segmented {len(segments)} sentences")
        for lang, translator in translators.items():
            t1 = time.perf_counter()
            translations[lang] = translate_segments(segments, translator)
            if glossary is not None:
                checks += _verify(segments, translations[lang], glossary, document.lang)
            back = _backtranslator(engines, translator) if options.roundtrip else None
            try:
                scores[lang] = estimate([s.text for s in segments], translations[lang], document.lang, lang,
                                        backtranslator=back)
            finally:
                _close([back])
            described[lang] = dict(translator.describe())
            seconds[lang] = time.perf_counter() - t1
            say(f"{lang}: {len(translations[lang])} segments via {'>'.join(translator.route)} "
                f"in {seconds[lang]:.1f}s")
    finally:
        _close(translators.values())

    corpus = Corpus(document, segments, translations, scores, tuple(checks))
    corpus = replace(corpus, meta=_meta(corpus, options, described, glossary))
    return RunResult(corpus, seconds)


def _verify(segments: Sequence[Segment], translations: Sequence[Translation], glossary: Glossary,
            src: str) -> list[TermCheck]:
    from alignkit.glossary import verify

    return list(verify(segments, translations, glossary, src))


def _backtranslator(engines: _Engines, translator: Translator) -> Translator | None:
    try:
        return engines.open(translator.tgt, translator.src, translator.tgt)
    except EngineUnavailableError as err:
        log.warning("no round-trip score for %s: %s", translator.tgt, err)
        return None


def _meta(corpus: Corpus, options: RunOptions, described: Mapping[str, Any],
          glossary: Glossary | None) -> dict[str, Any]:
    from alignkit.score.corpus import summarize_corpus

    document = corpus.document
    return {
        "alignkit": __version__,
        "document": {"id": document.id, "lang": document.lang, "chars": len(document.text)},
        "segments": len(corpus.segments),
        "segmenter": options.segmenter,
        "languages": list(options.targets),
        "translators": dict(described),
        "glossary": glossary.digest() if glossary is not None else None,
        "summary": summarize_corpus(corpus),
    }
