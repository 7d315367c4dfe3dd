"""The checked reader layer: hostile JSONL, ladders and TMX end in one FormatError naming file, line, field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.errors import FormatError, InputError
from alignkit.formats import read_rows, write_rows
from alignkit.formats.check import MAX_JSON_DEPTH, Fields, json_depth_ok, load_json
from alignkit.formats.ladder import parse_ladder
from alignkit.formats.tmx import parse
from alignkit.segment import segment_text
from alignkit.segment.output import to_jsonl
from alignkit.types import Row

_ROW = {"texts": {"en": "Hello there.", "es": "Hola allí."}, "id": "d:p0:s0", "index": 0, "para": 0, "sent": 0,
        "start": 0, "end": 12, "source_lang": "en",
        "mt": {"es": {"engine": "apertium", "route": ["en", "es"], "unknown": [], "scores": {"copy": 0.0},
                      "terms": []}}}


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _row(**changes: object) -> str:
    return json.dumps({**_ROW, **changes}, ensure_ascii=False)


# The three JSONL tracebacks of issue 12, through every command that reads a corpus.
HOSTILE = {
    "nan-index": (_row().replace('"index": 0', '"index": NaN'), "c.jsonl:2", "NaN"),
    "deep-nesting": ('{"texts": {"en": "a"}, "x": ' + "[" * 100_000, "c.jsonl:2", "nested deeper"),
    "mt-not-object": (_row(mt={"es": "oops"}), "c.jsonl:2: field 'mt.es'", "expected an object"),
}
COMMANDS = {
    "score": lambda p, out: ["score", str(p)],
    "filter": lambda p, out: ["filter", str(p), "--out", str(out), "--drop-copies"],
    "report": lambda p, out: ["report", str(p), "--out", str(out)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_jsonl_is_one_line_exit_2(tmp_path: Path, case: str, command: str) -> None:
    line, where, why = HOSTILE[case]
    path = _jsonl(tmp_path, _row(), line)
    out = tmp_path / "out" / "x.jsonl"
    res = CliRunner().invoke(main, COMMANDS[command](path, out))
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert len(res.stderr.splitlines()) == 1
    assert where in res.stderr and why in res.stderr
    assert not out.parent.exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("texts", ["a"], "expected an object"),
    ("texts", {"en": 3}, "field 'texts.en'"),
    ("index", True, "expected a whole number"),
    ("index", -1, "out of range"),
    ("index", 2**60, "out of range"),
    ("cost", "high", "expected a number"),
    ("src_ids", [0, "1"], "field 'src_ids[1]'"),
    ("mt", {"es": {"scores": {"chrf": "x"}}}, "field 'mt.es.scores.chrf'"),
    ("mt", {"es": {"route": "en-es"}}, "field 'mt.es.route'"),
    ("mt", {"es": {"terms": [{"term": "a", "expected": "b"}]}}, "field 'mt.es.terms[0].expected'"),
    ("mt", [], "field 'mt'"),
    ("mt", {"es": {"terms": [{"term": "a", "expected": ["b"]}]}}, "field 'mt.es.terms[0].found': missing"),
], ids=["texts-list", "text-number", "index-bool", "index-negative", "index-huge", "cost-string", "ids-string",
        "score-string", "route-string", "expected-string", "mt-list",
        "found-missing"])
def test_jsonl_fields_are_checked(tmp_path: Path, field: str, value: object, message: str) -> None:
    path = _jsonl(tmp_path, _row(**{field: value}))
    with pytest.raises(FormatError, match=re.escape(message)) as info:
        read_rows(path, "jsonl")
    assert info.value.line == 1 and info.value.source == str(path)


@pytest.mark.parametrize("line", ["[1, 2]", '"text"', "{", '{"texts": {"en": "a"}, "x": Infinity}', '{"a": 1}'],
                         ids=["list", "string", "truncated", "infinity", "no-texts"])
def test_jsonl_not_rows(tmp_path: Path, line: str) -> None:
    with pytest.raises(FormatError, match=r"c\.jsonl:1: "):
        read_rows(_jsonl(tmp_path, line), "jsonl")


def test_format_error_is_an_input_error() -> None:
    # callers (and the CLI's exit code 2) that handle InputError keep working
    err = FormatError("f.jsonl", "bad", 3, "index")
    assert isinstance(err, InputError) and err.exit_code == 2
    assert str(err) == "f.jsonl:3: field 'index': bad"


def test_depth_counts_brackets_outside_strings_only() -> None:
    assert json_depth_ok('{"a": "' + "[" * 1000 + '"}')
    assert json_depth_ok("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    assert not json_depth_ok("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))
    assert load_json('{"a": "\\"[[["}', "x") == {"a": '"[[['}


def test_fields_refuse_non_finite_numbers() -> None:
    with pytest.raises(FormatError, match="not a finite number"):
        Fields("x", 1).number(float("nan"), "cost")


def test_jsonl_writers_escape_line_separators(tmp_path: Path) -> None:
    text = "one\u2028two\u2029three."
    path = tmp_path / "c.jsonl"
    write_rows([Row({"en": text, "es": text})], path, "jsonl", ["en", "es"])
    raw = path.read_text(encoding="utf-8")
    assert "\u2028" not in raw and "\u2029" not in raw and "\\u2028" in raw
    assert len(raw.splitlines()) == 1
    assert read_rows(path, "jsonl")[0].texts["en"] == text
    rendered = to_jsonl(segment_text(text, "en"))
    assert "\u2028" not in rendered and "\u2029" not in rendered
    assert [json.loads(x)["text"] for x in rendered.splitlines()] == [s.text for s in segment_text(text, "en")]


@pytest.mark.parametrize(("text", "message"), [
    ("[0]:[0]:nan\n", "field 'cost'"),
    ("[0]:[0]:inf\n", "field 'cost'"),
    ("[" + "9" * 5000 + "]:[0]\n", "field 'src'"),
    ("[0]:[99999999999999999999]\n", "field 'tgt'"),
], ids=["nan-cost", "inf-cost", "5000-digit-index", "huge-index"])
def test_ladder_values_are_checked(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=re.escape(message)) as info:
        parse_ladder(text, "g.ladder")
    assert info.value.line == 1


@pytest.mark.parametrize(("body", "line", "message"), [
    ('<tu>\n<tuv><seg>a</seg></tuv>\n</tu>', 3, "without a language"),
    ('<tu>\n<tuv xml:lang="en"><seg>a</seg></tuv>\n<tuv xml:lang="EN"><seg>b</seg></tuv></tu>', 4, "second <tuv>"),
], ids=["no-lang", "duplicate-lang"])
def test_tmx_tuv_languages_are_checked(body: str, line: int, message: str) -> None:
    data = f'<?xml version="1.0"?>\n<tmx version="1.4"><header/><body>{body}</body></tmx>'.encode()
    with pytest.raises(FormatError, match=message) as info:
        parse(data, "t.tmx")
    assert info.value.line == line and info.value.field == "xml:lang"


def test_tmx_deep_nesting_is_refused() -> None:
    data = b"<tmx><body>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</body></tmx>"
    with pytest.raises(FormatError, match="not well-formed XML"):
        parse(data, "t.tmx")


def test_row_without_texts_is_one_line_for_filter(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, _row(texts={}))
    res = CliRunner().invoke(main, ["filter", str(path), "--out", str(tmp_path / "f.jsonl"), "--drop-copies"])
    assert res.exit_code == 2 and "no language columns" in res.stderr and len(res.stderr.splitlines()) == 1


def test_parser_message_with_line_breaks_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "c.en-es.tmx"
    path.write_bytes(b'<?xml version="1.0"?>\n<tmx><body><tu><tuv xml:lang="en"><seg>a\x00</seg></tuv></tu></body></tmx>')
    res = CliRunner().invoke(main, ["score", str(path)])
    assert res.exit_code == 2 and "not well-formed XML" in res.stderr
    assert len(res.stderr.splitlines()) == 1
