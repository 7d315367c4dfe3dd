"""Reading text safely and writing files atomically.

All file access of the library lives here and in ``formats``/``models``; stages never touch files.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from alignkit.errors import InputError, OutputError

#: Inputs above this size are refused with a clear message rather than exhausting memory.
MAX_INPUT_BYTES = 2 * 1024**3


def decode(data: bytes, source: str = "input") -> str:
    """Decode bytes as text: UTF-8 (BOM optional) or UTF-16/32 with a BOM.

    Raises:
        InputError: binary data, or bytes that are not valid UTF-8 (the message names the byte offset).
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _normalize_newlines(data.decode(codec))
            except UnicodeDecodeError as err:
                raise InputError(f"{source}: invalid {codec} at byte {err.start}") from None
    if b"\x00" in data[:65536]:
        raise InputError(f"{source}: looks like binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{source}: not valid UTF-8 at byte {err.start} (convert it first, e.g. iconv -f latin1 -t utf-8)"
        ) from None
    if _control_ratio(text) > 0.05:
        raise InputError(f"{source}: looks like binary data (control characters), not text")
    return _normalize_newlines(text)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / len(sample)


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes (``-`` is stdin), refusing what no reader can use.

    Raises:
        InputError: missing file, a directory, unreadable, or too large.
    """
    name = str(path)
    if name == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory, expected a file")
    try:
        if p.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"{name}: larger than {MAX_INPUT_BYTES // 1024**3} GiB")
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None


def read_text(path: str | Path, *, allow_empty: bool = False) -> str:
    """Read a text file (``-`` is stdin) with the checks of :func:`read_bytes` and :func:`decode`.

    Raises:
        InputError: missing file, a directory, unreadable, too large, binary, bad encoding,
            or empty / whitespace-only unless ``allow_empty``.
    """
    name = "<stdin>" if str(path) == "-" else str(path)
    text = decode(read_bytes(path), name)
    if not allow_empty and not text.strip():
        raise InputError(f"{name}: is empty" if not text else f"{name}: contains only whitespace")
    return text


def check_writable_dir(path: str | Path) -> Path:
    """Create ``path`` if needed and make sure files can be written in it.

    Raises:
        OutputError: it is a file, or cannot be created or written.
    """
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise OutputError(f"{p}: exists and is not a directory")
    try:
        p.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=p, prefix=".alignkit-probe-"):
            pass
    except OSError as err:
        raise OutputError(f"{p}: cannot write here ({err.strerror or err})") from None
    return p


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    An exception (or Ctrl-C) inside the block removes the temporary file, so a reader never
    sees a half-written output.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory, expected a file name")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"{target}: cannot write ({err.strerror or err})") from None
    kwargs = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
    try:
        # mkstemp creates 0600 files; outputs should get the usual umask-based mode.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        try:
            os.replace(tmp, target)
        except OSError as err:
            raise OutputError(f"{target}: cannot write ({err.strerror or err})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (``-`` writes to stdout)."""
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with atomic_open(path) as fh:
        fh.write(text)
