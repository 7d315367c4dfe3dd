"""`alignkit segment` through click's CliRunner: formats, stdin/stdout, --out, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from alignkit.cli import main

TEXT = "Dr. Smith arrived. He left at 5 p.m.\n\nA second paragraph.\n"


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["segment", *args], input=stdin)


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "story.en.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_text_format_one_sentence_per_line(doc: Path) -> None:
    res = run(str(doc))
    assert res.exit_code == 0
    assert res.stdout == "Dr. Smith arrived.\nHe left at 5 p.m.\n\nA second paragraph.\n"


def test_jsonl_format_has_ids_and_offsets(doc: Path) -> None:
    res = run(str(doc), "--format", "jsonl", "--doc-id", "d1")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["d1:p0:s0", "d1:p0:s1", "d1:p1:s0"]
    assert list(rows[0]) == ["id", "index", "para", "sent", "start", "end", "text"]
    assert all(TEXT[r["start"]:r["end"]] == r["text"] for r in rows)


def test_tsv_format_escapes_tabs(tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_text("Col\tumn one. Two.", encoding="utf-8")
    lines = run(str(path), "-f", "tsv").stdout.splitlines()
    assert lines[0] == "id\tindex\tpara\tsent\tstart\tend\ttext"
    assert lines[1] == "tabs:p0:s0\t0\t0\t0\t0\t12\tCol\\tumn one."
    assert len(lines) == 3


def test_default_doc_id_is_the_name_without_language_and_out_file(doc: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = run(str(doc), "-f", "jsonl", "--out", str(out))
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["id"] == "story:p0:s0"


def test_stdin_spanish_and_lines_segmenter() -> None:
    res = run("-", "--lang", "spa", stdin="¿Qué tal? Bien. El Sr. Pérez llegó.")
    assert res.exit_code == 0 and res.stdout == "¿Qué tal?\nBien.\nEl Sr. Pérez llegó.\n"
    res = run("-", "--segmenter", "lines", stdin="One. Two.\nThree.\n")
    assert res.stdout == "One. Two.\n\nThree.\n"


def test_text_format_puts_wrapped_sentence_on_one_line() -> None:
    res = run("-", stdin="This sentence is\nwrapped. Next.")
    assert res.stdout == "This sentence is wrapped.\nNext.\n"


@pytest.mark.parametrize(
    ("setup", "extra", "message"),
    [
        ("missing", [], "no such file"),
        ("empty", [], "is empty"),
        ("blank", [], "contains only whitespace"),
        ("binary", [], "binary data"),
        ("latin1", [], "not valid UTF-8 at byte 2"),
        ("dir", [], "is a directory"),
        ("ok", ["--lang", "zz"], "unknown language code 'zz'"),
        ("ok", ["--segmenter", "nope"], "unknown segmenter 'nope'"),
        ("ok", ["--out", "/nonexistent-dir/x.txt"], "cannot write"),
    ],
    ids=["missing", "empty", "whitespace-only", "binary", "non-utf8", "directory", "unknown-lang",
         "unknown-segmenter", "unwritable-out"],
)
def test_bad_input_one_line_error(tmp_path: Path, setup: str, extra: list[str], message: str) -> None:
    path = tmp_path / "in.txt"
    contents = {"empty": b"", "blank": b" \n\t\n", "binary": b"\x00\x01\x02PK\x03\x04" * 20,
                "latin1": "Olá café".encode("latin-1"), "ok": b"Fine."}
    if setup == "dir":
        path.mkdir()
    elif setup in contents:
        path.write_bytes(contents[setup])
    res = run(str(path), *extra)
    assert res.exit_code != 0
    assert message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and res.stderr.startswith("alignkit: error:")
    assert "Traceback" not in res.output


def test_help_has_an_example() -> None:
    res = run("--help")
    assert res.exit_code == 0 and "alignkit segment seeds/" in res.stdout and "--format" in res.stdout
