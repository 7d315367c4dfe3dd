"""The Ray executor: the same units on a pool of Ray Core actors, on one machine or a cluster.

Why actors and not Ray Data ``map_batches``: the run needs results back **in unit order**, with a
**bounded** number in flight, and each result handed to ``on_done`` **as soon as it exists** (the
driver writes the translation memory there, so a killed driver loses at most the units in flight).
An actor pool driven with ``ray.wait`` gives exactly that in a few lines; Ray Data would add its own
block scheduling, reorder buffers and CPU reservations (its tasks hang when actors hold every CPU),
and pull pandas/pyarrow onto every node, for no gain in a one-stage map.

- Each actor builds its :class:`~alignkit.corpus.unit.UnitWorker` from the picklable factory in its
  constructor: engines are opened on the node, never pickled from the driver. A construction
  error (a node without the Apertium pair or the model) is reported by :meth:`_UnitActor.ready`
  and becomes one error naming the node, before any unit is sent.
- Each actor reserves the CPUs its engines use (Apertium: 1; CTranslate2: its threads).
- A dead actor is restarted and its units retried (``max_restarts`` / ``max_task_retries``);
  the unit function is pure, so the output does not change.
- The TM is the driver's: actors on the driver's node read its file (read only); actors on other
  nodes (where that path is not the driver's file) ask a small reader actor pinned to the
  driver's node, so a rerun after an interruption resumes on every node. Only the driver writes.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from alignkit.corpus.executor import WorkerFactory
from alignkit.errors import AlignkitError, EngineError, EngineUnavailableError, InputError

log = logging.getLogger(__name__)

#: Oldest Ray this executor is tested against (``ray.get_runtime_context().get_node_id``,
#: actor task retries and ``ray.init(address="local")`` behave as used here since then).
MIN_RAY = (2, 9)
#: Restarts of a dead actor, and retries of the units it held, before the run gives up.
RESTARTS = 3
#: Units queued per actor: one running, one waiting, so an actor never idles between units.
IN_FLIGHT_PER_ACTOR = 2
#: Seconds to wait for a cluster's address to answer (Ray itself retries for minutes).
CONNECT_TIMEOUT_S = 10.0
#: Seconds to wait for every actor to start (engines opened) before calling the cluster too small.
START_TIMEOUT_S = 300.0


def import_ray() -> Any:
    """Ray, checked for version.

    Raises:
        EngineUnavailableError: Ray is not installed, or older than :data:`MIN_RAY`.
    """
    try:
        import ray
    except ImportError:
        raise EngineUnavailableError("--executor ray needs Ray: pip install 'alignkit[ray]'") from None
    version = _version(ray.__version__)
    if version < MIN_RAY:
        floor = ".".join(map(str, MIN_RAY))
        raise EngineUnavailableError(f"Ray {ray.__version__} is too old for --executor ray (needs >= {floor}): "
                                     "pip install -U 'alignkit[ray]'")
    return ray


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(c for c in piece if c.isdigit()) or "0"
        parts.append(int(digits))
    return tuple(parts)


def cpus_per_worker(factory: WorkerFactory) -> int:
    """CPUs one worker's engines use: Apertium 1, CTranslate2 ``inter_threads × intra_threads``.

    The targets of a unit are translated one after the other, so a worker needs the most any
    one of them needs.
    """
    options = getattr(factory, "options", None)
    if options is None or not hasattr(options, "spec"):
        return 1
    need = 1
    for lang in options.targets:
        spec = options.spec(lang)
        if spec.name == "ct2":
            threads = int(spec.options.get("inter_threads", 1)) * int(spec.options.get("intra_threads", 1))
            need = max(need, threads)
    return need


class _UnitActor:
    """One worker on a Ray node (made a Ray actor class in :meth:`RayExecutor.map`)."""

    def __init__(self, factory: WorkerFactory, driver_node: str, tm_reader: str | None = None) -> None:
        import ray

        context = ray.get_runtime_context()
        self.where = f"{ray.util.get_node_ip_address()} (node {context.get_node_id()[:8]})"
        remote = context.get_node_id() != driver_node
        if remote:
            factory = _without_local_files(factory)
        self.worker: Any = None
        self.error: BaseException | None = None
        try:
            self.worker = factory()
            if hasattr(self.worker, "open"):
                self.worker.open()  # a missing pair or model is reported now, naming this node
            if remote and tm_reader is not None and hasattr(self.worker, "read_tm_from"):
                self.worker.read_tm_from(_RemoteTM(tm_reader))
        except Exception as err:  # noqa: BLE001 - reported by ready(), turned into one message there
            self.error = err

    def ready(self) -> tuple[str, int, BaseException | None, Any]:
        """Where this actor runs, its pid, why its worker could not be built (or ``None``), and
        what its engines are (``describe()`` per target: versions, options)."""
        return self.where, os.getpid(), self.error, getattr(self.worker, "described", None)

    def run(self, unit: Any) -> Any:
        return self.worker(unit)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None


class _TMReader:
    """The driver's TM, read only, on the driver's node (made a Ray actor in :meth:`RayExecutor.map`)."""

    def __init__(self, path: str) -> None:
        from alignkit.tm import TranslationMemory

        self.tm = TranslationMemory(path, readonly=True)

    def get_many(self, signature: str, leg: str, texts: list[str]) -> dict[str, Any]:
        return self.tm.get_many(signature, leg, texts, touch=False)

    def close(self) -> None:
        self.tm.close()


class _RemoteTM:
    """What a worker on another node reads the TM through: one call to the reader per leg and unit.

    The reader is found by name (an actor handle among an actor's constructor arguments would
    make Ray warn that restarts depend on the object store).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.reader: Any = None

    def get_many(self, signature: str, leg: str, texts: Any, touch: bool = False) -> dict[str, Any]:
        import ray

        self.reader = self.reader or ray.get_actor(self.name)
        return ray.get(self.reader.get_many.remote(signature, leg, list(texts)))

    def close(self) -> None:
        pass  # the reader belongs to the driver's run


