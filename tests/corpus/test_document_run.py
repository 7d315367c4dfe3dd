"""``alignkit run`` on translatable files: a PO catalogue and an XLIFF file become corpora.

One row per unit (PO message, ``msgid_plural``, XLIFF segment), translated with its placeholders
protected as ``alignkit translate`` fills the file; the unit's ids are row fields and TMX
properties (read back by translate-toolkit); ``--jobs`` does not change a byte; a second run
comes from the TM; the glossary is enforced and verified on the units.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.corpus.conftest import invoke, run_cli, snapshot
from tests.documents.test_xliff import X12 as XLIFF

POT = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: src/open.c:10
#, c-format
msgid "Could not open %s."
msgstr ""

msgctxt "menu"
msgid "The house is red."
msgstr ""

msgctxt "title"
msgid "The house is red."
msgstr ""

#, python-format
msgid "%(count)d file was deleted."
msgid_plural "%(count)d files were deleted."
msgstr[0] ""
msgstr[1] ""

msgid "Click <b>the red button</b> to save."
msgstr "Ya traducido."

#~ msgid "Obsolete entry"
#~ msgstr ""
'''



def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rows(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def _run_fake(tmp_path: Path, name: str, text: str) -> Path:
    """``alignkit run`` of one file with the upper-casing engine, no TM; the output directory."""
    src = _write(tmp_path, name, text)
    out = tmp_path / "out"
    res = invoke(["run", str(src), "--to", "es", "--engine", "fastfake", "--out", str(out), "--no-tm", "-q"])
    assert res.exit_code == 0, res.output
    return out


def test_po_rows_carry_the_entries_ids_and_keep_placeholders(tmp_path: Path) -> None:
    out = _run_fake(tmp_path, "messages.pot", POT)
    rows = _rows(out, "messages")
    # every message, translated or not (the corpus is of the catalogue's source); obsolete ones are not
    assert [(r.get("context"), r["unit"], r.get("plural")) for r in rows] == [
        (None, "Could not open %s.", None), ("menu", "The house is red.", None),
        ("title", "The house is red.", None), (None, "%(count)d file was deleted.", None),
        (None, "%(count)d file was deleted.", "1"), (None, "Click <b>the red button</b> to save.", None)]
    assert rows[4]["texts"] == {"en": "%(count)d files were deleted.", "es": "%(count)d FILES WERE DELETED."}
    # the placeholder and the tags are what the source has, not the engine's upper-cased copy
    assert rows[0]["texts"]["es"] == "COULD NOT OPEN %s."
    assert rows[5]["texts"]["es"] == "CLICK <b>THE RED BUTTON</b> TO SAVE."
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert meta["source_lang"] == "en" and meta["segments"] == 6  # a catalogue's msgids: English by default
    assert meta["documents"][0]["sha256"] == __import__("hashlib").sha256(POT.encode()).hexdigest()


def test_tmx_properties_reparsed_by_translate_toolkit(tmp_path: Path) -> None:
    from translate.storage import tmx

    out = _run_fake(tmp_path, "messages.pot", POT)
    store = tmx.tmxfile.parsefile(str(out / "messages.tmx"))
    units = store.units
    assert len(units) == 6
    props = []
    for unit in units:
        found = {p.get("type"): p.text for p in unit.xmlelement.iter("{*}prop", "prop")}
        props.append((found.get("x-context"), found.get("x-unit"), found.get("x-plural")))
    assert props[1] == ("menu", "The house is red.", None) and props[2] == ("title", "The house is red.", None)
    assert props[4] == (None, "%(count)d file was deleted.", "1")
    assert units[3].source == "%(count)d file was deleted." and units[3].target == "%(count)d FILE WAS DELETED."


def test_xliff_rows_carry_unit_ids_and_inline_codes(tmp_path: Path) -> None:
    rows = _rows(_run_fake(tmp_path, "validators.xlf", XLIFF), "validators")
    assert [r["unit"] for r in rows] == ["1", "2", "3", "4", "6", "7"]  # translate="no" is not a unit
    assert rows[1]["texts"]["es"] == "IT SHOULD HAVE {{ limit }} CHARACTERS OR LESS, %count% LEFT."
    assert rows[2]["texts"]["en"] == 'Click <g id="b1" ctype="bold">the red button</g> to save<x id="br"/> now.'
    assert rows[2]["texts"]["es"] == 'CLICK <g id="b1" ctype="bold">THE RED BUTTON</g> TO SAVE<x id="br"/> NOW.'
    assert rows[4]["texts"] == {"en": "Hello", "es": "HELLO"}  # already translated: the corpus is the source's
    assert rows[5]["texts"]["es"] == "{count, plural, one {# FILE} other {# FILES}} WERE DELETED."  # ICU


def test_jobs_do_not_change_a_byte(tmp_path: Path) -> None:
    _write(tmp_path, "messages.pot", POT)
    _write(tmp_path, "forms/validators.xlf", XLIFF)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        res = run_cli(["run", str(tmp_path / "in"), "--to", "es", "--engine", "fastfake", "--out", str(out),
                       "--no-tm", "--jobs", jobs, "--shard-size", "2", "-q"])
        assert res.returncode == 0, res.stderr
        outs.append(snapshot(out))
    assert outs[0] == outs[1]
    ids = [json.loads(line)["id"] for line in outs[0]["corpus.jsonl"].decode().splitlines()]
    assert ids[0] == "forms/validators:p0:s0" and ids[-1] == "messages:p5:s0"  # directories in sorted order


def test_second_run_comes_from_the_tm(tmp_path: Path) -> None:
    src = _write(tmp_path, "messages.pot", POT)
    tm = tmp_path / "tm.sqlite"
    args = ["run", str(src), "--to", "es", "--engine", "fastfake", "--tm", str(tm), "-q", "--jobs", "1"]
    first = invoke([*args, "--out", str(tmp_path / "o1")])
    assert first.exit_code == 0 and "engine calls: en>es 5" in first.output, first.output  # one text twice
    second = invoke([*args, "--out", str(tmp_path / "o2")])
    assert "engine calls: none (all from the TM)" in second.output, second.output
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2")
    # another catalogue with the same texts but other ids: the units are new, the texts come from the TM
    other = _write(tmp_path, "other.pot", POT.replace('msgctxt "menu"', 'msgctxt "toolbar"'))
    third = invoke(["run", str(other), *args[2:], "--out", str(tmp_path / "o3")])
    assert "engine calls: none (all from the TM)" in third.output
    assert _rows(tmp_path / "o3", "other")[1]["context"] == "toolbar"


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")
def test_glossary_enforced_and_verified_on_units_with_apertium(tmp_path: Path) -> None:
    src = _write(tmp_path, "messages.pot", POT)
    glossary = _write(tmp_path, "terms.tsv", "en\tes\nhouse\tvivienda\n")
    out = tmp_path / "out"
    res = invoke(["run", str(src), "--to", "es", "--glossary", str(glossary), "--out", str(out), "--no-tm", "-q"])
    assert res.exit_code == 0, res.output
    rows = _rows(out, "messages")
    assert "vivienda" in rows[1]["texts"]["es"] and "%s" in rows[0]["texts"]["es"]
    assert rows[1]["mt"]["es"]["terms"] == [{"term": "house", "expected": ["vivienda"], "found": "vivienda"}]
    assert rows[3]["texts"]["es"].startswith("%(count)d ")
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert meta["summary"]["es"]["term_accuracy"] == 1.0
    assert "&lt;b&gt;the red button&lt;/b&gt;" in (out / "report.html").read_text(encoding="utf-8")  # its source, escaped


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")
def test_catalogue_rows_report_the_words_apertium_did_not_know(tmp_path: Path) -> None:
    src = _write(tmp_path, "words.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                 'msgid "The <b>zorblaxes</b> of %(name)s are red."\nmsgstr ""\n\nmsgid "The house is red."\nmsgstr ""\n')
    out = tmp_path / "out"
    res = invoke(["run", str(src), "--to", "es", "--out", str(out), "--no-tm", "-q"])
    assert res.exit_code == 0, res.output
    rows = _rows(out, "words")
    assert rows[0]["mt"]["es"]["unknown"] == ["zorblaxes"]  # the word, without the tag glued to it
    assert rows[0]["mt"]["es"]["scores"]["unknown"] == 1.0 and rows[1]["mt"]["es"]["unknown"] == []
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert meta["summary"]["es"]["unknown_rate"] > 0  # the unk% column of the summary


@pytest.mark.parametrize(("name", "text", "message"), [
    ("bad.po", 'msgid "a"\nmsgstr "b\n', "bad.po: line 2, column 8: not a valid PO line"),
    ("bad.xlf", '<xliff xmlns="urn:example:other" version="1.2"><file source-language="en"/></xliff>\n', "bad.xlf: line 1, column 1: not XLIFF 1.2 or 2.x"),
    ("empty.po", 'msgid ""\nmsgstr ""\n"Language: es\\n"\n', "empty.po: no translatable text in this po file"),
], ids=["po-syntax", "xliff-namespace", "nothing-to-translate"])
def test_bad_files_are_one_line_errors_and_write_nothing(tmp_path: Path, name: str, text: str, message: str) -> None:
    src = _write(tmp_path, name, text)
    out = tmp_path / "out"
    res = invoke(["run", str(src), "--to", "es", "--engine", "fastfake", "--out", str(out), "--no-tm", "-q"])
    assert res.exit_code != 0
    assert message in res.output and len(res.output.strip().splitlines()) == 1, res.output
    assert "Traceback" not in res.output
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_html_and_markdown_blocks_are_rows_with_their_positions(tmp_path: Path) -> None:
    _write(tmp_path, "guide.en.md", "---\ntitle: Guide\n---\n# The red house\n\nClick **the button** to `save` now.\n")
    _write(tmp_path, "page.en.html", '<p>Click <b>the button</b> now.</p><img alt="A red house" src="x.png">\n')
    _write(tmp_path, "README.md", "Not a document of the corpus: no language in its name.\n")
    out = tmp_path / "out"
    res = invoke(["run", str(tmp_path / "in"), "--to", "es", "--engine", "fastfake", "--out", str(out), "--no-tm",
                  "-q", "--jobs", "1"])
    assert res.exit_code == 0, res.output
    rows = _rows(out, "corpus")
    assert [(r["id"].split(":")[0], r["unit"]) for r in rows] == [
        ("guide", "4:3"), ("guide", "6:1"), ("page", "1:4"), ("page", "1:36@alt")]
    assert rows[1]["texts"]["es"] == "CLICK **THE BUTTON** TO `save` NOW."  # the code span is not text
    assert rows[2]["texts"]["es"] == "CLICK <b>THE BUTTON</b> NOW."


def test_a_unit_that_cannot_be_kept_has_an_empty_target_and_is_reported(tmp_path: Path) -> None:
    pot = POT + '\nmsgid "{count, plural, one {# file} other {# files}"\nmsgstr ""\n'
    src = _write(tmp_path, "messages.pot", pot)
    out = tmp_path / "out"
    res = invoke(["run", str(src), "--to", "es", "--engine", "fastfake", "--out", str(out), "--no-tm"])
    assert res.exit_code == 0, res.output
    (line,) = [x for x in res.output.splitlines() if x.startswith("left untranslated")]
    assert "1: messages:'{count, plural, one {# file} other {# files}' es (malformed ICU message" in line
    last = _rows(out, "messages")[-1]
    assert last["texts"]["es"] == "" and last["mt"]["es"]["untranslated"].startswith("malformed ICU message")


def test_unit_results_with_ids_survive_json() -> None:
    from alignkit.corpus.unit import UnitResult
    from alignkit.types import Segment, Translation

    result = UnitResult(3, "messages", (Segment("messages", 0, 0, 0, "Open", 0, 4),),
                        {"es": (Translation(0, "es", "", "apertium", ("en", "es")),)}, {"es": ({"copy": 0.0},)},
                        props=((("context", "menu"), ("unit", "&Open")),), failed=((0, "es", "lost '%s'"),))
    back = UnitResult.from_json(json.loads(json.dumps(result.to_json())))
    assert back.props == result.props and back.failed == result.failed and back.segments == result.segments
