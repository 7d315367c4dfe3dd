"""The translation memory as a worker sees it: read only, plus what the worker translated since.

Workers (processes, Ray actors) never write the TM: the new translations of a unit travel
back with its result (:data:`TMBatch`) and the driver writes them, so a result is done only
once the driver holds it, and a remote worker needs no access to the TM file at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from alignkit.types import EngineOutput

if TYPE_CHECKING:
    from alignkit.translate.base import Translator

#: (signature, leg, [(source text, output)], the translator's describe()): translations to add to the TM.
TMBatch = tuple[str, str, tuple[tuple[str, EngineOutput], ...], Mapping[str, Any]]


class WorkerView:
    """The TM as a worker sees it: the file (read only) plus what this worker translated since.

    So pt's ``en>es`` leg finds what es translated a moment ago in the same unit, before the
    driver has written it.
    """

    def __init__(self, path: str | None) -> None:
        self.memo: dict[tuple[str, str, str], EngineOutput] = {}
        self.pending: list[TMBatch] = []
        self._tm = None
        if path is not None:
            from alignkit.tm import TranslationMemory

            self._tm = TranslationMemory(path, readonly=True)

    def get_many(self, signature: str, leg: str, texts: Sequence[str], touch: bool = False
                 ) -> dict[str, EngineOutput]:
        found = {t: self.memo[(signature, leg, t)] for t in texts if (signature, leg, t) in self.memo}
        rest = [t for t in texts if t not in found]
        if rest and self._tm is not None:
            found.update(self._tm.get_many(signature, leg, rest, touch=False))
        return found

    def get_unit(self, key: str) -> str | None:
        """A finished unit's stored result (JSON text), or ``None``."""
        return self._tm.get_unit(key) if self._tm is not None else None

    def record(self, signature: str, leg: str, items: list[tuple[str, EngineOutput]],
               describe: Mapping[str, Any] | None = None) -> None:
        for text, out in items:
            self.memo[(signature, leg, text)] = out
        self.pending.append((signature, leg, tuple(items), dict(describe or {})))

    def take(self) -> tuple[TMBatch, ...]:
        """The unit's new entries; the memo is cleared too (the driver writes them now)."""
        out, self.pending, self.memo = tuple(self.pending), [], {}
        return out

    def read_from(self, reader: Any) -> None:
        """Read the TM through ``reader`` (``get_many(signature, leg, texts, touch)``, ``close()``)
        instead of a file: a worker on another machine asks the driver's machine."""
        self.close()
        self._tm = reader

    def close(self) -> None:
        if self._tm is not None:
            self._tm.close()

    def wrap(self, leg: Translator) -> Translator:
        """``leg`` behind this view: hits from it, misses recorded for the driver."""
        from alignkit.translate.cached import CachedTranslator

        describe = dict(leg.describe())
        return CachedTranslator(leg, self, record=lambda sig, name, items: self.record(sig, name, items, describe))  # type: ignore[arg-type]


def write_batches(tm: object, batches: Sequence[TMBatch]) -> None:
    """The driver's side: store a finished unit's new translations (``tm``: a TranslationMemory)."""
    for signature, leg, items, describe in batches:
        tm.put_many(signature, leg, list(items), describe=describe)  # type: ignore[attr-defined]
