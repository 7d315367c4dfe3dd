"""Per-language case tables for the ``rules`` segmenter (one row per boundary decision)."""

from __future__ import annotations

import pytest

from alignkit.errors import UnknownNameError
from alignkit.segment import SEGMENTERS, get_segmenter, segment_text
from alignkit.segment.lang import LANGUAGES, rules_for

CASES = [
    # English beyond the Golden Rules
    ("en", "Dr. Smith arrived at 5 p.m. He left at 6.", ["Dr. Smith arrived at 5 p.m.", "He left at 6."], "en-pm-end"),
    ("en", "See Fig. 3 and No. 7. Then stop.", ["See Fig. 3 and No. 7.", "Then stop."], "en-number-abbrev"),
    ("en", "I said no. Then I left.", ["I said no.", "Then I left."], "en-no-is-a-word"),
    ("en", "He was born on Jan. 5, 1990 in the U.K. The family moved.",
     ["He was born on Jan. 5, 1990 in the U.K.", "The family moved."], "en-month-uk"),
    ("en", "Wait... What? Nothing.", ["Wait...", "What?", "Nothing."], "en-ellipsis-capital"),
    ("en", "He scored 3. Then he scored 4.", ["He scored 3.", "Then he scored 4."], "en-numbers-not-a-list"),
    ("en", "1. Introduction", ["1. Introduction"], "en-heading-marker"),
    ("en", "Items:\n- apples\n- pears", ["Items:", "- apples", "- pears"], "en-dash-lines"),
    ("en", "It rose in the 1970s. However, it fell.", ["It rose in the 1970s.", "However, it fell."], "en-1970s"),
    # Spanish
    ("es", "¿Qué quiere Putin? ¡Basta ya! Nadie lo sabe.", ["¿Qué quiere Putin?", "¡Basta ya!", "Nadie lo sabe."],
     "es-inverted-marks"),
    ("es", "El Sr. García y la Sra. López llegaron. D. Juan no.",
     ["El Sr. García y la Sra. López llegaron.", "D. Juan no."], "es-titles"),
    ("es", "Vive en EE. UU. desde 2010. El presidente de EE. UU. El otro día habló.",
     ["Vive en EE. UU. desde 2010.", "El presidente de EE. UU.", "El otro día habló."], "es-eeuu"),
    ("es", "Véase la pág. 34 y el núm. 5. Luego seguimos.", ["Véase la pág. 34 y el núm. 5.", "Luego seguimos."],
     "es-pag-num"),
    ("es", "Llegó el 1.º de mayo. Fue el 2.ª vez.", ["Llegó el 1.º de mayo.", "Fue el 2.ª vez."], "es-ordinals"),
    ("es", "«¿Vienes?» No contestó. «Ya voy», dijo.", ["«¿Vienes?»", "No contestó.", "«Ya voy», dijo."],
     "es-guillemets"),
    ("es", "—¿Vienes? —preguntó ella. —No.", ["—¿Vienes? —preguntó ella.", "—No."], "es-dialogue-dash"),
    ("es", "Nació en el 44 a. C. El imperio cayó.", ["Nació en el 44 a. C.", "El imperio cayó."], "es-initials"),
    # Catalan
    ("ca", "El Sr. Puig viu al núm. 5. La Sra. Vila, a la pàg. 3. Això és tot.",
     ["El Sr. Puig viu al núm. 5.", "La Sra. Vila, a la pàg. 3.", "Això és tot."], "ca-titles-numbers"),
    ("ca", "Hi havia pomes, peres, etc. Els nens menjaven.", ["Hi havia pomes, peres, etc.", "Els nens menjaven."],
     "ca-etc"),
    ("ca", "L'alcalde va parlar. L'endemà va ploure.", ["L'alcalde va parlar.", "L'endemà va ploure."], "ca-elision"),
    # Galician
    ("gl", "O Sr. Castro chegou. A Sra. Pérez non. Ver páx. 7.", ["O Sr. Castro chegou.", "A Sra. Pérez non.",
                                                                "Ver páx. 7."], "gl-titles"),
    # Portuguese
    ("pt", "O Sr. Silva chegou às 5. A Dra. Costa não veio. Veja a pág. 4.",
     ["O Sr. Silva chegou às 5.", "A Dra. Costa não veio.", "Veja a pág. 4."], "pt-titles"),
    # Italian
    ("it", "Il Sig. Rossi è arrivato. Il Dott. Bianchi no. Vedi pag. 5 ecc. La fine.",
     ["Il Sig. Rossi è arrivato.", "Il Dott. Bianchi no.", "Vedi pag. 5 ecc.", "La fine."], "it-titles"),
    # French
    ("fr", "Vraiment ? Oui ! M. Dupont est arrivé.", ["Vraiment ?", "Oui !", "M. Dupont est arrivé."],
     "fr-spaced-marks"),
    ("fr", "Vraiment\u202f? Oui\u00a0! Bien.", ["Vraiment\u202f?", "Oui\u00a0!", "Bien."], "fr-narrow-nbsp"),
    ("fr", "« C'est fini. » Il est parti.", ["« C'est fini. »", "Il est parti."], "fr-spaced-guillemets"),
    ("fr", "Il dit : « Non. » Puis il part ; c'est tout.", ["Il dit : « Non. »", "Puis il part ; c'est tout."],
     "fr-colon-semicolon"),
    ("fr", "L'an 52 av. J.-C. Les Romains arrivent.", ["L'an 52 av. J.-C.", "Les Romains arrivent."], "fr-jc"),
    ("fr", "Voir p. 12 et le n° 5. C'est tout.", ["Voir p. 12 et le n° 5.", "C'est tout."], "fr-page-number"),
    # German
    ("de", "Am 3. Oktober 1990 war es so. Dr. Müller kam z. B. spät.",
     ["Am 3. Oktober 1990 war es so.", "Dr. Müller kam z. B. spät."], "de-ordinal-zb"),
    ("de", "Er kaufte Äpfel usw. Die Kinder freuten sich.", ["Er kaufte Äpfel usw.", "Die Kinder freuten sich."],
     "de-usw"),
    ("de", "Das Ergebnis war 3. Die Fans jubelten.", ["Das Ergebnis war 3.", "Die Fans jubelten."],
     "de-number-then-starter"),
    ("de", "„Komm.“ Er kam.", ["„Komm.“", "Er kam."], "de-quotes"),
    # Generic fallback (no module of their own)
    ("zh", "我爱你。你爱我吗？是的！", ["我爱你。", "你爱我吗？", "是的！"], "zh-fullwidth"),
    ("ru", "Привет. Как дела? Хорошо.", ["Привет.", "Как дела?", "Хорошо."], "ru-generic"),
    ("ar", "مرحبا. كيف حالك؟ أنا بخير.", ["مرحبا.", "كيف حالك؟", "أنا بخير."], "ar-question-mark"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [c[:3] for c in CASES], ids=[c[3] for c in CASES])
def test_language_case(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in segment_text(text, lang)] == expected


def test_every_language_module_loads_its_own_lists() -> None:
    generic = rules_for("ru")
    for code in LANGUAGES:
        rules = rules_for(code)
        assert rules.lang == code and rules.starters, code
        assert rules.abbreviations | rules.prepositive > generic.abbreviations | generic.prepositive, code


@pytest.mark.parametrize(("lang", "title"), [("en", "dr"), ("es", "sra"), ("ca", "sr"), ("gl", "sra"),
                                             ("pt", "dra"), ("it", "sig"), ("fr", "mme"), ("de", "prof")])
def test_titles_are_prepositive(lang: str, title: str) -> None:
    assert title in rules_for(lang).prepositive


def test_language_spellings_share_rules() -> None:
    assert rules_for("spa") is rules_for("es") and get_segmenter("rules", "ES") is get_segmenter("rules", "es")


def test_unknown_language_and_segmenter() -> None:
    with pytest.raises(UnknownNameError, match="unknown language code 'xx'"):
        segment_text("Hello.", "xx")
    with pytest.raises(UnknownNameError, match="choose one of: lines, pysbd, rules"):
        segment_text("Hello.", "en", segmenter="nope")
    assert {"rules", "lines"} <= set(SEGMENTERS.names())


def test_lines_segmenter_keeps_each_line() -> None:
    text = "First line. Still first.\n\n  Second line \nThird\n"
    segs = segment_text(text, "en", "d", segmenter="lines")
    assert [(s.text, s.para, s.sent, s.index) for s in segs] == [
        ("First line. Still first.", 0, 0, 0), ("Second line", 1, 0, 1), ("Third", 2, 0, 2)]
    assert all(text[s.start:s.end] == s.text for s in segs)


def test_pysbd_segmenter_offsets_when_installed() -> None:
    pytest.importorskip("pysbd")
    text = "Hello World. My name is Jonas.\n\nWhat is your name? I am here."
    segs = segment_text(text, "en", segmenter="pysbd")
    assert [s.text for s in segs] == ["Hello World.", "My name is Jonas.", "What is your name?", "I am here."]
    assert [s.para for s in segs] == [0, 0, 1, 1]
    assert all(text[s.start:s.end] == s.text for s in segs)


def test_ids_and_numbering() -> None:
    segs = segment_text("One. Two.\n\nThree.", "en", "doc7")
    assert [s.id for s in segs] == ["doc7:p0:s0", "doc7:p0:s1", "doc7:p1:s0"]
    assert [s.index for s in segs] == [0, 1, 2]
