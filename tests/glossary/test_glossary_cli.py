"""`alignkit glossary` commands: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from alignkit.cli import main

TSV = "en\tes\tfr\tnote\nKyiv|Kiev\tKiev\tKiev\tcapital\nMinsk\tMinsk\tMinsk\t\nMinsk Agreements\tacuerdos de Minsk\taccords de Minsk\t\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_ok_and_bad(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["glossary", "check", str(_write(tmp_path, "g.tsv", TSV))])
    assert ok.exit_code == 0 and "ok, 3 terms in en, es, fr (sha256:" in ok.output
    bad = runner.invoke(main, ["glossary", "check", str(_write(tmp_path, "b.tsv", "en\tzz\nKyiv\t\nKyiv\tx\n"))])
    assert bad.exit_code == 5
    assert "line 1: unknown language code 'zz'" in bad.output and "Traceback" not in bad.output
    assert "line 3: duplicate concept 'Kyiv' (first on line 2)" in bad.output   # every problem, one per line
    missing = runner.invoke(main, ["glossary", "check", str(tmp_path / "nope.tsv")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_convert_round_trip(tmp_path: Path) -> None:
    runner = CliRunner()
    src = _write(tmp_path, "g.tsv", TSV)
    assert runner.invoke(main, ["glossary", "convert", str(src), str(tmp_path / "g.tbx")]).exit_code == 0
    assert "<termEntry" in (tmp_path / "g.tbx").read_text(encoding="utf-8")
    assert runner.invoke(main, ["glossary", "convert", str(tmp_path / "g.tbx"), str(tmp_path / "back.csv")]).exit_code == 0
    assert (tmp_path / "back.csv").read_text(encoding="utf-8").splitlines()[1] == "Kyiv|Kiev,Kiev,Kiev,capital"
    bad = runner.invoke(main, ["glossary", "convert", str(src), str(tmp_path / "g.docx")])
    assert bad.exit_code == 2 and "unknown glossary format" in bad.output
    assert not (tmp_path / "g.docx").exists()


def test_match_shows_terms(tmp_path: Path) -> None:
    runner = CliRunner()
    text = _write(tmp_path, "t.txt", "Kyiv's view of the Minsk Agreements.\nMinsk talks.\n")
    res = runner.invoke(main, ["glossary", "match", str(_write(tmp_path, "g.tsv", TSV)), str(text), "--lang", "en"])
    assert res.exit_code == 0
    lines = [x for x in res.output.splitlines() if "\t" in x]
    assert lines == ["1:1\tKyiv's\tes=Kiev  fr=Kiev", "1:20\tMinsk Agreements\tes=acuerdos de Minsk  fr=accords de Minsk",
                     "2:1\tMinsk\tes=Minsk  fr=Minsk"]
    nolang = runner.invoke(main, ["glossary", "match", str(tmp_path / "g.tsv"), str(text), "--lang", "de"])
    assert nolang.exit_code == 5 and "has no 'de' column" in nolang.output


def test_check_binary_tbx_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    res = CliRunner().invoke(main, ["glossary", "check", str(path)])
    assert res.exit_code == 2
    assert res.stderr == f"alignkit: error: {path}: looks like binary data (NUL bytes), not a TBX file\n"


def test_check_utf16_tbx_is_not_binary(tmp_path: Path) -> None:
    tbx = ('<?xml version="1.0" encoding="UTF-16"?><martif type="TBX"><text><body><termEntry>'
           '<langSet xml:lang="en"><tig><term>Kyiv</term></tig></langSet>'
           '<langSet xml:lang="es"><tig><term>Kiev</term></tig></langSet></termEntry></body></text></martif>')
    path = tmp_path / "g.tbx"
    path.write_bytes(tbx.encode("utf-16"))
    res = CliRunner().invoke(main, ["glossary", "check", str(path)])
    assert res.exit_code == 0 and "ok, 1 terms in en, es" in res.output
