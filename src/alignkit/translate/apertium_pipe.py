"""A long-lived Apertium mode pipeline spoken to in NUL-flushed stream format.

This is the hot path of the Apertium engine: escape, write many segments while reading,
split the output at NULs. See :mod:`alignkit.translate.apertium` for why it works this way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import selectors
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO

from alignkit.errors import EngineError, EngineUnavailableError

log = logging.getLogger(__name__)

#: Appended to every segment: a full stop and an empty blank keep the segment's own final
#: punctuation (measured: without them "... said no." loses its last word or stop).
SENTINEL = ".[]"
#: Between the segments of one flush group: a blank, which every stage passes through in
#: place. Text never forms it (:func:`escape` escapes brackets), so output splits on it.
SEPARATOR = "[\x01]"
#: Seconds given to the stages to exit after their input is closed, before they are killed.
CLOSE_WAIT = 2.0
#: Bytes of the pipeline's stderr quoted in an error message.
STDERR_TAIL = 400
#: Most characters in one flush group: output comes back per group, so this bounds the time
#: the pipeline may rightly go without output (about 3 s for 100,000 characters).
MAX_GROUP_CHARS = 100_000
_READ_SIZE = 1 << 16
_SPECIAL = re.compile(r"([\\\[\]^$/@<>{}])")


def escape(text: str) -> str:
    """Escape the stream format's reserved characters; NULs (the flush mark) become spaces."""
    return _SPECIAL.sub(r"\\\1", text.replace("\0", " "))


@lru_cache(maxsize=64)
def null_flush_script(mode_path: Path) -> str:
    """The mode's commands rewritten for NUL flushing (``apertium-wblank-mode -z``)."""
    try:
        done = subprocess.run(["apertium-wblank-mode", "-z", str(mode_path)],
                              capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError) as err:
        raise EngineUnavailableError(f"cannot run apertium-wblank-mode: {err} (apt-get install apertium)") from None
    if done.returncode != 0 or not done.stdout.strip():
        raise EngineUnavailableError(f"apertium mode {mode_path} is unusable: {done.stderr.strip()[:STDERR_TAIL]}")
    return done.stdout


class _Stalled(EngineError):
    """No output within the timeout (the reader's signal to name the segments in flight)."""


def _groups(texts: list[str], size: int) -> list[list[str]]:
    """Consecutive groups of at most ``size`` texts and :data:`MAX_GROUP_CHARS` characters (one text at least)."""
    groups: list[list[str]] = []
    chars = 0
    for text in texts:
        if not groups or len(groups[-1]) >= size or chars + len(text) > MAX_GROUP_CHARS:
            groups.append([])
            chars = 0
        groups[-1].append(text)
        chars += len(text)
    return groups


