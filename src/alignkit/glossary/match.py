"""Finding glossary terms in text.

Rules (the same on the source and the target side):

- word boundaries: a form never matches inside a longer word (``Russia`` not in ``Russian``),
  but hyphens and apostrophes are boundaries (``Yalta-style``, ``l'OTAN``);
- longest match first, left to right, no overlaps (``Minsk Agreements`` before ``Minsk``);
- case-aware: a capitalised form matches only capitalised text (``US`` is not ``us``), a
  lower-case form also matches with its first letter capitalised (sentence start);
- Unicode NFC and any run of whitespace between the words of a form;
- English possessives (``Kyiv's``, ``Kyiv’s``, ``Essex'``) are reported, and a plural ``s``/``es``
  is accepted after a form ending in a lower-case letter (``Koreas``).

Offsets are into ``nfc(text)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alignkit.errors import GlossaryError
from alignkit.glossary.model import Glossary, nfc

_POSSESSIVE = re.compile(r"['’]s(?!\w)|(?<=s)['’](?!\w)")


@dataclass(frozen=True)
class Match:
    """One occurrence of a glossary form in a text.

    Attributes:
        start: offset of the first character (in ``nfc(text)``).
        end: offset one past the form (a plural suffix included, a possessive not).
        terms: indices of the glossary terms having this form (one on the source side).
        form: the glossary form that matched (capitalised when a lower-case form matched a capital).
        text: the text as it occurs.
        possessive: the possessive suffix following the match (``"'s"``, ``"’s"``, ``"'"``) or ``""``.
        plural: a plural suffix was matched after the form.
    """

    start: int
    end: int
    terms: tuple[int, ...]
    form: str
    text: str
    possessive: str = ""
    plural: bool = False

    @property
    def term(self) -> int:
        """The (first) glossary term index."""
        return self.terms[0]


def form_pattern(form: str, plural: bool = True) -> str:
    """Regex source for one form, with the case, whitespace and plural rules above."""
    words = [re.escape(w) for w in nfc(form).split()]
    first = words[0]
    if first[:1].isalpha() and first[:1].islower():
        first = f"[{first[0]}{first[0].upper()}]{first[1:]}"
    body = r"\s+".join([first, *words[1:]])
    if plural and form[-1:].isalpha() and form[-1:].islower():
        body += "(?:e?s)?"
    return body


@lru_cache(maxsize=4096)
def form_regex(form: str, plural: bool = True) -> re.Pattern[str]:
    """:func:`form_pattern` compiled, with word boundaries on both sides.

    Cached: verification and enforcement look for the same target forms in every segment.
    """
    return re.compile(r"(?<!\w)" + form_pattern(form, plural) + r"(?!\w)")


def _key(surface: str) -> str:
    return " ".join(surface.split())


class Matcher:
    """Finds the forms of one language of a glossary (or of a subset of its terms).

    Args:
        glossary: the glossary.
        lang: which column's forms to find.
        terms: restrict to these term indices (default: all).
    """

    def __init__(self, glossary: Glossary, lang: str, terms: Iterable[int] | None = None) -> None:
        self.lang = lang
        wanted = range(len(glossary.terms)) if terms is None else sorted(set(terms))
        self._table: dict[str, tuple[int, ...]] = {}
        forms: list[str] = []
        for i in wanted:
            for form in glossary.terms[i].forms.get(lang, ()):
                variants = {_key(form)}
                if form[:1].islower():
                    variants.add(_key(form[0].upper() + form[1:]))
                for v in variants:
                    prev = self._table.get(v, ())
                    if i not in prev:
                        self._table[v] = (*prev, i)
                forms.append(form)
        # Longest first so that alternation prefers "Minsk Agreements" over "Minsk".
        ordered = sorted(set(forms), key=lambda f: (-len(f), f))
        self._regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(form_pattern(f) for f in ordered) + r")(?!\w)") if ordered else None
        )

    def find(self, text: str) -> list[Match]:
        """All non-overlapping occurrences, left to right, longest first at each position."""
        if self._regex is None:
            return []
        text = nfc(text)
        out: list[Match] = []
        for m in self._regex.finditer(text):
            surface = m.group()
            found = self._lookup(surface)
            if found is None:  # cannot happen: every alternative comes from the table
                continue
            form, terms, plural = found
            poss = _POSSESSIVE.match(text, m.end())
            out.append(Match(m.start(), m.end(), terms, form, surface, poss.group() if poss else "", plural))
        return out

    def _lookup(self, surface: str) -> tuple[str, tuple[int, ...], bool] | None:
        key = _key(surface)
        if key in self._table:
            return key, self._table[key], False
        for cut in (1, 2):
            if key[:-cut] in self._table and key.endswith("es"[2 - cut:]):
                return key[:-cut], self._table[key[:-cut]], True
        return None


@dataclass(frozen=True)
class Occurrence:
    """One glossary term found in a text, with its renderings in the other languages.

    Attributes:
        line: 1-based line number.
        column: 1-based column of the first character (in the NFC line).
        text: the text as it occurs, possessive suffix included.
        forms: ``(lang, preferred form)`` for every other glossary language, in column order.
    """

    line: int
    column: int
    text: str
    forms: tuple[tuple[str, str], ...]


def _require(glossary: Glossary, lang: str, what: str) -> None:
    if not glossary.has(lang):
        raise GlossaryError(f"{what}: has no {lang!r} column (it has {', '.join(glossary.langs)})")


def occurrences(glossary: Glossary, text: str, lang: str, *, what: str = "") -> list[Occurrence]:
    """Every term of ``glossary``'s ``lang`` column found in ``text``, line by line.

    Args:
        glossary: the glossary.
        text: the text, lines separated by ``\\n``.
        lang: the language of ``text``.
        what: how to name the glossary in messages (default: its name).

    Raises:
        GlossaryError: the glossary has no ``lang`` column.
    """
    _require(glossary, lang, what or glossary.name)
    matcher = Matcher(glossary, lang)
    others = [x for x in glossary.langs if x != lang]
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        for m in matcher.find(line):
            term = glossary.terms[m.term]
            out.append(Occurrence(n, m.start + 1, m.text + m.possessive,
                                  tuple((x, term.preferred(x)) for x in others)))
    return out


def match_file(glossary_path: str | Path, text_path: str | Path, lang: str) -> list[Occurrence]:
    """:func:`occurrences` of the glossary file's terms in a text file (``-``: stdin).

    The glossary is read and its ``lang`` column checked before the text is read.

    Raises:
        InputError: a file is missing or unreadable.
        GlossaryError: the glossary is malformed or has no ``lang`` column.
    """
    from alignkit import textio
    from alignkit.glossary.files import load

    glossary = load(glossary_path)
    _require(glossary, lang, str(glossary_path))
    return occurrences(glossary, textio.read_text(text_path), lang, what=str(glossary_path))
