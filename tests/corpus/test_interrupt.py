"""Ctrl-C in the middle of a run: exit 130, the previous set intact, and the rerun resumes from the TM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus.conftest import CLI, leftovers, make_docs, run_cli, snapshot, subprocess_env
from tests.corpus.conftest import tm_entries as _tm_entries

CALLS = re.compile(r"engine calls: en>es (\d+)")


@pytest.mark.parametrize(("jobs", "group"), [("1", False), ("2", True)],
                         ids=["one-job-sigint-to-driver", "two-jobs-sigint-to-group"])
def test_ctrl_c_keeps_the_previous_set_and_the_rerun_resumes(tmp_path: Path, jobs: str, group: bool) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x.en.txt").write_text("An older document. It was translated before.\n", encoding="utf-8")
    make_docs(tmp_path / "in", [f"d{i:02d}.en.txt" for i in range(10)], per_doc=10)
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    args = ["--to", "es", "--engine", "slowrev", "--out", str(out), "--tm", str(tm), "--quiet", "--jobs", jobs,
            "--shard-size", "5"]
    res = run_cli(["run", str(tmp_path / "old"), *args[:-4], "--jobs", "1"], ALIGNKIT_FAKE_DELAY="0")
    assert res.returncode == 0, res.stderr
    previous = snapshot(out)

    proc = subprocess.Popen([sys.executable, "-c", CLI, "run", str(tmp_path / "in"), *args],
                            env=subprocess_env(ALIGNKIT_FAKE_DELAY="0.1"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            # a shell's background job (`cmd &`) ignores SIGINT, and children inherit
                            # that: give the run the default a terminal's foreground command has
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        before = _tm_entries(tm)
        deadline = time.monotonic() + 90
        while _tm_entries(tm) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # until some units of the new run are done (and in the TM)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        if group:  # what a terminal's Ctrl-C does: SIGINT to the whole foreground group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGINT)
        _stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert snapshot(out) == previous  # the previous set, untouched
    assert leftovers(out) == []  # an interrupted run cleans up after itself: no lock, no staging
    done = _tm_entries(tm) - before
    assert 0 < done < 100

    again = run_cli(["run", str(tmp_path / "in"), *args], ALIGNKIT_FAKE_DELAY="0")
    assert again.returncode == 0, again.stderr
    calls = int(CALLS.search(again.stdout).group(1))  # type: ignore[union-attr]
    assert calls == 100 - done  # only what was not done
    assert leftovers(out) == []
    # the same files as an uninterrupted run
    ref = run_cli(["run", str(tmp_path / "in"), *args[:4], "--out", str(tmp_path / "ref"), "--no-tm", "--quiet",
                   "--jobs", "1", "--shard-size", "5"], ALIGNKIT_FAKE_DELAY="0")
    assert ref.returncode == 0, ref.stderr
    assert snapshot(out) == snapshot(tmp_path / "ref")
