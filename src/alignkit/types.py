"""The plain, frozen data that flows between alignkit's stages.

```
text --segment--> Segment* --translate--> Translation* --align--> Alignment --write--> corpora
```

Stages are functions over these types; none of them does file I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alignkit.corpus.records import RunMeta


@dataclass(frozen=True)
class Document:
    """A source text with its identity and language.

    Attributes:
        id: a short document id (e.g. the file stem), used in segment ids.
        lang: ISO 639-1 code of ``text``.
        text: the full text, exactly as read (after decoding).
    """

    id: str
    lang: str
    text: str


@dataclass(frozen=True)
class Segment:
    """One sentence of a document, with its place in it.

    ``text == document.text[start:end]`` always holds; the whitespace between segments is
    not part of any segment, so joining segments with the gaps rebuilds the document.

    Attributes:
        doc: document id.
        index: 0-based sentence number in the document (the segment's key everywhere).
        para: 0-based paragraph number (paragraphs are separated by blank lines).
        sent: 0-based sentence number inside its paragraph.
        text: the sentence text.
        start: character offset of the first character in the document.
        end: character offset one past the last character.
    """

    doc: str
    index: int
    para: int
    sent: int
    text: str
    start: int
    end: int

    @property
    def id(self) -> str:
        """Stable, readable id: ``doc:p<para>:s<sent>``."""
        return f"{self.doc}:p{self.para}:s{self.sent}"


@dataclass(frozen=True)
class EngineOutput:
    """What an engine returns for one input string.

    Attributes:
        text: the translation.
        unknown: source words the engine did not know (Apertium's ``*`` marks, ``<unk>``).
    """

    text: str
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class Translation:
    """The translation of one source segment into one language.

    Attributes:
        index: the source segment's ``index``.
        lang: target language.
        text: the translation.
        engine: engine name (``apertium``, ``ct2``...).
        route: languages passed through, source first (``("en", "es", "fr")`` for a pivot).
        unknown: words the engine did not know.
    """

    index: int
    lang: str
    text: str
    engine: str
    route: tuple[str, ...]
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermCheck:
    """Verification of one glossary term occurrence in one translated segment.

    Attributes:
        index: source segment index.
        lang: target language.
        term: the source term as it occurs in the source.
        expected: the allowed target forms.
        found: the target form found in the translation, or ``None``.
    """

    index: int
    lang: str
    term: str
    expected: tuple[str, ...]
    found: str | None

    @property
    def ok(self) -> bool:
        """True when an allowed form was found."""
        return self.found is not None


@dataclass(frozen=True)
class Bead:
    """One step of a sentence alignment: source sentences <-> target sentences.

    Attributes:
        src: 0-based source sentence indices (empty for an insertion).
        tgt: 0-based target sentence indices (empty for a deletion).
        cost: the aligner's cost for this bead (lower is better).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    cost: float = 0.0

    @property
    def kind(self) -> str:
        """Bead type such as ``"1:1"`` or ``"2:0"``."""
        return f"{len(self.src)}:{len(self.tgt)}"


@dataclass(frozen=True)
class Alignment:
    """A monotonic sentence alignment: beads in order, covering every sentence once."""

    beads: tuple[Bead, ...]


@dataclass(frozen=True)
class Corpus:
    """A multi-way parallel table: source segments and, per language, one translation each.

    ``translations[lang][i]`` is the translation of ``segments[i]``. ``scores[lang][i]``
    holds per-segment scores (name -> value), ``checks`` glossary verifications.

    Attributes:
        document: the source document.
        segments: the source segments in order.
        translations: target language -> translations, parallel to ``segments``.
        scores: target language -> per-segment score dicts, parallel to ``segments``.
        checks: glossary checks (possibly empty).
        meta: the run's metadata (documents, engine versions, glossary digest, summaries), or
            ``None`` for a corpus no run has described yet.
    """

    document: Document
    segments: tuple[Segment, ...]
    translations: Mapping[str, tuple[Translation, ...]]
    scores: Mapping[str, tuple[Mapping[str, float], ...]] = field(default_factory=dict)
    checks: tuple[TermCheck, ...] = ()
    meta: RunMeta | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        """Target languages in order."""
        return tuple(self.translations)


@dataclass(frozen=True)
class Row:
    """One multi-way parallel unit as stored in a corpus file.

    Attributes:
        texts: language -> text, source language first.
        meta: anything else the format keeps (ids, offsets, scores, bead indices).
    """

    texts: Mapping[str, str]
    meta: Mapping[str, object] = field(default_factory=dict)
