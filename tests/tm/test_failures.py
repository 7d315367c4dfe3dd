"""A damaged, foreign, locked or read-only memory: one TMError naming the file, or reading without writing."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from alignkit.errors import TMError
from alignkit.tm import TranslationMemory
from alignkit.types import EngineOutput


def _filled(path: Path, n: int = 3000) -> Path:
    with TranslationMemory(path) as tm:
        tm.put_many("sig", "en>es", [(f"sentence number {i} " * 4, EngineOutput(f"frase {i} " * 4)) for i in range(n)])
    return path


def _use(path: Path) -> None:
    with TranslationMemory(path) as tm:
        tm.get_many("sig", "en>es", [f"sentence number {i} " * 4 for i in range(0, 3000, 7)])
        tm.stats()


def test_garbage_bytes_are_a_tm_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(TMError, match=r"tm\.sqlite: not an alignkit translation memory or damaged"):
        TranslationMemory(path)


@pytest.mark.parametrize("keep", [0.5, 0.05, 0.001], ids=["half", "twentieth", "header-only"])
def test_a_truncated_file_is_a_tm_error(tmp_path: Path, keep: float) -> None:
    path = _filled(tmp_path / "tm.sqlite")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(TMError, match=str(path)):
        _use(path)


def test_overwritten_pages_are_a_tm_error_not_a_wrong_translation(tmp_path: Path) -> None:
    path = _filled(tmp_path / "tm.sqlite")
    data = bytearray(path.read_bytes())
    data[8192:-8192] = b"\xff" * (len(data) - 16384)
    path.write_bytes(bytes(data))
    with pytest.raises(TMError, match="damaged"):
        _use(path)


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE entries (x)")
    with pytest.raises(TMError, match=r"other\.db: not an alignkit translation memory"):
        TranslationMemory(path)


def test_an_empty_file_becomes_a_memory(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    path.touch()
    with TranslationMemory(path) as tm:
        assert tm.put_many("sig", "en>es", [("a", EngineOutput("A"))]) == 1


def test_locked_longer_than_the_timeout_is_a_tm_error(tmp_path: Path) -> None:
    path = _filled(tmp_path / "tm.sqlite", 10)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with TranslationMemory(path, timeout=0.2) as tm:
            # Readers are not blocked in WAL mode; the writer gives up after the timeout.
            assert tm.get_many("sig", "en>es", ["sentence number 1 " * 4])
            with pytest.raises(TMError, match=rf"{path} is locked by another process for more than 0.2 s"):
                tm.put_many("sig", "en>es", [("new", EngineOutput("nuevo"))])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with TranslationMemory(path) as tm:
        assert tm.get_many("sig", "en>es", ["new"]) == {}


def _make_readonly(path: Path) -> None:
    """chmod ``path`` read-only, or skip when this user writes it anyway (root)."""
    path.chmod(stat.S_IRUSR | stat.S_IXUSR if path.is_dir() else stat.S_IRUSR)
    probe = path / ".probe" if path.is_dir() else path
    try:
        with open(probe, "ab"):
            pass
    except PermissionError:
        return
    if probe != path:
        probe.unlink()
    path.chmod(stat.S_IRWXU)
    pytest.skip("this user writes read-only files anyway (root): the fallback cannot be exercised")


@pytest.mark.parametrize("what", ["dir", "file"])
def test_read_only_memory_is_read_without_writing(tmp_path: Path, what: str) -> None:
    folder = tmp_path / "ro"
    path = _filled(folder / "tm.sqlite", 10)
    before = path.read_bytes()
    _make_readonly(folder if what == "dir" else path)
    try:
        with TranslationMemory(path) as tm:
            assert tm.readonly
            assert tm.notice is not None and str(path) in tm.notice and "without writing" in tm.notice
            assert tm.get_many("sig", "en>es", ["sentence number 1 " * 4])
            assert tm.put_many("sig", "en>es", [("new", EngineOutput("nuevo"))]) == 0
        assert path.read_bytes() == before
    finally:
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_directory_that_cannot_be_created_means_no_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with TranslationMemory(blocker / "tm.sqlite") as tm:
        assert tm.readonly and tm.notice and "without writing" in tm.notice
        assert tm.put_many("sig", "en>es", [("a", EngineOutput("A"))]) == 0
        assert tm.get_many("sig", "en>es", ["a"]) == {}
