"""Registries, language codes and pivot routing."""

from __future__ import annotations

import pytest

from alignkit import langs
from alignkit.errors import EngineUnavailableError, UnknownNameError
from alignkit.registry import Registry
from alignkit.translate.base import Engine, Translator
from alignkit.translate.route import find_route, open_translator
from alignkit.types import EngineOutput


def test_registry_lists_valid_names_on_unknown() -> None:
    reg: Registry[object] = Registry("format", {"tmx": "json:dumps", "tsv": "json:loads"})
    assert reg.get("tmx").__name__ == "dumps"
    with pytest.raises(UnknownNameError, match="unknown format 'xml'; choose one of: tmx, tsv"):
        reg.get("xml")


@pytest.mark.parametrize(("code", "iso1"), [("es", "es"), ("SPA", "es"), ("pt_BR", "pt"), ("fre", "fr"), ("eng", "en")])
def test_normalize(code: str, iso1: str) -> None:
    assert langs.normalize(code) == iso1


def test_unknown_language() -> None:
    with pytest.raises(UnknownNameError, match="unknown language code 'xx'"):
        langs.normalize("xx")
    assert langs.parse_list("es, ca,es,gl") == ("es", "ca", "gl")


class _Suffix(Translator):
    engine = "suffix"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(f"{t}>{self.tgt}", (t,) if t.startswith("?") else ()) for t in texts]


class _Engine(Engine):
    name = "suffix"

    def __init__(self, pairs: set[tuple[str, str]]) -> None:
        self._pairs = frozenset(pairs)

    def pairs(self) -> frozenset[tuple[str, str]]:
        return self._pairs

    def open(self, src: str, tgt: str) -> Translator:
        return _Suffix(src, tgt)

    def install_hint(self, src: str, tgt: str) -> str:
        return f"install pair {src}-{tgt}"


def test_routes_prefer_direct_then_pivots_in_order() -> None:
    pairs = frozenset({("en", "es"), ("es", "fr"), ("en", "de"), ("de", "fr")})
    assert find_route(pairs, "en", "es") == ("en", "es")
    assert find_route(pairs, "en", "fr", ("es", "de")) == ("en", "es", "fr")
    assert find_route(pairs, "en", "fr", ("de", "es")) == ("en", "de", "fr")
    assert find_route(pairs, "en", "it") is None


def test_pivot_translator_chains_and_keeps_identity() -> None:
    t = open_translator(_Engine({("en", "es"), ("es", "fr")}), "en", "fr")
    assert t.route == ("en", "es", "fr")
    out = t.translate(["a", "", "?b", "  "])
    assert [o.text for o in out] == ["a>es>fr", "", "?b>es>fr", ""]
    assert out[2].unknown == ("?b", "?b>es")  # unknowns of both legs


def test_pivot_reports_a_word_unknown_to_both_legs_once() -> None:
    class Copy(_Suffix):
        def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
            return [EngineOutput(t, tuple(w for w in t.split() if w.startswith("K"))) for t in texts]

    from alignkit.translate.route import PivotTranslator

    t = PivotTranslator(Copy("en", "es"), Copy("es", "fr"))
    assert t.translate(["Kyiv and Kharkiv"])[0].unknown == ("Kyiv", "Kharkiv")


def test_missing_route_uses_engine_hint() -> None:
    with pytest.raises(EngineUnavailableError, match="install pair en-it"):
        open_translator(_Engine({("en", "es")}), "en", "it")


def test_translator_refuses_wrong_output_count() -> None:
    class Broken(_Suffix):
        def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
            return [EngineOutput("x")]

    from alignkit.errors import EngineError

    with pytest.raises(EngineError, match="returned 1 outputs for 2 inputs"):
        Broken("en", "es").translate(["a", "b"])


def test_engine_ranks_the_allowed_pivots() -> None:
    class Ranked(_Engine):
        def pivot_preference(self, src: str, tgt: str) -> tuple[str, ...]:
            return ("es", "en") if {src, tgt} <= {"ca", "gl"} else ("en", "es")

    engine = Ranked({("ca", "en"), ("en", "gl"), ("ca", "es"), ("es", "gl"), ("fr", "en"), ("en", "de"),
                     ("fr", "es"), ("es", "de")})
    assert open_translator(engine, "ca", "gl").route == ("ca", "es", "gl")
    assert open_translator(engine, "fr", "de").route == ("fr", "en", "de")
    # The caller's pivots still bound the choice: the engine only orders them.
    assert open_translator(engine, "ca", "gl", ("en",)).route == ("ca", "en", "gl")
    assert open_translator(_Engine(set(engine.pairs())), "ca", "gl").route == ("ca", "en", "gl")  # default order


def test_pivot_describe_merges_leg_versions() -> None:
    class Versioned(_Suffix):
        def describe(self) -> dict[str, object]:
            return {"engine": "suffix", "route": list(self.route), "version": f"pair-{self.src}{self.tgt}=1 core=2"}

    from alignkit.translate.route import PivotTranslator

    info = PivotTranslator(Versioned("en", "es"), Versioned("es", "fr")).describe()
    assert info["version"] == "pair-enes=1 core=2 pair-esfr=1"
    assert info["route"] == ["en", "es", "fr"] and len(info["legs"]) == 2
