"""The one function that does a unit of work: translate (through the TM), enforce, verify, score.

A :class:`UnitWorker` is built once per worker (a process, a Ray actor) from a picklable
:class:`WorkerSpec`: it opens every engine there, never on the driver. Calling it on a
:class:`~alignkit.corpus.plan.WorkUnit` returns a :class:`UnitResult` and touches no output
file. Translations the TM did not have travel back in ``UnitResult.tm_entries``: the driver is
the only TM writer, so a remote worker never needs the TM file, and a result counts as done
only once the driver holds it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from alignkit.corpus.plan import WorkUnit
from alignkit.tm.view import TMBatch, WorkerView
from alignkit.types import Segment, TermCheck, Translation

if TYPE_CHECKING:
    from alignkit.glossary import Glossary
    from alignkit.pipeline import RunOptions
    from alignkit.translate.base import Translator

@dataclass(frozen=True)
class WorkerSpec:
    """Everything a worker needs to build its translators (picklable).

    Attributes:
        src: source language.
        options: the run options (targets, engines, pivots, round trip).
        glossary: glossary to enforce and verify, or ``None``.
        tm_path: translation memory to read, or ``None`` (no TM, or a worker without access).
    """

    src: str
    options: RunOptions
    glossary: Glossary | None = None
    tm_path: str | None = None

    def __call__(self) -> UnitWorker:
        """Build the worker (called once in each worker process)."""
        return UnitWorker(self)


@dataclass(frozen=True)
class UnitResult:
    """What a unit produced: translations, scores and checks for every target language.

    Attributes:
        seq: the unit's ``seq``.
        doc: document id.
        segments: the unit's source segments.
        translations: target language -> one translation per segment.
        scores: target language -> one score dict per segment.
        checks: glossary checks.
        described: target language -> the translator's ``describe()``.
        tm_entries: new translations for the TM (engine calls made for this unit).
        seconds: target language -> time spent.
    """

    seq: int
    doc: str
    segments: tuple[Segment, ...]
    translations: Mapping[str, tuple[Translation, ...]]
    scores: Mapping[str, tuple[Mapping[str, float], ...]]
    checks: tuple[TermCheck, ...] = ()
    described: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    tm_entries: tuple[TMBatch, ...] = ()
    seconds: Mapping[str, float] = field(default_factory=dict)

    @property
    def engine_calls(self) -> dict[str, int]:
        """Route leg (``en>es``) -> texts the engine translated for this unit (TM misses)."""
        calls: dict[str, int] = {}
        for _sig, leg, items, _describe in self.tm_entries:
            calls[leg] = calls.get(leg, 0) + len(items)
        return calls


class UnitWorker:
    """Translators for every target, opened once; ``worker(unit)`` does one unit.

    Raises:
        EngineUnavailableError: some target has no route (every such target is named).
    """

    def __init__(self, spec: WorkerSpec) -> None:
        from alignkit.pipeline import open_engines

        self.spec = spec
        self._overlay = WorkerView(spec.tm_path)
        self._engines, self.translators = open_engines(spec.src, spec.options, spec.glossary, self._wrap)
        self.described = {lang: dict(t.describe()) for lang, t in self.translators.items()}

    def _wrap(self, leg: Translator) -> Translator:
        return self._overlay.wrap(leg)

    def __call__(self, unit: WorkUnit) -> UnitResult:
        from alignkit.pipeline import back_translator
        from alignkit.score import estimate
        from alignkit.translate import translate_segments

        src = self.spec.src
        translations, scores, seconds = {}, {}, {}
        checks: list[TermCheck] = []
        for lang, translator in self.translators.items():
            t0 = time.perf_counter()
            translations[lang] = translate_segments(unit.segments, translator)
            if self.spec.glossary is not None:
                from alignkit.glossary import verify

                checks += verify(unit.segments, translations[lang], self.spec.glossary, src)
            back = back_translator(self._engines, translator) if self.spec.options.roundtrip else None
            try:
                scores[lang] = estimate([s.text for s in unit.segments], translations[lang], src, lang,
                                        backtranslator=back)
            finally:
                if back is not None:
                    back.close()
            seconds[lang] = time.perf_counter() - t0
        return UnitResult(unit.seq, unit.doc, unit.segments, translations, scores, tuple(checks),
                          self.described, self._overlay.take(), seconds)

    def read_tm_from(self, reader: Any) -> None:
        """Look up the TM through ``reader`` (see :meth:`WorkerView.read_from`), not ``spec.tm_path``."""
        self._overlay.read_from(reader)

    def close(self) -> None:
        """End the engine processes and the TM connection."""
        for translator in self.translators.values():
            translator.close()
        self._overlay.close()
