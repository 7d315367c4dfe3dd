"""The ct2 engine on real models: the trained aren model and tiny random models built here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignkit.errors import EngineUnavailableError, InputError
from alignkit.translate.base import translate_segments
from alignkit.translate.ct2 import CT2Engine, batch_tokens
from alignkit.translate.ct2_options import CT2Options
from alignkit.translate.ct2_text import split_pieces
from alignkit.translate.registry import get_engine
from alignkit.translate.route import PivotTranslator, open_translator
from alignkit.types import Segment
from tests.conftest import shared_path


def _load_builders() -> Any:
    path = Path(__file__).parents[1] / "models" / "ct2_builders.py"
    spec = importlib.util.spec_from_file_location("ct2_builders", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


b = _load_builders()
FAST = {"beam_size": 1, "compute_type": "float32", "max_decoding_length": 16}


@pytest.fixture(scope="session")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("ct2-models")
    spm = b.train_spm(root / "spm")
    return {"spm": spm, "bi": b.bilingual(root / "opus-mt-en-es", spm),
            "es-fr": b.bilingual(root / "opus-mt-es-fr", spm), "multi": b.multilingual(root / "m2m", spm)}


class Recorder:
    """Wraps a ctranslate2.Translator and records what it is asked to translate."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.calls = inner, []

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append((source, kwargs))
        return self.inner.translate_batch(source, **kwargs)


def _record(translator: Any) -> Recorder:
    rec = Recorder(translator.model.translator)
    translator.model.translator = rec
    return rec


def test_aren_transliterates_arabic_to_latin(tmp_path: Path) -> None:
    from alignkit.models.store import ModelStore

    aren = shared_path("models", "aren-transliteration")
    ModelStore(tmp_path).install(aren, name="aren", src="ar", tgt="en")
    engine = get_engine("ct2", {"model": "aren", "models_home": str(tmp_path), "beam_size": 2})
    with open_translator(engine, "ar", "en") as tr:
        out = tr.translate(["آ ت ز م و ن", "م ح م د", "ل ن د ن"])
    assert out[0].text == "a t z m o n"
    assert out[1].text.startswith("m") and out[2].text.startswith("l")
    assert all(o.text and o.text.isascii() and o.unknown == () for o in out)


def test_bilingual_model_appends_eos_and_keeps_order(models: dict[str, Path]) -> None:
    engine = CT2Engine(model=str(models["bi"]), **FAST)
    assert engine.pairs() == {("en", "es")}
    texts = [s for s in b.corpus(12, seed=9)]
    with engine.open("en", "es") as tr:
        rec = _record(tr)
        batched = tr.translate(texts)
        assert all(src[-1] == "</s>" for src in rec.calls[0][0])  # Marian convention, from config.json
        assert rec.calls[0][1]["batch_type"] == "tokens"
        one_by_one = [tr.translate([t])[0] for t in texts]
        reverse = tr.translate(texts[::-1])
    assert [o.text for o in batched] == [o.text for o in one_by_one]
    assert [o.text for o in reverse] == [o.text for o in batched][::-1]
    assert len({o.text for o in batched}) > 3  # outputs depend on the input


def test_empty_inputs_keep_their_place(models: dict[str, Path]) -> None:
    with CT2Engine(model=str(models["bi"]), **FAST).open("en", "es") as tr:
        out = tr.translate(["", "Green river stone.", "   ", "\u0001", "Old city road."])
    # "\u0001" reaches the engine but encodes to no pieces: it must not be sent to the model.
    assert len(out) == 5 and out[0].text == out[2].text == out[3].text == ""
    assert out[1].text and out[4].text


def test_long_segments_are_split_and_rejoined_not_truncated(models: dict[str, Path]) -> None:
    import sentencepiece

    long_text = " ".join(["Green river stone light, quick house near the old market."] * 12)
    engine = CT2Engine(model=str(models["bi"]), max_input_tokens=24, **FAST)
    with engine.open("en", "es") as tr:
        rec = _record(tr)
        out = tr.translate(["Small bread.", long_text])
        chunks = rec.calls[0][0][1:]
        chunk_outputs = [o.text for o in tr.translate(
            [tr.model.codec.decode([c[:-1]])[0] for c in chunks])]  # each chunk on its own
    sp = sentencepiece.SentencePieceProcessor(model_file=str(models["spm"]))
    assert len(out) == 2 and len(chunks) >= 6 and all(len(c) <= 24 for c in chunks)
    assert [p for c in chunks for p in c[:-1]] == sp.encode(long_text, out_type=str)  # nothing dropped
    assert out[1].text == " ".join(t for t in chunk_outputs if t)  # rejoined in order


@given(st.lists(st.sampled_from(["\u2581a", "b", "\u2581c.", "d", "\u2581e,"]), max_size=80),
       st.integers(min_value=1, max_value=20))
