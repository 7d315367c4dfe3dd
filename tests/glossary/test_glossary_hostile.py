"""Glossary files that used to end in a traceback (found by the fuzz harness, issue 12)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from alignkit.cli import main


def test_csv_cell_over_the_csv_field_limit_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text('en,es\nwar,guerra\n"' + "x" * 200_000 + '",y\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["glossary", "check", str(path)])
    assert res.exit_code == 5 and isinstance(res.exception, SystemExit)
    assert res.stderr.splitlines() == ["alignkit: error: g.csv: line 3: field larger than field limit (131072)"]


def test_control_character_cannot_go_to_tbx_is_one_line(tmp_path: Path) -> None:
    src, dst = tmp_path / "g.tsv", tmp_path / "g.tbx"
    # one control character in enough text not to look binary
    src.write_text("en\tes\nwar\x01x\tguerra\nlove\tamor\nhouse\tcasa\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["glossary", "convert", str(src), str(dst)])
    assert res.exit_code == 5 and isinstance(res.exception, SystemExit)
    assert len(res.stderr.splitlines()) == 1 and "cannot be written as TBX" in res.stderr
    assert not dst.exists()
