"""Lazy reading: iter_text / iter_lines give read_text's text and read_text's errors, in chunks."""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignkit import textio
from alignkit.errors import InputError

SNIFF = 8  # a small window for the binary checks, so that short inputs span several blocks
FIRST_BLOCK = 4 * SNIFF + 4  # bytes iter_text reads before its first chunk (see textio._blocks)


@pytest.fixture
def small_sniff(monkeypatch: pytest.MonkeyPatch) -> None:
    """read_text and iter_text both look at SNIFF bytes/characters instead of 64 KiB."""
    monkeypatch.setattr(textio, "_SNIFF", SNIFF)


def outcome(read: object) -> tuple[str, str]:
    """("ok", text) or ("error", message) of calling ``read``."""
    try:
        return "ok", read()  # type: ignore[operator]
    except InputError as err:
        return "error", str(err)


def streamed(path: Path, chunk_chars: int, allow_empty: bool = False) -> list[str]:
    return list(textio.iter_text(path, chunk_chars=chunk_chars, allow_empty=allow_empty))


def write(tmp_path: Path, data: bytes, name: str = "in.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


ALPHABET = [b"a", b" ", b"\n", b"\r", b"\r\n", b"\x00", b"\x01", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80",
            b"\xc3", b"\xe2\x82", b"\xff", b"\x80", codecs.BOM_UTF8, b"\xfe\xff", b"\xff\xfe"]
byte_texts = st.tuples(
    st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]),
    st.lists(st.sampled_from(ALPHABET) | st.binary(max_size=3), max_size=40),
).map(lambda t: t[0] + b"".join(t[1]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=byte_texts, chunk_chars=st.integers(1, 7), allow_empty=st.booleans())
def test_iter_text_agrees_with_read_text(tmp_path: Path, small_sniff: None, data: bytes, chunk_chars: int,
                                         allow_empty: bool) -> None:
    path = write(tmp_path, data)
    expected = outcome(lambda: textio.read_text(path, allow_empty=allow_empty))
    got = outcome(lambda: "".join(streamed(path, chunk_chars, allow_empty)))
    if expected[0] == "error" and "not valid UTF-8 at byte" in expected[1] and "control characters" in got[1]:
        # Documented: an invalid byte past the first block is met after the binary-looking start.
        assert int(expected[1].split("at byte ")[1].split()[0]) >= FIRST_BLOCK
        return
    assert got == expected


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.sampled_from("ab \r\n\u00e9"), max_size=100), chunk_chars=st.integers(1, 5))
def test_no_chunk_ends_inside_a_crlf_pair(tmp_path: Path, small_sniff: None, text: str, chunk_chars: int) -> None:
    path = write(tmp_path, ("x" + text).encode())
    chunks = streamed(path, chunk_chars)
    assert all("\r" not in c for c in chunks)
    assert all(chunks)
    assert "".join(chunks) == textio.read_text(path)


def test_crlf_split_between_blocks(tmp_path: Path, small_sniff: None) -> None:
    # "\r" is the last byte of the first block, "\n" the first of the second.
    data = b"a" * (FIRST_BLOCK - 1) + b"\r\nb\r\rc\r"
    chunks = streamed(write(tmp_path, data), chunk_chars=1)
    assert len(chunks) > 2
    assert "".join(chunks) == "a" * (FIRST_BLOCK - 1) + "\nb\n\nc\n"


@pytest.mark.parametrize("where", range(FIRST_BLOCK - 3, FIRST_BLOCK + 3), ids=lambda w: f"at-{w}")
def test_invalid_utf8_across_a_block_border_names_read_texts_offset(tmp_path: Path, small_sniff: None,
                                                                    where: int) -> None:
    # A 3-byte character cut short: its first two bytes straddle the border, then an ASCII byte.
    data = b"a" * where + b"\xe2\x82" + b"x" * 40
    path = write(tmp_path, data)
    with pytest.raises(InputError, match=f"not valid UTF-8 at byte {where} ") as err:
        "".join(streamed(path, chunk_chars=2))
    assert outcome(lambda: textio.read_text(path)) == ("error", str(err.value))


