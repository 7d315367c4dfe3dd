"""Executors: where unit functions run. They differ only in how they map the function.

An executor takes a picklable *worker factory* (a callable returning a worker: a callable on
one unit, with ``close()``) and an iterable of units, and yields one result per unit **in unit
order**, with at most a bounded number of units in flight (memory does not grow with the
corpus). ``on_done`` sees every result as soon as it exists, in completion order: the driver
writes the translation memory there, so a killed run loses at most the units in flight.

- ``inline``: the worker in this process (one job);
- ``local``: ``jobs`` worker processes (``spawn``: no engine state or sqlite handle crosses a fork);
- ``ray``: Ray actors (``alignkit.corpus.ray_executor``, optional extra).
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from alignkit.errors import InputError
from alignkit.registry import Registry

U = TypeVar("U")
R = TypeVar("R")

Worker = Callable[[Any], Any]
WorkerFactory = Callable[[], Any]


class Executor(Protocol):
    """Maps a worker over units; results come back in unit order."""

    name: str
    jobs: int

    def map(self, factory: WorkerFactory, units: Iterable[Any],
            on_done: Callable[[Any], None] | None = None) -> Iterator[Any]: ...


def default_jobs() -> int:
    """The machine's cores available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class InlineExecutor:
    """One worker, in this process."""

    name = "local"

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = 1

    def map(self, factory: WorkerFactory, units: Iterable[Any],
            on_done: Callable[[Any], None] | None = None) -> Iterator[Any]:
        worker = None  # built on the first unit: a plan with nothing to do opens no engine
        try:
            for unit in units:
                worker = worker or factory()
                result = worker(unit)
                if on_done is not None:
                    on_done(result)
                yield result
        finally:
            if worker is not None:
                worker.close()


_WORKER: Any = None


class _Failed:
    """A worker that could not be built: every call raises why (an AlignkitError reaches the CLI)."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __call__(self, unit: Any) -> Any:
        raise self.error

    def close(self) -> None:
        pass


def _init_worker(factory: WorkerFactory) -> None:
    # The driver handles Ctrl-C and shuts the pool down; workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _WORKER
    try:
        _WORKER = factory()
    except Exception as err:  # noqa: BLE001 - handed to the driver with the first unit
        _WORKER = _Failed(err)
    from multiprocessing import util

    util.Finalize(None, _WORKER.close, exitpriority=10)


def _call(unit: Any) -> Any:
    return _WORKER(unit)


class ProcessExecutor:
    """``jobs`` worker processes, each with its own engines; at most ``2 * jobs`` units in flight."""

    name = "local"

    def __init__(self, jobs: int) -> None:
        if jobs < 1:
            raise InputError(f"--jobs {jobs}: must be at least 1")
        self.jobs = jobs

    def map(self, factory: WorkerFactory, units: Iterable[Any],
            on_done: Callable[[Any], None] | None = None) -> Iterator[Any]:
        ctx = multiprocessing.get_context("spawn")
        pool = cf.ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker, initargs=(factory,))
        queue: collections.deque[cf.Future[Any]] = collections.deque()
        reported: set[int] = set()
        todo = iter(units)
        exhausted = False
        try:
            while True:
                while not exhausted and len(queue) < 2 * self.jobs:
                    unit = next(todo, None)
                    if unit is None:
                        exhausted = True
                    else:
                        queue.append(pool.submit(_call, unit))
                if not queue:
                    return
                cf.wait([f for f in queue if id(f) not in reported], return_when=cf.FIRST_COMPLETED)
                for fut in queue:
                    if fut.done() and id(fut) not in reported:
                        reported.add(id(fut))
                        if on_done is not None and fut.exception() is None:
                            on_done(fut.result())
                while queue and queue[0].done():
                    fut = queue.popleft()
                    reported.discard(id(fut))
                    yield _result(fut)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _result(fut: cf.Future[Any]) -> Any:
    try:
        return fut.result()
    except cf.process.BrokenProcessPool:
        from alignkit.errors import EngineError

        raise EngineError("a worker process died (out of memory or killed); run again to resume") from None


EXECUTORS: Registry[Callable[[int], Executor]] = Registry(
    "executor",
    {
        "local": "alignkit.corpus.executor:local_executor",
        "ray": "alignkit.corpus.ray_executor:RayExecutor",
    },
)


class LocalExecutor:
    """``jobs`` worker processes, or this process when one job (or one unit) is all there is.

    A plan of a single unit (one short document) would only pay for starting processes, so
    the first two units are looked at before choosing.
    """

    name = "local"

    def __init__(self, jobs: int) -> None:
        if jobs < 1:
            raise InputError(f"--jobs {jobs}: must be at least 1")
        self.jobs = jobs

    def map(self, factory: WorkerFactory, units: Iterable[Any],
            on_done: Callable[[Any], None] | None = None) -> Iterator[Any]:
        if self.jobs == 1:  # nothing to decide: no unit is waited for before the first one runs
            yield from InlineExecutor().map(factory, units, on_done)
            return
        todo = iter(units)
        head = list(itertools.islice(todo, 2))
        inner: Executor = InlineExecutor() if len(head) < 2 else ProcessExecutor(self.jobs)
        yield from inner.map(factory, itertools.chain(head, todo), on_done)


def local_executor(jobs: int) -> Executor:
    """The local executor (see :class:`LocalExecutor`)."""
    return LocalExecutor(jobs)
