"""Inflected translations through Apertium's own transducers: analyse, translate with tags, generate.

A word one pair does not know is often known to another installed pair's analyser of the same
language (``eng-cat`` analyses ``memoirs`` as ``memoir<n><pl>``; ``en-gl`` analyses ``unleashed``
as ``unleash<vblex><pp>``). The analysis, its English verb tags mapped to Romance ones
(:func:`romance_tags`), goes through a chain of bilingual dictionaries (``eng-spa``, or
``eng-spa`` then ``spa-cat``, up to :data:`MAX_CHAIN` files), which carries gender and number
(``memòria<n><f><pl>``), and the target language's generator makes the form (``memòries``).
Every transducer is a long-lived ``lt-proc -z`` process (:mod:`alignkit.dictionaries.ltproc`),
asked once per batch of words; the analysers and the generator start side by side, and a chain's
dictionaries start only when a word is still left for that chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from alignkit.dictionaries.installed import Roots, apertium_files
from alignkit.dictionaries.ltproc import start_all, transducer

#: Most bilingual dictionaries one translation goes through (``en-gl``, ``gl-es``, ``spa-cat``).
MAX_CHAIN = 3
_ANALYSIS = regex.compile(r"\^([^/$]*)/([^$]*)\$")
_UNIT = regex.compile(r"(\p{L}[\p{L}\p{M}'· -]*)((?:<\w+>)+)(#[\p{L}\p{M}' -]+)?")
_TAG = regex.compile(r"<(\w+)>")
_GENERABLE = regex.compile(r"[^\s^$/<>#@*]+(?:<\w+>)+(?:#[^^$/<>#@*]+)?")


def romance_tags(tags: Sequence[str]) -> list[str] | None:
    """Tags for a Romance bilingual dictionary and generator from an English analysis; ``None`` to skip it.

    Nouns keep number; adjectives drop to the positive (comparatives and superlatives are
    skipped: ``slightest`` is no ``ligero``); verbs: an infinitive or present is an infinitive, a
    third-person present stays one, a participle is masculine singular, a gerund a gerund and a
    past the third-person preterite.
    """
    if not tags:
        return None
    pos, rest = tags[0], set(tags[1:])
    if pos == "n":
        return ["n", "pl" if "pl" in rest else "sg"]
    if pos == "adj":
        return None if rest & {"sint", "comp", "sup"} else ["adj"]
    if pos == "adv":
        return ["adv"]
    if pos != "vblex":
        return None
    if "ger" in rest:
        return ["vblex", "ger"]
    if "pp" in rest:
        return ["vblex", "pp", "m", "sg"]
    if "past" in rest:
        return ["vblex", "ifi", "p3", "sg"]
    if "pres" in rest and "p3" in rest:
        return ["vblex", "pri", "p3", "sg"]
    if rest & {"inf", "pres", "imp"}:
        return ["vblex", "inf"]
    return None


#: Parts of speech in the order an ambiguous word's analyses are tried (a participle before a past).
_POS_ORDER = {"n": 0, "adj": 1, "adv": 2, "vblex": 3}


def analyses(answer: str) -> dict[str, list[tuple[str, list[str]]]]:
    """surface -> ``(lemma, tags)`` analyses from an ``lt-proc -w`` answer (unknown words have none)."""
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for m in _ANALYSIS.finditer(answer):
        found = out.setdefault(m.group(1), [])
        for reading in m.group(2).split("/"):
            unit = _UNIT.fullmatch(reading)
            if unit and not reading.startswith("*") and unit.group(3) is None:
                found.append((unit.group(1), _TAG.findall(unit.group(2))))
    return out


def order(readings: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The readings worth translating, best first: content words, a participle before a past."""
    has_pp = any(t[:1] == ["vblex"] and "pp" in t for _, t in readings)
    kept = [(lemma, t) for lemma, t in readings if t and t[0] in _POS_ORDER
            and not (has_pp and t[0] == "vblex" and "past" in t and "pp" not in t)]
    return sorted(kept, key=lambda r: _POS_ORDER[r[1][0]])


#: Tags Apertium dictionaries leave open ("to be determined" by agreement) and the values tried for them.
OPEN_TAGS = {"GD": ("m", "f"), "ND": ("sg", "pl")}


