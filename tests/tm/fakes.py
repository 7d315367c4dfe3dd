"""A fake engine leg for translation-memory tests: records every batch it is asked to translate."""

from __future__ import annotations

from alignkit.translate.base import Translator
from alignkit.types import EngineOutput


class CountingTranslator(Translator):
    """Translates by tagging: ``"a"`` -> ``"a@es"``; words starting with ``?`` are reported unknown."""

    engine = "fake"

    def __init__(self, src: str = "en", tgt: str = "es", version: str = "1") -> None:
        super().__init__(src, tgt)
        self.version = version
        self.batches: list[list[str]] = []

    @property
    def calls(self) -> int:
        """Texts that reached the engine."""
        return sum(len(b) for b in self.batches)

    def describe(self) -> dict[str, object]:
        return {"engine": self.engine, "route": list(self.route), "version": self.version}

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        self.batches.append(list(texts))
        return [EngineOutput(f"{t}@{self.tgt}", tuple(w for w in t.split() if w.startswith("?"))) for t in texts]
