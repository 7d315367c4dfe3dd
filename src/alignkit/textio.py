"""Reading text safely and writing files atomically.

All file access of the library lives here and in ``formats``/``models``; stages never touch files.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import itertools
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from alignkit.errors import InputError, OutputError
from alignkit.textchunks import gather

#: Inputs above this size are refused with a clear message rather than exhausting memory.
MAX_INPUT_BYTES = 2 * 1024**3


# (BOM, codec read_text decodes with, codec for incremental decoding after the BOM)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
#: How much of a file the binary checks look at: NUL in the first bytes, control characters in the first characters.
_SNIFF = 65536


def decode(data: bytes, source: str = "input") -> str:
    """Decode bytes as text: UTF-8 (BOM optional) or UTF-16/32 with a BOM.

    Raises:
        InputError: binary data, or bytes that are not valid UTF-8 (the message names the byte offset).
    """
    for bom, codec, _ in _BOMS:
        if data.startswith(bom):
            try:
                return _normalize_newlines(data.decode(codec))
            except UnicodeDecodeError as err:
                raise _bad_encoding(source, codec, err.start) from None
    if b"\x00" in data[:_SNIFF]:
        raise _binary(source, "NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _bad_encoding(source, None, err.start) from None
    if _control_ratio(text) > 0.05:
        raise _binary(source, "control characters")
    return _normalize_newlines(text)


def _bad_encoding(source: str, codec: str | None, at: int) -> InputError:
    """The error for undecodable bytes; ``codec`` None: plain UTF-8 (no BOM)."""
    if codec is not None:
        return InputError(f"{source}: invalid {codec} at byte {at}")
    return InputError(f"{source}: not valid UTF-8 at byte {at} (convert it first, e.g. iconv -f latin1 -t utf-8)")


def _binary(source: str, why: str) -> InputError:
    return InputError(f"{source}: looks like binary data ({why}), not text")


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(text: str) -> float:
    sample = text[:_SNIFF]
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
    p = _existing_file(path)
    try:
        if p.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"{name}: larger than {MAX_INPUT_BYTES // 1024**3} GiB")
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None


def _existing_file(path: str | Path) -> Path:
    """``path`` as a :class:`Path`, refusing a missing file or a directory with :class:`InputError`."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, expected a file")
    return p


def read_text(path: str | Path, *, allow_empty: bool = False) -> str:
    """Read a text file (``-`` is stdin) with the checks of :func:`read_bytes` and :func:`decode`.

    Raises:
        InputError: missing file, a directory, unreadable, too large, binary, bad encoding,
            or empty / whitespace-only unless ``allow_empty``.
    """
    name = _source_name(path)
    text = decode(read_bytes(path), name)
    if not allow_empty and not text.strip():
        raise _empty(name, text)
    return text


def _source_name(path: str | Path) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def _empty(name: str, text: str) -> InputError:
    return InputError(f"{name}: is empty" if not text else f"{name}: contains only whitespace")


def iter_text(path: str | Path, *, chunk_chars: int = 1 << 20, allow_empty: bool = False) -> Iterator[str]:
    """Read a text file (``-`` is stdin) lazily, with the checks and messages of :func:`read_text`.

    The chunks joined are ``read_text(path)``: the same BOM handling, newline normalisation
    (a ``\\r\\n`` pair is never split between chunks) and errors. A missing file or a directory
    is refused at once; the other problems surface while iterating, when the bytes are reached:
    the binary checks and empty input before the first chunk (the first 256 KiB are read before
    anything is given out), an invalid byte where it lies. Unlike :func:`read_text` there is no
    size limit. When a file holds several problems, the one met first in reading order is named
    (``read_text`` names an invalid byte beyond the first 256 KiB before a binary-looking start).

    Args:
        path: the file, or ``-`` for stdin (its binary buffer).
        chunk_chars: about how many characters a chunk holds.
        allow_empty: give empty or whitespace-only input instead of refusing it.

    Raises:
        InputError: as :func:`read_text` (except "too large").
    """
    name = _source_name(path)
    if str(path) == "-":
        return _decoded(_blocks(sys.stdin.buffer, name, chunk_chars, close=False), name, allow_empty)
    file = _existing_file(path)
    try:
        fh = open(file, "rb")  # noqa: SIM115 - closed by _blocks when iteration ends
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None
    return _decoded(_blocks(fh, name, chunk_chars, close=True), name, allow_empty)


