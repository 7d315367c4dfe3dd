"""Streaming line translation (``alignkit translate --lines``): any number of lines, bounded memory.

Lines are read lazily and cut into chunks (the first one small, so the first output line
appears at once); each chunk is a unit for an executor (:mod:`alignkit.corpus.executor`),
so ``--jobs N`` runs N engine workers, and results are written in input order as they finish.
One output line per input line, always: empty lines stay empty and a line break an engine
puts into a translation becomes a space.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from alignkit.tm.view import TMBatch, WorkerView

if TYPE_CHECKING:
    from alignkit.corpus.executor import Executor
    from alignkit.translate.base import Translator

#: Lines in the first chunk (quick first output) and in every later one.
FIRST_CHUNK = 16
CHUNK = 256


@dataclass(frozen=True)
class Chunk:
    """Consecutive input lines. ``seq`` orders the output."""

    seq: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ChunkResult:
    """The chunk's output lines and the new translations for the TM."""

    seq: int
    lines: tuple[str, ...]
    tm_entries: tuple[TMBatch, ...] = ()


def _registered() -> tuple[tuple[str, Any], ...]:
    from alignkit.corpus.unit import registered_engines

    return registered_engines()


@dataclass(frozen=True)
class LinesSpec:
    """How a worker builds its translator (picklable).

    Attributes:
        engine: engine name.
        options: engine options.
        src: source language.
        tgt: target language.
        tm_path: translation memory to read, or ``None``.
        wrap: extra wrapper around the whole translator (e.g. glossary enforcement), or ``None``.
    """

    engine: str
    src: str
    tgt: str
    options: Mapping[str, Any] = field(default_factory=dict)
    tm_path: str | None = None
    wrap: Callable[[Translator], Translator] | None = None
    engines: tuple[tuple[str, Any], ...] = field(default_factory=_registered)

    def __call__(self) -> LinesWorker:
        return LinesWorker(self)


class LinesWorker:
    """One translator, opened once per worker; ``worker(chunk)`` translates one chunk."""

    def __init__(self, spec: LinesSpec) -> None:
        from alignkit.corpus.unit import adopt_engines
        from alignkit.translate import get_engine, open_translator

        adopt_engines(spec.engines)
        self._view = WorkerView(spec.tm_path)
        translator = open_translator(get_engine(spec.engine, spec.options), spec.src, spec.tgt,
                                     wrap=self._view.wrap)
        self.translator = spec.wrap(translator) if spec.wrap is not None else translator

    def __call__(self, chunk: Chunk) -> ChunkResult:
        outputs = self.translator.translate(list(chunk.lines))
        lines = tuple(o.text.replace("\r", " ").replace("\n", " ") for o in outputs)
        return ChunkResult(chunk.seq, lines, self._view.take())

    def close(self) -> None:
        self.translator.close()
        self._view.close()


def chunked(lines: Iterable[str], first: int = FIRST_CHUNK, size: int = CHUNK) -> Iterator[Chunk]:
    """Cut a line stream into chunks: ``first`` lines, then ``size`` at a time."""
    batch: list[str] = []
    seq = 0
    for line in lines:
        batch.append(line)
        if len(batch) >= (first if seq == 0 else size):
            yield Chunk(seq, tuple(batch))
            seq, batch = seq + 1, []
    if batch:
        yield Chunk(seq, tuple(batch))


def translate_stream(lines: Iterable[str], spec: LinesSpec, executor: Executor,
                     on_done: Callable[[ChunkResult], None] | None = None) -> Iterator[str]:
    """Translated text, chunk by chunk in input order (each line ends with ``\\n``)."""
    for result in executor.map(spec, chunked(lines), on_done):
        yield "".join(line + "\n" for line in result.lines)
