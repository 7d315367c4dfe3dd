"""Bilingual word lexicons in stem space: built from word pairs, inverted, composed through a pivot.

A :class:`Lexicon` maps a source *stem* to target *stems* (see :mod:`alignkit.align.stem`), so
one dictionary entry (*house* -> *casa*) matches every inflected form on both sides. It is plain
data with a text form (a few ``#`` header lines, then ``source<TAB>target<TAB>...``) that
``alignkit dict build`` caches; nothing here touches files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from alignkit.align.stem import stemmer, words
from alignkit.errors import InputError

#: Most target stems kept per source stem (the first senses are the common ones).
MAX_TARGETS = 8
#: Target stems shorter than this are left out of multi-word translations (articles, particles).
MIN_STEM = 3
_HEADER = "# alignkit dictionary"


@dataclass(frozen=True)
class Lexicon:
    """Source stem -> target stems for one language pair.

    Attributes:
        src, tgt: ISO 639-1 codes.
        entries: source stem -> target stems (in order of preference).
        sources: where the entries came from (file names, pivots), for the record.
    """

    src: str
    tgt: str
    entries: Mapping[str, tuple[str, ...]] = field(repr=False)
    sources: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def describe(self) -> str:
        """One line for logs: the pair, the size and the sources."""
        return f"{self.src}->{self.tgt} dictionary, {len(self)} stems, from {', '.join(self.sources) or 'words'}"

    def to_text(self) -> str:
        """The cache file's text (read back by :func:`parse_lexicon`)."""
        head = [f"{_HEADER} {self.src} {self.tgt}"] + [f"# source: {s}" for s in self.sources]
        body = [k + "\t" + "\t".join(v) for k, v in sorted(self.entries.items())]
        return "\n".join(head + body) + "\n"


def parse_lexicon(text: str, name: str = "dictionary") -> Lexicon:
    """Read :meth:`Lexicon.to_text` output.

    Raises:
        InputError: the text has no alignkit dictionary header.
    """
    lines = text.split("\n")
    head = lines[0].split() if lines else []
    if not lines[0].startswith(_HEADER) or len(head) != 5:
        raise InputError(f"{name}: not an alignkit dictionary (first line must be '{_HEADER} SRC TGT')")
    sources, entries = [], {}
    for line in lines[1:]:
        if line.startswith("# source: "):
            sources.append(line[len("# source: ") :])
        elif line and not line.startswith("#"):
            key, *values = line.split("\t")
            entries[key] = tuple(values)
    return Lexicon(head[3], head[4], entries, tuple(sources))


def from_pairs(pairs: Iterable[tuple[str, Sequence[str]]], src: str, tgt: str, source: str) -> Lexicon:
    """Stem ``(source word, target translations)`` pairs into a lexicon.

    Multi-word source entries are left out (a word-by-word gloss cannot use them) and so are
    identical pairs (the lexical signal already matches identical words); a multi-word
    translation contributes its words of at least :data:`MIN_STEM` letters.
    """
    stem_src, stem_tgt = stemmer(src), stemmer(tgt)
    acc: dict[str, list[str]] = {}
    for word, translations in pairs:
        ws = words(word)
        if len(ws) != 1:
            continue
        key = stem_src(ws[0])
        out = acc.setdefault(key, [])
        for t in translations:
            tws = words(t.replace("#", " "))
            for tw in tws:
                stem = stem_tgt(tw)
                if stem != key and stem not in out and (len(tws) == 1 or len(stem) >= MIN_STEM):
                    out.append(stem)
    entries = {k: tuple(v[:MAX_TARGETS]) for k, v in acc.items() if v}
    return Lexicon(src, tgt, entries, (source,))


def from_mapping(mapping: Mapping[str, Sequence[str]], src: str, tgt: str, source: str = "words") -> Lexicon:
    """A lexicon from a plain ``word -> translations`` mapping (e.g. a user's ``--dict`` file)."""
    return from_pairs(mapping.items(), src, tgt, source)


def invert(lexicon: Lexicon) -> Lexicon:
    """The same entries read the other way (a ``tgt -> src`` dictionary used ``src -> tgt``)."""
    acc: dict[str, list[str]] = {}
    for key, values in lexicon.entries.items():
        for v in values:
            out = acc.setdefault(v, [])
            if key not in out:
                out.append(key)
    entries = {k: tuple(v[:MAX_TARGETS]) for k, v in acc.items()}
    return Lexicon(lexicon.tgt, lexicon.src, entries, tuple(f"{s} (inverted)" for s in lexicon.sources))


def merge(lexicons: Sequence[Lexicon]) -> Lexicon:
    """Union of lexicons of one pair, the earlier ones' targets first."""
    if not lexicons:
        raise InputError("no dictionaries to merge")
    src, tgt = lexicons[0].src, lexicons[0].tgt
    acc: dict[str, list[str]] = {}
    for lex in lexicons:
        if (lex.src, lex.tgt) != (src, tgt):
            raise InputError(f"cannot merge a {lex.src}->{lex.tgt} dictionary into {src}->{tgt}")
        for key, values in lex.entries.items():
            out = acc.setdefault(key, [])
            out.extend(v for v in values if v not in out)
    entries = {k: tuple(v[: 2 * MAX_TARGETS]) for k, v in acc.items()}
    return Lexicon(src, tgt, entries, tuple(s for lex in lexicons for s in lex.sources))


def compose(first: Lexicon, second: Lexicon) -> Lexicon:
    """``src -> pivot`` then ``pivot -> tgt``: each source stem gets the translations of its translations.

    Only the first :data:`MAX_TARGETS` of the combinations are kept, so that an ambiguous pivot
    word (English *set*) cannot flood an entry.
    """
    if first.tgt != second.src:
        raise InputError(f"cannot compose {first.src}->{first.tgt} with {second.src}->{second.tgt}")
    entries = {}
    for key, pivots in first.entries.items():
        out: list[str] = []
        for p in pivots:
            out.extend(t for t in second.entries.get(p, ()) if t not in out)
        if out:
            entries[key] = tuple(out[:MAX_TARGETS])
    via = f"via {first.tgt}: " + " + ".join(first.sources + second.sources)
    return Lexicon(first.src, second.tgt, entries, (via,))
