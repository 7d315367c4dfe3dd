"""The NUL-flush protocol against the installed Apertium pairs (skips without them)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from alignkit.errors import EngineError, EngineUnavailableError
from alignkit.translate import get_engine, open_translator
from alignkit.translate.apertium import ApertiumTranslator, decode_marked, decode_plain
from alignkit.translate.apertium_pipe import Pipeline
from tests.conftest import needs_apertium_pair, shared_path

SENTENCES = [
    "The Republican strategy failed.", "Republican leaders justified their policy.",
    "Hello world.", "The house is red.", "She does not want to stop the war.",
]


@pytest.fixture(scope="module")
def en_es() -> ApertiumTranslator:
    needs_apertium_pair("eng-spa")
    translator = get_engine("apertium").open("en", "es")
    yield translator
    translator.close()


def test_batch_keeps_order_and_identity(en_es: ApertiumTranslator) -> None:
    one_by_one = [en_es.translate([s])[0] for s in SENTENCES]
    batch = en_es.translate(SENTENCES)
    assert batch == one_by_one
    assert batch[2].text == "Hola mundo."
    assert batch[3].text == "La casa es roja."


def test_empty_and_blank_segments_stay_in_place(en_es: ApertiumTranslator) -> None:
    out = en_es.translate(["", "Hello world.", "   ", "The house is red.", ""])
    assert [o.text for o in out] == ["", "Hola mundo.", "", "La casa es roja.", ""]


def test_newline_inside_segment_does_not_shift_outputs(en_es: ApertiumTranslator) -> None:
    out = en_es.translate(["A line\nbreak here.", "The house is red."])
    assert out[0].text == "Una pausa\nde línea aquí."
    assert out[1].text == "La casa es roja."


@pytest.mark.parametrize("char", list("\\[]^$/@<>{}*#"))
def test_stream_special_characters_survive(en_es: ApertiumTranslator, char: str) -> None:
    out = en_es.translate([f"The house {char} is red.", "Hello world."])
    assert char in out[0].text
    assert out[0].text.startswith("La casa")
    assert out[1].text == "Hola mundo."


def test_large_batch_matches_small_batches(en_es: ApertiumTranslator) -> None:
    texts = [f"This is sentence number {i} of the test." for i in range(3000)]
    out = en_es.translate(texts)
    assert len(out) == 3000
    for i in (0, 1234, 2999):
        assert out[i] == en_es.translate([texts[i]])[0]
        assert str(i) in out[i].text


def test_very_long_segment(en_es: ApertiumTranslator) -> None:
    huge = " ".join(["The cat sat on the mat and the dog barked."] * 3000)
    out = en_es.translate([huge, "Hello world."])
    assert out[0].text.count("perro") == 3000
    assert out[1].text == "Hola mundo."


def test_unknown_words_are_collected_and_stripped(en_es: ApertiumTranslator) -> None:
    out = en_es.translate(["Zelensky refused the offer.", "Follow @israelzipper now."])
    assert out[0].unknown == ("Zelensky",)
    assert "*" not in out[0].text
    assert out[1].text.startswith("Sigue @israelzipper")
    assert "israelzipper" in out[1].unknown


def test_marked_pass_matches_unmarked_text() -> None:
    """Stripping the marks gives `apertium -u`'s text (the same mode run with -n)."""
    needs_apertium_pair("eng-spa")
    lines = shared_path("data", "newstest2013", "newstest2013.eng").read_text(encoding="utf-8").split("\n")[:150]
    lines = [line for line in lines if line.strip() and not set(line) & set("*#@")]
    mode = get_engine("apertium").modes[("en", "es")].path
    marked, plain = Pipeline(mode, "-g", 64, 60), Pipeline(mode, "-n", 64, 60)
    try:
        stripped = [decode_marked(r).text for r in marked.run(lines)]
        unmarked = [decode_plain(r) for r in plain.run(lines)]
    finally:
        marked.close()
        plain.close()
    same = sum(a == b for a, b in zip(stripped, unmarked))
    # Measured 2,995/3,000 identical (bench/results/apertium.md); the rest differ in a postgeneration rule (y/e before a marked word).
    assert same >= 0.97 * len(lines)


