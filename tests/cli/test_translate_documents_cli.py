"""`alignkit translate` on PO/XLIFF/HTML/Markdown files, --text, --glossary and source languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.translate.registry import ENGINES
from tests.documents.fakes import UpperEngine
from tests.documents.test_po import POT
from tests.documents.test_xliff import X12


@pytest.fixture(autouse=True)
def upper_engine() -> Iterator[None]:
    ENGINES.register("upper", UpperEngine)  # type: ignore[arg-type]
    yield
    ENGINES.unregister("upper")


def invoke(*args: str, stdin: str | None = None) -> object:
    return CliRunner().invoke(main, ["translate", *args, "--engine", "upper"], input=stdin)


def test_po_by_extension_with_summary_on_stderr(tmp_path: Path) -> None:
    src = tmp_path / "messages.pot"
    src.write_text(POT, encoding="utf-8")
    out = tmp_path / "es.po"
    res = invoke(str(src), "--to", "es", "--out", str(out))
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert "po: 7/8 units translated" in res.stderr  # type: ignore[attr-defined]
    entries = {e.msgid: e for e in polib.pofile(out.read_text(encoding="utf-8"))}
    assert entries["Copy %1 to %2"].msgstr == "COPY %1 TO %2" and entries["Copy %1 to %2"].fuzzy


def test_po_no_fuzzy_and_overwrite(tmp_path: Path) -> None:
    src = tmp_path / "messages.pot"
    src.write_text(POT, encoding="utf-8")
    res = invoke(str(src), "--to", "es", "--no-fuzzy", "--overwrite")
    entries = {e.msgid: e for e in polib.pofile(res.stdout)}  # type: ignore[attr-defined]
    assert entries["Already done"].msgstr == "ALREADY DONE" and not entries["Copy %1 to %2"].fuzzy


def test_po_detected_from_content_on_stdin() -> None:
    res = invoke("-", "--to", "es", stdin=POT)
    assert res.exit_code == 0 and 'msgstr "COPY %1 TO %2"' in res.stdout  # type: ignore[attr-defined]


def test_xliff_source_language_from_file_and_same_language_refused(tmp_path: Path) -> None:
    src = tmp_path / "messages.xlf"
    src.write_text(X12, encoding="utf-8")
    ok = invoke(str(src), "--to", "es")
    assert ok.exit_code == 0 and 'target-language="es"' in ok.stdout  # type: ignore[attr-defined]
    same = invoke(str(src), "--to", "en")
    assert same.exit_code == 2 and "both 'en' (the file's source language)" in same.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("name, content, message", [
    ("data.xml", "<root/>", "cannot translate .xml files safely"),
    ("memory.tmx", "<tmx/>", "cannot translate .tmx files safely"),
    ("strings.json", '{"a": "b"}', "cannot translate .json files safely"),
    ("noext", '<?xml version="1.0"?><svg/>', "XML that is not XLIFF"),
    ("broken.po", 'msgid "a"\nmsgstr "b\n', "line 2, column 8: not a valid PO line"),
    ("broken.xlf", "<xliff xmlns='urn:oasis:names:tc:xliff:document:1.2'><file>", "line 1, column 60: not well-formed XML (Premature end of data in tag file line 1)"),
], ids=["xml", "tmx", "json", "svg-by-content", "broken-po", "broken-xliff"])
def test_unsafe_or_broken_input_refused_in_one_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    res = invoke(str(src), "--to", "es")
    assert res.exit_code == 2, res.output  # type: ignore[attr-defined]
    assert message in res.output and len(res.output.strip().splitlines()) == 1  # type: ignore[attr-defined]


def test_input_format_forces_plain_text(tmp_path: Path) -> None:
    src = tmp_path / "notes.xml"
    src.write_text("<b>bold</b> words.\n", encoding="utf-8")
    res = invoke(str(src), "--to", "es", "--input-format", "text")
    assert res.exit_code == 0 and res.stdout == "<B>BOLD</B> WORDS.\n"  # type: ignore[attr-defined]


def test_html_and_markdown_by_extension(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<p>Read <a href="/x">this</a>.</p>\n', encoding="utf-8")
    assert invoke(str(page), "--to", "es").stdout == '<p>READ <a href="/x">THIS</a>.</p>\n'  # type: ignore[attr-defined]
    doc = tmp_path / "doc.md"
    doc.write_text("# Title\n\nSee `code` here.\n", encoding="utf-8")
    assert invoke(str(doc), "--to", "es").stdout == "# TITLE\n\nSEE `code` HERE.\n"  # type: ignore[attr-defined]


def test_text_argument() -> None:
    res = invoke("--text", "Hello world", "--to", "es")
    assert res.exit_code == 0 and res.stdout == "HELLO WORLD\n"  # type: ignore[attr-defined]
    both = invoke("file.txt", "--text", "x", "--to", "es")
    assert both.exit_code == 2 and "one INPUT file or --text" in both.output  # type: ignore[attr-defined]


def test_source_language_from_the_file_name(tmp_path: Path) -> None:
    src = tmp_path / "article.es.txt"
    src.write_text("Hola mundo.\n", encoding="utf-8")
    same = invoke(str(src), "--to", "es")
    assert same.exit_code == 2 and "both 'es' (the file name" in same.output  # type: ignore[attr-defined]
    other = invoke(str(src), "--to", "en")
    assert other.exit_code == 0 and other.stdout == "HOLA MUNDO.\n"  # type: ignore[attr-defined]
    forced = invoke(str(src), "--to", "es", "--from", "en")
    assert forced.exit_code == 0  # type: ignore[attr-defined]


def test_glossary_is_loaded_and_a_bad_one_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("en\tes\nonly-one-column\n", encoding="utf-8")
    res = invoke("--text", "Hello", "--to", "es", "--glossary", str(bad))
    assert res.exit_code == 5, res.output  # type: ignore[attr-defined]
    good = tmp_path / "g.tsv"
    good.write_text("en\tes\nKyiv\tKiev\n", encoding="utf-8")
    res = invoke("--text", "Kyiv is a city.", "--to", "es", "--glossary", str(good))
    assert res.exit_code == 0 and "Kiev" in res.stdout  # type: ignore[attr-defined]


def test_lines_with_a_document_format_refused(tmp_path: Path) -> None:
    src = tmp_path / "m.pot"
    src.write_text(POT, encoding="utf-8")
    res = invoke(str(src), "--to", "es", "--lines")
    assert res.exit_code == 2 and "--lines is for plain text" in res.output  # type: ignore[attr-defined]


def test_po_through_apertium_keeps_placeholders_and_passes_msgfmt(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from tests.conftest import needs_apertium_pair

    needs_apertium_pair("eng-spa")
    src = tmp_path / "messages.pot"
    src.write_text(POT, encoding="utf-8")
    out = tmp_path / "es.po"
    res = CliRunner().invoke(main, ["translate", str(src), "--to", "es", "--out", str(out)])
    assert res.exit_code == 0, res.output
    entries = {e.msgid: e for e in polib.pofile(out.read_text(encoding="utf-8"))}
    assert entries["Hello %(name)s, you have %(count)d new messages."].msgstr == \
        "Hola %(name)s, tienes %(count)d mensajes nuevos."
    assert entries["Welcome back, {user}!\n"].msgstr.endswith("{user}!\n")
    assert "<b>" in entries["Open the <b>red</b> file"].msgstr and "</b>" in entries["Open the <b>red</b> file"].msgstr
    if shutil.which("msgfmt"):
        done = subprocess.run(["msgfmt", "--check", "--use-fuzzy", "-o", "/dev/null", str(out)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
