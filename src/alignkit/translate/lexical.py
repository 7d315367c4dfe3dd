"""Words Apertium leaves untranslated, looked up in the installed dictionaries.

Apertium copies a word its analyser does not know (``*standstill``) into the output; on the
second leg of a pivot that word is a first-leg output (Spanish ``ucranianos`` in French).
:class:`WordLookup` gives such a word the first sense of a dictionary entry, with the little
morphology that lets a lemma dictionary serve inflected forms: plural nouns (``memoirs``),
feminine adjectives (``geopolítica``) and adverbs in *-ly*/*-mente* built from the adjective
(``tactically`` -> ``tácticamente``, fr ``militairement``). Capitalisation is kept.

Sources, for ``src -> tgt``, first hit wins: FreeDict (dictd files, read with
:mod:`alignkit.dictionaries.freedict`) in its own direction, then read backwards; the Apertium
bilingual dictionary ``src-tgt.autobil.bin`` of an installed pair, asked lemma by lemma with
``lt-proc -b`` (printing a whole one with ``lt-print`` costs seconds; a lookup batch costs
milliseconds); then the same through a pivot language (:data:`PIVOTS`: ``standstill`` ->
eng-por ``estagnação``; ``battlefield`` -> ``campo de batalha`` -> pt-es word by word ->
``campo de batalla``). A word still unknown on a non-English pair is tried as English
(:data:`FALLBACK`), which is what the first leg of a pivot copied through. Files are found by
:func:`alignkit.dictionaries.available`; this module keeps surface forms, where the
aligner's :mod:`alignkit.align.lexicon` keeps stems.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from alignkit import textio
from alignkit.dictionaries import Roots, available, read_dictd
from alignkit.dictionaries.freedict import MAX_WORDS, b64_number, entry_translations, index_entries
from alignkit.dictionaries.ltproc import start_all, transducer
from alignkit.dictionaries.morphology import Morphology, open_morphology
from alignkit.errors import OutputError

log = logging.getLogger(__name__)

#: Shortest word looked up: shorter unknowns are clitics, pieces ("s" of "Kyiv's") and
#: particles whose dictionary senses are wrong in context ("cons", "offs").
MIN_LENGTH = 5
#: Shortest rest of a word built with ``re-``/``un-``/``-less`` ("sell" of "resell"), looked up
#: although it is shorter than :data:`MIN_LENGTH`.
MIN_REST = 4
_WORD = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_VOWELS = "aeiouáéíóúàèìòùâêôãõ"
_VOWEL_RUN = regex.compile(f"[{_VOWELS}ü]+")


#: British -> American spelling, for a word the dictionaries lack as written (only unknown words
#: are looked up, so a rule that misfires on a known word never runs).
_BRITISH = tuple((regex.compile(a), b) for a, b in (
    (r"(?<=\p{L}{4})is(e[sd]?|ing|ation|ations)$", r"iz\1"),  # socialise, organisation (not raise)
    (r"(?<=\p{L}{2})ys(e[sd]?|ing)$", r"yz\1"),  # analyse, paralysed
    (r"(?<=\p{L}{3})our((?:s|ed|ing|ful|ite|ites|able|ably)?)$", r"or\1"),  # colour, labouring, favourite
    (r"(?<=\p{L}{2})([tv])re(s?)$", r"\1er\2"),  # centre, metres, manoeuvre
    (r"(?<=\p{L}{2})ogue(s?)$", r"og\1"),  # catalogue
    (r"(?<=\p{L}{2}[cft])ence(s?)$", r"ense\1"),  # defence, licences (not science)
    (r"(?<=\p{L}{2})[ao]e(?=\p{L})", "e"),  # gonorrhoea, paediatric, manoeuvre (not poet)
    (r"^grey", "gray"), (r"plough", "plow"), (r"^mould", "mold"), (r"^sceptic", "skeptic"),
    (r"^paed", "ped"), (r"^programme", "program"), (r"^tyre", "tire"), (r"^aluminium", "aluminum"),
))


def american(word: str) -> str:
    """The American spelling of a British-spelt English word (``word`` itself if none applies)."""
    for pattern, repl in _BRITISH:
        word = pattern.sub(repl, word)
    return word


def lemma_candidates(word: str, lang: str) -> list[tuple[str, str]]:
    """``(lemma, form)`` guesses for a lower-case word, the word itself first.

    ``form`` is ``""`` (as is), ``"pl"`` (a plural noun), ``"f"``/``"fpl"`` (a feminine adjective)
    or ``"adv"`` (an adverb made from the adjective ``lemma``). English: *-ies*, *-es*, *-s*; *-ically*, *-ily*, *-ly*. Spanish,
    Portuguese, Galician: *-es*, *-s*; *-mente* on the feminine (or invariable) adjective.
    """
    out = [(word, "")]
    if lang == "en":
        if word.endswith("ies"):
            out.append((word[:-3] + "y", "pl"))
        if word.endswith("es"):
            out.append((word[:-2], "pl"))
        if word.endswith("s") and not word.endswith("ss"):
            out.append((word[:-1], "pl"))
        # verb forms, after the noun readings: "deplores", "confided", "lurking"
        out += [(lemma, "p3") for lemma, form in out[1:] if form == "pl"]
        for suffix, form in (("ed", "pp"), ("ing", "ger")):
            if word.endswith(suffix):
                stem = word[: -len(suffix)]
                out += [(stem, form), (stem + "e", form)]
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeious":
                    out.append((stem[:-1], form))  # "wrapped" -> "wrap", "travelled" -> "travel"
                if suffix == "ed" and stem.endswith("i"):
                    out.append((stem[:-1] + "y", form))  # "replied" -> "reply"
        if word.endswith("ically"):
            out += [(word[:-2], "adv"), (word[:-4], "adv")]
        elif word.endswith("ily"):
            out.append((word[:-3] + "y", "adv"))
        elif word.endswith("ly"):
            out += [(word[:-2], "adv"), (word[:-2] + "e", "adv")]
        # British spellings, which the dictionaries list in their American form ("jeopardise",
        # "greying", "gonorrhoea"), after every reading as written
        out += [(us, form) for lemma, form in list(out) if (us := american(lemma)) != lemma]
    elif lang in ("es", "pt", "gl"):
        if word.endswith("es"):
            out.append((word[:-2], "pl"))
        if word.endswith("s"):
            out.append((word[:-1], "pl"))
        if word.endswith("as"):  # a feminine adjective: the dictionary has the masculine
            out.append((word[:-2] + "o", "fpl"))
        elif word.endswith("a"):
            out.append((word[:-1] + "o", "f"))
        if word.endswith("amente"):
            out += [(word[:-6] + "o", "adv"), (word[:-5], "adv")]
        elif word.endswith("mente"):
            out.append((word[:-5], "adv"))
    return [(lemma, form) for lemma, form in out if len(lemma) >= MIN_LENGTH - 1]


def inflect(translation: str, form: str, lang: str) -> str | None:
    """The translation of a lemma in the word's form; ``None`` when it cannot be made.

    A plural inflects the first word (the head of a Romance noun phrase: ``campos de batalla``);
    an adverb is made from a one-word adjective (``táctico`` -> ``tácticamente``).
    """
    if not form:
        return translation
    head, sep, rest = translation.partition(" ")
    if form == "pl" and _INFINITIVE.search(head):
        return None  # "clashes" is a verb here, not the plural of "enfrontarse"
    if form == "adv" and _VERB_NOT_ADJECTIVE.search(head):
        return None  # "dryly" -> "secar": the adjective's sense was not the first
    if form in ("f", "fpl"):
        if sep:
            return None
        head = feminine(head, lang)
        return plural(head, lang) if form == "fpl" else head
    if form == "pl":
        return plural(head, lang) + sep + rest
    if sep:
        return None  # "sem sentido" has no -mente form
    return adverb(head, lang)


# Dictionary forms of Romance verbs (-ar/-er/-ir, fr/it -re, reflexive -se/-si): no plural is
# made from one (English adjectives take no -s, so no -ar/-aire adjective is lost). Adverbs are
# made from adjectives, and many end like an -ar/-re verb (militar, militaire, militare): only
# the endings no adjective has are refused there.
_INFINITIVE = regex.compile(r"(?:[aeií]r|[aei]re|[aei]rse|[aei]rsi)$")
_VERB_NOT_ADJECTIVE = regex.compile(r"(?:[aeií]rse|[aei]rsi|(?<![iu])[eí]r|(?<!m)ir)$")


def feminine(adjective: str, lang: str) -> str:
    """A Romance adjective's regular feminine (``geopolítico`` -> ``geopolítica``, fr ``ukrainien`` -> ``ukrainienne``)."""
    if lang == "fr":
        if adjective.endswith("e"):
            return adjective
        return adjective + ("ne" if adjective.endswith(("ien", "on")) else "e")
    return adjective[:-1] + "a" if adjective.endswith("o") else adjective


