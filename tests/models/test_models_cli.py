"""`alignkit models ...` through click's CliRunner: exit codes and messages."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def tiny_argos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("ct2_builders", Path(__file__).with_name("ct2_builders.py"))
    b = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(b)
    root = tmp_path_factory.mktemp("cli-models")
    spm = b.train_spm(root / "spm")
    model = b.bilingual(root / "opus-mt-en-es", spm)
    return b.argos_package(root / "translate-en_es-1_0.argosmodel", model, spm)


def run(*args: str, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_install_list_info_remove_argos(tiny_argos: Path, tmp_path: Path) -> None:
    env = {"ALIGNKIT_HOME": str(tmp_path / "home")}
    res = run("models", "install", str(tiny_argos), env=env)
    assert res.exit_code == 0 and "installed translate-en_es-1_0: en->es (argos, sentencepiece)" in res.output
    res = run("models", "list", env=env)
    assert res.exit_code == 0
    assert res.output.splitlines()[0].split() == ["NAME", "PAIRS", "KIND", "TOKENIZER", "SIZE"]
    assert res.output.splitlines()[1].split()[:4] == ["translate-en_es-1_0", "en->es", "argos", "sentencepiece"]
    res = run("models", "info", "translate-en_es-1_0", env=env)
    info = json.loads(res.output)
    assert info["kind"] == "argos" and info["model_dir"] == "model" and info["path"].startswith(str(tmp_path))
    res = run("models", "remove", "translate-en_es-1_0", env=env)
    assert res.exit_code == 0 and "removed translate-en_es-1_0" in res.output
    assert "no models installed" in run("models", "list", env=env).output


def test_install_aren_with_languages_then_translate_json(tmp_path: Path) -> None:
    aren = shared_path("models", "aren-transliteration")
    home = ["models", "--home", str(tmp_path)]
    res = run(*home, "install", str(aren), "--name", "aren", "--from", "ar", "--to", "en")
    assert res.exit_code == 0 and "aren: ar->en (ct2, whitespace)" in res.output
    listed = json.loads(run(*home, "list", "--json").output)
    assert [m["name"] for m in listed] == ["aren"] and listed[0]["sources"] == ["ar"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["install", "/no/such/model"], 4, "no such file or directory"),
    (["info", "nope"], 4, "no model named 'nope'"),
    (["remove", "nope"], 4, "no model named 'nope'"),
    (["install", "{tmp}"], 4, "missing model.bin"),
    (["convert", "/no/such/hf", "--out", "x"], 4, "not a Hugging Face model directory"),
    (["install", "{tmp}", "--from", "xx", "--to", "en"], 2, "unknown language code 'xx'"),
], ids=["missing-path", "info-unknown", "remove-unknown", "not-a-model", "convert-not-hf", "bad-language"])
def test_errors_are_one_line(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    res = CliRunner().invoke(main, ["models", "--home", str(tmp_path / "store"), *args])
    assert res.exit_code == code, res.output
    assert message in res.output and "Traceback" not in res.output
    assert res.output.strip().startswith("alignkit: error:") and len(res.output.strip().splitlines()) == 1


def test_unsafe_archive_via_cli(tmp_path: Path) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("pkg/metadata.json", "{}")
        zf.writestr("../../escape.txt", "x")
    res = CliRunner().invoke(main, ["models", "--home", str(tmp_path / "store"), "install", str(evil)])
    assert res.exit_code == 4 and "unsafe member path" in res.output
    assert not (tmp_path / "store").exists()


def test_convert_without_transformers_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "transformers" else real(name, *a))
    (tmp_path / "hf").mkdir()
    (tmp_path / "hf" / "config.json").write_text("{}")
    res = CliRunner().invoke(main, ["models", "convert", str(tmp_path / "hf"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 4 and "pip install 'alignkit[convert]'" in res.output


def test_help_has_examples() -> None:
    res = run("models", "--help")
    assert res.exit_code == 0 and "alignkit models install" in res.output and "Examples:" in res.output
