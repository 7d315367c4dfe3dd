"""Every format survives write -> read; TMX is valid for translate-toolkit; run dirs round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignkit.errors import InputError
from alignkit.formats import read_rows, write_rows
from alignkit.formats.run import read_corpus, write_corpus
from alignkit.formats.tmx import _INVALID_XML
from alignkit.types import Corpus, Document, Row, Segment, TermCheck, Translation

# Line-based formats cannot hold line breaks or tabs: texts are single-line here.
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\t\x85"),
    max_size=40,
)
_rows = st.lists(st.tuples(_text, _text), min_size=0, max_size=8)


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "moses", "jsonl"])
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(pairs=_rows)
def test_write_read_roundtrip(tmp_path: Path, fmt: str, pairs: list[tuple[str, str]]) -> None:
    rows = [Row({"en": a, "es": b}) for a, b in pairs]
    path = tmp_path / {"tmx": "c.tmx", "tsv": "c.en-es.tsv", "moses": "c", "jsonl": "c.jsonl"}[fmt]
    write_rows(rows, path, fmt, ["en", "es"])
    back = read_rows(path, fmt, ["en", "es"])
    expected = [r.texts for r in rows]
    if fmt == "tmx":  # XML cannot hold U+FFFE/U+FFFF: the writer drops them, nothing else changes
        expected = [{k: _INVALID_XML.sub("", v) for k, v in t.items()} for t in expected]
    assert [r.texts for r in back] == expected


def test_line_formats_flatten_line_breaks(tmp_path: Path) -> None:
    rows = [Row({"en": "a\nb\tc", "es": "x"})]
    write_rows(rows, tmp_path / "c", "moses", ["en", "es"])
    assert (tmp_path / "c.en").read_text() == "a b c\n"


def _corpus() -> Corpus:
    text = "Kyiv waits. Putin's plan?\n\nNo."
    segs = (Segment("d", 0, 0, 0, "Kyiv waits.", 0, 11), Segment("d", 1, 0, 1, "Putin's plan?", 12, 25),
            Segment("d", 2, 1, 0, "No.", 27, 30))
    trs = {lang: tuple(Translation(s.index, lang, f"{s.text} [{lang}]", "fake", ("en", "es", lang)[-2:],
                                   ("Kyiv",) if s.index == 0 else ()) for s in segs) for lang in ("es", "fr")}
    scores = {lang: tuple({"unknown_rate": 0.5 * (s.index == 0)} for s in segs) for lang in trs}
    checks = (TermCheck(0, "es", "Kyiv", ("Kiev",), None), TermCheck(1, "fr", "Putin", ("Poutine",), "Poutine"))
    return Corpus(Document("d", "en", text), segs, trs, scores, checks)


def test_run_dir_roundtrip_and_tmx_reads_in_translate_toolkit(tmp_path: Path) -> None:
    corpus = _corpus()
    paths = write_corpus(corpus, tmp_path)
    names = sorted(p.name for p in paths)
    assert names == ["d.en-es.en", "d.en-es.es", "d.en-es.tsv", "d.en-fr.en", "d.en-fr.fr", "d.en-fr.tsv",
                     "d.jsonl", "d.tmx", "run.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left
    back = read_corpus(tmp_path)
    assert back.segments == corpus.segments
    assert back.translations == corpus.translations
    assert back.checks == corpus.checks
    assert back.scores == corpus.scores
    tmx = pytest.importorskip("translate.storage.tmx")
    store = tmx.tmxfile.parsefile(str(tmp_path / "d.tmx"))
    assert [u.source for u in store.units] == [s.text for s in corpus.segments]
    assert store.units[1].target == "Putin's plan? [es]"


def test_run_dir_is_byte_identical_on_rewrite(tmp_path: Path) -> None:
    write_corpus(_corpus(), tmp_path / "a")
    write_corpus(_corpus(), tmp_path / "b")
    for p in (tmp_path / "a").iterdir():
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes(), p.name


def test_malformed_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "x.tmx"
    bad.write_text("<tmx><body><tu>")
    with pytest.raises(InputError, match="not well-formed"):
        read_rows(bad)
    entity = tmp_path / "e.tmx"
    entity.write_text('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                      '<tmx><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>')
    rows = read_rows(entity)
    assert "root:" not in rows[0].texts["en"]
    tsv = tmp_path / "c.en-es.tsv"
    tsv.write_text("a\tb\tc\n")
    with pytest.raises(InputError, match="3 columns, expected 2"):
        read_rows(tsv)
    jl = tmp_path / "c.jsonl"
    jl.write_text('{"no": 1}\n')
    with pytest.raises(InputError, match="c.jsonl:1"):
        read_rows(jl)


@pytest.mark.parametrize(
    ("name", "lang", "doc_id"),
    [("putin-war.en.txt", "en", "putin-war"), ("hyp.es", "es", "hyp"), ("newstest2013.spa", "es", "newstest2013"),
     ("my.notes.txt", None, "my.notes"), ("seed.en-es.tsv", None, "seed.en-es"), ("we ird#name.fr.txt", "fr", "we_ird_name"),
     ("doc.pt-BR.txt", "pt", "doc"), ("-", None, "stdin")],
    ids=["lang-and-ext", "lang-ext", "iso3", "dotted", "pair", "odd-chars", "region", "stdin"],
)
def test_names(name: str, lang: str | None, doc_id: str) -> None:
    from alignkit.formats.names import doc_id_from_name, lang_from_name

    assert lang_from_name(name) == lang
    assert doc_id_from_name(name) == doc_id