def _invariable(word: str) -> bool:
    """An Ibero-Romance noun whose plural is itself: more than one syllable and an unstressed
    last one ending in -s/-x (not "mes", "autobús", "país")."""
    return len(word) > 2 and word[-1] in "sx" and word[-2] in "aeiou" and len(_VOWEL_RUN.findall(word)) >= 2


def plural(word: str, lang: str) -> str:
    """A Romance noun's regular plural (irregular ones come out regular)."""
    last = word[-1:]
    if lang == "it":
        if word.endswith(("ca", "ga")):
            return word[:-1] + "he"
        return {"o": word[:-1] + "i", "a": word[:-1] + "e", "e": word[:-1] + "i"}.get(last, word)
    if lang == "fr":
        if last in "sxz":
            return word
        if word.endswith("al"):
            return word[:-2] + "aux"
        return word + ("x" if word.endswith(("eau", "au", "eu")) else "s")
    if lang in ("es", "gl", "pt", "ca") and _invariable(word):
        return word  # "quitanieves", "crisis", "lápis", "llapis"
    if lang == "ca":
        return word[:-1] + "es" if last == "a" else word + ("os" if last in "sx" else "s")
    if lang == "pt":
        if word.endswith("ão"):
            return word[:-2] + "ões"
        if last == "m":
            return word[:-1] + "ns"
        if word.endswith(("al", "el", "ol", "ul")):
            return word[:-2] + {"a": "ais", "e": "eis", "o": "óis", "u": "uis"}[word[-2]]
        return word + ("es" if last in "rzs" else "s") if last not in _VOWELS else word + "s"
    # es, gl
    if last in _VOWELS:
        return word + "s"
    if last == "z":
        return word[:-1] + "ces"
    if lang == "gl" and word.endswith("ón"):
        return word + "s"
    return _unaccent_last(word) + "es"


