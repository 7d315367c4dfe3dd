"""How models are described: sizes, language pairs, the info record and the list table."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.models.describe import (
    LIST_HEADER,
    details,
    disk_size,
    human_size,
    languages,
    list_table,
)
from alignkit.models.layout import ModelInfo


def _info(root: Path, name: str, sources: tuple[str, ...], targets: tuple[str, ...], multi: bool = False) -> ModelInfo:
    (root / "model").mkdir(parents=True, exist_ok=True)
    (root / "model" / "model.bin").write_bytes(b"x" * 2048)
    tokens = {lang: f"__{lang}__" for lang in sources} if multi else {}
    return ModelInfo(name, root, root / "model", "ct2", sources, targets, lang_tokens=tokens)


@pytest.mark.parametrize("size, text", [
    (0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (742_297, "724.9 KiB"), (5 * 1024**2, "5.0 MiB"),
    (3 * 1024**4, "3072.0 GiB"),
], ids=["zero", "bytes", "kib", "kib-frac", "mib", "gib-cap"])
def test_human_size(size, text):
    assert human_size(size) == text


def test_disk_size_counts_files_below(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_bytes(b"12345")
    (tmp_path / "g").write_bytes(b"123")
    assert disk_size(tmp_path) == 8


def test_languages_bilingual_and_multilingual(tmp_path):
    assert languages(_info(tmp_path / "b", "b", ("es", "en"), ("en", "es"))) == "en->es,es->en"
    assert languages(_info(tmp_path / "m", "m", ("en", "es", "fr"), ("en", "es", "fr"), multi=True)) == \
        "3 languages (any pair)"


def test_details_has_path_size_and_multilingual_pairs(tmp_path):
    data = details(_info(tmp_path / "m", "m", ("en", "es", "fr"), ("en", "es", "fr"), multi=True))
    assert list(data)[:2] == ["path", "format"] and data["path"] == str(tmp_path / "m")
    assert data["size"] == "2.0 KiB" and data["pairs"] == "all 6 pairs between 3 languages"
    assert "pairs" not in details(_info(tmp_path / "b", "b", ("en",), ("es",)))


def test_list_table_aligns_columns_without_trailing_spaces(tmp_path):
    table = list_table([_info(tmp_path / "x", "x", ("ar",), ("en",)), _info(tmp_path / "long", "longer-name",
                                                                          ("en",), ("es",))])
    lines = table.split("\n")
    assert lines[0].split() == list(LIST_HEADER)
    assert lines[1] == "x            ar->en  ct2   whitespace  2.0 KiB"
    assert lines[2].startswith("longer-name  en->es  ct2")
    assert all(line == line.rstrip() for line in lines)
