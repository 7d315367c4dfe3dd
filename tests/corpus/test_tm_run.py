"""The translation memory in a corpus run: a second run makes no engine call; --no-tm; a corrupt TM."""

from __future__ import annotations

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
    default = tmp_path / "home" / "tm.sqlite"  # $ALIGNKIT_HOME is tmp_path/home (conftest)
    res = _run(src, tmp_path / "o1", "--no-tm")
    assert res.exit_code == 0, res.output
    assert not default.exists() and not list(tmp_path.rglob("*.sqlite*"))
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