def _unaccent_last(word: str) -> str:
    # "declaración" -> "declaracion" before -es: the stress falls on the same syllable.
    if len(word) > 2 and word[-2] in "áéíóú" and word[-1] in "ns":
        return word[:-2] + "aeiou"["áéíóú".index(word[-2])] + word[-1]
    return word


def adverb(adjective: str, lang: str) -> str:
    """The *-mente*/*-ment* adverb of a (masculine, singular) adjective."""
    if lang == "fr":
        if adjective.endswith("ant"):
            return adjective[:-3] + "amment"
        if adjective.endswith("ent"):
            return adjective[:-3] + "emment"
        if adjective.endswith("if"):
            return adjective[:-2] + "ivement"
        if adjective.endswith("eux"):
            return adjective[:-3] + "eusement"
        return adjective + ("ment" if adjective[-1:] in "eéiu" else "ement")
    if lang == "ca":
        if adjective.endswith("e"):
            return adjective + "ment"
        return adjective + ("ment" if adjective.endswith("a") else "ament")
    if lang == "it" and len(adjective) > 3 and adjective[-1] == "e" and adjective[-2] in "lr" \
            and adjective[-3] in _VOWELS:
        return adjective[:-1] + "mente"  # facile -> facilmente
    if adjective.endswith("o"):
        return adjective[:-1] + "amente"
    return adjective + "mente"



