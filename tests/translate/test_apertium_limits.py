"""Apertium on hostile input: over-long words and segments never hang, a stuck pipeline is killed and named."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from alignkit.errors import EngineError, InputError
from alignkit.translate.apertium import ApertiumOptions, ApertiumTranslator
from alignkit.translate.apertium_pipe import MAX_GROUP_CHARS, _groups
from tests.translate.test_apertium_protocol import _fake_engine, en_es  # noqa: F401 - en_es is a fixture


@pytest.mark.parametrize("size", [200_000, 1_000_000], ids=["200k-word", "1M-token"])
def test_overlong_word_is_kept_and_reported_fast(en_es: ApertiumTranslator, size: int) -> None:
    word = "x" * size
    start = time.monotonic()
    out = en_es.translate([f"The house is red. {word} Hello world.", "The house is red."])
    assert time.monotonic() - start < 10  # was 62 s for 200k, over 4 minutes for 1M
    assert out[0].text.startswith("La casa es roja.") and word in out[0].text
    assert out[0].text.endswith("Hola mundo.") and word in out[0].unknown
    assert out[1].text == "La casa es roja."


def test_long_segment_is_split_and_fully_translated(en_es: ApertiumTranslator) -> None:
    sentence = "The dog sleeps in the house. "
    out = en_es.translate([sentence * 2000])  # 58,000 characters: six pieces
    assert out[0].text.count("perro") == 2000 and out[0].text.count("casa") == 2000


def test_limits_are_options() -> None:
    assert ApertiumOptions.from_mapping({"max_chars": "500", "max_word": "50"}).max_word == 50
    with pytest.raises(InputError, match="max_word"):
        ApertiumOptions.from_mapping({"max_chars": "50", "max_word": "500"})


def test_groups_are_bounded_in_characters() -> None:
    texts = ["a" * (MAX_GROUP_CHARS // 2)] * 5 + ["b"] * 3
    groups = _groups(texts, 200)
    assert [len(g) for g in groups] == [2, 2, 4]
    assert [t for g in groups for t in g] == texts
    assert _groups(["a" * (3 * MAX_GROUP_CHARS)], 200) == [["a" * (3 * MAX_GROUP_CHARS)]]


@pytest.mark.parametrize("texts", [["Hello world."], ["word " * 2000] * 60], ids=["small", "writer-blocked"])
def test_stuck_pipeline_is_killed_named_and_restarted(tmp_path: Path, texts: list[str]) -> None:
    # a stage that reads a byte and then hangs: with 600 KB to write, the writer thread blocks
    # on the full pipe too, and closing the pipe first would block behind it
    engine = _fake_engine(tmp_path, "head -c 1 > /dev/null; sleep 60", timeout="0.5", batch_size="20")
    with engine.open("en", "es") as translator:
        start = time.monotonic()
        with pytest.raises(EngineError, match=r"no output for 0.5 s.* on inputs? 0.*restarts on the next call"):
            translator.translate(texts)
        assert time.monotonic() - start < 8
        proc = translator._marked._proc
        assert proc is None
