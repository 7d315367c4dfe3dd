"""Grammar annotations in glossary files: parsing, validation, TSV and TBX round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.glossary import (
    GlossaryProblems,
    dump_table,
    dump_tbx,
    load,
    parse_table,
    parse_tbx,
    save,
)
from alignkit.glossary.model import Gram

TSV = ("en\tes\tfr\tnote\n"
       "US\tEE.UU.{m.pl}|EE. UU.|Estados Unidos\tÉtats-Unis {m.pl}|USA{pl}\tplace\n"
       "Ukraine\tUcrania{f}\tUkraine{f.sg}\tplace\n"
       "Kyiv\tKiev\tKiev\t\n")


def test_annotations_are_parsed_and_inherited_by_variants() -> None:
    g = parse_table(TSV)
    us, ukraine, kyiv = g.terms
    assert us.forms["es"] == ("EE.UU.", "EE. UU.", "Estados Unidos") and us.forms["fr"] == ("États-Unis", "USA")
    assert us.grammar["es"] == (Gram("m", "pl"),) * 3
    assert us.grammar["fr"] == (Gram("m", "pl"), Gram(None, "pl"))
    assert ukraine.gram("fr", "Ukraine") == Gram("f", "sg") and kyiv.grammar == {}


def test_tsv_round_trip_writes_only_what_is_not_inherited() -> None:
    g = parse_table(TSV)
    text = dump_table(g)
    assert "EE.UU.{m.pl}|EE. UU.|Estados Unidos" in text and "États-Unis{m.pl}|USA{pl}" in text
    back = parse_table(text)
    assert back.terms == g.terms and back.digest() == g.digest()


def test_tbx_round_trip_uses_term_notes(tmp_path: Path) -> None:
    g = parse_table(TSV, name="g.tsv")
    xml = dump_tbx(g)
    assert '<termNote type="grammaticalGender">masculine</termNote>' in xml
    assert '<termNote type="grammaticalNumber">plural</termNote>' in xml
    save(g, tmp_path / "g.tbx")
    back = load(tmp_path / "g.tbx")
    assert back.terms == g.terms and back.digest() == g.digest()
    save(back, tmp_path / "g2.tsv")
    assert load(tmp_path / "g2.tsv").terms == g.terms


def test_annotations_change_the_digest() -> None:
    plain = parse_table("en\tfr\nUS\tÉtats-Unis\n")
    assert parse_table("en\tfr\nUS\tÉtats-Unis{m.pl}\n").digest() != plain.digest()
    assert parse_table("en\tfr\nUS\tÉtats-Unis\n").digest() == plain.digest()


def test_tbx3_term_notes_and_unused_values() -> None:
    data = """<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="1">
    <langSec xml:lang="en"><termSec><term>US</term></termSec></langSec>
    <langSec xml:lang="it"><termSec><term>Stati Uniti</term><termNote type="grammaticalGender">masculine</termNote>
    <termNote type="grammaticalNumber">plural</termNote></termSec>
    <termSec><term>USA</term><termNote type="grammaticalGender">other</termNote></termSec></langSec>
    </conceptEntry></body></text></tbx>""".encode()
    term = parse_tbx(data).terms[0]
    assert term.grammar["it"] == (Gram("m", "pl"), Gram("m", "pl"))   # "other" is unknown: inherited


@pytest.mark.parametrize("cell, message", [
    ("États-Unis{x.pl}", "bad grammar annotation {x.pl}"),
    ("États-Unis{m.f}", "bad grammar annotation {m.f}"),
    ("États-Unis{pl.pl}", "bad grammar annotation {pl.pl}"),
    ("États-Unis{}", "bad grammar annotation {}"),
    ("États{m}-Unis", "misplaced brace"),
    ("États-Unis{m.pl", "misplaced brace"),
    ("{m.pl}", "empty variant"),
], ids=["unknown-gender", "two-genders", "two-numbers", "empty", "inside", "unclosed", "no-form"])
def test_bad_annotations_are_reported_with_line_numbers(cell: str, message: str) -> None:
    with pytest.raises(GlossaryProblems) as err:
        parse_table(f"en\tfr\nKyiv\tKiev\nUS\t{cell}\n")
    assert any(p.startswith("line 3: ") and message in p for p in err.value.problems)


def test_bad_tbx_gram_value_is_reported() -> None:
    data = b"""<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>US</term></tig></langSet>
    <langSet xml:lang="fr"><tig><term>Etats-Unis</term><termNote type="grammaticalNumber">plurall</termNote>
    </tig></langSet></termEntry></body></text></martif>"""
    with pytest.raises(GlossaryProblems, match="unknown grammaticalNumber 'plurall'"):
        parse_tbx(data, "x.tbx")


def test_seed_glossary_annotations_load() -> None:
    g = load(Path(__file__).resolve().parents[2] / "glossaries" / "seed.tsv")
    us = next(t for t in g.terms if t.forms["en"][0] == "US")
    assert all(us.gram(lang, us.preferred(lang)) == Gram("m", "pl") for lang in ("es", "ca", "gl", "pt", "it", "fr"))
