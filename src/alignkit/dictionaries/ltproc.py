"""Long-lived ``lt-proc -z`` processes: lookups in compiled lttoolbox transducers in milliseconds.

``lt-proc -z`` (null-flush) answers each input block that ends with a NUL byte with one output
block ending with a NUL byte, so one process serves every lookup of a run: bilingual
dictionaries (``-b``: ``^memoir<n><pl>$`` -> ``^memoir<n><pl>/memòria<n><f><pl>$``), analysers
(``-w``: ``memoirs`` -> ``^memoirs/memoir<n><pl>$``) and generators (``-g``: ``^memòria<n><f><pl>$``
-> ``memòries``). :func:`transducer` keeps one process per ``(flag, file)``, started at its
first question (or together with others by :func:`start_all`); they are closed at exit
(:func:`close_all`). Without ``lt-proc``, or when a process fails, :meth:`LtProc.ask` answers
``""`` and callers find nothing (the fill does less; nothing crashes).
"""

from __future__ import annotations

import atexit
import logging
import shutil
import subprocess
import threading
from collections.abc import Iterable
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def lt_proc() -> str | None:
    """The ``lt-proc`` executable, or ``None`` when lttoolbox is not installed."""
    return shutil.which("lt-proc")


class LtProc:
    """One ``lt-proc -z <flag> <path>`` process, asked one NUL-terminated block at a time (thread-safe).

    Args:
        flag: ``-b`` (bilingual lookup), ``-w`` (analysis, dictionary case) or ``-g`` (generation).
        path: the compiled ``.bin`` file.
    """

    def __init__(self, flag: str, path: str) -> None:
        self.flag, self.path = flag, path
        self._proc: subprocess.Popen[bytes] | None = None
        self._broken = False
        self._lock = threading.Lock()

    def ask(self, text: str) -> str:
        """The transducer's answer to ``text`` (NULs removed from it); ``""`` when it cannot be asked."""
        text = text.replace("\0", " ")
        with self._lock:
            proc = self._start()
            if proc is None or proc.stdin is None or proc.stdout is None:
                return ""
            # a blank before the NUL: lt-proc reads one character past a unit before it answers.
            # The question is written from another thread while this one reads the answer: written
            # whole first, a question over the pipe's buffer deadlocks once lt-proc's own output
            # pipe is full (lt-proc blocks writing, we block writing to it).
            writer = _Writer(proc.stdin, text.encode("utf-8") + b" \0")
            try:
                out = bytearray()
                while True:
                    chunk = proc.stdout.read1(65536)
                    if not chunk:
                        raise OSError("lt-proc ended")
                    out += chunk
                    if out.endswith(b"\0"):
                        break
                writer.join()
            except (OSError, ValueError) as exc:
                log.warning("lt-proc %s %s failed (%s); its lookups find nothing", self.flag, self.path, exc)
                self._broken = True
                self._stop()
                return ""
        return out.rstrip(b"\0").decode("utf-8", errors="replace").removesuffix(" ")

    @property
    def broken(self) -> bool:
        """Whether the process failed or could not start (``lt-proc`` missing is no failure)."""
        return self._broken

    def start(self) -> None:
        """Start the process now, without asking (it loads its transducer while others do the same)."""
        with self._lock:
            self._start()

    def _start(self) -> subprocess.Popen[bytes] | None:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        exe = lt_proc()
        if self._broken or exe is None:
            return None
        try:
            self._proc = subprocess.Popen([exe, "-z", self.flag, self.path], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            log.warning("cannot start lt-proc %s %s: %s", self.flag, self.path, exc)
            self._broken = True
            return None
        return self._proc

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def close(self) -> None:
        """End the process (a later :meth:`ask` starts a new one)."""
        with self._lock:
            self._stop()


class _Writer(threading.Thread):
    """Writes one question to a process's stdin; :meth:`join` re-raises what the write raised."""

    def __init__(self, stream, data: bytes) -> None:
        super().__init__(daemon=True)
        self._stream, self._data = stream, data
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self._stream.write(self._data)
            self._stream.flush()
        except (OSError, ValueError) as exc:
            self._error = exc

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self._error is not None:
            raise OSError(f"writing to lt-proc: {self._error}")


_OPEN: dict[tuple[str, str], LtProc] = {}
_OPEN_LOCK = threading.Lock()


def transducer(flag: str, path: str) -> LtProc:
    """The shared process for ``lt-proc -z flag path`` (started at its first question)."""
    with _OPEN_LOCK:
        proc = _OPEN.get((flag, path))
        if proc is None:
            proc = _OPEN[(flag, path)] = LtProc(flag, path)
        return proc


def any_broken() -> bool:
    """Whether a process :func:`transducer` started has failed (its lookups found nothing)."""
    with _OPEN_LOCK:
        return any(proc.broken for proc in _OPEN.values())


def start_all(procs: Iterable[LtProc]) -> None:
    """Start every process not yet running, so their transducers load side by side: a first
    question costs the load (0.05-0.9 s a file), and asked one after the other those add up."""
    for proc in procs:
        proc.start()


@atexit.register
def close_all() -> None:
    """End every process :func:`transducer` started."""
    with _OPEN_LOCK:
        procs = list(_OPEN.values())
        _OPEN.clear()
    for proc in procs:
        proc.close()
