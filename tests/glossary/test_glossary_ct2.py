"""Enforcement on the CTranslate2 engine with the tiny real aren transliteration model.

The model reads Arabic letters separated by spaces and writes Latin letters separated by
spaces; the glossary fixes the Latin spelling of a name (``m a h m a d`` -> ``m u h a m m a d``).
A placeholder cannot pass through a character model, so enforcement falls back to splitting.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.glossary import GlossaryTranslator, parse_table, term_accuracy, verify
from alignkit.types import Segment, Translation
from tests.conftest import shared_path

G = parse_table("ar\ten\tnote\nم ح م د\tm u h a m m a d\tthe usual Latin spelling of the name\n")
TEXTS = ["م ح م د", "ب ي ر و ت", "ب ي ر و ت م ح م د"]


def test_ct2_enforcement_fixes_the_spelling(tmp_path: Path) -> None:
    pytest.importorskip("ctranslate2")
    from alignkit.models.store import ModelStore
    from alignkit.translate.ct2 import CT2Engine

    store = ModelStore(tmp_path / "store")
    store.install(shared_path("models", "aren-transliteration"), name="aren", src="ar", tgt="en")
    inner = CT2Engine(model="aren", models_home=str(store.root)).open("ar", "en")
    segs = [Segment("d", i, 0, i, t, 0, len(t)) for i, t in enumerate(TEXTS)]

    def run(translator: object) -> tuple[list[str], dict[str, float]]:
        outs = [o.text for o in translator.translate(TEXTS)]  # type: ignore[attr-defined]
        trs = [Translation(i, "en", t, "ct2", ("ar", "en")) for i, t in enumerate(outs)]
        return outs, term_accuracy(verify(segs, trs, G, "ar"))

    raw, raw_acc = run(inner)
    enforced, acc = run(GlossaryTranslator(inner, G))
    # the raw spelling depends on the CPU's int8 kernels ("m a h m a d", "m o h m e m"); it is never the glossary's
    assert raw[0] != "m u h a m m a d" and raw_acc["en"] == 0.0
    assert acc["en"] == 1.0
    assert enforced[0] == "m u h a m m a d"
    assert enforced[1] == raw[1]                         # no term: untouched
    assert enforced[2].endswith("m u h a m m a d") and enforced[2].startswith(raw[1])
