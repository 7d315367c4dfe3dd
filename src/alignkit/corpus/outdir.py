"""The output directory of a run: one run at a time, all-or-nothing commits, no stale files.

Protocol (everything inside ``--out``):

1. ``lock()`` creates ``.alignkit.lock`` holding our pid (``O_EXCL``); a lock whose process is
   gone is stale and taken over; a live one is an :class:`OutputError` naming its pid. Taking
   the lock also finishes or discards what a killed run left (:func:`recover`).
2. Files are written into ``.alignkit-staging-<pid>/``.
3. ``commit()`` writes the list of files to install and of our own old files to delete into
   the staging directory, then renames it to ``.alignkit-commit``: **that rename is the commit
   point**. Files are then moved into place and the old ones deleted.
4. :func:`recover` (next run, or a reader) finds ``.alignkit-commit`` and completes it; a
   staging directory without it is discarded. So after a kill at any moment the directory
   holds the previous complete set, or (once recovered) the new complete set.

Files alignkit did not write (not listed in the previous ``run.json``) are never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path

from alignkit import textio
from alignkit.errors import OutputError

LOCK = ".alignkit.lock"
COMMIT = ".alignkit-commit"
STAGING_PREFIX = ".alignkit-staging-"
JOURNAL = "COMMIT.json"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(lock: Path) -> tuple[int, str] | None:
    try:
        pid, _, host = lock.read_text(encoding="utf-8").strip().partition(" ")
        return int(pid), host
    except (OSError, ValueError):
        return None


def recover(out: Path) -> None:
    """Complete an interrupted commit in ``out`` and drop abandoned staging directories."""
    commit = out / COMMIT
    if commit.is_dir():
        try:
            journal = json.loads((commit / JOURNAL).read_text(encoding="utf-8"))
            for name in journal["install"]:
                if (commit / name).exists():
                    os.replace(commit / name, out / name)
            for name in journal["delete"]:
                with contextlib.suppress(FileNotFoundError):
                    (out / name).unlink()
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise OutputError(f"{commit}: cannot complete an interrupted commit ({err})") from None
        shutil.rmtree(commit, ignore_errors=True)
    for staging in out.glob(STAGING_PREFIX + "*"):
        pid = staging.name[len(STAGING_PREFIX):]
        if not (pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid))):
            shutil.rmtree(staging, ignore_errors=True)


class OutputDir:
    """A locked output directory with a staging area; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.staging = self.path / f"{STAGING_PREFIX}{os.getpid()}"
        self._locked = False

    def __enter__(self) -> OutputDir:
        self.lock()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def lock(self) -> None:
        """Take the lock, recover leftovers and create the staging directory.

        Raises:
            OutputError: another live run holds the directory, or it cannot be written.
        """
        out = textio.check_writable_dir(self.path)
        lock = out / LOCK
        me = f"{os.getpid()} {socket.gethostname()}"
        for _attempt in range(3):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _holder(lock)
                if holder is not None and (holder[1] != socket.gethostname() or _alive(holder[0])):
                    raise OutputError(f"{out}: in use by another alignkit run (pid {holder[0]} on {holder[1]}); "
                                      f"wait for it, or remove {lock} if that run is gone") from None
                with contextlib.suppress(FileNotFoundError):
                    lock.unlink()  # stale: its process is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(me + "\n")
            break
        else:
            raise OutputError(f"{out}: cannot take the lock {lock}")
        self._locked = True
        recover(out)
        self.staging.mkdir()

    def commit(self, install: Iterable[str], previous: Iterable[str]) -> None:
        """Install the staged files ``install`` and delete our old files not among them."""
        names = list(dict.fromkeys(install))
        delete = sorted(set(previous) - set(names))
        textio.write_text(self.staging / JOURNAL, json.dumps({"install": names, "delete": delete}) + "\n")
        os.replace(self.staging, self.path / COMMIT)  # the commit point
        recover(self.path)

    def release(self) -> None:
        """Drop the staging directory (if not committed) and the lock."""
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._locked:
            with contextlib.suppress(FileNotFoundError):
                (self.path / LOCK).unlink()
            self._locked = False


def own_files(previous_meta: dict | None) -> Iterator[str]:
    """File names a previous run wrote, from its ``run.json`` (``files`` plus run.json itself)."""
    if not previous_meta:
        return
    files = previous_meta.get("files")
    if isinstance(files, dict):
        yield from (name for name in files if isinstance(name, str) and "/" not in name and name[:1] != ".")
    else:  # a run.json from alignkit 0.1 (one document, no file list): its fixed names
        doc = (previous_meta.get("document") or {}).get("id")
        src = (previous_meta.get("document") or {}).get("lang")
        if isinstance(doc, str) and isinstance(src, str):
            yield from (f"{doc}.tmx", f"{doc}.jsonl", "report.html")
            for lang in previous_meta.get("languages") or ():
                yield from (f"{doc}.{src}-{lang}.tsv", f"{doc}.{src}-{lang}.{src}", f"{doc}.{src}-{lang}.{lang}")
