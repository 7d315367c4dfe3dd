"""The HTML report: structure, self-containment, marks, charts, the alignment page, and headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.corpus.records import RunMeta
from alignkit.formats.run import write_corpus
from alignkit.report import render, render_alignment
from alignkit.types import (
    Alignment,
    Bead,
    Corpus,
    Document,
    Segment,
    TermCheck,
    Translation,
)

LANGS = ("es", "ca", "gl", "pt", "it", "fr")
WORDS = {"es": "el ministro dijo", "ca": "el ministre va dir", "gl": "o ministro dixo", "pt": "o ministro disse",
         "it": "il ministro ha detto", "fr": "le ministre a dit"}


def make_corpus(n: int = 12, per_para: int = 4) -> Corpus:
    segs = tuple(Segment("doc", i, i // per_para, i % per_para,
                         f"Minister Zorblax said in Brussels that plan {i} would be voted.", 0, 0) for i in range(n))
    translations, checks = {}, []
    for lang in LANGS:
        trs = []
        for s in segs:
            text = f"{WORDS[lang].capitalize()} que Zorblax en Bruselas plan {s.index} votado."
            if s.index == 5:
                text = s.text  # an untranslated copy: must be flagged
            trs.append(Translation(s.index, lang, text, "apertium", ("en", lang), ("Zorblax",)))
            found = "Bruselas" if lang != "fr" else None  # a violation in French
            checks.append(TermCheck(s.index, lang, "Brussels", ("Bruselas",), found))
        translations[lang] = tuple(trs)
    meta = RunMeta("0.1.0", "doc", "en", (), "rules", LANGS)
    return Corpus(Document("doc", "en", ""), segs, translations, {}, tuple(checks), meta)


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict]]:
    p = Collect()
    p.feed(html)
    return p.tags


def classes(tag):
    return (tag[1].get("class") or "").split()


def test_one_row_per_segment_and_one_cell_per_language():
    tags = parse(render(make_corpus()))
    rows = [t for t in tags if "row" in classes(t)]
    cells = [t for t in tags if "cell" in classes(t)]
    assert len(rows) == 12 and [r[1]["id"] for r in rows] == [f"s{i}" for i in range(12)]
    assert len(cells) == 12 * 7
    assert {c[1]["data-lang"] for c in cells} == {"en", *LANGS}
    assert len([t for t in tags if "para" in classes(t)]) == 3


def test_marks_flags_and_charts():
    html = render(make_corpus())
    tags = parse(html)
    marks = [t for t in tags if t[0] == "mark" and "title" in t[1]]  # the legend's marks have no title
    assert len([t for t in marks if "unk" in classes(t)]) == 12 * 6
    # "Bruselas" found in 5 languages, except in row 5 (an untranslated copy); never in French
    assert len([t for t in marks if "ok" in classes(t)]) == 11 * 5
    assert html.count("⚠ Brussels → Bruselas") == 12  # French violations
    bad = [t for t in marks if "bad" in classes(t)]  # the source term, missed in French
    assert len(bad) == 12 and all("missed in fr" in t[1]["title"] for t in bad)
    copies = re.findall(r'<div class="row has-flag" id="(s\d+)"(?:(?!class="row).)*?<span class="badge">[^<]*copy', html)
    assert copies == ["s5"]
    row5 = html[html.index('id="s5"'):html.index('id="s6"')]
    assert row5.count('class="cell flag"') == 6
    assert html.count("<svg") >= 3 + len(LANGS)
    assert 'href="#s5"' in html  # the flagged segment is linked from the charts


def test_self_contained_and_escaped():
    c = make_corpus(2)
    seg = c.segments[0]
    evil = Segment(seg.doc, 0, 0, 0, "<script>alert(1)</script> & co", 0, 0)
    c = Corpus(c.document, (evil, c.segments[1]), c.translations, {}, (), {})
    html = render(c)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_large_document_stays_bounded():
    c = make_corpus(10_000, per_para=7)
    # stored scores (as a run has them): this test is about rendering, not estimation
    scores = {lang: tuple({"length_z": (i % 13) - 6.0, "copy": float(i == 5)} for i in range(10_000)) for lang in LANGS}
    html = render(Corpus(c.document, c.segments, c.translations, scores, c.checks, c.meta))
    assert html.count('class="row') == 10_000
    assert "content-visibility:auto" in html
    longest = max(len(m) for m in re.findall(r'points="([^"]*)"', html))
    assert longest < 600 * 14  # binned: at most 600 points per line


def test_alignment_report_lists_non_one_to_one_beads():
    src = [f"s{i}" for i in range(5)]
    tgt = [f"t{i}" for i in range(5)]
    al = Alignment((Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), ()), Bead((), (2,)), Bead((4,), (3, 4))))
    html = render_alignment(src, tgt, al, src_lang="de", tgt_lang="fr")
    tags = parse(html)
    kinds = [t[1]["data-kind"] for t in tags if t[0] == "rect" and "bead" in classes(t)]
    assert kinds == ["1:1", "2:1", "1:0", "0:1", "1:2"]
    assert html.count("<tr><td><a href=") == 4
    assert "4 not 1:1" in html


def test_report_cli_writes_next_to_the_run(tmp_path):
    write_corpus(make_corpus(), tmp_path, ("jsonl",))
    res = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").count('class="row') == 12
    res = CliRunner().invoke(main, ["report", str(tmp_path / "nowhere")])
    assert res.exit_code != 0 and "Traceback" not in res.output


def test_report_cli_on_a_damaged_run_is_one_line(tmp_path):
    write_corpus(make_corpus(), tmp_path, ("jsonl",))
    jsonl = next(tmp_path.glob("*.jsonl"))
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    jsonl.write_text("\n".join([lines[0], lines[1].replace('"start":', '"begin":'), *lines[2:]]) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert res.exit_code == 2
    assert res.stderr == f"alignkit: error: {jsonl}: not the JSONL of an alignkit run (bad or missing field 'start')\n"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "run.json").write_text("{truncated", encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"alignkit: error: {tmp_path / 'run.json'}: not valid JSON (")
    assert res.stderr.count("\n") == 1


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("needs headless Chromium (apt-get install chromium)")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=120)


def test_report_in_headless_chromium(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(make_corpus()), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    tags = parse(dom)
    assert len([t for t in tags if "row" in classes(t)]) == 12
    assert len([t for t in tags if "cell" in classes(t)]) == 12 * 7
    assert len([t for t in tags if t[0] == "mark" and "term" in classes(t) and "title" in t[1]]) == 11 * 5 + 12
    assert len([t for t in tags if t[0] == "svg"]) >= 9
    assert any(t[0] == "style" for t in tags[1:]) and "pinned" in dom  # the script ran: it added a style
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1400,1000", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
