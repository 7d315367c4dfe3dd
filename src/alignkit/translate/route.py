"""Choosing how to get from one language to another: directly or through a pivot."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from alignkit.errors import EngineUnavailableError
from alignkit.translate.base import DEFAULT_PIVOTS, Engine, Translator
from alignkit.types import EngineOutput

__all__ = ["DEFAULT_PIVOTS", "PivotTranslator", "check_route", "find_route", "open_translator", "rank_pivots"]


class PivotTranslator(Translator):
    """Chains two translators: ``src -> pivot -> tgt``. Unknown words of both legs are kept."""

    def __init__(self, first: Translator, second: Translator) -> None:
        super().__init__(first.src, second.tgt)
        self.first = first
        self.second = second
        self.engine = first.engine if first.engine == second.engine else f"{first.engine}+{second.engine}"

    @property
    def route(self) -> tuple[str, ...]:
        return self.first.route + self.second.route[1:]

    def describe(self) -> Mapping[str, Any]:
        legs = [self.first.describe(), self.second.describe()]
        out: dict[str, Any] = {"engine": self.engine, "route": list(self.route), "legs": legs}
        # One version string for signatures: every leg's components, each once.
        parts = [p for leg in legs for p in str(leg.get("version", "")).split()]
        if parts:
            out["version"] = " ".join(dict.fromkeys(parts))
        return out

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        mid = self.first.translate(texts)
        out = self.second.translate([m.text for m in mid])
        # A name unknown to the first leg is usually copied through and unknown to the second
        # too: report each word once.
        return [EngineOutput(o.text, m.unknown + tuple(w for w in o.unknown if w not in m.unknown))
                for m, o in zip(mid, out)]

    def close(self) -> None:
        self.first.close()
        self.second.close()


def find_route(pairs: frozenset[tuple[str, str]], src: str, tgt: str,
               pivots: Sequence[str] = DEFAULT_PIVOTS) -> tuple[str, ...] | None:
    """The shortest route (direct, else one pivot in ``pivots`` order), or ``None``."""
    if (src, tgt) in pairs:
        return (src, tgt)
    for pivot in pivots:
        if pivot not in (src, tgt) and (src, pivot) in pairs and (pivot, tgt) in pairs:
            return (src, pivot, tgt)
    return None


def rank_pivots(preference: Sequence[str], pivots: Sequence[str] = DEFAULT_PIVOTS) -> tuple[str, ...]:
    """``pivots`` in the order of ``preference`` (the rest after it, as given).

    ``pivots`` says which languages may be pivots; the engine, which knows where its pairs
    are strong (Apertium: between related languages), says which to try first
    (:meth:`Engine.pivot_preference`).
    """
    preferred = [p for p in preference if p in pivots]
    return tuple(dict.fromkeys([*preferred, *pivots]))


#: Wraps one direct leg (e.g. in a translation memory) before legs are chained.
LegWrapper = Callable[[Translator], Translator]


def check_route(engine: Engine, src: str, tgt: str, pivots: Sequence[str] = DEFAULT_PIVOTS) -> tuple[str, ...]:
    """The route ``open_translator`` would take (nothing is started).

    Raises:
        EngineUnavailableError: the languages are the same, or there is no route.
    """
    if src == tgt:
        raise EngineUnavailableError(f"source and target language are both {src!r}")
    route = find_route(engine.pairs(), src, tgt, rank_pivots(engine.pivot_preference(src, tgt), pivots))
    if route is None:
        raise EngineUnavailableError(engine.install_hint(src, tgt))
    return route


def open_translator(engine: Engine, src: str, tgt: str,
                    pivots: Sequence[str] = DEFAULT_PIVOTS, *, wrap: LegWrapper | None = None) -> Translator:
    """Open a translator for ``src``->``tgt``, through a pivot when no direct pair exists.

    Args:
        engine: the engine.
        src: source language.
        tgt: target language.
        pivots: languages allowed as pivots, tried in the engine's order (:func:`rank_pivots`).
        wrap: applied to every direct leg (a cache keyed by leg caches a pivot's legs one by one,
            so ``en>es`` is shared by ``en>es``, ``en>es>pt`` and ``en>es>fr``).

    Raises:
        EngineUnavailableError: no route; the message says what to install.
    """
    route = check_route(engine, src, tgt, pivots)
    leg = wrap or (lambda translator: translator)
    if len(route) == 2:
        return leg(engine.open(src, tgt))
    return PivotTranslator(leg(engine.open(route[0], route[1])), leg(engine.open(route[1], route[2])))
