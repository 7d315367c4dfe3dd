"""How the top-level group turns failures into one line on stderr and a non-zero exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import alignkit.cli.run as run_cli
import alignkit.segment.document as segment_document
from alignkit.cli import main


def _interrupt(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_during_segment_is_one_line_and_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "a.en.txt"
    doc.write_text("One sentence. Another one.\n", encoding="utf-8")
    monkeypatch.setattr(segment_document, "stream_file", _interrupt)
    res = CliRunner().invoke(main, ["segment", str(doc)])
    assert res.exit_code == 130
    assert res.stderr == "alignkit: interrupted\n"


def test_ctrl_c_during_run_leaves_no_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "a.en.txt"
    doc.write_text("One sentence. Another one.\n", encoding="utf-8")
    out = tmp_path / "out"
    monkeypatch.setattr(run_cli, "_run", _interrupt)
    res = CliRunner().invoke(main, ["run", str(doc), "--to", "es", "--out", str(out)])
    assert res.exit_code == 130
    assert res.stderr.splitlines() == ["alignkit: interrupted"]
    assert not out.exists() or not any(out.iterdir())


def test_out_naming_a_directory_is_one_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.en.txt"
    doc.write_text("One sentence. Another one.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["segment", str(doc), "--out", str(tmp_path)])
    assert res.exit_code != 0 and res.exit_code != 1
    assert res.stderr == f"alignkit: error: {tmp_path}: is a directory, expected a file name\n"
