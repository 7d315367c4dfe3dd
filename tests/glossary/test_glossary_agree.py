"""Determiner agreement with annotated glossary forms: case tables per language, enforcement."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.glossary import EnforceOptions, GlossaryTranslator, Matcher, parse_table
from alignkit.glossary.agree import agree, agrees, gram_at, sound
from alignkit.glossary.enforce import agree_terms
from alignkit.glossary.model import Gram
from alignkit.translate.base import Translator
from alignkit.types import EngineOutput

M, F, MP, FP = Gram("m", "sg"), Gram("f", "sg"), Gram("m", "pl"), Gram("f", "pl")

# (lang, text before the form, form, annotation, expected text)
CASES = [
    ("fr", "soutenu par l'", "États-Unis", MP, "soutenu par les États-Unis"),
    ("fr", "soutenu par le ", "États-Unis", MP, "soutenu par les États-Unis"),
    ("fr", "la fin du ", "États-Unis", MP, "la fin des États-Unis"),
    ("fr", "la fin de l'", "États-Unis", MP, "la fin des États-Unis"),
    ("fr", "aller à l'", "États-Unis", MP, "aller aux États-Unis"),
    ("fr", "la chute de la ", "URSS", F, "la chute de l'URSS"),
    ("fr", "comme le ", "détente", F, "comme la détente"),
    ("fr", "L'", "États-Unis", MP, "Les États-Unis"),
    ("fr", "a été DE LA ", "OTAN", F, "a été DE L'OTAN"),
    ("fr", "par le ", "Japon", Gram(), "par le Japon"),
    ("es", "respeto para el ", "acuerdos de Minsk", MP, "respeto para los acuerdos de Minsk"),
    ("es", "el fin del ", "crisis de los misiles", F, "el fin de la crisis de los misiles"),
    ("es", "al ", "Estados Unidos", MP, "a los Estados Unidos"),
    ("es", "de la ", "Reino Unido", M, "del Reino Unido"),
    ("es", "El ", "distensión", F, "La distensión"),
    ("ca", "el ", "URSS", F, "l'URSS"),
    ("ca", "del ", "Estats Units", MP, "dels Estats Units"),
    ("ca", "pel ", "OTAN", F, "per l'OTAN"),
    ("ca", "l'", "Universitat de Barcelona", F, "la Universitat de Barcelona"),
    ("ca", "el ", "Imperi otomà", M, "l'Imperi otomà"),
    ("gl", "polo ", "EUA", MP, "polos EUA"),
    ("gl", "o ", "crise dos mísiles", F, "a crise dos mísiles"),
    ("gl", "do ", "OTAN", F, "da OTAN"),
    ("pt", "do ", "EUA", MP, "dos EUA"),
    ("pt", "no ", "Rússia", F, "na Rússia"),
    ("pt", "ao ", "Crimeia", F, "à Crimeia"),
    ("pt", "pelo ", "acordos de Minsk", MP, "pelos acordos de Minsk"),
    ("pt", "a ", "EUA", MP, "a EUA"),                        # "a" may be the preposition: left alone
    ("it", "del ", "Stati Uniti", MP, "degli Stati Uniti"),
    ("it", "dell'", "Stati Uniti", MP, "degli Stati Uniti"),
    ("it", "per l'", "USA", MP, "per gli USA"),
    ("it", "il ", "Ucraina", F, "l'Ucraina"),
    ("it", "nel ", "Crimea", F, "nella Crimea"),
    ("it", "lo ", "Giappone", M, "il Giappone"),
    ("it", "il ", "Zimbabwe", M, "lo Zimbabwe"),
    ("it", "al ", "accordi di Minsk", MP, "agli accordi di Minsk"),
    ("it", "la ", "crisi", Gram(None, "pl"), "le crisi"),     # gender kept from the article
    ("it", "l'", "USA", Gram(None, "pl"), "l'USA"),           # gli or le: undecidable, unchanged
    ("es", "Putin y ", "Rusia", F, "Putin y Rusia"),          # no determiner: nothing to do
    ("de", "die ", "USA", MP, "die USA"),                     # no table for German
]


@pytest.mark.parametrize("lang, before, form, gram, expected", CASES,
                         ids=[f"{c[0]}-{c[1].strip()}-{c[2]}" for c in CASES])
def test_determiner_agrees_with_the_form(lang: str, before: str, form: str, gram: Gram, expected: str) -> None:
    fixed = agree(lang, before, form, gram) + form
    assert fixed == expected
    assert agree(lang, fixed[: len(fixed) - len(form)], form, gram) + form == fixed   # idempotent
    if fixed != before + form:
        assert agrees(lang, before, form, gram) is False
        assert agrees(lang, fixed[: len(fixed) - len(form)], form, gram) is True


@pytest.mark.parametrize("lang, form, gender, cls", [
    ("fr", "Ukraine", "f", "V"), ("fr", "Japon", "m", "C"), ("it", "Stati Uniti", "m", "S"),
    ("it", "Zimbabwe", "m", "S"), ("it", "Ucraina", "f", "V"), ("ca", "Universitat", "f", "C"),
    ("ca", "Universitat", "m", "V"), ("ca", "Índia", "f", "V"), ("ca", "URSS", "f", "V"), ("es", "OTAN", "f", "C"),
])
def test_sound_classes(lang: str, form: str, gender: str, cls: str) -> None:
    assert sound(lang, form, gender) == cls


G = parse_table(
    "en\tes\tfr\n"
    "US\tEE.UU.{m.pl}|Estados Unidos\tÉtats-Unis{m.pl}\n"
    "Korea\tCorea{f}\tCorée{f}\n"
    "Kyiv\tKiev\tKiev\n"
    "crisis\tcrisis{f}\tcrise{f}\n"
)


def test_gram_at_reads_variants_and_plural_suffixes() -> None:
    us, korea, kyiv = G.terms[0], G.terms[1], G.terms[2]
    assert gram_at(us, "es", "Estados Unidos") == MP          # inherited from the first form
    assert gram_at(korea, "es", "Coreas") == Gram("f", "pl")  # a plural suffix beyond the form
    assert gram_at(kyiv, "es", "Kiev") is None


class Frenchish(Translator):
    """en->fr stand-in that writes "le" for "the", like an engine before a masculine name."""

    engine = "frenchish"

    def __init__(self) -> None:
        super().__init__("en", "fr")

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        words = {"the": "le", "by": "par", "of": "de", "supported": "soutenu", "is": "est", "and": "et"}
        return [EngineOutput(re.sub(r"\w+", lambda m: words.get(m.group().lower(), m.group()), t)) for t in texts]


def test_enforcement_repairs_the_article_only_with_agree_on() -> None:
    text = "supported by the US and the crisis of the US"
    on = GlossaryTranslator(Frenchish(), G).translate([text])[0].text
    off = GlossaryTranslator(Frenchish(), G, EnforceOptions(agree=False)).translate([text])[0].text
    assert on == "soutenu par les États-Unis et la crise des États-Unis"
    assert "l'États-Unis" in off or "le États-Unis" in off


_words = st.lists(st.sampled_from(["le", "la", "l'", "du", "de", "des", "au", "à", "et", "US", "crisis", "Kyiv",
                                   "Korea", "par"]), min_size=1, max_size=10)


@settings(max_examples=80, deadline=None)
@given(_words)
def test_agreement_is_idempotent_and_keeps_every_term(words: list[str]) -> None:
    src = " ".join(w for w in words if w in ("US", "crisis", "Kyiv", "Korea"))
    target = re.sub(r"' ", "'", " ".join({"US": "États-Unis", "crisis": "crise", "Korea": "Corée",
                                          "Kyiv": "Kiev"}.get(w, w) for w in words))
    occs = Matcher(G, "en").find(src)
    once = agree_terms(G, "fr", occs, target)
    assert agree_terms(G, "fr", occs, once) == once
    for form in ("États-Unis", "crise", "Corée", "Kiev"):
        assert len(re.findall(form, once)) == len(re.findall(form, target))
