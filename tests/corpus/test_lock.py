"""One run at a time per ``--out``: a live lock is refused at once naming its pid; a stale one is taken over."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus.conftest import CLI, invoke, leftovers, make_docs, snapshot, subprocess_env


def _args(src: Path, out: Path, tm: Path) -> list[str]:
    return ["run", str(src), "--to", "es", "--engine", "reverse", "--out", str(out), "--tm", str(tm),
            "--quiet", "--jobs", "1"]


def test_live_lock_fails_at_once_naming_the_pid(tmp_path: Path) -> None:
    (src,) = make_docs(tmp_path / "in", ["doc.en.txt"])
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(["sleep", "30"])
    try:
        lock = out / ".alignkit.lock"
        lock.write_text(f"{holder.pid} {socket.gethostname()}\n", encoding="utf-8")
        res = invoke(_args(src, out, tmp_path / "tm.sqlite"))
        assert res.exit_code == 6, res.output
        lines = res.output.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in res.output, res.output
        assert f"pid {holder.pid}" in lines[0]
        # nothing was started: the lock is the other run's, no staging area, no corpus
        assert lock.read_text(encoding="utf-8") == f"{holder.pid} {socket.gethostname()}\n"
        assert leftovers(out) == [".alignkit.lock"] and snapshot(out) == {}
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("content", ["dead-pid", "empty"], ids=["dead-pid", "empty-lock-file"])
def test_stale_lock_is_taken_over(tmp_path: Path, content: str) -> None:
    (src,) = make_docs(tmp_path / "in", ["doc.en.txt"])
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # its pid now names no process
    # an empty lock: a run killed between creating the lock file and writing its pid
    text = f"{gone.pid} {socket.gethostname()}\n" if content == "dead-pid" else ""
    (out / ".alignkit.lock").write_text(text, encoding="utf-8")
    (out / f".alignkit-staging-{gone.pid}").mkdir()  # what a killed run leaves too
    (out / f".alignkit-staging-{gone.pid}" / "doc.tmx").write_text("half-written", encoding="utf-8")
    res = invoke(_args(src, out, tmp_path / "tm.sqlite"))
    assert res.exit_code == 0, res.output
    assert leftovers(out) == []
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert sorted(meta["files"]) == sorted(n for n in snapshot(out) if n != "run.json")
    assert "half-written" not in (out / "doc.tmx").read_text(encoding="utf-8")


def _tm_entries(tm: Path) -> int:
    try:
        with sqlite3.connect(f"file:{tm}?mode=ro", uri=True, timeout=1) as con:
            return int(con.execute("SELECT count(*) FROM entries").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_two_runs_on_one_out(tmp_path: Path) -> None:
    """A real second run while the first one works: refused, and the first one finishes unharmed."""
    srcs = make_docs(tmp_path / "in", [f"d{i}.en.txt" for i in range(6)], per_doc=6)
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    first = subprocess.Popen([sys.executable, "-c", CLI, "run", str(tmp_path / "in"), "--to", "es", "--engine",
                              "slowrev", "--out", str(out), "--tm", str(tm), "--quiet", "--jobs", "1",
                              "--shard-size", "2"],
                             env=subprocess_env(ALIGNKIT_FAKE_DELAY="0.05"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while _tm_entries(tm) == 0 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # wait until the first run is mid-way (it has finished a unit)
        assert first.poll() is None, "the first run ended before the second could start"
        res = invoke(_args(srcs[0], out, tmp_path / "tm2.sqlite"))
        assert res.exit_code == 6 and f"pid {first.pid}" in res.output, res.output
        assert len(res.output.strip().splitlines()) == 1
        stdout, stderr = first.communicate(timeout=90)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, stderr
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert meta["segments"] == 36 and len(meta["documents"]) == 6  # the first run's corpus, not the second's
    assert leftovers(out) == []
    assert os.path.getsize(out / "corpus.en-es.es") > 0