def same_case(text: str, like: str) -> str:
    """``text`` with the capitalisation of ``like`` (all capitals, initial capital, or as is)."""
    if like.isupper() and len(like) > 1:
        return text.upper()
    if like[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def first_sense(translations: Sequence[str]) -> str | None:
    """The first usable translation of a dictionary entry (not a gloss, not a pattern)."""
    for t in translations:
        t = t.strip()
        if t and len(t.split()) <= MAX_WORDS and not any(c in t for c in "‐/=?<>#") \
                and not t.endswith("-"):
            return t
    return None


def word_table(entries: Iterable[tuple[str, Sequence[str]]], reverse: bool = False) -> dict[str, str]:
    """Lower-case one-word headword -> first sense; ``reverse`` reads a ``tgt-src`` dictionary backwards."""
    out: dict[str, str] = {}
    for head, translations in entries:
        head = head.strip()
        if " " in head:
            continue
        if not reverse:
            first = first_sense(translations)
            if first:
                out.setdefault(head.lower(), first)
            continue
        for t in translations:
            if t and " " not in t.strip():
                out.setdefault(t.strip().lower(), head)
    return out


#: Apertium bilingual dictionaries are asked for a lemma under these parts of speech, in order
#: (prepositions for the words of a multi-word translation composed through a pivot).
BIDIX_TAGS = ("n", "adj", "adv", "vblex", "pr")
#: The order for the lemma of an adverb (an adjective).
ADJECTIVE_FIRST = ("adj", "n", "adv", "vblex", "pr")
#: A Romance dictionary has a noun only with its gender (spa-cat ``bolsillo<n><m>``, fra-cat
#: ``poche<n><f>``; ``poche<n>`` is unknown): a noun is asked bare first (English entries), then so.
GENDERED = {"n": ("<n>", "<n><m>", "<n><f>", "<n><mf>")}
_BIDIX_ANSWER = regex.compile(r"\^([^/$<]*)<(\w+)>[^/$]*/([^$]*)\$")


class BidixLookup:
    """Lemma lookups in one compiled Apertium bilingual dictionary (a long-lived ``lt-proc -z -b``).

    Args:
        path: the ``X-Y.autobil.bin`` file.
    """

    def __init__(self, path: str) -> None:
        self.path = path

    def lookup(self, lemmas: Iterable[str], tags: Sequence[str] = BIDIX_TAGS) -> dict[str, str]:
        """lemma -> target lemma, for those the dictionary has under one of ``tags`` (the first wins)."""
        wanted = sorted({w for w in lemmas if _WORD.fullmatch(w)})
        if not wanted:
            return {}
        answer = transducer("-b", self.path).ask(" ".join(f"^{w}{unit}$" for w in wanted for tag in tags
                                                          for unit in GENDERED.get(tag, (f"<{tag}>",))))
        out: dict[str, str] = {}
        for m in _BIDIX_ANSWER.finditer(answer):
            target = m.group(3).split("/")[0]
            lemma = regex.sub(r"<[^>]*>", "", target).replace("#", "").strip()
            if target and not target.startswith("@") and lemma:
                out.setdefault(m.group(1), lemma)
        return out


@dataclass
class Resources:
    """What one direction ``a -> b`` can be looked up in: FreeDict tables and bilingual dictionaries.

    Attributes:
        tables: word -> translation tables.
        bidix: Apertium bilingual dictionaries.
        names: what they are, for :meth:`WordLookup.describe`.
        dictd: FreeDict files ``(index path, read reversed)``, read into tables at the first lookup
            (:func:`_table`: once per process), so describing the resources reads nothing.
    """

    tables: list[dict[str, str]] = field(default_factory=list)
    bidix: list[BidixLookup] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    dictd: list[tuple[str, bool]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.tables or self.dictd or self.bidix)

    def start(self) -> None:
        """Start the bilingual dictionaries' processes (so that they load beside others)."""
        start_all(transducer("-b", bidix.path) for bidix in self.bidix)

    def lookup(self, lemmas: Sequence[str], tags: Sequence[str] = BIDIX_TAGS) -> dict[str, str]:
        """lemma -> first translation found (FreeDict before Apertium, whose ``tags`` are tried in order)."""
        out: dict[str, str] = {}
        for table in [*self.tables, *(_table(path, reverse) for path, reverse in self.dictd)]:
            for w in lemmas:
                if w not in out and (t := table.get(w)):
                    out[w] = t
        for bidix in self.bidix:
            rest = [w for w in lemmas if w not in out]
            if not rest:
                break
            out.update({k: v for k, v in bidix.lookup(rest, tags).items() if k not in out})
        return out


#: A FreeDict index larger than this (bytes; eng-deu: 464,000 headwords) is read lazily in its own
#: direction (its index at the first lookup, an entry when it is asked for: ~1 s instead of ~7 s);
#: read backwards every entry is needed, so one larger than :data:`MAX_REVERSED_BYTES` is not.
LAZY_INDEX_BYTES = 2_000_000
MAX_REVERSED_BYTES = 1_000_000


class LazyTable:
    """A big FreeDict file's word table, headword -> first sense, with entries parsed when asked for."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._index: dict[str, tuple[str, str]] | None = None
        self._data = b""
        self._memo: dict[str, str | None] = {}

    def get(self, word: str) -> str | None:
        if word in self._memo:
            return self._memo[word]
        if self._index is None:
            self._load()
        assert self._index is not None
        where = self._index.get(word)
        found = None
        if where is not None:
            start, length = b64_number(where[0]), b64_number(where[1])
            text = self._data[start: start + length].decode("utf-8", errors="replace")
            found = first_sense(entry_translations(text))
        self._memo[word] = found
        return found

    def _load(self) -> None:
        index: dict[str, tuple[str, str]] = {}
        try:
            text = Path(self.path).read_text(encoding="utf-8", errors="replace")
            self._data = gzip.decompress(Path(self.path).with_suffix(".dict.dz").read_bytes())
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            log.warning("cannot read %s: %s", self.path, exc)
            text = ""
        for headword, start, length in index_entries(text):
            if " " not in headword:
                index.setdefault(headword.lower(), (start, length))
        self._index = index


@lru_cache(maxsize=None)
def _table(path: str, reverse: bool) -> dict[str, str] | LazyTable:
    """One FreeDict file's word table (read once per process, however many directions use it).

    Parsed once per machine and kept as JSON under ``$ALIGNKIT_HOME/dicts/fill/`` (named by file,
    size and time: a new package version is a new file), which loads in milliseconds where parsing
    takes up to a second (eng-deu: ~7 s, the first time only). Where nothing can be cached a big
    file is a :class:`LazyTable`.
    """
    cache = _cache_file(path, reverse)
    if cache is not None:
        try:
            table = json.loads(cache.read_text(encoding="utf-8"))
            if isinstance(table, dict):
                return table
        except (OSError, ValueError):
            pass
    if cache is None and not reverse and Path(path).stat().st_size > LAZY_INDEX_BYTES:
        return LazyTable(path)  # nowhere to keep it: read only the entries asked for
    table = word_table(read_dictd(path), reverse=reverse)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            with textio.atomic_open(cache) as fh:
                fh.write(json.dumps(table, ensure_ascii=False))
        except (OSError, OutputError) as exc:  # a read-only home: the table is parsed again next time
            log.debug("cannot cache %s: %s", cache, exc)
    return table


def _cache_file(path: str, reverse: bool) -> Path | None:
    try:
        from alignkit.models.store import store_dir  # one place resolves $ALIGNKIT_HOME

        st = Path(path).stat()
        name = f"{Path(path).stem}{'-reversed' if reverse else ''}-{st.st_size}-{st.st_mtime_ns}-v{FILL_VERSION}.json"
        return store_dir().parent / "dicts" / "fill" / name
    except (OSError, ValueError, RuntimeError):
        return None


#: The order for the lemma of a verb form (``deplores``, ``confided``, ``lurking``).
VERB_FIRST = ("vblex", "n", "adj", "adv", "pr")
#: English verb forms and the Romance tags their translation is generated with.
VERB_FORMS = {"p3": "<vblex><pri><p3><sg>", "pp": "<vblex><pp><m><sg>", "ger": "<vblex><ger>"}


#: The words English ``un-`` and ``-less`` become: ``no adaptado``, ``sin límite``.
NEGATION = {"es": ("no", "sin"), "ca": ("no", "sense"), "gl": ("non", "sen"), "pt": ("não", "sem"),
            "it": ("non", "senza"), "fr": ("non", "sans")}
#: Pivots whose phrases are not translated word by word (only their one-word translations are used).
WORD_PIVOTS = ("en", "de")
#: English adverbs by their ending (not "-ily"/"-erly": "bodily", "orderly" are adjectives too),
#: and the Romance adverb endings their translation must have.
_ADVERB = regex.compile(r"(?:al|ent|ant|ous|ive|ing|less|ed|ful|ib|ab|ar|ic|ate|ute|ise|y|e|t)ly$")
_ROMANCE_ADVERB = regex.compile(r"(?:mente|ment)$|\s")


def _kind(form: str) -> str:
    return "adv" if form == "adv" else "v" if form in VERB_FORMS else ""


def verb_unit(translation: str, form: str, lang: str = "") -> str | None:
    """The generator input for the ``form`` of a verb translation's head (``None`` if it is no infinitive).

    Infinitives end in *-ar/-er/-ir*, *-are/-ere/-ire* (it, fr *-re*) and, in Catalan, also in
    *-ure* after a vowel (``caure``, ``viure``, ``moure``), which no other language's verbs do.
    """
    head = translation.split(" ", 1)[0]
    if form == "pp" and regex.search(r"[aeií]rse$", head):
        head = head[:-2]  # "confiarse" -> "confiado"
    if not _WORD.fullmatch(head) or not (regex.search(r"(?:[aeií]r|[aei]re)$", head)
                                         or (lang == "ca" and regex.search(r"[aeiou]ure$", head))):
        return None
    return head + VERB_FORMS[form]


#: Languages through which two dictionaries are composed, in order.
PIVOTS = ("en", "es", "pt", "fr", "it", "ca", "de")


class WordLookup:
    """Translations of the words an Apertium pair left unknown, for ``src -> tgt``.

    A word is looked up as itself and as its :func:`lemma_candidates`, first directly, then
    through each of :data:`PIVOTS` (``src -> pivot -> tgt``); the first hit is inflected
    (:func:`inflect`) and given the word's capitalisation.

    Args:
        src, tgt: ISO 639-1 codes.
        direct: resources for ``src -> tgt``.
        pivots: ``(pivot, src -> pivot, pivot -> tgt)`` in order of preference.
    """

    def __init__(self, src: str, tgt: str, direct: Resources,
                 pivots: Sequence[tuple[str, Resources | WordLookup, Resources]] = (),
                 fallback: WordLookup | None = None, morphology: Morphology | None = None,
                 pivot_morphology: Mapping[str, Morphology] | None = None) -> None:
        self.src, self.tgt = src, tgt
        self.direct = direct
        self.pivots = list(pivots)
        self.fallback = fallback
        self.morphology = morphology if morphology is not None and morphology.generator else None
        #: per pivot, ``pivot -> tgt`` analysers, chains and generator for the pivot words the
        #: second leg's dictionaries lack as inflected (:data:`CHAINED`)
        self.pivot_morphology = {p: m for p, m in (pivot_morphology or {}).items() if m}
        self._memo: dict[str, str | None] = {}

    def __bool__(self) -> bool:
        return bool(self.direct or self.pivots or self.fallback or self.morphology)

    @property
    def names(self) -> list[str]:
        """What this lookup is, as a pivot's first leg."""
        return [f"{self.src}->{self.tgt} lookup"]

    def lookup(self, lemmas: Sequence[str], tags: Sequence[str] = BIDIX_TAGS) -> dict[str, str]:
        """lemma -> translation, as :meth:`Resources.lookup` (directly and through the pivots), for a chain."""
        return self._lookup(list(lemmas), tags)

    def describe(self) -> str:
        """The resources, one line (part of the translator's description: a new dictionary is a new setup)."""
        via = [f"via {p}: {' + '.join(a.names + b.names)}" for p, a, b in self.pivots]
        morph = [self.morphology.describe()] if self.morphology else []
        parts = morph + self.direct.names + via + ([f"as {self.fallback.describe()}"] if self.fallback else [])
        return f"{self.src}->{self.tgt} (fill {FILL_VERSION}): " + ("; ".join(parts) or "none")

    def translate(self, words: Iterable[str]) -> dict[str, str]:
        """word -> translation for the ``words`` that can be translated (each word looked up once)."""
        words = list(dict.fromkeys(words))
        new = [w for w in words if w not in self._memo]
        if new:
            self._memo.update(self._resolve(new))
            rest = [w for w in new if self._memo[w] is None]
            if rest and self.fallback is not None:
                self._memo.update(self.fallback.translate(rest))
            rest = [w for w in new if self._memo.get(w) is None]
            if rest and self.src == "en" and self.tgt in NEGATION:
                self._memo.update({w: t for w, t in self._derived(rest).items() if t})
        return {w: t for w in words if (t := self._memo.get(w))}

    def _derived(self, words: list[str]) -> dict[str, str]:
        """Productive English morphology for the words still unknown: ``re-`` (``reassess`` ->
        ``reevaluar``), ``un-`` (``unadapted`` -> ``no adaptado``) and ``-less`` (``limitless`` ->
        ``sin límite``), each from the translation of the rest of the word."""
        parts: dict[str, tuple[str, str]] = {}
        for w in words:
            low = w.lower()
            if not _WORD.fullmatch(low) or len(low) < MIN_LENGTH + 2:
                continue
            if low.startswith("re"):
                parts[w] = ("re", low[2:])
            elif low.startswith("un"):
                parts[w] = ("un", low[2:])
            elif low.endswith("less"):
                parts[w] = ("less", low[:-4])
        if not parts:
            return {}
        rests = sorted({rest for _, rest in parts.values()})
        inner = self.translate([r for r in rests if len(r) >= MIN_LENGTH])
        # a short rest ("sell" of "resell") is looked up here only: alone, such words are skipped
        short = [r for r in rests if MIN_REST <= len(r) < MIN_LENGTH]
        inner.update({r: t for r, t in self._resolve(short, min_length=MIN_REST).items() if t}
                     if short else {})
        out: dict[str, str] = {}
        for w, (kind, rest) in parts.items():
            t = inner.get(rest)
            if not t:
                continue
            if kind == "re":
                # only a one-word verb or action noun takes re- ("revender", "reforestación")
                if " " in t or not regex.search(r"(?:[aeií]r|[aei]re|ción|ció|zione|tion|ção)$", t):
                    continue
                made = "re" + t
            elif kind == "un":
                if " " in t or _INFINITIVE.search(t) or regex.search(r"ment[eo]?$", t):
                    continue  # "no " + an adjective or participle, never a verb or an adverb
                made = f"{NEGATION[self.tgt][0]} {t}"
            else:
                if " " in t or _INFINITIVE.search(t):
                    continue  # "sin " + a noun
                made = f"{NEGATION[self.tgt][1]} {t}"
            out[w] = same_case(made, w)
        return out

    def _resolve(self, words: list[str], min_length: int = MIN_LENGTH) -> dict[str, str | None]:
        cands = {w: lemma_candidates(w.lower(), self.src) for w in words
                 if len(w) >= min_length and _WORD.fullmatch(w)}
        # Apertium's own analysers, dictionaries and generators first: their senses and forms
        # are the pairs' (memoirs -> memòries); the lemma dictionaries for the rest (only those
        # words are looked up: each word's answer is its own, so asking fewer changes none).
        made_by_morphology = self.morphology.translate(sorted({w.lower() for w in cands})) if self.morphology else {}
        rest = {w: c for w, c in cands.items() if w.lower() not in made_by_morphology}
        found: dict[tuple[str, str], str] = {}
        # An adverb's lemma is an adjective: "táctico" is asked as one before the noun "tacticien";
        # a verb form's lemma is asked as a verb first.
        for kind, tags in (("adv", ADJECTIVE_FIRST), ("v", VERB_FIRST), ("", BIDIX_TAGS)):
            lemmas = list(dict.fromkeys(lemma for c in rest.values() for lemma, form in c
                                        if _kind(form) == kind))
            found.update({(lemma, kind): t for lemma, t in self._lookup(lemmas, tags).items()})
        out: dict[str, str | None] = {w: None for w in words}
        # A verb form is generated from the infinitive a dictionary gave (deplores -> deplorar -> deplora).
        verb_units = {(hit, form): unit for c in rest.values() for lemma, form in c
                      if form in VERB_FORMS and (hit := found.get((lemma, "v")))
                      and (unit := verb_unit(hit, form, self.tgt)) is not None}
        generated = self.morphology.generate(sorted(set(verb_units.values()))) if self.morphology is not None else {}
        for w, candidates in cands.items():
            if w.lower() in made_by_morphology:
                out[w] = same_case(made_by_morphology[w.lower()], w)
                continue
            for lemma, form in candidates:
                hit = found.get((lemma, _kind(form)))
                if form in VERB_FORMS:
                    unit = verb_units.get((hit, form)) if hit else None
                    made = generated.get(unit) if unit else None
                    if made and " " in hit:  # the rest of a phrase stays: "dar por hecho"
                        made = made + " " + hit.split(" ", 1)[1]
                else:
                    made = inflect(hit, form, self.tgt) if hit else None
                if made and self.src == "en" and _ADVERB.search(w.lower()) and not _ROMANCE_ADVERB.search(made):
                    made = None  # "relentlessly" -> "despiadado": an entry's adjective sense, not the adverb
                if made and not form and self.src == "en" and regex.search(r"(?:ed|ing)$", w.lower()) \
                        and _INFINITIVE.search(made.split(" ", 1)[0]):
                    made = None  # "upheld"/"lured" -> an infinitive: the form is lost
                if made:
                    out[w] = same_case(made, w)
                    break
        return out

    def _lookup(self, lemmas: list[str], tags: Sequence[str]) -> dict[str, str]:
        found = self.direct.lookup(lemmas, tags)
        for pivot, first, second in self.pivots:
            rest = [lemma for lemma in lemmas if lemma not in found]
            if not rest:
                break
            # the second leg loads while the first is asked (it is asked unless the first finds nothing)
            second.start()
            mid = first.lookup(rest, tags)
            if pivot in WORD_PIVOTS:  # their phrases do not go word by word ("absolute ruler" -> "absoluto régua")
                mid = {k: m for k, m in mid.items() if " " not in m}
            mid_words = [w for m in mid.values() for w in m.lower().split()]
            ends = second.lookup(mid_words, tags)
            morphology = self.pivot_morphology.get(pivot)
            if morphology is not None:
                # an inflected pivot word the second dictionary lacks as such ("respetuosa" ->
                # respetuoso<adj><f><sg> -> "respectuosa"), through the pivot language's analysers
                missing = sorted({w for w in mid_words if w not in ends})
                ends.update(morphology.translate(missing) if missing else {})
            for k, m in mid.items():
                # A multi-word translation goes word by word between Romance languages ("campo
                # de batalha" -> "campo de batalla"), and only when every word has a translation.
                parts = [ends.get(w) for w in m.lower().split()]
                if all(parts):
                    found[k] = " ".join(p for p in parts if p)
        return found


def resources(src: str, tgt: str, roots: Roots = Roots()) -> Resources:
    """The installed FreeDict and Apertium dictionaries for ``src -> tgt`` (either file direction)."""
    res = Resources()
    # FreeDict's own direction first, then the reversed one (its first senses are the better guess).
    for a, b, path in sorted(available(roots), key=lambda f: (f[0], f[1]) != (src, tgt)):
        if {a, b} != {src, tgt}:
            continue
        if path.endswith(".bin"):
            if (a, b) == (src, tgt):
                res.bidix.append(BidixLookup(path))
                res.names.append(Path(path).name)
            continue
        if (a, b) != (src, tgt) and Path(path).stat().st_size > MAX_REVERSED_BYTES:
            continue  # reversing it means reading every entry (seconds); its own direction is read lazily
        res.dictd.append((path, (a, b) != (src, tgt)))
        res.names.append(Path(path).stem + ("" if (a, b) == (src, tgt) else " (reversed)"))
    return res


@lru_cache(maxsize=32)
def open_lookup(src: str, tgt: str, roots: Roots = Roots()) -> WordLookup:
    """A :class:`WordLookup` over the installed dictionaries (FreeDict files are read at the first lookup)."""
    direct = resources(src, tgt, roots)
    pivots: list[tuple[str, Resources | WordLookup, Resources]] = []
    for p in PIVOTS:
        if p in (src, tgt):
            continue
        # Into a language with few dictionaries, the first leg is the whole lookup into the
        # pivot (its own pivots included: en -> pt -> es, then spa-cat).
        first: Resources | WordLookup = (open_lookup(src, p, roots) if tgt in CHAINED and p in CHAINED[tgt]
                                         else resources(src, p, roots))
        second = resources(p, tgt, roots)
        if first and second:
            pivots.append((p, first, second))
    # A word unknown to a pair from another language is often English: copied through by the
    # first leg of a pivot ("standstill" in en->es->pt), or English in the text itself.
    fallback = open_lookup(FALLBACK, tgt, roots) if FALLBACK not in (src, tgt) else None
    chained = {p: open_morphology(p, tgt, roots, PIVOTS) for p, _, _ in pivots if p in CHAINED.get(tgt, ())}
    return WordLookup(src, tgt, direct, pivots, fallback or None, open_morphology(src, tgt, roots, PIVOTS), chained)


#: Targets whose pivots' first legs are whole lookups (:func:`open_lookup`), by pivot.
CHAINED = {"ca": ("es",), "gl": ("es", "pt"), "it": ("ca",)}
#: Changes whenever the fill finds other words or other translations: part of the Apertium
#: translator's describe() (through :meth:`WordLookup.describe`), so stored translations are redone.
FILL_VERSION = "5"


#: The language a word is also tried in when the source language's dictionaries lack it.
FALLBACK = "en"
