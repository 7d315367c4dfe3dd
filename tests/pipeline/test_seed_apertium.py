"""The main job on the seed with the real Apertium engine: what `make demo` promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.formats.run import read_corpus
from tests.conftest import ROOT, SEED, needs_apertium_pair

TARGETS = ("es", "ca", "gl", "pt", "it", "fr")


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for mode in ("eng-spa", "eng-cat", "en-gl", "es-pt", "spa-ita", "es-fr"):
        needs_apertium_pair(mode)
    out = tmp_path_factory.mktemp("seed")
    res = CliRunner().invoke(main, ["run", str(SEED), "--to", ",".join(TARGETS), "--glossary",
                                    str(ROOT / "glossaries" / "seed.tsv"), "--out", str(out),
                                    "--tm", str(out.parent / "seed-tm.sqlite")])  # module-scoped: no $ALIGNKIT_HOME yet
    assert res.exit_code == 0, res.output
    return out


def test_every_language_has_one_translation_per_segment(seed_run: Path) -> None:
    corpus = read_corpus(seed_run)
    n = len(corpus.segments)
    assert n > 60
    assert corpus.languages == TARGETS
    for lang in TARGETS:
        assert len(corpus.translations[lang]) == n
        assert all(t.text.strip() for t in corpus.translations[lang])
        moses = (seed_run / f"putin-war-israel-2025.en-{lang}.{lang}").read_text(encoding="utf-8")
        assert len(moses.splitlines()) == n
    routes = {lang: corpus.translations[lang][0].route for lang in TARGETS}
    assert routes["es"] == ("en", "es") and routes["fr"] == ("en", "es", "fr")


def test_glossary_enforced_in_every_language(seed_run: Path) -> None:
    corpus = read_corpus(seed_run)
    for lang in TARGETS:
        assert corpus.meta.summary[lang]["term_accuracy"] >= 0.99, lang
    es = " ".join(t.text for t in corpus.translations["es"])
    fr = " ".join(t.text for t in corpus.translations["fr"])
    assert "Kiev" in es and "Kyiv" not in es
    assert "Poutine" in fr and "OTAN" in fr


def test_tmx_reads_back_in_translate_toolkit(seed_run: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    store = tmx.tmxfile.parsefile(str(seed_run / "putin-war-israel-2025.tmx"))
    corpus = read_corpus(seed_run)
    assert len(store.units) == len(corpus.segments)
    assert store.units[0].source == corpus.segments[0].text
    assert store.units[0].target == corpus.translations["es"][0].text
    assert (seed_run / "report.html").stat().st_size > 10_000