def iter_lines(path: str | Path, *, allow_empty: bool = False) -> Iterator[str]:
    """The lines of :func:`iter_text` without their ``\\n``, read lazily.

    As many lines as ``read_text(path).split("\\n")`` minus the empty item after a final
    newline: a last line without newline is still a line, and empty input (``allow_empty``)
    is one empty line, as :func:`alignkit.translate.document.translate_lines` counts them.

    Raises:
        InputError: as :func:`iter_text`, all from the first ``next`` on (this is a generator).
    """
    pieces: list[str] = []  # the unfinished line, in pieces: a long line is joined once
    ended_with_newline = False
    for chunk in iter_text(path, allow_empty=allow_empty):
        lines = chunk.split("\n")
        if len(lines) > 1:
            pieces.append(lines[0])
            yield "".join(pieces)
            yield from lines[1:-1]
            pieces = []
        pieces.append(lines[-1])
        ended_with_newline = chunk.endswith("\n")
    if not ended_with_newline:
        yield "".join(pieces)


def size_hint(path: str | Path) -> int | None:
    """Size in bytes of a regular file (a total for progress); None for stdin, pipes and the unreadable."""
    if str(path) == "-":
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _blocks(fh: IO[bytes], name: str, size: int, *, close: bool) -> Iterator[bytes]:
    """The bytes of ``fh``: first enough for the binary checks, then blocks of about ``size``."""
    read = getattr(fh, "read1", fh.read)  # read1: a pipe gives what it has instead of waiting for more
    try:
        # A character takes up to 4 bytes: this holds the first _SNIFF characters. From a pipe
        # (stdin), only what is there now: a slow producer's first lines are not held back.
        yield (fh.read if close else read)(4 * _SNIFF + 4)
        while block := read(size):
            yield block
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None
    finally:
        if close:
            fh.close()


def _decoded(blocks: Iterator[bytes], name: str, allow_empty: bool) -> Iterator[str]:
    first = next(blocks, b"")
    for bom, codec, stream_codec in _BOMS:
        if first.startswith(bom):
            # read_text's whole-file decode counts utf-8-sig offsets after the BOM, utf-16/32 from byte 0.
            at = 0 if codec == "utf-8-sig" else len(bom)
            raw = _decode_blocks(first[len(bom):], blocks, stream_codec, functools.partial(_bad_encoding, name, codec), at)
            break
    else:
        if b"\x00" in first[:_SNIFF]:
            raise _binary(name, "NUL bytes")
        raw = _control_checked(_decode_blocks(first, blocks, "utf-8", functools.partial(_bad_encoding, name, None), 0), name)
    texts = _normalized(raw)
    yield from texts if allow_empty else _not_blank(texts, name)


def _decode_blocks(first: bytes, blocks: Iterator[bytes], codec: str, error: Callable[[int], InputError],
                   at: int) -> Iterator[str]:
    """Decode incrementally; ``at`` is the offset read_text would report for ``first[0]``."""
    decoder = codecs.getincrementaldecoder(codec)()
    for data, final in itertools.chain(((first, False),), ((b, False) for b in blocks), ((b"", True),)):
        held = len(decoder.getstate()[0])  # bytes of an unfinished character from the last block
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as err:
            raise error(at - held + err.start) from None
        at += len(data)
        if text:
            yield text


def _control_checked(raw: Iterator[str], name: str) -> Iterator[str]:
    """``raw``, once its first _SNIFF characters pass read_text's control-character check."""
    texts = iter(raw)
    # The first block of a file holds at least _SNIFF characters (it is 4 * _SNIFF bytes); a
    # pipe's first block is what the producer wrote so far, checked without waiting for more.
    head = next(texts, "")
    if _control_ratio(head[:_SNIFF]) > 0.05:
        raise _binary(name, "control characters")
    if head:
        yield head
    yield from texts


def _normalized(raw: Iterator[str]) -> Iterator[str]:
    """Newlines normalised; a ``\\r`` ending a chunk waits for the next, which may start with ``\\n``."""
    carry = ""
    for text in raw:
        text = carry + text
        carry = "\r" if text.endswith("\r") else ""
        if carry:
            text = text[:-1]
        if text:
            yield _normalize_newlines(text)
    if carry:
        yield "\n"


def _not_blank(texts: Iterator[str], name: str) -> Iterator[str]:
    """``texts``, refused as read_text refuses them when they are empty or only whitespace."""
    held: list[str] = []
    for text in texts:
        held.append(text)
        if not text.isspace():
            break
    else:
        raise _empty(name, "".join(held))
    yield from held
    yield from texts


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


def write_chunks(path: str | Path, chunks: Iterable[str]) -> None:
    """Write text as it comes: to ``path`` atomically, or (``-``) to stdout, flushed after each chunk.

    When the reader of stdout goes away (``| head``) the :class:`BrokenPipeError` is raised
    for the CLI to end quietly, and stdout is pointed at the null device first so that Python's
    final flush of what is still buffered does not print "Exception ignored ... BrokenPipeError".
    """
    if str(path) != "-":
        with atomic_open(path) as fh:
            for chunk in chunks:
                fh.write(chunk)
        return
    try:
        for chunk in chunks:
            sys.stdout.write(chunk)
            sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (``-`` writes to stdout)."""
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with atomic_open(path) as fh:
        fh.write(text)
