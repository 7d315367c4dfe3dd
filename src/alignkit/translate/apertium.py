"""The Apertium engine: Debian's rule-based pairs, run as long-lived NUL-flushed pipelines.

Why not ``apertium -z``: the wrapper's format filters read ahead, so its output lags
segments behind its input. Instead each translator runs the mode's own commands
(``apertium-wblank-mode -z <mode>``) in one ``bash`` process group per pair and speaks
Apertium's stream format to it: every segment is escaped, closed by the sentinel
``.[]`` (a full stop and an empty blank: without them the pipeline drops or swallows a
final punctuation mark) and a NUL; each stage flushes at the NUL, so the output of
segment *i* is everything up to the *i*-th NUL. Many segments are written per call by a
writer thread while the caller reads, so the pipes never deadlock and the stages work in
parallel like one whole-file run.

The pipeline runs in marked mode (``-g``): unknown words come back as ``*word``,
bilingual-dictionary misses as ``@word``, generation failures as ``#word``. The marks are
collected and stripped here, which on newstest2013 gives the scores of ``apertium -u``
(see ``bench/bench_apertium.py``) at no extra cost. A literal ``*``, ``#`` or ``@`` in a
source segment would be ambiguous, so such (rare) segments are translated again by an
unmarked (``-n``) pipeline for their text.

``apertium-tagger`` keeps state across segments that no NUL resets (its open class shrinks
for the life of the process, an Apertium 3.8 bug), so a segment's translation can depend on
the segments translated before it, exactly as in a whole-file ``apertium`` run. The ``prime``
option (on by default) puts every pipeline into a fixed state at start (:data:`PRIMERS`) and
makes each translation a function of its segment alone, which the translation memory, resumed
runs and parallel workers need; that fixed state tags a little worse on short documents (on the
seed: gl "mesmo se" -> "uniforme se", it "Che vuoi?" -> "Che ama?"); ``prime=false`` gives a
fresh pipeline's state for one-off translations that bypass the TM (``--no-tm``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from alignkit import langs
from alignkit.errors import EngineUnavailableError, InputError, UnknownNameError
from alignkit.options import from_mapping
from alignkit.translate import fill_store, lexical, repair
from alignkit.translate.apertium_pipe import Pipeline
from alignkit.translate.base import DEFAULT_PIVOTS, Engine, Translator
from alignkit.translate.long_text import translate_bounded
from alignkit.types import EngineOutput

log = logging.getLogger(__name__)

#: Where Debian's apertium packages install their modes.
DEFAULT_MODES_DIR = Path("/usr/share/apertium/modes")
#: Environment variable that overrides :data:`DEFAULT_MODES_DIR`.
MODES_ENV = "ALIGNKIT_APERTIUM_MODES"
#: Programs the engine runs itself (the mode's stages come with the pair packages).
REQUIRED_PROGRAMS = ("apertium", "apertium-wblank-mode", "lt-proc")

# A mode file name: source-target, optionally a target variant ("eng-cat_valencia").
_MODE_NAME = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})(?:_(\w+))?$")
# The pair package a mode's commands read their data from.
_PACKAGE_IN_MODE = re.compile(r"/apertium/(apertium-[a-z0-9_-]+)/")


@dataclass(frozen=True)
class ApertiumOptions:
    """Settings of the ``apertium`` engine.

    Attributes:
        modes_dir: directory of installed ``*.mode`` files (default: ``$ALIGNKIT_APERTIUM_MODES``
            or ``/usr/share/apertium/modes``).
        variants: preferred target variants, ``"ca:valencia,pt:BR"`` (mode ``eng-cat_valencia``
            for ``ca``); variant modes are ignored otherwise.
        batch_size: segments per write to the pipeline (bounds the bytes in flight).
        timeout: seconds without output before the pipeline is declared stuck, killed (it is
            restarted on the next call) and the segments in flight named in an :class:`EngineError`.
        max_chars: longest text sent to the pipeline at once; longer segments are split at
            sentence ends or between words (:mod:`alignkit.translate.long_text`) and the
            translated pieces joined.
        max_word: longest word sent to the pipeline (lt-proc is quadratic in word length); a
            longer one is kept unchanged in the output and reported as unknown.
        repair: apply :mod:`alignkit.translate.repair` to every output.
        dictionaries: with ``repair``, translate the words the pair leaves unknown with the
            installed dictionaries (:mod:`alignkit.translate.lexical`: FreeDict, other pairs'
            bilingual dictionaries, through a pivot language).
        keep_marks: leave the ``*``/``#``/``@`` marks in the text (debugging dictionaries).
        prime: put each pipeline's tagger into a fixed state at start (:data:`PRIMERS`), so a
            segment's translation does not depend on the segments translated before it. On by
            default since runs cache every segment in a translation memory and shard the work
            over workers: only then are a resumed run and a ``--jobs 2`` run the same as one
            uninterrupted pipeline (newstest2013 en->es: 0 of 3,000 lines differ from the
            unprimed pipeline; the seed: 33 of 504 lines do, e.g. gl "mesmo se" -> "uniforme se").
    """

    modes_dir: str | None = None
    variants: str = ""
    batch_size: int = 200
    timeout: float = 60.0
    max_chars: int = 10_000
    max_word: int = 1_000
    repair: bool = True
    dictionaries: bool = True
    keep_marks: bool = False
    prime: bool = True

    def __post_init__(self) -> None:
        problems = []
        if int(self.batch_size) < 1:
            problems.append("batch_size must be at least 1")
        if float(self.timeout) <= 0:
            problems.append("timeout must be positive")
        if not 1 <= int(self.max_word) <= int(self.max_chars):
            problems.append("max_word must be at least 1 and at most max_chars")
        try:
            self.variant_map()
        except InputError as err:
            problems.append(str(err))
        if problems:
            raise InputError("apertium options: " + "; ".join(problems))

    def variant_map(self) -> dict[str, str]:
        """``variants`` as language -> variant name."""
        out: dict[str, str] = {}
        for item in filter(None, (p.strip() for p in self.variants.split(","))):
            lang, sep, variant = item.partition(":")
            if not sep or not variant.strip():
                raise InputError(f"variant {item!r} must look like LANG:VARIANT (e.g. ca:valencia)")
            out[langs.normalize(lang)] = variant.strip()
        return out

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> ApertiumOptions:
        """Build from keyword options (CLI strings are converted).

        Raises:
            InputError: an unknown option or a bad value.
        """
        return from_mapping(cls, options, "apertium")


def modes_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory of installed Apertium modes.

    ``override`` wins, then ``$ALIGNKIT_APERTIUM_MODES``, then ``/usr/share/apertium/modes``.
    """
    if override:
        return Path(override)
    env = os.environ.get(MODES_ENV)
    return Path(env) if env else DEFAULT_MODES_DIR


