"""``translate --lines`` streams: first lines out before the input ends, --jobs gives the same output,
a closed pipe ends quietly, engines registered at run time reach worker processes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from alignkit.corpus.executor import InlineExecutor, LocalExecutor
from alignkit.translate.lines import Chunk, LinesSpec, chunked, translate_stream
from alignkit.translate.registry import ENGINES

ROOT = Path(__file__).resolve().parents[2]
FAKE = ROOT / "bench" / "fakes" / "alignkit_fake.py"


def test_chunks_start_small_and_keep_every_line() -> None:
    lines = [f"l{i}" for i in range(600)]
    chunks = list(chunked(lines, first=16, size=256))
    assert [len(c.lines) for c in chunks] == [16, 256, 256, 72]
    assert [line for c in chunks for line in c.lines] == lines
    assert [c.seq for c in chunks] == [0, 1, 2, 3]
    assert list(chunked([])) == []
    assert list(chunked(["only"])) == [Chunk(0, ("only",))]


def _fake_registered() -> None:
    sys.path.insert(0, str(FAKE.parent))
    import fast_engine  # noqa: PLC0415

    ENGINES.register("fastfake", fast_engine.FastEngine)


def test_two_worker_processes_give_the_output_of_one() -> None:
    _fake_registered()
    try:
        lines = [f"word{i} and more{i}" for i in range(700)] + ["", "  ", "last one"]
        spec = LinesSpec("fastfake", "en", "es")
        one = "".join(translate_stream(lines, spec, InlineExecutor()))
        two = "".join(translate_stream(lines, spec, LocalExecutor(2)))  # spawned workers: the engine reaches them
        assert one == two
        out = one.split("\n")
        assert len(out) == len(lines) + 1 and out[-1] == ""
        assert out[0] == "more0 and word0"  # the fake engine reverses the words
        assert out[700] == "" and out[701] == ""  # empty and blank lines stay empty
    finally:
        ENGINES.unregister("fastfake")


def test_first_lines_come_out_before_the_input_ends_and_a_closed_pipe_is_quiet() -> None:
    cmd = [sys.executable, str(FAKE), "translate", "-", "--lines", "--to", "es", "--engine", "fastfake", "--no-tm",
           "--jobs", "1"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"".join(b"the house is red %d\n" % i for i in range(20)))
    proc.stdin.flush()  # the input is still open: nothing forces the tool to wait for its end
    t0 = time.monotonic()
    first = proc.stdout.readline()
    assert first == b"0 red is house the\n" and time.monotonic() - t0 < 30
    proc.stdout.close()  # the reader goes away, like `| head -1`
    try:
        proc.stdin.write(b"".join(b"more %d\n" % i for i in range(200_000)))
        proc.stdin.close()
    except BrokenPipeError:
        pass
    assert proc.wait(timeout=60) == 0
    assert proc.stderr is not None and proc.stderr.read() == b""
