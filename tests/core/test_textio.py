"""Reading inputs: encodings, binary junk, empty files; atomic writes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from alignkit import textio
from alignkit.errors import InputError


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"hola\n", "hola\n"),
        (codecs.BOM_UTF8 + "caf\u00e9".encode(), "caf\u00e9"),
        ("\u00bfqu\u00e9?".encode("utf-16"), "\u00bfqu\u00e9?"),
        ("x\r\ny\rz".encode(), "x\ny\nz"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf"],
)
def test_decode_accepts(data: bytes, expected: str) -> None:
    assert textio.decode(data) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\xe9def", "not valid UTF-8 at byte 3"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
    ids=["latin1", "nul-bytes", "control-chars"],
)
def test_decode_refuses(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        textio.decode(data, "f.txt")


def test_read_text_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n")
    with pytest.raises(InputError, match="no such file"):
        textio.read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        textio.read_text(tmp_path)
    with pytest.raises(InputError, match="is empty"):
        textio.read_text(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="only whitespace"):
        textio.read_text(tmp_path / "blank.txt")
    assert textio.read_text(tmp_path / "empty.txt", allow_empty=True) == ""


def test_atomic_open_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with textio.atomic_open(target) as fh:
            fh.write("half")
            raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_check_writable_dir_refuses_file(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    from alignkit.errors import OutputError

    with pytest.raises(OutputError, match="not a directory"):
        textio.check_writable_dir(f)


def test_atomic_open_respects_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        textio.write_text(tmp_path / "f.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "f.txt").stat().st_mode & 0o777 == 0o644


def test_atomic_open_refuses_a_directory_and_leaves_no_temp_file(tmp_path: Path) -> None:
    from alignkit.errors import OutputError

    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        with textio.atomic_open(target) as fh:
            fh.write("x")
    assert list(tmp_path.iterdir()) == [target]


def test_read_bytes_is_the_one_checked_reader(tmp_path: Path) -> None:
    from alignkit.formats import read_rows

    (tmp_path / "d.tmx").mkdir()
    with pytest.raises(InputError, match="d.tmx: is a directory"):
        read_rows(tmp_path / "d.tmx")
    with pytest.raises(InputError, match="no such file"):
        textio.read_bytes(tmp_path / "missing.tbx")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01")
    assert textio.read_bytes(tmp_path / "b.bin") == b"\x00\x01"