@dataclass(frozen=True)
class Mode:
    """One installed Apertium mode.

    Attributes:
        name: the mode name (``eng-spa``).
        src: source language (ISO 639-1).
        tgt: target language.
        variant: target variant (``valencia``) or ``""``.
        path: the ``.mode`` file.
    """

    name: str
    src: str
    tgt: str
    variant: str
    path: Path

    @cached_property  # read from the mode file once: version() and describe() ask repeatedly
    def package(self) -> str | None:
        """The Debian package holding the mode's data (``apertium-eng-spa``)."""
        found = _PACKAGE_IN_MODE.search(self.path.read_text(encoding="utf-8", errors="replace"))
        return found.group(1) if found else None


def scan_modes(directory: Path) -> list[Mode]:
    """Every ``src-tgt[_variant].mode`` in ``directory`` whose codes are known languages."""
    found = []
    for path in sorted(directory.glob("*.mode")) if directory.is_dir() else []:
        match = _MODE_NAME.match(path.stem)
        if not match:
            continue  # e.g. "eco-es-fr": an alternative lexicon, not a plain pair
        try:
            src, tgt = langs.normalize(match.group(1)), langs.normalize(match.group(2))
        except UnknownNameError:  # a code alignkit does not know: not a usable pair
            continue
        found.append(Mode(path.stem, src, tgt, match.group(3) or "", path))
    return found


