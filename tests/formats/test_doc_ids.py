"""Document ids become file names: check_doc_id / corpus_file_stem refuse those that would leave --out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignkit.errors import InputError
from alignkit.formats.names import check_doc_id, corpus_file_stem, doc_id_from_name


@pytest.mark.parametrize("doc_id", ["seed", "putin-war.2025", "artículo_1", "_x", "dir/doc", "a" * 200])
def test_safe_ids_pass_unchanged(doc_id: str) -> None:
    assert check_doc_id(doc_id) == doc_id


@pytest.mark.parametrize("doc_id", ["../x", "../../../escape", "a/../b", "/abs", "a\\b", "..", ".hidden", "-rf", "",
                                    "a b", "x\x00y", "a//b", "a/", "a" * 201],
                         ids=["dotdot", "deep-escape", "inner-dotdot", "absolute", "backslash", "parent", "hidden",
                              "dash", "empty", "space", "nul", "double-slash", "trailing-slash", "too-long"])
def test_unsafe_ids_are_refused(doc_id: str) -> None:
    with pytest.raises(InputError, match="document id"):
        check_doc_id(doc_id)


def test_corpus_file_stem_refuses_slashes() -> None:
    assert corpus_file_stem("seed") == "seed"
    with pytest.raises(InputError, match="no '/'"):
        corpus_file_stem("dir/doc")


@given(st.text(max_size=60))
def test_ids_from_file_names_are_safe_or_refused_cleanly(name: str) -> None:
    doc_id = doc_id_from_name(name + ".en.txt")
    try:
        assert check_doc_id(doc_id) == doc_id
    except InputError:
        # the only ids a name gives that are refused start with '.' or '-' (e.g. '..en.txt')
        assert doc_id[:1] in (".", "-")