def determined(unit: str) -> list[str]:
    """``unit`` with each open gender/number tag (:data:`OPEN_TAGS`) set, first values first
    (``partidario<n><GD><sg>`` -> ``partidario<n><m><sg>``, ``partidario<n><f><sg>``)."""
    out = [unit]
    for tag, values in OPEN_TAGS.items():
        if f"<{tag}>" in unit:
            out = [u.replace(f"<{tag}>", f"<{v}>") for u in out for v in values]
    return out


def to_generator(unit: str) -> list[str]:
    """Generator inputs for a bilingual dictionary's target unit, most specific first.

    A multi-word lemma's invariable part goes after the tags (``camp# de batalla<n><m><pl>`` ->
    ``camp<n><m><pl># de batalla``); an adjective or participle without gender or number gets the
    masculine singular.
    """
    if any(f"<{tag}>" in unit for tag in OPEN_TAGS):
        return [g for u in determined(unit) for g in to_generator(u)]
    m = regex.fullmatch(r"([^<#]+)(#[^<]*)?((?:<\w+>)+)", unit)
    if not m:
        return []
    lemma, queue, tags = m.group(1), m.group(2) or "", m.group(3)
    tag_list = _TAG.findall(tags)
    out = []
    if tag_list[0] == "adj" and not set(tag_list) & {"m", "f", "mf", "nt"}:
        out.append(f"{lemma}<adj><m><sg>{queue}")
        out.append(f"{lemma}<adj><mf><sg>{queue}")
    elif tag_list[0] == "adj" and not set(tag_list) & {"sg", "pl", "sp"}:
        out.append(f"{lemma}{tags}<sg>{queue}")
    out.append(f"{lemma}{tags}{queue}")
    return out


@dataclass(frozen=True)
class Chain:
    """Bilingual dictionaries applied one after the other (``eng-spa.autobil.bin``, ``spa-cat.autobil.bin``)."""

    files: tuple[str, ...]

    def translate(self, units: Iterable[str]) -> dict[str, str]:
        """``lemma<tags>`` -> the last dictionary's unit, for the units every dictionary has."""
        # each unit's candidates for the next dictionary: a gender or number left open
        # (``partidario<n><GD><sg>`` from en-gl) is asked as each value in turn
        current = {u: [u] for u in dict.fromkeys(units)}
        last: dict[str, str] = {}
        if current:
            # every dictionary of a chain asked is nearly always asked: they load side by side
            start_all(transducer("-b", path) for path in self.files)
        for path in self.files:
            asked = sorted({v for vs in current.values() for v in vs})
            if not asked:
                return {}
            got: dict[str, str] = {}
            for m in _ANALYSIS.finditer(transducer("-b", path).ask(" ".join(f"^{u}$" for u in asked))):
                target = m.group(2).split("/")[0]
                if target and not target.startswith("@") and "<" in target:
                    got.setdefault(m.group(1), target)
            last = {u: t for u, vs in current.items() if (t := next((got[v] for v in vs if v in got), None))}
            current = {u: determined(t) for u, t in last.items()}
        return last


