"""The translation memory: engine outputs in one SQLite file.

An entry is keyed by the engine *signature* (:func:`~alignkit.tm.signature.signature_of`),
the route *leg* (``"en>es"``) and the exact source text, so a hit is always what that engine,
with those settings, returned for that very text. Several processes may share one file:
SQLite in WAL mode lets readers go on while one writer commits, and a busy timeout makes
writers wait for each other instead of failing.

A file that is not writable is read without writing (:attr:`TranslationMemory.notice` says
so); a corrupt file, or one locked for longer than the timeout, raises
:class:`~alignkit.errors.TMError` naming the file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alignkit.errors import TMError
from alignkit.tm.signature import canonical_json, describe_signature, signature_of
from alignkit.types import EngineOutput

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of an alignkit TM ("AKTM"): tells our file from any other SQLite file.
APPLICATION_ID = 0x414B544D
SCHEMA_VERSION = 1
#: Host parameters per statement: far below SQLite's limit (999 in old builds).
_CHUNK = 500
#: A hit refreshes its last-use time only when that is older than this, so that a run
#: served from the memory does not turn every lookup into a write.
_TOUCH_AFTER_S = 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signatures (
  id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, describe TEXT);
CREATE TABLE IF NOT EXISTS entries (
  sig INTEGER NOT NULL REFERENCES signatures(id), leg TEXT NOT NULL, source TEXT NOT NULL,
  target TEXT NOT NULL, unknown TEXT NOT NULL, created REAL NOT NULL, used REAL NOT NULL,
  UNIQUE (sig, leg, source));
CREATE INDEX IF NOT EXISTS entries_used ON entries (used);
CREATE TABLE IF NOT EXISTS units (key TEXT PRIMARY KEY, payload TEXT NOT NULL, used REAL NOT NULL);
"""
#: Results of whole work units (translations and scores of a shard), keyed by everything the
#: result depends on (see ``alignkit.corpus.unit.unit_key``); a re-run reads them instead of
#: opening engines and scoring again. Files made before the table existed get it on first write.
_UNITS = "CREATE TABLE IF NOT EXISTS units (key TEXT PRIMARY KEY, payload TEXT NOT NULL, used REAL NOT NULL)"
_UPSERT = """
INSERT INTO entries (sig, leg, source, target, unknown, created, used) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (sig, leg, source) DO UPDATE SET target = excluded.target, unknown = excluded.unknown,
  used = excluded.used
"""


def default_tm_path() -> Path:
    """``$ALIGNKIT_HOME/tm.sqlite``, else ``tm.sqlite`` in the user data directory.

    The same home as the model store (:func:`alignkit.models.store.store_dir`). Nothing is created.
    """
    home = os.environ.get("ALIGNKIT_HOME")
    if home:
        return Path(home).expanduser() / "tm.sqlite"
    import platformdirs  # local: only needed when no home is given

    return Path(platformdirs.user_data_dir("alignkit", appauthor=False)) / "tm.sqlite"


