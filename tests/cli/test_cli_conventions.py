"""CLI habits a new user expects: stdin for score, stdout for align, one language convention, one-line errors."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from alignkit.cli import EXIT_CODES, main
from alignkit.errors import (
    EngineError,
    GlossaryError,
    InputError,
    ModelError,
    OutputError,
)


def invoke(*args: str, stdin: str | None = None) -> object:
    return CliRunner().invoke(main, list(args), input=stdin)


def test_score_reads_the_hypothesis_from_stdin(tmp_path: Path) -> None:
    ref = tmp_path / "ref.es"
    ref.write_text("La casa es roja.\nHola mundo.\n", encoding="utf-8")
    res = invoke("score", "-", "--ref", str(ref), "--metrics", "chrf", stdin="La casa es roja.\nHola mundo.\n")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert "chrf      100.00" in res.output  # type: ignore[attr-defined]


def test_score_compare_labels_systems_by_file_name(tmp_path: Path) -> None:
    for name, text in (("ref.es", "La casa es roja.\nHola mundo.\n"), ("apertium.es", "La casa es roja.\nHola.\n"),
                       ("marian.es", "La casa roja.\nHola mundo.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    res = invoke("score", str(tmp_path / "apertium.es"), "--ref", str(tmp_path / "ref.es"),
                 "--compare", str(tmp_path / "marian.es"), "--metrics", "chrf")
    header = [line for line in res.output.splitlines() if line.startswith("metric") and "p" in line][-1]  # type: ignore[attr-defined]
    assert "apertium.es" in header and "marian.es" in header and "baseline" not in header


def test_score_of_a_tsv_shows_na_for_unknown_words(tmp_path: Path) -> None:
    tsv = tmp_path / "c.en-es.tsv"
    tsv.write_text("The house is red.\tLa casa es roja.\nHello world.\tHola mundo.\n", encoding="utf-8")
    res = invoke("score", str(tsv))
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    header, _, row = res.output.splitlines()[:3]  # type: ignore[attr-defined]
    column = header.split().index("unk%")
    assert row.split()[column] == "n/a"


def test_summary_table_is_one_definition_with_na() -> None:
    from alignkit.score.tables import summary_table

    lines = summary_table({"es": {"segments": 3, "engine": "apertium", "route": ("en", "es"), "unknown_rate": 0.05},
                           "fr": {"segments": 3, "engine": "apertium", "route": ("en", "es", "fr")}})
    assert lines[0].split() == ["lang", "segs", "engine", "route", "unk%"]
    assert lines[2].split() == ["es", "3", "apertium", "en>es", "5.0"]
    assert lines[3].split() == ["fr", "3", "apertium", "en>es>fr", "n/a"]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    src, tgt = tmp_path / "d.en", tmp_path / "d.es"
    src.write_text("The house is red.\nHello world.\nA third line here.\n", encoding="utf-8")
    tgt.write_text("La casa es roja.\nHola mundo.\nUna tercera línea aquí.\n", encoding="utf-8")
    return str(src), str(tgt)


@pytest.mark.parametrize("langs", [["--from", "en", "--to", "es"], ["-f", "en", "-t", "es"],
                                   ["--src-lang", "en", "--tgt-lang", "es"]], ids=["long", "short", "old-names"])
def test_align_tsv_to_stdout_with_summary_on_stderr(pair: tuple[str, str], langs: list[str]) -> None:
    res = invoke("align", *pair, *langs, "--no-mt", "--format", "tsv")
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert res.stdout.splitlines()[1] == "Hello world.\tHola mundo."  # type: ignore[attr-defined]
    assert res.stderr.startswith("alignkit: aligned 3 beads, 0 not 1:1, mean cost ")  # type: ignore[attr-defined]
    assert len(res.stderr.splitlines()) == 1  # type: ignore[attr-defined]


def test_align_summary_names_the_report(pair: tuple[str, str], tmp_path: Path) -> None:
    report = tmp_path / "a.html"
    res = invoke("align", *pair, "-f", "en", "-t", "es", "--no-mt", "--report", str(report))
    assert res.stderr.strip().endswith(f"; report: {report}")  # type: ignore[attr-defined]
    assert res.stdout.splitlines()[0].startswith("[0]:[0]:")  # type: ignore[attr-defined]


@pytest.mark.parametrize("args, message", [
    (["translate", "x.txt"], "Missing option '--to'"),
    (["align", "a", "b", "--bogus"], "No such option '--bogus'"),
    (["nosuch"], "No such command 'nosuch'"),
    (["score", "hyp.es", "--metrics"], "Option '--metrics' requires an argument"),
], ids=["missing", "unknown-option", "unknown-command", "no-value"])
def test_usage_errors_are_one_line(args: list[str], message: str) -> None:
    res = invoke(*args)
    assert res.exit_code == 2  # type: ignore[attr-defined]
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("alignkit: error: ")  # type: ignore[attr-defined]
    assert message in res.stderr and "--help" in res.stderr  # type: ignore[attr-defined]


def test_exit_codes_documented_match_the_error_classes() -> None:
    documented = {int(line.split()[0]) for line in EXIT_CODES.splitlines()[2:]}
    for cls in (InputError, EngineError, ModelError, GlossaryError, OutputError):
        assert cls.exit_code in documented
    assert "Exit codes:" in invoke("--help").output  # type: ignore[attr-defined]
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for code in (2, 3, 4, 5, 6):
        assert f"| {code} |" in readme


def _command(*names: str) -> click.Command:
    cmd: click.Command = main
    for name in names:
        cmd = cmd.get_command(click.Context(cmd), name)  # type: ignore[attr-defined]
    return cmd


@pytest.mark.parametrize("command", [["run"], ["translate"], ["align"], ["score"], ["report"], ["filter"],
                                     ["models", "install"]], ids=lambda c: "-".join(c))
def test_every_command_with_languages_takes_from_and_to(command: list[str]) -> None:
    cmd = _command(*command)
    opts = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)}
    assert "--from" in opts or "-f" in opts
    if command != ["filter"]:  # filter keeps every target column; it has --from only
        assert {"--to", "-t"} <= opts or command == ["score"] and "--to" in opts
    if command in (["run"], ["translate"], ["align"], ["report"], ["score"]):
        assert {"-f", "-t"} <= opts


def test_segment_and_glossary_match_take_from_as_well_as_lang() -> None:
    seg = {o for p in _command("segment").params for o in p.opts}
    match = {o for p in _command("glossary", "match").params for o in p.opts}
    assert {"--lang", "--from"} <= seg and {"--lang", "--from", "-f"} <= match


def test_translate_a_text_given_as_input_says_to_use_text() -> None:
    res = invoke("translate", "Hello world", "--to", "es")
    assert res.exit_code == 2  # type: ignore[attr-defined]
    assert res.stderr == ("alignkit: error: Hello world: no such file (to translate this text, use --text "  # type: ignore[attr-defined]
                          "'Hello world')\n")


def test_accelerator_is_for_po_only(tmp_path: Path) -> None:
    doc = tmp_path / "doc.en.txt"
    doc.write_text("Open the file.\n", encoding="utf-8")
    res = invoke("translate", str(doc), "--to", "es", "--accelerator", "&", "--no-tm")
    assert res.exit_code == 2 and "--accelerator is for PO catalogues" in res.stderr  # type: ignore[attr-defined]
