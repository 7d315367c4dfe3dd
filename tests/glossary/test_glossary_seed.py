"""The seed glossary: valid, and covering every capitalised name of the seed document."""

from __future__ import annotations

import re
from pathlib import Path

from alignkit.glossary import Matcher, load

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "putin-war-israel-2025.en.txt"
GLOSSARY = ROOT / "glossaries" / "seed.tsv"

#: Capitalised sequences in the seed that are not named entities (degrees, a capitalised
#: common noun) — each one a deliberate decision, listed here so a new name cannot slip by.
IGNORE_MULTI = {"Artificial Intelligence", "Political Science", "Bachelor of Laws", "Master's and PhD"}
#: Capitalised single words that are not names: demonyms/adjectives, months, pronoun, page chrome.
IGNORE_SINGLE = {"I", "I've", "Russian", "Russian-speaking", "Russians", "Ukrainian", "European", "Spanish", "British", "Cuban", "Ottoman",
                 "Tsarist", "Tsars", "December", "April", "Share", "PhD", "Master's", "Lawyer", "Former",
                 "Bachelor", "Laws", "Political", "Science", "Artificial", "Intelligence", "Islamization"}
_CAP = r"[A-ZÀ-Ý][\w'’-]*"
_NAME = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:of|the)[ \t]+)?{_CAP})+")


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"«“(")
    return not before or before[-1] in ".?!:\n-—"


def _names(text: str) -> list[str]:
    """Capitalised multiword sequences, a sentence-initial first word dropped."""
    found = []
    for m in _NAME.finditer(text):
        words = m.group().split()
        if _sentence_initial(text, m.start()):
            words = words[1:]
            while words and words[0] in ("of", "the"):
                words = words[1:]
        if len(words) >= 2:
            found.append(" ".join(words))
    return found


def test_seed_glossary_is_valid_and_has_every_language() -> None:
    g = load(GLOSSARY)
    assert {"en", "es", "ca", "gl", "pt", "it", "fr"} <= set(g.langs) and len(g) >= 60


def test_every_capitalised_multiword_name_is_covered() -> None:
    text = SEED.read_text(encoding="utf-8")
    g = load(GLOSSARY)
    matcher = Matcher(g, "en")
    missing = [n for n in _names(text)
               if n not in IGNORE_MULTI and not any(m.text == n for m in matcher.find(n))]
    assert missing == []


def test_every_capitalised_word_inside_a_sentence_is_covered() -> None:
    text = SEED.read_text(encoding="utf-8")
    covered = {(m.start, m.end) for m in Matcher(load(GLOSSARY), "en").find(text)}
    missing = []
    for m in re.finditer(_CAP, text):
        if _sentence_initial(text, m.start()) or m.group() in IGNORE_SINGLE:
            continue
        # A name may go on as a possessive or a compound ("Russia's", "Yalta-style").
        if not any(a <= m.start() < b for a, b in covered):
            missing.append(m.group())
    assert missing == []


def test_the_detector_finds_names() -> None:
    assert _names("Yesterday, Boris Yeltsin met Peter the Great. Like Aleksandr Solzhenitsyn, no.") == [
        "Boris Yeltsin", "Peter the Great", "Aleksandr Solzhenitsyn"]
