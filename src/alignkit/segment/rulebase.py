"""The shared rule base of the ``rules`` segmenter: per-language word lists and switches.

Each language module in :mod:`alignkit.segment.lang` builds one :class:`LanguageRules` from
the word lists under ``segment/data/`` (``common.txt`` plus its own file) and a few switches.
The lists are data, not code, so adding an abbreviation never touches the rules. A language
may also take the Moses non-breaking prefixes (:mod:`alignkit.segment.moses`) of one or more
languages; its ``[words]`` section names Moses entries that are ordinary words there and stay
out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from alignkit.segment.moses import moses_prefixes

SECTIONS = ("abbreviations", "prepositive", "number", "starters", "words")


@dataclass(frozen=True)
class LanguageRules:
    """What the ``rules`` segmenter needs to know about one language.

    Attributes:
        lang: ISO 639-1 code (``"xx"`` for the generic fallback).
        abbreviations: lower-case abbreviations (no final period) that may end a sentence.
        prepositive: lower-case abbreviations that never end a sentence (titles: ``dr``, ``sr``).
        number: lower-case abbreviations that are abbreviations only before a number (``p``, ``núm``).
        starters: capitalised words that typically open a sentence (matched exactly).
        numeric_ordinals: ``"3."`` is an ordinal ("am 3. Oktober"), so it behaves like an abbreviation.
        spaced_closers: closing marks that may follow the end punctuation after a space
            (French ``« Fin. »``).
        min_words_before_title: after an abbreviation, a following title ("P.M. Mr. Smith")
            splits only when the sentence so far has at least this many words; shorter
            prefixes are introductory phrases ("At 5 a.m. Mr. Smith went...").
    """

    lang: str
    abbreviations: frozenset[str]
    prepositive: frozenset[str]
    number: frozenset[str]
    starters: frozenset[str]
    numeric_ordinals: bool = False
    spaced_closers: str = ""
    min_words_before_title: int = 4
    #: Every listed word (the three abbreviation lists), derived: the hot loop asks
    #: "is this word listed at all?" for every period.
    known: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "known", self.abbreviations | self.prepositive | self.number)


def load_lists(*names: str) -> dict[str, frozenset[str]]:
    """Read and merge the word lists ``segment/data/<name>.txt``.

    Returns:
        section name -> entries (every section of :data:`SECTIONS`, possibly empty).

    Raises:
        ValueError: a file has an entry outside a known section (a packaging bug, not user input).
    """
    merged: dict[str, set[str]] = {section: set() for section in SECTIONS}
    data = resources.files("alignkit.segment") / "data"
    for name in names:
        section: str | None = None
        for raw in (data / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                if section not in merged:
                    raise ValueError(f"{name}.txt: unknown section [{section}]")
            elif section is None:
                raise ValueError(f"{name}.txt: entry {line!r} before any [section]")
            else:
                merged[section].add(line if section == "starters" else line.lower())
    return {section: frozenset(words) for section, words in merged.items()}


def build(lang: str, *names: str, moses: tuple[str, ...] = (), **switches: object) -> LanguageRules:
    """Rules for ``lang`` from ``common.txt`` plus the lists ``names`` and optional switches.

    Args:
        moses: languages whose Moses prefixes join the lists: general ones as
            ``abbreviations``, numeric-only ones as ``number`` (minus the ``[words]`` entries,
            and never overriding a ``prepositive`` entry).
    """
    lists = load_lists("common", *names)
    abbreviations, number = set(lists["abbreviations"]), set(lists["number"])
    for code in moses:
        prefixes = moses_prefixes(code)
        abbreviations |= prefixes.general - lists["words"] - lists["prepositive"]
        number |= prefixes.numeric - lists["words"]
    return LanguageRules(
        lang=lang,
        abbreviations=frozenset(abbreviations),
        prepositive=lists["prepositive"],
        number=frozenset(number),
        starters=lists["starters"],
        **switches,  # type: ignore[arg-type]
    )
