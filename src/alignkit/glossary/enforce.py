"""Glossary enforcement as a translator wrapper, for any engine.

:class:`GlossaryTranslator` wraps a translator (Apertium, CTranslate2, a pivot chain) and
makes every glossary term come out in its glossary form, in three steps per segment, each
used only when the previous one left a term wrong (so untouched segments keep the engine's
fluency):

1. **post-edit** the plain translation: an occurrence with no allowed target form whose
   source spelling was copied through (engines copy unknown names) is replaced by the
   preferred target form; the capital the engine gave the next word is repaired.
   **n-best** (engines with ``translate_nbest``, i.e. ``ct2``): the model's other beam
   hypotheses are searched for one that already carries the terms, and a segment that starts
   with a term is decoded with its target form forced as the prefix (``target_prefix``), so
   the model writes the rest around it.
2. **protect**: retranslate with each still-missing source term replaced by a placeholder
   proper noun (a name the engine knows and copies through every leg of a pivot, so the
   grammar around it stays that of a name: ``Putin's demands`` -> ``las demandas de X``), then
   restore the target form, eliding the word before it where the language requires.
3. **split** (last resort, e.g. character-level models that cannot carry a placeholder):
   translate the text between terms on its own and splice the target forms in.

Finally (**agree**), the article or contraction right before every term of the output is made
to agree with the gender/number the glossary states for its form (``par l'États-Unis`` ->
``par les États-Unis``, ``del crisis`` -> ``de la crisis``), see :mod:`.agree`.

The result of each step is verified with the same matcher as :func:`~alignkit.glossary.verify.verify`;
a later step's output is kept only when it gets strictly more terms right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from alignkit.glossary.agree import agree, gram_at
from alignkit.glossary.match import Match, Matcher
from alignkit.glossary.model import Glossary, nfc
from alignkit.glossary.repair import at_sentence_start, elide, match_case
from alignkit.glossary.verify import find_targets
from alignkit.translate.base import Translator
from alignkit.types import EngineOutput

#: Consonant-initial surnames that Apertium's eng-spa, eng-cat, en-gl, es-pt, spa-ita and es-fr
#: all know as proper nouns and copy unchanged (probed with `apertium -u` in each direction).
DEFAULT_PLACEHOLDERS: tuple[str, ...] = (
    "Kennedy", "Merkel", "Lincoln", "Darwin", "Chaplin", "Nixon", "Reagan", "Clinton", "Carter",
    "Mozart", "Picasso", "Macron", "Chomsky", "Hitchcock", "Beethoven", "Tolkien",
)


@dataclass(frozen=True)
class EnforceOptions:
    """How :class:`GlossaryTranslator` enforces terms.

    Attributes:
        post_edit: replace copied-through source spellings in the plain translation.
        protect: retranslate with placeholders when post-editing is not enough.
        split: last resort, translate around the terms and splice the target forms in.
        agree: make the determiner before each term agree with its annotated gender/number.
        nbest: hypotheses asked of an n-best engine before protecting (below 2: no n-best step).
        placeholders: proper nouns used as placeholders (the engine must copy them unchanged).
    """

    post_edit: bool = True
    protect: bool = True
    split: bool = True
    agree: bool = True
    nbest: int = 4
    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS


class GlossaryTranslator(Translator):
    """A translator whose output uses the glossary's target forms.

    Args:
        inner: the translator to wrap (its src/tgt/route/engine are reported unchanged).
        glossary: a glossary with columns for ``inner.src`` and ``inner.tgt``; a language it
            lacks makes the wrapper a pass-through.
        options: enforcement settings.
    """

    def __init__(self, inner: Translator, glossary: Glossary, options: EnforceOptions | None = None) -> None:
        super().__init__(inner.src, inner.tgt)
        self.inner = inner
        self.glossary = glossary
        self.options = options or EnforceOptions()
        self.engine = inner.engine
        self._active = glossary.has(inner.src) and glossary.has(inner.tgt)
        self._matcher = Matcher(glossary, inner.src) if self._active else None

    @property
    def route(self) -> tuple[str, ...]:
        return self.inner.route

    def describe(self) -> Mapping[str, Any]:
        info = dict(self.inner.describe())
        info["glossary"] = {"digest": self.glossary.digest(), "name": self.glossary.name,
                            "options": asdict(self.options)}
        return info

    def close(self) -> None:
        self.inner.close()

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        outputs = self.inner.translate(texts)
        if self._matcher is None:
            return outputs
        sources = [nfc(t) for t in texts]
        occs = [self._matcher.find(t) for t in sources]
        state = [self._post_edit(s, o.text, occ) for s, o, occ in zip(sources, outputs, occs)]
        results = [EngineOutput(text, o.unknown, o.confidence) for (text, _), o in zip(state, outputs)]
        for step in (self._nbest_step, self._protect_step, self._split_step):
            todo = [i for i, (_, misses) in enumerate(state) if misses]
            if not todo:
                break
            for i, out in zip(todo, step([sources[i] for i in todo], [occs[i] for i in todo],
                                         [state[i][0] for i in todo])):
                if out is None:
                    continue
                edited = self._post_edit(sources[i], out.text, occs[i])
                if edited[1] < state[i][1]:
                    state[i] = edited
                    results[i] = EngineOutput(edited[0], out.unknown, out.confidence)
        if self.options.agree:
            results = [EngineOutput(agree_terms(self.glossary, self.tgt, occ, r.text), r.unknown, r.confidence)
                       if occ else r
                       for r, occ in zip(results, occs)]
        return results

    # -- step 1 ---------------------------------------------------------------------------
    def _post_edit(self, source: str, output: str, occs: Sequence[Match]) -> tuple[str, int]:
        """Returns the post-edited output and how many occurrences are still missing."""
        output = nfc(output)
        if not occs:
            return output, 0
        if self.options.post_edit:
            output = post_edit(self.glossary, self.tgt, source, output, occs)
        return output, sum(span is None for span in find_targets(self.glossary, occs, output, self.tgt))

    # -- step 1b --------------------------------------------------------------------------
    def _nbest_step(self, sources: list[str], occs: list[list[Match]],
                    current: list[str]) -> list[EngineOutput | None]:
        """The best of the free n-best list; then, still missing, of a list forced to start with the term."""
        nbest = getattr(self.inner, "translate_nbest", None)
        if nbest is None or self.options.nbest < 2:
            return [None] * len(sources)
        best = [self._pick(s, o, hyps) for s, o, hyps in zip(sources, occs, nbest(sources, self.options.nbest))]
        forced = [i for i, (s, o) in enumerate(zip(sources, occs))
                  if best[i][1] and self._leading_term(s, o) is not None]
        if forced:
            lists = nbest([sources[i] for i in forced], self.options.nbest,
                          [self._leading_term(sources[i], occs[i]) for i in forced])
            for i, hyps in zip(forced, lists):
                # A forced prefix is not the model's choice: its score says nothing about quality.
                out, misses = self._pick(sources[i], occs[i], [EngineOutput(h.text, h.unknown) for h in hyps])
                if misses < best[i][1]:
                    best[i] = (out, misses)
        return [out for out, _ in best]

    def _pick(self, source: str, occs: Sequence[Match],
              hyps: Sequence[EngineOutput]) -> tuple[EngineOutput | None, int]:
        """The hypothesis missing the fewest terms (the model's ranking breaks ties) and its misses."""
        scored = [(self._post_edit(source, h.text, occs)[1], rank) for rank, h in enumerate(hyps)]
        if not scored:
            return None, len(occs)
        misses, rank = min(scored)
        return hyps[rank], misses

    def _leading_term(self, source: str, occs: Sequence[Match]) -> str | None:
        """The preferred target form of a term that starts the segment, else ``None``."""
        lead = len(source) - len(source.lstrip())
        first = min(occs, key=lambda o: o.start, default=None)
        if first is None or first.start != lead:
            return None
        return self.glossary.terms[first.term].preferred(self.tgt)

    # -- step 2 ---------------------------------------------------------------------------
    def _protect_step(self, sources: list[str], occs: list[list[Match]],
                      current: list[str]) -> list[EngineOutput | None]:
        if not self.options.protect:
            return [None] * len(sources)
        plans = [protect(s, self._missing(o, c), self.options.placeholders) for s, o, c in zip(sources, occs, current)]
        outs = self.inner.translate([text for text, _ in plans])
        return [
            None if (restored := restore(self.glossary, self.tgt, out.text, mapping)) is None
            else EngineOutput(restored, out.unknown)
            for (_, mapping), out in zip(plans, outs)
        ]

    def _missing(self, occs: Sequence[Match], output: str) -> list[Match]:
        spans = find_targets(self.glossary, occs, output, self.tgt)
        wrong = {occ.term for occ, span in zip(occs, spans) if span is None}
        return [occ for occ in occs if occ.term in wrong]

    # -- step 3 ---------------------------------------------------------------------------
    def _split_step(self, sources: list[str], occs: list[list[Match]],
                    current: list[str]) -> list[EngineOutput | None]:
        if not self.options.split:
            return [None] * len(sources)
        plans = [split(s, o) for s, o in zip(sources, occs)]
        flat = [piece for pieces, _ in plans for piece in pieces]
        done = iter(self.inner.translate(flat))
        outs: list[EngineOutput | None] = []
        for pieces, terms in plans:
            parts = [next(done).text.strip() for _ in pieces]
            outs.append(EngineOutput(splice(self.glossary, self.tgt, parts, terms)))
        return outs


def post_edit(glossary: Glossary, lang: str, source: str, output: str, occs: Sequence[Match]) -> str:
    """Replace copied-through source spellings of missing terms by their target forms.

    Idempotent: a replaced occurrence is found by verification the next time, so applying
    it to its own result changes nothing.
    """
    spans = find_targets(glossary, occs, output, lang)
    taken = [s for s in spans if s is not None]
    edits: list[tuple[int, int, str, Match]] = []
    for occ, span in zip(occs, spans):
        if span is not None:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(occ.text) + r"(?!\w)", output):
            hit = (m.start(), m.end())
            if all(hit[1] <= a or hit[0] >= b for a, b in taken):
                taken.append(hit)
                edits.append((hit[0], hit[1], glossary.terms[occ.term].preferred(lang), occ))
                break
    for start, end, form, occ in sorted(edits, key=lambda e: -e[0]):
        before, after = output[:start], output[end:]
        first = at_sentence_start(before)
        form = match_case(form, first and _cased(occ))
        if first and at_sentence_start(source[: occ.start]):
            after = _uncapitalise_next(after, source[occ.end + len(occ.possessive):])
        output = elide(lang, before, form) + form + after
    return output


