"""Deterministic translators for the document format tests (no engine needed)."""

from __future__ import annotations

import re

from alignkit.translate.base import Translator
from alignkit.types import EngineOutput


class Upper(Translator):
    """'Translates' by upper-casing: tokens (digits in brackets) come through unchanged."""

    engine = "upper"

    def __init__(self, src: str = "en", tgt: str = "es") -> None:
        super().__init__(src, tgt)
        self.seen: list[str] = []

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        self.seen.extend(texts)
        return [EngineOutput(t.upper()) for t in texts]


class DropsTokens(Upper):
    """Loses every token of a text that has more than one word around a token (whole units)."""

    engine = "drops"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        self.seen.extend(texts)
        return [EngineOutput(re.sub(r"\u27e6\d+\u27e7", "", t).upper()) for t in texts]


class Swaps(Upper):
    """Reverses the order of the tokens in a text (an engine that reorders placeholders)."""

    engine = "swaps"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        out = []
        for t in texts:
            tokens = re.findall(r"\u27e6\d+\u27e7", t)
            it = iter(reversed(tokens))
            out.append(EngineOutput(re.sub(r"\u27e6\d+\u27e7", lambda m: next(it), t).upper()))
        return out


class Breaks(Upper):
    """Breaks every token bracket, even in fragments: nothing can be kept."""

    engine = "breaks"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(t.upper() + " \u27e6") for t in texts]


class UpperEngine:
    """An engine serving every pair with :class:`Upper` (registered by the CLI tests)."""

    name = "upper"

    def __init__(self, **options: object) -> None:
        self.options = options

    def pairs(self) -> frozenset[tuple[str, str]]:
        langs = ("en", "es", "fr", "ca", "de")
        return frozenset((a, b) for a in langs for b in langs if a != b)

    def open(self, src: str, tgt: str) -> Upper:
        return Upper(src, tgt)

    def pivot_preference(self, src: str, tgt: str) -> tuple[str, ...]:
        return ("en",)

    def install_hint(self, src: str, tgt: str) -> str:
        return "none"

    def version(self) -> str:
        return "1"


class Unsure(Upper):
    """Upper-cases, marks every word with ``zz`` unknown as Apertium does (a token glued to the
    word stays on it), and gives each text the confidence ``-len(words) / 10``; with
    ``drops=True`` it loses the tokens of texts with more than two tokens (forcing a split)."""

    engine = "unsure"

    def __init__(self, drops: bool = False) -> None:
        super().__init__()
        self.drops = drops

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        out = []
        for t in texts:
            if self.drops and len(re.findall(r"\u27e6\d+\u27e7", t)) > 2:
                t = re.sub(r"\u27e6\d+\u27e7", "", t)
            words = t.split()
            out.append(EngineOutput(t.upper(), tuple(w.strip(".,?") for w in words if "zz" in w),
                                    -len(words) / 10))
        return out
