"""Enforcement on a deterministic word-by-word engine, properties, and the real Apertium engine."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.glossary import (
    EnforceOptions,
    GlossaryTranslator,
    Matcher,
    parse_table,
    term_accuracy,
    verify,
)
from alignkit.glossary.enforce import post_edit
from alignkit.translate.base import Translator
from alignkit.translate.route import PivotTranslator
from alignkit.types import EngineOutput, Segment, Translation
from tests.conftest import needs_apertium_pair

G = parse_table(
    "en\tes\tfr\n"
    "Kyiv\tKiev\tKiev\n"
    "Trump\tTrump\tTrump\n"
    "Ukraine\tUcrania\tUkraine\n"
    "Cuban Missile Crisis\tcrisis de los misiles de Cuba\tcrise des missiles de Cuba\n"
)
WORDS = {"refused": "rechazó", "trump": "triunfo", "the": "el", "and": "y", "in": "en", "is": "es",
         "right": "correcto", "support": "apoyo", "for": "para", "war": "guerra", "ukraine": "Ucrania",
         "crisis": "crisis", "missile": "misil", "cuban": "cubano"}


class WordEngine(Translator):
    """Word-by-word en->es: known words translated, unknown words copied (like Apertium)."""

    engine = "words"

    def __init__(self, mangle_unknown: bool = False) -> None:
        super().__init__("en", "es")
        self.mangle = mangle_unknown

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        def word(m: re.Match[str]) -> str:
            w = m.group()
            out = WORDS.get(w.lower())
            if out is None:
                return w.lower() if self.mangle else w
            return out.capitalize() if w[0].isupper() and m.start() == 0 else out
        return [EngineOutput(re.sub(r"\w+", word, t)) for t in texts]


def _run(translator: Translator, texts: list[str]) -> list[str]:
    return [o.text for o in translator.translate(texts)]


def test_post_edit_replaces_copied_names_and_keeps_the_rest() -> None:
    out = _run(GlossaryTranslator(WordEngine(), G), ["Kyiv refused support for Ukraine.", "the war"])
    assert out == ["Kiev rechazó apoyo para Ucrania.", "el guerra"]


def test_protect_fixes_a_name_the_engine_translates() -> None:
    raw = _run(WordEngine(), ["Trump is right."])
    assert raw == ["Triunfo es correcto."]
    assert _run(GlossaryTranslator(WordEngine(), G), ["Trump is right."]) == ["Trump es correcto."]


def test_lowercase_target_is_capitalised_at_sentence_start() -> None:
    out = _run(GlossaryTranslator(WordEngine(), G), ["Cuban Missile Crisis and the war"])
    assert out == ["Crisis de los misiles de Cuba y el guerra"]


def test_split_is_the_last_resort_when_placeholders_are_lost() -> None:
    engine = WordEngine(mangle_unknown=True)  # lower-cases placeholders, so restore fails
    out = _run(GlossaryTranslator(engine, G), ["Trump is right in Kyiv"])
    assert out == ["Trump es correcto en Kiev"]
    off = _run(GlossaryTranslator(engine, G, EnforceOptions(split=False)), ["Trump is right in Kyiv"])
    assert "Trump" not in off[0]


def test_wrapper_reports_inner_identity_and_glossary_digest() -> None:
    inner = PivotTranslator(WordEngine(), WordEngine())
    t = GlossaryTranslator(inner, G)
    assert (t.src, t.tgt, t.route, t.engine) == (inner.src, inner.tgt, inner.route, inner.engine)
    assert t.describe()["glossary"]["digest"] == G.digest()


def test_language_missing_from_glossary_passes_through() -> None:
    inner = WordEngine()
    inner.tgt = "de"
    assert _run(GlossaryTranslator(inner, G), ["Trump is right."]) == ["Triunfo es correcto."]


_pieces = st.lists(st.sampled_from(["Kyiv", "Trump", "Kyiv's", "Ukraine", "Cuban Missile Crisis", "the", "war",
                                    "is", "right", "refused", "Kyivan", "and", ",", "."]), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(_pieces)
def test_enforcing_twice_changes_nothing(words: list[str]) -> None:
    text = " ".join(words)
    once = _run(GlossaryTranslator(WordEngine(), G), [text])
    twice = _run(GlossaryTranslator(GlossaryTranslator(WordEngine(), G), G), [text])
    assert once == twice
    occs = Matcher(G, "en").find(text)
    edited = post_edit(G, "es", text, once[0], occs)
    assert edited == once[0] and post_edit(G, "es", text, edited, occs) == edited


@settings(max_examples=60, deadline=None)
@given(_pieces)
def test_enforced_output_always_verifies_on_the_word_engine(words: list[str]) -> None:
    text = " ".join(words)
    out = _run(GlossaryTranslator(WordEngine(), G), [text])[0]
    checks = verify([Segment("d", 0, 0, 0, text, 0, len(text))], [Translation(0, "es", out, "w", ("en", "es"))],
                    G, "en")
    assert all(c.ok for c in checks)


# -- the real Apertium engine ----------------------------------------------------------------

def _apertium(src: str, tgt: str) -> Translator:
    """The team's Apertium translator (en->fr goes through Spanish); skips without the modes."""
    from alignkit.translate.apertium import ApertiumEngine
    from alignkit.translate.route import open_translator

    for mode in {"es": ("eng-spa",), "fr": ("eng-spa", "es-fr")}[tgt]:
        needs_apertium_pair(mode)
    return open_translator(ApertiumEngine(), src, tgt)


SEED_LIKE = ["Trump is right in calling for a ceasefire.", "Kyiv refused.",
             "NATO limited its support for Kyiv.", "The Trump administration presents proposals."]
G2 = parse_table("en\tes\tfr\nTrump\tTrump\tTrump\nKyiv\tKiev\tKiev\nNATO\tOTAN\tOTAN\n")


@pytest.mark.parametrize("tgt", ["es", "fr"], ids=["direct", "pivot-via-es"])
def test_apertium_enforcement_reaches_every_term(tgt: str) -> None:
    inner = _apertium("en", tgt)
    segs = [Segment("d", i, 0, i, t, 0, len(t)) for i, t in enumerate(SEED_LIKE)]

    def accuracy(translator: Translator) -> float:
        outs = translator.translate(SEED_LIKE)
        trs = [Translation(i, tgt, o.text, "apertium", (("en", tgt))) for i, o in enumerate(outs)]
        return term_accuracy(verify(segs, trs, G2, "en"))[tgt]

    assert accuracy(inner) < 1.0          # the raw engine mangles Trump and copies Kyiv
    assert accuracy(GlossaryTranslator(inner, G2)) == 1.0
    out = GlossaryTranslator(inner, G2).translate(["Kyiv refused."])[0].text
    assert out.startswith("Kiev ") and not re.search(r"Kiev [A-ZÀ-Ý]", out)   # next word's capital repaired
