"""`alignkit segment` streams: the same bytes as the whole-file path, incremental stdout, closed pipes."""

from __future__ import annotations

import contextlib
import os
import random
import select
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit import textio
from alignkit.cli import main
from alignkit.segment import segment_text
from alignkit.segment.output import FORMATS, render
from tests.conftest import SEED

ALIGNKIT = [sys.executable, "-c", "from alignkit.cli import main; main()"]


def old_output(path: Path, fmt: str, segmenter: str, doc: str) -> str:
    """What `alignkit segment` wrote before it streamed: read all, segment all, render all."""
    return render(segment_text(textio.read_text(path), "en", doc, segmenter=segmenter), fmt)


@pytest.fixture(scope="module")
def long_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 2.5 MB: seed paragraphs shuffled, CRLF line ends, and a paragraph longer than the
    1 MiB buffer (no blank lines), so the CLI path cuts it."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(9)
    blocks = ["\n\n".join(rng.sample(paragraphs, len(paragraphs))) for _ in range(40)]
    one_paragraph = "\n".join(line for p in paragraphs for line in p.splitlines() if line.strip()) * 80
    path = tmp_path_factory.mktemp("stream") / "long.en.txt"
    path.write_bytes(("\n\n".join(blocks) + "\n\n" + one_paragraph + "\n").replace("\n", "\r\n").encode())
    return path


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("segmenter", ["rules", "lines"])
def test_same_bytes_as_the_whole_file_path(long_doc: Path, tmp_path: Path, fmt: str, segmenter: str) -> None:
    expected = old_output(long_doc, fmt, segmenter, "long")
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(main, ["segment", str(long_doc), "-f", fmt, "-s", segmenter, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == expected.encode()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_seed_to_stdout_same_bytes(fmt: str) -> None:
    res = CliRunner().invoke(main, ["segment", str(SEED), "-f", fmt])
    assert res.exit_code == 0
    assert res.stdout_bytes == old_output(SEED, fmt, "rules", "putin-war-israel-2025").encode()


def test_bad_byte_late_in_the_input_leaves_out_untouched(tmp_path: Path) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(b"A sentence. Another one.\n\n" * 40_000 + b"\xff")
    out = tmp_path / "out.txt"
    out.write_text("previous run\n")
    res = CliRunner().invoke(main, ["segment", str(src), "-o", str(out)])
    assert res.exit_code != 0
    assert f"not valid UTF-8 at byte {40_000 * 26}" in res.output
    assert out.read_text() == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out.txt"]  # no temporary file left


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipe") / "big.txt"
    path.write_text("The house is red. It has a door.\n\n" * 60_000, encoding="utf-8")  # ~2 MB of output
    return path


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_closed_pipe_exits_0_without_a_word(big_input: Path, fmt: str) -> None:
    seg = subprocess.Popen([*ALIGNKIT, "segment", str(big_input), "-f", fmt], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    head = subprocess.Popen(["head", "-1"], stdin=seg.stdout, stdout=subprocess.PIPE)
    assert seg.stdout is not None and seg.stderr is not None
    seg.stdout.close()  # only head holds the pipe now: its exit closes it
    first, _ = head.communicate(timeout=60)
    err = seg.stderr.read()
    assert seg.wait(timeout=60) == 0
    assert err == b""  # no traceback, no "Exception ignored ... BrokenPipeError"
    assert first.startswith(b"The house is red." if fmt == "text" else b'{"id": "big:p0:s0"')


def test_stdout_gets_segments_before_stdin_ends() -> None:
    proc = subprocess.Popen([*ALIGNKIT, "segment", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    stdin = proc.stdin

    def feed() -> None:  # in a thread: the child's full stdout pipe may block this write
        with contextlib.suppress(BrokenPipeError):
            stdin.write(b"One sentence here. And a second.\n\n" * 40_000)  # ~1.4 MB; stdin stays open
            stdin.flush()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "no output while stdin was still open"
        assert os.read(proc.stdout.fileno(), 100).startswith(b"One sentence here.\nAnd a second.\n\n")
        assert proc.poll() is None  # still running: it has not seen the end of its input
    finally:
        proc.stdout.close()  # the child's next write fails: it ends quietly, and the feeder with it
        feeder.join(timeout=60)
        with contextlib.suppress(BrokenPipeError):
            stdin.close()
        proc.wait(timeout=60)