def agree_terms(glossary: Glossary, lang: str, occs: Sequence[Match], output: str) -> str:
    """Make the determiner before each verified term agree with its form's annotation.

    Only forms with a gender/number annotation are touched; the term spans themselves never
    change, so verification is unaffected. Idempotent.
    """
    output = nfc(output)
    spans = find_targets(glossary, occs, output, lang)
    for occ, span in sorted(((o, s) for o, s in zip(occs, spans) if s is not None), key=lambda p: -p[1][0]):
        surface = output[span[0]:span[1]]
        gram = gram_at(glossary.terms[occ.term], lang, surface)
        if gram is not None:
            output = agree(lang, output[:span[0]], surface, gram) + output[span[0]:]
    return output


def _cased(occ: Match) -> bool:
    """Whether the source spelling is capitalised (scripts without case never capitalise)."""
    return occ.text[:1].isupper()


def _uncapitalise_next(after: str, source_after: str) -> str:
    """Undo the capital an engine gives the word after an unknown sentence-initial name.

    Only when the source word after the term is lower-case (so the capital is not a name).
    """
    src_next = re.match(r"\s*(\w+)", source_after)
    m = re.match(r"(\s+)(\w)(\w*)", after)
    if m and src_next and src_next.group(1)[:1].islower() and (m.group(3).islower() or not m.group(3)) and m.group(2).isupper():
        return m.group(1) + m.group(2).lower() + m.group(3) + after[m.end():]
    return after