def _without_local_files(factory: WorkerFactory) -> WorkerFactory:
    """The factory without the driver's TM path: on another node that path is not the driver's file."""
    if dataclasses.is_dataclass(factory) and getattr(factory, "tm_path", None) is not None:
        return dataclasses.replace(factory, tm_path=None)  # type: ignore[type-var]
    return factory


class RayExecutor:
    """``jobs`` Ray actors, each with its own engines; results in unit order.

    Args:
        jobs: actors to start (fewer when the cluster has not the CPUs for them).
        address: ``auto``, ``HOST:PORT`` or ``ray://HOST:PORT`` to join a running cluster;
            ``None`` to join ``$RAY_ADDRESS`` when set, else start a local Ray for this run
            (stopped at the end).
    """

    name = "ray"

    def __init__(self, jobs: int, address: str | None = None) -> None:
        if jobs < 1:
            raise InputError(f"--jobs {jobs}: must be at least 1")
        self.jobs = jobs
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        import_ray()  # a missing or old Ray is said before any work

    def map(self, factory: WorkerFactory, units: Iterable[Any],
            on_done: Callable[[Any], None] | None = None) -> Iterator[Any]:
        ray = import_ray()
        cpus = cpus_per_worker(factory)
        if (self.address or "").startswith("ray://"):
            # Ray Client: this process is not on any node, so no actor can read its TM file.
            factory = _without_local_files(factory)
        started = self._connect(ray, cpus)
        workers: list[Any] = []  # filled as they are made: a failed start still stops them
        helpers: list[Any] = []
        try:
            self._start_actors(ray, factory, cpus, workers, helpers)
            yield from self._drive(ray, workers, units, on_done)
        finally:
            self._stop(ray, [*helpers, *workers], started)

    def _connect(self, ray: Any, cpus: int) -> bool:
        """Join the cluster or start a local Ray; ``True`` when this call initialised Ray."""
        if ray.is_initialized():  # a library caller's own Ray session: use it, leave it running
            return False
        quiet = {"include_dashboard": False, "logging_level": logging.WARNING, "log_to_driver": False,
                 "configure_logging": False}
        if self.address is not None:
            _probe(ray, self.address)
        try:
            if self.address is None:
                with _quiet_ray_logs():  # e.g. the token notice of a Ray nobody but this run will see
                    ray.init(address="local", num_cpus=self.jobs * cpus, **quiet)
            else:
                ray.init(address=self.address, **{k: v for k, v in quiet.items() if k != "include_dashboard"})
        except Exception as err:  # noqa: BLE001 - ConnectionError, RuntimeError, AuthenticationError...
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            if self.address is None:
                raise EngineUnavailableError(f"cannot start a local Ray for --executor ray: {reason}") from None
            raise EngineUnavailableError(f"cannot reach the Ray cluster at {self.address}: {reason}") from None
        return True

    def _start_actors(self, ray: Any, factory: WorkerFactory, cpus: int, actors: list[Any],
                      helpers: list[Any]) -> None:
        """Start the unit actors (into ``actors``; the TM reader into ``helpers``) and wait until each
        has opened its engines (or said why it cannot)."""
        total = int(ray.cluster_resources().get("CPU", 0))
        count = min(self.jobs, total // cpus)
        if count < 1:
            raise EngineUnavailableError(f"the Ray cluster has {total} CPUs; one worker needs {cpus}")
        if count < self.jobs:
            log.warning("Ray cluster has %d CPUs: %d workers of %d CPUs each instead of %d", total, count, cpus,
                        self.jobs)
        cls = ray.remote(num_cpus=cpus, max_restarts=RESTARTS, max_task_retries=RESTARTS)(_UnitActor)
        driver_node = ray.get_runtime_context().get_node_id()
        reader = self._tm_reader(ray, factory, driver_node, helpers)
        actors += [cls.options(scheduling_strategy="SPREAD").remote(factory, driver_node, reader)
                   for _ in range(count)]
        probes = [a.ready.remote() for a in actors]
        done, pending = ray.wait(probes, num_returns=len(probes), timeout=START_TIMEOUT_S)
        if pending:
            raise EngineUnavailableError(f"{len(pending)} of {count} Ray workers did not start within "
                                         f"{START_TIMEOUT_S:.0f}s (each needs {cpus} CPUs)")
        _check_nodes(ray.get(probes))

    @staticmethod
    def _tm_reader(ray: Any, factory: WorkerFactory, driver_node: str, helpers: list[Any]) -> str | None:
        """The name of a reader of the driver's TM pinned to the driver's node (no CPU; added to
        ``helpers``), or ``None`` without a TM."""
        path = getattr(factory, "tm_path", None)
        if path is None:
            return None
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        cls = ray.remote(num_cpus=0, max_restarts=RESTARTS, max_task_retries=RESTARTS)(_TMReader)
        name = f"alignkit-tm-{uuid.uuid4().hex}"
        pin = NodeAffinitySchedulingStrategy(driver_node, soft=False)
        helpers.append(cls.options(name=name, scheduling_strategy=pin).remote(path))
        return name

    def _drive(self, ray: Any, actors: list[Any], units: Iterable[Any],
               on_done: Callable[[Any], None] | None) -> Iterator[Any]:
        """Hot loop: keep each actor fed, hand results to ``on_done`` as they come, yield in order."""
        queue: collections.deque[Any] = collections.deque()  # refs, in unit order
        owner: dict[Any, int] = {}  # ref -> actor index, while running
        load = [0] * len(actors)
        results: dict[Any, Any] = {}  # finished refs not yet yielded
        todo = iter(units)
        exhausted = False
        while True:
            while not exhausted and len(queue) < IN_FLIGHT_PER_ACTOR * len(actors):
                unit = next(todo, None)
                if unit is None:
                    exhausted = True
                    break
                index = min(range(len(actors)), key=load.__getitem__)
                ref = actors[index].run.remote(unit)
                queue.append(ref)
                owner[ref] = index
                load[index] += 1
            if not queue:
                return
            running = list(owner)
            ray.wait(running, num_returns=1)
            ready, _ = ray.wait(running, num_returns=len(running), timeout=0)
            for ref in ready:
                load[owner.pop(ref)] -= 1
                results[ref] = _get(ray, ref)
                if on_done is not None:
                    on_done(results[ref])
            while queue and queue[0] in results:
                yield results.pop(queue.popleft())

    @staticmethod
    def _stop(ray: Any, actors: list[Any], started: bool) -> None:
        """Close the engines where they answer, kill every actor, leave Ray if this run joined it.

        Runs on every exit, Ctrl-C included (when Ray itself may be gone): it never raises, so
        the error that ended the run is the one the user sees.
        """
        try:
            if actors:
                ray.wait([actor.close.remote() for actor in actors], num_returns=len(actors), timeout=30)
            for actor in actors:
                ray.kill(actor, no_restart=True)
        except Exception as err:  # noqa: BLE001 - see above
            log.debug("stopping the Ray actors: %s", err)
        finally:
            if started:
                ray.shutdown()


@contextlib.contextmanager
def _quiet_ray_logs() -> Iterator[None]:
    """Ray's own warnings held back (errors still shown) while a local Ray starts."""
    logger = logging.getLogger("ray")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _probe(ray: Any, address: str) -> None:
    """Fail in seconds when nothing answers at ``address`` (``ray.init`` would retry for minutes).

    Raises:
        InputError: ``address`` is not ``auto``, ``HOST:PORT`` or ``ray://HOST:PORT``.
        EngineUnavailableError: no cluster found (``auto``) or nothing listening there.
    """
    target = address
    if address == "auto":
        try:
            from ray._private.services import canonicalize_bootstrap_address

            target = canonicalize_bootstrap_address("auto") or ""
        except Exception:  # noqa: BLE001 - a private helper: when it is gone or fails, let ray.init say
            return
        if not target:
            raise EngineUnavailableError("--ray-address auto: no running Ray cluster found on this machine "
                                         "(start one with `ray start --head`, or give HOST:PORT)")
    host, _, port = target.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise InputError(f"--ray-address {address}: expected auto, HOST:PORT or ray://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as err:
        raise EngineUnavailableError(f"cannot reach the Ray cluster at {address}: "
                                     f"{err.strerror or err or 'no answer'}") from None


def _check_nodes(reports: list[tuple[str, int, BaseException | None, Any]]) -> None:
    """One error for the nodes whose workers could not start, or whose engines differ from the first.

    Raises:
        EngineUnavailableError: (or the worker's own AlignkitError) naming the nodes.
    """
    failed = [(where, error) for where, _pid, error, _described in reports if error is not None]
    if failed:
        nodes = ", ".join(sorted({where for where, _ in failed}))
        error = failed[0][1]
        cls = type(error) if isinstance(error, AlignkitError) else EngineUnavailableError
        raise cls(f"on Ray node {nodes}: {error}")
    first_where, _pid, _error, first = reports[0]
    for where, _pid, _error, described in reports[1:]:
        if isinstance(first, dict) and isinstance(described, dict) and described != first:
            langs = sorted(k for k in {*first, *described} if first.get(k) != described.get(k))
            raise EngineUnavailableError(
                f"Ray nodes {first_where} and {where} have different engines for {', '.join(langs)} "
                "(versions or options): the outputs would depend on the node; install the same packages on every node")


def _get(ray: Any, ref: Any) -> Any:
    """A unit's result; an error raised in the actor comes back as itself, a dead actor as one line."""
    from ray.exceptions import RayActorError, RayTaskError

    try:
        return ray.get(ref)
    except RayTaskError as err:
        cause = err.cause
        if isinstance(cause, AlignkitError):
            raise cause from None
        raise
    except RayActorError:
        raise EngineError(f"a Ray worker died {RESTARTS + 1} times (out of memory, killed, or its node "
                          "was lost); run again to resume") from None
