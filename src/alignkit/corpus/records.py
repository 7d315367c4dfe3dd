"""Typed records of a run: what ``run.json`` holds, written and read back without guessing.

Every record is a frozen dataclass with ``to_json()`` (plain JSON types, field order fixed)
and ``from_json()`` (validates types; a bad file is an :class:`~alignkit.errors.InputError`).
``RunMeta.from_json(m.to_json()) == m`` holds for every record (a property test).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from alignkit.errors import InputError
from alignkit.types import Segment


def _str(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise InputError(f"{where}: field {key!r} must be a string")
    return value


def _int(obj: Mapping[str, Any], key: str, where: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(f"{where}: field {key!r} must be an integer")
    return value


def _mapping(obj: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = obj.get(key, {})
    if not isinstance(value, Mapping):
        raise InputError(f"{where}: field {key!r} must be an object")
    return value


@dataclass(frozen=True)
class DocumentInfo:
    """One input document of a run.

    Attributes:
        id: the document id (its path relative to the input root, without language suffix).
        lang: its language.
        path: where it was read from, as given.
        chars: characters of the decoded text.
        segments: sentences it was split into.
        sha256: hex digest of the decoded text (UTF-8).
        layout: the whitespace around and between the segments, ``|``-separated (one more
            item than segments), so the text is rebuilt exactly from its segments
            (:func:`rebuild_text`).
    """

    id: str
    lang: str
    path: str
    chars: int
    segments: int
    sha256: str
    layout: str = ""

    @classmethod
    def of(cls, doc_id: str, lang: str, path: str, text: str, segments: Sequence[Segment]) -> DocumentInfo:
        """The record of a document read from ``path`` and split into ``segments``."""
        return cls(doc_id, lang, path, len(text), len(segments), hashlib.sha256(text.encode("utf-8")).hexdigest(),
                   layout_of(text, segments))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON object."""
        return {"id": self.id, "lang": self.lang, "path": self.path, "chars": self.chars,
                "segments": self.segments, "sha256": self.sha256, "layout": self.layout}

    @classmethod
    def from_json(cls, obj: Any, where: str = "run.json") -> DocumentInfo:
        """Validate and build; raises :class:`InputError` on a wrong field."""
        if not isinstance(obj, Mapping):
            raise InputError(f"{where}: a document must be an object")
        return cls(_str(obj, "id", where), _str(obj, "lang", where), _str(obj, "path", where),
                   _int(obj, "chars", where), _int(obj, "segments", where), _str(obj, "sha256", where),
                   str(obj.get("layout", "")))


@dataclass(frozen=True)
class RunMeta:
    """Everything ``run.json`` says about a run.

    Attributes:
        alignkit: alignkit version that wrote the run.
        name: the corpus name (the file name stem of its corpus files).
        source_lang: the documents' language.
        documents: every input document, in corpus order.
        segmenter: segmenter name.
        languages: target languages, in output order.
        translators: target language -> the translator's ``describe()`` (engine, route,
            versions, options: engine-specific JSON, kept as the engine wrote it).
        glossary: the glossary's digest, or ``None``.
        summary: target language -> per-language summary (``alignkit.score.summarize``).
        files: file name -> sha256 hex of every corpus file the run wrote (``run.json`` aside).
        executor: how the units were mapped (``local``, ``ray``); outputs do not depend on it.
    """

    alignkit: str
    name: str
    source_lang: str
    documents: tuple[DocumentInfo, ...]
    segmenter: str
    languages: tuple[str, ...]
    translators: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    glossary: str | None = None
    summary: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)
    executor: str = "local"

    @property
    def segments(self) -> int:
        """Source segments in the whole corpus."""
        return sum(d.segments for d in self.documents)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON object, in a fixed key order."""
        return {
            "alignkit": self.alignkit,
            "name": self.name,
            "source_lang": self.source_lang,
            "segments": self.segments,
            "documents": [d.to_json() for d in self.documents],
            "segmenter": self.segmenter,
            "languages": list(self.languages),
            "translators": {k: dict(v) for k, v in self.translators.items()},
            "glossary": self.glossary,
            "summary": {k: dict(v) for k, v in self.summary.items()},
            "files": dict(self.files),
            "executor": self.executor,
        }

    @classmethod
    def from_json(cls, obj: Any, where: str = "run.json") -> RunMeta:
        """Validate and build; raises :class:`InputError` naming the field on any problem."""
        if not isinstance(obj, Mapping):
            raise InputError(f"{where}: not a run description (a JSON object)")
        docs = obj.get("documents")
        langs = obj.get("languages")
        if not isinstance(docs, list) or not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
            raise InputError(f"{where}: fields 'documents' and 'languages' must be lists")
        glossary = obj.get("glossary")
        if glossary is not None and not isinstance(glossary, str):
            raise InputError(f"{where}: field 'glossary' must be a string or null")
        summary = _mapping(obj, "summary", where)
        files = _mapping(obj, "files", where)
        translators = _mapping(obj, "translators", where)
        for name, table in (("summary", summary), ("translators", translators)):
            if not all(isinstance(v, Mapping) for v in table.values()):
                raise InputError(f"{where}: every value of {name!r} must be an object")
        if not all(isinstance(v, str) for v in files.values()):
            raise InputError(f"{where}: every value of 'files' must be a string")
        return cls(
            alignkit=_str(obj, "alignkit", where), name=_str(obj, "name", where),
            source_lang=_str(obj, "source_lang", where),
            documents=tuple(DocumentInfo.from_json(d, where) for d in docs),
            segmenter=_str(obj, "segmenter", where), languages=tuple(langs),
            translators={k: dict(v) for k, v in translators.items()}, glossary=glossary,
            summary={k: dict(v) for k, v in summary.items()}, files=dict(files),
            executor=str(obj.get("executor", "local")),
        )


def layout_of(text: str, segments: Sequence[Segment]) -> str:
    """The gaps of ``text`` around ``segments`` (whitespace only), ``|``-joined."""
    gaps, pos = [], 0
    for seg in segments:
        gaps.append(text[pos:seg.start])
        pos = seg.end
    gaps.append(text[pos:])
    return "|".join(gaps)


def rebuild_text(layout: str, segments: Sequence[Segment]) -> str:
    """The document text from its segments and :func:`layout_of` (``""`` when the layout is unknown)."""
    gaps = layout.split("|")
    if len(gaps) != len(segments) + 1:
        return ""
    parts = [gaps[0]]
    for seg, gap in zip(segments, gaps[1:]):
        parts += [seg.text, gap]
    return "".join(parts)
