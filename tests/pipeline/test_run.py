"""The whole pipeline and `alignkit run`, on a deterministic fake engine (no Apertium needed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.pipeline import EngineSpec, RunOptions, run
from alignkit.translate.base import Engine, Translator
from alignkit.translate.registry import ENGINES
from alignkit.types import Document, EngineOutput

TEXT = "Dr. Smith arrived at 5 p.m. today. He left!\n\nA new paragraph here. And one more sentence?\n"


class _Reverse(Translator):
    """Reverses words: deterministic, length-preserving, obviously not the source."""

    engine = "reverse"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(" ".join(reversed(t.split())) + f" <{self.tgt}>",
                             tuple(w for w in t.split() if w.istitle())) for t in texts]


class _ReverseEngine(Engine):
    name = "reverse"

    def __init__(self, **options: object) -> None:
        self.options = options

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset({("en", "es"), ("es", "fr"), ("es", "en"), ("fr", "es")})

    def open(self, src: str, tgt: str) -> Translator:
        return _Reverse(src, tgt)

    def install_hint(self, src: str, tgt: str) -> str:
        return f"reverse has no {src}->{tgt}: install apertium-{src}-{tgt}"


@pytest.fixture(autouse=True)
def _fake_engine() -> Iterator[None]:
    ENGINES.register("reverse", _ReverseEngine)
    yield
    ENGINES.unregister("reverse")


def test_pipeline_one_translation_per_segment_with_route() -> None:
    doc = Document("t", "en", TEXT)
    result = run(doc, RunOptions(targets=("es", "fr"), engine=EngineSpec("reverse")))
    corpus = result.corpus
    assert len(corpus.segments) == 4
    for lang in ("es", "fr"):
        trs = corpus.translations[lang]
        assert [t.index for t in trs] == [s.index for s in corpus.segments]
        assert all(t.text.endswith(f"<{lang}>") for t in trs)
        assert len(corpus.scores[lang]) == len(corpus.segments)
    assert corpus.translations["fr"][0].route == ("en", "es", "fr")
    assert corpus.meta is not None and corpus.meta.languages == ("es", "fr")
    assert set(corpus.meta.summary) == {"es", "fr"}


def test_missing_pair_fails_before_any_work() -> None:
    from alignkit.errors import EngineUnavailableError

    with pytest.raises(EngineUnavailableError, match="install apertium-en-de"):
        run(Document("t", "en", TEXT), RunOptions(targets=("es", "de"), engine=EngineSpec("reverse")))


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_cli_run_writes_all_corpora(tmp_path: Path) -> None:
    src = _write(tmp_path, "doc.en.txt", TEXT.encode())
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(src), "--to", "es,fr", "--engine", "reverse", "--out", str(out),
                                    "--no-report"])
    assert res.exit_code == 0, res.output
    assert re.search(r"^es +4 +reverse +en>es ", res.output, re.MULTILINE) and "en>es>fr" in res.output
    names = sorted(p.name for p in out.iterdir())
    assert "doc.tmx" in names and "doc.en-fr.fr" in names and "run.json" in names
    assert len((out / "doc.en-es.es").read_text().splitlines()) == 4
    assert json.loads((out / "run.json").read_text())["segments"] == 4


@pytest.mark.parametrize(
    ("name", "data", "args", "message"),
    [
        ("missing.en.txt", None, [], "no such file"),
        ("empty.en.txt", b"", [], "is empty"),
        ("blank.en.txt", b"  \n\n\t", [], "only whitespace"),
        ("latin1.en.txt", "caf\u00e9 au lait".encode("latin-1"), [], "not valid UTF-8 at byte 3"),
        ("junk.en.txt", bytes(range(256)) * 8, [], "binary"),
        ("ok.en.txt", b"Hello there.", ["--to", "xx"], "unknown language code 'xx'"),
        ("ok.en.txt", b"Hello there.", ["--to", "de"], "install apertium-en-de"),
        ("ok.txt", b"Hello there.", [], "give --from"),
        ("ok.en.txt", b"Hello there.", ["--engine", "nope"], "unknown engine 'nope'"),
    ],
    ids=["missing", "empty", "whitespace", "latin1", "binary", "unknown-lang", "no-pair", "no-source-lang",
         "unknown-engine"],
)
def test_cli_run_bad_input(tmp_path: Path, name: str, data: bytes | None, args: list[str], message: str) -> None:
    path = tmp_path / name if data is None else _write(tmp_path, name, data)
    out = tmp_path / "out"
    argv = ["run", str(path), "--engine", "reverse", "--out", str(out), "--no-report"]
    argv += args if "--to" in args else ["--to", "es", *args]
    res = CliRunner().invoke(main, argv)
    assert res.exit_code != 0
    assert message in res.output
    assert "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1, res.output
    assert not out.exists() or not any(out.iterdir())


def test_cli_run_directory_input_and_unwritable_out(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["run", str(tmp_path), "--from", "en", "--to", "es", "--engine", "reverse"])
    assert res.exit_code != 0 and "no documents (*.txt" in res.output  # a directory input, but nothing to read
    src = _write(tmp_path, "doc.en.txt", TEXT.encode())
    blocker = _write(tmp_path, "afile", b"x")
    res = CliRunner().invoke(main, ["run", str(src), "--to", "es", "--engine", "reverse", "--out", str(blocker)])
    assert res.exit_code != 0 and "not a directory" in res.output


class _Other(_Reverse):
    engine = "other"


class _OtherEngine(_ReverseEngine):
    name = "other"

    def open(self, src: str, tgt: str) -> Translator:
        return _Other(src, tgt)


def test_cli_config_picks_an_engine_per_language(tmp_path: Path) -> None:
    ENGINES.register("other", _OtherEngine)
    try:
        src = _write(tmp_path, "doc.en.txt", TEXT.encode())
        cfg = tmp_path / "engines.toml"
        cfg.write_text('[engine]\nname = "reverse"\n\n[engine.fr]\nname = "other"\nbeam = 2\n')
        out = tmp_path / "out"
        res = CliRunner().invoke(main, ["run", str(src), "--to", "es,fr", "--config", str(cfg), "--out", str(out),
                                        "--no-report"])
        assert res.exit_code == 0, res.output
        meta = json.loads((out / "run.json").read_text())
        assert meta["translators"]["es"]["engine"] == "reverse"
        assert meta["translators"]["fr"]["engine"] == "other"
    finally:
        ENGINES.unregister("other")


def test_roundtrip_scores_and_every_translator_is_closed() -> None:
    opened: list[_Reverse] = []

    class Tracked(_Reverse):
        closed = False

        def close(self) -> None:
            self.closed = True

    class TrackedEngine(_ReverseEngine):
        def open(self, src: str, tgt: str) -> Translator:
            opened.append(Tracked(src, tgt))
            return opened[-1]

    ENGINES.register("tracked", TrackedEngine)
    try:
        result = run(Document("t", "en", TEXT), RunOptions(targets=("es", "fr"), engine=EngineSpec("tracked"),
                                                           roundtrip=True))
    finally:
        ENGINES.unregister("tracked")
    assert all("roundtrip_chrf" in s for lang in ("es", "fr") for s in result.corpus.scores[lang])
    # es, es>fr forward; es>en, fr>es>en back: six legs opened, all closed
    assert [(t.src, t.tgt) for t in opened] == [("en", "es"), ("en", "es"), ("es", "fr"), ("es", "en"),
                                                ("fr", "es"), ("es", "en")]
    assert all(t.closed for t in opened)
