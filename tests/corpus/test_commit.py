"""All or nothing: a run killed at any rename of its commit leaves the old set or (recovered) the new one.

A subprocess runs the CLI with ``os.replace`` inside :mod:`alignkit.corpus.outdir` swapped for
one that dies (``os._exit(9)``, as abrupt as SIGKILL: no ``finally``, no cleanup) on its k-th
call. Call 1 is the commit point (staging renamed to ``.alignkit-commit``); calls 2... move the
files into place, ``run.json`` last.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from alignkit.formats.run import read_corpus
from tests.corpus.conftest import invoke, leftovers, make_docs, snapshot, subprocess_env

DIE_AT_RENAME = """
import os, sys, types
import alignkit.corpus.outdir as outdir
real, calls, die_at = os.replace, [0], int(os.environ["DIE_AT_RENAME"])
def replace(src, dst):
    calls[0] += 1
    if calls[0] == die_at:
        os._exit(9)
    real(src, dst)
outdir.os = types.SimpleNamespace(**{**vars(os), "replace": replace})
from alignkit.cli import main
main(sys.argv[1:], prog_name="alignkit")
"""


def _run_args(inputs: Path, out: Path, tm: Path, to: str) -> list[str]:
    return ["run", str(inputs), "--to", to, "--engine", "reverse", "--out", str(out), "--tm", str(tm),
            "--quiet", "--jobs", "1"]


def _killed_run(args: list[str], die_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", DIE_AT_RENAME, *args], capture_output=True, text=True,
                          env=subprocess_env(DIE_AT_RENAME=str(die_at)), timeout=120)


def _complete(out: Path) -> dict[str, bytes]:
    """The set ``out`` holds, checked against its ``run.json``: every file listed, with its sha256."""
    files = snapshot(out)
    meta = json.loads(files["run.json"])
    for name, digest in meta["files"].items():
        assert name in files, f"{name} listed in run.json but missing"
        assert hashlib.sha256(files[name]).hexdigest() == digest, f"{name}: not the file run.json lists"
    return files


@pytest.fixture
def setting(tmp_path: Path) -> dict[str, object]:
    """An old complete set (docs a, b into es) in ``out``; the new run (docs a, c into es, fr) as reference."""
    old_in, new_in = tmp_path / "old", tmp_path / "new"
    make_docs(old_in, ["a.en.txt", "b.en.txt"])
    make_docs(new_in, ["a.en.txt", "c.en.txt", "d.en.txt"], per_doc=5)
    out, ref = tmp_path / "out", tmp_path / "ref"
    for inputs, target, to in ((old_in, out, "es"), (new_in, ref, "es,fr")):
        res = invoke(_run_args(inputs, target, tmp_path / "tm.sqlite", to))
        assert res.exit_code == 0, res.output
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    return {"old": snapshot(out), "new": {**snapshot(ref), "notes.txt": b"mine\n"},
            "args": _run_args(new_in, out, tmp_path / "tm.sqlite", "es,fr"), "out": out}


def test_kill_before_the_commit_point_keeps_the_previous_set(setting: dict) -> None:
    out: Path = setting["out"]
    res = _killed_run(setting["args"], die_at=1)
    assert res.returncode == 9, res.stderr
    assert snapshot(out) == setting["old"]  # staging is hidden; the old set is whole
    read_corpus(out)  # a reader recovers: the staging of the dead run is dropped
    assert _complete(out) == setting["old"]
    assert leftovers(out) == [".alignkit.lock"]  # stale until the next run takes it over
    res = invoke(setting["args"])
    assert res.exit_code == 0, res.output
    assert _complete(out) == setting["new"] and leftovers(out) == []


# The new set is 10 files (tmx, jsonl, 2 tsv, 4 moses, report, run.json): renames 2..11 install them.
@pytest.mark.parametrize(("die_at", "reader"), [(2, "read_corpus"), (3, "next-run"), (6, "read_corpus"),
                                                (11, "next-run")],
                         ids=["after-commit-point", "one-file-moved", "half-moved", "all-but-run.json"])
def test_kill_between_file_renames_completes_to_the_new_set(setting: dict, die_at: int, reader: str) -> None:
    out: Path = setting["out"]
    res = _killed_run(setting["args"], die_at=die_at)
    assert res.returncode == 9, res.stderr
    assert (out / ".alignkit-commit").is_dir()  # killed after the commit point
    on_disk = snapshot(out)
    if die_at == 2:
        assert on_disk == setting["old"]
    else:
        assert on_disk not in (setting["old"], setting["new"])  # really a mix on disk, before recovery
    if reader == "read_corpus":
        corpus = read_corpus(out)
        assert corpus.languages == ("es", "fr") and len(corpus.meta.documents) == 3
        assert leftovers(out) == [".alignkit.lock"]
    else:
        again = invoke(setting["args"])
        assert again.exit_code == 0, again.output
        assert leftovers(out) == []
    assert _complete(out) == setting["new"]
    assert json.loads((out / "run.json").read_bytes())["languages"] == ["es", "fr"]


READER_DURING_RENAMES = """
import os, sys, types
import alignkit.corpus.outdir as outdir
from alignkit.formats.run import read_corpus
real, calls, busy = os.replace, [0], [False]
def replace(src, dst):
    calls[0] += 1
    if calls[0] == 3 and not busy[0]:  # a reader opens the run now, between two of its renames
        busy[0] = True
        read_corpus(os.environ["OUT"])
        busy[0] = False
    real(src, dst)
