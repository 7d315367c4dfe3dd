"""Progress on stderr for long runs: a tqdm bar per task on a terminal, log lines elsewhere.

Example:
    >>> import io
    >>> with Progress(stream=io.StringIO(), quiet=True) as progress:
    ...     task = progress.task("es", total=3)
    ...     task.update(3)

On a terminal every task (one per target language, say) gets its own tqdm bar with rate and
ETA. When the stream is not a terminal (a log file, CI) a bar's carriage returns would be
noise, so each task writes one plain line every ``interval`` seconds and a last one when it
closes: ``es: 1200/20000 seg, 340 seg/s, ETA 49s``. ``quiet`` writes nothing.
"""

from __future__ import annotations

import io
import os
import sys
import time
from types import TracebackType
from typing import TextIO

from tqdm import tqdm


class ProgressTask:
    """Counts the units of one task; see :meth:`Progress.task`."""

    def update(self, n: int = 1) -> None:
        """Count ``n`` more units done."""

    def set_total(self, total: int) -> None:
        """Set (or correct) the number of units expected."""

    def close(self) -> None:
        """Finish the task: its bar or final line stays."""


class _BarTask(ProgressTask):
    def __init__(self, bar: tqdm) -> None:
        self.bar = bar

    def update(self, n: int = 1) -> None:
        self.bar.update(n)

    def set_total(self, total: int) -> None:
        self.bar.total = total
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


class _LogTask(ProgressTask):
    """Writes ``name: done/total unit, rate unit/s, ETA`` every ``interval`` seconds."""

    def __init__(self, stream: TextIO, name: str, total: int | None, unit: str, interval: float) -> None:
        self.stream, self.name, self.total, self.unit, self.interval = stream, name, total, unit, interval
        self.n = 0
        self.started = self.last = time.monotonic()
        self.closed = False

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._write(now, final=False)

    def set_total(self, total: int) -> None:
        self.total = total

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._write(time.monotonic(), final=True)

    def _write(self, now: float, *, final: bool) -> None:
        elapsed = now - self.started
        rate = self.n / elapsed if elapsed > 0 else 0.0
        done = f"{self.n}/{self.total}" if self.total is not None else str(self.n)
        line = f"{self.name}: {done} {self.unit}, {rate:.0f} {self.unit}/s"
        if final:
            line += f", done in {_duration(elapsed)}"
        elif self.total is not None and rate > 0:
            line += f", ETA {_duration(max(0, self.total - self.n) / rate)}"
        self.stream.write(line + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    """``49s``, ``3m20s``, ``1h02m``."""
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


class Progress:
    """Progress of a run's tasks on ``stream``; a context manager that closes them all.

    Args:
        stream: where to write (default: ``sys.stderr`` at the time of the call).
        quiet: write nothing.
        interval: seconds between log lines when ``stream`` is not a terminal.
        force_tty: draw bars (True) or write log lines (False) whatever ``stream`` is;
            None: bars exactly when ``stream`` is a terminal.
    """

    def __init__(self, *, stream: TextIO | None = None, quiet: bool = False, interval: float = 5.0,
                 force_tty: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.interval = interval
        self.tty = force_tty if force_tty is not None else _isatty(self.stream)
        self.tasks: list[ProgressTask] = []

    def task(self, name: str, total: int | None = None, unit: str = "seg") -> ProgressTask:
        """Start a task of ``total`` units (None: unknown, e.g. stdin), shown as ``name``."""
        task: ProgressTask
        if self.quiet:
            task = ProgressTask()
        elif self.tty:
            task = _BarTask(tqdm(total=total, desc=name, unit=unit, position=len(self.tasks), leave=True,
                                 file=self.stream, **_screen(self.stream)))
        else:
            task = _LogTask(self.stream, name, total, unit, self.interval)
        self.tasks.append(task)
        return task

    def close(self) -> None:
        """Close every task (a closed one is left as it is)."""
        for task in self.tasks:
            task.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


#: Screen size when the terminal does not say: a pseudo-terminal nobody sized reports 0 x 0,
#: and tqdm then draws nothing (no column) or hides every bar (no row).
_FALLBACK_SCREEN = os.terminal_size((80, 24))


def _screen(stream: TextIO) -> dict[str, int]:
    """tqdm's ``ncols`` and ``nrows`` for ``stream``."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        size = _FALLBACK_SCREEN
    return {"ncols": size.columns or _FALLBACK_SCREEN.columns, "nrows": size.lines or _FALLBACK_SCREEN.lines}


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
