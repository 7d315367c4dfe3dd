"""What the installed engines can translate: direct pairs and pivot routes, as text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from alignkit.errors import AlignkitError, InputError
from alignkit.translate.base import DEFAULT_PIVOTS
from alignkit.translate.registry import ENGINES, get_engine
from alignkit.translate.route import find_route, rank_pivots

#: The pivots an engine prefers for a pair (:meth:`Engine.pivot_preference`).
Preference = Callable[[str, str], Sequence[str]]


def pivot_routes(pairs: frozenset[tuple[str, str]],
                 preference: Preference | None = None) -> dict[tuple[str, str], tuple[str, ...]]:
    """Every pair reachable through one pivot (not directly), with the route taken."""
    languages = sorted({lang for pair in pairs for lang in pair})
    routes: dict[tuple[str, str], tuple[str, ...]] = {}
    for src in languages:
        for tgt in languages:
            if src != tgt and (src, tgt) not in pairs:
                pivots = rank_pivots(preference(src, tgt)) if preference else DEFAULT_PIVOTS
                route = find_route(pairs, src, tgt, pivots)
                if route is not None:
                    routes[(src, tgt)] = route
    return routes


def describe_engines(names: Sequence[str] | None = None, options: Mapping[str, Any] | None = None) -> str:
    """A readable listing of ``names`` (default: every registered engine).

    Raises:
        InputError: options given without choosing an engine.
        UnknownNameError: an unknown engine name.
    """
    if options and not names:
        raise InputError("engine options need --engine NAME (options differ between engines)")
    lines: list[str] = []
    for name in names or ENGINES.names():
        try:
            engine = get_engine(name, options)
            pairs = engine.pairs()
            version = engine.version()
        except AlignkitError as err:
            if name not in ENGINES:
                raise
            lines.append(f"{name}: unavailable: {err}")
            continue
        lines.append(f"{name} ({version})")
        direct = ", ".join(f"{s}->{t}" for s, t in sorted(pairs)) or "none installed"
        lines.append(f"  direct: {direct}")
        routes = pivot_routes(pairs, engine.pivot_preference)
        if routes:
            lines.append("  via pivot: " + ", ".join(f"{s}->{t} ({'>'.join(r)})" for (s, t), r in sorted(routes.items())))
    return "\n".join(lines) + "\n"