outdir.os = types.SimpleNamespace(**{**vars(os), "replace": replace})
from alignkit.cli import main
main(sys.argv[1:], prog_name="alignkit")
"""


@pytest.mark.xfail(reason="bug: recover() run by a reader (read_corpus) while the run itself is completing its "
                          "commit moves the files the run is about to move; the run's os.replace then raises "
                          "FileNotFoundError and the run fails with 'cannot complete an interrupted commit'",
                   strict=True)
def test_a_reader_during_the_final_renames_does_not_break_the_run(setting: dict) -> None:
    out: Path = setting["out"]
    res = subprocess.run([sys.executable, "-c", READER_DURING_RENAMES, *setting["args"]], capture_output=True,
                         text=True, env=subprocess_env(OUT=str(out)), timeout=120)
    assert _complete(out) == setting["new"]  # the reader saw (and made) the complete new set
    assert res.returncode == 0, res.stderr
    assert leftovers(out) == []


DIE_IN_CLEANUP = """
import os, sys, types, shutil
import alignkit.corpus.outdir as outdir
def rmtree(path, ignore_errors=False):
    if str(path).endswith(".alignkit-commit"):  # killed while removing the finished commit directory,
        os.unlink(os.path.join(path, "COMMIT.json"))  # its journal already gone
        os._exit(9)
    shutil.rmtree(path, ignore_errors=ignore_errors)
outdir.shutil = types.SimpleNamespace(rmtree=rmtree)
from alignkit.cli import main
main(sys.argv[1:], prog_name="alignkit")
"""


@pytest.mark.xfail(reason="bug: recover() raises OutputError ('cannot complete an interrupted commit') for a "
                          ".alignkit-commit directory without COMMIT.json, which is what a kill during its final "
                          "shutil.rmtree leaves; every later run and read_corpus then fail until the user "
                          "deletes the directory by hand", strict=True)
def test_kill_while_removing_the_finished_commit_directory(setting: dict) -> None:
    out: Path = setting["out"]
    res = subprocess.run([sys.executable, "-c", DIE_IN_CLEANUP, *setting["args"]], capture_output=True, text=True,
                         env=subprocess_env(), timeout=120)
    assert res.returncode == 9, res.stderr
    assert _complete(out) == setting["new"]  # every file is in place already
    again = invoke(setting["args"])
    assert again.exit_code == 0, again.output
    assert _complete(out) == setting["new"] and leftovers(out) == []
