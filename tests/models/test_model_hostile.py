"""Hostile model sources: zip/tar bombs, links and special files in directories, garbage weights."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

import alignkit.models.archive as archive
from alignkit.errors import ModelError
from alignkit.models.archive import ArchiveLimits
from alignkit.models.store import ModelStore
from tests.conftest import shared_path
from tests.fuzz.bombs import zeros_targz, zeros_zip

_MB = 10**6


def _snapshot(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bytes written by archive extraction so far (one entry per member copied)."""
    counts: list[int] = []
    copy = archive._Budget.copy

    def counting(self: archive._Budget, src, dst) -> None:  # noqa: ANN001
        try:
            copy(self, src, dst)
        finally:
            counts.append(self.bytes)

    monkeypatch.setattr(archive._Budget, "copy", counting)
    return counts


@pytest.mark.parametrize("build", [zeros_zip, zeros_targz], ids=["zip", "tar.gz"])
def test_one_gib_bomb_is_refused_with_under_50_mb_written(tmp_path: Path, written: list[int], build) -> None:  # noqa: ANN001
    bomb = build(tmp_path / ("bomb.zip" if build is zeros_zip else "bomb.tar.gz"))
    assert bomb.stat().st_size < 2 * _MB
    store = ModelStore(tmp_path / "store")
    with pytest.raises(ModelError, match="zip bomb|decompresses to more than"):
        store.install(bomb, name="bomb", src="en", tgt="es")
    assert max(written, default=0) < 50 * _MB
    assert _snapshot(store.root) == []


def test_lying_zip_stops_at_its_declared_size(tmp_path: Path, written: list[int]) -> None:
    # headers say 1 MiB, the data inflates to 64 MiB: extraction stops at what was declared
    bomb = zeros_zip(tmp_path / "liar.zip", size_mib=64, declared=1 << 20)
    with pytest.raises(ModelError, match="corrupt|exceeds"):
        ModelStore(tmp_path / "store").install(bomb, name="liar", src="en", tgt="es")
    assert max(written, default=0) <= 1 << 20


def test_ratio_limit_spares_small_well_compressed_archives() -> None:
    limits = ArchiveLimits()
    assert limits.allowed_bytes(1000) == limits.ratio_floor
    assert limits.allowed_bytes(10**9) == 100 * 10**9 if limits.max_bytes >= 100 * 10**9 else limits.max_bytes


def _model_dir(tmp_path: Path) -> Path:
    model = tmp_path / "opus-mt-en-es"
    model.mkdir()
    (model / "model.bin").write_bytes(b"x")
    (model / "shared_vocabulary.txt").write_text("<unk>\n<s>\n</s>\n", encoding="utf-8")
    return model


def test_symlink_out_of_a_model_directory_is_refused(tmp_path: Path) -> None:
    model = _model_dir(tmp_path)
    (model / "passwd").symlink_to("/etc/passwd")
    store = ModelStore(tmp_path / "store")
    with pytest.raises(ModelError, match="refusing link 'passwd' -> '/etc/passwd'"):
        store.install(model, validate=False)
    assert _snapshot(store.root) == []


def test_link_looping_back_into_the_directory_is_refused(tmp_path: Path) -> None:
    model = _model_dir(tmp_path)
    (model / "loop").symlink_to(model)
    with pytest.raises(ModelError, match="refusing link 'loop' .*not to a file"):
        ModelStore(tmp_path / "store").install(model, validate=False)


def test_fifo_in_a_model_directory_is_refused_without_blocking(tmp_path: Path) -> None:
    model = _model_dir(tmp_path)
    os.mkfifo(model / "source.spm")
    with pytest.raises(ModelError, match="refusing special file 'source.spm'"):
        ModelStore(tmp_path / "store").install(model, validate=False)


def test_links_inside_the_directory_and_hugging_face_snapshots_are_followed(tmp_path: Path) -> None:
    repo = tmp_path / "models--Helsinki-NLP--opus-mt-en-es"
    blobs, snap = repo / "blobs", repo / "snapshots" / "abc123"
    blobs.mkdir(parents=True)
    snap.mkdir(parents=True)
    (blobs / "b1").write_bytes(b"x")
    (blobs / "b2").write_text("<unk>\n<s>\n</s>\n", encoding="utf-8")
    (snap / "model.bin").symlink_to("../../blobs/b1")
    (snap / "shared_vocabulary.txt").symlink_to("../../blobs/b2")
    (snap / "vocab.txt").symlink_to("shared_vocabulary.txt")
    info = ModelStore(tmp_path / "store").install(snap, name="hf", src="en", tgt="es", validate=False)
    assert (info.root / "model.bin").read_bytes() == b"x" and not (info.root / "model.bin").is_symlink()


def test_any_exception_from_ctranslate2_is_a_model_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    def explode(*args: object, **kwargs: object) -> None:
        raise IndexError("vector::_M_range_check")

    monkeypatch.setattr(ctranslate2, "Translator", explode)
    store = ModelStore(tmp_path / "store")
    with pytest.raises(ModelError, match="CTranslate2 cannot load the model: IndexError"):
        store.install(_model_dir(tmp_path))
    assert _snapshot(store.root) == []


def test_garbage_weights_that_raise_index_error(tmp_path: Path) -> None:
    aren = shared_path("models", "aren-transliteration")
    broken = tmp_path / "aren"
    shutil.copytree(aren, broken)
    data = bytearray((aren / "model.bin").read_bytes())
    rng = random.Random(45)  # found by fuzzing: CTranslate2 4.x raises IndexError on these bytes
    for _ in range(20):
        data[rng.randrange(min(len(data), 2000))] = rng.randrange(256)
    (broken / "model.bin").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="CTranslate2 cannot load"):
        ModelStore(tmp_path / "store").install(broken, src="ar", tgt="en")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("shared_vocabulary.json", b"\xff\xfe garbage", "unreadable vocabulary"),
    ("shared_vocabulary.json", b"[" * 100_000, "nested deeper"),
    ("shared_vocabulary.json", b'{"a": 1}', "list of strings"),
], ids=["binary", "deep", "object"])
def test_bad_vocabulary_is_a_model_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    model = _model_dir(tmp_path)
    (model / "shared_vocabulary.txt").unlink()
    (model / name).write_bytes(content)
    with pytest.raises(ModelError, match=message):
        ModelStore(tmp_path / "store").install(model, validate=False)


def test_deep_config_json_is_a_model_error(tmp_path: Path) -> None:
    model = _model_dir(tmp_path)
    (model / "config.json").write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(ModelError, match="nested deeper"):
        ModelStore(tmp_path / "store").install(model, validate=False)
