"""`alignkit report --align SRC TGT LADDER`, :func:`check_alignment`, and the page in headless Chromium."""

from __future__ import annotations

import pytest

from alignkit.errors import InputError
from alignkit.formats.ladder import parse_ladder
from alignkit.report import check_alignment, render_alignment
from alignkit.types import Alignment, Bead
from tests.align.test_align_cli_report import assert_report_matches, base, run
from tests.report.test_report_html import chromium, classes, parse


def aligned(tmp_path):  # type: ignore[no-untyped-def]
    """SRC, TGT and the ladder `alignkit align` wrote for them, plus the report it wrote alongside."""
    res = run(*base(tmp_path), "--report", tmp_path / "by-align.html")
    assert res.exit_code == 0, res.output
    ladder = tmp_path / "a.ladder"
    ladder.write_text(res.stdout, encoding="utf-8")
    return tmp_path / "a.en", tmp_path / "a.es", ladder


def test_report_align_equals_the_align_report(tmp_path):
    src, tgt, ladder = aligned(tmp_path)
    out = tmp_path / "r.html"
    res = run("report", "--align", src, tgt, ladder, "--src-lang", "en", "--tgt-lang", "es", "--out", out)
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert html == (tmp_path / "by-align.html").read_text(encoding="utf-8")
    assert_report_matches(html, parse_ladder(ladder.read_text(encoding="utf-8")))


def test_default_output_is_beside_the_ladder(tmp_path):
    src, tgt, ladder = aligned(tmp_path)
    res = run("report", "--align", src, tgt, ladder, "--src-lang", "en", "--tgt-lang", "es")
    assert res.exit_code == 0, res.output
    assert_report_matches((tmp_path / "a.ladder.html").read_text(encoding="utf-8"),
                          parse_ladder(ladder.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("args", "message"), [
    ([], "either RUN_DIR or --align"),
    (["RUN", "--align", "SRC", "TGT", "LADDER", "--src-lang", "en", "--tgt-lang", "es"], "either RUN_DIR or --align"),
    (["--align", "SRC", "TGT", "LADDER"], "needs --from and --to"),
    (["--align", "SRC", "SHORT", "LADDER", "--src-lang", "en", "--tgt-lang", "es"], "only 3 target sentences"),
    (["--align", "SRC", "TGT", "SRC", "--src-lang", "en", "--tgt-lang", "es"], "not a ladder line"),
    (["--align", "SRC", "TGT", "NONE", "--src-lang", "en", "--tgt-lang", "es"], "no such file"),
], ids=["neither", "both", "no-langs", "wrong-files", "not-a-ladder", "missing"])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, args, message):
    src, tgt, ladder = aligned(tmp_path)
    short = tmp_path / "short.es"
    short.write_text("".join(tgt.read_text(encoding="utf-8").splitlines(keepends=True)[:3]), encoding="utf-8")
    names = {"RUN": tmp_path, "SRC": src, "TGT": tgt, "LADDER": ladder, "SHORT": short, "NONE": tmp_path / "none"}
    res = run("report", *(names.get(a, a) for a in args), "--out", tmp_path / "out.html")
    assert res.exit_code != 0 and message in res.output, res.output
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1
    assert not (tmp_path / "out.html").exists()


def test_check_alignment_names_the_bead():
    al = Alignment((Bead((0,), (0,)), Bead((1, 2), ()), Bead((), (1, 5))))
    check_alignment(al, 3, 6)
    with pytest.raises(InputError, match="bead 3 names target sentence 5, but there are only 2"):
        check_alignment(al, 3, 2, "x.ladder")
    with pytest.raises(InputError, match="bead 2 names source sentence 2"):
        check_alignment(al, 2, 6)


def test_odd_beads_stay_visible_in_a_long_document():
    n = 5000
    beads = [Bead((i,), (i,)) for i in range(n)]
    beads[2500] = Bead((2500,), ())
    html = render_alignment([f"s{i}" for i in range(n)], [f"t{i}" for i in range(n)], Alignment(tuple(beads)))
    rect = next(t for t in parse(html) if t[0] == "rect" and t[1].get("data-kind") == "1:0")
    assert float(rect[1]["width"]) >= 5 and float(rect[1]["height"]) >= 5
    assert "odd" in classes(rect)


def test_alignment_report_in_headless_chromium(tmp_path):
    ladder = aligned(tmp_path)[2]
    page = tmp_path / "by-align.html"
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    tags = parse(dom)
    alignment = parse_ladder(ladder.read_text(encoding="utf-8"))
    assert [t[1]["data-kind"] for t in tags if t[0] == "rect" and "bead" in classes(t)] == [
        b.kind for b in alignment.beads]
    rows = [t for t in tags if "row" in classes(t)]
    assert len(rows) == len(alignment.beads)
    assert [r[1]["id"] for r in rows if "has-flag" in classes(r)] == [
        f"b{k}" for k, b in enumerate(alignment.beads) if b.kind != "1:1"]
    assert any(t[0] == "style" for t in tags[1:]) and 'id="only-flagged"' in dom  # the script ran
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1400,1000", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
