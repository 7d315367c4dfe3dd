"""Progress: tqdm bars on a real pseudo-terminal, log lines elsewhere, nothing when quiet."""

from __future__ import annotations

import io
import os
import re
import select
import struct
import subprocess
import sys
import time

import pytest

from alignkit.progress import Progress

SCRIPT = """
import sys, time
from alignkit.progress import Progress
with Progress() as progress:
    es = progress.task("es", total=50)
    fr = progress.task("fr")
    for _ in range(50):
        es.update()
        fr.update(2)
        time.sleep(0.002)
"""


def read_until_exit(fd: int, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> bytes:
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the slave side closed (Linux gives EIO)
                break
            if not data:
                break
            out += data
        elif proc.poll() is not None:
            break
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(("rows", "columns"), [(24, 100), (0, 0)], ids=["sized", "unsized"])
def test_bars_on_a_pseudo_terminal(rows: int, columns: int) -> None:
    import fcntl
    import pty
    import termios

    master, slave = pty.openpty()
    # An unsized pseudo-terminal (0 x 0, as in some CI runners) must still show the bars.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=slave)
    os.close(slave)
    try:
        out = read_until_exit(master, proc).decode("utf-8", "replace")
    finally:
        os.close(master)
    assert proc.wait(timeout=30) == 0
    assert "\r" in out  # a bar redraws itself in place
    assert re.search(r"es: 100%\|[█#]+\| 50/50 \[", out), out
    assert re.search(r"fr: 100seg \[", out), out  # no total: a count, no percentage
    assert "seg/s" in out


def test_log_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(stream=stream, interval=0) as progress:
        task = progress.task("es", total=4)
        task.update(1)
        task.update(3)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert re.fullmatch(r"es: 1/4 seg, \d+ seg/s, ETA \d+s", lines[0])
    assert re.fullmatch(r"es: 4/4 seg, \d+ seg/s, done in \d+s", lines[-1])


def test_log_lines_wait_for_the_interval_and_total_may_come_late() -> None:
    stream = io.StringIO()
    with Progress(stream=stream, interval=3600) as progress:
        task = progress.task("fr", unit="line")
        task.update(5)
        task.set_total(10)
    assert stream.getvalue() == stream.getvalue().splitlines()[0] + "\n"  # only the final line
    assert re.fullmatch(r"fr: 5/10 line, \d+ line/s, done in \d+s\n", stream.getvalue())


def test_a_task_without_total_logs_its_count() -> None:
    stream = io.StringIO()
    with Progress(stream=stream, interval=0) as progress:
        progress.task("pt", unit="doc").update(7)
    assert re.match(r"pt: 7 doc, \d+ doc/s\n", stream.getvalue())


def test_quiet_writes_nothing() -> None:
    stream = io.StringIO()
    with Progress(stream=stream, quiet=True, interval=0, force_tty=True) as progress:
        task = progress.task("es", total=3)
        task.update(3)
        task.set_total(4)
    assert stream.getvalue() == ""


def test_force_tty_draws_a_bar_on_any_stream() -> None:
    stream = io.StringIO()
    with Progress(stream=stream, force_tty=True) as progress:
        progress.task("ca", total=2).update(2)
    assert "ca: 100%" in stream.getvalue()
    assert "2/2" in stream.getvalue()


def test_close_twice_writes_one_final_line() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, interval=3600)
    task = progress.task("it", total=1)
    task.update()
    task.close()
    progress.close()
    assert len(stream.getvalue().splitlines()) == 1
