"""Safe extraction of model archives (zip, tar, ``.argosmodel``).

Every member is checked before anything is written: no absolute paths, no ``..``, no
links or device files, a cap on the number of entries and on the bytes actually written
(declared sizes can lie, so the copy itself is counted). A refusal raises
:class:`~alignkit.errors.ModelError`; the caller extracts into a temporary directory and
removes it on failure, so the store never sees a partial model.
"""

from __future__ import annotations

import shutil
import stat
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from alignkit.errors import ModelError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """Caps that stop zip bombs.

    Attributes:
        max_bytes: total uncompressed bytes (default 16 GiB: NLLB-3.3B in float16 fits).
        max_entries: number of members.
    """

    max_bytes: int = 16 * 1024**3
    max_entries: int = 10_000


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
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as err:
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
    def __init__(self, archive: Path, limits: ArchiveLimits) -> None:
        self.archive, self.limits, self.bytes, self.entries = archive, limits, 0, 0

    def entry(self) -> None:
        self.entries += 1
        if self.entries > self.limits.max_entries:
            raise ModelError(f"{self.archive}: more than {self.limits.max_entries} entries; refusing to extract")

    def copy(self, src: IO[bytes], dst: IO[bytes]) -> None:
        while chunk := src.read(_CHUNK):
            self.bytes += len(chunk)
            if self.bytes > self.limits.max_bytes:
                raise ModelError(
                    f"{self.archive}: uncompressed size exceeds {self.limits.max_bytes} bytes; refusing to extract"
                )
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


def _check(members: list[_Member], path: Path, budget: _Budget) -> None:
    """Refuse the archive before anything is written."""
    for m in members:
        budget.entry()
        safe_member_path(m.name, path)
        if m.kind == "link":
            raise ModelError(f"{path}: refusing link {m.name!r}" + (f" -> {m.link!r}" if m.link else ""))
        if m.kind == "special":
            raise ModelError(f"{path}: refusing special file {m.name!r}")
    if sum(m.size for m in members) > budget.limits.max_bytes:
        raise ModelError(f"{path}: uncompressed size exceeds {budget.limits.max_bytes} bytes; refusing to extract")


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
        _check(members, path, budget)
        _write(members, path, dest, budget, zf.open)


def _extract_tar(path: Path, dest: Path, limits: ArchiveLimits) -> None:
    budget = _Budget(path, limits)
    with tarfile.open(path, "r:*") as tf:
        members = _tar_members(tf)
        _check(members, path, budget)
        _write(members, path, dest, budget, tf.extractfile)


def copy_tree(src: Path, dest: Path) -> None:
    """Copy a model directory (links are followed: a Hugging Face cache is made of links)."""
    shutil.copytree(src, dest, dirs_exist_ok=True)