class ApertiumEngine(Engine):
    """Apertium pairs installed from Debian packages.

    Args:
        **options: fields of :class:`ApertiumOptions`.

    Raises:
        InputError: unknown option or bad value.
        EngineUnavailableError: the ``apertium`` programs are not installed.
    """

    name = "apertium"

    def __init__(self, **options: Any) -> None:
        self.options = ApertiumOptions.from_mapping(options)
        missing = [p for p in REQUIRED_PROGRAMS if shutil.which(p) is None]
        if missing:
            raise EngineUnavailableError(
                f"Apertium is not installed ({', '.join(missing)} not found): "
                "apt-get install apertium apertium-eng-spa (plus the pairs you need)"
            )
        self.modes_dir = modes_dir(self.options.modes_dir)

    @cached_property
    def modes(self) -> dict[tuple[str, str], Mode]:
        """(src, tgt) -> the mode used for it (the plain mode, or the preferred variant)."""
        wanted = self.options.variant_map()
        chosen: dict[tuple[str, str], Mode] = {}
        for mode in scan_modes(self.modes_dir):
            key = (mode.src, mode.tgt)
            if mode.variant and mode.variant != wanted.get(mode.tgt):
                continue
            current = chosen.get(key)
            # A wanted variant beats the plain mode; among equals the first (sorted) wins.
            if current is None or (mode.variant and not current.variant):
                chosen[key] = mode
        return chosen

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.modes)

    def open(self, src: str, tgt: str) -> ApertiumTranslator:
        src, tgt = langs.normalize(src), langs.normalize(tgt)
        mode = self.modes.get((src, tgt))
        if mode is None:
            raise EngineUnavailableError(self.install_hint(src, tgt))
        return ApertiumTranslator(mode, self.options)

    def install_hint(self, src: str, tgt: str) -> str:
        return install_hint(src, tgt, self.pairs(), self.modes_dir)

    def pivot_preference(self, src: str, tgt: str) -> tuple[str, ...]:
        """Spanish first between two Romance languages, else :data:`DEFAULT_PIVOTS`.

        Apertium's shallow transfer is at its best between related languages and its Romance
        pairs mostly go through Spanish: ca>es>gl beats ca>en>gl on both proxies of
        ``bench/bench_apertium_pivot.py`` (even the one biased towards English).
        """
        if src in ROMANCE and tgt in ROMANCE:
            return ("es", *(p for p in DEFAULT_PIVOTS if p != "es"))
        return DEFAULT_PIVOTS

    def version(self) -> str:
        packages = sorted({"apertium", "lttoolbox", "apertium-lex-tools"}
                          | {m.package for m in self.modes.values() if m.package})
        return package_versions(tuple(packages))

    def signature(self) -> str:
        """The packages, and the versions of alignkit's repairs and dictionary fill with a digest
        of the installed dictionaries (the fill's answers depend on them) where those are on."""
        parts = [self.version()]
        if self.options.repair:
            parts.append(f"repairs {repair.REPAIRS_VERSION}")
            if self.options.dictionaries and not self.options.keep_marks:
                parts.append(f"fill {lexical.FILL_VERSION} {fill_store.fingerprint('', '', lexical.FILL_VERSION)}")
        return "; ".join(parts)