def protect(source: str, occs: Sequence[Match], pool: Sequence[str]) -> tuple[str, list[tuple[str, Match]]]:
    """Replace ``occs`` in ``source`` by placeholders from ``pool`` that the source lacks.

    Returns:
        The protected text and (placeholder, occurrence) pairs; occurrences beyond the usable
        pool size stay unprotected.
    """
    words = {w.lower() for w in re.findall(r"\w+", source)}
    free = [p for p in pool if p.lower() not in words]
    pairs = list(zip(free, occs))
    text = source
    for placeholder, occ in sorted(pairs, key=lambda p: -p[1].start):
        text = text[: occ.start] + placeholder + text[occ.end:]
    return text, pairs


def restore(glossary: Glossary, lang: str, output: str, mapping: Sequence[tuple[str, Match]]) -> str | None:
    """Put target forms where the placeholders came out; ``None`` if any is lost or doubled."""
    output = nfc(output)
    found: list[tuple[int, int, str, bool]] = []
    for placeholder, occ in mapping:
        hits = list(re.finditer(r"(?<!\w)" + re.escape(placeholder) + r"(?!\w)", output))
        if len(hits) != 1:
            return None
        found.append((hits[0].start(), hits[0].end(), glossary.terms[occ.term].preferred(lang), _cased(occ)))
    for start, end, form, cased in sorted(found, key=lambda f: -f[0]):
        before = output[:start]
        form = match_case(form, cased and at_sentence_start(before))
        output = elide(lang, before, form) + form + output[end:]
    return output


def split(source: str, occs: Sequence[Match]) -> tuple[list[str], list[Match]]:
    """Cut ``source`` around the term occurrences (possessives dropped): pieces and terms."""
    pieces: list[str] = []
    last = 0
    for occ in occs:
        pieces.append(source[last: occ.start])
        last = occ.end + len(occ.possessive)
    pieces.append(source[last:])
    return pieces, list(occs)


def splice(glossary: Glossary, lang: str, parts: Sequence[str], terms: Sequence[Match]) -> str:
    """Join translated pieces with the target forms between them."""
    out = parts[0]
    for occ, part in zip(terms, parts[1:]):
        form = glossary.terms[occ.term].preferred(lang)
        form = match_case(form, _cased(occ) and at_sentence_start(out))
        head = elide(lang, out + " ", form) if out else ""
        out = head + form + (" " + part if part and part[0] not in ",.;:!?)»”" else part)
    return out
