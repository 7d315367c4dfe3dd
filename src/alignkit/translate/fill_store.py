"""The dictionary fill's answers kept between runs: word -> translation (or none), per direction.

The fill's cost in a short run is starting its ``lt-proc`` transducers (0.05-0.4 s each, a
dozen or more for a direction; ``alignkit translate`` on the seed, en->ca: about 1.5 s of 2.3 s).
A word's answer depends only on the word and the installed files (each word is resolved on its
own: :class:`alignkit.translate.lexical.WordLookup`), so it is kept in
``$ALIGNKIT_HOME/dicts/fill-answers/<src>-<tgt>-<key>.json``, the key a digest of
:data:`~alignkit.translate.lexical.FILL_VERSION`, the ``lt-proc`` found and the size and time of
every installed dictionary, analyser and generator: a new package, another ``lt-proc`` or a new
fill is a new file. A run whose words are all known starts no transducer. The file is written
whole and atomically (a temporary file renamed over it); one that cannot be read is rebuilt.
Answers of a run in which a transducer failed are not kept (it answered nothing, not "no
translation").
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from alignkit import textio
from alignkit.dictionaries import Roots
from alignkit.errors import OutputError
from alignkit.dictionaries.ltproc import any_broken, lt_proc

log = logging.getLogger(__name__)


def fingerprint(src: str, tgt: str, version: str, roots: Roots = Roots()) -> str:
    """A digest of what the fill's answers for ``src -> tgt`` depend on (files by path, size and time)."""
    files = sorted([*roots.apertium.glob("*/*.bin"), *roots.dictd.glob("freedict-*")])
    parts = [src, tgt, version, str(lt_proc())]
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        parts.append(f"{path}\t{st.st_size}\t{st.st_mtime_ns}")
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def store_path(src: str, tgt: str, version: str, roots: Roots = Roots()) -> Path | None:
    """The answers file for ``src -> tgt`` under ``$ALIGNKIT_HOME`` (``None`` where there is no home)."""
    try:
        from alignkit.models.store import store_dir  # one place resolves $ALIGNKIT_HOME

        name = f"{src}-{tgt}-{fingerprint(src, tgt, version, roots)}.json"
        return store_dir().parent / "dicts" / "fill-answers" / name
    except (OSError, ValueError, RuntimeError):
        return None


class FillStore:
    """Answers kept in one JSON file (``{"word": "translation" | null}``), read once, rewritten on change.

    Args:
        path: the file; ``None`` keeps answers for this process only.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._answers: dict[str, str | None] = self._read()

    def __len__(self) -> int:
        return len(self._answers)

    def known(self, words: Iterable[str]) -> dict[str, str | None]:
        """The kept answers for those ``words`` that have one (``None``: known to have no translation)."""
        return {w: self._answers[w] for w in words if w in self._answers}

    def add(self, answers: Mapping[str, str | None]) -> None:
        """Keep ``answers`` and rewrite the file (not after a transducer failed in this process)."""
        new = {w: t for w, t in answers.items() if self._answers.get(w, "\0") != t}
        if not new or any_broken():
            return
        self._answers.update(new)
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with textio.atomic_open(self.path) as fh:  # a failed write leaves no temporary file behind
                fh.write(json.dumps(self._answers, ensure_ascii=False, sort_keys=True))
        except (OSError, OutputError) as exc:  # a read-only home: the answers are found again next time
            log.debug("cannot keep fill answers in %s: %s", self.path, exc)

    def _read(self) -> dict[str, str | None]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable fill answers %s (%s); they are found again", self.path, exc)
            return {}
        if not isinstance(data, dict):
            log.warning("ignoring fill answers %s: not a JSON object", self.path)
            return {}
        return {w: t for w, t in data.items() if isinstance(w, str) and (t is None or isinstance(t, str))}


class Lookup(Protocol):
    """What :class:`StoredLookup` wraps (a :class:`~alignkit.translate.lexical.WordLookup`)."""

    def translate(self, words: Iterable[str]) -> dict[str, str]: ...

    def describe(self) -> str: ...


class StoredLookup:
    """A lookup whose answers are first taken from a :class:`FillStore`; the rest are asked and kept."""

    def __init__(self, lookup: Lookup, store: FillStore) -> None:
        self.lookup, self.store = lookup, store

    def describe(self) -> str:
        return self.lookup.describe()

    def translate(self, words: Iterable[str]) -> dict[str, str]:
        """word -> translation for the ``words`` that have one, as the wrapped lookup answers."""
        words = list(dict.fromkeys(words))
        kept = self.store.known(words)
        new = [w for w in words if w not in kept]
        if new:
            found = self.lookup.translate(new)
            answers = {w: found.get(w) for w in new}
            self.store.add(answers)
            kept.update(answers)
        return {w: t for w in words if (t := kept.get(w))}
