"""The translator interface every engine implements.

A :class:`Translator` turns a list of strings into exactly as many :class:`EngineOutput`;
the public :meth:`Translator.translate` validates and keeps that promise, backends fill the
one hook :meth:`Translator._translate_batch`. An :class:`Engine` is a family of translators
(all Apertium pairs, all installed CTranslate2 models) and opens one per language pair.
Wrappers (pivot, glossary, a future translation memory) are translators around translators.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from alignkit.errors import EngineError
from alignkit.types import EngineOutput, Segment, Translation

#: Pivot languages tried in order when no direct pair exists (an engine may rank them).
DEFAULT_PIVOTS: tuple[str, ...] = ("en", "es")


class Translator(abc.ABC):
    """Translates strings from ``src`` to ``tgt``, one output per input, in order.

    Attributes:
        src: source language (ISO 639-1).
        tgt: target language.
        engine: the engine name reported with every translation.
    """

    engine: str = "?"

    def __init__(self, src: str, tgt: str) -> None:
        self.src = src
        self.tgt = tgt

    @property
    def route(self) -> tuple[str, ...]:
        """Languages the text passes through, source first."""
        return (self.src, self.tgt)

    def describe(self) -> Mapping[str, Any]:
        """JSON-serialisable facts for the run's metadata (engine, versions, options)."""
        return {"engine": self.engine, "route": list(self.route)}

    def translate(self, texts: Sequence[str]) -> list[EngineOutput]:
        """Translate ``texts``; returns exactly ``len(texts)`` outputs, in order.

        Empty and whitespace-only strings translate to empty strings without reaching the engine.

        Raises:
            EngineError: the backend failed or broke the one-output-per-input promise.
        """
        items = list(texts)
        todo = [i for i, t in enumerate(items) if t.strip()]
        outputs = [EngineOutput("")] * len(items)
        if todo:
            done = self._translate_batch([items[i] for i in todo])
            if len(done) != len(todo):
                raise EngineError(
                    f"{self.engine} {self.src}->{self.tgt} returned {len(done)} outputs for {len(todo)} inputs"
                )
            for i, out in zip(todo, done):
                outputs[i] = out
        return outputs

    @abc.abstractmethod
    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        """Translate non-empty strings; must return one output per input, in order."""

    def close(self) -> None:
        """Release processes or models held by the translator."""

    def __enter__(self) -> Translator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Engine(abc.ABC):
    """A translation engine: knows which pairs it serves directly and opens translators.

    Subclasses are registered by name in :data:`alignkit.translate.registry.ENGINES` and
    constructed with an engine-specific options mapping (from the CLI or a config file).
    """

    name: ClassVar[str]

    @abc.abstractmethod
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Directly served (src, tgt) pairs, ISO 639-1."""

    @abc.abstractmethod
    def open(self, src: str, tgt: str) -> Translator:
        """A translator for a directly served pair."""

    def install_hint(self, src: str, tgt: str) -> str:
        """How a user gets the pair ``src``->``tgt`` for this engine (one sentence)."""
        return f"no {self.name} model for {src}->{tgt} is installed"

    def version(self) -> str:
        """Engine version for reproducibility signatures."""
        return "unknown"

    def signature(self) -> str:
        """Everything besides the options and the text that this engine's translations depend on
        (a stored result made under another signature is not served): :meth:`version` by default."""
        return self.version()

    def pivot_preference(self, src: str, tgt: str) -> Sequence[str]:
        """Pivot languages for ``src``->``tgt``, best first (the engine knows its strong pairs)."""
        return DEFAULT_PIVOTS


def translate_segments(segments: Sequence[Segment], translator: Translator) -> tuple[Translation, ...]:
    """The translate stage: one :class:`Translation` per segment, keyed by the segment index."""
    outputs = translator.translate([s.text for s in segments])
    route = translator.route
    return tuple(
        Translation(
            index=seg.index,
            lang=translator.tgt,
            text=out.text,
            engine=translator.engine,
            route=route,
            unknown=out.unknown,
            confidence=out.confidence,
        )
        for seg, out in zip(segments, outputs)
    )
