"""Fake engines for corpus-run tests and benches: deterministic, importable by name.

The local executor starts workers with ``spawn``, so an engine registered in a test process
is unknown to its workers. :mod:`sitecustomize` next to this file registers these engines in
every interpreter that has this directory on ``PYTHONPATH`` (the driver and its workers).

- ``reverse``: reverses the words and appends ``<tgt>`` (the engine of ``tests/pipeline``);
- ``slowrev``: the same, sleeping ``$ALIGNKIT_FAKE_DELAY`` seconds per text (default 0.002),
  so a run lasts long enough to be interrupted;
- ``fastfake``: upper-cases the text (for memory benches: no engine cost at all).
"""

from __future__ import annotations

import os
import time

from alignkit.translate.base import Engine, Translator
from alignkit.types import EngineOutput

PAIRS = frozenset({("en", "es"), ("es", "fr"), ("es", "en"), ("fr", "es")})


class ReverseTranslator(Translator):
    """Reverses words: deterministic, obviously not the source."""

    engine = "reverse"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(" ".join(reversed(t.split())) + f" <{self.tgt}>",
                             tuple(w for w in t.split() if w.istitle())) for t in texts]


class SlowTranslator(ReverseTranslator):
    """:class:`ReverseTranslator` that takes ``$ALIGNKIT_FAKE_DELAY`` seconds per text."""

    engine = "slowrev"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        time.sleep(float(os.environ.get("ALIGNKIT_FAKE_DELAY", "0.002")) * len(texts))
        return super()._translate_batch(texts)


class FastTranslator(Translator):
    """Upper-cases: as cheap as an engine can be."""

    engine = "fastfake"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(t.upper(), ()) for t in texts]


class ReverseEngine(Engine):
    name = "reverse"
    translator: type[Translator] = ReverseTranslator

    def __init__(self, **options: object) -> None:
        self.options = options

    def pairs(self) -> frozenset[tuple[str, str]]:
        return PAIRS

    def open(self, src: str, tgt: str) -> Translator:
        return self.translator(src, tgt)

    def install_hint(self, src: str, tgt: str) -> str:
        return f"{self.name} has no {src}->{tgt}: install apertium-{src}-{tgt}"


class SlowEngine(ReverseEngine):
    name = "slowrev"
    translator = SlowTranslator


class FastEngine(ReverseEngine):
    name = "fastfake"
    translator = FastTranslator


def register() -> None:
    """Register the fake engines by name (lazily: nothing is imported until used)."""
    from alignkit.translate.registry import ENGINES

    for name, cls in (("reverse", "ReverseEngine"), ("slowrev", "SlowEngine"), ("fastfake", "FastEngine")):
        ENGINES.register(name, f"alignkit_fakes:{cls}")