def test_pivot_route_through_spanish() -> None:
    needs_apertium_pair("eng-spa")
    needs_apertium_pair("es-fr")
    with open_translator(get_engine("apertium"), "en", "fr") as translator:
        assert translator.route == ("en", "es", "fr")
        out = translator.translate(["The house is red.", "The current 28-point proposal was rejected."])
    assert out[0].text == "La maison est rouge."
    assert "de 28 points" in out[1].text


def test_missing_pair_names_the_package(tmp_path: Path) -> None:
    needs_apertium_pair("eng-spa")
    (tmp_path / "eng-spa.mode").write_text(
        (Path(get_engine("apertium").modes_dir) / "eng-spa.mode").read_text())
    engine = get_engine("apertium", {"modes_dir": str(tmp_path)})
    with pytest.raises(EngineUnavailableError, match="apt-get install apertium-eng-cat"):
        open_translator(engine, "en", "ca")
    with pytest.raises(EngineUnavailableError, match="apt-get install apertium-es-pt"):
        open_translator(engine, "en", "pt")


def _fake_engine(tmp_path: Path, script: str, **options: str):
    needs_apertium_pair("eng-spa")
    (tmp_path / "eng-spa.mode").write_text(script + "\n")
    return get_engine("apertium", {"modes_dir": str(tmp_path), **options})


def test_pipeline_death_is_an_engine_error(tmp_path: Path) -> None:
    engine = _fake_engine(tmp_path, "head -c 5 > /dev/null; echo broken dictionary >&2; exit 3")
    with engine.open("en", "es") as translator, pytest.raises(EngineError, match="exited .*broken dictionary"):
        translator.translate(["Hello world."] * 50)


def test_stuck_pipeline_times_out(tmp_path: Path) -> None:
    engine = _fake_engine(tmp_path, "head -c 1 > /dev/null; sleep 30", timeout="0.5")
    with engine.open("en", "es") as translator, pytest.raises(EngineError, match="no output for 0.5 s"):
        translator.translate(["Hello world."])


def test_killed_pipeline_restarts_on_next_call(en_es: ApertiumTranslator) -> None:
    en_es.translate(["Hello world."])
    proc = en_es._marked._proc
    assert proc is not None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert en_es.translate(["Hello world."])[0].text == "Hola mundo."


def test_close_ends_the_processes() -> None:
    needs_apertium_pair("eng-spa")
    translator = get_engine("apertium").open("en", "es")
    translator.translate(["Hello world."])
    proc = translator._marked._proc
    translator.close()
    assert proc is not None and proc.poll() is not None


def test_text_cannot_forge_the_group_separator(en_es: ApertiumTranslator) -> None:
    out = en_es.translate(["The house [\x01] is red.", "Hello world.", "The house is red."])
    assert out[0].text.startswith("La casa") and "[\x01]" in out[0].text
    assert [o.text for o in out[1:]] == ["Hola mundo.", "La casa es roja."]


def test_group_that_loses_its_separators_is_redone_one_by_one(tmp_path: Path) -> None:
    # A "pair" that echoes its input but eats the separator's \x01 (wblank-mode adds -z to sed).
    engine = _fake_engine(tmp_path, "sed -u 's/\\x01//g'", repair="false", batch_size="3")
    texts = [f"Sentence {i}." for i in range(7)]
    with engine.open("en", "es") as translator:
        assert [o.text for o in translator.translate(texts)] == texts


def test_abandoned_stream_restarts_the_pipeline(en_es: ApertiumTranslator) -> None:
    stream = en_es._marked.stream(["Hello world."] * 500)
    assert decode_marked(next(stream)).text == "Hola Mundo."
    stream.close()  # outputs still in flight: the pipeline must not answer out of step later
    assert en_es._marked._proc is None
    assert [o.text for o in en_es.translate(["The house is red."] * 3)] == ["La casa es roja."] * 3
