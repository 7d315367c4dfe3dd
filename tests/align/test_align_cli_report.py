"""`alignkit align --report FILE`: the HTML alignment report written beside every output format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.formats.ladder import parse_ladder
from alignkit.types import Alignment

CITIES = ["Oslo", "Lima", "Quito", "Dakar", "Hanoi", "Riga", "Tunis", "Accra", "Sofia", "Minsk"]


def write_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Ten numbered English sentences; the Spanish drops sentence 3 and merges two later ones."""
    src = [f"In {1990 + i}, the committee of {c} approved plan number {100 + 7 * i} after {i + 2} votes."
           for i, c in enumerate(CITIES)]
    tgt = [f"En {1990 + i}, el comité de {c} aprobó el plan número {100 + 7 * i} tras {i + 2} votos."
           for i, c in enumerate(CITIES)]
    del tgt[3]
    tgt[5:7] = [tgt[5] + " " + tgt[6]]
    (tmp_path / "a.en").write_text("\n".join(src) + "\n", encoding="utf-8")
    (tmp_path / "a.es").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return tmp_path / "a.en", tmp_path / "a.es"


def run(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args])


def base(tmp_path: Path) -> list[object]:
    src, tgt = write_pair(tmp_path)
    return ["align", src, tgt, "--src-lang", "en", "--tgt-lang", "es", "--no-mt"]


def ladder_of(tmp_path: Path) -> Alignment:
    res = run(*base(tmp_path))
    assert res.exit_code == 0, res.output
    return parse_ladder(res.stdout)


def assert_report_matches(html: str, alignment: Alignment) -> None:
    """One plot mark per bead, in order, and exactly the non-1:1 beads listed (with their sentences)."""
    kinds = re.findall(r'<rect class="bead[^"]*" data-kind="([^"]+)"', html)
    assert kinds == [b.kind for b in alignment.beads]
    odd = [b for b in alignment.beads if b.kind != "1:1"]
    listed = re.findall(r'<tr><td><a href="#b(\d+)">([^<]+)</a>', html)
    assert [kind for _, kind in listed] == [b.kind for b in odd]
    assert f"{len(odd)} not 1:1" in html


def test_ladder_to_stdout_and_report_to_file(tmp_path):
    report = tmp_path / "a.html"
    res = run(*base(tmp_path), "--report", report)
    assert res.exit_code == 0, res.output
    alignment = parse_ladder(res.stdout)  # stdout holds the ladder only, not the report's path
    assert {b.kind for b in alignment.beads} >= {"1:0", "2:1"}  # the report has something to list
    html = report.read_text(encoding="utf-8")
    assert_report_matches(html, alignment)
    # the dropped sentence is listed with its text, facing an empty target side
    table = html[html.index('<table class="beads">'):html.index("</table>")]
    assert "committee of Dakar" in table and "nothing on this side" in table
    assert "a.en ↔ a.es" in html


@pytest.mark.parametrize("fmt", ["tsv", "moses", "tmx", "jsonl"])
def test_report_with_every_pair_format(tmp_path, fmt):
    alignment = ladder_of(tmp_path)
    out, report = tmp_path / f"out.{fmt}", tmp_path / "r.html"
    res = run(*base(tmp_path), "--format", fmt, "--out", out, "--report", report)
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    written = [p for p in tmp_path.iterdir() if p.name.startswith("out.")]
    assert written, "the corpus itself must still be written"
    # pair formats leave out the 1:0 bead, the report does not
    assert_report_matches(report.read_text(encoding="utf-8"), alignment)


@pytest.mark.parametrize(("report", "message"), [
    ("missing-dir/r.html", "does not exist"),
    ("-", "needs a file name"),
    ("out.tsv", "is also --out"),
], ids=["no-directory", "stdout", "same-as-out"])
def test_bad_report_path_fails_before_writing_anything(tmp_path, monkeypatch, report, message):
    monkeypatch.chdir(tmp_path)
    res = run(*base(tmp_path), "--format", "tsv", "--out", "out.tsv", "--report", report)
    assert res.exit_code != 0 and message in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "out.tsv").exists()
    assert not list(tmp_path.glob("**/*.html")) and not list(tmp_path.glob(".*.tmp"))


def test_segment_report_uses_the_segmented_sentences(tmp_path):
    src, tgt = write_pair(tmp_path)
    # running text: one paragraph per file, sentences found by the segmenter
    for p in (src, tgt):
        p.write_text(p.read_text(encoding="utf-8").replace("\n", " ").strip() + "\n", encoding="utf-8")
    report = tmp_path / "s.html"
    res = run("align", src, tgt, "--src-lang", "en", "--tgt-lang", "es", "--no-mt", "--segment", "--report", report)
    assert res.exit_code == 0, res.output
    html = report.read_text(encoding="utf-8")
    assert_report_matches(html, parse_ladder(res.stdout))
    assert "10 en sentences" in html and "9 es sentences" in html  # the merged line splits again
