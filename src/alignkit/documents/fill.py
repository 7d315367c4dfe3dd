"""Translating masked units: whole sentences first, fragments between tags if that breaks them.

For each unit the masked text is translated as it is (sentence by sentence, keeping its
line breaks and outer whitespace), so a sentence spanning inline tags is translated as one
sentence. When the engine did not keep every token (see :func:`~.protect.check`), the text
runs between the tokens are translated on their own and put back between the unchanged
tokens (always safe, less fluent). A unit neither way can be kept is left untranslated
and reported, never written broken.

ICU ``plural``/``select`` messages are placeholders of the text around them, but their
sub-messages are text: they are translated first, as units of their own (nested messages
recursively), and the message is rebuilt around them with its code unchanged; the unit's
source then carries the translated message (:attr:`Filled.source`). A unit whose mask has a
problem (a malformed ICU message) or one of whose sub-messages failed is left untranslated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import regex

from alignkit.documents.protect import TOKEN, Masked, check
from alignkit.translate.base import Translator
from alignkit.types import EngineOutput

How = Literal["whole", "split", "copy", "failed"]

_EDGES = regex.compile(r"^(\s*)(.*?)(\s*)$", regex.DOTALL)


@dataclass(frozen=True)
class Filled:
    """The outcome for one unit.

    Attributes:
        text: the verified translation, still masked (tokens in place); ``None`` when ``failed``.
        how: ``whole`` (translated as one text), ``split`` (fragments between the tags),
            ``copy`` (nothing to translate: only placeholders and punctuation) or ``failed``.
        problem: why the whole translation was refused (empty when it was kept).
        source: the masked source to restore :attr:`text` with when it is not the unit's own
            (its ICU messages carry their translated sub-messages), else ``None``.
        unknown: the words the engine did not know, over every sentence of the unit (its ICU
            sub-messages included), in order.
        confidence: the mean of the sentences' model confidences, ``None`` without any.
    """

    text: str | None
    how: How
    problem: str = ""
    source: Masked | None = None
    unknown: tuple[str, ...] = ()
    confidence: float | None = None


def fill(units: Sequence[Masked], translator: Translator, *, segmenter: str | None = "rules") -> list[Filled]:
    """Translate every masked unit with ``translator``; one :class:`Filled` per unit, in order.

    Args:
        units: masked unit texts.
        translator: an open translator (glossary and pivots are wrappers around it).
        segmenter: sentence segmenter applied inside each line (``None``: a line is one segment).
    """
    originals = list(units)
    units, problems_first, inner = _messages(units, translator, segmenter)
    results: list[Filled | None] = [
        Filled(None, "failed", problems_first[i]) if i in problems_first
        else Filled(u.text, "copy") if not u.has_words else None for i, u in enumerate(units)]
    todo = [i for i, r in enumerate(results) if r is None]
    whole = translate_texts([units[i].text for i in todo], translator, segmenter)
    retry: list[int] = []
    problems: dict[int, str] = {}
    for i, out in zip(todo, whole):
        problem = check(units[i], out.text)
        if problem is None:
            results[i] = Filled(out.text, "whole", unknown=out.unknown, confidence=out.confidence)
        else:
            retry.append(i)
            problems[i] = problem
    for i, out in zip(retry, _split([units[i] for i in retry], translator, segmenter)):
        if check(units[i], out.text) is None:
            results[i] = Filled(out.text, "split", problems[i], unknown=out.unknown, confidence=out.confidence)
        else:
            results[i] = Filled(None, "failed", problems[i])
    done = [r if r.text is None or units[i] is originals[i] else replace(r, source=units[i])
            for i, r in enumerate(results) if r is not None]
    return [replace(r, unknown=inner[i] + r.unknown) if inner.get(i) and r.text is not None else r
            for i, r in enumerate(done)]


def _messages(units: Sequence[Masked], translator: Translator, segmenter: str | None
              ) -> tuple[list[Masked], dict[int, str], dict[int, tuple[str, ...]]]:
    """The units with their ICU messages' sub-messages translated, why units must stay as they
    are, and the words the engine did not know in each unit's sub-messages.

    Every sub-message of every unit goes through :func:`fill` in one batch (nested messages
    recursively); a message is rebuilt only when all its sub-messages were kept.
    """
    problems = {i: u.problem for i, u in enumerate(units) if u.problem}
    where = [(i, k) for i, u in enumerate(units) if i not in problems
             for k, span in enumerate(u.spans) if span.icu is not None]
    if not where:
        return list(units), problems, {}
    unknown: dict[int, tuple[str, ...]] = {}
    bodies = [body for i, k in where for body in units[i].spans[k].icu.bodies]  # type: ignore[union-attr]
    done = iter(fill(bodies, translator, segmenter=segmenter))
    spans = {i: list(units[i].spans) for i, _ in where}
    for i, k in where:
        message = units[i].spans[k].icu
        texts = []
        for body in message.bodies:  # type: ignore[union-attr]
            filled = next(done)
            if filled.text is None:
                problems.setdefault(i, f"an ICU sub-message: {filled.problem}")
            else:
                texts.append((filled.source or body).restore(filled.text))
                unknown[i] = unknown.get(i, ()) + filled.unknown
        if i not in problems:
            spans[i][k] = replace(spans[i][k], text=message.render(texts))  # type: ignore[union-attr]
    out = [replace(u, spans=tuple(spans[i])) if i in spans and i not in problems else u for i, u in enumerate(units)]
    return out, problems, unknown


def _split(units: Sequence[Masked], translator: Translator, segmenter: str | None) -> list[EngineOutput]:
    """Translate the runs between tokens separately and join them around the source tokens."""
    runs = [TOKEN.split(u.text)[::2] for u in units]  # split keeps the captured index at odd places
    flat = [run for unit in runs for run in unit]
    done = iter(translate_texts(flat, translator, segmenter))
    out: list[EngineOutput] = []
    for unit in units:
        pieces = TOKEN.split(unit.text)
        parts = [next(done) if k % 2 == 0 else EngineOutput(f"\u27e6{piece}\u27e7") for k, piece in enumerate(pieces)]
        out.append(_merged("".join(p.text for p in parts), parts[::2]))
    return out


def _merged(text: str, outputs: Sequence[EngineOutput]) -> EngineOutput:
    """``text`` with the unknown words of ``outputs`` in order and the mean of the confidences
    they have (``None`` when none has one: nothing was translated, or the engine gives none)."""
    known = [o.confidence for o in outputs if o.confidence is not None]
    unknown = (TOKEN.sub("", w) for o in outputs for w in o.unknown)  # Apertium glues a token to its word
    return EngineOutput(text, tuple(w for w in unknown if w), sum(known) / len(known) if known else None)


def translate_texts(texts: Sequence[str], translator: Translator, segmenter: str | None = "rules"
                    ) -> list[EngineOutput]:
    """Translate texts keeping their layout: outer whitespace and every line break.

    Each line's core is split into sentences (``segmenter``); all sentences of all texts go
    to the engine in one batch. A line break the engine puts into a sentence becomes a space.
    Per text, the unknown words of its sentences are kept in order and their confidences
    averaged (:func:`_merged`).
    """
    plan: list[list[tuple[str, list[str], str]]] = []  # per text, per line: (lead, sentences, trail)
    batch: list[str] = []
    for text in texts:
        lines = []
        for line in text.split("\n"):
            lead, core, trail = _EDGES.match(line).groups()  # type: ignore[union-attr]
            sentences = _sentences(core, translator.src, segmenter) if core else []
            lines.append((lead, sentences, trail))
            batch.extend(s for s in sentences if regex.search(r"\p{L}", TOKEN.sub("", s)))
        plan.append(lines)
    outputs = iter(translator.translate(batch))
    result: list[EngineOutput] = []
    for lines in plan:
        rendered, used = [], []
        for lead, sentences, trail in lines:
            done = []
            for s in sentences:
                if regex.search(r"\p{L}", TOKEN.sub("", s)):
                    out = next(outputs)
                    used.append(out)
                    done.append(out.text.replace("\n", " "))
                else:
                    done.append(s)
            rendered.append(lead + _join(sentences, done) + trail)
        result.append(_merged("\n".join(rendered), used))
    return result


def _sentences(core: str, lang: str, segmenter: str | None) -> list[str]:
    """``core`` split into sentences with the whitespace between them kept on the sentence before."""
    if segmenter is None:
        return [core]
    from alignkit.segment import segment_text

    segments = segment_text(core, lang, segmenter=segmenter)
    if len(segments) <= 1:
        return [core]
    cuts = [s.start for s in segments[1:]]
    bounds = [0, *cuts, len(core)]
    return [core[a:b] for a, b in zip(bounds, bounds[1:])]


def _join(sources: list[str], done: list[str]) -> str:
    """Join translated sentences with the whitespace that followed each source sentence."""
    parts = []
    for src, out in zip(sources, done):
        trail = src[len(src.rstrip()):]
        parts.append(out.strip() + trail if out is not src else src)
    return "".join(parts)
