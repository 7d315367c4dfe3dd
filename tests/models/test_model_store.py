"""The model store: installs (directories, archives, Argos packages), safety, metadata."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from alignkit.errors import ModelError
from alignkit.models.archive import ArchiveLimits
from alignkit.models.layout import inspect_model
from alignkit.models.store import ModelStore, default_name, store_dir
from alignkit.translate.ct2 import CT2Engine
from alignkit.translate.route import open_translator
from tests.conftest import shared_path


def _load_builders():
    spec = importlib.util.spec_from_file_location("ct2_builders", Path(__file__).with_name("ct2_builders.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


b = _load_builders()


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tiny-store")
    spm = b.train_spm(root / "spm")
    model = b.bilingual(root / "opus-mt-en-es", spm)
    return {"spm": spm, "model": model, "argos": b.argos_package(root / "translate-en_es-1_0.argosmodel", model, spm)}


def _snapshot(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def test_nothing_is_created_until_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNKIT_HOME", str(tmp_path / "home"))
    store = ModelStore()
    assert store.root == tmp_path / "home" / "models"
    assert store.list() == [] and not (tmp_path / "home").exists()
    assert store_dir(tmp_path / "x") == tmp_path / "x"


def test_install_ct2_directory_list_info_remove(tiny: dict[str, Path], tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "store")
    info = store.install(tiny["model"])
    assert info.name == "opus-mt-en-es"  # languages read from the OPUS-MT style name
    assert info.pairs == {("en", "es")} and info.tokenizer == "sentencepiece" and info.source_eos
    meta = json.loads((store.root / "opus-mt-en-es" / "alignkit.json").read_text())
    assert meta["sources"] == ["en"] and meta["source_spm"] == "source.spm"
    assert [m.name for m in store.list()] == ["opus-mt-en-es"]
    assert store.get("opus-mt-en-es").root == store.root / "opus-mt-en-es"
    store.remove("opus-mt-en-es")
    assert store.list() == [] and _snapshot(store.root) == []


def test_install_needs_languages_when_files_do_not_say(tiny: dict[str, Path], tmp_path: Path) -> None:
    plain = tmp_path / "mymodel"
    shutil.copytree(tiny["model"], plain)
    store = ModelStore(tmp_path / "store")
    with pytest.raises(ModelError, match="--from LANG --to LANG"):
        store.install(plain)
    assert not store.root.exists()  # a failed first install leaves no store behind
    info = store.install(plain, name="fr-de", src="fra", tgt="de")
    assert info.pairs == {("fr", "de")}


def test_name_taken_and_bad_names(tiny: dict[str, Path], tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "store")
    store.install(tiny["model"], name="m1")
    with pytest.raises(ModelError, match="already installed"):
        store.install(tiny["model"], name="m1")
    with pytest.raises(ModelError, match="invalid model name"):
        store.install(tiny["model"], name="../evil")
    with pytest.raises(ModelError, match="no model named 'nope'.*installed: m1"):
        store.get("nope")


@pytest.mark.parametrize(("drop", "message"), [
    ("model.bin", "missing model.bin"),
    ("shared_vocabulary.json", "missing the vocabulary"),
], ids=["no-weights", "no-vocabulary"])
def test_missing_files_are_named(tiny: dict[str, Path], tmp_path: Path, drop: str, message: str) -> None:
    broken = tmp_path / "opus-mt-en-es"
    shutil.copytree(tiny["model"], broken)
    (broken / drop).unlink()
    store = ModelStore(tmp_path / "store")
    with pytest.raises(ModelError, match=message):
        store.install(broken)
    assert _snapshot(store.root) == []


def test_corrupt_weights_fail_validation_and_leave_store_unchanged(tiny: dict[str, Path], tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "store")
    store.install(tiny["model"], name="good")
    before = _snapshot(store.root)
    broken = tmp_path / "opus-mt-en-es"
    shutil.copytree(tiny["model"], broken)
    (broken / "model.bin").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="CTranslate2 cannot load"):
        store.install(broken, name="bad")
    assert _snapshot(store.root) == before


def test_zip_and_tar_of_a_model_directory(tiny: dict[str, Path], tmp_path: Path) -> None:
    zpath = Path(shutil.make_archive(str(tmp_path / "opus-mt-en-es"), "zip", tiny["model"].parent, "opus-mt-en-es"))
    tpath = Path(shutil.make_archive(str(tmp_path / "model-en-es"), "gztar", tiny["model"]))
    store = ModelStore(tmp_path / "store")
    assert store.install(zpath).name == "opus-mt-en-es"
    assert default_name(tpath) == "model-en-es"
    assert store.install(tpath).pairs == {("en", "es")}


def test_argos_package_installs_lists_translates_removes(tiny: dict[str, Path], tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "store")
    info = store.install(tiny["argos"])
    assert (info.name, info.kind, info.pairs) == ("translate-en_es-1_0", "argos", {("en", "es")})
    assert not info.source_eos and info.model_dir == info.root / "model"
    assert [m.name for m in store.list()] == ["translate-en_es-1_0"]
    engine = CT2Engine(models_home=str(store.root), beam_size=1, max_decoding_length=20)
    assert engine.pairs() == {("en", "es")}
    with open_translator(engine, "en", "es") as tr:
        out = tr.translate(["The quick house near the river.", "", "Green bread."])
    assert len(out) == 3 and out[1].text == ""
    assert out[0].text and out[0].text != out[2].text  # real, input-dependent decoding
    store.remove(info.name)
    assert store.list() == []


def test_argos_bpe_package_is_refused_clearly(tiny: dict[str, Path], tmp_path: Path) -> None:
    pkg = tmp_path / "bpe.argosmodel"
    with zipfile.ZipFile(tiny["argos"]) as src, zipfile.ZipFile(pkg, "w") as dst:
        for item in src.infolist():
            name = item.filename.replace("sentencepiece.model", "bpe.model")
            dst.writestr(name, src.read(item))
    with pytest.raises(ModelError, match="bpe.model"):
        ModelStore(tmp_path / "store").install(pkg)


def _zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, "/etc/passwd")
    return path


def _tar(path: Path, link: str) -> Path:
    with tarfile.open(path, "w:gz") as tf:
        data = b"x"
        info = tarfile.TarInfo("pkg/model.bin")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
        lnk = tarfile.TarInfo("pkg/evil")
        lnk.type = tarfile.SYMTYPE if link == "sym" else tarfile.LNKTYPE
        lnk.linkname = "/etc/passwd" if link == "sym" else "pkg/model.bin"
        tf.addfile(lnk)
    return path


MALICIOUS = {
    "zip-traversal": (lambda d: _zip(d / "a.argosmodel", {"pkg/metadata.json": b"{}", "../evil.txt": b"x"}),
                      "unsafe member path"),
    "zip-absolute": (lambda d: _zip(d / "a.zip", {"/tmp/evil.txt": b"x"}), "unsafe member path"),
    "zip-symlink": (lambda d: _zip(d / "a.zip", {"pkg/model.bin": b"x"}, symlink="pkg/link"), "refusing link"),
    "tar-symlink": (lambda d: _tar(d / "a.tar.gz", "sym"), "refusing link"),
    "tar-hardlink": (lambda d: _tar(d / "b.tar.gz", "hard"), "refusing link"),
    "zip-bomb": (lambda d: _zip(d / "a.zip", {"pkg/model.bin": b"\0" * 5000}), "exceeds"),
    "too-many-entries": (lambda d: _zip(d / "a.zip", {f"pkg/f{i}": b"" for i in range(30)}), "more than 20"),
}


@pytest.mark.parametrize("case", list(MALICIOUS), ids=list(MALICIOUS))
def test_malicious_archives_are_refused(tiny: dict[str, Path], tmp_path: Path, case: str) -> None:
    store = ModelStore(tmp_path / "store")
    store.install(tiny["model"], name="existing")
    before = _snapshot(store.root)
    build, message = MALICIOUS[case]
    with pytest.raises(ModelError, match=message):
        store.install(build(tmp_path), limits=ArchiveLimits(max_bytes=4096, max_entries=20))
    assert _snapshot(store.root) == before
    assert not (tmp_path.parent / "evil.txt").exists()


def test_aren_model_through_store_and_engine(tmp_path: Path) -> None:
    aren = shared_path("models", "aren-transliteration")
    store = ModelStore(tmp_path / "store")
    info = store.install(aren, name="aren", src="ar", tgt="en")
    assert info.tokenizer == "whitespace" and not info.source_eos  # OpenNMT model: no source </s>
    engine = CT2Engine(model="aren", models_home=str(store.root))
    with open_translator(engine, "ar", "en") as tr:
        out = tr.translate(["آ ت ز م و ن", "ب ي ر و ت", "x ب ي ر و ت"])
    assert out[0].text == "a t z m o n"
    assert out[1].text.startswith("b e") and out[1].text.endswith("t")
    assert all(set(o.text) <= set("abcdefghijklmnopqrstuvwxyz' ") for o in out)
    assert out[2].unknown == ("x",) and out[0].unknown == ()


def test_inspect_reads_multilingual_languages(tiny: dict[str, Path], tmp_path: Path) -> None:
    model = b.multilingual(tmp_path / "m2m", tiny["spm"])
    info = inspect_model(model)
    assert info.multilingual and info.sources == ("en", "es", "fr")
    assert info.lang_tokens["es"] == "__es__" and len(info.pairs) == 6
    assert info.source_spm == model / "sentencepiece.bpe.model" and info.source_eos
