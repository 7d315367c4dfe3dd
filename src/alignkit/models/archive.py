"""Safe extraction of model archives (zip, tar, ``.argosmodel``) and safe copies of model directories.

Every member is checked before anything is written: no absolute paths, no ``..``, no
links or device files, a cap on the number of entries, on the declared uncompressed size
and on the compression ratio (a zip bomb is refused before its first byte is written), and
enough free disk space. While extracting, the bytes actually written are counted against the
declared total (declared sizes can lie), and a compressed tar is decompressed through a cap
as well. A refusal raises :class:`~alignkit.errors.ModelError`; the caller extracts into a
temporary directory and removes it on failure, so the store never sees a partial model.

A model directory is walked the same way before it is copied: links that leave it and
special files (FIFOs, devices, sockets) are refused.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import shutil
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from alignkit.errors import ModelError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """Caps that stop zip bombs.

    Attributes:
        max_bytes: total uncompressed bytes (default 16 GiB: NLLB-3.3B in float16 fits).
        max_entries: number of members.
        max_ratio: uncompressed size / archive size above which an archive is refused (model
            weights barely compress: float weights ~1.1, int8 ~2; zeros compress ~1000).
        ratio_floor: uncompressed bytes always allowed whatever the ratio (small text files
            such as vocabularies compress well).
    """

    max_bytes: int = 16 * 1024**3
    max_entries: int = 10_000
    max_ratio: float = 100.0
    ratio_floor: int = 32 * 1024**2

    def allowed_bytes(self, archive_bytes: int) -> int:
        """The most uncompressed bytes an archive of ``archive_bytes`` may hold."""
        return min(self.max_bytes, max(self.ratio_floor, int(archive_bytes * self.max_ratio)))


def is_archive(path: Path) -> bool:
    """True for a zip (``.argosmodel`` included) or tar (any compression) file."""
    return path.is_file() and (zipfile.is_zipfile(path) or tarfile.is_tarfile(path))


def extract_archive(path: Path, dest: Path, limits: ArchiveLimits = ArchiveLimits()) -> None:
    """Extract ``path`` into the existing empty directory ``dest``, refusing unsafe members.

    Raises:
        ModelError: unreadable archive, unsafe member, or a limit exceeded.
    """
    try:
        if zipfile.is_zipfile(path):
            _extract_zip(path, dest, limits)
        elif tarfile.is_tarfile(path):
            _extract_tar(path, dest, limits)
        else:
            raise ModelError(f"{path}: not a zip or tar archive")
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError, ValueError,
            NotImplementedError, RuntimeError) as err:  # RuntimeError: an encrypted zip member
        raise ModelError(f"{path}: corrupt or unreadable archive ({err})") from None


def safe_member_path(name: str, archive: Path) -> PurePosixPath | None:
    """The relative path of member ``name``, or ``None`` for the archive root itself.

    Raises:
        ModelError: the name is absolute, has a drive, or contains ``..``.
    """
    clean = name.replace("\\", "/")
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    if clean.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
        raise ModelError(f"{archive}: refusing unsafe member path {name!r} (it would leave the target directory)")
    return PurePosixPath(*parts) if parts else None


class _Budget:
    """Counts entries and bytes; ``max_bytes`` drops to the declared total once members are checked."""

    def __init__(self, archive: Path, limits: ArchiveLimits) -> None:
        self.archive, self.limits, self.bytes, self.entries = archive, limits, 0, 0
        self.max_bytes = limits.max_bytes

    def entry(self) -> None:
        self.entries += 1
        if self.entries > self.limits.max_entries:
            raise ModelError(f"{self.archive}: more than {self.limits.max_entries} entries; refusing to extract")

    def copy(self, src: IO[bytes], dst: IO[bytes]) -> None:
        while chunk := src.read(_CHUNK):
            self.bytes += len(chunk)
            if self.bytes > self.max_bytes:
                raise ModelError(f"{self.archive}: uncompressed size exceeds {self.max_bytes} bytes "
                                 "(more than its members declare); extraction stopped")
            dst.write(chunk)


@dataclass(frozen=True)
class _Member:
    """One archive member, reduced to what extraction needs (zip and tar alike)."""

    name: str
    kind: str  # "file", "dir", "link" or "special"
    size: int
    link: str = ""


def _zip_members(zf: zipfile.ZipFile) -> list[_Member]:
    out = []
    for info in zf.infolist():
        mode = stat.S_IFMT(info.external_attr >> 16)  # Unix file type; 0 when the zip has none
        kind = ("link" if mode == stat.S_IFLNK else "dir" if info.is_dir() else
                "file" if mode in (0, stat.S_IFREG) else "special")
        out.append(_Member(info.filename, kind, info.file_size))
    return out


def _tar_members(tf: tarfile.TarFile) -> list[_Member]:
    return [_Member(m.name, "link" if (m.issym() or m.islnk()) else "dir" if m.isdir()
                    else "file" if m.isfile() else "special", m.size, m.linkname) for m in tf.getmembers()]


def _check(members: list[_Member], path: Path, dest: Path, budget: _Budget) -> None:
    """Refuse the archive before anything is written."""
    for m in members:
        budget.entry()
        safe_member_path(m.name, path)
        if m.kind == "link":
            raise ModelError(f"{path}: refusing link {m.name!r}" + (f" -> {m.link!r}" if m.link else ""))
        if m.kind == "special":
            raise ModelError(f"{path}: refusing special file {m.name!r}")
    declared = sum(m.size for m in members)
    limits = budget.limits
    if declared > limits.max_bytes:
        raise ModelError(f"{path}: uncompressed size exceeds {limits.max_bytes} bytes; refusing to extract")
    archive_bytes = path.stat().st_size
    if declared > limits.allowed_bytes(archive_bytes):
        raise ModelError(f"{path}: {declared} bytes compressed into {archive_bytes} (ratio above "
                         f"{limits.max_ratio:g}): looks like a zip bomb; refusing to extract")
    free = shutil.disk_usage(dest).free
    if declared > free:
        raise ModelError(f"{path}: needs {declared} bytes but {dest.parent} has {free} free; refusing to extract")
    budget.max_bytes = declared  # what is written beyond what the members declare stops extraction


def _write(members: list[_Member], path: Path, dest: Path, budget: _Budget,
           open_member: Callable[[str], IO[bytes] | None]) -> None:
    for m in members:
        rel = safe_member_path(m.name, path)
        if rel is None:
            continue
        target = dest.joinpath(*rel.parts)
        if m.kind == "dir":
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        src = open_member(m.name)
        if src is None:
            raise ModelError(f"{path}: cannot read member {m.name!r}")
        with src, open(target, "wb") as dst:
            budget.copy(src, dst)


def _extract_zip(path: Path, dest: Path, limits: ArchiveLimits) -> None:
    budget = _Budget(path, limits)
    with zipfile.ZipFile(path) as zf:
        members = _zip_members(zf)
        _check(members, path, dest, budget)
        _write(members, path, dest, budget, zf.open)


def _extract_tar(path: Path, dest: Path, limits: ArchiveLimits) -> None:
    budget = _Budget(path, limits)
    with _decompressed(path, limits) as stream, tarfile.open(fileobj=stream, mode="r:") as tf:
        members = _tar_members(tf)  # reads the whole stream: the cap bounds it
        _check(members, path, dest, budget)
        _write(members, path, dest, budget, tf.extractfile)


_OPENERS: dict[bytes, Callable[[Path], IO[bytes]]] = {
    b"\x1f\x8b": lambda p: gzip.open(p, "rb"),
    b"BZh": lambda p: bz2.open(p, "rb"),
    b"\xfd7zXZ\x00": lambda p: lzma.open(p, "rb"),
}


def _decompressed(path: Path, limits: ArchiveLimits) -> IO[bytes]:
    """The tar stream of ``path``, decompressed through a cap of :meth:`ArchiveLimits.allowed_bytes`."""
    with open(path, "rb") as fh:
        magic = fh.read(6)
    for prefix, opener in _OPENERS.items():
        if magic.startswith(prefix):
            return _Capped(opener(path), limits.allowed_bytes(path.stat().st_size), path)  # type: ignore[return-value]
    return open(path, "rb")


class _Capped:
    """A seekable stream that refuses to be read past ``cap`` bytes (a decompression bomb stops there)."""

    def __init__(self, raw: IO[bytes], cap: int, path: Path) -> None:
        self.raw, self.cap, self.path = raw, cap, path

    def read(self, size: int = -1) -> bytes:
        want = self.cap + 1 - self.raw.tell()
        data = self.raw.read(want if size < 0 else min(size, want)) if want > 0 else b""
        if self.raw.tell() > self.cap or want <= 0:
            self._refuse()
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        # tarfile seeks over member data; a compressed stream decompresses to get there
        target = offset if whence == os.SEEK_SET else self.raw.tell() + offset if whence == os.SEEK_CUR else None
        if target is None or target > self.cap:
            self._refuse()
        return self.raw.seek(offset, whence)

    def _refuse(self) -> None:
        raise ModelError(f"{self.path}: decompresses to more than {self.cap} bytes (ratio above the limit "
                         "or the size cap); refusing to extract")

    def tell(self) -> int:
        return self.raw.tell()

    def __enter__(self) -> _Capped:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.raw.close()


def check_tree(src: Path, limits: ArchiveLimits = ArchiveLimits()) -> None:
    """Refuse a model directory holding what a copy must not follow or take.

    Links are allowed only to files, and only when they resolve inside ``src``, or, for a Hugging Face cache
    snapshot (``models--x/snapshots/<rev>``, made of links to ``../../blobs``), inside the
    model's cache directory. FIFOs, devices and sockets are refused (reading a FIFO blocks);
    so are more entries or bytes than an archive may hold.

    Raises:
        ModelError: the first offending entry, named.
    """
    root = src.resolve()
    allowed = root.parent.parent if root.parent.name == "snapshots" else root
    entries = size = 0
    for dirpath, dirnames, filenames in os.walk(src):
        for name in [*dirnames, *filenames]:
            entry = Path(dirpath) / name
            entries += 1
            if entries > limits.max_entries:
                raise ModelError(f"{src}: more than {limits.max_entries} entries; refusing to copy")
            if entry.is_symlink():
                target = entry.resolve()
                if not target.is_relative_to(allowed) or not target.is_file():
                    # a link to a directory could loop back into the model: only files are followed
                    why = "outside the model directory" if not target.is_relative_to(allowed) else "not to a file"
                    raise ModelError(f"{src}: refusing link {str(entry.relative_to(src))!r} -> "
                                     f"{os.readlink(entry)!r} (it points {why})")
            mode = entry.stat().st_mode if entry.exists() else 0
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise ModelError(f"{src}: refusing special file {str(entry.relative_to(src))!r}")
            if stat.S_ISREG(mode):
                size += entry.stat().st_size
    if size > limits.max_bytes:
        raise ModelError(f"{src}: holds more than {limits.max_bytes} bytes; refusing to copy")


def copy_tree(src: Path, dest: Path, limits: ArchiveLimits = ArchiveLimits()) -> None:
    """Copy a model directory after :func:`check_tree` (the links it allows are followed).

    Raises:
        ModelError: a link leaving the directory, a special file, or too much to copy.
    """
    check_tree(src, limits)
    shutil.copytree(src, dest, dirs_exist_ok=True)
