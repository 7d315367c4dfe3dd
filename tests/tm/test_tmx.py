"""TMX 1.4b export and import of a memory: read by translate-toolkit, and back into alignkit unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.errors import InputError
from alignkit.tm import TranslationMemory, signature_of
from alignkit.types import EngineOutput

DESCRIBE = {"engine": "fake", "route": ["en", "es"], "version": "1"}
SIG = signature_of(DESCRIBE)
ENTRIES = {
    ("en>es", "The house is red."): EngineOutput("La casa es roja."),
    ("en>es", "Zorb & <co> said \"hi\"."): EngineOutput("Zorb & <co> dijo \"hola\".", ("Zorb",)),
    ("es>pt", "La casa es roja."): EngineOutput("A casa é vermelha."),
    ("en>es", "  spaced  "): EngineOutput(" espaciado "),
}


def _entries(tm: TranslationMemory) -> set[tuple[str, str, str, EngineOutput]]:
    return {(digest, leg, source, out) for digest, leg, source, out, _, _ in tm.iter_entries()}


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        for (leg, source), out in ENTRIES.items():
            tm.put_many(SIG, leg, [(source, out)], describe=DESCRIBE)
        yield tm


def test_translate_toolkit_reads_the_export(memory: TranslationMemory, tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    path = tmp_path / "out.tmx"
    assert memory.export_tmx(path) == len(ENTRIES)
    store = tmx.tmxfile(path.read_bytes())
    pairs = {(u.source, u.target) for u in store.units}
    assert pairs == {(source, out.text) for (_, source), out in ENTRIES.items()}


def test_export_then_import_into_a_fresh_memory_is_the_same(memory: TranslationMemory, tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    memory.export_tmx(path)
    with TranslationMemory(tmp_path / "fresh.sqlite") as fresh:
        assert fresh.import_tmx(path) == len(ENTRIES)
        assert _entries(fresh) == _entries(memory)
        assert fresh.descriptions() == memory.descriptions()
        assert fresh.stats().per_signature == memory.stats().per_signature


def test_a_foreign_tmx_needs_a_signature(tmp_path: Path) -> None:
    path = tmp_path / "vendor.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="EN-US" segtype="sentence" '
        'adminlang="en" datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="en-US"><seg>Good <b>morning</b>.</seg></tuv><tuv xml:lang="es-ES"><seg>Buenos días.</seg></tuv>'
        '<tuv xml:lang="FR"><seg>Bonjour.</seg></tuv></tu>'
        '<tu srclang="es"><tuv xml:lang="en"><seg>Night.</seg></tuv><tuv xml:lang="es"><seg>Noche.</seg></tuv></tu>'
        "</body></tmx>", encoding="utf-8")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        with pytest.raises(InputError, match="--signature"):
            tm.import_tmx(path)
        assert tm.import_tmx(path, signature="import:vendor") == 3
        assert tm.get_many("import:vendor", "en>es", ["Good morning."]) == {"Good morning.": EngineOutput("Buenos días.")}
        assert tm.get_many("import:vendor", "en>fr", ["Good morning."]) == {"Good morning.": EngineOutput("Bonjour.")}
        assert tm.get_many("import:vendor", "es>en", ["Noche."]) == {"Noche.": EngineOutput("Night.")}


@pytest.mark.parametrize("content, message", [
    ("<tmx><body><tu>", "not well-formed XML"),
    ("<xliff/>", "not a TMX document"),
], ids=["broken", "not-tmx"])
def test_an_unusable_file_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm, pytest.raises(InputError, match=message):
        tm.import_tmx(path, signature="s")


def test_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "evil.tmx"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]><tmx version="1.4"><header/>'
        '<body><tu><tuv xml:lang="en"><seg>a&x;</seg></tuv><tuv xml:lang="es"><seg>b</seg></tuv></tu></body></tmx>',
        encoding="utf-8")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.import_tmx(path, signature="s")
        assert all("SECRET" not in source for _, _, source, _, _, _ in tm.iter_entries())


def test_text_xml_cannot_hold_is_left_out_of_the_export(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many("s", "en>es", [("bell \x07", EngineOutput("campana")), ("ok", EngineOutput("vale"))])
        assert tm.export_tmx(tmp_path / "out.tmx") == 1
        with TranslationMemory(tmp_path / "back.sqlite") as back:
            back.import_tmx(tmp_path / "out.tmx")
            assert [source for _, _, source, _, _, _ in back.iter_entries()] == ["ok"]
