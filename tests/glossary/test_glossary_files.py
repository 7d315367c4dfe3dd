"""Reading, validating and converting glossary files (TSV, CSV, TBX)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.errors import GlossaryError, InputError
from alignkit.glossary import (
    Glossary,
    GlossaryProblems,
    Term,
    dump_table,
    dump_tbx,
    load,
    parse_table,
    parse_tbx,
    save,
)

GOOD = "# comment\nen\tes\tfr\tnote\nKyiv|Kiev\tKiev\tKiev|Kyiv\tcapital\nNATO\tOTAN\tOTAN\t\n"


def test_tsv_reads_variants_notes_and_comments() -> None:
    g = parse_table(GOOD, "\t", "g.tsv")
    assert g.langs == ("en", "es", "fr")
    assert g.terms[0].forms["en"] == ("Kyiv", "Kiev") and g.terms[0].note == "capital"
    assert g.terms[1].preferred("fr") == "OTAN" and g.terms[1].line == 4


def test_csv_with_quotes() -> None:
    g = parse_table('en,es,note\n"Peter the Great",Pedro el Grande,"tsar, 1682"\n', ",")
    assert g.terms[0].note == "tsar, 1682" and g.terms[0].preferred("es") == "Pedro el Grande"


def test_language_codes_are_normalised_and_nfc_applied() -> None:
    g = parse_table("eng\tspa\nDe\u0301tente\tdistensio\u0301n\n")
    assert g.langs == ("en", "es") and g.terms[0].forms["en"] == ("Détente",)


def test_validation_lists_every_problem_with_line_numbers() -> None:
    text = ("en\tes\txx\tes\n"            # line 1: unknown code, repeated language
            "Kyiv\tKiev\ta\tb\n"
            "Kyiv\tKíev\ta\tb\n"          # line 3: conflicting targets
            "NATO\t\ta\tb\n"              # line 4: empty cell
            "USSR\tURSS||UdSSR\ta\tb\n"   # line 5: empty variant
            "NATO\tOTAN\ta\tb\tc\n"       # line 6: too many cells
            "Kiev\tKiev|Kiev\ta\tb\n")    # line 7: repeated variant
    with pytest.raises(GlossaryProblems) as info:
        parse_table(text, "\t", "bad.tsv")
    problems = info.value.problems
    expected = ("line 1: unknown language code 'xx'", "line 1: language 'es' appears twice",
                "line 3: conflicting targets for 'Kyiv'", "line 4: empty cell for 'es'",
                "line 5: empty variant", "line 6: 5 cells", "line 7: repeated variant")
    assert len(problems) == len(expected)
    for needle, problem in zip(expected, problems):
        assert problem.startswith(needle)
    assert str(info.value).startswith("bad.tsv: 7 problems: line 1")
    assert "\n" not in str(info.value)


def test_duplicate_concept_is_reported() -> None:
    with pytest.raises(GlossaryError, match=r"line 3: duplicate concept 'Kyiv' \(first on line 2\)"):
        parse_table("en\tes\nKyiv\tKiev\nKyiv\tKiev\n")


@pytest.mark.parametrize("text, message", [
    ("", "no language columns"),
    ("en\tes\n", "no terms"),
    ("# only a comment\n", "no language columns"),
], ids=["empty", "header-only", "comment-only"])
def test_degenerate_tables(text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        parse_table(text)


def test_load_by_extension_and_errors(tmp_path: Path) -> None:
    (tmp_path / "g.tsv").write_text(GOOD, encoding="utf-8")
    assert len(load(tmp_path / "g.tsv")) == 2
    with pytest.raises(InputError, match="unknown glossary format"):
        load(tmp_path / "g.docx")
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "missing.tbx")


def test_tbx_round_trip_keeps_everything_and_the_digest(tmp_path: Path) -> None:
    g = parse_table(GOOD, "\t", "g.tsv")
    save(g, tmp_path / "g.tbx")
    back = load(tmp_path / "g.tbx")
    assert back.langs == g.langs and back.terms == g.terms and back.digest() == g.digest()
    assert [t.note for t in back.terms] == ["capital", ""]


def test_tbx3_concept_entries_are_read() -> None:
    data = b"""<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
    <text><body><conceptEntry id="1"><langSec xml:lang="en"><termSec><term>Kyiv</term></termSec></langSec>
    <langSec xml:lang="fr"><termSec><term>Kiev</term></termSec><termSec><term>Kyiv</term></termSec></langSec>
    </conceptEntry></body></text></tbx>"""
    g = parse_tbx(data)
    assert g.langs == ("en", "fr") and g.terms[0].forms["fr"] == ("Kiev", "Kyiv")


@pytest.mark.parametrize("data, message", [
    (b"<martif><text><body><termEntry>", "not well-formed"),
    (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     b'<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&b;</term></tig></langSet>'
     b"</termEntry></body></text></martif>", "entity"),
    (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b'<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet>'
     b"</termEntry></body></text></martif>", "entity"),
    (b"<martif><text><body/></text></martif>", "no termEntry"),
    (b'<martif><text><body><termEntry><langSet xml:lang="qq"><tig><term>a</term></tig></langSet>'
     b"</termEntry></body></text></martif>", "unknown language code 'qq'"),
], ids=["broken", "billion-laughs", "external-entity", "no-entries", "bad-lang"])
def test_tbx_bad_or_hostile_input(data: bytes, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        parse_tbx(data, "x.tbx")


_form = st.text(alphabet=st.characters(categories=("L", "N"), include_characters=" -'.&<>\""), min_size=1,
                max_size=12).map(lambda s: " ".join(s.split())).filter(lambda s: s and "|" not in s)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(_form, min_size=1, max_size=3, unique=True), _form), min_size=1, max_size=5,
                unique_by=lambda r: r[0][0]))
def test_every_glossary_survives_tsv_and_tbx(rows: list[tuple[list[str], str]]) -> None:
    from alignkit.glossary.model import nfc

    terms = tuple(Term({"en": tuple(nfc(f) for f in src), "es": (nfc(tgt),)}) for src, tgt in rows)
    srcs = [f for t in terms for f in t.forms["en"]]
    if len(set(srcs)) != len(srcs) or any(len(set(t.forms["en"])) != len(t.forms["en"]) for t in terms):
        return  # a duplicate concept: not a valid glossary
    g = Glossary(("en", "es"), terms)
    assert parse_tbx(dump_tbx(g).encode()).terms == g.terms
    assert parse_table(dump_table(g)).terms == g.terms
