"""Apertium engine parts that need no running pipeline: modes, options, hints, stream codec."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.errors import EngineUnavailableError, InputError
from alignkit.translate.apertium import (
    ApertiumEngine,
    ApertiumOptions,
    decode_marked,
    decode_plain,
    install_hint,
    modes_dir,
    scan_modes,
)
from alignkit.translate.apertium_pipe import escape


def _modes(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / f"{name}.mode").write_text(f"lt-proc '/usr/share/apertium/apertium-{name}/x.bin'\n")
    return tmp_path


def test_modes_dir_override_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ALIGNKIT_APERTIUM_MODES", raising=False)
    assert modes_dir() == Path("/usr/share/apertium/modes")
    monkeypatch.setenv("ALIGNKIT_APERTIUM_MODES", str(tmp_path))
    assert modes_dir() == tmp_path
    assert modes_dir("/elsewhere") == Path("/elsewhere")


def test_scan_modes_maps_codes_and_skips_odd_names(tmp_path: Path) -> None:
    _modes(tmp_path, "eng-spa", "en-gl", "spa-ita", "fr-es", "eco-es-fr", "eng-cat_valencia", "xxx-yyy")
    found = {(m.src, m.tgt, m.variant) for m in scan_modes(tmp_path)}
    assert found == {("en", "es", ""), ("en", "gl", ""), ("es", "it", ""), ("fr", "es", ""),
                     ("en", "ca", "valencia")}


def test_variant_modes_only_when_asked(tmp_path: Path) -> None:
    _modes(tmp_path, "eng-cat", "eng-cat_valencia", "es-pt_BR")
    try:
        plain = ApertiumEngine(modes_dir=str(tmp_path))
    except EngineUnavailableError:
        pytest.skip("needs the apertium programs")
    assert plain.pairs() == {("en", "ca")}
    assert plain.modes[("en", "ca")].name == "eng-cat"
    chosen = ApertiumEngine(modes_dir=str(tmp_path), variants="ca:valencia,pt:BR")
    assert chosen.modes[("en", "ca")].name == "eng-cat_valencia"
    assert chosen.modes[("es", "pt")].name == "es-pt_BR"
    assert chosen.modes[("en", "ca")].package == "apertium-eng-cat_valencia"


@pytest.mark.parametrize(("options", "message"), [
    ({"batch_size": "0"}, "batch_size must be at least 1"),
    ({"batch_size": "many"}, "not a valid int"),
    ({"repair": "maybe"}, "not true/false"),
    ({"variants": "valencia"}, "LANG:VARIANT"),
    ({"colour": "red"}, "unknown apertium option(s) colour; valid: modes_dir"),
], ids=["zero-batch", "bad-int", "bad-bool", "bad-variant", "unknown"])
def test_bad_options_are_one_line_errors(options: dict[str, str], message: str) -> None:
    with pytest.raises(InputError) as err:
        ApertiumOptions.from_mapping(options)
    assert message in str(err.value)


def test_options_convert_cli_strings() -> None:
    opts = ApertiumOptions.from_mapping({"batch_size": "64", "repair": "no", "timeout": "2.5"})
    assert (opts.batch_size, opts.repair, opts.timeout) == (64, False, 2.5)


def test_missing_program_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineUnavailableError, match="apt-get install apertium"):
        ApertiumEngine()


@pytest.mark.parametrize(("src", "tgt", "expected"), [
    ("en", "es", "apt-get install apertium-eng-spa"),
    ("es", "en", "apt-get install apertium-eng-spa"),
    ("ca", "it", "apt-get install apertium-cat-ita"),
    ("es", "fr", "apt-get install apertium-fr-es"),
    ("en", "pt", "apt-get install apertium-es-pt (to go through es)"),
    ("de", "ja", "apt-cache search apertium-"),
], ids=["direct", "reverse", "cat-ita", "fr-es", "pivot", "unknown"])
def test_install_hint_names_the_package(src: str, tgt: str, expected: str) -> None:
    installed = frozenset({("en", "es"), ("es", "en")})
    hint = install_hint(src, tgt, installed, Path("/m"))
    assert hint.startswith(f"no Apertium pair for {src}->{tgt} in /m")
    assert expected in hint


def test_escape_covers_stream_specials_and_nul() -> None:
    assert escape("a\\b [c] ^d$ e/f @g <h> {i}\0j") == "a\\\\b \\[c\\] \\^d\\$ e\\/f \\@g \\<h\\> \\{i\\} j"


# Real marked (-g) outputs of eng-spa, captured from the pipeline.
@pytest.mark.parametrize(("raw", "text", "unknown"), [
    ("La propuestade28 puntos estuvo rehusada por *Kyiv..[]", "La propuestade28 puntos estuvo rehusada por Kyiv.",
     ("Kyiv",)),
    (" \\@Crumble en el \\@1990s..[]", "Crumble en el 1990s.", ("Crumble", "1990s")),
    ("Recuerda: en el muy temprano 60*s, los pioneros..[]", "Recuerda: en el muy temprano 60s, los pioneros.", ("s",)),
    ("grupo de interactivo 3#D tecnologías.[]", "grupo de interactivo 3D tecnologías", ()),
    ("Símbolos \\\\ \\[ \\] \\^ \\$ \\/ fin..[]", "Símbolos \\ [ ] ^ $ / fin.", ()),
    ("*Kyiv  ejército núm. dicho.[]", "Kyiv  ejército núm. dicho", ("Kyiv",)),
    ("Un *standstill de *memoirs⟦2⟧..[]", "Un standstill de memoirs⟦2⟧.", ("standstill", "memoirs")),
], ids=["star", "at", "mid-word", "hash", "escapes", "sentinel-dot-taken", "placeholder-glued"])
def test_decode_marked(raw: str, text: str, unknown: tuple[str, ...]) -> None:
    out = decode_marked(raw)
    assert (out.text, out.unknown) == (text, unknown)


def test_decode_marked_keeps_literal_mark_characters() -> None:
    out = decode_marked("Sigue \\@*israelzipper encima X..[]", literal="@")
    assert out.text == "Sigue @israelzipper encima X."
    assert out.unknown == ("israelzipper",)
    assert decode_marked("*x..[]", keep_marks=True).text == "*x."


def test_decode_plain() -> None:
    assert decode_plain("Una pausa\nde línea aquí..[]") == "Una pausa\nde línea aquí."
    assert decode_plain("a\\@b.com ahora..[]") == "a@b.com ahora."


def test_romance_pairs_pivot_through_spanish() -> None:
    from alignkit.translate import get_engine, open_translator
    from alignkit.translate.catalog import describe_engines
    from tests.conftest import needs_apertium_pair

    needs_apertium_pair("cat-spa")
    needs_apertium_pair("es-gl")
    # No pipeline starts here: translators start their processes on first use.

    engine = get_engine("apertium")
    assert engine.pivot_preference("ca", "gl")[0] == "es"
    assert engine.pivot_preference("en", "gl") == ("en", "es")
    assert open_translator(engine, "ca", "gl").route == ("ca", "es", "gl")
    assert "ca->gl (ca>es>gl)" in describe_engines(["apertium"])
