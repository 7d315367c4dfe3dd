"""Library side of `alignkit glossary match`/`convert`: occurrences with forms, file conversion."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.errors import GlossaryError, InputError
from alignkit.glossary import load, parse_table
from alignkit.glossary.files import convert
from alignkit.glossary.match import Occurrence, match_file, occurrences

TSV = "en\tes\tfr\tnote\nKyiv|Kiev\tKiev\tKiev\tcapital\nMinsk\tMinsk\tMinsk\t\nMinsk Agreements\tacuerdos de Minsk\taccords de Minsk\t\n"


def test_occurrences_have_lines_columns_possessives_and_other_forms():
    g = parse_table(TSV, name="g.tsv")
    found = occurrences(g, "Kyiv's view of the Minsk Agreements.\nMinsk talks.", "en")
    assert found == [
        Occurrence(1, 1, "Kyiv's", (("es", "Kiev"), ("fr", "Kiev"))),
        Occurrence(1, 20, "Minsk Agreements", (("es", "acuerdos de Minsk"), ("fr", "accords de Minsk"))),
        Occurrence(2, 1, "Minsk", (("es", "Minsk"), ("fr", "Minsk"))),
    ]
    assert [(o.line, o.text, o.forms[0]) for o in occurrences(g, "los acuerdos de Minsk", "es")] == \
        [(1, "acuerdos de Minsk", ("en", "Minsk Agreements"))]


def test_occurrences_name_the_glossary_when_the_column_is_missing():
    with pytest.raises(GlossaryError, match=r"^g.tsv: has no 'de' column \(it has en, es, fr\)$"):
        occurrences(parse_table(TSV, name="g.tsv"), "x", "de")


def test_match_file_checks_the_column_before_reading_the_text(tmp_path: Path):
    (tmp_path / "g.tsv").write_text(TSV, encoding="utf-8")
    with pytest.raises(GlossaryError, match="has no 'de' column"):
        match_file(tmp_path / "g.tsv", tmp_path / "missing.txt", "de")
    with pytest.raises(InputError, match="no such file"):
        match_file(tmp_path / "g.tsv", tmp_path / "missing.txt", "en")
    (tmp_path / "t.txt").write_text("Kiev and Kyiv\n", encoding="utf-8")
    assert [o.column for o in match_file(tmp_path / "g.tsv", tmp_path / "t.txt", "en")] == [1, 10]


def test_convert_checks_the_target_format_first_and_round_trips(tmp_path: Path):
    with pytest.raises(InputError, match="unknown glossary format"):
        convert(tmp_path / "missing.tsv", tmp_path / "g.docx")
    (tmp_path / "g.tsv").write_text(TSV, encoding="utf-8")
    written = convert(tmp_path / "g.tsv", tmp_path / "g.tbx")
    assert len(written) == 3 and load(tmp_path / "g.tbx").digest() == written.digest()