def test_split_pieces_covers_everything_within_limit(pieces: list[str], limit: int) -> None:
    chunks = split_pieces(pieces, limit, [p.startswith("\u2581") for p in pieces])
    assert [p for c in chunks for p in c] == pieces
    assert all(len(c) <= limit for c in chunks)
    assert all(chunks) or pieces == []


def test_split_prefers_clause_ends() -> None:
    pieces = ["\u2581one", "\u2581two", ",", "\u2581three", "\u2581four", "\u2581five", "\u2581six"]
    chunks = split_pieces(pieces, 5, [p.startswith("\u2581") for p in pieces])
    assert chunks[0] == ["\u2581one", "\u2581two", ","]


def test_multilingual_model_uses_language_tokens(models: dict[str, Path]) -> None:
    engine = CT2Engine(model=str(models["multi"]), **FAST)
    assert ("fr", "es") in engine.pairs() and len(engine.pairs()) == 6
    texts = b.corpus(6, seed=3)
    with engine.open("en", "es") as to_es, engine.open("en", "fr") as to_fr:
        assert to_es.model is to_fr.model  # one model in memory for all its pairs
        rec = _record(to_es)
        es = to_es.translate(texts)
        fr = to_fr.translate(texts)
    source, kwargs = rec.calls[0]
    assert all(s[0] == "__en__" and s[-1] == "</s>" for s in source)
    assert kwargs["target_prefix"] == [["__es__"]] * len(texts)
    # The decoding options describe() reports are the ones applied; the length counts the prefix.
    assert {k: kwargs[k] for k in ("beam_size", "length_penalty", "sampling_topk")} == {
        "beam_size": 1, "length_penalty": 1.0, "sampling_topk": 1}
    assert kwargs["max_decoding_length"] == FAST["max_decoding_length"] + 1
    assert not any("__" in o.text or "<blank>" in o.text for o in es + fr)  # special tokens dropped
    assert [o.text for o in es] != [o.text for o in fr]


def test_pivot_through_english_or_spanish(models: dict[str, Path], tmp_path: Path) -> None:
    from alignkit.models.store import ModelStore

    store = ModelStore(tmp_path / "store")
    store.install(models["bi"])
    store.install(models["es-fr"])
    engine = CT2Engine(models_home=str(store.root), **FAST)
    tr = open_translator(engine, "en", "fr")
    assert isinstance(tr, PivotTranslator) and tr.route == ("en", "es", "fr")
    segs = [Segment("d", 0, 0, 0, "Green river stone.", 0, 18)]
    out = translate_segments(segs, tr)
    assert out[0].route == ("en", "es", "fr") and out[0].engine == "ct2" and out[0].index == 0
    with pytest.raises(EngineUnavailableError, match="no ct2 model for fr->en"):
        open_translator(engine, "fr", "en")


def test_describe_reports_decoding_options(models: dict[str, Path]) -> None:
    engine = CT2Engine(model=str(models["bi"]), beam_size=3, length_penalty=0.6)
    with engine.open("en", "es") as tr:
        meta = tr.describe()
    assert meta["decoding"]["beam_size"] == 3 and meta["decoding"]["length_penalty"] == 0.6
    assert meta["device"] == "cpu" and meta["compute_type"] in ("int8", "float32")
    assert meta["tokenizer"] == "sentencepiece" and meta["model"] == "opus-mt-en-es"


def test_options_are_validated() -> None:
    with pytest.raises(InputError, match="unknown ct2 option.*beam"):
        CT2Options.from_mapping({"beem_size": 2})
    with pytest.raises(InputError, match="beam_size must be at least 1"):
        CT2Options.from_mapping({"beam_size": "0"})
    with pytest.raises(InputError, match="device must be one of"):
        CT2Options(device="tpu")
    assert CT2Options.from_mapping({"beam_size": "2", "length_penalty": "0.5"}).decoding()["beam_size"] == 2


def test_unknown_model_name_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailableError, match="alignkit models install"):
        CT2Engine(model="nope", models_home=str(tmp_path))
    engine = CT2Engine(models_home=str(tmp_path))
    assert engine.pairs() == frozenset()
    with pytest.raises(EngineUnavailableError, match="no ct2 model for en->es"):
        open_translator(engine, "en", "es")


@pytest.mark.parametrize(("lengths", "cap", "workers", "expected"), [
    ([10] * 10, 4096, 2, 50),    # split so both workers get a batch
    ([10] * 1000, 4096, 2, 4096),  # capped
    ([300, 5], 4096, 4, 300),    # never smaller than the longest input
], ids=["split-for-workers", "capped", "longest-input"])
def test_batch_tokens(lengths: list[int], cap: int, workers: int, expected: int) -> None:
    assert batch_tokens([["x"] * n for n in lengths], cap, workers) == expected
