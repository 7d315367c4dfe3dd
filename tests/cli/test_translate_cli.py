"""`alignkit translate` and `alignkit engines` through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from tests.conftest import needs_apertium_pair


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def apertium() -> None:
    needs_apertium_pair("eng-spa")


def test_lines_keep_count_and_empty_lines(runner: CliRunner, apertium: None) -> None:
    text = "Hello world.\n\nThe house is red.\n   \nKyiv refused the offer.\n"
    result = runner.invoke(main, ["translate", "-", "--lines", "--to", "es"], input=text)
    assert result.exit_code == 0, result.output
    assert result.output == "Hola mundo.\n\nLa casa es roja.\n\nKyiv rechazó la oferta.\n"


def test_lines_through_pivot_to_file(runner: CliRunner, apertium: None, tmp_path: Path) -> None:
    needs_apertium_pair("es-fr")
    src = tmp_path / "in.en"
    src.write_text("The house is red.\nHello world.")
    out = tmp_path / "out.fr"
    result = runner.invoke(main, ["translate", str(src), "--lines", "--to", "fr", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().split("\n")[0] == "La maison est rouge."
    assert len(out.read_text().splitlines()) == 2


def test_document_keeps_paragraphs(runner: CliRunner, apertium: None, tmp_path: Path) -> None:
    src = tmp_path / "doc.txt"
    src.write_text("The house is red. Hello world.\n\nThe 28-point proposal was rejected.\n")
    result = runner.invoke(main, ["translate", str(src), "--to", "es"])
    assert result.exit_code == 0, result.output
    paragraphs = result.output.split("\n\n")
    assert paragraphs[0] == "La casa es roja. Hola mundo."
    assert "propuesta de 28 puntos" in paragraphs[1]
    assert result.output.endswith("\n")


@pytest.mark.parametrize(("args", "content", "message", "code"), [
    (["missing.txt", "--to", "es"], None, "missing.txt: no such file", 2),
    (["{dir}", "--to", "es"], None, "is a directory", 2),
    (["{file}", "--to", "es"], b"", "is empty", 2),
    (["{file}", "--to", "es"], b"  \n\n ", "contains only whitespace", 2),
    (["{file}", "--to", "es"], b"\x00\x01\x02binary\x00", "binary", 2),
    (["{file}", "--to", "es"], b"caf\xe9 au lait", "not valid UTF-8 at byte 3", 2),
    (["{file}", "--to", "xx"], b"Hello.", "unknown language code 'xx'", 2),
    (["{file}", "--to", "es", "--from", "klingon"], b"Hello.", "unknown language code 'klingon'", 2),
    (["{file}", "--to", "de"], b"Hello.", "no Apertium pair for en->de", 3),
    (["{file}", "--to", "es,fr"], b"Hello.", "one --to language", 2),
    (["{file}", "--to", "es", "--engine", "moses"], b"Hello.", "unknown engine 'moses'; choose one of", 2),
    (["{file}", "--to", "es", "--option", "batch_size"], b"Hello.", "expected KEY=VALUE", 2),
    (["{file}", "--to", "es", "--option", "colour=red"], b"Hello.", "unknown apertium option(s) colour", 2),
], ids=["missing", "directory", "empty", "whitespace", "binary", "latin1", "bad-target", "bad-source",
        "no-pair", "several-targets", "unknown-engine", "malformed-option", "unknown-option"])
def test_bad_input_is_one_line_error(runner: CliRunner, apertium: None, tmp_path: Path, args: list[str],
                                     content: bytes | None, message: str, code: int) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    args = [a.format(file=path, dir=tmp_path) for a in args]
    out = tmp_path / "out.txt"
    result = runner.invoke(main, ["translate", *args, "--out", str(out)])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert not out.exists()


def test_engines_lists_pairs_and_routes(runner: CliRunner, apertium: None) -> None:
    result = runner.invoke(main, ["engines", "--engine", "apertium"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("apertium (")
    assert "en->es" in result.output
    if "es->fr" in result.output:
        assert "en->fr (en>es>fr)" in result.output


def test_engines_options_need_an_engine(runner: CliRunner) -> None:
    result = runner.invoke(main, ["engines", "--option", "batch_size=3"])
    assert result.exit_code == 2
    assert "need --engine" in result.output


def test_help_has_examples(runner: CliRunner) -> None:
    for cmd in ("translate", "engines"):
        result = runner.invoke(main, [cmd, "--help"])
        assert result.exit_code == 0
        assert "Examples:" in result.output and f"alignkit {cmd}" in result.output
