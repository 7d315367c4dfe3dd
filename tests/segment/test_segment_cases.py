"""The per-language case tables of ``tests/segment/cases`` (≥ 30 cases each, real-style text)."""

from __future__ import annotations

import pytest

from alignkit.segment import segment_text
from alignkit.segment.lang import rules_for
from alignkit.segment.moses import moses_prefixes, parse
from tests.segment.cases import LANGS, load

#: Cases the rules get wrong today, kept in the tables so that the pass counts stay honest.
KNOWN_FAILURES = {
    # "J.-C." is an abbreviation, and "Vercingétorix" no sentence starter: the rules cannot
    # tell a name that opens the next sentence from one that continues this one.
    ("fr", "av-jc"): "a name after a sentence-final abbreviation",
}
CASES = [
    pytest.param(lang, *case, id=f"{lang}-{case[0]}",
                 marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[lang, case[0]], strict=True)]
                 if (lang, case[0]) in KNOWN_FAILURES else [])
    for lang in LANGS for case in load(lang)
]


@pytest.mark.parametrize(("lang", "case_id", "text", "expected"), CASES)
def test_case_table(lang: str, case_id: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in segment_text(text, lang)] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_every_table_has_30_cases_with_unique_ids(lang: str) -> None:
    ids = [case[0] for case in load(lang)]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)


def test_moses_file_format() -> None:
    got = parse("# comment\nSr\nnÃºm\nnúm\nNo #NUMERIC_ONLY# \nArt #NUMERIC_ONLY#\nArt\n\n")
    assert got.general == {"sr", "núm", "art"} and got.numeric == {"no"}


def test_moses_lists_join_the_rules_but_not_the_words_section() -> None:
    pytest.importorskip("sacremoses")
    assert "racc" in rules_for("it").abbreviations and "racc" in moses_prefixes("it").general
    assert "no" in rules_for("pt").number
    assert "sec" in moses_prefixes("fr").general and "sec" not in rules_for("fr").abbreviations
    assert not moses_prefixes("xx").general
