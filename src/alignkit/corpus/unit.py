"""The one function that does a unit of work: translate (through the TM), enforce, verify, score.

A :class:`UnitWorker` is built once per worker (a process, a Ray actor) from a picklable
:class:`WorkerSpec`: it opens every engine there, never on the driver. Calling it on a
:class:`~alignkit.corpus.plan.WorkUnit` returns a :class:`UnitResult` and touches no output
file. Translations the TM did not have travel back in ``UnitResult.tm_entries``: the driver is
the only TM writer, so a remote worker never needs the TM file, and a result counts as done
only once the driver holds it.
"""

from __future__ import annotations

import hashlib
import json
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

def registered_engines() -> tuple[tuple[str, Any], ...]:
    """Engines this process registered as objects (they must reach worker processes too)."""
    from alignkit.translate.registry import ENGINES

    return ENGINES.objects()


def adopt_engines(engines: tuple[tuple[str, Any], ...]) -> None:
    """In a worker: register the driver's run-time engines."""
    if engines:
        from alignkit.translate.registry import ENGINES

        ENGINES.adopt(engines)


@dataclass(frozen=True)
class WorkerSpec:
    """Everything a worker needs to build its translators (picklable).

    Attributes:
        src: source language.
        options: the run options (targets, engines, pivots, round trip).
        glossary: glossary to enforce and verify, or ``None``.
        tm_path: translation memory to read, or ``None`` (no TM, or a worker without access).
        engines: engines the driver registered at run time (handed to worker processes).
        fingerprint: :meth:`compute_fingerprint`, computed once by the driver: with a TM, finished
            units are looked up by it and the unit's segments (:func:`unit_key`).
    """

    src: str
    options: RunOptions
    glossary: Glossary | None = None
    tm_path: str | None = None
    engines: tuple[tuple[str, Any], ...] = field(default_factory=registered_engines)
    fingerprint: str | None = None

    def __call__(self) -> UnitWorker:
        """Build the worker (called once in each worker process)."""
        return UnitWorker(self)

    def compute_fingerprint(self) -> str:
        """Everything but the segments that a unit's result depends on, hashed.

        Options, engine signatures (installed Apertium packages and alignkit's repair and fill
        versions with the installed dictionaries, the CTranslate2 library), the
        glossary digest and alignkit's version: a change to any of them is a new fingerprint,
        so a stored unit result is never served for another setup.
        """
        from alignkit import __version__
        from alignkit.translate import get_engine

        options = self.options
        engines = {}
        for lang in options.targets:
            spec = options.spec(lang)
            key = f"{spec.name}:{sorted((k, repr(v)) for k, v in spec.options.items())}"
            if key not in engines:
                engines[key] = get_engine(spec.name, spec.options).signature()
        data = {"alignkit": __version__, "unit_format": UNIT_FORMAT, "src": self.src, "targets": list(options.targets),
                "per_language": {lang: f"{options.spec(lang).name}:{sorted(options.spec(lang).options.items())!r}"
                                 for lang in options.targets},
                "engines": engines, "segmenter": options.segmenter, "pivots": list(options.pivots),
                "roundtrip": options.roundtrip,
                "glossary": self.glossary.digest() if self.glossary is not None else None}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


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
        key: the unit's key in the TM (:func:`unit_key`), or ``None`` without a TM.
        cached: the result came from the TM (nothing was translated).
        props: for a translatable file's units, each segment's ids (:attr:`SourceUnit.props`).
        failed: ``(segment index, language, why)`` of units left untranslated (their placeholders
            or ICU messages could not be kept); their translation is empty.
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
    key: str | None = None
    cached: bool = False
    props: tuple[tuple[tuple[str, str], ...], ...] = ()
    failed: tuple[tuple[int, str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (the TM keeps finished units; ``tm_entries`` and ``seconds`` are not kept)."""
        return {
            "seq": self.seq, "doc": self.doc,
            "segments": [[s.doc, s.index, s.para, s.sent, s.text, s.start, s.end] for s in self.segments],
            "translations": {lang: [[t.index, t.text, t.engine, list(t.route), list(t.unknown), t.confidence]
                                    for t in trs] for lang, trs in self.translations.items()},
            "scores": {lang: [dict(x) for x in sc] for lang, sc in self.scores.items()},
            "checks": [[c.index, c.lang, c.term, list(c.expected), c.found] for c in self.checks],
            "described": {lang: dict(d) for lang, d in self.described.items()},
            "props": [[list(p) for p in props] for props in self.props],
            "failed": [list(f) for f in self.failed],
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> UnitResult:
        """The result :meth:`to_json` wrote."""
        segments = tuple(Segment(*row) for row in obj["segments"])
        translations = {lang: tuple(Translation(i, lang, text, engine, tuple(route), tuple(unknown), confidence)
                                    for i, text, engine, route, unknown, confidence in trs)
                        for lang, trs in obj["translations"].items()}
        return cls(int(obj["seq"]), str(obj["doc"]), segments, translations,
                   {lang: tuple(sc) for lang, sc in obj["scores"].items()},
                   tuple(TermCheck(i, lang, term, tuple(exp), found) for i, lang, term, exp, found in obj["checks"]),
                   obj["described"],
                   props=tuple(tuple((str(k), str(v)) for k, v in props) for props in obj["props"]),
                   failed=tuple((int(i), str(lang), str(why)) for i, lang, why in obj["failed"]))

    def found(self, seq: int, key: str) -> UnitResult:
        """This stored result as the result of unit ``seq`` (found in the TM under ``key``)."""
        return UnitResult(seq, self.doc, self.segments, self.translations, self.scores, self.checks,
                          self.described, (), {}, key, cached=True, props=self.props, failed=self.failed)

    @property
    def engine_calls(self) -> dict[str, int]:
        """Route leg (``en>es``) -> texts the engine translated for this unit (TM misses)."""
        calls: dict[str, int] = {}
        for _sig, leg, items, _describe in self.tm_entries:
            calls[leg] = calls.get(leg, 0) + len(items)
        return calls


#: Version of :meth:`UnitResult.to_json`'s layout: a change makes every stored unit a miss.
UNIT_FORMAT = 3


def unit_key(fingerprint: str, unit: WorkUnit) -> str:
    """The key of a unit's result in the TM: the setup's fingerprint and the exact segments
    (for a file's units, their ids and masks too: what is protected changes the translation)."""
    digest = hashlib.sha256(fingerprint.encode("ascii"))
    for seg in unit.segments:
        digest.update(json.dumps([seg.doc, seg.index, seg.para, seg.sent, seg.text, seg.start, seg.end],
                                 ensure_ascii=False).encode("utf-8"))
    for source_unit in unit.units:
        digest.update(repr(source_unit).encode("utf-8"))
    return digest.hexdigest()


def _translate_units(unit: WorkUnit, translator: Translator, segmenter: str
                     ) -> tuple[tuple[Translation, ...], list[tuple[int, str, str]]]:
    """A file's units translated as ``alignkit translate`` fills the file: placeholders protected and
    verified; a unit whose placeholders could not be kept gets an empty translation and is reported."""
    from alignkit.documents.base import translate_sources

    done = translate_sources([u.source for u in unit.units], translator, segmenter)
    translations, failed = [], []
    for seg, out in zip(unit.segments, done):
        if out.text is None:
            failed.append((seg.index, translator.tgt, out.problem))
        translations.append(Translation(seg.index, translator.tgt, out.text or "", translator.engine, translator.route,
                                        out.unknown, out.confidence))
    return tuple(translations), failed


class UnitWorker:
    """Translators for every target, opened once; ``worker(unit)`` does one unit.

    Raises:
        EngineUnavailableError: some target has no route (every such target is named).
    """

    def __init__(self, spec: WorkerSpec) -> None:
        adopt_engines(spec.engines)
        self.spec = spec
        self._overlay = WorkerView(spec.tm_path)
        self._opened: tuple[Any, dict[str, Translator]] | None = None  # on the first unit the TM lacks
        self.described: dict[str, dict[str, Any]] = {}

    @property
    def translators(self) -> dict[str, Translator]:
        """Every target's translator, opened on first use."""
        if self._opened is None:
            from alignkit.pipeline import open_engines

            self._opened = open_engines(self.spec.src, self.spec.options, self.spec.glossary, self._overlay.wrap)
            self.described = {lang: dict(t.describe()) for lang, t in self._opened[1].items()}
        return self._opened[1]

    def open(self) -> UnitWorker:
        """Open every translator now (a worker that must report a missing pair at start-up)."""
        _ = self.translators
        return self

    def __call__(self, unit: WorkUnit) -> UnitResult:
        key = unit_key(self.spec.fingerprint, unit) if self.spec.fingerprint and self.spec.tm_path else None
        if key is not None:
            payload = self._overlay.get_unit(key)
            if payload is not None:
                try:
                    return UnitResult.from_json(json.loads(payload)).found(unit.seq, key)
                except (ValueError, KeyError, TypeError):
                    pass  # stored by another alignkit version: translate it again

        return self._translate(unit, key)

    def _translate(self, unit: WorkUnit, key: str | None) -> UnitResult:
        from alignkit.pipeline import back_translator
        from alignkit.score import estimate
        from alignkit.translate import translate_segments

        src = self.spec.src
        translations, scores, seconds = {}, {}, {}
        checks: list[TermCheck] = []
        failed: list[tuple[int, str, str]] = []
        for lang, translator in self.translators.items():
            t0 = time.perf_counter()
            if unit.units:
                translations[lang], lost = _translate_units(unit, translator, self.spec.options.segmenter)
                failed += lost
            else:
                translations[lang] = translate_segments(unit.segments, translator)
            if self.spec.glossary is not None:
                from alignkit.glossary import verify

                checks += verify(unit.segments, translations[lang], self.spec.glossary, src)
            back = back_translator(self._opened[0], translator) if self.spec.options.roundtrip else None  # type: ignore[index]
            try:
                scores[lang] = estimate([s.text for s in unit.segments], translations[lang], src, lang,
                                        backtranslator=back)
            finally:
                if back is not None:
                    back.close()
            seconds[lang] = time.perf_counter() - t0
        return UnitResult(unit.seq, unit.doc, unit.segments, translations, scores, tuple(checks),
                          self.described, self._overlay.take(), seconds, key,
                          props=tuple(u.props for u in unit.units), failed=tuple(failed))

    def read_tm_from(self, reader: Any) -> None:
        """Look up the TM through ``reader`` (see :meth:`WorkerView.read_from`), not ``spec.tm_path``."""
        self._overlay.read_from(reader)

    def close(self) -> None:
        """End the engine processes and the TM connection."""
        for translator in (self._opened[1] if self._opened else {}).values():
            translator.close()
        self._overlay.close()