#: Debian packages of Apertium pairs (both directions), by ISO 639-1 codes; the names are
#: inconsistent (2- or 3-letter codes, either order), hence a table.
DEBIAN_PACKAGES: dict[frozenset[str], str] = {
    frozenset(pair): package
    for pair, package in [
        (("en", "es"), "apertium-eng-spa"), (("en", "ca"), "apertium-eng-cat"),
        (("en", "gl"), "apertium-en-gl"), (("es", "ca"), "apertium-spa-cat"),
        (("es", "gl"), "apertium-es-gl"), (("es", "pt"), "apertium-es-pt"),
        (("es", "it"), "apertium-spa-ita"), (("fr", "es"), "apertium-fr-es"),
        (("ca", "it"), "apertium-cat-ita"), (("fr", "ca"), "apertium-fra-cat"),
        (("pt", "ca"), "apertium-por-cat"), (("pt", "gl"), "apertium-pt-gl"),
        (("es", "ro"), "apertium-es-ro"), (("oc", "ca"), "apertium-oc-ca"),
        (("oc", "es"), "apertium-oc-es"), (("oc", "fr"), "apertium-oci-fra"),
        (("eu", "es"), "apertium-eu-es"), (("eu", "en"), "apertium-eu-en"),
        (("eo", "en"), "apertium-eo-en"), (("eo", "es"), "apertium-eo-es"),
        (("eo", "fr"), "apertium-eo-fr"), (("eo", "ca"), "apertium-eo-ca"),
        (("nn", "nb"), "apertium-nno-nob"), (("sv", "da"), "apertium-swe-dan"),
        (("is", "en"), "apertium-isl-eng"), (("is", "sv"), "apertium-isl-swe"),
        (("mk", "en"), "apertium-mkd-eng"), (("mk", "bg"), "apertium-mkd-bul"),
        (("ru", "uk"), "apertium-rus-ukr"), (("hi", "ur"), "apertium-urd-hin"),
    ]
}
#: Romance languages (ISO 639-1) with Apertium pairs: between two of them Spanish is the pivot.
ROMANCE = frozenset({"es", "ca", "gl", "pt", "it", "fr", "oc", "ro", "an"})
#: Languages tried as a pivot when no package serves a pair directly.
HINT_PIVOTS = ("es", "en")


def install_hint(src: str, tgt: str, installed: frozenset[tuple[str, str]], where: Path) -> str:
    """One sentence saying which Debian package(s) give Apertium the pair ``src``->``tgt``."""
    lead = f"no Apertium pair for {src}->{tgt} in {where}"
    direct = DEBIAN_PACKAGES.get(frozenset((src, tgt)))
    if direct:
        return f"{lead}: apt-get install {direct}"
    for pivot in HINT_PIVOTS:
        legs = [(src, pivot), (pivot, tgt)]
        packages = [DEBIAN_PACKAGES.get(frozenset(leg)) for leg in legs if leg not in installed]
        if pivot not in (src, tgt) and packages and all(packages):
            return f"{lead}: apt-get install {' '.join(p for p in packages if p)} (to go through {pivot})"
    return f"{lead}, and Debian has no package known to alignkit for it (look with: apt-cache search apertium-)"