@dataclass(frozen=True)
class TMStats:
    """What a translation memory holds.

    Attributes:
        path: the file.
        entries: number of entries.
        signatures: number of distinct engine signatures among the entries.
        bytes: size on disk (the file and its write-ahead log).
        oldest: the earliest last-use time of an entry (what ``prune`` looks at), epoch seconds.
        newest: the latest last-use time.
        per_signature: ``(description, digest, count)`` per signature and leg, largest first.
    """

    path: str
    entries: int
    signatures: int
    bytes: int
    oldest: float | None
    newest: float | None
    per_signature: tuple[tuple[str, str, int], ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (``per_signature`` as objects)."""
        return {"path": self.path, "entries": self.entries, "signatures": self.signatures,
                "bytes": self.bytes, "oldest": self.oldest, "newest": self.newest,
                "per_signature": [{"description": d, "signature": s, "entries": n}
                                  for d, s, n in self.per_signature]}


def _extra(out: EngineOutput) -> str:
    """The ``unknown`` column: the unknown words (a JSON list), or with a model's confidence an
    object ``{"unknown": [...], "confidence": x}`` (older entries stay lists)."""
    if out.confidence is None:
        return json.dumps(list(out.unknown), ensure_ascii=False)
    return json.dumps({"unknown": list(out.unknown), "confidence": out.confidence}, ensure_ascii=False)


def _output(target: str, extra: str) -> EngineOutput:
    data = json.loads(extra)
    if isinstance(data, dict):
        return EngineOutput(target, tuple(data.get("unknown", ())), data.get("confidence"))
    return EngineOutput(target, tuple(data))


def _storable(text: str) -> bool:
    """SQLite stores UTF-8: a string with lone surrogates cannot be a key (it is never cached)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _reopen(path: str, readonly: bool, timeout: float) -> TranslationMemory:
    return TranslationMemory(path, readonly=readonly, timeout=timeout)


class TranslationMemory:
    """Engine outputs by (signature, leg, exact source text) in one SQLite file.

    Safe to share between threads (one lock per instance) and between processes (each opens
    its own connection; a pickled or forked instance reopens the file by path).

    Args:
        path: the SQLite file; created with its parent directory when writable.
        readonly: never write, even when the file is writable.
        timeout: seconds to wait for another process's write lock before :class:`TMError`.

    Attributes:
        path: the file.
        readonly: True when nothing is written (asked for, or the file/directory is not writable).
        notice: one line for the user when the memory had to fall back to read-only, else None.

    Raises:
        TMError: the file is not an alignkit translation memory, is damaged, or stays locked.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self.timeout = timeout
        self.notice: str | None = None
        self._lock = threading.RLock()
        self._sig_ids: dict[str, int] = {}
        self._inherited: list[sqlite3.Connection] = []
        if not readonly and not self._can_write():
            self._fall_back("is not writable")
        self._closed = False
        self._conn = self._connect()
        self._pid = os.getpid()

    # -- opening ---------------------------------------------------------------------------

    def _can_write(self) -> bool:
        """Whether the file (and its directory, where SQLite keeps the WAL) can be written."""
        if self.path.exists():
            return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        return os.access(self.path.parent, os.W_OK)

    def _fall_back(self, why: str) -> None:
        self.readonly = True
        self.notice = f"translation memory {self.path} {why}: running without writing to it"
        log.debug("%s", self.notice)  # the caller shows the notice (once)

    def _connect(self) -> sqlite3.Connection | None:
        if self.readonly and not self.path.exists():
            return None  # nothing to read; an empty memory
        try:
            conn = self._open_connection()
            try:
                self._check_schema(conn)
            except BaseException:
                conn.close()
                raise
        except sqlite3.Error as err:
            raise self._error(err) from err
        if self.readonly and not self._has_tables(conn):
            conn.close()
            return None
        return conn

    def _open_connection(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes the lock
        # before reading and two writers never deadlock on a lock upgrade.
        kwargs: dict[str, Any] = {"timeout": self.timeout, "isolation_level": None, "check_same_thread": False}
        if not self.readonly:
            return sqlite3.connect(str(self.path), **kwargs)
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, **kwargs)
            conn.execute("PRAGMA schema_version").fetchone()
            return conn
        except sqlite3.OperationalError:
            # A WAL file in a read-only directory without its -shm file: readable only as immutable
            # (nobody can be writing it: the directory is read-only).
            return sqlite3.connect(uri + "&immutable=1", uri=True, **kwargs)

    @staticmethod
    def _has_tables(conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'entries'").fetchone()[0] > 0

    def _check_schema(self, conn: sqlite3.Connection) -> None:
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        app_id, has_any = self._identity(conn)
        if app_id == 0 and not has_any:
            if self.readonly:
                return
            # Several processes may open a new file at once: one creates the schema, the others
            # wait on its lock (BEGIN IMMEDIATE), then find the schema it committed.
            self._prepare_new(conn)
            with self._transaction(conn):
                app_id, has_any = self._identity(conn)
                if app_id == 0 and not has_any:
                    self._create_schema(conn)
                    return
        if app_id != APPLICATION_ID:
            raise TMError(f"{self.path}: not an alignkit translation memory (another SQLite database); "
                          "pass --tm with another file")
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or int(row[0]) > SCHEMA_VERSION:
            raise TMError(f"{self.path}: translation memory schema {row[0] if row else '?'} is not one this "
                          f"alignkit reads (it reads {SCHEMA_VERSION}); upgrade alignkit or pass --tm with another file")
        if not self.readonly:
            self._tune(conn)

    def _tune(self, conn: sqlite3.Connection) -> None:
        # WAL: readers never block the writer nor each other. synchronous=NORMAL is safe in WAL
        # (a power loss may drop the last commits, never corrupt the file; they are retranslated).
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = NORMAL")

    @staticmethod
    def _identity(conn: sqlite3.Connection) -> tuple[int, bool]:
        """The file's application id and whether it holds any table, read together (one snapshot)."""
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            has_any = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        finally:
            if own:
                conn.execute("COMMIT")
        return app_id, has_any

    def _prepare_new(self, conn: sqlite3.Connection) -> None:
        """Settings an empty file takes before its first table (outside a transaction; no-ops once it has one)."""
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # lets prune shrink the file
        self._tune(conn)

    def _create_schema(self, conn: sqlite3.Connection) -> None:
        """The tables, inside the caller's write transaction."""
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    @contextlib.contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _error(self, err: sqlite3.Error) -> TMError:
        msg = str(err)
        if "locked" in msg or "busy" in msg:
            return TMError(f"translation memory {self.path} is locked by another process for more than "
                           f"{self.timeout:g} s; try again when it is done, or pass --tm with another file")
        if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
            return TMError(f"{self.path}: not an alignkit translation memory or damaged ({msg}); "
                           "move it away or pass --tm with another file")
        return TMError(f"translation memory {self.path}: {msg}")

    @contextlib.contextmanager
    def _using(self) -> Iterator[sqlite3.Connection | None]:
        """The connection, under the instance lock; sqlite errors become :class:`TMError`."""
        with self._lock:
            if self._closed:
                raise TMError(f"translation memory {self.path} is closed")
            if self._conn is not None and self._pid != os.getpid():
                # A forked child must not use its parent's connection; it is kept (not closed),
                # because closing it here could disturb the parent's locks.
                self._inherited.append(self._conn)
                self._conn = self._connect()
                self._pid = os.getpid()
            try:
                yield self._conn
            except sqlite3.Error as err:
                raise self._error(err) from err

    def _sig_id(self, conn: sqlite3.Connection, digest: str) -> int | None:
        if digest not in self._sig_ids:
            row = conn.execute("SELECT id FROM signatures WHERE digest = ?", (digest,)).fetchone()
            if row is None:
                return None
            self._sig_ids[digest] = row[0]
        return self._sig_ids[digest]

    def _ensure_sig(self, conn: sqlite3.Connection, digest: str, describe: Mapping[str, Any] | None) -> int:
        """Inside a write transaction: the signature's id, adding it (and its description) when new."""
        text = canonical_json(describe) if describe is not None else None
        conn.execute("INSERT INTO signatures (digest, describe) VALUES (?, ?) ON CONFLICT (digest) "
                     "DO UPDATE SET describe = excluded.describe WHERE describe IS NULL", (digest, text))
        return conn.execute("SELECT id FROM signatures WHERE digest = ?", (digest,)).fetchone()[0]  # type: ignore[no-any-return]

    # -- reading and writing ---------------------------------------------------------------

    def get_many(self, signature: str, leg: str, texts: Sequence[str], *, touch: bool = True) -> dict[str, EngineOutput]:
        """The stored outputs for those of ``texts`` the memory holds (exact text match).

        Args:
            signature: the engine signature digest.
            leg: the route leg, ``"src>tgt"``.
            texts: source texts (duplicates are fine).
            touch: refresh the hits' last-use time (for :meth:`prune`); a read-only memory never does.

        Returns:
            source text -> output, only for hits.
        """
        wanted = list(dict.fromkeys(t for t in texts if _storable(t)))
        found: dict[str, EngineOutput] = {}
        stale: list[str] = []
        with self._using() as conn:
            if conn is None or not wanted:
                return found
            sig = self._sig_id(conn, signature)
            if sig is None:
                return found
            cutoff = time.time() - _TOUCH_AFTER_S
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT source, target, unknown, used FROM entries "
                                    f"WHERE sig = ? AND leg = ? AND source IN ({marks})", (sig, leg, *chunk))
                for source, target, unknown, used in rows:
                    found[source] = _output(target, unknown)
                    if used < cutoff:
                        stale.append(source)
            if touch and stale and not self.readonly:
                self._touch(conn, sig, leg, stale)
        return found

    def _touch(self, conn: sqlite3.Connection, sig: int, leg: str, sources: list[str]) -> None:
        now = time.time()
        try:
            with self._transaction(conn):
                conn.executemany("UPDATE entries SET used = ? WHERE sig = ? AND leg = ? AND source = ?",
                                 [(now, sig, leg, s) for s in sources])
        except sqlite3.OperationalError as err:
            # Best effort: the outputs were read; a later hit refreshes the time.
            log.debug("not refreshing last-use times in %s: %s", self.path, err)

    def put_many(self, signature: str, leg: str, items: Sequence[tuple[str, EngineOutput]], *,
                 describe: Mapping[str, Any] | None = None) -> int:
        """Store outputs in one transaction (an existing entry is replaced).

        Args:
            signature: the engine signature digest.
            leg: the route leg, ``"src>tgt"``.
            items: ``(source text, output)`` pairs.
            describe: the translator's ``describe()``, recorded once per signature for ``tm stats``.

        Returns:
            rows written (0 when read-only).

        Raises:
            TMError: locked for longer than the timeout, or the file is damaged.
        """
        rows = [(text, out) for text, out in items if _storable(text) and _storable(out.text)
                and all(_storable(w) for w in out.unknown)]
        if self.readonly or not rows:
            return 0
        now = time.time()
        try:
            with self._using() as conn:
                assert conn is not None  # a writable memory always has a connection
                with self._transaction(conn):
                    sig = self._ensure_sig(conn, signature, describe)
                    conn.executemany(_UPSERT, [(sig, leg, text, out.text, _extra(out),
                                                now, now) for text, out in rows])
                self._sig_ids[signature] = sig
        except TMError as err:
            if "readonly" not in str(err):
                raise
            self._fall_back("cannot be written (read-only file system?)")
            return 0
        return len(rows)

    def get_unit(self, key: str) -> str | None:
        """The stored result of a work unit (JSON text), or ``None``."""
        with self._using() as conn:
            if conn is None:
                return None
            try:
                row = conn.execute("SELECT payload FROM units WHERE key = ?", (key,)).fetchone()
            except sqlite3.OperationalError as err:
                if "no such table" in str(err):
                    return None
                raise
        return row[0] if row else None

    def put_unit(self, key: str, payload: str) -> bool:
        """Store a work unit's result (JSON text); ``False`` when read-only."""
        if self.readonly:
            return False
        try:
            with self._using() as conn:
                assert conn is not None
                with self._transaction(conn):
                    conn.execute(_UNITS)
                    conn.execute("INSERT OR REPLACE INTO units (key, payload, used) VALUES (?, ?, ?)",
                                 (key, payload, time.time()))
        except TMError as err:
            if "readonly" not in str(err):
                raise
            self._fall_back("cannot be written (read-only file system?)")
            return False
        return True

    def register(self, describe: Mapping[str, Any]) -> str:
        """Record a translator's ``describe()`` (for ``tm stats``) and return its signature."""
        digest = signature_of(describe)
        if not self.readonly:
            with self._using() as conn:
                assert conn is not None
                with self._transaction(conn):
                    self._ensure_sig(conn, digest, describe)
        return digest

    # -- maintenance -----------------------------------------------------------------------

    def stats(self) -> TMStats:
        """Counts, size and the entries per engine signature and leg."""
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        with self._using() as conn:
            if conn is None:
                return TMStats(str(self.path), 0, 0, size, None, None, ())
            entries, oldest, newest = conn.execute("SELECT count(*), min(used), max(used) FROM entries").fetchone()
            signatures = conn.execute("SELECT count(DISTINCT sig) FROM entries").fetchone()[0]
            groups = conn.execute(
                "SELECT s.digest, s.describe, e.leg, count(*) AS n FROM entries e JOIN signatures s ON s.id = e.sig "
                "GROUP BY e.sig, e.leg ORDER BY n DESC, e.leg, s.digest").fetchall()
        per = tuple((describe_signature(describe, leg), digest, n) for digest, describe, leg, n in groups)
        return TMStats(str(self.path), entries, signatures, size, oldest, newest, per)

    def prune(self, older_than: float) -> int:
        """Remove entries last used more than ``older_than`` seconds ago; returns how many (0 read-only)."""
        if self.readonly:
            return 0
        with self._using() as conn:
            assert conn is not None
            with self._transaction(conn):
                removed = conn.execute("DELETE FROM entries WHERE used < ?", (time.time() - older_than,)).rowcount
                conn.execute(_UNITS)
                conn.execute("DELETE FROM units WHERE used < ?", (time.time() - older_than,))
                conn.execute("DELETE FROM signatures WHERE id NOT IN (SELECT DISTINCT sig FROM entries)")
            self._sig_ids.clear()
            # executescript steps the pragma to the end (execute() would free a single page).
            conn.executescript("PRAGMA incremental_vacuum;")
        return int(removed)

    def iter_entries(self) -> Iterator[tuple[str, str, str, EngineOutput, float, float]]:
        """Every entry as ``(digest, leg, source, output, created, used)``, in a stable order."""
        with self._using() as conn:
            if conn is None:
                return
            rows = conn.execute("SELECT s.digest, e.leg, e.source, e.target, e.unknown, e.created, e.used "
                                "FROM entries e JOIN signatures s ON s.id = e.sig ORDER BY s.digest, e.leg, e.source")
            for digest, leg, source, target, unknown, created, used in rows:
                yield digest, leg, source, _output(target, unknown), created, used

    def descriptions(self) -> dict[str, str]:
        """Signature digest -> the recorded ``describe()`` JSON (signatures with one only)."""
        with self._using() as conn:
            if conn is None:
                return {}
            return dict(conn.execute("SELECT digest, describe FROM signatures WHERE describe IS NOT NULL"))

    def export_tmx(self, path: str | os.PathLike[str]) -> int:
        """Write every entry as TMX 1.4b (see :mod:`alignkit.tm.tmx`); returns the entries written."""
        from alignkit.tm.tmx import export_tmx

        return export_tmx(self, Path(path))

    def import_tmx(self, path: str | os.PathLike[str], *, signature: str | None = None) -> int:
        """Add the units of a TMX file (see :mod:`alignkit.tm.tmx`); returns the entries written."""
        from alignkit.tm.tmx import import_tmx

        return import_tmx(self, Path(path), signature=signature)

    def close(self) -> None:
        """Close the connection (SQLite folds the write-ahead log back into the file)."""
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None
            self._closed = True

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple[Any, ...]:
        # A connection cannot cross a process boundary: the receiver opens the file itself.
        return (_reopen, (str(self.path), self.readonly, self.timeout))

    def __repr__(self) -> str:
        mode = "read-only" if self.readonly else "read-write"
        return f"TranslationMemory({str(self.path)!r}, {mode})"
