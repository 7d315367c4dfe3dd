"""Hostile model archives built fast: a zip of N GiB of zeros in about a second, without compressing N GiB."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_MIB = 1 << 20


def zeros_zip(path: Path, member: str = "pkg/model.bin", size_mib: int = 1024, declared: int | None = None) -> Path:
    """Write a zip whose ``member`` inflates to ``size_mib`` MiB of zeros (about 1 KiB per MiB compressed).

    Deflate blocks ended by a full flush do not depend on what came before, so one compressed
    MiB of zeros repeated is a valid stream of many. ``declared``: the uncompressed size to
    write in the headers instead of the true one (a lying archive).
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b"\0" * _MIB) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush()
    data_len = len(block) * size_mib + len(tail)
    crc = 0
    chunk = b"\0" * _MIB
    for _ in range(size_mib):
        crc = zlib.crc32(chunk, crc)
    size = size_mib * _MIB if declared is None else declared
    name = member.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, data_len, size, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, data_len, size,
                          len(name), 0, 0, 0, 0, 0o100644 << 16, 0) + name
    with open(path, "wb") as fh:
        fh.write(local)
        for _ in range(size_mib):
            fh.write(block)
        fh.write(tail)
        offset = fh.tell()
        fh.write(central)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), offset, 0))
    return path


def zeros_targz(path: Path, member: str = "pkg/model.bin", size_mib: int = 1024) -> Path:
    """Write a ``.tar.gz`` whose ``member`` holds ``size_mib`` MiB of zeros, built as :func:`zeros_zip` is."""
    import gzip
    import io
    import tarfile

    header = io.BytesIO()
    with tarfile.open(fileobj=header, mode="w") as tf:
        info = tarfile.TarInfo(member)
        info.size = size_mib * _MIB
        tf.addfile(info)  # header only: the data blocks (zeros) and the end blocks follow
    head = header.getvalue()[:512]
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(b"\0" * _MIB) + comp.flush(zlib.Z_FULL_FLUSH)
    end = comp.compress(b"\0" * 10240) + comp.flush()  # end-of-archive blocks and record padding
    crc = zlib.crc32(head)
    chunk = b"\0" * _MIB
    for _ in range(size_mib):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(b"\0" * 10240, crc)
    total = 512 + size_mib * _MIB + 10240
    with open(path, "wb") as fh:
        fh.write(gzip.compress(b"")[:10])  # a gzip member header
        fh.write(first)
        for _ in range(size_mib):
            fh.write(block)
        fh.write(end)
        fh.write(struct.pack("<II", crc, total & 0xFFFFFFFF))
    return path
