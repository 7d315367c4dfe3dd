"""Files alignkit wrote in an earlier run and does not write now are removed; the user's files never are."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.corpus.conftest import invoke, leftovers, make_docs, snapshot


def _run(src: Path, out: Path, to: str, *extra: str) -> None:
    res = invoke(["run", str(src), "--to", to, "--engine", "reverse", "--out", str(out), "--no-tm", "--quiet",
                  "--jobs", "1", *extra])
    assert res.exit_code == 0, res.output


def test_fewer_languages_remove_the_others_files(tmp_path: Path) -> None:
    (src,) = make_docs(tmp_path / "in", ["doc.en.txt"])
    out = tmp_path / "out"
    _run(src, out, "es,fr")
    fr_files = {"doc.en-fr.tsv", "doc.en-fr.en", "doc.en-fr.fr"}
    assert fr_files <= set(snapshot(out))
    # the user's files, one of them named like a file alignkit could write (but did not)
    (out / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (out / "doc.en-de.tsv").write_text("mine too\n", encoding="utf-8")
    os.utime(out / "notes.txt", (1_000_000_000, 1_000_000_000))
    _run(src, out, "es")
    names = set(snapshot(out))
    assert not names & fr_files
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert meta["languages"] == ["es"]
    assert not any("fr" in name for name in meta["files"])
    assert names == {*meta["files"], "run.json", "notes.txt", "doc.en-de.tsv"}
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes\n"
    assert os.stat(out / "notes.txt").st_mtime == 1_000_000_000
    assert (out / "doc.en-de.tsv").read_text(encoding="utf-8") == "mine too\n"
    assert leftovers(out) == []


def test_other_formats_and_name_remove_the_old_files(tmp_path: Path) -> None:
    (src,) = make_docs(tmp_path / "in", ["doc.en.txt"])
    out = tmp_path / "out"
    _run(src, out, "es")
    (out / "keep.md").write_text("x", encoding="utf-8")
    _run(src, out, "es", "--name", "other", "--formats", "tsv", "--no-report")
    assert set(snapshot(out)) == {"other.en-es.tsv", "run.json", "keep.md"}
