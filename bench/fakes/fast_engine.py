"""A fast fake engine for benchmarks that must not be bound by Apertium's speed (memory of a
200k-line stream): it reverses the words. Registered by ``bench/fakes/alignkit_fake.py``."""

from __future__ import annotations

from alignkit.translate.base import Engine, Translator
from alignkit.types import EngineOutput


class FastTranslator(Translator):
    engine = "fastfake"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(" ".join(reversed(t.split()))) for t in texts]


class FastEngine(Engine):
    name = "fastfake"

    def __init__(self, **options: object) -> None:
        pass

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset({("en", "es"), ("en", "fr")})

    def open(self, src: str, tgt: str) -> FastTranslator:
        return FastTranslator(src, tgt)

    def version(self) -> str:
        return "fastfake-1"
