"""A segment's Apertium translation must not depend on the segments translated before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.segment import segment_text
from alignkit.translate import get_engine, open_translator
from alignkit.translate.apertium import PRIMER_PASSES, PRIMERS, ApertiumOptions, primer
from alignkit.translate.apertium_pipe import Pipeline
from tests.conftest import needs_apertium_pair

# "entre" has an ambiguity class the es-it tagger never saw: meeting it used to overwrite the
# tagger's open class, and "¿Qué quiere?" after it came out as "Che ama?" instead of "Che vuoi?".
TARGET = "¿Qué quiere?"
BEFORE = ["Hay diferencias entre ellos.", "La casa es grande.", "Para sustituir el plan, hace falta dinero."]


def test_primer_repeats_the_words_of_the_source_language() -> None:
    assert primer("es").count(PRIMERS["es"]) == PRIMER_PASSES
    assert primer("xx") == ""
    assert ApertiumOptions().prime and not ApertiumOptions.from_mapping({"prime": "no"}).prime


def test_primer_output_is_discarded_after_every_start(tmp_path: Path) -> None:
    needs_apertium_pair("eng-spa")  # for apertium-wblank-mode
    mode = tmp_path / "eng-spa.mode"
    mode.write_text("sed -u s/x/x/\n")  # an identity "pipeline": a kept primer would show
    pipe = Pipeline(mode, "-g", 2, 10, primer="PRIMER words")
    try:
        assert pipe.run(["one", "two", "three"]) == ["one.[]", "two.[]", "three.[]"]
        pipe.close()  # a restart primes again and still discards it
        assert pipe.run(["four"]) == ["four.[]"]
    finally:
        pipe.close()


def _after_predecessors(prime: bool) -> set[str]:
    engine = get_engine("apertium", {"prime": str(prime)})
    outputs = set()
    for before in [[], *([b] for b in BEFORE)]:
        with open_translator(engine, "es", "it") as translator:
            outputs.add(translator.translate([*before, TARGET])[-1].text)
    return outputs


def test_same_sentence_after_different_predecessors() -> None:
    needs_apertium_pair("spa-ita")
    unprimed = _after_predecessors(False)
    primed = _after_predecessors(True)
    assert len(primed) == 1, primed
    if len(unprimed) == 1:  # the control: without the primer the predecessors must matter
        pytest.skip("this Apertium's tagger keeps no state across segments: nothing to show")
    assert primed <= unprimed  # one of the states a plain pipeline can be in


def test_two_orders_give_the_same_translations(seed_text: str) -> None:
    needs_apertium_pair("eng-spa")
    needs_apertium_pair("spa-ita")
    segments = [s.text for s in segment_text(seed_text, "en")]
    engine = get_engine("apertium", {"prime": True})
    with open_translator(engine, "en", "it") as translator:
        forward = [o.text for o in translator.translate(segments)]
    with open_translator(engine, "en", "it") as translator:
        backward = [o.text for o in translator.translate(segments[::-1])][::-1]
    assert [i for i, (a, b) in enumerate(zip(forward, backward)) if a != b] == []
