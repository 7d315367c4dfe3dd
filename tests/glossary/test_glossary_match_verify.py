"""Matching edge cases, verification and the term accuracy metric."""

from __future__ import annotations

import pytest

from alignkit.glossary import Matcher, parse_table, term_accuracy, verify
from alignkit.types import Segment, TermCheck, Translation

G = parse_table(
    "en\tes\tfr\n"
    "Kyiv|Kiev\tKiev\tKiev|Kyiv\n"
    "Russia\tRusia\tRussie\n"
    "Mother Russia\tMadre Rusia\tMère Russie\n"
    "Minsk\tMinsk\tMinsk\n"
    "Minsk Agreements\tacuerdos de Minsk\taccords de Minsk\n"
    "US\tEE. UU.|Estados Unidos\tÉtats-Unis\n"
    "Korea\tCorea\tCorée\n"
    "men in green\thombres de verde\thommes en vert\n"
    "Essex\tEssex\tEssex\n"
    "Détente\tdistensión\tdétente\n"
)


@pytest.mark.parametrize("text, expected", [
    ("Kyiv refused.", ["Kyiv"]),
    ("Kyiv's defence and Kyiv’s allies", ["Kyiv", "Kyiv"]),
    ("Russian troops in Russia", ["Russia"]),                    # word boundary
    ("the Minsk Agreements and the Minsk talks", ["Minsk Agreements", "Minsk"]),  # longest first
    ("Mother Russia, not Russia", ["Mother Russia", "Russia"]),
    ("us and the US", ["US"]),                                   # case-aware
    ("the two Koreas", ["Koreas"]),                              # plural
    ("Men in green arrived; the men in green left", ["Men in green", "men in green"]),  # sentence-initial capital
    ("MEN IN GREEN", []),
    ("De\u0301tente", ["Détente"]),                              # NFC
    ("a Yalta-style deal near Kyiv-Pechersk", ["Kyiv"]),         # hyphen is a boundary
    ("Minsk\n Agreements", ["Minsk\n Agreements"]),              # any whitespace inside a form
    ("Kyivan", []),
], ids=["plain", "possessives", "boundary", "overlap", "overlap2", "case", "plural", "lowercase-form",
        "all-caps", "nfc", "hyphen", "whitespace", "inside-word"])
def test_matching(text: str, expected: list[str]) -> None:
    assert [m.text for m in Matcher(G, "en").find(text)] == expected


def test_match_details() -> None:
    m = Matcher(G, "en").find("Essex’s and Kyiv's and the Koreas")
    assert [(x.possessive, x.plural) for x in m] == [("’s", False), ("'s", False), ("", True)]
    assert m[1].start == 12 and m[1].end == 16 and G.terms[m[1].term].preferred("es") == "Kiev"


def _segs(*texts: str) -> tuple[Segment, ...]:
    return tuple(Segment("d", i, 0, i, t, 0, len(t)) for i, t in enumerate(texts))


def _trs(lang: str, *texts: str) -> tuple[Translation, ...]:
    return tuple(Translation(i, lang, t, "test", ("en", lang)) for i, t in enumerate(texts))


def test_verify_counts_each_target_occurrence_once() -> None:
    segs = _segs("Kyiv and Kyiv again", "Mother Russia and Russia")
    checks = verify(segs, _trs("es", "Kiev y Kyiv otra vez", "Madre Rusia y nada"), G, "en")
    assert [(c.term, c.found) for c in checks] == [("Kyiv", "Kiev"), ("Kyiv", None),
                                                  ("Mother Russia", "Madre Rusia"), ("Russia", None)]
    assert term_accuracy(checks) == {"es": 0.5}


def test_verify_accepts_variants_and_sentence_initial_capital() -> None:
    checks = verify(_segs("The US and Détente."), _trs("es", "Estados Unidos y la distensión."), G, "en")
    checks += verify(_segs("Détente ended."), _trs("es", "Distensión terminó."), G, "en")
    assert all(c.ok for c in checks) and len(checks) == 3
    assert checks[0].expected == ("EE. UU.", "Estados Unidos")


def test_verify_several_languages_and_missing_column() -> None:
    segs = _segs("Kyiv")
    trs = _trs("es", "Kiev") + _trs("fr", "Kiev") + _trs("de", "Kiew")
    checks = verify(segs, trs, G, "en")
    assert {c.lang for c in checks} == {"es", "fr"}        # no de column: nothing to verify
    assert verify(segs, trs, G, "pt") == ()


def test_term_accuracy_per_language() -> None:
    checks = [TermCheck(0, "es", "Kyiv", ("Kiev",), "Kiev"), TermCheck(1, "es", "US", ("EE. UU.",), None),
              TermCheck(0, "fr", "Kyiv", ("Kiev",), "Kiev")]
    assert term_accuracy(checks) == {"es": 0.5, "fr": 1.0}
    assert term_accuracy([]) == {}
