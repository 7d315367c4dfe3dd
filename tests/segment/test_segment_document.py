"""Segmenting a document file: default ids, rendering, errors."""

from __future__ import annotations

import json

import pytest

from alignkit.errors import UnknownNameError
from alignkit.formats.names import doc_id_from_name
from alignkit.segment.document import segment_file


@pytest.mark.parametrize("path, doc_id", [
    ("-", "stdin"), ("article.es.txt", "article"), ("dir/news.txt", "news"), ("plain", "plain"),
], ids=["stdin", "lang-suffix", "dir", "no-suffix"])
def test_doc_id_is_the_one_run_uses(path, doc_id):
    assert doc_id_from_name(path) == doc_id


def test_segment_file_renders_with_the_default_or_given_id(tmp_path):
    path = tmp_path / "news.en.txt"
    path.write_text("Dr. Smith arrived at 5 p.m. He left.\n\nNew paragraph here.\n", encoding="utf-8")
    assert segment_file(path, "en") == "Dr. Smith arrived at 5 p.m.\nHe left.\n\nNew paragraph here.\n"
    rows = [json.loads(x) for x in segment_file(path, "en", fmt="jsonl").splitlines()]
    assert [r["id"] for r in rows] == ["news:p0:s0", "news:p0:s1", "news:p1:s0"]
    assert json.loads(segment_file(path, "en", doc_id="X", fmt="jsonl").splitlines()[0])["id"] == "X:p0:s0"


@pytest.mark.parametrize("kwargs, message", [
    ({"segmenter": "nope"}, "segmenter"), ({"fmt": "xml"}, "unknown segment format"),
], ids=["segmenter", "format"])
def test_segment_file_unknown_names(tmp_path, kwargs, message):
    path = tmp_path / "a.txt"
    path.write_text("One. Two.\n", encoding="utf-8")
    with pytest.raises(UnknownNameError, match=message):
        segment_file(path, "en", **kwargs)
