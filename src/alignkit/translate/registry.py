"""The engine registry: name -> Engine class, imported lazily."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alignkit.registry import Registry
from alignkit.translate.base import Engine

ENGINES: Registry[type[Engine]] = Registry(
    "engine",
    {
        "apertium": "alignkit.translate.apertium:ApertiumEngine",
        "ct2": "alignkit.translate.ct2:CT2Engine",
    },
)


def get_engine(name: str, options: Mapping[str, Any] | None = None) -> Engine:
    """Construct the engine registered as ``name`` with its options.

    Raises:
        UnknownNameError: no such engine (the message lists the valid ones).
        EngineUnavailableError: the engine's program or library is missing.
    """
    return ENGINES.get(name)(**dict(options or {}))
