"""The glossary data model: concepts (terms) with forms per language.

A :class:`Glossary` is a table: one :class:`Term` (concept) per row, a column per language,
each cell holding one or more forms (the first is the preferred form, the others are allowed
variants). It is plain frozen data; reading and writing files lives in :mod:`.files`.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

#: Grammatical gender and number codes of the table format -> their TBX ``termNote`` values.
GENDERS: dict[str, str] = {"m": "masculine", "f": "feminine", "n": "neuter"}
NUMBERS: dict[str, str] = {"sg": "singular", "pl": "plural"}


@dataclass(frozen=True)
class Gram:
    """Grammatical gender and number of one target form (either may be unknown).

    Written ``{m}``, ``{f.pl}``, ``{pl}``... after a form in a table cell (``États-Unis{m.pl}``).

    Attributes:
        gender: ``"m"``, ``"f"``, ``"n"`` or ``None``.
        number: ``"sg"``, ``"pl"`` or ``None``.
    """

    gender: str | None = None
    number: str | None = None

    def __str__(self) -> str:
        return ".".join(x for x in (self.gender, self.number) if x)


def nfc(text: str) -> str:
    """Unicode NFC form: glossary forms and texts are compared in this form."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Term:
    """One concept: its forms per language and a free-text note.

    Attributes:
        forms: language -> forms, preferred first (at least one per language).
        note: what the concept is (for people reading the glossary; not used for matching).
        line: line number of the row in its file (0 when built in code), for messages.
        grammar: language -> the :class:`Gram` of each form (parallel to ``forms[lang]``, ``None``
            where unknown); languages without any annotation are absent.
    """

    forms: Mapping[str, tuple[str, ...]]
    note: str = ""
    line: int = field(default=0, compare=False)
    grammar: Mapping[str, tuple[Gram | None, ...]] = field(default_factory=dict)

    def preferred(self, lang: str) -> str:
        """The preferred form in ``lang`` (``KeyError`` if the language is absent)."""
        return self.forms[lang][0]

    def gram(self, lang: str, form: str) -> Gram | None:
        """The gender/number of ``form`` in ``lang``, ``None`` when not annotated."""
        for f, g in zip(self.forms.get(lang, ()), self.grammar.get(lang, ())):
            if f == form:
                return g
        return None


@dataclass(frozen=True)
class Glossary:
    """A multilingual named-entity glossary.

    Attributes:
        langs: the language columns in file order (ISO 639-1).
        terms: the concepts in file order.
        name: where it came from (file name), for messages and metadata.
    """

    langs: tuple[str, ...]
    terms: tuple[Term, ...]
    name: str = ""

    def has(self, lang: str) -> bool:
        """True when the glossary has a column for ``lang``."""
        return lang in self.langs

    def digest(self) -> str:
        """A stable hash of everything that affects matching and enforcement.

        Notes, line numbers and the file name are left out, so reformatting a file or
        converting it between TSV and TBX keeps the digest.
        """
        data: list[object] = [self.langs, [[list(t.forms.get(lang, ())) for lang in self.langs] for t in self.terms]]
        if any(t.grammar for t in self.terms):
            # Only when annotated, so that digests of plain glossaries stay what they were.
            data.append([[[str(g or "") for g in t.grammar.get(lang, ())] for lang in self.langs] for t in self.terms])
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.terms)
