"""The translation memory in a corpus run: a second run makes no engine call; --no-tm; a corrupt TM."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.corpus.conftest import invoke, make_docs, snapshot


def _run(inputs: Path, out: Path, *tm_args: str):  # type: ignore[no-untyped-def]
    return invoke(["run", str(inputs), "--to", "es,fr", "--engine", "reverse", "--out", str(out), "--jobs", "1",
                   "--quiet", *tm_args])


def test_second_run_comes_from_the_tm_byte_identical(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", ["a.en.txt", "b.en.txt"], per_doc=4)
    tm = tmp_path / "tm.sqlite"
    first = _run(tmp_path / "in", tmp_path / "o1", "--tm", str(tm))
    assert first.exit_code == 0, first.output
    assert "engine calls: en>es 8, es>fr 8" in first.output  # fr goes through es: each leg once per text
    second = _run(tmp_path / "in", tmp_path / "o2", "--tm", str(tm))
    assert second.exit_code == 0, second.output
    assert "engine calls: none (all from the TM)" in second.output
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2")
    # the same command into the same --out: also served from the TM, same bytes
    third = _run(tmp_path / "in", tmp_path / "o1", "--tm", str(tm))
    assert "engine calls: none (all from the TM)" in third.output
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2")


def test_no_tm_creates_no_tm_file(tmp_path: Path) -> None:
    (src,) = make_docs(tmp_path / "in", ["a.en.txt"])
    home = Path(os.environ["ALIGNKIT_HOME"])  # the test's own (tests/conftest.py)
    default = home / "tm.sqlite"
    res = _run(src, tmp_path / "o1", "--no-tm")
    assert res.exit_code == 0, res.output
    assert not default.exists() and not list(tmp_path.rglob("*.sqlite*")) and not list(home.rglob("*.sqlite*"))
    res = _run(src, tmp_path / "o2", "--no-tm")
    assert "engine calls: en>es 4, es>fr 4" in res.output  # nothing remembered
    res = _run(src, tmp_path / "o3")  # without --no-tm: the default TM
    assert res.exit_code == 0 and default.exists()


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database at all\n" * 200)


def _truncated(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x TEXT)")
        con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])


def _other_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE songs (title TEXT)")


@pytest.mark.parametrize("damage", [_garbage, _truncated, _other_sqlite], ids=["garbage", "damaged", "not-a-tm"])
def test_corrupt_tm_is_one_line_naming_it_and_nothing_is_written(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    (src,) = make_docs(tmp_path / "in", ["a.en.txt"])
    tm = tmp_path / "bad.sqlite"
    damage(tm)
    before = tm.read_bytes()
    out = tmp_path / "out"
    res = _run(src, out, "--tm", str(tm))
    assert res.exit_code != 0, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and str(tm) in lines[0] and "Traceback" not in res.output, res.output
    assert not out.exists() or not any(out.iterdir())
    assert tm.read_bytes() == before  # and the damaged file is left as it was, for the user to look at


def test_two_runs_share_one_tm_at_once(tmp_path: Path) -> None:
    """Two processes writing one TM at the same time: both succeed, same files, every text stored once."""
    import subprocess
    import sys

    from tests.corpus.conftest import CLI, subprocess_env

    make_docs(tmp_path / "in", [f"d{i}.en.txt" for i in range(4)], per_doc=6)
    tm = tmp_path / "tm.sqlite"
    procs = [subprocess.Popen([sys.executable, "-c", CLI, "run", str(tmp_path / "in"), "--to", "es", "--engine",
                               "slowrev", "--out", str(tmp_path / f"o{k}"), "--tm", str(tm), "--jobs", "1",
                               "--shard-size", "3", "--quiet"],
                              env=subprocess_env(ALIGNKIT_FAKE_DELAY="0.01"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for k in (1, 2)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2")
    with sqlite3.connect(tm) as con:
        assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 24
    res = invoke(["run", str(tmp_path / "in"), "--to", "es", "--engine", "slowrev", "--out", str(tmp_path / "o3"),
                  "--tm", str(tm), "--jobs", "1", "--shard-size", "3", "--quiet"])
    assert res.exit_code == 0, res.output
    assert "engine calls: none (all from the TM)" in res.output  # a third run finds them all
