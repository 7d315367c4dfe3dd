"""Document ids become file names: safe_doc_id refuses those that would leave the output directory."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignkit.errors import InputError
from alignkit.formats.names import MAX_DOC_ID, doc_id_from_name, safe_doc_id


@pytest.mark.parametrize("doc_id", ["seed", "putin-war.2025", "artículo_1", "_x", "a" * MAX_DOC_ID])
def test_safe_ids_pass_unchanged(doc_id: str) -> None:
    assert safe_doc_id(doc_id) == doc_id


@pytest.mark.parametrize(("doc_id", "message"), [
    ("../x", "characters '/'"),
    ("../../../escape", "characters '/'"),
    ("a/b", "characters '/'"),
    ("a\\b", "characters '\\\\'"),
    ("..", "leading"),
    (".hidden", "leading"),
    ("-rf", "leading"),
    ("", "empty"),
    ("a b", "characters ' '"),
    ("x\x00y", "characters"),
    ("a" * (MAX_DOC_ID + 1), "longer than"),
    ("é" * MAX_DOC_ID + "é", "longer than"),
], ids=["dotdot", "deep-escape", "slash", "backslash", "parent", "hidden", "dash", "empty", "space", "nul",
        "too-long", "too-many-bytes"])
def test_unsafe_ids_are_refused(doc_id: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        safe_doc_id(doc_id)


@given(st.text(max_size=60))
def test_ids_from_file_names_are_safe(name: str) -> None:
    doc_id = doc_id_from_name(name + ".en.txt")
    try:
        assert safe_doc_id(doc_id) == doc_id
    except InputError:
        # the only ids a name can give that are refused start with '.' or '-' (e.g. '..en.txt')
        assert doc_id[:1] in (".", "-")