def test_invalid_utf8_far_into_a_default_sized_read(tmp_path: Path) -> None:
    offset = 300_000  # past the first block and several default-size reads of 4 KiB
    path = write(tmp_path, b"word " * (offset // 5) + b"\xff tail")
    with pytest.raises(InputError, match=f"not valid UTF-8 at byte {offset} "):
        for _ in textio.iter_text(path, chunk_chars=4096):
            pass


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + "caf\u00e9\r\n".encode(), "caf\u00e9\n"),
        ("\u00bfqu\u00e9?\r\nS\u00ed.".encode("utf-16"), "\u00bfqu\u00e9?\nS\u00ed."),
        (codecs.BOM_UTF16_BE + "\u00bfqu\u00e9?".encode("utf-16-be"), "\u00bfqu\u00e9?"),
        ("\U0001f600 ok".encode("utf-32"), "\U0001f600 ok"),
    ],
    ids=["utf8-bom", "utf16", "utf16-be", "utf32"],
)
def test_boms_in_small_chunks(tmp_path: Path, small_sniff: None, data: bytes, text: str) -> None:
    path = write(tmp_path, data * 3)
    assert "".join(streamed(path, chunk_chars=3)) == textio.read_text(path)
    assert textio.read_text(path).startswith(text)


def test_truncated_utf16_names_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "ab".encode("utf-16") + b"\x00")
    with pytest.raises(InputError, match="invalid utf-16 at byte 6"):
        list(textio.iter_text(path))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "looks like binary data (NUL bytes)"),
        (b"\x01\x02\x03\x04 text", "looks like binary data (control characters)"),
        (b"", "is empty"),
        (b" \r\n\t\n", "contains only whitespace"),
    ],
    ids=["nul", "control", "empty", "whitespace"],
)
def test_refused_before_the_first_chunk(tmp_path: Path, data: bytes, message: str) -> None:
    chunks = textio.iter_text(write(tmp_path, data))
    with pytest.raises(InputError, match=re.escape(message)):
        next(chunks)


def test_empty_allowed(tmp_path: Path) -> None:
    assert streamed(write(tmp_path, b""), 10, allow_empty=True) == []
    assert "".join(streamed(write(tmp_path, b" \r\n"), 10, allow_empty=True)) == " \n"


def test_missing_file_and_directory_fail_at_the_call(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        textio.iter_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        textio.iter_lines(tmp_path).__next__()


def test_stdin_is_read_from_its_binary_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "uno\r\ndos\n".encode("utf-16")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert list(textio.iter_lines("-")) == ["uno", "dos"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match="<stdin>: is empty"):
        list(textio.iter_text("-"))


@pytest.mark.parametrize(
    "text",
    ["a\nb", "a\nb\n", "a\n\n", "\n", "\n\nx", "one line", "", " \n "],
    ids=["no-final-newline", "final-newline", "blank-last", "only-newline", "leading-blanks", "single", "empty",
         "spaces"],
)
def test_iter_lines_counts_like_split(tmp_path: Path, small_sniff: None, text: str) -> None:
    path = write(tmp_path, text.encode())
    whole = textio.read_text(path, allow_empty=True)
    expected = whole.removesuffix("\n").split("\n") if whole.endswith("\n") else whole.split("\n")
    assert list(textio.iter_lines(path, allow_empty=True)) == expected


def test_iter_lines_joins_a_line_longer_than_a_chunk(tmp_path: Path) -> None:
    long = "x" * 3_000_000
    path = write(tmp_path, f"{long}\nshort\r\nlast".encode())
    assert list(textio.iter_lines(path)) == [long, "short", "last"]


def test_size_hint(tmp_path: Path) -> None:
    path = write(tmp_path, b"12345")
    assert textio.size_hint(path) == 5
    assert textio.size_hint("-") is None
    assert textio.size_hint(tmp_path) is None
    assert textio.size_hint(tmp_path / "missing") is None