@lru_cache(maxsize=8)
def package_versions(packages: tuple[str, ...]) -> str:
    """``"pkg=version ..."`` for the installed Debian packages (``unknown`` without dpkg)."""
    try:
        done = subprocess.run(["dpkg-query", "-W", "-f", "${Package}=${Version}\\n", *packages],
                              capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return " ".join(sorted(line for line in done.stdout.split() if "=" in line)) or "unknown"


#: Words whose ambiguity class the source language's taggers never saw in training, by
#: source language: the ``apertium-tagger -d`` warnings of the en/es pairs on newstest2013
#: lines 1001-3000. Why: when the HMM tagger meets such a word it looks for a similar known
#: class and, through a reference, *overwrites its open class* (the tag set of unknown
#: words) with it (``tagger_utils::find_similar_ambiguity_class``, apertium 3.8). That state
#: survives NULs and changes how later words are tagged: a pipeline's output depended on
#: every segment it had seen (es-it "para" tagged as the verb "parir" after an "entre").
#: The open class only ever shrinks; once it is no larger than the smallest unseen class
#: plus one, no word can change it again. Translating these words three times (each pass
#: can shrink it further) when a pipeline starts brings it there, so every segment meets
#: the same tagger state. A whole-file ``apertium`` run is in one arbitrary such state.
#: Order matters: English words whose class holds a past participle come last, else it
#: becomes the unknown words' class and "Kyiv refused" turns into "Kyiv rechazado".
PRIMERS: dict[str, str] = {
    "en": "for I even does times post US a lot of near bravo fit thanks it take care span windows marine "
          "aquarius lay forwards lieberman chaos known elected included classified disabled drunk",
    "es": "como un para pero bajo una cuando entre cada si sobre nada poco bien ya había hasta millones "
          "donde debe tres nuestro sino vista sida nuestra haber sea mucho tal segunda cualquier "
          "bastante debido china medio cinco casi diez cuatro quiere kg nuestros tarde seis estado "
          "ante irán cierto ocho mejor miles hubiera haya tanto igual colorado fuerte segundo tamaño "
          "nasa habría muchísimo siete nueve modelo mar duro cerca de santos de acuerdo tales bravo "
          "habrá veinte mil primero recién segundos querido ex argentina superior hubo sesenta cien "
          "fuera algo tenido que sexto quieran quiera buenas verse queridas querida en ocasiones "
          "cuartos cuantos cuanto millón indonesia india gracias cuánto real otan onu centro treinta "
          "total once cuarenta cero guía guarda del mismo alrededor vale queridos queramos "
          "inmobiliaria cuarto alerta velo suyos suyo suyas suya suma nuestras escolar billones "
          "tejas siria pasarse m león l habiendo excepto victoria leo dan checa andes seiscientos "
          "matriz estándares cincuenta casarse anular setenta solo promedio primo piloto modelos "
          "basta prada pilotos linda amara",
}
#: Passes over the primer words: each can shrink the tagger's open class further.
PRIMER_PASSES = 3


def primer(src: str) -> str:
    """The priming text for pipelines translating from ``src`` (``""`` where none is known)."""
    words = PRIMERS.get(src)
    return " ".join([words + "."] * PRIMER_PASSES) if words else ""


class ApertiumTranslator(Translator):
    """One Apertium mode as a translator, backed by a long-lived pipeline process.

    Not thread-safe: use one translator per thread. ``close()`` (or ``with``) ends the processes.
    """

    engine = "apertium"

    def __init__(self, mode: Mode, options: ApertiumOptions) -> None:
        super().__init__(mode.src, mode.tgt)
        self.mode = mode
        self.options = options
        self._primer = primer(mode.src) if options.prime else ""
        self._marked = Pipeline(mode.path, "-g", options.batch_size, options.timeout, self._primer)
        self._plain: Pipeline | None = None  # started for sources with literal mark characters

    def describe(self) -> Mapping[str, Any]:
        return {"engine": self.engine, "route": list(self.route), "mode": self.mode.name,
                "package": self.mode.package, "repair": self.options.repair,
                "repairs": repair.REPAIRS_VERSION if self.options.repair else None,
                "dictionaries": self._words.describe() if self._words is not None else None,
                "primed": bool(self._primer),
                "version": package_versions(tuple(p for p in ("apertium", self.mode.package) if p))}

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        # Long segments go piece by piece, over-long words not at all: see long_text.
        return translate_bounded([t.strip() for t in texts], self._translate_pieces, self.options.max_chars,
                                 self.options.max_word)

    @cached_property
    def _words(self) -> fill_store.StoredLookup | None:
        """Dictionary lookups for unknown words (opened at first use: reads the FreeDict files), their
        answers kept between runs (:mod:`alignkit.translate.fill_store`)."""
        if not (self.options.repair and self.options.dictionaries and not self.options.keep_marks):
            return None
        path = fill_store.store_path(self.src, self.tgt, lexical.FILL_VERSION)
        return fill_store.StoredLookup(lexical.open_lookup(self.src, self.tgt), fill_store.FillStore(path))

    def _translate_pieces(self, sources: list[str]) -> list[EngineOutput]:
        outputs: list[EngineOutput] = []
        literal: list[int] = []
        for i, raw in enumerate(self._marked.stream(sources)):
            marks = _literal_marks(sources[i])
            out = decode_marked(raw, self.options.keep_marks, marks)
            if marks and not self.options.keep_marks:
                literal.append(i)  # its text comes from the unmarked pass below
            outputs.append(out)
        if literal:
            # Marks of the kinds the source contains cannot be told from text: take the
            # text from an unmarked pass (rare segments only).
            if self._plain is None:
                self._plain = Pipeline(self.mode.path, "-n", self.options.batch_size, self.options.timeout,
                                       self._primer)
            for i, raw in zip(literal, self._plain.run([sources[i] for i in literal])):
                outputs[i] = EngineOutput(decode_plain(raw), outputs[i].unknown)
        return self._repair_all(sources, outputs) if self.options.repair else outputs

    def _repair_all(self, sources: list[str], outputs: list[EngineOutput]) -> list[EngineOutput]:
        """Repairs, after the dictionaries were asked once for every fillable unknown word of the batch."""
        found: dict[str, str] = {}
        if self._words is not None:
            found = self._words.translate(w for s, o in zip(sources, outputs) for w in o.unknown
                                          if repair.fillable(w, s))
        fixes = (repair.fill_unknown_words(found), *repair.REPAIRS)
        out = []
        for source, o in zip(sources, outputs):
            text = repair.repair(o.text, source=source, lang=self.tgt, unknown=o.unknown, repairs=fixes)
            # A word the dictionaries translated is no longer an untranslated word.
            left = tuple(w for w in o.unknown if not (w in found and repair.fillable(w, source)))
            out.append(EngineOutput(text, left))
        return out

    def close(self) -> None:
        self._marked.close()
        if self._plain is not None:
            self._plain.close()


_HAS_MARK_CHAR = re.compile(r"[*#@]")


def _literal_marks(source: str) -> str:
    """The mark characters a source segment itself contains (usually none: one scan)."""
    return "".join(sorted(set(_HAS_MARK_CHAR.findall(source)))) if _HAS_MARK_CHAR.search(source) else ""

# One token of the marked output: a mark and the word it marks, or an escape. A placeholder
# token (⟦n⟧) Apertium copies onto an unknown word is not part of it.
_MARKED = re.compile(r"(\\@|[*#])([^\s\\*#@.,;:!?¿¡\"“”«»()\[\]{}<>/⟦⟧]*)|\\(.)", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_SENTINEL_TAIL = re.compile(r"\.?\[\]\s*$")


def _strip_sentinel(raw: str) -> str:
    # The sentinel ".[]" comes back at the end; its full stop may have been taken by an
    # abbreviation, so only what is there is removed.
    return _SENTINEL_TAIL.sub("", raw)


def decode_plain(raw: str) -> str:
    """Text of one unmarked pipeline output: sentinel removed, escapes undone, trimmed."""
    return _ESCAPE.sub(r"\1", _strip_sentinel(raw)).strip()


def decode_marked(raw: str, keep_marks: bool = False, literal: str = "") -> EngineOutput:
    """Text and unknown words of one marked (``-g``) pipeline output.

    ``*word`` (unknown to the analyser) and ``@word`` (missing from the bilingual dictionary)
    are the untranslated words; ``#word`` (not generated) is translated but uninflected.

    Args:
        raw: the pipeline output of one segment.
        keep_marks: leave the marks in the text.
        literal: mark characters the source itself contains: those are text, not marks.
    """
    unknown: list[str] = []

    def token(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return match.group(3)
        mark, word = match.group(1)[-1], _ESCAPE.sub(r"\1", match.group(2))
        if mark in literal:
            return mark + word
        if mark != "#" and word and word not in unknown:
            unknown.append(word)
        return (mark + word) if keep_marks else word

    text = _MARKED.sub(token, _strip_sentinel(raw)).strip()
    return EngineOutput(text, tuple(unknown))
