"""A translator that looks every text up in a translation memory before its engine sees it.

It wraps one direct leg (``en>es``), never a pivot route: a pivot is two cached legs under
:class:`~alignkit.translate.route.PivotTranslator`, so the ``en>es`` leg that the routes to
``pt``, ``it`` and ``fr`` share is translated once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from alignkit.tm import TranslationMemory, signature_of
from alignkit.translate.base import Translator
from alignkit.types import EngineOutput

#: ``record(signature, leg, items)``: receives the outputs the engine produced, instead of the memory.
Recorder = Callable[[str, str, list[tuple[str, EngineOutput]]], None]


class CachedTranslator(Translator):
    """``inner`` behind a translation memory: hits come from ``tm``, only misses reach the engine.

    The misses of one call go to ``inner`` as one batch, in order, each distinct text once, so
    the outputs are exactly what ``inner`` alone returns. Not thread-safe (neither are engines).

    Args:
        inner: a direct translator (route of two languages).
        tm: the memory to read (and, without ``record``, to write); None: nothing is looked up.
        record: when given, new outputs are handed to it instead of being written to ``tm``
            (a remote worker passes them back to the driver, the only writer).

    Attributes:
        signature: the digest of ``inner.describe()``, computed once.
        leg: ``"src>tgt"``.
        hits: texts answered without the engine (from the memory, or a repeat within a call).
        misses: texts sent to the engine (the engine calls).

    Raises:
        ValueError: ``inner`` is a pivot route (cache its legs instead).
    """

    def __init__(self, inner: Translator, tm: TranslationMemory | None, *, record: Recorder | None = None) -> None:
        if len(inner.route) != 2:
            raise ValueError(f"CachedTranslator wraps one direct leg; {'>'.join(inner.route)} is a pivot route: "
                             "wrap each leg and chain them with PivotTranslator")
        super().__init__(inner.src, inner.tgt)
        self.inner = inner
        self.tm = tm
        self.record = record
        self.engine = inner.engine
        self._describe = dict(inner.describe())
        self.signature = signature_of(self._describe)
        self.leg = f"{inner.src}>{inner.tgt}"
        self.hits = 0
        self.misses = 0

    @property
    def route(self) -> tuple[str, ...]:
        return self.inner.route

    def describe(self) -> Mapping[str, Any]:
        return self.inner.describe()

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        # A worker that hands its outputs to a recorder only reads: it does not refresh last-use times.
        found = self.tm.get_many(self.signature, self.leg, texts, touch=self.record is None) if self.tm else {}
        todo = list(dict.fromkeys(t for t in texts if t not in found))
        self.misses += len(todo)
        self.hits += len(texts) - len(todo)
        if todo:
            items = list(zip(todo, self.inner.translate(todo)))
            if self.record is not None:
                self.record(self.signature, self.leg, items)
            elif self.tm is not None:
                self.tm.put_many(self.signature, self.leg, items, describe=self._describe)
            found.update(items)
        return [found[t] for t in texts]

    def close(self) -> None:
        self.inner.close()
