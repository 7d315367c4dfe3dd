"""Lazy name -> class registries for engines, segmenters, formats and metrics.

Entries are ``"module:attribute"`` strings so that registering a backend never imports
its (possibly heavy, possibly missing) dependencies; the class is imported on ``get``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Generic, TypeVar

from alignkit.errors import UnknownNameError

T = TypeVar("T")


class Registry(Generic[T]):
    """A named collection of lazily imported implementations.

    Args:
        kind: what the entries are ("engine", "format"...), used in error messages.
        entries: name -> ``"package.module:Attribute"``.
    """

    def __init__(self, kind: str, entries: dict[str, str] | None = None) -> None:
        self.kind = kind
        self._entries: dict[str, str | T] = dict(entries or {})

    def register(self, name: str, target: str | T) -> None:
        """Add or replace ``name``: a ``"module:attribute"`` string, or the implementation itself."""
        self._entries[name] = target

    def unregister(self, name: str) -> None:
        """Remove ``name`` if present."""
        self._entries.pop(name, None)

    def names(self) -> list[str]:
        """The registered names, sorted."""
        return sorted(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def get(self, name: str) -> T:
        """Import and return the implementation registered as ``name``.

        Raises:
            UnknownNameError: ``name`` is not registered; the message lists valid names.
        """
        try:
            target = self._entries[name]
        except KeyError:
            raise UnknownNameError(
                f"unknown {self.kind} {name!r}; choose one of: {', '.join(self.names())}"
            ) from None
        if not isinstance(target, str):
            return target
        module_name, _, attr = target.partition(":")
        return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]

    def objects(self) -> tuple[tuple[str, T], ...]:
        """Entries registered as objects at run time (not ``"module:attr"`` strings), by name.

        Worker processes start from a fresh import: these are handed to them (pickled by
        reference) so that an engine a program registered reaches its workers too.
        """
        return tuple((name, t) for name, t in sorted(self._entries.items()) if not isinstance(t, str))

    def adopt(self, entries: tuple[tuple[str, T], ...]) -> None:
        """Register entries from :meth:`objects` of another process's registry."""
        for name, target in entries:
            self._entries.setdefault(name, target)