class Pipeline:
    """One mode's stages in one process group, started on first use, restarted after a failure.

    Args:
        mode_path: the ``.mode`` file.
        marks: ``-g`` (mark unknown words) or ``-n`` (no marks), the generator's option.
        batch_size: segments per write.
        timeout: seconds without any output before the pipeline is declared stuck.
        primer: text translated (and thrown away) first thing after every start, to put
            stage state that survives NULs into a fixed state; ``""``: none. See
            :data:`alignkit.translate.apertium.PRIMERS` for why the tagger needs it.
    """

    def __init__(self, mode_path: Path, marks: str, batch_size: int, timeout: float,
                 primer: str = "") -> None:
        self.mode_path = mode_path
        self.primer = primer
        self.name = mode_path.stem
        self.marks = marks
        self.batch_size = batch_size
        self.timeout = timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        script = null_flush_script(self.mode_path)
        self._stderr = tempfile.TemporaryFile()
        # $1 is the generator's marks option, $2 the tagger's (empty: default model).
        self._proc = subprocess.Popen(
            ["bash", "-c", script, f"apertium-{self.name}", self.marks, ""],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            start_new_session=True,  # one group: close() can end every stage at once
        )
        if self.primer:
            self._prime(self._proc)
        return self._proc

    def _prime(self, proc: subprocess.Popen[bytes]) -> None:
        """Send the primer as one NUL-flushed item and discard its output (before any real item)."""
        assert proc.stdin is not None
        try:
            # Short (a few KiB at most): it fits the pipe buffers, so writing before reading is safe.
            proc.stdin.write((escape(self.primer) + SENTINEL).encode("utf-8") + b"\0")
            proc.stdin.flush()
        except (OSError, ValueError) as err:
            self.close()
            raise EngineError(f"apertium {self.name}: writing the primer failed ({err})") from None
        try:
            for _ in self._read(proc, 1):
                pass
        except EngineError:
            self.close()
            raise

    def run(self, texts: list[str]) -> list[str]:
        """Raw stream output for each text (escapes and sentinel still in), in order.

        Raises:
            EngineError: the pipeline died, stalled or answered out of step.
        """
        return list(self.stream(texts))

    def stream(self, texts: list[str]) -> Iterator[str]:
        """Like :meth:`run`, but yields each output as soon as its flush group is back.

        Segments go in groups of ``batch_size``, separated by :data:`SEPARATOR` and flushed by
        one NUL per group: a NUL makes every stage flush, and flushing per segment cost ~15 %
        of the throughput (``bench/bench_apertium.py``). A group whose output does not split
        into exactly one part per segment is translated again one NUL per segment.
        """
        if not texts:
            return
        groups = _groups(texts, self.batch_size)
        payload = ["".join([escape(t) + SENTINEL + SEPARATOR for t in g]).encode("utf-8") + b"\0" for g in groups]
        pending = self._exchange(payload)
        first = 0
        for group in groups:
            parts = self._next(pending, group, first).split(SEPARATOR)
            first += len(group)
            if len(parts) == len(group) + 1 and not parts[-1].strip():
                yield from parts[:-1]
                continue
            log.debug("apertium %s: a group came back with %d parts for %d segments; one by one",
                      self.name, len(parts) - 1, len(group))
            pending = iter(list(pending))  # drain: the next exchange needs an idle pipeline
            single = self._exchange([(escape(t) + SENTINEL + "\0").encode("utf-8") for t in group])
            for i, text in enumerate(group):
                yield self._next(single, [text], first - len(group) + i)

    def _next(self, pending: Iterator[str], group: list[str], first: int) -> str:
        """The next output of ``pending``; a stall names the group's inputs (0-based, in this call)."""
        try:
            return next(pending)
        except _Stalled as err:
            longest = max(group, key=len)
            where = f"input {first}" if len(group) == 1 else f"inputs {first}-{first + len(group) - 1}"
            raise EngineError(f"{err} on {where} (the longest: {len(longest)} characters, {longest[:40]!r}); "
                              "it was killed and restarts on the next call") from None

    def _exchange(self, payload: list[bytes]) -> Iterator[str]:
        """Write every NUL-terminated item (by a writer thread) and yield each item's output."""
        proc = self._proc if self._proc is not None and self._proc.poll() is None else self._start()
        failure: list[BaseException] = []
        writer = threading.Thread(target=self._write, args=(proc, payload, failure), daemon=True)
        writer.start()
        done = 0
        try:
            for output in self._read(proc, len(payload)):
                done += 1
                yield output
        except EngineError as err:
            # A stuck stage may keep the writer blocked on a full pipe: kill before closing.
            self.close(kill=isinstance(err, _Stalled))
            raise
        finally:
            if done < len(payload):  # abandoned or failed: outputs still in flight, start afresh
                self.close(kill=True)  # the writer may be blocked on a pipe no one reads now
            writer.join(timeout=self.timeout)
        if failure:
            self.close()
            raise EngineError(f"apertium {self.name}: writing to the pipeline failed ({failure[0]})")

    def _write(self, proc: subprocess.Popen[bytes], payload: list[bytes], failure: list[BaseException]) -> None:
        assert proc.stdin is not None
        try:
            for item in payload:
                proc.stdin.write(item)
                proc.stdin.flush()
        except (OSError, ValueError) as err:  # broken pipe: the reader reports the death
            failure.append(err)

    def _read(self, proc: subprocess.Popen[bytes], count: int) -> Iterator[str]:
        """Documented hot loop: yield outputs until ``count`` NULs arrived, keeping any partial tail."""
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        chunks: list[bytes] = []
        got = 0
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while got < count:
                if not sel.select(self.timeout):
                    raise _Stalled(f"apertium {self.name}: no output for {self.timeout:g} s, pipeline stuck")
                data = os.read(fd, _READ_SIZE)
                if not data:
                    raise EngineError(self._death_message(got, count))
                *done, rest = data.split(b"\0")
                if done:
                    done[0] = b"".join(chunks) + done[0]
                    chunks = []
                    if got + len(done) > count:
                        raise EngineError(f"apertium {self.name}: {got + len(done)} outputs for {count} inputs")
                    for item in done:
                        got += 1
                        yield item.decode("utf-8", errors="replace")
                chunks.append(rest)
        if any(chunks):
            raise EngineError(f"apertium {self.name}: output after the last of {count} inputs")

    def _death_message(self, got: int, want: int) -> str:
        assert self._proc is not None
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout=CLOSE_WAIT)
        detail = ""
        if self._stderr is not None:
            self._stderr.seek(0)
            detail = " | ".join(self._stderr.read().decode("utf-8", errors="replace").split("\n")).strip()
            detail = detail[-STDERR_TAIL:]
        code = self._proc.returncode
        return (f"apertium {self.name}: the pipeline exited (code {code}) after {got} of {want} segments"
                + (f": {detail}" if detail else ""))

    def close(self, kill: bool = False) -> None:
        """End the pipeline: close its input, give it a moment, then kill the group.

        Args:
            kill: kill the group first (a stuck pipeline: closing its input could block on
                the writer thread, which waits on a pipe nobody reads).
        """
        proc, self._proc = self._proc, None
        if proc is not None:
            if kill:
                with contextlib.suppress(OSError):
                    os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(OSError, ValueError):
                assert proc.stdin is not None
                proc.stdin.close()
            try:
                proc.wait(timeout=CLOSE_WAIT)  # bash exits once every stage has
            except subprocess.TimeoutExpired:
                log.debug("killing apertium %s", self.name)
                with contextlib.suppress(OSError):
                    os.killpg(proc.pid, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=CLOSE_WAIT)
            if proc.stdout is not None:
                proc.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