class Morphology:
    """``src -> tgt`` translations of inflected words through analysers, bilingual dictionaries and a generator.

    Args:
        src, tgt: ISO 639-1 codes (the English tag mapping, :func:`romance_tags`, is used for ``en``;
            other sources keep their analysis tags).
        analysers: ``*.automorf.bin`` files that analyse ``src``.
        chains: bilingual dictionary chains ``src -> tgt``, in order of preference.
        generator: a ``*.autogen.bin`` file that generates ``tgt``.
    """

    def __init__(self, src: str, tgt: str, analysers: Sequence[str], chains: Sequence[Chain],
                 generator: str | None) -> None:
        self.src, self.tgt = src, tgt
        self.analysers, self.chains, self.generator = list(analysers), list(chains), generator

    def __bool__(self) -> bool:
        return bool(self.analysers and self.chains and self.generator)

    def describe(self) -> str:
        chains = ", ".join(" > ".join(Path(f).name.removesuffix(".autobil.bin") for f in c.files)
                           for c in self.chains)
        return f"analysed by {len(self.analysers)} pairs, through {chains}, generated by {Path(self.generator or '').name}"

    def translate(self, words: Sequence[str]) -> dict[str, str]:
        """lower-case word -> generated target form, for the words some analyser, chain and the generator know."""
        if not self or not words:
            return {}
        analysers = [transducer("-w", path) for path in self.analysers]
        start_all([*analysers, *([transducer("-g", self.generator)] if self.generator else [])])
        readings: dict[str, list[tuple[str, list[str]]]] = {w: [] for w in words}
        block = "\n".join(words)
        for proc in analysers:
            for surface, found in analyses(proc.ask(block)).items():
                if surface in readings:
                    readings[surface] += [r for r in found if r not in readings[surface]]
        units: dict[str, list[str]] = {}
        for w, rs in readings.items():
            for lemma, tags in order(rs):
                mapped = romance_tags(tags) if self.src == "en" else tags
                if mapped:
                    units.setdefault(w, []).append(lemma + "".join(f"<{t}>" for t in mapped))
        # A word takes its first unit (in reading order) that a chain turns into a generable form,
        # from the first such chain. The chains are asked in order, each only for the units that
        # can still change a word's choice (those before its best so far), so a word the first
        # chain settles starts no other chain's processes.
        best: dict[str, tuple[int, str]] = {}
        for chain in self.chains:
            wanted = [u for w, us in units.items() for u in us[: best[w][0] if w in best else len(us)]]
            if not wanted:
                break
            got = chain.translate(wanted)
            generated = self._generate(sorted({g for target in got.values() for g in to_generator(target)}))
            for w, us in units.items():
                for i, u in enumerate(us[: best[w][0] if w in best else len(us)]):
                    form = next((generated[g] for g in to_generator(got[u]) if g in generated), None) \
                        if u in got else None
                    if form:
                        best[w] = (i, form)
                        break
        return {w: form for w, (_, form) in best.items()}

    def generate(self, units: Sequence[str]) -> dict[str, str]:
        """``lemma<tags>`` -> the target form, for the units the generator knows (``desencadenar<vblex><ger>``)."""
        return self._generate([u for u in dict.fromkeys(units) if _GENERABLE.fullmatch(u)])

    def _generate(self, inputs: list[str]) -> dict[str, str]:
        if not inputs or self.generator is None:
            return {}
        lines = transducer("-g", self.generator).ask("\n".join(f"^{g}$" for g in inputs)).split("\n")
        if len(lines) != len(inputs):
            return {}
        return {g: form.strip() for g, form in zip(inputs, lines)
                if form.strip() and not any(c in form for c in "#@*<>^$/")}


def open_morphology(src: str, tgt: str, roots: Roots = Roots(), prefer: Sequence[str] = ()) -> Morphology:
    """The installed analysers of ``src``, chains of bilingual dictionaries to ``tgt`` and a ``tgt`` generator.

    Chains go shortest first, and among as long ones through the languages earliest in
    ``prefer`` (then by name); the generator is the ``src-tgt`` pair's, else that of the pair from
    the language earliest in ``prefer`` (en->it: ``spa-ita``'s, not ``cat-ita``'s).
    """
    def rank(lang: str) -> int:
        return prefer.index(lang) if lang in prefer else len(prefer)

    analysers = [path for a, _, path in apertium_files(roots, ".automorf.bin") if a == src]
    generators = [(a != src, rank(a), path) for a, b, path in apertium_files(roots, ".autogen.bin") if b == tgt]
    bidix: dict[tuple[str, str], str] = {}
    for a, b, path in apertium_files(roots):
        bidix.setdefault((a, b), path)
    routes: list[tuple[str, ...]] = []
    paths: list[tuple[str, ...]] = [(src,)]
    for _ in range(MAX_CHAIN):  # breadth first: shorter chains first
        grown = [(*p, b) for p in paths for (a, b) in sorted(bidix) if a == p[-1] and b not in p]
        routes += [p for p in grown if p[-1] == tgt]
        paths = [p for p in grown if p[-1] != tgt]
    routes.sort(key=lambda p: (len(p), [rank(lang) for lang in p[1:-1]]))  # stable: by name within a rank
    chains = [Chain(tuple(bidix[(x, y)] for x, y in zip(p, p[1:]))) for p in routes]
    return Morphology(src, tgt, analysers, chains, min(generators)[2] if generators else None)
